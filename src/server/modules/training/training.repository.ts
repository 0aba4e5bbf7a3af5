import { sql } from "kysely";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type {
  OrganizationSigningKeyTable,
  TrainingAssessmentTable,
  TrainingAssigneeTable,
  TrainingAssignmentTable,
  TrainingAttendanceTable,
  TrainingCertificateTable,
  TrainingCohortTable,
  TrainingCourseTable,
  TrainingEnrolmentTable,
  TrainingLessonTable,
  TrainingModuleTable,
  TrainingPracticalGradeTable,
  TrainingQuizAttemptTable,
  TrainingReminderTable,
  TrainingSessionTable,
  TrainingSubmissionTable,
} from "../../db/schema.ts";
import { anyContains } from "../../db/text-match.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

// Courses

export const findCourse = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_course")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export const courseById = (db: Db, id: string) =>
  db.selectFrom("training_course").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

export interface CourseFilter {
  statuses: TrainingCourseTable["status"][];
  /** Matched, ignoring case, in the title, the summary and the competencies. */
  q?: string | undefined;
}

function coursesQuery(db: Db, organizationId: string, f: CourseFilter) {
  let q = db
    .selectFrom("training_course as c")
    .where("c.organization_id", "=", organizationId)
    .where("c.status", "in", f.statuses);
  if (f.q) q = q.where(anyContains(["c.title", "c.summary", "c.competencies"], f.q));
  return q;
}

const byTitle: SortKey[] = [
  { column: "c.title", direction: "asc" },
  { column: "c.id", direction: "asc" },
];

/** A page of the catalog by title, with each course's lesson, assessment and cohort counts, and the total. */
export async function pageCourses(db: Db, organizationId: string, f: CourseFilter & PageRequest) {
  const q = coursesQuery(db, organizationId, f);
  const [rows, total] = await Promise.all([
    keyset(q.selectAll("c"), byTitle, f).execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  const page = pageOf(rows, f, (r) => [r.title, r.id]);
  const ids = page.rows.map((r) => r.id);
  const countBy = async (table: "training_lesson" | "training_assessment" | "training_cohort") => {
    if (ids.length === 0) return new Map<string, number>();
    const counts = await db
      .selectFrom(table)
      .select(["course_id", (eb) => eb.fn.countAll().as("n")])
      .where("course_id", "in", ids)
      .groupBy("course_id")
      .execute();
    return new Map(counts.map((r) => [r.course_id, toCount(r.n as number | string)]));
  };
  const [lessons, assessments, cohorts] = await Promise.all([
    countBy("training_lesson"),
    countBy("training_assessment"),
    countBy("training_cohort"),
  ]);
  return {
    rows: page.rows.map((c) => ({
      ...c,
      lessons: lessons.get(c.id) ?? 0,
      assessments: assessments.get(c.id) ?? 0,
      cohorts: cohorts.get(c.id) ?? 0,
    })),
    nextCursor: page.nextCursor,
    total: toCount(total?.n as number | string | undefined),
  };
}

/** How many courses of each status the catalog holds (the search left out). */
export async function courseStatusCounts(
  db: Db,
  organizationId: string,
  statuses: TrainingCourseTable["status"][],
) {
  const rows = await coursesQuery(db, organizationId, { statuses })
    .select(["c.status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("c.status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, toCount(r.n as number | string)]));
}

export const modulesOf = (db: Db, courseId: string) =>
  db
    .selectFrom("training_module")
    .selectAll()
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();

export const lessonsOf = (db: Db, courseId: string) =>
  db
    .selectFrom("training_lesson")
    .selectAll()
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();

export const assessmentsOf = (db: Db, courseId: string) =>
  db
    .selectFrom("training_assessment")
    .selectAll()
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();

export const findModule = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_module")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export const findLesson = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_lesson")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export const findAssessment = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_assessment")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function insertCourse(db: Db, row: TrainingCourseTable) {
  await db.insertInto("training_course").values(row).execute();
}
export async function updateCourse(db: Db, id: string, patch: Partial<TrainingCourseTable>) {
  await db.updateTable("training_course").set(patch).where("id", "=", id).execute();
}
export async function insertModule(db: Db, row: TrainingModuleTable) {
  await db.insertInto("training_module").values(row).execute();
}
export async function updateModule(db: Db, id: string, patch: Partial<TrainingModuleTable>) {
  await db.updateTable("training_module").set(patch).where("id", "=", id).execute();
}
export async function insertLesson(db: Db, row: TrainingLessonTable) {
  await db.insertInto("training_lesson").values(row).execute();
}
export async function updateLesson(db: Db, id: string, patch: Partial<TrainingLessonTable>) {
  await db.updateTable("training_lesson").set(patch).where("id", "=", id).execute();
}
export async function insertAssessment(db: Db, row: TrainingAssessmentTable) {
  await db.insertInto("training_assessment").values(row).execute();
}
export async function updateAssessment(db: Db, id: string, patch: Partial<TrainingAssessmentTable>) {
  await db.updateTable("training_assessment").set(patch).where("id", "=", id).execute();
}
export async function deleteModule(db: Db, id: string) {
  await db.deleteFrom("training_lesson").where("module_id", "=", id).execute();
  await db.deleteFrom("training_module").where("id", "=", id).execute();
}
export async function deleteLesson(db: Db, id: string) {
  await db.deleteFrom("training_lesson").where("id", "=", id).execute();
}
export async function deleteAssessment(db: Db, id: string) {
  await db.deleteFrom("training_assessment").where("id", "=", id).execute();
}
export async function nextPosition(
  db: Db,
  table: "training_module" | "training_assessment",
  courseId: string,
) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max("position").as("p"))
    .where("course_id", "=", courseId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}
