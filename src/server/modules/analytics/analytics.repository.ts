import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { type Db, isPostgres } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { ProgramKind, ProgramStatus, RelationshipStatus } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

/**
 * Every query here reads metadata only: statuses, dates, counts of rows, check-in scores, objective
 * metrics and budgets. None selects a journal, a meeting's content, a closure, a GROW field, a note, an
 * agreement or a goal.
 */

/** The programs an aggregate covers: the organization's, those of some statuses, or one program. */
export interface Scope {
  organizationId: string;
  statuses: readonly ProgramStatus[];
  programId?: string | undefined;
}

export type ParticipantState = "waiting" | "active" | "completed" | "dropped";

/** The filter on `program as p` that every aggregate query joins. */
function inScope(scope: Scope): Expression<SqlBool> {
  const parts = [
    sql`p.organization_id = ${scope.organizationId}`,
    sql`p.status in (${sql.join([...scope.statuses])})`,
  ];
  if (scope.programId) parts.push(sql`p.id = ${scope.programId}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const noDate = sql<string | null>`null`;

/**
 * Program enrolments with no placement (an engagement, a cohort place: its program and person) yet:
 * waiting, or dropped when withdrawn. The placements are read once (`not in`), not looked up per enrolment.
 */
function unplaced<DB, TB extends keyof DB>(
  db: Db,
  scope: Scope,
  kind: ProgramKind,
  role: string,
  placements: SelectQueryBuilder<DB, TB, { program_id: string; person_id: string }>,
) {
  return db
    .selectFrom("enrolment as e")
    .innerJoin("program as p", "p.id", "e.program_id")
    .where(inScope(scope))
    .where("p.kind", "=", kind)
    .where("e.role", "=", role)
    .where(({ eb, refTuple }) =>
      eb(refTuple("e.program_id", "e.person_id"), "not in", placements.$asTuple("program_id", "person_id")),
    )
    .select((eb) => [
      "p.kind as kind",
      "e.program_id as program_id",
      "e.person_id as person_id",
      sql<ParticipantState>`case when ${eb.ref("e.status")} = 'withdrawn' then 'dropped' else 'waiting' end`.as(
        "state",
      ),
      "e.created_at as joined_at",
      noDate.as("started_at"),
      noDate.as("completed_at"),
    ]);
}

/** Mentees: matched and meeting (or about to), completed, dropped (withdrawn or ended early), or waiting. */
function mentees(db: Db, scope: Scope) {
  return db
    .selectFrom("enrolment as e")
    .innerJoin("program as p", "p.id", "e.program_id")
    .where(inScope(scope))
    .where("p.kind", "=", "mentoring")
    .where("e.role", "=", "mentee")
    .select((eb) => {
      const rel = (statuses: RelationshipStatus[]) =>
        eb.exists(
          eb
            .selectFrom("mentoring_relationship as r")
            .select(sql.lit(1).as("one"))
            .whereRef("r.program_id", "=", "e.program_id")
            .whereRef("r.mentee_id", "=", "e.person_id")
            .where("r.status", "in", statuses),
        );
      return [
        "p.kind as kind",
        "e.program_id as program_id",
        "e.person_id as person_id",
        sql<ParticipantState>`case
        when ${rel(["proposed", "active"])} then 'active'
        when ${rel(["completed"])} then 'completed'
        when ${eb("e.status", "=", "withdrawn")} or ${rel(["ended_early"])} then 'dropped'
        else 'waiting' end`.as("state"),
        "e.created_at as joined_at",
        eb
          .selectFrom("mentoring_relationship as r")
          .select((r) => r.fn.min("r.created_at").as("m"))
          .whereRef("r.program_id", "=", "e.program_id")
          .whereRef("r.mentee_id", "=", "e.person_id")
          .as("started_at"),
        eb
          .selectFrom("mentoring_relationship as r")
          .select((r) => r.fn.max("r.ended_at").as("m"))
          .whereRef("r.program_id", "=", "e.program_id")
          .whereRef("r.mentee_id", "=", "e.person_id")
          .where("r.status", "=", "completed")
          .as("completed_at"),
      ];
    });
}

/** Coachees: one row per engagement, and one per enrolment still waiting for an engagement. */
function coachees(db: Db, scope: Scope) {
  const engagements = db
    .selectFrom("coaching_engagement as g")
    .innerJoin("program as p", "p.id", "g.program_id")
    .where(inScope(scope))
    .select((eb) => [
      "p.kind as kind",
      "g.program_id as program_id",
      "g.coachee_id as person_id",
      sql<ParticipantState>`case
          when ${eb.ref("g.status")} in ('setup', 'active') then 'active'
          when ${eb.ref("g.status")} = 'completed' then 'completed'
          else 'dropped' end`.as("state"),
      "g.created_at as joined_at",
      sql<
        string | null
      >`case when ${eb.ref("g.status")} in ('active', 'completed') then ${eb.ref("g.start_date")} else null end`.as(
        "started_at",
      ),
      sql<
        string | null
      >`case when ${eb.ref("g.status")} = 'completed' then ${eb.ref("g.closed_at")} else null end`.as(
        "completed_at",
      ),
    ]);
  return engagements.unionAll(
    unplaced(
      db,
      scope,
      "coaching",
      "coachee",
      db
        .selectFrom("coaching_engagement as g")
        .innerJoin("program as p", "p.id", "g.program_id")
        .where(inScope(scope))
        .select(["g.program_id", "g.coachee_id as person_id"]),
    ),
  );
}

/** Trainees: one row per cohort place (waitlisted, taken, completed or withdrawn), and enrolments in no cohort yet. */
function trainees(db: Db, scope: Scope) {
  const places = db
    .selectFrom("training_enrolment as te")
    .innerJoin("training_cohort as c", "c.id", "te.cohort_id")
    .innerJoin("program as p", "p.id", "c.program_id")
    // A person holds one certificate per cohort at most.
    .leftJoin("training_certificate as tc", (join) =>
      join
        .onRef("tc.cohort_id", "=", "te.cohort_id")
        .onRef("tc.person_id", "=", "te.person_id")
        .on("tc.revoked_at", "is", null),
    )
    .where(inScope(scope))
    .select((eb) => {
      const done = sql<string | null>`coalesce(${eb.ref("te.completed_at")}, ${eb.ref("tc.issued_at")})`;
      return [
        "p.kind as kind",
        "c.program_id as program_id",
        "te.person_id as person_id",
        sql<ParticipantState>`case
            when ${eb.ref("te.status")} in ('waitlisted', 'offered') then 'waiting'
            when ${eb.ref("te.status")} = 'withdrawn' then 'dropped'
            when ${done} is not null then 'completed'
            else 'active' end`.as("state"),
        "te.created_at as joined_at",
        sql<
          string | null
        >`case when ${eb.ref("te.status")} = 'enrolled' then ${eb.ref("c.start_date")} else null end`.as(
          "started_at",
        ),
        sql<string | null>`case when ${eb.ref("te.status")} = 'enrolled' then ${done} else null end`.as(
          "completed_at",
        ),
      ];
    });
  return places.unionAll(
    unplaced(
      db,
      scope,
      "training",
      "trainee",
      db
        .selectFrom("training_enrolment as te")
        .innerJoin("training_cohort as c", "c.id", "te.cohort_id")
        .innerJoin("program as p", "p.id", "c.program_id")
        .where(inScope(scope))
        .select(["c.program_id", "te.person_id"]),
    ),
  );
}

/** Everyone taking part in a development role (mentee, coachee, trainee), one row per participation. */
const participants = (db: Db, scope: Scope) =>
  db.selectFrom(mentees(db, scope).unionAll(coachees(db, scope)).unionAll(trainees(db, scope)).as("x"));

const n = (v: unknown) => toCount(v as string | number);

export type MonthlyEvent = "joined_at" | "started_at" | "completed_at";

export type ParticipantBreakdown = "state" | "program" | "department" | "seniority" | MonthlyEvent;

/**
 * Participations (`n`) and distinct people per group, for every breakdown the analytics show, from one
 * reading of the participants: per kind and state; per program (when `byProgram`); distinct people per
 * department and seniority level, per kind and across kinds (kind null); per kind and calendar month of
 * joining, starting and completing, over all time.
 */
export async function participantFigures(db: Db, scope: Scope, byProgram: boolean) {
  const withPeople = db
    .selectFrom(participants(db, scope).selectAll("x").as("x"))
    .innerJoin("person", "person.id", "x.person_id")
    .selectAll("x")
    .select(["person.department", "person.seniority"]);
  const query = db.with(
    (cte) => cte("x").materialized(),
    () => withPeople,
  );
  type From = ReturnType<typeof query.selectFrom<"x">>;
  const group =
    (
      breakdown: ParticipantBreakdown,
      perKind: boolean,
      key: RawBuilder<string | null>,
      only?: MonthlyEvent,
    ) =>
    (from: From) =>
      (only ? from.where(`x.${only}`, "is not", null) : from)
        .select((eb) => [
          sql.lit(breakdown).$castTo<ParticipantBreakdown>().as("breakdown"),
          sql<ProgramKind | null>`${perKind ? sql.ref("x.kind") : sql`null`}`.as("kind"),
          key.as("key"),
          eb.fn.countAll().as("n"),
          eb.fn.count("x.person_id").distinct().as("people"),
        ])
        .groupBy(perKind ? [sql.ref("x.kind"), key] : [key]);
  const month = (event: MonthlyEvent) => sql<string | null>`substr(${sql.ref(`x.${event}`)}, 1, 7)`;
  const seniority = sql<string | null>`cast(x.seniority as text)`;
  const [first, ...rest] = [
    group("state", true, sql`x.state`),
    group("department", true, sql`x.department`),
    group("department", false, sql`x.department`),
    group("seniority", true, seniority),
    group("seniority", false, seniority),
    ...(["joined_at", "started_at", "completed_at"] as const).map((event) =>
      group(event, true, month(event), event),
    ),
    ...(byProgram ? [group("program", false, sql`x.program_id`)] : []),
  ];
  if (!first) return [];
  const rows = await rest
    .reduce((q, g) => q.unionAll((eb) => g(eb.selectFrom("x"))), first(query.selectFrom("x")))
    .execute();
  return rows.map((r) => ({
    breakdown: r.breakdown,
    kind: r.kind,
    key: r.key,
    value: n(r.n),
    people: n(r.people),
  }));
}

/** Each matched mentee's enrolment and first match, for time to match. */
export const matchTimes = (db: Db, scope: Scope) =>
  db
    .selectFrom(mentees(db, scope).as("x"))
    .select(["x.person_id", "x.joined_at", "x.started_at"])
    .where("x.started_at", "is not", null)
    .execute();

/** Distinct people enrolled as mentors. */
export async function mentorCount(db: Db, scope: Scope) {
  const row = await db
    .selectFrom("enrolment as e")
    .innerJoin("program as p", "p.id", "e.program_id")
    .where(inScope(scope))
    .where("p.kind", "=", "mentoring")
    .where("e.role", "=", "mentor")
    .where("e.status", "=", "active")
    .select((eb) => eb.fn.count("e.person_id").distinct().as("people"))
    .executeTakeFirst();
  return n(row?.people ?? 0);
}

/** Active relationships with the number of meetings logged since `since` (a count of rows, never their content). */
export function activeRelationships(db: Db, scope: Scope, since: string) {
  return db
    .selectFrom("mentoring_relationship as r")
    .innerJoin("program as p", "p.id", "r.program_id")
    .where(inScope(scope))
    .where("r.status", "=", "active")
    .select((eb) => [
      "r.mentee_id",
      "r.start_date",
      "r.created_at",
      eb
        .selectFrom("mentoring_meeting as m")
        .select((m) => m.fn.countAll().as("n"))
        .whereRef("m.relationship_id", "=", "r.id")
        .where("m.met_on", ">=", since.slice(0, 10))
        .as("meetings"),
    ])
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, meetings: n(r.meetings) })));
}

function checkins(db: Db, scope: Scope) {
  return db
    .selectFrom("mentoring_checkin as k")
    .innerJoin("mentoring_relationship as r", "r.id", "k.relationship_id")
    .innerJoin("program as p", "p.id", "r.program_id")
    .where(inScope(scope));
}

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;

/** Check-in answers per satisfaction score (1–5), with how many people gave them, and respondents overall. */
export async function satisfactionScores(db: Db, scope: Scope) {
  const row = await checkins(db, scope)
    .select((eb) => [
      eb.fn.count("k.author_id").distinct().as("people"),
      ...SATISFACTION_SCORES.flatMap((score) => {
        const answered = eb("k.satisfaction", "=", score);
        return [
          sql<string | number | null>`sum(case when ${answered} then 1 else 0 end)`.as(`n${score}`),
          sql<string | number>`count(distinct case when ${answered} then ${eb.ref("k.author_id")} end)`.as(
            `people${score}`,
          ),
        ];
      }),
    ])
    .executeTakeFirst();
  const counts = (row ?? {}) as Record<string, string | number | null | undefined>;
  return {
    scores: SATISFACTION_SCORES.map((score) => ({
      score,
      value: n(counts[`n${score}`] ?? 0),
      people: n(counts[`people${score}`] ?? 0),
    })),
    people: n(counts.people ?? 0),
  };
}

/** Per month since `since`: the sum and number of satisfaction scores, and how many people answered. */
export async function satisfactionByMonth(db: Db, scope: Scope, since: string) {
  const rows = await db
    .selectFrom(
      checkins(db, scope)
        .where("k.created_at", ">=", since)
        .select((eb) => [
          "k.satisfaction",
          "k.author_id",
          sql<string>`substr(${eb.ref("k.created_at")}, 1, 7)`.as("month"),
        ])
        .as("m"),
    )
    .select((eb) => [
      "m.month",
      eb.fn.sum("m.satisfaction").as("total"),
      eb.fn.countAll().as("n"),
      eb.fn.count("m.author_id").distinct().as("people"),
    ])
    .groupBy("m.month")
    .execute();
  return rows.map((r) => ({ month: r.month, total: n(r.total), value: n(r.n), people: n(r.people) }));
}

/** Engagements that were not cancelled: their budget (amendments included) and sessions held. */
export function engagementUse(db: Db, scope: Scope) {
  return db
    .selectFrom("coaching_engagement as g")
    .innerJoin("program as p", "p.id", "g.program_id")
    .where(inScope(scope))
    .where("g.status", "in", ["active", "completed"])
    .select((eb) => [
      "g.id",
      "g.coachee_id",
      "g.session_budget",
      eb
        .selectFrom("coaching_amendment as a")
        .select((a) => a.fn.sum("a.added_sessions").as("n"))
        .whereRef("a.engagement_id", "=", "g.id")
        .as("added"),
      eb
        .selectFrom("coaching_session as s")
        .select((s) => s.fn.countAll().as("n"))
        .whereRef("s.engagement_id", "=", "g.id")
        .where("s.attendance", "=", "held")
        .as("held"),
    ])
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        engagementId: r.id,
        coacheeId: r.coachee_id,
        budget: r.session_budget + n(r.added),
        held: n(r.held),
      })),
    );
}

/** The latest recorded value of an objective's metric (null before any), in the engagement page's order. */
const latestValue = sql<number | string | null>`(select v.value from coaching_metric_value v
  where v.objective_id = o.id order by v.recorded_on desc, v.created_at desc, v.id desc limit 1)`;

/** Objectives of engagements that were not cancelled: theme, baseline, target and latest value. */
export function objectiveProgress(db: Db, scope: Scope) {
  return db
    .selectFrom("coaching_objective as o")
    .innerJoin("coaching_engagement as g", "g.id", "o.engagement_id")
    .innerJoin("program as p", "p.id", "g.program_id")
    .where(inScope(scope))
    .where("g.status", "in", ["setup", "active", "completed"])
    .select([
      "o.engagement_id",
      "g.coachee_id",
      "o.theme",
      "o.baseline",
      "o.target",
      latestValue.as("latest"),
    ])
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, latest: r.latest === null ? null : Number(r.latest) })));
}

export const ATTENDANCE_MARKS = ["present", "late", "absent", "excused"] as const;

/** Attendance marks in the cohorts of the programs, per status, and how many trainees they concern. */
export async function attendanceMarks(db: Db, scope: Scope) {
  const row = await db
    .selectFrom("training_attendance as a")
    .innerJoin("training_cohort as c", "c.id", "a.cohort_id")
    .innerJoin("program as p", "p.id", "c.program_id")
    .where(inScope(scope))
    .select((eb) => [
      eb.fn.count("a.person_id").distinct().as("people"),
      ...ATTENDANCE_MARKS.map((status) =>
        sql<string | number | null>`sum(case when ${eb("a.status", "=", status)} then 1 else 0 end)`.as(
          status,
        ),
      ),
    ])
    .executeTakeFirst();
  return {
    byStatus: ATTENDANCE_MARKS.map((status) => ({ status, value: n(row?.[status] ?? 0) })),
    people: n(row?.people ?? 0),
  };
}

/** Cohort places taken (enrolled or withdrawn since): how many, by how many people, completed, certified. */
export async function trainingSeats(db: Db, scope: Scope) {
  const row = await db
    .selectFrom("training_enrolment as te")
    .innerJoin("training_cohort as c", "c.id", "te.cohort_id")
    .innerJoin("program as p", "p.id", "c.program_id")
    .leftJoin("training_certificate as tc", (join) =>
      join
        .onRef("tc.cohort_id", "=", "te.cohort_id")
        .onRef("tc.person_id", "=", "te.person_id")
        .on("tc.revoked_at", "is", null),
    )
    .where(inScope(scope))
    .where("te.status", "in", ["enrolled", "withdrawn"])
    .select((eb) => {
      const certified = eb("tc.issued_at", "is not", null);
      return [
        eb.fn.countAll().as("seats"),
        eb.fn.count("te.person_id").distinct().as("people"),
        sql<string | number | null>`sum(case when ${eb.ref("te.status")} = 'enrolled'
          and (${eb.ref("te.completed_at")} is not null or ${certified}) then 1 else 0 end)`.as("completed"),
        sql<string | number | null>`sum(case when ${certified} then 1 else 0 end)`.as("certified"),
      ];
    })
    .executeTakeFirst();
  return {
    seats: n(row?.seats ?? 0),
    people: n(row?.people ?? 0),
    completed: n(row?.completed ?? 0),
    certified: n(row?.certified ?? 0),
  };
}

// Succession: people, by name, for program managers and org admins.

export type SuccessionSort = "name" | "seniority" | "months" | "meetings";

const SUCCESSION_KEYS: Record<SuccessionSort, SortKey[]> = {
  name: [
    { column: "s.mentee_name", direction: "asc" },
    { column: "s.program_name", direction: "asc" },
    { column: "s.id", direction: "asc" },
  ],
  seniority: [
    { column: "s.seniority_key", direction: "desc" },
    { column: "s.mentee_name", direction: "asc" },
    { column: "s.id", direction: "asc" },
  ],
  months: [
    { column: "s.days_in", direction: "desc" },
    { column: "s.mentee_name", direction: "asc" },
    { column: "s.id", direction: "asc" },
  ],
  meetings: [
    { column: "s.recent_meetings", direction: "asc" },
    { column: "s.mentee_name", direction: "asc" },
    { column: "s.id", direction: "asc" },
  ],
};

/** Whole days from a relationship's start to now while it is open, or to its end; -1 without a start. */
function daysInRelationship(db: Db, now: string) {
  const end = sql`case when r.status in ('proposed', 'active') then ${now} else r.ended_at end`;
  return isPostgres(db)
    ? sql<number>`coalesce(greatest(0, ((${end})::timestamptz at time zone 'UTC')::date - r.start_date::date), -1)`
    : sql<number>`coalesce(max(0, cast(julianday(date(${end})) - julianday(r.start_date) as integer)), -1)`;
}

/** The leadership-track mentoring programs (not drafts) of the organization, by name. */
export function leadershipPrograms(db: Db, organizationId: string) {
  return db
    .selectFrom("program as p")
    .select(["p.id", "p.name"])
    .where("p.organization_id", "=", organizationId)
    .where("p.kind", "=", "mentoring")
    .where("p.leadership_track", "=", 1)
    .where("p.status", "!=", "draft")
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
}

/**
 * Mentees of the organization's leadership-track mentoring programs, a page in the chosen order: each
 * relationship, and each enrolment not matched yet, with the total.
 */
export async function leadershipMentees(
  db: Db,
  organizationId: string,
  filter: { since: string; now: string; programId?: string | undefined; sort: SuccessionSort } & PageRequest,
) {
  const since = filter.since.slice(0, 10);
  let program = db
    .selectFrom("program as p")
    .where("p.organization_id", "=", organizationId)
    .where("p.kind", "=", "mentoring")
    .where("p.leadership_track", "=", 1)
    .where("p.status", "!=", "draft");
  if (filter.programId) program = program.where("p.id", "=", filter.programId);
  const matched = db
    .selectFrom("mentoring_relationship as r")
    .innerJoin(program.select(["p.id", "p.name"]).as("p"), "p.id", "r.program_id")
    .innerJoin("person as mentee", "mentee.id", "r.mentee_id")
    .innerJoin("person as mentor", "mentor.id", "r.mentor_id")
    .select((eb) => [
      "r.id",
      "r.program_id",
      "p.name as program_name",
      "r.mentee_id",
      "mentee.name as mentee_name",
      "mentee.title as mentee_title",
      "mentee.department as mentee_department",
      "mentee.seniority as mentee_seniority",
      eb.ref("r.mentor_id").$castTo<string | null>().as("mentor_id"),
      eb.ref("mentor.name").$castTo<string | null>().as("mentor_name"),
      eb.ref("r.status").$castTo<RelationshipStatus | "waiting">().as("status"),
      "r.start_date",
      "r.planned_end_date",
      "r.ended_at",
      sql<number>`coalesce(mentee.seniority, -1)`.as("seniority_key"),
      daysInRelationship(db, filter.now).as("days_in"),
      // Counted for every mentee only to sort by it; otherwise for the page's relationships afterwards.
      (filter.sort === "meetings"
        ? sql<number | null>`${eb
            .selectFrom("mentoring_meeting as m")
            .select((m) => m.fn.countAll().as("n"))
            .whereRef("m.relationship_id", "=", "r.id")
            .where("m.met_on", ">=", since)}`
        : sql<number | null>`0`
      ).as("recent_meetings"),
    ]);
  const waitingEnrolments = db
    .selectFrom("enrolment as e")
    .innerJoin(program.select(["p.id", "p.name"]).as("p"), "p.id", "e.program_id")
    .innerJoin("person as mentee", "mentee.id", "e.person_id")
    .where("e.role", "=", "mentee")
    .where("e.status", "=", "active")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mentoring_relationship as r")
            .select(sql.lit(1).as("one"))
            .whereRef("r.program_id", "=", "e.program_id")
            .whereRef("r.mentee_id", "=", "e.person_id"),
        ),
      ),
    );
  const waiting = waitingEnrolments.select([
    "e.id",
    "e.program_id",
    "p.name as program_name",
    "e.person_id as mentee_id",
    "mentee.name as mentee_name",
    "mentee.title as mentee_title",
    "mentee.department as mentee_department",
    "mentee.seniority as mentee_seniority",
    sql<string | null>`null`.as("mentor_id"),
    sql<string | null>`null`.as("mentor_name"),
    sql<RelationshipStatus | "waiting">`'waiting'`.as("status"),
    noDate.as("start_date"),
    noDate.as("planned_end_date"),
    noDate.as("ended_at"),
    sql<number>`coalesce(mentee.seniority, -1)`.as("seniority_key"),
    sql<number>`-1`.as("days_in"),
    sql<number | null>`0`.as("recent_meetings"),
  ]);
  const all = db.selectFrom(matched.unionAll(waiting).as("s"));
  const ids = db
    .selectFrom("mentoring_relationship as r")
    .innerJoin(program.select("p.id").as("p"), "p.id", "r.program_id")
    .select("r.id")
    .unionAll(waitingEnrolments.select("e.id"));
  const keys = SUCCESSION_KEYS[filter.sort];
  const [rows, total] = await Promise.all([
    keyset(all.selectAll(), keys, filter).execute(),
    db
      .selectFrom(ids.as("s"))
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  ]);
  const counted =
    filter.sort === "meetings"
      ? null
      : await meetingsSince(
          db,
          rows.map((r) => r.id),
          since,
        );
  const typed = rows.map((r) => ({
    ...r,
    seniority_key: n(r.seniority_key),
    days_in: n(r.days_in),
    recent_meetings: counted ? (counted.get(r.id) ?? 0) : n(r.recent_meetings),
  }));
  const cursorOf: Record<SuccessionSort, (r: (typeof typed)[number]) => (string | number)[]> = {
    name: (r) => [r.mentee_name, r.program_name, r.id],
    seniority: (r) => [r.seniority_key, r.mentee_name, r.id],
    months: (r) => [r.days_in, r.mentee_name, r.id],
    meetings: (r) => [r.recent_meetings, r.mentee_name, r.id],
  };
  return { ...pageOf(typed, filter, cursorOf[filter.sort]), total: n(total?.n ?? 0) };
}

/** How many meetings each relationship logged since the date. */
async function meetingsSince(db: Db, relationshipIds: string[], since: string) {
  if (relationshipIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("mentoring_meeting")
    .select(["relationship_id", (eb) => eb.fn.countAll().as("n")])
    .where("relationship_id", "in", relationshipIds)
    .where("met_on", ">=", since)
    .groupBy("relationship_id")
    .execute();
  return new Map(rows.map((r) => [r.relationship_id, n(r.n)]));
}

/** Certificates (not revoked) of these people, with the course's title. */
export const certificatesOf = (db: Db, organizationId: string, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("training_certificate as tc")
        .innerJoin("training_course as course", "course.id", "tc.course_id")
        .where("tc.organization_id", "=", organizationId)
        .where("tc.person_id", "in", personIds)
        .where("tc.revoked_at", "is", null)
        .select(["tc.id", "tc.person_id", "course.title as course_title", "tc.issued_at", "tc.expires_at"])
        .orderBy("tc.issued_at", "desc")
        .execute();

/** Coaching engagements of these people that were not cancelled, with each objective's metric and latest value. */
export async function coachingOf(db: Db, organizationId: string, personIds: string[]) {
  if (personIds.length === 0) return { engagements: [], objectives: [] };
  const [engagements, objectives] = await Promise.all([
    db
      .selectFrom("coaching_engagement as g")
      .innerJoin("program as p", "p.id", "g.program_id")
      .where("g.organization_id", "=", organizationId)
      .where("g.coachee_id", "in", personIds)
      .where("g.status", "!=", "cancelled")
      .select(["g.id", "g.coachee_id", "g.status", "g.start_date", "g.end_date", "p.name as program_name"])
      .orderBy("g.start_date", "desc")
      .execute(),
    db
      .selectFrom("coaching_objective as o")
      .innerJoin("coaching_engagement as g", "g.id", "o.engagement_id")
      .where("g.organization_id", "=", organizationId)
      .where("g.coachee_id", "in", personIds)
      .where("g.status", "!=", "cancelled")
      .select([
        "o.id",
        "o.engagement_id",
        "o.position",
        "o.title",
        "o.theme",
        "o.baseline",
        "o.target",
        latestValue.as("latest"),
      ])
      .orderBy("o.position")
      .execute(),
  ]);
  return {
    engagements,
    objectives: objectives.map((o) => ({ ...o, latest: o.latest === null ? null : Number(o.latest) })),
  };
}
