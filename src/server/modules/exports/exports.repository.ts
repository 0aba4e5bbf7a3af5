import { sql } from "kysely";
import type { Db } from "../../db/kysely.ts";

/** Which programs an export covers: all of the organization's, or those of one owner, or one program or cohort. */
export interface ExportScope {
  organizationId: string;
  ownerId?: string | undefined;
  programId?: string | undefined;
  cohortId?: string | undefined;
}

export const EXPORT_PAGE = 2000;

export function findCohort(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("training_cohort as c")
    .innerJoin("program as pr", "pr.id", "c.program_id")
    .select(["c.id", "c.program_id", "pr.owner_id"])
    .where("c.organization_id", "=", organizationId)
    .where("c.id", "=", id)
    .executeTakeFirst();
}

export function peoplePage(db: Db, organizationId: string, after: string | null) {
  let q = db
    .selectFrom("person as p")
    .leftJoin("person as m", "m.id", "p.manager_id")
    .select([
      "p.id",
      "p.email",
      "p.name",
      "p.title",
      "p.department",
      "p.seniority",
      "m.email as manager_email",
      "p.location",
      "p.time_zone",
      "p.languages",
      "p.org_role",
      "p.status",
      "p.created_at",
    ])
    .where("p.organization_id", "=", organizationId)
    .orderBy("p.id")
    .limit(EXPORT_PAGE);
  if (after) q = q.where("p.id", ">", after);
  return q.execute();
}

export function programEnrolmentsPage(db: Db, scope: ExportScope, after: string | null) {
  let q = db
    .selectFrom("enrolment as e")
    .innerJoin("program as pr", "pr.id", "e.program_id")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "pr.name as program",
      "pr.kind as program_kind",
      "p.email",
      "p.name",
      "e.role",
      "e.status",
      "e.created_at",
    ])
    .where("e.organization_id", "=", scope.organizationId)
    .orderBy("e.id")
    .limit(EXPORT_PAGE);
  if (scope.ownerId) q = q.where("pr.owner_id", "=", scope.ownerId);
  if (scope.programId) q = q.where("pr.id", "=", scope.programId);
  if (scope.cohortId) q = q.where(sql.lit(false));
  if (after) q = q.where("e.id", ">", after);
  return q.execute();
}

function cohortRows(db: Db, scope: ExportScope) {
  let q = db
    .selectFrom("training_enrolment as te")
    .innerJoin("training_cohort as c", "c.id", "te.cohort_id")
    .innerJoin("program as pr", "pr.id", "c.program_id")
    .innerJoin("training_course as co", "co.id", "c.course_id")
    .innerJoin("person as p", "p.id", "te.person_id")
    .where("te.organization_id", "=", scope.organizationId);
  if (scope.ownerId) q = q.where("pr.owner_id", "=", scope.ownerId);
  if (scope.programId) q = q.where("pr.id", "=", scope.programId);
  if (scope.cohortId) q = q.where("c.id", "=", scope.cohortId);
  return q;
}

export function trainingEnrolmentsPage(db: Db, scope: ExportScope, after: string | null) {
  let q = cohortRows(db, scope)
    .select([
      "te.id",
      "pr.name as program",
      "c.name as cohort",
      "co.title as course",
      "p.email",
      "p.name",
      "te.status",
      "te.created_at",
      "te.completed_at",
    ])
    .orderBy("te.id")
    .limit(EXPORT_PAGE);
  if (after) q = q.where("te.id", ">", after);
  return q.execute();
}

export function attendancePage(db: Db, scope: ExportScope, after: string | null) {
  let q = db
    .selectFrom("training_attendance as a")
    .innerJoin("training_session as s", "s.id", "a.session_id")
    .innerJoin("training_cohort as c", "c.id", "a.cohort_id")
    .innerJoin("program as pr", "pr.id", "c.program_id")
    .innerJoin("person as p", "p.id", "a.person_id")
    .select([
      "a.id",
      "pr.name as program",
      "c.name as cohort",
      "s.title as session",
      "s.kind as session_kind",
      "s.starts_at",
      "p.email",
      "p.name",
      "a.status",
      "a.recorded_at",
    ])
    .where("a.organization_id", "=", scope.organizationId)
    .orderBy("a.id")
    .limit(EXPORT_PAGE);
  if (scope.ownerId) q = q.where("pr.owner_id", "=", scope.ownerId);
  if (scope.programId) q = q.where("pr.id", "=", scope.programId);
  if (scope.cohortId) q = q.where("c.id", "=", scope.cohortId);
  if (after) q = q.where("a.id", ">", after);
  return q.execute();
}