export async function nextLessonPosition(db: Db, moduleId: string) {
  const r = await db
    .selectFrom("training_lesson")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("module_id", "=", moduleId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}
export async function countCohortsOfCourse(db: Db, courseId: string) {
  const r = await db
    .selectFrom("training_cohort")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("course_id", "=", courseId)
    .executeTakeFirst();
  return toCount(r?.n as number | string | undefined);
}

// Cohorts

function cohortsQuery(db: Db, organizationId: string) {
  return db
    .selectFrom("training_cohort as h")
    .innerJoin("training_course as c", "c.id", "h.course_id")
    .innerJoin("program as p", "p.id", "h.program_id")
    .selectAll("h")
    .select(["c.title as course_title", "p.name as program_name", "p.owner_id as program_owner_id"])
    .where("h.organization_id", "=", organizationId);
}
export const findCohort = (db: Db, organizationId: string, id: string) =>
  cohortsQuery(db, organizationId).where("h.id", "=", id).executeTakeFirst();
export type CohortRow = NonNullable<Awaited<ReturnType<typeof findCohort>>>;

/** A program holds at most this many cohorts, so its cohort list and dashboard stay whole. */
export const MAX_COHORTS_PER_PROGRAM = 200;

/** A cohort holds at most this many sessions, so its page, schedule and attendance stay whole. */
export const MAX_SESSIONS_PER_COHORT = 200;

/** A cohort's waitlist holds at most this many people (as many as the most seats a cohort can have). */
export const MAX_WAITLIST = 1000;

export const cohortsOfProgram = (db: Db, organizationId: string, programId: string) =>
  cohortsQuery(db, organizationId)
    .where("h.program_id", "=", programId)
    .orderBy("h.start_date")
    .orderBy("h.id")
    .limit(MAX_COHORTS_PER_PROGRAM)
    .execute();

export async function countCohortsOfProgram(db: Db, programId: string) {
  const r = await db
    .selectFrom("training_cohort")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  return toCount(r?.n as number | string | undefined);
}

export const cohortsByIds = (db: Db, organizationId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : cohortsQuery(db, organizationId).where("h.id", "in", ids).orderBy("h.start_date").execute();

/** How many open cohorts of one course are offered next to a mandatory assignment of it. */
export const OPEN_COHORTS_PER_COURSE = 5;

/** Of each course, the open cohorts of published programs not yet ended on `today`, the soonest first. */
export const openCohortsOfCourses = (db: Db, organizationId: string, courseIds: string[], today: string) =>
  courseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom(
          cohortsQuery(db, organizationId)
            .where("h.course_id", "in", courseIds)
            .where("h.status", "=", "open")
            .where("p.status", "=", "published")
            .where("h.end_date", ">=", today)
            .select(
              sql<number>`row_number() over (partition by h.course_id order by h.start_date, h.id)`.as(
                "course_rank",
              ),
            )
            .as("o"),
        )
        .selectAll()
        .where("o.course_rank", "<=", OPEN_COHORTS_PER_COURSE)
        .orderBy("o.start_date")
        .orderBy("o.id")
        .execute();

export async function insertCohort(db: Db, row: TrainingCohortTable) {
  await db.insertInto("training_cohort").values(row).execute();
}
export async function updateCohort(db: Db, id: string, patch: Partial<TrainingCohortTable>) {
  await db.updateTable("training_cohort").set(patch).where("id", "=", id).execute();
}

export const trainersOf = (db: Db, cohortIds: string[]) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_cohort_trainer as t")
        .innerJoin("person as p", "p.id", "t.person_id")
        .select(["t.cohort_id", "p.id", "p.name"])
        .where("t.cohort_id", "in", cohortIds)
        .orderBy("p.name")
        .execute();

export async function replaceTrainers(
  db: Db,
  organizationId: string,
  cohortId: string,
  personIds: string[],
  now: string,
  ids: () => string,
) {
  await db.deleteFrom("training_cohort_trainer").where("cohort_id", "=", cohortId).execute();
  await db
    .insertInto("training_cohort_trainer")
    .values(
      personIds.map((person_id) => ({
        id: ids(),
        organization_id: organizationId,
        cohort_id: cohortId,
        person_id,
        created_at: now,
      })),
    )
    .execute();
}

/** The cohorts this person teaches, or of those only the ones ending on or after `endingFrom` (a date). */
export const cohortIdsTaughtBy = async (db: Db, personId: string, endingFrom?: string) => {
  let q = db
    .selectFrom("training_cohort_trainer as t")
    .select("t.cohort_id")
    .where("t.person_id", "=", personId);
  if (endingFrom)
    q = q.innerJoin("training_cohort as h", "h.id", "t.cohort_id").where("h.end_date", ">=", endingFrom);
  return (await q.execute()).map((r) => r.cohort_id);
};

/** The cohorts this person teaches, as cohort rows. */
export const taughtCohorts = (db: Db, organizationId: string, personId: string) =>
  cohortsQuery(db, organizationId).where("h.id", "in", (eb) =>
    eb.selectFrom("training_cohort_trainer as t").select("t.cohort_id").where("t.person_id", "=", personId),
  );

// Enrolment

export const enrolmentsOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_enrolment as e")
        .innerJoin("person as p", "p.id", "e.person_id")
        .selectAll("e")
        .select(["p.name", "p.department"])
        .where("e.cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("e.person_id", "=", personId as string))
        .where("e.status", "!=", "withdrawn")
        .orderBy("p.name")
        .execute();
export type EnrolmentRow = Awaited<ReturnType<typeof enrolmentsOf>>[number];

export const findEnrolment = (db: Db, cohortId: string, personId: string) =>
  db
    .selectFrom("training_enrolment")
    .selectAll()
    .where("cohort_id", "=", cohortId)
    .where("person_id", "=", personId)
    .executeTakeFirst();

export const enrolmentsOfPerson = (db: Db, organizationId: string, personId: string) =>
  db
    .selectFrom("training_enrolment")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("status", "!=", "withdrawn")
    .execute();

export async function insertEnrolment(db: Db, row: TrainingEnrolmentTable) {
  await db.insertInto("training_enrolment").values(row).execute();
}
export async function updateEnrolment(db: Db, id: string, patch: Partial<TrainingEnrolmentTable>) {
  await db.updateTable("training_enrolment").set(patch).where("id", "=", id).execute();
}

/** Locks the cohort row on PostgreSQL so that two enrolments cannot both take the last seat. */
export async function lockCohort(db: Db, engine: "sqlite" | "postgres", id: string) {
  if (engine === "postgres")
    await db.selectFrom("training_cohort").select("id").where("id", "=", id).forUpdate().execute();
  else
    await db
      .updateTable("training_cohort")
      .set({ seats: (eb) => eb.ref("seats") })
      .where("id", "=", id)
      .execute();
}

export const seatsOf = (db: Db, cohortId: string) =>
  db
    .selectFrom("training_cohort")
    .select(["seats", "status"])
    .where("id", "=", cohortId)
    .executeTakeFirstOrThrow();

/** Who holds or waits for a seat, in waitlist order. */
export const queueOf = (db: Db, cohortId: string) =>
  db
    .selectFrom("training_enrolment")
    .selectAll()
    .where("cohort_id", "=", cohortId)
    .where("status", "in", ["enrolled", "waitlisted", "offered"])
    .orderBy("queued_at")
    .execute();

// Sessions and attendance

export const sessionsOf = (db: Db, cohortIds: string[]) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_session")
        .selectAll()
        .where("cohort_id", "in", cohortIds)
        .orderBy("starts_at")
        .execute();

export const findSession = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_session")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function insertSession(db: Db, row: TrainingSessionTable) {
  await db.insertInto("training_session").values(row).execute();
}
export async function updateSession(db: Db, id: string, patch: Partial<TrainingSessionTable>) {
  await db.updateTable("training_session").set(patch).where("id", "=", id).execute();
}

export const attendanceOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_attendance")
        .select(["cohort_id", "session_id", "person_id", "status"])
        .where("cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("person_id", "=", personId as string))
        .execute();

export const sessionIdsWithAttendance = async (db: Db, cohortIds: string[]) =>
  cohortIds.length === 0
    ? new Set<string>()
    : new Set(
        (
          await db
            .selectFrom("training_attendance")
            .select("session_id")
            .distinct()
            .where("cohort_id", "in", cohortIds)
            .execute()
        ).map((r) => r.session_id),
      );

/** Records or replaces each person's mark for a session, in statements of up to 200 marks. */
export async function upsertAttendance(db: Db, rows: TrainingAttendanceTable[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("training_attendance")
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(["session_id", "person_id"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          recorded_by: eb.ref("excluded.recorded_by"),
          recorded_at: eb.ref("excluded.recorded_at"),
        })),
      )
      .execute();
  }
}

// Progress, submissions, assessments

export const lessonProgressOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_lesson_progress")
        .select(["cohort_id", "person_id", "lesson_id"])
        .where("cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("person_id", "=", personId as string))
        .execute();

export async function markLessonDone(
  db: Db,
  row: {
    id: string;
    organization_id: string;
    cohort_id: string;
    lesson_id: string;
    person_id: string;
    completed_at: string;
  },
) {
  await db
    .insertInto("training_lesson_progress")
    .values(row)
    .onConflict((oc) => oc.columns(["cohort_id", "person_id", "lesson_id"]).doNothing())
    .execute();
}

export const submissionsQuery = (db: Db, organizationId: string) =>
  db
    .selectFrom("training_submission as s")
    .innerJoin("person as p", "p.id", "s.person_id")
    .innerJoin("training_lesson as l", "l.id", "s.lesson_id")
    .innerJoin("training_cohort as h", "h.id", "s.cohort_id")
    .selectAll("s")
    .select(["p.name as person_name", "l.title as lesson_title", "h.name as cohort_name"])
    .where("s.organization_id", "=", organizationId);
export type SubmissionRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof submissionsQuery>["executeTakeFirst"]>>
>;

export const latestSubmissions = (db: Db, organizationId: string, cohortIds: string[]) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : submissionsQuery(db, organizationId)
        .where("s.cohort_id", "in", cohortIds)
        .orderBy("s.submitted_at", "desc")
        .execute();

/** Submissions waiting for review in the cohorts this person teaches. */
export const submissionsToReview = (db: Db, organizationId: string, trainerId: string) =>
  submissionsQuery(db, organizationId)
    .innerJoin("training_cohort_trainer as t", "t.cohort_id", "s.cohort_id")
    .where("t.person_id", "=", trainerId)
    .where("s.status", "=", "submitted");

/** Each enrolled trainee's practical evaluation not yet graded, in the cohorts this person teaches. */
export const practicalsToGrade = (db: Db, organizationId: string, trainerId: string) =>
  db
    .selectFrom("training_cohort_trainer as t")
    .innerJoin("training_cohort as h", "h.id", "t.cohort_id")
    .innerJoin("training_assessment as a", "a.course_id", "h.course_id")
    .innerJoin("training_enrolment as e", "e.cohort_id", "h.id")
    .innerJoin("person as p", "p.id", "e.person_id")
    .where("t.person_id", "=", trainerId)
    .where("h.organization_id", "=", organizationId)
    .where("a.kind", "=", "practical")
    .where("e.status", "=", "enrolled")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("training_practical_grade as g")
            .select(sql.lit(1).as("one"))
            .whereRef("g.cohort_id", "=", "h.id")
            .whereRef("g.assessment_id", "=", "a.id")
            .whereRef("g.person_id", "=", "e.person_id"),
        ),
      ),
    );

