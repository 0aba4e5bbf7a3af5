import { sql } from "kysely";
import { type Attendance, PARTIES } from "../../../domain/coaching/lifecycle.ts";
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
  CoachKind,
  CoachProfileTable,
  EngagementStatus,
} from "../../db/schema.ts";
import { newId } from "../../lib/ids.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";
import { reportingLines } from "../people/people.repository.ts";

const OPEN: EngagementStatus[] = ["setup", "active"];
/** The attendances that use a session of the budget (`usesBudget`), and so get a session number. */
const NUMBERED: Attendance[] = ["held", "no_show"];

const count = (row: { n?: unknown } | undefined) => toCount(row?.n as string | number | undefined);

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

export interface CoachFilter extends PageRequest {
  kind?: CoachKind | undefined;
  personId?: string | undefined;
}

/** A page of the pool by name, with how many coaches match the filter. */
export async function coachPage(db: Db, organizationId: string, f: CoachFilter) {
  let q = coachesQuery(db, organizationId);
  if (f.kind) q = q.where("c.kind", "=", f.kind);
  if (f.personId) q = q.where("c.person_id", "=", f.personId);
  const keys: SortKey[] = [
    { column: "p.name", direction: "asc" },
    { column: "c.id", direction: "asc" },
  ];
  const [rows, total] = await Promise.all([
    keyset(q, keys, f).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  ]);
  return { ...pageOf(rows, f, (r) => [r.name, r.id]), total: count(total) };
}

/** The whole pool in figures: coaches, those taking coachees, and the seats they have left. */
export async function poolFigures(db: Db, organizationId: string) {
  const open = sql<number>`(select count(*) from coaching_engagement e where e.coach_id = c.person_id and e.status in (${sql.join(OPEN)}))`;
  const taking = sql<boolean>`c.active = 1 and p.status = 'active'`;
  const row = await db
    .selectFrom("coach_profile as c")
    .innerJoin("person as p", "p.id", "c.person_id")
    .where("c.organization_id", "=", organizationId)
    .select((eb) => [
      eb.fn.countAll().as("coaches"),
      sql<number>`sum(case when ${taking} then 1 else 0 end)`.as("taking"),
      sql<number>`sum(case when ${taking} and c.capacity > ${open} then c.capacity - ${open} else 0 end)`.as(
        "spare",
      ),
    ])
    .executeTakeFirst();
  const n = (v: unknown) => toCount(v as string | number | null | undefined);
  return { coaches: n(row?.coaches), taking: n(row?.taking), spareSeats: n(row?.spare) };
}

/** The coaches who take coachees, for the shortlist. */
export const activeCoaches = (db: Db, organizationId: string) =>
  coachesQuery(db, organizationId)
    .where("c.active", "=", 1)
    .where("p.status", "=", "active")
    .orderBy("p.name")
    .execute();

