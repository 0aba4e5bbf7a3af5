import type { Insertable } from "kysely";
import type { Db } from "../../db/kysely.ts";
import type { XapiConnectionTable, XapiStatementStatus, XapiStatementTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

export const findConnection = (db: Db, organizationId: string) =>
  db
    .selectFrom("xapi_connection")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();

export async function saveConnection(db: Db, row: XapiConnectionTable) {
  const { organization_id: _org, created_at: _created, ...changes } = row;
  await db
    .insertInto("xapi_connection")
    .values(row)
    .onConflict((oc) => oc.column("organization_id").doUpdateSet(changes))
    .execute();
}

/** Adds the statement unless one for the same event exists; true when it was added. */
export async function insertStatement(db: Db, row: Insertable<XapiStatementTable>): Promise<boolean> {
  const result = await db
    .insertInto("xapi_statement")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "event_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const findStatement = (db: Db, id: string) =>
  db.selectFrom("xapi_statement").selectAll().where("id", "=", id).executeTakeFirst();

export async function updateStatement(
  db: Db,
  id: string,
  changes: {
    status: XapiStatementStatus;
    attempts: number;
    last_error: string | null;
    updated_at: string;
    sent_at?: string | null;
  },
) {
  await db.updateTable("xapi_statement").set(changes).where("id", "=", id).execute();
}

const newestFirst: SortKey[] = [
  { column: "s.created_at", direction: "desc" },
  { column: "s.id", direction: "desc" },
];

/** The statement log's rows of an organization, with the learner's name. */
const statementRows = (db: Db, organizationId: string) =>
  db
    .selectFrom("xapi_statement as s")
    .leftJoin("person as p", (j) =>
      j.onRef("p.id", "=", "s.person_id").onRef("p.organization_id", "=", "s.organization_id"),
    )
    .select([
      "s.id",
      "s.statement_id",
      "s.event",
      "s.verb_id",
      "s.object_id",
      "s.object_name",
      "s.status",
      "s.attempts",
      "s.last_error",
      "s.created_at",
      "s.sent_at",
      "s.person_id",
      "p.name as person_name",
    ])
    .where("s.organization_id", "=", organizationId);

export async function listStatements(db: Db, organizationId: string, page: PageRequest) {
  const q = statementRows(db, organizationId);
  return pageOf(await keyset(q, newestFirst, page).execute(), page, (r) => [r.created_at, r.id]);
}

export const findStatementRow = (db: Db, organizationId: string, id: string) =>
  statementRows(db, organizationId).where("s.id", "=", id).executeTakeFirst();

export type StatementListRow = NonNullable<Awaited<ReturnType<typeof findStatementRow>>>;

export const findLearner = (db: Db, organizationId: string, personId: string) =>
  db
    .selectFrom("person")
    .select(["id", "name", "email"])
    .where("organization_id", "=", organizationId)
    .where("id", "=", personId)
    .executeTakeFirst();

/** The course, the cohort and the trainee's enrolment in it. */
export const findCohortFacts = (db: Db, organizationId: string, cohortId: string, personId: string) =>
  db
    .selectFrom("training_cohort as h")
    .innerJoin("training_course as c", "c.id", "h.course_id")
    .leftJoin("training_enrolment as e", (j) =>
      j.onRef("e.cohort_id", "=", "h.id").on("e.person_id", "=", personId),
    )
    .select([
      "h.id as cohort_id",
      "h.name as cohort_name",
      "c.id as course_id",
      "c.title as course_title",
      "e.id as enrolment_id",
    ])
    .where("h.organization_id", "=", organizationId)
    .where("h.id", "=", cohortId)
    .executeTakeFirst();

export const findLessonTitle = (db: Db, organizationId: string, lessonId: string) =>
  db
    .selectFrom("training_lesson")
    .select(["id", "title"])
    .where("organization_id", "=", organizationId)
    .where("id", "=", lessonId)
    .executeTakeFirst();

export const findAssessmentTitle = (db: Db, organizationId: string, assessmentId: string) =>
  db
    .selectFrom("training_assessment")
    .select(["id", "title"])
    .where("organization_id", "=", organizationId)
    .where("id", "=", assessmentId)
    .executeTakeFirst();
