import { type Cell, toCsv } from "../../../domain/analytics/csv.ts";
import {
  MEETING_WINDOW_DAYS,
  meetingsPerMonth,
  timeToMatchDays,
} from "../../../domain/analytics/mentoring.ts";
import { lastMonths, monthStart, monthsBetween } from "../../../domain/analytics/months.ts";
import { mean, meanOfCounts, percentile, round } from "../../../domain/analytics/statistics.ts";
import {
  type Figure,
  HIDDEN,
  MIN_GROUP_SIZE,
  type Part,
  suppress,
  suppressBreakdown,
  suppressCount,
  tooSmall,
} from "../../../domain/analytics/suppression.ts";
import { OBJECTIVE_THEMES, type ObjectiveTheme, progressToTarget } from "../../../domain/coaching/metrics.ts";
import type { Db } from "../../db/kysely.ts";
import type { ProgramKind, ProgramStatus, RelationshipStatus } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { decodeCursor, encodeCursor, type PageRequest } from "../../lib/pagination.ts";
import { addDays } from "../../lib/time.ts";
import { canSeeProgram } from "../programs/programs.policy.ts";
import { findProgram, listPrograms } from "../programs/programs.repository.ts";
import { visibleStatuses } from "./analytics.policy.ts";
import * as repo from "./analytics.repository.ts";
import { ReportCache } from "./report-cache.ts";

const KINDS: readonly ProgramKind[] = ["mentoring", "coaching", "training"];
const STATES = ["waiting", "active", "completed", "dropped"] as const;
const TREND_MONTHS = 12;

export interface Bucket {
  key: string | null;
  figure: Figure;
  /** On the "Other departments" bucket only: how many departments it folds together. */
  others?: number;
}

export interface TrendPoint {
  month: string;
  newParticipants: Figure;
  started: Figure;
  completed: Figure;
  satisfaction: Figure | null;
}

export type KindDetails =
  | {
      kind: "mentoring";
      mentors: Figure;
      activeRelationships: Figure;
      timeToMatchDays: { median: Figure; p90: Figure };
      meetingsPerMonth: Figure;
      satisfaction: { mean: Figure; scores: { score: number; figure: Figure }[] };
    }
  | {
      kind: "coaching";
      objectiveProgress: Figure;
      progressByTheme: { theme: ObjectiveTheme; figure: Figure }[];
      sessionsHeldPerEngagement: Figure;
      budgetUse: Figure;
    }
  | { kind: "training"; completionRate: Figure; certificationRate: Figure; attendanceRate: Figure };

export interface KindFigures {
  participation: Record<"enrolled" | (typeof STATES)[number], Figure>;
  departments: Bucket[];
  seniority: Bucket[];
  trends: TrendPoint[];
  details: KindDetails;
}

const distinct = (ids: readonly string[]) => new Set(ids).size;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Buckets in a stable order that says nothing about their sizes: by name or level, "not set" last. */
function distribution(rows: { bucket: string | number | null; people: number }[]): Bucket[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.bucket === null || b.bucket === null) return a.bucket === null ? 1 : -1;
    return typeof a.bucket === "number" && typeof b.bucket === "number"
      ? a.bucket - b.bucket
      : String(a.bucket).localeCompare(String(b.bucket));
  });
  const figures = suppressBreakdown(sorted.map((r) => ({ value: r.people, n: r.people })));
  return sorted.map((r, i) => ({
    key: r.bucket === null ? null : String(r.bucket),
    figure: figures[i] as Figure,
  }));
}

/** How many department buckets a breakdown shows at most, "Other departments" included. */
export const TOP_DEPARTMENTS = 20;
export const OTHER_DEPARTMENTS = "Other departments";

const byKey = (a: string | null, b: string | null) =>
  a === null || b === null ? (a === null ? (b === null ? 0 : 1) : -1) : a.localeCompare(b);