/** The given people (of the organization) and everyone above them in the reporting line. */
export const reportingLinesOf = (db: Db, organizationId: string, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve(new Map<string, string | null>())
    : reportingLines(
        db,
        organizationId,
        db.selectFrom("person as p").select(["p.id", "p.manager_id"]).where("p.id", "in", personIds),
      );

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

/** Engagements without the names joined on, for filtering, counting and choosing a page. */
const engagementRows = (db: Db, organizationId: string) =>
  db.selectFrom("coaching_engagement as e").where("e.organization_id", "=", organizationId);

type EngagementRows = ReturnType<typeof engagementRows>;

export interface InvolvementFilter {
  as?: "coach" | "coachee" | "sponsor" | undefined;
  status?: EngagementStatus | undefined;
  programId?: string | undefined;
  /** Only those waiting on the person for a next step (what `awaitingMe` lists). */
  awaitingMe?: boolean | undefined;
}

/**
 * The engagement waits on `personId` (a party to it): in setup, to choose the coach (the coachee), to set
 * the objectives, or to agree them; once active, the coach to book the next session.
 */
function whereAwaiting(q: EngagementRows, personId: string) {
  return q.where((eb) => {
    const hasObjectives = eb.exists(
      eb.selectFrom("coaching_objective as o").select("o.id").whereRef("o.engagement_id", "=", "e.id"),
    );
    const agreedAs = (party: (typeof PARTIES)[number]) =>
      eb.exists(
        eb
          .selectFrom("coaching_objective_agreement as g")
          .select("g.id")
          .whereRef("g.engagement_id", "=", "e.id")
          .where("g.party", "=", party),
      );
    const booked = eb.exists(
      eb
        .selectFrom("coaching_session as s")
        .select("s.id")
        .whereRef("s.engagement_id", "=", "e.id")
        .where("s.attendance", "=", "scheduled"),
    );
    return eb.or([
      eb.and([
        eb("e.status", "=", "setup"),
        eb.or([
          eb.and([eb("e.coach_id", "is", null), eb("e.coachee_id", "=", personId)]),
          eb.not(hasObjectives),
          eb.and([
            eb("e.coach_id", "is not", null),
            hasObjectives,
            eb.or(
              PARTIES.map((party) => eb.and([eb(`e.${party}_id`, "=", personId), eb.not(agreedAs(party))])),
            ),
          ]),
        ]),
      ]),
      eb.and([eb("e.status", "=", "active"), eb("e.coach_id", "=", personId), eb.not(booked)]),
    ]);
  });
}

export function involvingQuery(db: Db, organizationId: string, personId: string, filter: InvolvementFilter) {
  let q = engagementRows(db, organizationId);
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
  if (filter.programId) q = q.where("e.program_id", "=", filter.programId);
  if (filter.awaitingMe) q = whereAwaiting(q, personId);
  return q;
}

export const engagementsInvolving = (
  db: Db,
  organizationId: string,
  personId: string,
  filter: InvolvementFilter,
) =>
  engagementQuery(db, organizationId)
    .where("e.id", "in", involvingQuery(db, organizationId, personId, filter).select("e.id"))
    .orderBy("e.created_at", "desc")
    .execute();

export const programQuery = (db: Db, organizationId: string, programId: string) =>
  engagementRows(db, organizationId).where("e.program_id", "=", programId);

/**
 * A page of engagements newest first, with how many the whole list holds and how many of them are open.
 * The page is chosen without the joins, which only the page's rows then get.
 */
export async function engagementPage(db: Db, organizationId: string, q: EngagementRows, page: PageRequest) {
  const keys: SortKey[] = [
    { column: "e.created_at", direction: "desc" },
    { column: "e.id", direction: "desc" },
  ];
  const [rows, counts] = await Promise.all([
    engagementQuery(db, organizationId)
      .where("e.id", "in", keyset(q.select("e.id"), keys, page))
      .orderBy("e.created_at", "desc")
      .orderBy("e.id", "desc")
      .execute(),
    q
      .select((eb) => [
        eb.fn.countAll().as("n"),
        sql<number>`sum(case when e.status in (${sql.join(OPEN)}) then 1 else 0 end)`.as("open"),
      ])
      .executeTakeFirst(),
  ]);
  return {
    ...pageOf(rows, page, (r) => [r.created_at, r.id]),
    total: count(counts),
    open: toCount(counts?.open as string | number | null | undefined),
  };
}

export interface EngagementTally {
  used: number;
  booked: number;
  addedSessions: number;
  objectives: number;
  nextSessionAt: string | null;
}

/** What a list shows of each engagement, counted in the database: sessions used and booked, the next one. */
export async function engagementTallies(
  db: Db,
  engagementIds: string[],
): Promise<Map<string, EngagementTally>> {
  if (engagementIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("coaching_engagement as e")
    .where("e.id", "in", engagementIds)
    .select((eb) => {
      const sessions = () => eb.selectFrom("coaching_session as s").whereRef("s.engagement_id", "=", "e.id");
      return [
        "e.id",
        sessions()
          .where("s.attendance", "in", NUMBERED)
          .select((x) => x.fn.countAll().as("n"))
          .as("used"),
        sessions()
          .where("s.attendance", "=", "scheduled")
          .select((x) => x.fn.countAll().as("n"))
          .as("booked"),
        sessions()
          .where("s.attendance", "=", "scheduled")
          .select((x) => x.fn.min("s.scheduled_at").as("at"))
          .as("next_session_at"),
        eb
          .selectFrom("coaching_amendment as a")
          .whereRef("a.engagement_id", "=", "e.id")
          .select((x) => x.fn.sum("a.added_sessions").as("n"))
          .as("added_sessions"),
        eb
          .selectFrom("coaching_objective as o")
          .whereRef("o.engagement_id", "=", "e.id")
          .select((x) => x.fn.countAll().as("n"))
          .as("objectives"),
      ];
    })
    .execute();
  const n = (v: unknown) => toCount(v as string | number | null | undefined);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        used: n(r.used),
        booked: n(r.booked),
        addedSessions: n(r.added_sessions),
        objectives: n(r.objectives),
        nextSessionAt: (r.next_session_at as string | null) ?? null,
      },
    ]),
  );
}

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

/** How many dated values of an objective are read back: the latest ones. */
export const HISTORY_SHOWN = 100;

/** The latest `HISTORY_SHOWN` values of each objective of the engagements, oldest first. */
export const metricValuesOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom((eb) =>
          eb
            .selectFrom("coaching_metric_value")
            .selectAll()
            .select(
              sql<number>`row_number() over (partition by objective_id order by recorded_on desc, created_at desc, id desc)`.as(
                "recency",
              ),
            )
            .where("engagement_id", "in", engagementIds)
            .as("v"),
        )
        .selectAll()
        .where("v.recency", "<=", HISTORY_SHOWN)
        .orderBy("v.recorded_on")
        .orderBy("v.created_at")
        .orderBy("v.id")
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

/**
 * The session's number among its engagement's held and no-show sessions in order (as `numbering` counts
 * them), or null for a scheduled or rescheduled one.
 */
const sessionNumber = sql<
  number | string | null
>`case when s.attendance in (${sql.join(NUMBERED)}) then (select count(*) from coaching_session x where x.engagement_id = s.engagement_id and x.attendance in (${sql.join(NUMBERED)}) and (x.scheduled_at, x.created_at, x.id) <= (s.scheduled_at, s.created_at, s.id)) end`;

