import type { Db } from "../../db/kysely.ts";

export function openRequestsToMentor(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("mentoring_request as r")
    .innerJoin("person as mentee", "mentee.id", "r.mentee_id")
    .select(["r.id", "r.expires_at", "mentee.name as mentee_name"])
    .where("r.organization_id", "=", organizationId)
    .where("r.mentor_id", "=", personId)
    .where("r.status", "=", "open")
    .orderBy("r.expires_at")
    .execute();
}

export function pendingIntroductions(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("mentoring_introduction as i")
    .innerJoin("person as mentee", "mentee.id", "i.mentee_id")
    .select(["i.id", "i.created_at", "mentee.name as mentee_name"])
    .where("i.organization_id", "=", organizationId)
    .where("i.contact_id", "=", personId)
    .where("i.status", "=", "pending")
    .execute();
}

/** Proposed relationships of the person, with their agreement's signatures when one was written. */
export function proposedRelationships(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("mentoring_relationship as r")
    .innerJoin("person as mentor", "mentor.id", "r.mentor_id")
    .innerJoin("person as mentee", "mentee.id", "r.mentee_id")
    .leftJoin("mentoring_agreement as a", "a.relationship_id", "r.id")
    .select([
      "r.id",
      "r.mentor_id",
      "r.mentee_id",
      "r.created_at",
      "mentor.name as mentor_name",
      "mentee.name as mentee_name",
      "a.relationship_id as agreement_id",
      "a.mentor_signed_at",
      "a.mentee_signed_at",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.status", "=", "proposed")
    .where((eb) => eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]))
    .execute();
}

/** Engagements in set-up where the person is a party whose agreement to the objectives is still missing. */
export function engagementsAwaitingAgreement(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("coaching_engagement as e")
    .innerJoin("person as coachee", "coachee.id", "e.coachee_id")
    .select([
      "e.id",
      "e.coach_id",
      "e.coachee_id",
      "e.sponsor_id",
      "e.start_date",
      "coachee.name as coachee_name",
    ])
    .where("e.organization_id", "=", organizationId)
    .where("e.status", "=", "setup")
    .where("e.objectives_agreed_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("e.coach_id", "=", personId),
        eb("e.coachee_id", "=", personId),
        eb("e.sponsor_id", "=", personId),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("coaching_objective_agreement as g")
            .select("g.id")
            .whereRef("g.engagement_id", "=", "e.id")
            .where("g.person_id", "=", personId),
        ),
      ),
    )
    .execute();
}

export function actionsDue(db: Db, organizationId: string, personId: string, until: string) {
  return db
    .selectFrom("coaching_action as a")
    .select(["a.id", "a.engagement_id", "a.text", "a.due_date"])
    .where("a.organization_id", "=", organizationId)
    .where("a.owner_id", "=", personId)
    .where("a.status", "=", "open")
    .where("a.due_date", "<=", until)
    .orderBy("a.due_date")
    .execute();
}

export function milestonesDue(db: Db, organizationId: string, personId: string, until: string) {
  return db
    .selectFrom("mentoring_milestone as m")
    .innerJoin("mentoring_goal as g", "g.id", "m.goal_id")
    .innerJoin("mentoring_relationship as r", "r.id", "g.relationship_id")
    .select(["m.id", "m.title", "m.due_date", "r.id as relationship_id"])
    .where("m.organization_id", "=", organizationId)
    .where("r.status", "=", "active")
    .where((eb) => eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]))
    .where("m.done_at", "is", null)
    .where("m.due_date", "is not", null)
    .where("m.due_date", "<=", until)
    .orderBy("m.due_date")
    .execute();
}

export function coachingSessionsBetween(
  db: Db,
  organizationId: string,
  personId: string,
  from: string,
  to: string,
) {
  return db
    .selectFrom("coaching_session as s")
    .innerJoin("coaching_engagement as e", "e.id", "s.engagement_id")
    .innerJoin("person as coachee", "coachee.id", "e.coachee_id")
    .leftJoin("person as coach", "coach.id", "e.coach_id")
    .select([
      "s.id",
      "s.scheduled_at",
      "e.id as engagement_id",
      "e.coach_id",
      "coachee.name as coachee_name",
      "coach.name as coach_name",
    ])
    .where("s.organization_id", "=", organizationId)
    .where("s.attendance", "=", "scheduled")
    .where("e.status", "=", "active")
    .where((eb) => eb.or([eb("e.coach_id", "=", personId), eb("e.coachee_id", "=", personId)]))
    .where("s.scheduled_at", ">=", from)
    .where("s.scheduled_at", "<", to)
    .orderBy("s.scheduled_at")
    .execute();
}

export function ratingRequests(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("coaching_assessment as a")
    .innerJoin("coaching_engagement as e", "e.id", "a.engagement_id")
    .innerJoin("person as coachee", "coachee.id", "e.coachee_id")
    .select([
      "a.id",
      "a.phase",
      "a.created_at",
      "e.id as engagement_id",
      "coachee.name as coachee_name",
      "e.coachee_id",
    ])
    .where("a.organization_id", "=", organizationId)
    .where("a.rater_id", "=", personId)
    .where("a.submitted_at", "is", null)
    .execute();
}

/** Whether the person takes part in anything: an enrolment, a relationship, an engagement or a cohort. */
export async function hasDevelopmentActivity(db: Db, organizationId: string, personId: string) {
  const [enrolment, relationship, engagement, cohort] = await Promise.all([
    db
      .selectFrom("enrolment")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("person_id", "=", personId)
      .where("status", "=", "active")
      .executeTakeFirst(),
    db
      .selectFrom("mentoring_relationship")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("status", "in", ["proposed", "active"])
      .where((eb) => eb.or([eb("mentor_id", "=", personId), eb("mentee_id", "=", personId)]))
      .executeTakeFirst(),
    db
      .selectFrom("coaching_engagement")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("status", "in", ["setup", "active"])
      .where((eb) => eb.or([eb("coach_id", "=", personId), eb("coachee_id", "=", personId)]))
      .executeTakeFirst(),
    db
      .selectFrom("training_enrolment")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("person_id", "=", personId)
      .where("status", "in", ["enrolled", "waitlisted", "offered"])
      .executeTakeFirst(),
  ]);
  return Boolean(enrolment || relationship || engagement || cohort);
}

/** Advice someone else took for the person since `since`, newest first. */
export function adviceFromOthers(db: Db, organizationId: string, personId: string, since: string) {
  return db
    .selectFrom("advisor_response as r")
    .innerJoin("person as taker", "taker.id", "r.taken_by")
    .select(["r.id", "r.created_at", "r.recommendation", "taker.name as taken_by_name"])
    .where("r.organization_id", "=", organizationId)
    .where("r.person_id", "=", personId)
    .where("r.taken_by", "!=", personId)
    .where("r.created_at", ">=", since)
    .orderBy("r.created_at", "desc")
    .limit(1)
    .execute();
}
