import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { EnrolmentTable, ProgramStatus, ProgramTable } from "../../db/schema.ts";

const programColumns = [
  "p.id",
  "p.organization_id",
  "p.kind",
  "p.name",
  "p.description",
  "p.owner_id",
  "p.status",
  "p.enrolment_opens_at",
  "p.enrolment_closes_at",
  "p.eligibility",
  "p.questionnaire",
  "p.leadership_track",
  "p.created_at",
  "p.updated_at",
  "owner.name as owner_name",
] as const;

export function listPrograms(
  db: Db,
  organizationId: string,
  filter: { kind?: ProgramTable["kind"] | undefined; statuses: ProgramStatus[] },
) {
  let q = db
    .selectFrom("program as p")
    .innerJoin("person as owner", "owner.id", "p.owner_id")
    .select(programColumns)
    .where("p.organization_id", "=", organizationId)
    .where("p.status", "in", filter.statuses);
  if (filter.kind) q = q.where("p.kind", "=", filter.kind);
  return q.orderBy("p.enrolment_closes_at").orderBy("p.name").execute();
}

export type ProgramRow = Awaited<ReturnType<typeof listPrograms>>[number];

export function findProgram(db: Db, organizationId: string, id: string): Promise<ProgramRow | undefined> {
  return db
    .selectFrom("program as p")
    .innerJoin("person as owner", "owner.id", "p.owner_id")
    .select(programColumns)
    .where("p.organization_id", "=", organizationId)
    .where("p.id", "=", id)
    .executeTakeFirst();
}

export async function insertProgram(db: Db, row: ProgramTable) {
  await db.insertInto("program").values(row).execute();
}

export async function updateProgram(
  db: Db,
  organizationId: string,
  id: string,
  patch: Partial<ProgramTable>,
) {
  await db
    .updateTable("program")
    .set(patch)
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .execute();
}

export async function activeEnrolmentCounts(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("enrolment")
    .select(["program_id", (eb) => eb.fn.countAll().as("n")])
    .where("organization_id", "=", organizationId)
    .where("program_id", "in", programIds)
    .where("status", "=", "active")
    .groupBy("program_id")
    .execute();
  return new Map(rows.map((r) => [r.program_id, toCount(r.n as string | number)]));
}

export function enrolmentsOfPerson(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("enrolment")
    .select(["program_id", "role"])
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("status", "=", "active")
    .execute();
}

export function findEnrolment(db: Db, programId: string, personId: string, role: string) {
  return db
    .selectFrom("enrolment")
    .selectAll()
    .where("program_id", "=", programId)
    .where("person_id", "=", personId)
    .where("role", "=", role)
    .executeTakeFirst();
}

export async function insertEnrolment(db: Db, row: EnrolmentTable) {
  await db.insertInto("enrolment").values(row).execute();
}

export async function updateEnrolment(db: Db, id: string, patch: Partial<EnrolmentTable>) {
  await db.updateTable("enrolment").set(patch).where("id", "=", id).execute();
}

export function listEnrolments(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom("enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "e.program_id",
      "e.role",
      "e.status",
      "e.answers",
      "e.created_at",
      "p.id as person_id",
      "p.name as person_name",
      "p.department",
      "p.title",
    ])
    .where("e.organization_id", "=", organizationId)
    .where("e.program_id", "=", programId)
    .orderBy("e.created_at")
    .execute();
}