/** Every activity submission of the cohorts, oldest first, so the last of a lesson is the latest. */
export const submissionsOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_submission")
        .select([
          "id",
          "cohort_id",
          "person_id",
          "lesson_id",
          "kind",
          "body",
          "status",
          "feedback",
          "submitted_at",
          "reviewed_at",
        ])
        .where("cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("person_id", "=", personId as string))
        .orderBy("submitted_at")
        .orderBy("id")
        .execute();

export async function insertSubmission(db: Db, row: TrainingSubmissionTable) {
  await db.insertInto("training_submission").values(row).execute();
}

export async function updateSubmission(db: Db, id: string, patch: Partial<TrainingSubmissionTable>) {
  await db.updateTable("training_submission").set(patch).where("id", "=", id).execute();
}

export const findAttempt = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("training_quiz_attempt")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function insertAttempt(db: Db, row: TrainingQuizAttemptTable) {
  await db.insertInto("training_quiz_attempt").values(row).execute();
}

export async function updateAttempt(db: Db, id: string, patch: Partial<TrainingQuizAttemptTable>) {
  await db.updateTable("training_quiz_attempt").set(patch).where("id", "=", id).execute();
}

/** One grade per trainee and practical: grading again replaces it. */
export async function saveGrade(db: Db, row: TrainingPracticalGradeTable) {
  const { id: _id, organization_id: _org, assessment_id: _a, cohort_id: _c, person_id: _p, ...values } = row;
  await db
    .insertInto("training_practical_grade")
    .values(row)
    .onConflict((oc) => oc.columns(["assessment_id", "cohort_id", "person_id"]).doUpdateSet(values))
    .execute();
}

export const attemptsOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_quiz_attempt")
        .selectAll()
        .where("cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("person_id", "=", personId as string))
        .orderBy("attempt_number")
        .execute();

export const practicalGradesOf = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_practical_grade as g")
        .innerJoin("person as p", "p.id", "g.graded_by")
        .selectAll("g")
        .select("p.name as grader_name")
        .where("g.cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("g.person_id", "=", personId as string))
        .execute();

// Certificates

export const certificatesQuery = (db: Db) =>
  db
    .selectFrom("training_certificate as t")
    .innerJoin("training_course as c", "c.id", "t.course_id")
    .innerJoin("person as p", "p.id", "t.person_id")
    .select([
      "t.id",
      "t.organization_id",
      "t.course_id",
      "t.cohort_id",
      "t.person_id",
      "t.issued_at",
      "t.expires_at",
      "t.revoked_at",
      "c.title as course_title",
      "p.name as person_name",
    ]);
export type CertificateRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof certificatesQuery>["executeTakeFirst"]>>
>;

export const certificatesOfCohorts = (db: Db, cohortIds: string[], personId?: string) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : certificatesQuery(db)
        .where("t.cohort_id", "in", cohortIds)
        .$if(personId !== undefined, (q) => q.where("t.person_id", "=", personId as string))
        .execute();

export const certificatesOfPerson = (db: Db, organizationId: string, personId: string) =>
  certificatesQuery(db)
    .where("t.organization_id", "=", organizationId)
    .where("t.person_id", "=", personId)
    .orderBy("t.issued_at", "desc")
    .execute();

/** The certificates (not revoked) of these courses, of these people only when `personIds` is passed. */
export const certificatesOfCourses = (
  db: Db,
  organizationId: string,
  courseIds: string[],
  personIds?: string[],
) => {
  if (courseIds.length === 0 || personIds?.length === 0) return Promise.resolve([]);
  let q = certificatesQuery(db)
    .where("t.organization_id", "=", organizationId)
    .where("t.course_id", "in", courseIds)
    .where("t.revoked_at", "is", null);
  if (personIds) q = q.where("t.person_id", "in", personIds);
  return q.execute();
};

export const organizationOfSigningKey = (db: Db, controller: string) =>
  db
    .selectFrom("organization_signing_key as k")
    .innerJoin("organization as o", "o.id", "k.organization_id")
    .select(["o.id", "o.name"])
    .where("k.controller", "=", controller)
    .executeTakeFirst();

/** The organization and recipient a certificate names. */
export async function issuanceFacts(db: Db, organizationId: string, personId: string) {
  const [org, person] = await Promise.all([
    db
      .selectFrom("organization")
      .select(["id", "name"])
      .where("id", "=", organizationId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("person").select(["name", "email"]).where("id", "=", personId).executeTakeFirstOrThrow(),
  ]);
  return { org, person };
}

export async function insertCertificate(db: Db, row: TrainingCertificateTable) {
  await db.insertInto("training_certificate").values(row).execute();
}

export async function markCompleted(db: Db, cohortId: string, personId: string, at: string) {
  await db
    .updateTable("training_enrolment")
    .set({ completed_at: at, updated_at: at })
    .where("cohort_id", "=", cohortId)
    .where("person_id", "=", personId)
    .execute();
}

export const findCredential = (db: Db, id: string) =>
  db
    .selectFrom("training_certificate")
    .select(["id", "organization_id", "credential", "revoked_at"])
    .where("id", "=", id)
    .executeTakeFirst();

// Mandatory assignments

export const assignmentsQuery = (db: Db, organizationId: string) =>
  db
    .selectFrom("training_assignment as a")
    .innerJoin("training_course as c", "c.id", "a.course_id")
    .innerJoin("person as p", "p.id", "a.created_by")
    .selectAll("a")
    .select(["c.title as course_title", "p.name as creator_name"])
    .where("a.organization_id", "=", organizationId);
export type AssignmentRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof assignmentsQuery>["executeTakeFirst"]>>
>;

/** Assignees with their name, department and course; every organization's when `organizationId` is null (the reminder sweep). */
export function assigneesQuery(db: Db, organizationId: string | null) {
  const q = db
    .selectFrom("training_assignee as s")
    .innerJoin("person as p", "p.id", "s.person_id")
    .innerJoin("training_course as c", "c.id", "s.course_id")
    .innerJoin("training_assignment as a", "a.id", "s.assignment_id")
    .selectAll("s")
    .select(["p.name", "p.department", "p.status as person_status", "c.title as course_title", "a.note"]);
  return organizationId === null ? q : q.where("s.organization_id", "=", organizationId);
}
export type AssigneeRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof assigneesQuery>["executeTakeFirst"]>>
>;

/**
 * An assignee's status in SQL, as assignmentState decides it: with a certificate for the course, completed
 * until the latest one expires, then due for re-certification; without one, due or overdue by the
 * assignment's date. The latest certificate is looked up once per assignee.
 */
export function assigneeStatus(db: Db, now: string) {
  const byCertificate = db
    .selectFrom("training_certificate as tc")
    .select(
      sql<string>`case when tc.expires_at is null or tc.expires_at > ${now} then 'completed' else 'recertification_due' end`.as(
        "status",
      ),
    )
    .where(sql<boolean>`tc.organization_id = s.organization_id`)
    .where(sql<boolean>`tc.person_id = s.person_id`)
    .where(sql<boolean>`tc.course_id = s.course_id`)
    .where("tc.revoked_at", "is", null)
    .orderBy("tc.issued_at", "desc")
    .orderBy("tc.id", "desc")
    .limit(1);
  return sql<
    "completed" | "due" | "overdue" | "recertification_due"
  >`coalesce(${byCertificate}, case when s.due_at < ${now} then 'overdue' else 'due' end)`;
}

/** Assignees overdue or due for re-certification (people not deactivated), longest overdue first. */
export function overdueAssignees(db: Db, organizationId: string, now: string) {
  return assigneesQuery(db, organizationId)
    .where("p.status", "!=", "deactivated")
    .where(sql<boolean>`(${assigneeStatus(db, now)}) in ('overdue', 'recertification_due')`);
}

/** One assignment's assignees, optionally those whose name or department contains `q` and in one status. */
export function assigneesOf(
  db: Db,
  organizationId: string,
  assignmentId: string,
  f: { q?: string | undefined; status?: string | undefined; now: string },
) {
  let q = assigneesQuery(db, organizationId).where("s.assignment_id", "=", assignmentId);
  if (f.q) q = q.where(anyContains(["p.name", "p.department"], f.q));
  if (f.status) q = q.where(sql<boolean>`(${assigneeStatus(db, f.now)}) = ${f.status}`);
  return q;
}

/** How many assignees of each assignment stand in each status. */
export async function assigneeCounts(db: Db, organizationId: string, assignmentIds: string[], now: string) {
  if (assignmentIds.length === 0) return [];
  const statuses = db
    .selectFrom("training_assignee as s")
    .select(["s.assignment_id", assigneeStatus(db, now).as("status")])
    .where("s.organization_id", "=", organizationId)
    .where("s.assignment_id", "in", assignmentIds);
  const rows = await db
    .selectFrom(statuses.as("x"))
    .select(["x.assignment_id", "x.status", (eb) => eb.fn.countAll().as("n")])
    .groupBy(["x.assignment_id", "x.status"])
    .execute();
  return rows.map((r) => ({ ...r, n: toCount(r.n as number | string) }));
}

export async function membersOfGroup(
  db: Db,
  organizationId: string,
  target:
    | { kind: "department"; departments: string[] }
    | { kind: "seniority"; min: number; max: number }
    | { kind: "people"; personIds: string[] },
): Promise<string[]> {
  let q = db
    .selectFrom("person")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("status", "!=", "deactivated");
  if (target.kind === "department") q = q.where("department", "in", target.departments);
  else if (target.kind === "seniority")
    q = q.where("seniority", ">=", target.min).where("seniority", "<=", target.max);
  else q = q.where("id", "in", target.personIds);
  return (await q.execute()).map((r) => r.id);
}

export async function insertAssignment(db: Db, row: TrainingAssignmentTable) {
  await db.insertInto("training_assignment").values(row).execute();
}

export async function insertAssignees(db: Db, rows: TrainingAssigneeTable[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("training_assignee")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Records a reminder unless it was already recorded; true when this call recorded it (and so should send it). */
export async function recordReminder(db: Db, row: TrainingReminderTable): Promise<boolean> {
  const inserted = await db
    .insertInto("training_reminder")
    .values(row)
    .onConflict((oc) => oc.columns(["assignee_id", "due_at", "kind"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

// The organization's signing key

export const findSigningKey = (db: Db, organizationId: string) =>
  db
    .selectFrom("organization_signing_key")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();

/** Two first issuances racing: the unique constraint keeps one key, and the loser reads it back. */
export async function insertSigningKey(db: Db, row: OrganizationSigningKeyTable) {
  await db
    .insertInto("organization_signing_key")
    .values(row)
    .onConflict((oc) => oc.column("organization_id").doNothing())
    .execute();
}
