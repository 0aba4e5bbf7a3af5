import { wouldCreateCycle } from "../../../domain/people/reporting-line.ts";
import type { Db } from "../../db/kysely.ts";
import type { OrgRole } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { parseJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import {
  type PoolWithdrawals,
  revokeOpenInvitations,
  withdrawFromOpenPools,
} from "./deactivation.repository.ts";
import { isAuditedProfileRead, seesFullProfile } from "./people.policy.ts";
import type { Facet, PeopleFilter, PersonRow } from "./people.repository.ts";
import * as repo from "./people.repository.ts";
import { FACET_SUMMARY_SIZE, type PersonDto, type PersonSummaryDto } from "./people.schemas.ts";

export function toSummary(p: PersonRow): PersonSummaryDto {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    timeZone: p.time_zone,
    languages: parseJson<string[]>(p.languages, []),
    orgRole: p.org_role,
    status: p.status,
  };
}

async function toPerson(db: Db, viewer: Actor, p: PersonRow): Promise<PersonDto> {
  const full = seesFullProfile(viewer, p.id);
  const [managerRefs, reports] = await Promise.all([
    p.manager_id ? repo.findPeopleRefs(db, p.organization_id, [p.manager_id]) : Promise.resolve([]),
    repo.directReportsOf(db, p.organization_id, p.id),
  ]);
  return {
    ...toSummary(p),
    seniority: full ? p.seniority : null,
    careerGoals: full ? p.career_goals : null,
    manager: managerRefs[0] ?? null,
    directReports: reports.shown,
    directReportCount: reports.total,
    skills: parseJson(p.skills, []),
    interests: parseJson(p.interests, []),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    visibility: full ? "full" : "directory",
  };
}

async function requirePerson(db: Db, actor: Actor, id: string): Promise<PersonRow> {
  const person = await repo.findPerson(db, actor.organizationId, id);
  if (!person) throw errors.notFound("Person");
  return person;
}

export async function getMe(db: Db, actor: Actor) {
  const [person, org] = await Promise.all([
    requirePerson(db, actor, actor.personId),
    findOrganization(db, actor.organizationId),
  ]);
  if (!org) throw errors.notFound("Organization");
  return {
    person: await toPerson(db, actor, person),
    organization: { id: org.id, name: org.name, slug: org.slug },
  };
}

export async function listDirectory(
  db: Db,
  actor: Actor,
  { reportsTo, ...filter }: Omit<PeopleFilter, "belowId"> & { reportsTo?: "me" | undefined },
) {
  const { rows, nextCursor, total } = await repo.listPeople(db, actor.organizationId, {
    ...filter,
    belowId: reportsTo === "me" ? actor.personId : undefined,
  });
  return { items: rows.map(toSummary), nextCursor, total };
}

/** A page of one facet's values, the most common first, optionally only those containing `q`. */
export async function facetValues(
  db: Db,
  actor: Actor,
  facet: Facet,
  query: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const { rows, nextCursor, total } = await repo.facetPage(db, actor.organizationId, facet, query);
  return { items: rows, nextCursor, total };
}

/** The most common values of each facet, to filter the directory by; the rest are searched per facet. */
/** The most common values of each facet, to filter the directory by; the rest are searched per facet. */
export async function directoryFacets(db: Db, actor: Actor) {
  const first = { limit: FACET_SUMMARY_SIZE };
  const [departments, locations, languages] = await Promise.all([
    facetValues(db, actor, "department", first),
    facetValues(db, actor, "location", first),
    facetValues(db, actor, "language", first),
  ]);
  return { departments, locations, languages };
}

export async function readProfile(db: Db, actor: Actor, id: string, ip: string | null) {
  const person = await requirePerson(db, actor, id);
  if (isAuditedProfileRead(actor, id)) {
    await insertAuditEvent(db, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "person.profile_read",
      targetType: "person",
      targetId: id,
      ipAddress: ip,
    });
  }
  return toPerson(db, actor, person);
}

export interface ProfilePatch {
  name?: string | undefined;
  title?: string | null | undefined;
  location?: string | null | undefined;
  timeZone?: string | undefined;
  languages?: string[] | undefined;
  skills?: { name: string; level: number }[] | undefined;
  interests?: string[] | undefined;
  careerGoals?: string | null | undefined;
  department?: string | null | undefined;
  seniority?: number | null | undefined;
  managerId?: string | null | undefined;
}

function toRowPatch(patch: ProfilePatch): Partial<PersonRow> {
  const row: Partial<PersonRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.title !== undefined) row.title = patch.title;
  if (patch.location !== undefined) row.location = patch.location;
  if (patch.timeZone !== undefined) row.time_zone = patch.timeZone;
  if (patch.languages !== undefined) row.languages = JSON.stringify(patch.languages);
  if (patch.skills !== undefined) row.skills = JSON.stringify(patch.skills);
  if (patch.interests !== undefined) row.interests = JSON.stringify(patch.interests);
  if (patch.careerGoals !== undefined) row.career_goals = patch.careerGoals;
  if (patch.department !== undefined) row.department = patch.department;
  if (patch.seniority !== undefined) row.seniority = patch.seniority;
  if (patch.managerId !== undefined) row.manager_id = patch.managerId;
  return row;
}

