import type { Db } from "../../db/kysely.ts";
import type { CalendarFeedTable } from "../../db/schema.ts";

// Feeds

export function findActiveFeedOf(db: Db, personId: string) {
  return db
    .selectFrom("calendar_feed")
    .select(["id", "created_at", "last_used_at"])
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function insertFeed(db: Db, feed: CalendarFeedTable) {
  await db.insertInto("calendar_feed").values(feed).execute();
}

/** Revokes every live feed of the person; returns how many there were. */
export async function revokeFeedsOf(db: Db, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable("calendar_feed")
    .set({ revoked_at: at })
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A live feed by its token's hash, with its person while they are active. */
export function findFeedByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("calendar_feed as f")
    .innerJoin("person as p", "p.id", "f.person_id")
    .select([
      "f.id",
      "f.organization_id",
      "f.person_id",
      "f.last_used_at",
      "p.time_zone",
      "p.name as person_name",
    ])
    .where("f.token_hash", "=", tokenHash)
    .where("f.revoked_at", "is", null)
    .where("p.status", "=", "active")
    .executeTakeFirst();
}

export async function markFeedUsed(db: Db, id: string, at: string) {
  await db.updateTable("calendar_feed").set({ last_used_at: at }).where("id", "=", id).execute();
}

export function findTimeZone(db: Db, personId: string) {
  return db.selectFrom("person").select(["time_zone"]).where("id", "=", personId).executeTakeFirst();
}

// Mentoring meetings

const meetingRows = (db: Db, organizationId: string) =>
  db
    .selectFrom("mentoring_meeting as m")
    .innerJoin("mentoring_relationship as r", "r.id", "m.relationship_id")
    .innerJoin("person as mentor", "mentor.id", "r.mentor_id")
    .innerJoin("person as mentee", "mentee.id", "r.mentee_id")
    .select([
      "m.id",
      "m.relationship_id",
      "m.met_on",
      "m.duration_minutes",
      "m.sequence",
      "m.created_at",
      "r.mentor_id",
      "r.mentee_id",
      "mentor.name as mentor_name",
      "mentor.email as mentor_email",
      "mentee.name as mentee_name",
      "mentee.email as mentee_email",
    ])
    .where("m.organization_id", "=", organizationId);

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export function findMeeting(db: Db, organizationId: string, id: string) {
  return meetingRows(db, organizationId).where("m.id", "=", id).executeTakeFirst();
}

export function meetingsOf(
  db: Db,
  organizationId: string,
  personId: string,
  fromDate: string,
  limit: number,
) {
  return meetingRows(db, organizationId)
    .where((eb) => eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]))
    .where("m.met_on", ">=", fromDate)
    .orderBy("m.met_on", "desc")
    .orderBy("m.id", "desc")
    .limit(limit)
    .execute();
}

// Coaching sessions

const coachingRows = (db: Db, organizationId: string) =>
  db
    .selectFrom("coaching_session as s")
    .innerJoin("coaching_engagement as e", "e.id", "s.engagement_id")
    .innerJoin("person as coachee", "coachee.id", "e.coachee_id")
    .leftJoin("person as coach", "coach.id", "e.coach_id")
    .select([
      "s.id",
      "s.engagement_id",
      "s.scheduled_at",
      "s.duration_minutes",
      "s.attendance",
      "s.sequence",
      "s.created_at",
      "s.recorded_at",
      "e.status as engagement_status",
      "e.coach_id",
      "e.coachee_id",
      "e.sponsor_id",
      "coach.name as coach_name",
      "coach.email as coach_email",
      "coachee.name as coachee_name",
      "coachee.email as coachee_email",
    ])
    .where("s.organization_id", "=", organizationId);

export type CoachingSessionRow = NonNullable<Awaited<ReturnType<typeof findCoachingSession>>>;

export function findCoachingSession(db: Db, organizationId: string, id: string) {
  return coachingRows(db, organizationId).where("s.id", "=", id).executeTakeFirst();
}

