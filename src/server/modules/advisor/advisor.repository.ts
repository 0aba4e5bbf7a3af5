import type { Db } from "../../db/kysely.ts";
import type { AdvisorResponseTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

export async function insertResponse(db: Db, row: AdvisorResponseTable) {
  await db.insertInto("advisor_response").values(row).execute();
}

const responseColumns = [
  "r.id",
  "r.organization_id",
  "r.person_id",
  "subject.name as person_name",
  "r.taken_by",
  "taker.name as taken_by_name",
  "r.answers",
  "r.recommendation",
  "r.created_at",
] as const;

function responses(db: Db, organizationId: string) {
  return db
    .selectFrom("advisor_response as r")
    .innerJoin("person as subject", "subject.id", "r.person_id")
    .innerJoin("person as taker", "taker.id", "r.taken_by")
    .select(responseColumns)
    .where("r.organization_id", "=", organizationId);
}

export function findResponse(db: Db, organizationId: string, id: string) {
  return responses(db, organizationId).where("r.id", "=", id).executeTakeFirst();
}

export type ResponseRow = NonNullable<Awaited<ReturnType<typeof findResponse>>>;

const newestFirst: SortKey[] = [
  { column: "r.created_at", direction: "desc" },
  { column: "r.id", direction: "desc" },
];

export async function responsesOfPerson(db: Db, organizationId: string, personId: string, page: PageRequest) {
  const q = responses(db, organizationId).where("r.person_id", "=", personId);
  return pageOf(await keyset(q, newestFirst, page).execute(), page, (r) => [r.created_at, r.id]);
}

export function publishedCourses(db: Db, organizationId: string) {
  return db
    .selectFrom("training_course")
    .select(["id", "title", "competencies"])
    .where("organization_id", "=", organizationId)
    .where("status", "=", "published")
    .orderBy("title")
    .execute();
}

export function findPublishedCourse(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("training_course")
    .select(["id", "title"])
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
}

/** Training programs with an open cohort of the course that has not ended by `today`. */
export async function programsTeachingCourse(
  db: Db,
  organizationId: string,
  courseId: string,
  today: string,
) {
  const rows = await db
    .selectFrom("training_cohort")
    .select("program_id")
    .distinct()
    .where("organization_id", "=", organizationId)
    .where("course_id", "=", courseId)
    .where("status", "=", "open")
    .where("end_date", ">=", today)
    .execute();
  return new Set(rows.map((r) => r.program_id));
}
