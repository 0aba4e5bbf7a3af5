import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type {
  CoachingActionTable,
  CoachingAmendmentTable,
  CoachingAssessmentTable,
  CoachingEngagementTable,
  CoachingMetricValueTable,
  CoachingObjectiveAgreementTable,
  CoachingObjectiveTable,
  CoachingSessionTable,
  CoachProfileTable,
  EngagementStatus,
} from "../../db/schema.ts";
import { newId } from "../../lib/ids.ts";

const OPEN: EngagementStatus[] = ["setup", "active"];

// Coach pool

export function coachesQuery(db: Db, organizationId: string) {
  return db
    .selectFrom("coach_profile as c")
    .innerJoin("person as p", "p.id", "c.person_id")
    .selectAll("c")
    .select([
      "p.name",
      "p.email",
      "p.title",
      "p.department",
      "p.seniority",
      "p.time_zone",
      "p.interests",
      "p.status as person_status",
      (eb) =>
        eb
          .selectFrom("coaching_engagement as e")
          .select((e) => e.fn.countAll().as("n"))
          .whereRef("e.coach_id", "=", "c.person_id")
          .where("e.status", "in", OPEN)
          .as("open_engagements"),
    ])
    .where("c.organization_id", "=", organizationId);
}

export const listCoaches = (db: Db, organizationId: string) =>
  coachesQuery(db, organizationId).orderBy("p.name").execute();