/**
 * Participants per department: every department (`all`, for the CSV), and what the pages show (`shown`):
 * the TOP_DEPARTMENTS − 1 largest, by name, and the rest folded into "Other departments". Each shown
 * department keeps its figure from the whole breakdown; the folded bucket is withheld when any department
 * it folds is, so that with the CSV it gives away nothing the breakdown hides, and the pool of what the
 * page hides is never smaller than the whole breakdown's.
 */
function departmentBuckets(rows: { bucket: string | null; people: number }[]) {
  const all = distribution(rows);
  if (rows.length <= TOP_DEPARTMENTS) return { all, shown: all };
  const kept = new Set(
    [...rows]
      .sort((a, b) => b.people - a.people || byKey(a.bucket, b.bucket))
      .slice(0, TOP_DEPARTMENTS - 1)
      .map((r) => r.bucket),
  );
  const folded = all.filter((b) => !kept.has(b.key));
  const people = sum(rows.filter((r) => !kept.has(r.bucket)).map((r) => r.people));
  const other: Bucket = {
    key: OTHER_DEPARTMENTS,
    figure: folded.some((b) => b.figure.suppressed) ? HIDDEN : suppressCount(people),
    others: folded.length,
  };
  return { all, shown: [...all.filter((b) => kept.has(b.key)), other] };
}

/**
 * A monthly series over the window. Months before the window are left out of it but not of the totals
 * shown elsewhere, so they count with the hidden months when deciding what else to hide.
 */
function series(rows: { month: string; value: number; people: number }[], months: readonly string[]) {
  const inWindow = new Set(months);
  const parts: Part[] = months.map((m) => {
    const r = rows.find((x) => x.month === m);
    return { value: r?.value ?? 0, n: r?.people ?? 0 };
  });
  const outside = sum(rows.filter((r) => !inWindow.has(r.month)).map((r) => r.people));
  return suppressBreakdown(parts, outside);
}

async function mentoringDetails(db: Db, scope: repo.Scope, now: Date): Promise<KindDetails> {
  const since = addDays(now.toISOString(), -MEETING_WINDOW_DAYS);
  const [mentors, active, matches, satisfaction] = await Promise.all([
    repo.mentorCount(db, scope),
    repo.activeRelationships(db, scope, since),
    repo.matchTimes(db, scope),
    repo.satisfactionScores(db, scope),
  ]);
  const activeMentees = distinct(active.map((r) => r.mentee_id));
  const rates = active.map((r) => meetingsPerMonth(r.start_date ?? r.created_at, r.meetings, now));
  const days = matches.map((m) => timeToMatchDays(m.joined_at, m.started_at ?? m.joined_at));
  const matched = distinct(matches.map((m) => m.person_id));
  const scores = [1, 2, 3, 4, 5].map((score) => {
    const row = satisfaction.scores.find((s) => s.score === score);
    return { score, value: row?.value ?? 0, n: row?.people ?? 0 };
  });
  const scoreFigures = suppressBreakdown(scores);
  return {
    kind: "mentoring",
    mentors: suppressCount(mentors),
    activeRelationships: suppressCount(activeMentees, active.length),
    timeToMatchDays: {
      median: suppress(round(percentile(days, 50), 1), matched),
      p90: suppress(round(percentile(days, 90), 1), matched),
    },
    meetingsPerMonth: suppress(round(mean(rates), 2), activeMentees),
    satisfaction: {
      mean: suppress(
        round(meanOfCounts(scores.map((s) => ({ value: s.score, count: s.value }))), 2),
        satisfaction.people,
      ),
      scores: scores.map((s, i) => ({ score: s.score, figure: scoreFigures[i] as Figure })),
    },
  };
}

