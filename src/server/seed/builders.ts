import type { Db } from "../db/kysely.ts";
import type { OrgRole, PersonStatus } from "../db/schema.ts";
import { newId } from "../lib/ids.ts";
import { nowIso } from "../lib/time.ts";
import { insertCredentialUser } from "../modules/invitations/invitations.repository.ts";

export async function insertOrganization(db: Db, name: string, slug: string): Promise<string> {
  const id = newId();
  const at = nowIso();
  await db.insertInto("organization").values({ id, name, slug, created_at: at, updated_at: at }).execute();
  return id;
}

export interface PersonSpec {
  organizationId: string;
  name: string;
  email: string;
  role?: OrgRole;
  status?: PersonStatus;
  title?: string | null;
  department?: string | null;
  seniority?: number | null;
  managerId?: string | null;
  location?: string | null;
  timeZone?: string;
  languages?: string[];
  skills?: { name: string; level: number }[];
  interests?: string[];
  careerGoals?: string | null;
  /** An argon2 hash; with it the person gets a sign-in account. */
  passwordHash?: string;
}

export async function insertPerson(db: Db, spec: PersonSpec): Promise<string> {
  const id = newId();
  const at = nowIso();
  const email = spec.email.toLowerCase();
  let userId: string | null = null;
  if (spec.passwordHash) {
    userId = newId();
    await insertCredentialUser(db, {
      id: userId,
      accountId: newId(),
      name: spec.name,
      email,
      passwordHash: spec.passwordHash,
      at,
    });
  }
  await db
    .insertInto("person")
    .values({
      id,
      organization_id: spec.organizationId,
      user_id: userId,
      email,
      name: spec.name,
      title: spec.title ?? null,
      department: spec.department ?? null,
      seniority: spec.seniority ?? null,
      manager_id: spec.managerId ?? null,
      location: spec.location ?? null,
      time_zone: spec.timeZone ?? "UTC",
      languages: JSON.stringify(spec.languages ?? ["English"]),
      skills: JSON.stringify(spec.skills ?? []),
      interests: JSON.stringify(spec.interests ?? []),
      career_goals: spec.careerGoals ?? null,
      org_role: spec.role ?? "member",
      status: spec.status ?? (userId ? "active" : "invited"),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
