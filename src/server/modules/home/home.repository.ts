import { type SelectQueryBuilder, sql } from "kysely";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import { countRows } from "../../lib/pagination.ts";

/** How many steps of one kind the home page lists; the rest are counted and linked to their full list. */
export const STEPS_PER_GROUP = 5;

/** The first rows of a group of steps, and how many the group holds in all. */
export interface Capped<R> {
  rows: R[];
  total: number;
}

/**
 * The first `STEPS_PER_GROUP` rows of `query` in `order`; the group is counted only when it holds more, so
 * the usual short group costs one statement.
 */
async function capped<DB, TB extends keyof DB, R>(
  query: SelectQueryBuilder<DB, TB, R>,
  order: (q: SelectQueryBuilder<DB, TB, R>) => SelectQueryBuilder<DB, TB, R>,
): Promise<Capped<R>> {
  const rows = await order(query)
    .limit(STEPS_PER_GROUP + 1)
    .execute();
  if (rows.length <= STEPS_PER_GROUP) return { rows, total: rows.length };
  return { rows: rows.slice(0, STEPS_PER_GROUP), total: await countRows(query) };
}

/** Open requests to the person as a mentor: the one expiring first, and how many there are. */
export function openRequestsToMentor(db: Db, organizationId: string, personId: string) {
  return capped(
    db
      .selectFrom("mentoring_request as r")
      .innerJoin("person as mentee", "mentee.id", "r.mentee_id")
      .select(["r.id", "r.expires_at", "mentee.name as mentee_name"])
      .where("r.organization_id", "=", organizationId)
      .where("r.mentor_id", "=", personId)
      .where("r.status", "=", "open"),
    (q) => q.orderBy("r.expires_at").orderBy("r.id"),
  );
}

export function pendingIntroductions(db: Db, organizationId: string, personId: string) {
  return capped(
    db
      .selectFrom("mentoring_introduction as i")
      .innerJoin("person as mentee", "mentee.id", "i.mentee_id")
      .select(["i.id", "i.created_at", "mentee.name as mentee_name"])
      .where("i.organization_id", "=", organizationId)
      .where("i.contact_id", "=", personId)
      .where("i.status", "=", "pending"),
    (q) => q.orderBy("i.created_at").orderBy("i.id"),
  );
}

/** Proposed relationships of the person that still lack their signature, with whether an agreement was written. */
export function unsignedProposedRelationships(db: Db, organizationId: string, personId: string) {
  return capped(
    db
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
      ])
      .where("r.organization_id", "=", organizationId)
      .where("r.status", "=", "proposed")
      .where((eb) =>
        eb.or([
          eb.and([eb("r.mentor_id", "=", personId), eb("a.mentor_signed_at", "is", null)]),
          eb.and([eb("r.mentee_id", "=", personId), eb("a.mentee_signed_at", "is", null)]),
        ]),
      ),
    (q) => q.orderBy("r.created_at").orderBy("r.id"),
  );
}

/** Engagements in set-up where the person is a party whose agreement to the objectives is still missing. */
export function engagementsAwaitingAgreement(db: Db, organizationId: string, personId: string) {
  return capped(
    db
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
      ),
    (q) => q.orderBy("e.start_date").orderBy("e.id"),
  );
}

export function actionsDue(db: Db, organizationId: string, personId: string, until: string) {
  return capped(
    db
      .selectFrom("coaching_action as a")
      .select(["a.id", "a.engagement_id", "a.text", "a.due_date"])
      .where("a.organization_id", "=", organizationId)
      .where("a.owner_id", "=", personId)
      .where("a.status", "=", "open")
      .where("a.due_date", "<=", until),
    (q) => q.orderBy("a.due_date").orderBy("a.id"),
  );
}