async function coachingDetails(db: Db, scope: repo.Scope): Promise<KindDetails> {
  const [objectives, use] = await Promise.all([
    repo.objectiveProgress(db, scope),
    repo.engagementUse(db, scope),
  ]);
  const progress = objectives.map((o) => ({
    ...o,
    progress: progressToTarget(o.baseline, o.target, o.latest),
  }));
  const byEngagement = new Map<string, number[]>();
  for (const o of progress)
    byEngagement.set(o.engagement_id, [...(byEngagement.get(o.engagement_id) ?? []), o.progress]);
  const perEngagement = [...byEngagement.values()].map((ps) => mean(ps) ?? 0);
  const withObjectives = distinct(progress.map((o) => o.coachee_id));
  const used = use.filter((u) => u.budget > 0);
  const coachees = distinct(use.map((u) => u.coacheeId));
  return {
    kind: "coaching",
    objectiveProgress: suppress(round(mean(perEngagement)), withObjectives),
    progressByTheme: OBJECTIVE_THEMES.flatMap((theme) => {
      const mine = progress.filter((o) => o.theme === theme);
      if (mine.length === 0) return [];
      return [
        {
          theme,
          figure: suppress(round(mean(mine.map((o) => o.progress))), distinct(mine.map((o) => o.coachee_id))),
        },
      ];
    }),
    sessionsHeldPerEngagement: suppress(round(mean(use.map((u) => u.held)), 1), coachees),
    budgetUse: suppress(
      round(mean(used.map((u) => Math.min(1, u.held / u.budget)))),
      distinct(used.map((u) => u.coacheeId)),
    ),
  };
}

async function trainingDetails(db: Db, scope: repo.Scope): Promise<KindDetails> {
  const [seats, marks] = await Promise.all([repo.trainingSeats(db, scope), repo.attendanceMarks(db, scope)]);
  const count = (status: string) => marks.byStatus.find((m) => m.status === status)?.value ?? 0;
  const counted = sum(marks.byStatus.map((m) => m.value)) - count("excused");
  const rate = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));
  return {
    kind: "training",
    completionRate: suppress(rate(seats.completed, seats.seats), seats.people),
    certificationRate: suppress(rate(seats.certified, seats.seats), seats.people),
    attendanceRate: suppress(rate(count("present") + count("late"), counted), marks.people),
  };
}

const DETAILS: Record<ProgramKind, (db: Db, scope: repo.Scope, now: Date) => Promise<KindDetails>> = {
  mentoring: mentoringDetails,
  coaching: coachingDetails,
  training: trainingDetails,
};