async function checkManager(db: Db, actor: Actor, personId: string, managerId: string) {
  const manager = await repo.findPerson(db, actor.organizationId, managerId);
  if (!manager) {
    throw errors.unprocessable(
      "people.manager_not_found",
      "The manager is not a person in this organization.",
      {
        field: "managerId",
      },
    );
  }
  const chain = await repo.managerChainRows(db, actor.organizationId, managerId);
  const managerOf = new Map(chain.map((r) => [r.id, r.manager_id]));
  if (wouldCreateCycle(personId, managerId, (id) => managerOf.get(id))) {
    throw errors.unprocessable(
      "people.reporting_cycle",
      "That manager reports to this person, directly or indirectly; the reporting line would loop.",
      { field: "managerId" },
    );
  }
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  id: string,
  patch: ProfilePatch,
  ip: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, actor, id);
    if (patch.managerId) await checkManager(trx, actor, id, patch.managerId);
    const row = toRowPatch(patch);
    await repo.updatePerson(trx, actor.organizationId, id, { ...row, updated_at: nowIso() });
    if (actor.personId !== id) {
      await insertAuditEvent(trx, {
        organizationId: actor.organizationId,
        actorPersonId: actor.personId,
        action: "person.profile_updated",
        targetType: "person",
        targetId: id,
        ipAddress: ip,
        details: { fields: Object.keys(patch) },
      });
    }
    const updated = await requirePerson(trx, actor, person.id);
    return toPerson(trx, actor, updated);
  });
}

async function ensureAnotherAdminRemains(db: Db, person: PersonRow) {
  if (person.org_role === "org_admin" && person.status === "active") {
    const admins = await repo.countActiveAdmins(db, person.organization_id);
    if (admins <= 1) {
      throw errors.conflict(
        "people.last_admin",
        "This is the organization's only active admin. Make someone else an admin first.",
      );
    }
  }
}

export async function changeRole(db: Db, actor: Actor, id: string, role: OrgRole, ip: string | null) {
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, actor, id);
    if (person.org_role === role) return toPerson(trx, actor, person);
    if (role !== "org_admin") await ensureAnotherAdminRemains(trx, person);
    await repo.updatePerson(trx, actor.organizationId, id, { org_role: role, updated_at: nowIso() });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "person.role_changed",
      targetType: "person",
      targetId: id,
      ipAddress: ip,
      details: { from: person.org_role, to: role },
    });
    return toPerson(trx, actor, { ...person, org_role: role });
  });
}

export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  status: "active" | "deactivated",
  ip: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, actor, id);
    if (person.status === status) return toPerson(trx, actor, person);
    if (person.status === "invited") {
      throw errors.conflict("people.invitation_pending", "This person has not accepted the invitation yet.");
    }
    await setPersonStatus(trx, person, status, { actorPersonId: actor.personId, ip });
    return toPerson(trx, actor, { ...person, status });
  });
}

export interface StatusChangedBy {
  actorPersonId: string | null;
  ip: string | null;
  /** Added to the audit entry, e.g. which SCIM token made the change. */
  details?: Record<string, unknown>;
}

/**
 * The one way a person is deactivated or brought back, whoever asks (an admin, SCIM provisioning): run it in
 * the caller's transaction. Deactivation keeps the last active admin, ends every session at once, revokes a
 * pending invitation and takes the person out of open pools (see withdrawFromOpenPools); their relationships
 * and records stay. Bringing someone back does not re-enrol them. `invited` is for someone who never accepted.
 */
export async function setPersonStatus(
  trx: Db,
  person: PersonRow,
  status: "active" | "invited" | "deactivated",
  by: StatusChangedBy,
) {
  if (person.status === status) return;
  const now = nowIso();
  let withdrawn: PoolWithdrawals | null = null;
  if (status === "deactivated") {
    await ensureAnotherAdminRemains(trx, person);
    if (person.user_id) await repo.revokeSessionsOfUser(trx, person.user_id);
    await revokeOpenInvitations(trx, person.organization_id, person.id, now);
    withdrawn = await withdrawFromOpenPools(trx, person.organization_id, person.id, now);
  }
  await repo.updatePerson(trx, person.organization_id, person.id, { status, updated_at: now });
  await insertAuditEvent(trx, {
    organizationId: person.organization_id,
    actorPersonId: by.actorPersonId,
    action: status === "deactivated" ? "person.deactivated" : "person.reactivated",
    targetType: "person",
    targetId: person.id,
    ipAddress: by.ip,
    ...(withdrawn || by.details ? { details: { ...by.details, ...(withdrawn ? { withdrawn } : {}) } } : {}),
  });
  if (status === "deactivated")
    await emitEvent(trx, person.organization_id, "person.deactivated", {
      personId: person.id,
      deactivatedAt: now,
    });
}

/** Whether `managerId` is above `personId` in the reporting line, directly or further up. */
export async function isAbove(db: Db, organizationId: string, managerId: string, personId: string) {
  if (managerId === personId) return false;
  const chain = await repo.managerChainRows(db, organizationId, personId);
  return chain.some((row) => row.id === managerId);
}
