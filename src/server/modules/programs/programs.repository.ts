import { type SqlBool, sql } from "kysely";
import { type Db, isPostgres } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { EnrolmentTable, ProgramStatus, ProgramTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

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

export interface ProgramFilter {
  kind?: ProgramTable["kind"] | undefined;
  kinds?: ProgramTable["kind"][] | undefined;
  statuses: ProgramStatus[];
  /** Only programs whose enrolment window is open at this instant. */
  openAt?: string | undefined;
  /** Only programs whose eligibility rule admits this person. */
  eligible?: { department: string | null; seniority: number | null } | undefined;
  /** Only programs this person is actively enrolled in. */
  enrolledPersonId?: string | undefined;
}

/** The programs matching the filter, unordered (pages and lists order them). */
export function programsQuery(db: Db, organizationId: string, filter: ProgramFilter) {
  let q = db
    .selectFrom("program as p")
    .innerJoin("person as owner", "owner.id", "p.owner_id")
    .select(programColumns)
    .where("p.organization_id", "=", organizationId)
    .where("p.status", "in", filter.statuses);
  if (filter.kind) q = q.where("p.kind", "=", filter.kind);
  if (filter.kinds) q = q.where("p.kind", "in", filter.kinds);
  if (filter.openAt) {
    q = q
      .where("p.enrolment_opens_at", "<=", filter.openAt)
      .where("p.enrolment_closes_at", ">=", filter.openAt);
  }
  const eligible = filter.eligible;
  if (eligible) q = q.where(admits(db, eligible));
  const personId = filter.enrolledPersonId;
  if (personId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("enrolment as e")
          .select(sql.lit(1).as("one"))
          .whereRef("e.program_id", "=", "p.id")
          .where("e.person_id", "=", personId)
          .where("e.status", "=", "active"),
      ),
    );
  }
  return q;
}

/**
 * The eligibility rule (JSON text, see checkEligibility) read in SQL so that lists of programs a person can
 * join page correctly: every department when the list is empty, and each seniority bound when set.
 */
function admits(db: Db, person: { department: string | null; seniority: number | null }) {
  const pg = isPostgres(db);
  const rule = pg ? sql`(p.eligibility::jsonb)` : sql`p.eligibility`;
  const field = (name: string) =>
    pg ? sql`(${rule} ->> ${sql.lit(name)})::int` : sql`json_extract(${rule}, ${sql.lit(`$.${name}`)})`;
  const departments = pg
    ? sql<SqlBool>`coalesce(jsonb_array_length(${rule} -> 'departments'), 0) = 0`
    : sql<SqlBool>`coalesce(json_array_length(${rule}, '$.departments'), 0) = 0`;
  const inDepartment =
    person.department === null
      ? null
      : pg
        ? sql<SqlBool>`(${rule} -> 'departments') @> jsonb_build_array(${person.department}::text)`
        : sql<SqlBool>`exists (select 1 from json_each(${rule}, '$.departments') where value = ${person.department})`;
  const bound = (name: string, op: "<=" | ">=") =>
    person.seniority === null
      ? sql<SqlBool>`${field(name)} is null`
      : sql<SqlBool>`(${field(name)} is null or ${field(name)} ${sql.raw(op)} ${person.seniority})`;
  const department = inDepartment ? sql<SqlBool>`(${departments} or ${inDepartment})` : departments;
  return sql<SqlBool>`(${department} and ${bound("minSeniority", "<=")} and ${bound("maxSeniority", ">=")})`;
}

/** Every program matching the filter, by enrolment close date then name (for analytics and the advisor). */
export function listPrograms(db: Db, organizationId: string, filter: ProgramFilter) {
  return programsQuery(db, organizationId, filter)
    .orderBy("p.enrolment_closes_at")
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
}

const byClosingDate: SortKey[] = [
  { column: "p.enrolment_closes_at", direction: "asc" },
  { column: "p.name", direction: "asc" },
  { column: "p.id", direction: "asc" },
];

export async function pagePrograms(db: Db, organizationId: string, filter: ProgramFilter & PageRequest) {
  const rows = await keyset(programsQuery(db, organizationId, filter), byClosingDate, filter).execute();
  return pageOf(rows, filter, (r) => [r.enrolment_closes_at, r.name, r.id]);
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

/** The person's active enrolments, in the given programs only when `programIds` is passed. */
export function enrolmentsOfPerson(db: Db, organizationId: string, personId: string, programIds?: string[]) {
  if (programIds?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom("enrolment")
    .select(["program_id", "role"])
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("status", "=", "active");
  if (programIds) q = q.where("program_id", "in", programIds);
  return q.execute();
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

export async function listEnrolments(db: Db, organizationId: string, programId: string, page: PageRequest) {
  const q = db
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
    .where("e.program_id", "=", programId);
  const keys: SortKey[] = [
    { column: "e.created_at", direction: "asc" },
    { column: "e.id", direction: "asc" },
  ];
  const [rows, total] = await Promise.all([
    keyset(q, keys, page).execute(),
    db
      .selectFrom("enrolment")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("organization_id", "=", organizationId)
      .where("program_id", "=", programId)
      .executeTakeFirst(),
  ]);
  return {
    ...pageOf(rows, page, (r) => [r.created_at, r.id]),
    total: toCount(total?.n as string | number | undefined),
  };
}