/** Everything but the details, for each kind the scope covers, from a handful of grouped queries. */
async function figuresByKind(
  db: Db,
  scope: repo.Scope,
  kinds: readonly ProgramKind[],
  now: Date,
  byProgram = false,
) {
  const months = lastMonths(now, TREND_MONTHS);
  const [figures, satisfaction, details] = await Promise.all([
    repo.participantFigures(db, scope, byProgram),
    kinds.includes("mentoring")
      ? repo.satisfactionByMonth(db, scope, monthStart(months[0] ?? ""))
      : Promise.resolve([]),
    Promise.all(kinds.map((k) => DETAILS[k](db, scope, now))),
  ]);
  const of = (breakdown: repo.ParticipantBreakdown) => figures.filter((f) => f.breakdown === breakdown);
  const states = of("state").map((f) => ({ kind: f.kind, state: f.key, value: f.value, people: f.people }));
  const departments = of("department").map((f) => ({ kind: f.kind, bucket: f.key, people: f.people }));
  const seniority = of("seniority").map((f) => ({
    kind: f.kind,
    bucket: f.key === null ? null : Number(f.key),
    people: f.people,
  }));
  const monthly = (event: repo.MonthlyEvent) =>
    of(event).map((f) => ({ kind: f.kind, month: f.key ?? "", value: f.value, people: f.people }));
  const [joined, started, completed] = [monthly("joined_at"), monthly("started_at"), monthly("completed_at")];
  const perKind = new Map<ProgramKind, KindFigures>();
  /** Every department's bucket, per kind and (under null) across kinds, for the CSV. */
  const allDepartments = new Map<ProgramKind | null, Bucket[]>();
  kinds.forEach((kind, k) => {
    const mine = states.filter((s) => s.kind === kind);
    const parts = STATES.map((state) => {
      const r = mine.find((s) => s.state === state);
      return { value: r?.value ?? 0, n: r?.people ?? 0 };
    });
    const stateFigures = suppressBreakdown(parts);
    const people = sum(departments.filter((d) => d.kind === kind).map((d) => d.people));
    const trend = (rows: typeof joined) =>
      series(
        rows.filter((r) => r.kind === kind),
        months,
      );
    const [newFigures, startedFigures, completedFigures] = [trend(joined), trend(started), trend(completed)];
    const byDepartment = departmentBuckets(departments.filter((d) => d.kind === kind));
    allDepartments.set(kind, byDepartment.all);
    perKind.set(kind, {
      participation: {
        enrolled: suppressCount(people, sum(parts.map((p) => p.value))),
        waiting: stateFigures[0] as Figure,
        active: stateFigures[1] as Figure,
        completed: stateFigures[2] as Figure,
        dropped: stateFigures[3] as Figure,
      },
      departments: byDepartment.shown,
      seniority: distribution(seniority.filter((d) => d.kind === kind)),
      trends: months.map((month, i) => {
        const score = satisfaction.find((s) => s.month === month);
        return {
          month,
          newParticipants: newFigures[i] as Figure,
          started: startedFigures[i] as Figure,
          completed: completedFigures[i] as Figure,
          satisfaction:
            kind === "mentoring"
              ? suppress(score ? round(score.total / score.value, 2) : null, score?.people ?? 0)
              : null,
        };
      }),
      details: details[k] as KindDetails,
    });
  });
  const across = departmentBuckets(departments.filter((d) => d.kind === null));
  allDepartments.set(null, across.all);
  return {
    perKind,
    allDepartments,
    departments: across.shown,
    seniority: distribution(seniority.filter((d) => d.kind === null)),
    people: sum(departments.filter((d) => d.kind === null).map((d) => d.people)),
    byProgram: of("program").map((f) => ({ programId: f.key, value: f.value, people: f.people })),
  };
}

/** One program's figures, with every department's bucket for the CSV; another organization's program answers 404. */
async function programReport(db: Db, actor: Actor, programId: string, now: Date) {
  const program = await findProgram(db, actor.organizationId, programId);
  if (!program || !canSeeProgram(actor, program)) throw errors.notFound("Program");
  const scope = { organizationId: actor.organizationId, statuses: [program.status], programId };
  const { perKind, allDepartments } = await figuresByKind(db, scope, [program.kind], now);
  const figures = perKind.get(program.kind);
  if (!figures) throw errors.notFound("Program");
  return {
    analytics: {
      program: {
        id: program.id,
        name: program.name,
        kind: program.kind,
        status: program.status,
        leadershipTrack: program.leadership_track === 1,
      },
      generatedAt: now.toISOString(),
      minGroupSize: MIN_GROUP_SIZE,
      ...figures,
    },
    allDepartments: allDepartments.get(program.kind) ?? [],
  };
}

/** Program analytics for one program the caller can see; another organization's program answers 404. */
export async function programAnalytics(db: Db, actor: Actor, programId: string, now = new Date()) {
  return (await programReport(db, actor, programId, now)).analytics;
}