export function coachingSessionsOf(
  db: Db,
  organizationId: string,
  personId: string,
  from: string,
  limit: number,
) {
  return coachingRows(db, organizationId)
    .where((eb) => eb.or([eb("e.coach_id", "=", personId), eb("e.coachee_id", "=", personId)]))
    .where("s.scheduled_at", ">=", from)
    .orderBy("s.scheduled_at", "asc")
    .orderBy("s.id", "asc")
    .limit(limit)
    .execute();
}

// Training sessions

const trainingRows = (db: Db, organizationId: string) =>
  db
    .selectFrom("training_session as s")
    .innerJoin("training_cohort as c", "c.id", "s.cohort_id")
    .innerJoin("training_course as course", "course.id", "c.course_id")
    .select([
      "s.id",
      "s.cohort_id",
      "s.kind",
      "s.title",
      "s.starts_at",
      "s.ends_at",
      "s.location",
      "s.link",
      "s.cancelled_at",
      "s.sequence",
      "s.created_at",
      "s.updated_at",
      "c.status as cohort_status",
      "course.title as course_title",
    ])
    .where("s.organization_id", "=", organizationId);

export type TrainingSessionRow = NonNullable<Awaited<ReturnType<typeof findTrainingSession>>>;

export function findTrainingSession(db: Db, organizationId: string, id: string) {
  return trainingRows(db, organizationId).where("s.id", "=", id).executeTakeFirst();
}

export function trainingSessionsOf(
  db: Db,
  organizationId: string,
  personId: string,
  from: string,
  limit: number,
) {
  return trainingRows(db, organizationId)
    .where((eb) =>
      eb.or([
        eb(
          "s.cohort_id",
          "in",
          eb.selectFrom("training_cohort_trainer").select("cohort_id").where("person_id", "=", personId),
        ),
        eb(
          "s.cohort_id",
          "in",
          eb
            .selectFrom("training_enrolment")
            .select("cohort_id")
            .where("person_id", "=", personId)
            .where("status", "=", "enrolled"),
        ),
      ]),
    )
    .where("s.ends_at", ">=", from)
    .orderBy("s.starts_at", "asc")
    .orderBy("s.id", "asc")
    .limit(limit)
    .execute();
}

/** The cohort's trainers, in the order they were added; the first one organizes its sessions. */
export function trainersOf(db: Db, cohortId: string) {
  return db
    .selectFrom("training_cohort_trainer as t")
    .innerJoin("person as p", "p.id", "t.person_id")
    .select(["p.id", "p.name", "p.email"])
    .where("t.cohort_id", "=", cohortId)
    .orderBy("t.created_at", "asc")
    .orderBy("t.id", "asc")
    .execute();
}

export function enrolledTraineesOf(db: Db, cohortId: string) {
  return db
    .selectFrom("training_enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select(["p.id", "p.name", "p.email"])
    .where("e.cohort_id", "=", cohortId)
    .where("e.status", "=", "enrolled")
    .orderBy("p.name", "asc")
    .orderBy("p.id", "asc")
    .execute();
}

// SEQUENCE: raised by the modules that own the events, in their own transactions.

export async function raiseTrainingSessionSequence(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return;
  await db
    .updateTable("training_session")
    .set((eb) => ({ sequence: eb("sequence", "+", 1) }))
    .where("id", "in", sessionIds)
    .execute();
}

/** Every session of the cohort: they are cancelled with it, or come back with it. */
export async function raiseCohortSessionsSequence(db: Db, cohortId: string) {
  await db
    .updateTable("training_session")
    .set((eb) => ({ sequence: eb("sequence", "+", 1) }))
    .where("cohort_id", "=", cohortId)
    .execute();
}

export async function raiseCoachingSessionSequence(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return;
  await db
    .updateTable("coaching_session")
    .set((eb) => ({ sequence: eb("sequence", "+", 1) }))
    .where("id", "in", sessionIds)
    .execute();
}

/** The engagement's sessions still scheduled: cancelled with it. */
export async function raiseScheduledCoachingSessionsSequence(db: Db, engagementId: string) {
  await db
    .updateTable("coaching_session")
    .set((eb) => ({ sequence: eb("sequence", "+", 1) }))
    .where("engagement_id", "=", engagementId)
    .where("attendance", "=", "scheduled")
    .execute();
}