/** One row per trainee, cohort and assessment of the cohort's course (a trainee of a course without any: one row). */
export function gradesPage(
  db: Db,
  scope: ExportScope,
  after: { enrolment: string; assessment: string } | null,
) {
  let q = cohortRows(db, scope)
    .leftJoin("training_assessment as ta", "ta.course_id", "c.course_id")
    .select((eb) => [
      "te.id as enrolment_id",
      eb.fn.coalesce("ta.id", sql.lit("")).as("assessment_key"),
      "pr.name as program",
      "co.title as course",
      "c.name as cohort",
      "p.email",
      "p.name",
      "ta.title as assessment",
      "ta.kind as assessment_kind",
      eb
        .selectFrom("training_quiz_attempt as qa")
        .select((q) => q.fn.countAll().as("n"))
        .whereRef("qa.assessment_id", "=", "ta.id")
        .whereRef("qa.cohort_id", "=", "c.id")
        .whereRef("qa.person_id", "=", "te.person_id")
        .where("qa.status", "=", "submitted")
        .as("quiz_attempts"),
      eb
        .selectFrom("training_quiz_attempt as qa")
        .select((q) => q.fn.max("qa.score_pct").as("s"))
        .whereRef("qa.assessment_id", "=", "ta.id")
        .whereRef("qa.cohort_id", "=", "c.id")
        .whereRef("qa.person_id", "=", "te.person_id")
        .where("qa.status", "=", "submitted")
        .as("quiz_best"),
      eb
        .selectFrom("training_quiz_attempt as qa")
        .select((q) => q.fn.max("qa.passed").as("s"))
        .whereRef("qa.assessment_id", "=", "ta.id")
        .whereRef("qa.cohort_id", "=", "c.id")
        .whereRef("qa.person_id", "=", "te.person_id")
        .where("qa.status", "=", "submitted")
        .as("quiz_passed"),
      eb
        .selectFrom("training_practical_grade as pg")
        .select("pg.score_pct")
        .whereRef("pg.assessment_id", "=", "ta.id")
        .whereRef("pg.cohort_id", "=", "c.id")
        .whereRef("pg.person_id", "=", "te.person_id")
        .as("practical_score"),
      eb
        .selectFrom("training_practical_grade as pg")
        .select("pg.passed")
        .whereRef("pg.assessment_id", "=", "ta.id")
        .whereRef("pg.cohort_id", "=", "c.id")
        .whereRef("pg.person_id", "=", "te.person_id")
        .as("practical_passed"),
      eb
        .selectFrom("training_practical_grade as pg")
        .select("pg.graded_at")
        .whereRef("pg.assessment_id", "=", "ta.id")
        .whereRef("pg.cohort_id", "=", "c.id")
        .whereRef("pg.person_id", "=", "te.person_id")
        .as("graded_at"),
      "te.status as enrolment_status",
      "te.completed_at",
      eb
        .selectFrom("training_certificate as tc")
        .select((q) => q.fn.max("tc.issued_at").as("s"))
        .whereRef("tc.cohort_id", "=", "c.id")
        .whereRef("tc.person_id", "=", "te.person_id")
        .where("tc.revoked_at", "is", null)
        .as("certificate_issued_at"),
    ])
    .where("te.status", "in", ["enrolled", "withdrawn"])
    .orderBy("te.id")
    .orderBy(sql`coalesce(ta.id, '')`)
    .limit(EXPORT_PAGE);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("te.id", ">", after.enrolment),
        eb.and([eb("te.id", "=", after.enrolment), eb(sql`coalesce(ta.id, '')`, ">", after.assessment)]),
      ]),
    );
  }
  return q.execute();
}