/** Analytics across the organization's programs of these statuses, by kind, as of `now`. */
export async function computeOrganizationAnalytics(
  db: Db,
  organizationId: string,
  statuses: ProgramStatus[],
  now: Date,
) {
  const scope = { organizationId, statuses };
  const [figures, programs] = await Promise.all([
    figuresByKind(db, scope, KINDS, now, true),
    listPrograms(db, organizationId, { statuses }),
  ]);
  const { byProgram } = figures;
  const programFigures = new Map(
    programs.map((p) => {
      const r = byProgram.find((x) => x.programId === p.id);
      return [p.id, suppressCount(r?.people ?? 0, r?.value ?? 0)] as const;
    }),
  );
  // Each program's count is also on its own page, so a total minus the programs shown would give away
  // the withheld ones when they add up to fewer than 5 people: such a total is withheld too.
  const withheldPool = (kinds: readonly ProgramKind[]) =>
    sum(
      programs
        .filter((p) => kinds.includes(p.kind))
        .map((p) => byProgram.find((x) => x.programId === p.id)?.people ?? 0)
        .filter(tooSmall),
    );
  for (const kind of KINDS) {
    const f = figures.perKind.get(kind);
    if (f && tooSmall(withheldPool([kind]))) f.participation.enrolled = HIDDEN;
  }
  return {
    minGroupSize: MIN_GROUP_SIZE,
    participants: tooSmall(withheldPool(KINDS)) ? HIDDEN : suppressCount(figures.people),
    departments: figures.departments,
    seniority: figures.seniority,
    kinds: KINDS.map((kind) => {
      const f = figures.perKind.get(kind);
      if (!f) throw new Error(`No figures for ${kind}`);
      return { kind, programs: programs.filter((p) => p.kind === kind).length, ...f };
    }),
    /** Every program by name then id, paged by `organizationPrograms`. */
    programs: [...programs].sort(programOrder).map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      status: p.status,
      participants: programFigures.get(p.id) ?? suppressCount(0),
    })),
    /** Every department's bucket, across kinds (under null) and per kind, for the CSV. */
    allDepartments: figures.allDepartments,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By name, case aside, then id: a total order, so a cursor (a name and an id) finds its place in it. */
const programOrder = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
  compareText(a.name, b.name) ||
  compareText(a.id, b.id);

const ORGANIZATION_REPORT_TTL_MS = 60_000;
const organizationReports = new ReportCache<Awaited<ReturnType<typeof computeOrganizationAnalytics>>>(
  ORGANIZATION_REPORT_TTL_MS,
);

/**
 * Analytics across the organization's programs (those the caller can see), by kind. Computing them reads
 * every participation, so a report is kept for a minute per organization and set of visible statuses:
 * `computedAt` says when its figures were taken.
 */
export async function organizationAnalytics(db: Db, actor: Actor, now = new Date()) {
  const { report, computedAt } = await organizationReport(db, actor, now);
  const { programs, allDepartments: _all, ...figures } = report;
  return {
    generatedAt: now.toISOString(),
    computedAt: computedAt.toISOString(),
    ...figures,
    programCount: programs.length,
  };
}

async function organizationReport(db: Db, actor: Actor, now: Date) {
  const statuses = visibleStatuses(actor);
  const { value, computedAt } = await organizationReports.get(
    `${actor.organizationId}:${statuses.join(",")}`,
    (at) => computeOrganizationAnalytics(db, actor.organizationId, statuses, at),
    now,
  );
  return { report: value, computedAt };
}

/**
 * The programs of the organization's analytics (those the caller can see) with their participants, by
 * name, a page; `q` keeps those whose name holds it. Read from the same report as the organization's figures.
 */
export async function organizationPrograms(
  db: Db,
  actor: Actor,
  query: { q?: string | undefined } & PageRequest,
  now = new Date(),
) {
  const cursor = query.cursor ? decodeCursor(query.cursor, 2).map(String) : null;
  const after = cursor ? { name: cursor[0] ?? "", id: cursor[1] ?? "" } : null;
  const { report, computedAt } = await organizationReport(db, actor, now);
  const q = query.q?.toLocaleLowerCase();
  const matching = q
    ? report.programs.filter((p) => p.name.toLocaleLowerCase().includes(q))
    : report.programs;
  const start = after ? matching.findIndex((p) => programOrder(p, after) > 0) : 0;
  const rest = start < 0 ? [] : matching.slice(start);
  const items = rest.slice(0, query.limit);
  const last = items.at(-1);
  return {
    computedAt: computedAt.toISOString(),
    items,
    nextCursor: rest.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    total: matching.length,
  };
}

