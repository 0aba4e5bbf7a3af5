import type { Db } from "../db/kysely.ts";
import type { EngagementStatus, RelationshipStatus, TrainingEnrolmentStatus } from "../db/schema.ts";
import { newId } from "../lib/ids.ts";

/**
 * Rows for analytics tests, written straight to the database so that their dates can lie in the past.
 * Content fields get placeholders: analytics never reads them.
 */

export const daysAgo = (n: number, from = Date.now()) => new Date(from - n * 86_400_000).toISOString();
export const dateDaysAgo = (n: number) => daysAgo(n).slice(0, 10);

export async function enrolAt(
  db: Db,
  organizationId: string,
  programId: string,
  personId: string,
  role: string,
  createdAt: string,
  status: "active" | "withdrawn" = "active",
) {
  await db
    .insertInto("enrolment")
    .values({
      id: newId(),
      organization_id: organizationId,
      program_id: programId,
      person_id: personId,
      role,
      answers: "{}",
      status,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

export async function relationshipAt(
  db: Db,
  organizationId: string,
  programId: string,
  p: {
    mentorId: string;
    menteeId: string;
    status: RelationshipStatus;
    createdAt: string;
    startDate?: string | null;
    plannedEndDate?: string | null;
    endedAt?: string | null;
  },
) {
  const id = newId();
  await db
    .insertInto("mentoring_relationship")
    .values({
      id,
      organization_id: organizationId,
      program_id: programId,
      mentor_id: p.mentorId,
      mentee_id: p.menteeId,
      status: p.status,
      origin: "admin",
      request_id: null,
      wrapped_key: "not-a-key",
      start_date: p.startDate ?? null,
      planned_end_date: p.plannedEndDate ?? null,
      ended_at: p.endedAt ?? null,
      last_meeting_at: null,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    })
    .execute();
  return id;
}

export async function meetingOn(
  db: Db,
  organizationId: string,
  relationshipId: string,
  authorId: string,
  metOn: string,
) {
  await db
    .insertInto("mentoring_meeting")
    .values({
      id: newId(),
      organization_id: organizationId,
      relationship_id: relationshipId,
      author_id: authorId,
      met_on: metOn,
      duration_minutes: 45,
      content: "not-ciphertext",
      created_at: `${metOn}T12:00:00.000Z`,
    })
    .execute();
}

export async function checkinAt(
  db: Db,
  organizationId: string,
  relationshipId: string,
  authorId: string,
  satisfaction: number,
  createdAt: string,
  period = 1,
) {
  await db
    .insertInto("mentoring_checkin")
    .values({
      id: newId(),
      organization_id: organizationId,
      relationship_id: relationshipId,
      author_id: authorId,
      period,
      satisfaction,
      learned: "",
      would_change: "",
      created_at: createdAt,
    })
    .execute();
}

/** An engagement with one objective (baseline 0, target 10) at `value`, `held` sessions held of `budget`. */
export async function engagementWith(
  db: Db,
  organizationId: string,
  programId: string,
  p: {
    coacheeId: string;
    coachId: string;
    sponsorId: string;
    status: EngagementStatus;
    value: number | null;
    held: number;
    budget: number;
    theme?: string;
    createdAt: string;
    startDate: string;
    closedAt?: string | null;
  },
) {
  const id = newId();
  await db
    .insertInto("coaching_engagement")
    .values({
      id,
      organization_id: organizationId,
      program_id: programId,
      coachee_id: p.coacheeId,
      coach_id: p.coachId,
      sponsor_id: p.sponsorId,
      assigned_by: p.sponsorId,
      proposed_coach_ids: "[]",
      status: p.status,
      session_budget: p.budget,
      start_date: p.startDate,
      end_date: "2099-01-01",
      focus: "",
      wrapped_key: "not-a-key",
      objectives_agreed_at: p.createdAt,
      closed_at: p.closedAt ?? null,
      close_reason: null,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    })
    .execute();
  const objectiveId = newId();
  await db
    .insertInto("coaching_objective")
    .values({
      id: objectiveId,
      organization_id: organizationId,
      engagement_id: id,
      position: 0,
      title: "Objective",
      theme: p.theme ?? "delegation",
      metric_name: "Metric",
      metric_unit: "count",
      baseline: 0,
      target: 10,
      created_at: p.createdAt,
    })
    .execute();
  if (p.value !== null) {
    await db
      .insertInto("coaching_metric_value")
      .values({
        id: newId(),
        organization_id: organizationId,
        engagement_id: id,
        objective_id: objectiveId,
        session_id: null,
        value: p.value,
        recorded_on: p.startDate,
        recorded_by: p.coacheeId,
        created_at: p.createdAt,
      })
      .execute();
  }
  for (let i = 0; i < p.held; i++) {
    await db
      .insertInto("coaching_session")
      .values({
        id: newId(),
        organization_id: organizationId,
        engagement_id: id,
        scheduled_at: p.createdAt,
        duration_minutes: 60,
        attendance: "held",
        rescheduled_to: null,
        goal: null,
        reality: null,
        options: null,
        will: null,
        visibility: "{}",
        private_notes: null,
        sponsor_summary: null,
        recorded_at: p.createdAt,
        created_at: p.createdAt,
      })
      .execute();
  }
  return id;
}

/** A course and a cohort of a training program, with one past session to take attendance for. */
export async function cohortOf(db: Db, organizationId: string, programId: string, authorId: string) {
  const at = daysAgo(30);
  const courseId = newId();
  await db
    .insertInto("training_course")
    .values({
      id: courseId,
      organization_id: organizationId,
      title: "Course",
      summary: "",
      competencies: "[]",
      min_attendance_pct: 80,
      validity_months: null,
      status: "published",
      created_by: authorId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const cohortId = newId();
  await db
    .insertInto("training_cohort")
    .values({
      id: cohortId,
      organization_id: organizationId,
      program_id: programId,
      course_id: courseId,
      name: "Cohort",
      start_date: dateDaysAgo(20),
      end_date: dateDaysAgo(-20),
      seats: 50,
      time_zone: "UTC",
      status: "open",
      created_at: at,
      updated_at: at,
    })
    .execute();
  const sessionId = newId();
  await db
    .insertInto("training_session")
    .values({
      id: sessionId,
      organization_id: organizationId,
      cohort_id: cohortId,
      kind: "workshop",
      title: "Session",
      starts_at: daysAgo(10),
      ends_at: daysAgo(10),
      time_zone: "UTC",
      location: null,
      link: null,
      cancelled_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { courseId, cohortId, sessionId };
}

/** A trainee's place in a cohort, with their attendance at its session and, if `certified`, a certificate. */
export async function traineeIn(
  db: Db,
  organizationId: string,
  c: { courseId: string; cohortId: string; sessionId: string },
  p: {
    personId: string;
    status: TrainingEnrolmentStatus;
    createdAt: string;
    completedAt?: string | null;
    certified?: boolean;
    attendance?: "present" | "late" | "absent" | "excused";
    by: string;
  },
) {
  await db
    .insertInto("training_enrolment")
    .values({
      id: newId(),
      organization_id: organizationId,
      cohort_id: c.cohortId,
      person_id: p.personId,
      status: p.status,
      queued_at: p.createdAt,
      offer_expires_at: null,
      enrolled_by: p.by,
      completed_at: p.completedAt ?? null,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    })
    .execute();
  if (p.attendance) {
    await db
      .insertInto("training_attendance")
      .values({
        id: newId(),
        organization_id: organizationId,
        session_id: c.sessionId,
        cohort_id: c.cohortId,
        person_id: p.personId,
        status: p.attendance,
        recorded_by: p.by,
        recorded_at: p.createdAt,
      })
      .execute();
  }
  if (p.certified) {
    await db
      .insertInto("training_certificate")
      .values({
        id: newId(),
        organization_id: organizationId,
        course_id: c.courseId,
        cohort_id: c.cohortId,
        person_id: p.personId,
        issued_at: p.completedAt ?? p.createdAt,
        expires_at: null,
        credential: "{}",
        revoked_at: null,
      })
      .execute();
  }
}