export function milestonesDue(db: Db, organizationId: string, personId: string, until: string) {
  return capped(
    db
      .selectFrom("mentoring_milestone as m")
      .innerJoin("mentoring_goal as g", "g.id", "m.goal_id")
      .innerJoin("mentoring_relationship as r", "r.id", "g.relationship_id")
      .select(["m.id", "m.title", "m.due_date", "r.id as relationship_id"])
      .where("m.organization_id", "=", organizationId)
      .where("r.status", "=", "active")
      .where((eb) => eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]))
      .where("m.done_at", "is", null)
      .where("m.due_date", "is not", null)
      .where("m.due_date", "<=", until),
    (q) => q.orderBy("m.due_date").orderBy("m.id"),
  );
}

export function coachingSessionsBetween(
  db: Db,
  organizationId: string,
  personId: string,
  from: string,
  to: string,
) {
  return capped(
    db
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
      .where("s.scheduled_at", "<", to),
    (q) => q.orderBy("s.scheduled_at").orderBy("s.id"),
  );
}

export function ratingRequests(db: Db, organizationId: string, personId: string) {
  return capped(
    db
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
      .where("a.submitted_at", "is", null),
    (q) => q.orderBy("a.created_at").orderBy("a.id"),
  );
}

/**
 * The cohorts that can give the person a step, chosen in SQL: those where they hold a seat offer, those they
 * are enrolled in with a session in [from, to) or (not cancelled) without a certificate yet, and those they
 * teach with a session in [from, to) or a submission waiting for review. Past cohorts with nothing pending
 * are not loaded.
 */
export async function cohortIdsWithSteps(
  db: Db,
  organizationId: string,
  personId: string,
  from: string,
  to: string,
) {
  const sessionSoon = (cohort: "e.cohort_id" | "t.cohort_id") =>
    sql<boolean>`exists (select 1 from ${sql.table("training_session")} s where s.cohort_id = ${sql.ref(cohort)}
      and s.cancelled_at is null and s.starts_at >= ${from} and s.starts_at < ${to})`;
  const [enrolled, taught] = await Promise.all([
    db
      .selectFrom("training_enrolment as e")
      .innerJoin("training_cohort as h", "h.id", "e.cohort_id")
      .select("e.cohort_id")
      .where("e.organization_id", "=", organizationId)
      .where("e.person_id", "=", personId)
      .where((eb) =>
        eb.or([
          eb("e.status", "=", "offered"),
          eb.and([
            eb("e.status", "=", "enrolled"),
            eb.or([
              sessionSoon("e.cohort_id"),
              eb.and([
                eb("h.status", "!=", "cancelled"),
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom("training_certificate as c")
                      .select("c.id")
                      .whereRef("c.cohort_id", "=", "e.cohort_id")
                      .where("c.person_id", "=", personId),
                  ),
                ),
              ]),
            ]),
          ]),
        ]),
      )
      .execute(),
    db
      .selectFrom("training_cohort_trainer as t")
      .select("t.cohort_id")
      .where("t.organization_id", "=", organizationId)
      .where("t.person_id", "=", personId)
      .where((eb) =>
        eb.or([
          sessionSoon("t.cohort_id"),
          eb.exists(
            eb
              .selectFrom("training_submission as s")
              .select("s.id")
              .whereRef("s.cohort_id", "=", "t.cohort_id")
              .where("s.status", "=", "submitted"),
          ),
        ]),
      )
      .execute(),
  ]);
  return {
    enrolled: enrolled.map((r) => r.cohort_id),
    taught: taught.map((r) => r.cohort_id),
  };
}

/** How many submissions wait for review in each of these cohorts (only those with any). */
export async function submissionsWaiting(db: Db, organizationId: string, cohortIds: string[]) {
  if (cohortIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("training_submission")
    .select(["cohort_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("organization_id", "=", organizationId)
    .where("cohort_id", "in", cohortIds)
    .where("status", "=", "submitted")
    .groupBy("cohort_id")
    .execute();
  return new Map(rows.map((r) => [r.cohort_id, toCount(r.n)]));
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