// CSV

export const SUPPRESSED_CELL = `suppressed (<${MIN_GROUP_SIZE})`;
const CSV_HEADER = ["section", "kind", "metric", "group", "period", "value", "n"] as const;

type Row = [section: string, kind: string, metric: string, group: string, period: string, figure: Figure];

const cells = ([section, kind, metric, group, period, f]: Row): Cell[] => [
  section,
  kind,
  metric,
  group,
  period,
  f.suppressed ? SUPPRESSED_CELL : f.value,
  f.suppressed ? null : f.n,
];

/** The rows of a kind's figures; `departments` every department's bucket (the figures show the largest). */
function kindRows(kind: string, f: KindFigures, departments: Bucket[]): Row[] {
  const rows: Row[] = [];
  for (const [metric, figure] of Object.entries(f.participation))
    rows.push(["participation", kind, metric, "", "", figure]);
  for (const b of departments)
    rows.push(["departments", kind, "participants", b.key ?? "Not set", "", b.figure]);
  for (const b of f.seniority)
    rows.push(["seniority", kind, "participants", b.key ?? "Not set", "", b.figure]);
  for (const t of f.trends) {
    rows.push(["trends", kind, "new_participants", "", t.month, t.newParticipants]);
    rows.push(["trends", kind, "started", "", t.month, t.started]);
    rows.push(["trends", kind, "completed", "", t.month, t.completed]);
    if (t.satisfaction) rows.push(["trends", kind, "satisfaction_mean", "", t.month, t.satisfaction]);
  }
  const d = f.details;
  if (d.kind === "mentoring") {
    rows.push(
      [kind, kind, "mentors", "", "", d.mentors],
      [kind, kind, "active_relationships", "", "", d.activeRelationships],
      [kind, kind, "time_to_match_median_days", "", "", d.timeToMatchDays.median],
      [kind, kind, "time_to_match_p90_days", "", "", d.timeToMatchDays.p90],
      [kind, kind, "meetings_per_relationship_month", "", "", d.meetingsPerMonth],
      [kind, kind, "satisfaction_mean", "", "", d.satisfaction.mean],
      ...d.satisfaction.scores.map(
        (s): Row => [kind, kind, "satisfaction_responses", String(s.score), "", s.figure],
      ),
    );
  } else if (d.kind === "coaching") {
    rows.push(
      [kind, kind, "objective_progress_mean", "", "", d.objectiveProgress],
      ...d.progressByTheme.map((t): Row => [kind, kind, "objective_progress_mean", t.theme, "", t.figure]),
      [kind, kind, "sessions_held_per_engagement", "", "", d.sessionsHeldPerEngagement],
      [kind, kind, "session_budget_use", "", "", d.budgetUse],
    );
  } else {
    rows.push(
      [kind, kind, "completion_rate", "", "", d.completionRate],
      [kind, kind, "certification_rate", "", "", d.certificationRate],
      [kind, kind, "attendance_rate", "", "", d.attendanceRate],
    );
  }
  return rows;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "program";

export async function programCsv(db: Db, actor: Actor, programId: string, now = new Date()) {
  const { analytics: a, allDepartments } = await programReport(db, actor, programId, now);
  return {
    filename: `analytics-${slug(a.program.name)}-${now.toISOString().slice(0, 10)}.csv`,
    body: toCsv(CSV_HEADER, kindRows(a.program.kind, a, allDepartments).map(cells)),
  };
}

export async function organizationCsv(db: Db, actor: Actor, now = new Date()) {
  const { report: a } = await organizationReport(db, actor, now);
  const departments = (kind: ProgramKind | null) => a.allDepartments.get(kind) ?? [];
  const rows: Row[] = [
    ["participation", "", "participants", "", "", a.participants],
    ...departments(null).map(
      (b): Row => ["departments", "", "participants", b.key ?? "Not set", "", b.figure],
    ),
    ...a.seniority.map((b): Row => ["seniority", "", "participants", b.key ?? "Not set", "", b.figure]),
    ...a.kinds.flatMap((k) => kindRows(k.kind, k, departments(k.kind))),
    ...a.programs.map((p): Row => ["programs", p.kind, "participants", p.name, "", p.participants]),
  ];
  return {
    filename: `analytics-organization-${now.toISOString().slice(0, 10)}.csv`,
    body: toCsv(CSV_HEADER, rows.map(cells)),
  };
}

// Succession

const monthsRounded = (from: string | null, to: string | Date | null) =>
  from && to ? round(Math.max(0, monthsBetween(from, to)), 1) : null;

/**
 * Mentees of leadership-track mentoring programs with their progress: the relationship's dates, status and
 * how many meetings were logged lately, their certificates and their coaching objectives' progress. Never
 * what a mentoring pair wrote: goals, journal, meetings, closures.
 */
export async function succession(
  db: Db,
  actor: Actor,
  query: { programId?: string | undefined; sort: repo.SuccessionSort } & PageRequest,
  now = new Date(),
) {
  const since = addDays(now.toISOString(), -MEETING_WINDOW_DAYS);
  const [{ rows, nextCursor, total }, leadership] = await Promise.all([
    repo.leadershipMentees(db, actor.organizationId, { ...query, since, now: now.toISOString() }),
    repo.leadershipPrograms(db, actor.organizationId),
  ]);
  const personIds = [...new Set(rows.map((r) => r.mentee_id))];
  const [certificates, coaching] = await Promise.all([
    repo.certificatesOf(db, actor.organizationId, personIds),
    repo.coachingOf(db, actor.organizationId, personIds),
  ]);
  const progressOf = (personId: string) => ({
    certificates: certificates
      .filter((c) => c.person_id === personId)
      .map((c) => ({ id: c.id, course: c.course_title, issuedAt: c.issued_at, expiresAt: c.expires_at })),
    coaching: coaching.engagements
      .filter((g) => g.coachee_id === personId)
      .map((g) => {
        const objectives = coaching.objectives
          .filter((o) => o.engagement_id === g.id)
          .map((o) => ({
            id: o.id,
            title: o.title,
            theme: o.theme,
            progress: progressToTarget(o.baseline, o.target, o.latest),
          }));
        return {
          id: g.id,
          program: g.program_name,
          status: g.status,
          startDate: g.start_date,
          endDate: g.end_date,
          averageProgress: round(mean(objectives.map((o) => o.progress))),
          objectives,
        };
      }),
  });
  const open: RelationshipStatus[] = ["proposed", "active"];
  const items = rows.map((r) => ({
    id: r.id,
    person: {
      id: r.mentee_id,
      name: r.mentee_name,
      title: r.mentee_title,
      department: r.mentee_department,
      seniority: r.mentee_seniority,
    },
    program: { id: r.program_id, name: r.program_name },
    mentor: r.mentor_id ? { id: r.mentor_id, name: r.mentor_name ?? "" } : null,
    status: r.status,
    startDate: r.start_date,
    plannedEndDate: r.planned_end_date,
    monthsInRelationship:
      r.status === "waiting" ? null : monthsRounded(r.start_date, open.includes(r.status) ? now : r.ended_at),
    plannedMonths: monthsRounded(r.start_date, r.planned_end_date),
    meetingsLast90Days: r.recent_meetings,
    ...progressOf(r.mentee_id),
  }));
  return {
    generatedAt: now.toISOString(),
    items,
    nextCursor,
    total,
    programs: leadership.map((p) => ({ id: p.id, name: p.name })),
  };
}
