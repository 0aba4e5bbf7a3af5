import { sql } from "kysely";
import type { Db } from "../../db/kysely.ts";
import type { AdvisorResponseTable, ProgramKind } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, pageWithTotal, type SortKey } from "../../lib/pagination.ts";
import { programsQuery } from "../programs/programs.repository.ts";

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

export function findPublishedCourse(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("training_course")
    .select(["id", "title"])
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
}

/**
 * Open programs of one kind that admit the person, a page: those with an open cohort (not ended by `today`)
 * of the named course first, then by name; with how many there are in all.
 */
export function pageAdvisedPrograms(
  db: Db,
  organizationId: string,
  filter: {
    kind: ProgramKind;
    openAt: string;
    today: string;
    courseId: string | null;
    eligible: { department: string | null; seniority: number | null };
  } & PageRequest,
) {
  const { courseId } = filter;
  const programs = programsQuery(db, organizationId, {
    kind: filter.kind,
    statuses: ["published"],
    openAt: filter.openAt,
    eligible: filter.eligible,
  }).select((eb) =>
    (courseId
      ? sql<number>`case when ${eb.exists(
          eb
            .selectFrom("training_cohort as c")
            .select(sql.lit(1).as("one"))
            .whereRef("c.program_id", "=", "p.id")
            .where("c.course_id", "=", courseId)
            .where("c.status", "=", "open")
            .where("c.end_date", ">=", filter.today),
        )} then 1 else 0 end`
      : sql<number>`0`
    ).as("teaches"),
  );
  const query = db.selectFrom(programs.as("x")).selectAll("x");
  return pageWithTotal(db, query, teachesFirst, filter, (r) => [Number(r.teaches), r.name, r.id]);
}

const teachesFirst: SortKey[] = [
  { column: "x.teaches", direction: "desc" },
  { column: "x.name", direction: "asc" },
  { column: "x.id", direction: "asc" },
];