const numberOf = (v: number | string | null) => (v === null ? null : toCount(v));

/** A page of an engagement's sessions in the order they were booked for, each with its number. */
export async function sessionPage(db: Db, engagementId: string, page: PageRequest) {
  const keys: SortKey[] = [
    { column: "s.scheduled_at", direction: "asc" },
    { column: "s.created_at", direction: "asc" },
    { column: "s.id", direction: "asc" },
  ];
  const q = db
    .selectFrom("coaching_session as s")
    .selectAll("s")
    .select(sessionNumber.as("number"))
    .where("s.engagement_id", "=", engagementId);
  const { rows, nextCursor } = pageOf(await keyset(q, keys, page).execute(), page, (r) => [
    r.scheduled_at,
    r.created_at,
    r.id,
  ]);
  return { rows: rows.map((r) => ({ ...r, number: numberOf(r.number) })), nextCursor };
}

/** The numbers of the given sessions (see `sessionNumber`). */
export async function sessionNumbers(db: Db, sessionIds: string[]): Promise<Map<string, number>> {
  const ids = [...new Set(sessionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("coaching_session as s")
    .select(["s.id", sessionNumber.as("number")])
    .where("s.id", "in", ids)
    .execute();
  return new Map(rows.flatMap((r) => (r.number === null ? [] : [[r.id, toCount(r.number)] as const])));
}

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

const actionQuery = (db: Db) =>
  db
    .selectFrom("coaching_action as a")
    .innerJoin("person as p", "p.id", "a.owner_id")
    .selectAll("a")
    .select("p.name as owner_name");

export const actionsOf = (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? Promise.resolve([])
    : actionQuery(db)
        .where("a.engagement_id", "in", engagementIds)
        .orderBy("a.due_date")
        .orderBy("a.created_at")
        .execute();

/** The actions agreed in, or reviewed in, the given sessions of an engagement. */
export const actionsOfSessions = (db: Db, engagementId: string, sessionIds: string[]) =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : actionQuery(db)
        .where("a.engagement_id", "=", engagementId)
        .where((eb) =>
          eb.or([eb("a.session_id", "in", sessionIds), eb("a.reviewed_in_session_id", "in", sessionIds)]),
        )
        .orderBy("a.due_date")
        .orderBy("a.created_at")
        .execute();

const byDueDate: SortKey[] = [
  { column: "a.due_date", direction: "asc" },
  { column: "a.created_at", direction: "asc" },
  { column: "a.id", direction: "asc" },
];
const dueCursor = (r: { due_date: string; created_at: string; id: string }) => [
  r.due_date,
  r.created_at,
  r.id,
];

/** A page of an engagement's actions by due date; `pending` keeps those not reviewed yet, `reviewed` the others. */
export async function actionPage(
  db: Db,
  engagementId: string,
  f: PageRequest & { review?: "pending" | "reviewed" | undefined },
) {
  let q = actionQuery(db).where("a.engagement_id", "=", engagementId);
  if (f.review) q = q.where("a.review_outcome", f.review === "pending" ? "is" : "is not", null);
  return pageOf(await keyset(q, byDueDate, f).execute(), f, dueCursor);
}

export type ActionRow = Awaited<ReturnType<typeof actionsOf>>[number];

export const insertActions = (db: Db, rows: CoachingActionTable[]) =>
  rows.length ? db.insertInto("coaching_action").values(rows).execute() : Promise.resolve([]);

export async function updateAction(db: Db, id: string, patch: Partial<CoachingActionTable>) {
  await db.updateTable("coaching_action").set(patch).where("id", "=", id).execute();
}

function openActionsQuery(db: Db, organizationId: string, personId: string, dueBy: string | null) {
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
  return q;
}

export const openActionsOwnedBy = (db: Db, organizationId: string, personId: string, dueBy: string | null) =>
  openActionsQuery(db, organizationId, personId, dueBy).orderBy("a.due_date").execute();

export async function openActionPage(
  db: Db,
  organizationId: string,
  personId: string,
  dueBy: string | null,
  page: PageRequest,
) {
  const q = openActionsQuery(db, organizationId, personId, dueBy);
  return pageOf(await keyset(q, byDueDate, page).execute(), page, dueCursor);
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

/** A page of the person's stakeholder rating requests, newest first; `answered` keeps the answered or the open ones. */
export async function ratingRequestPage(
  db: Db,
  organizationId: string,
  personId: string,
  f: PageRequest & { answered?: boolean | undefined },
) {
  let q = engagementQuery(db, organizationId)
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
    .where("e.status", "in", ["active", "completed"]);
  if (f.answered !== undefined) q = q.where("a.submitted_at", f.answered ? "is not" : "is", null);
  const keys: SortKey[] = [
    { column: "a.created_at", direction: "desc" },
    { column: "a.id", direction: "desc" },
  ];
  return pageOf(await keyset(q, keys, f).execute(), f, (r) => [r.invited_at, r.assessment_id]);
}