export const findCoaches = (db: Db, organizationId: string, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : coachesQuery(db, organizationId).where("c.person_id", "in", personIds).execute();

export const findCoach = (db: Db, organizationId: string, personId: string) =>
  coachesQuery(db, organizationId).where("c.person_id", "=", personId).executeTakeFirst();

export type CoachRow = NonNullable<Awaited<ReturnType<typeof findCoach>>>;
export const openEngagementsOf = (c: CoachRow) => toCount((c.open_engagements ?? 0) as string | number);

export async function saveCoach(db: Db, row: CoachProfileTable, exists: boolean) {
  if (exists) {
    const { id: _id, created_at: _c, ...patch } = row;
    await db
      .updateTable("coach_profile")
      .set(patch)
      .where("organization_id", "=", row.organization_id)
      .where("person_id", "=", row.person_id)
      .execute();
  } else {
    await db.insertInto("coach_profile").values(row).execute();
  }
}

// Engagements

export function engagementQuery(db: Db, organizationId: string) {
  return db
    .selectFrom("coaching_engagement as e")
    .innerJoin("program as pr", "pr.id", "e.program_id")
    .innerJoin("person as ce", "ce.id", "e.coachee_id")
    .innerJoin("person as sp", "sp.id", "e.sponsor_id")
    .leftJoin("person as co", "co.id", "e.coach_id")
    .selectAll("e")
    .select([
      "pr.name as program_name",
      "ce.name as coachee_name",
      "ce.department as coachee_department",
      "sp.name as sponsor_name",
      "co.name as coach_name",
    ])
    .where("e.organization_id", "=", organizationId);
}

export const findEngagement = (db: Db, organizationId: string, id: string) =>
  engagementQuery(db, organizationId).where("e.id", "=", id).executeTakeFirst();

export type EngagementRow = NonNullable<Awaited<ReturnType<typeof findEngagement>>>;

export function engagementsInvolving(
  db: Db,
  organizationId: string,
  personId: string,
  filter: { as?: "coach" | "coachee" | "sponsor" | undefined; status?: EngagementStatus | undefined },
) {
  let q = engagementQuery(db, organizationId);
  q = filter.as
    ? q.where(`e.${filter.as}_id`, "=", personId)
    : q.where((eb) =>
        eb.or([
          eb("e.coach_id", "=", personId),
          eb("e.coachee_id", "=", personId),
          eb("e.sponsor_id", "=", personId),
        ]),
      );
  if (filter.status) q = q.where("e.status", "=", filter.status);
  return q.orderBy("e.created_at", "desc").execute();
}

export const engagementsOfProgram = (db: Db, organizationId: string, programId: string) =>
  engagementQuery(db, organizationId)
    .where("e.program_id", "=", programId)
    .orderBy("e.created_at", "desc")
    .execute();

export function engagementsForInsights(
  db: Db,
  organizationId: string,
  filter: { programId?: string | undefined; department?: string | undefined },
) {
  let q = engagementQuery(db, organizationId).where("e.objectives_agreed_at", "is not", null);
  if (filter.programId) q = q.where("e.program_id", "=", filter.programId);
  if (filter.department) q = q.where("ce.department", "=", filter.department);
  return q.execute();
}

export const openEngagementOfCoachee = (db: Db, programId: string, coacheeId: string) =>
  db
    .selectFrom("coaching_engagement")
    .select(["id"])
    .where("program_id", "=", programId)
    .where("coachee_id", "=", coacheeId)
    .where("status", "in", OPEN)
    .executeTakeFirst();

export const insertEngagement = (db: Db, row: CoachingEngagementTable) =>
  db.insertInto("coaching_engagement").values(row).execute();

export async function updateEngagement(db: Db, id: string, patch: Partial<CoachingEngagementTable>) {
  await db.updateTable("coaching_engagement").set(patch).where("id", "=", id).execute();
}

export const insertAmendment = (db: Db, row: CoachingAmendmentTable) =>
  db.insertInto("coaching_amendment").values(row).execute();

export const amendmentsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_amendment as a")
        .innerJoin("person as p", "p.id", "a.created_by")
        .selectAll("a")
        .select("p.name as created_by_name")
        .where("a.engagement_id", "in", engagementIds)
        .orderBy("a.created_at")
        .execute();

// Objectives, agreement and metrics

export const objectivesOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_objective")
        .selectAll()
        .where("engagement_id", "in", engagementIds)
        .orderBy("engagement_id")
        .orderBy("position")
        .execute();

export async function replaceObjectives(db: Db, engagementId: string, rows: CoachingObjectiveTable[]) {
  // Replacing the set is only allowed before any value or rating refers to it (the service checks).
  await db.deleteFrom("coaching_objective").where("engagement_id", "=", engagementId).execute();
  if (rows.length) await db.insertInto("coaching_objective").values(rows).execute();
}

export const agreementsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_objective_agreement as a")
        .innerJoin("person as p", "p.id", "a.person_id")
        .selectAll("a")
        .select("p.name as person_name")
        .where("a.engagement_id", "in", engagementIds)
        .execute();

export const insertAgreement = (db: Db, row: CoachingObjectiveAgreementTable) =>
  db.insertInto("coaching_objective_agreement").values(row).execute();

export const clearAgreements = (db: Db, engagementId: string) =>
  db.deleteFrom("coaching_objective_agreement").where("engagement_id", "=", engagementId).execute();

export const metricValuesOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_metric_value")
        .selectAll()
        .where("engagement_id", "in", engagementIds)
        .orderBy("recorded_on")
        .orderBy("created_at")
        .execute();

export const insertMetricValues = (db: Db, rows: CoachingMetricValueTable[]) =>
  rows.length ? db.insertInto("coaching_metric_value").values(rows).execute() : Promise.resolve([]);

// Sessions and actions

export const sessionsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_session")
        .selectAll()
        .where("engagement_id", "in", engagementIds)
        .orderBy("scheduled_at")
        .orderBy("created_at")
        .execute();

/** A booked session with nothing recorded yet. */
export const scheduledSession = (
  organizationId: string,
  engagementId: string,
  scheduledAt: string,
  durationMinutes: number,
  createdAt: string,
): CoachingSessionTable => ({
  id: newId(),
  organization_id: organizationId,
  engagement_id: engagementId,
  scheduled_at: scheduledAt,
  duration_minutes: durationMinutes,
  attendance: "scheduled",
  rescheduled_to: null,
  goal: null,
  reality: null,
  options: null,
  will: null,
  visibility: "{}",
  private_notes: null,
  sponsor_summary: null,
  recorded_at: null,
  created_at: createdAt,
});

export const insertSession = (db: Db, row: CoachingSessionTable) =>
  db.insertInto("coaching_session").values(row).execute();

export async function updateSession(db: Db, id: string, patch: Partial<CoachingSessionTable>) {
  await db.updateTable("coaching_session").set(patch).where("id", "=", id).execute();
}

export const actionsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_action as a")
        .innerJoin("person as p", "p.id", "a.owner_id")
        .selectAll("a")
        .select("p.name as owner_name")
        .where("a.engagement_id", "in", engagementIds)
        .orderBy("a.due_date")
        .orderBy("a.created_at")
        .execute();

export type ActionRow = Awaited<ReturnType<typeof actionsOf>>[number];

export const insertActions = (db: Db, rows: CoachingActionTable[]) =>
  rows.length ? db.insertInto("coaching_action").values(rows).execute() : Promise.resolve([]);

export async function updateAction(db: Db, id: string, patch: Partial<CoachingActionTable>) {
  await db.updateTable("coaching_action").set(patch).where("id", "=", id).execute();
}

export function openActionsOwnedBy(db: Db, organizationId: string, personId: string, dueBy: string | null) {
  let q = db
    .selectFrom("coaching_action as a")
    .innerJoin("coaching_engagement as e", "e.id", "a.engagement_id")
    .innerJoin("person as p", "p.id", "a.owner_id")
    .leftJoin("person as co", "co.id", "e.coach_id")
    .selectAll("a")
    .select(["p.name as owner_name", "e.coach_id", "co.name as coach_name"])
    .where("a.organization_id", "=", organizationId)
    .where("a.owner_id", "=", personId)
    .where("a.status", "=", "open")
    .where("a.review_outcome", "is", null)
    .where("e.status", "=", "active");
  if (dueBy) q = q.where("a.due_date", "<=", dueBy);
  return q.orderBy("a.due_date").execute();
}

// Assessments

export const assessmentsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("coaching_assessment as a")
        .innerJoin("person as p", "p.id", "a.rater_id")
        .selectAll("a")
        .select("p.name as rater_name")
        .where("a.engagement_id", "in", engagementIds)
        .orderBy("a.created_at")
        .execute();

export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

export const insertAssessment = (db: Db, row: CoachingAssessmentTable) =>
  db.insertInto("coaching_assessment").values(row).execute();

export async function updateAssessment(db: Db, id: string, patch: Partial<CoachingAssessmentTable>) {
  await db.updateTable("coaching_assessment").set(patch).where("id", "=", id).execute();
}

export const ratingRequestsOf = (db: Db, organizationId: string, personId: string) =>
  engagementQuery(db, organizationId)
    .innerJoin("coaching_assessment as a", "a.engagement_id", "e.id")
    .select([
      "a.id as assessment_id",
      "a.phase",
      "a.submitted_at",
      "a.created_at as invited_at",
      (eb) =>
        eb
          .selectFrom("coaching_assessment as x")
          .select((x) => x.fn.countAll().as("n"))
          .whereRef("x.engagement_id", "=", "a.engagement_id")
          .whereRef("x.phase", "=", "a.phase")
          .where("x.rater_kind", "=", "stakeholder")
          .as("stakeholders"),
    ])
    .where("a.rater_id", "=", personId)
    .where("a.rater_kind", "=", "stakeholder")
    .where("e.status", "in", ["active", "completed"])
    .orderBy("a.created_at", "desc")
    .execute();
