import { useQuery } from "@tanstack/react-query";
import type { ReactElement, ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ApiError, api, unwrap } from "../../../api/client.ts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  ChartFigure,
  GREEN,
  GRID,
  INK,
  LEGEND_STYLE,
  RED,
  SKY,
  VALUE_TICK,
  VIOLET,
} from "../../../components/charts.tsx";
import { EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { liveQuery } from "../../../lib/mentoring.ts";
import { trainingKeys } from "../../../lib/training.ts";
import { pctText, plural, type TrainingDashboard } from "../authoring/shared.tsx";

const SERIES = [
  { key: "completionRatePct", label: "Completion rate", color: GREEN },
  { key: "averageScorePct", label: "Average score", color: VIOLET },
  { key: "attendanceRatePct", label: "Attendance rate", color: SKY },
] as const;

type CohortRow = TrainingDashboard["cohorts"][number];
type Rate = (typeof SERIES)[number]["key"];

/** A chart on a card, with a visually hidden table of its numbers; without either when there is nothing to draw. */
function Figure({
  table,
  ...props
}: {
  title: string;
  summary: string;
  height: number;
  table: ReactNode;
  /** Nothing to draw: the summary says so, without an empty chart. */
  empty: boolean;
  children: ReactElement;
}) {
  return (
    <Card>
      <ChartFigure {...props} initialWidth={560} table={<div className="sr-only">{table}</div>} />
    </Card>
  );
}

/** The cohort with the highest and the lowest value of a rate, among those that have one. */
function extremes(rows: CohortRow[], key: Rate) {
  const measured = rows.filter((r) => r[key] !== null);
  if (measured.length === 0) return null;
  const sorted = [...measured].sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0));
  return { best: sorted[0] as CohortRow, worst: sorted[sorted.length - 1] as CohortRow, n: measured.length };
}

function ratesSummary(rows: CohortRow[]): string {
  const parts: string[] = [];
  for (const s of SERIES) {
    const e = extremes(rows, s.key);
    if (!e) continue;
    parts.push(
      e.n === 1
        ? `${s.label}: ${pctText(e.best[s.key])} in ${e.best.name}.`
        : `${s.label} ranges from ${pctText(e.worst[s.key])} (${e.worst.name}) to ${pctText(e.best[s.key])} (${e.best.name}).`,
    );
  }
  return parts.length
    ? `${parts.join(" ")} A missing bar means nothing to measure yet: no one enrolled, graded or marked present.`
    : "Nothing to measure yet: no one has completed a lesson, been graded or had attendance taken.";
}

function RatesChart({ rows }: { rows: CohortRow[] }) {
  const data = rows.map((r) => ({
    label: r.name,
    completionRatePct: r.completionRatePct,
    averageScorePct: r.averageScorePct,
    attendanceRatePct: r.attendanceRatePct,
  }));
  return (
    <Figure
      title="Completion, scores and attendance by cohort"
      summary={ratesSummary(rows)}
      height={Math.max(180, rows.length * 84 + 70)}
      empty={rows.every((r) => SERIES.every((x) => r[x.key] === null))}
      table={
        <table>
          <caption>Completion rate, average score and attendance rate per cohort</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                {SERIES.map((s) => (
                  <td key={s.key}>{pctText(r[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 48 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={160} interval={0} tick={CATEGORY_TICK} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [`${String(v)}%`]} />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false}>
            <LabelList
              dataKey={s.key}
              position="right"
              fill={INK}
              fontSize={11}
              formatter={(v: unknown) => (typeof v === "number" ? `${Math.round(v)}%` : "")}
            />
          </Bar>
        ))}
      </BarChart>
    </Figure>
  );
}

function OverdueChart({ rows, total }: { rows: CohortRow[]; total: number }) {
  const data = rows.map((r) => ({ label: r.name, overdue: r.overdueAssignments }));
  const inCohorts = rows.reduce((s, r) => s + r.overdueAssignments, 0);
  const most = rows.reduce<CohortRow | null>(
    (m, r) => (r.overdueAssignments > 0 && (!m || r.overdueAssignments > m.overdueAssignments) ? r : m),
    null,
  );
  const summary =
    total === 0
      ? "Nobody is overdue on mandatory training for this program's courses."
      : `${plural(total, "mandatory assignment")} overdue on this program's courses, ${inCohorts} of them for trainees in a cohort.` +
        (most ? ` The most are in ${most.name} (${most.overdueAssignments}).` : "") +
        (total > inCohorts
          ? ` ${total - inCohorts} belong to people in no cohort yet: point them to one.`
          : "");
  return (
    <Figure
      title="Overdue mandatory training by cohort"
      summary={summary}
      height={Math.max(140, rows.length * 40 + 50)}
      empty={inCohorts === 0}
      table={
        <table>
          <caption>Trainees overdue on a mandatory assignment, per cohort</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Overdue</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.overdueAssignments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={160} interval={0} tick={CATEGORY_TICK} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [String(v), "Overdue"]} />
        <Bar dataKey="overdue" name="Overdue" fill={RED} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="overdue" position="right" fill={INK} fontSize={12} />
        </Bar>
      </BarChart>
    </Figure>
  );
}

function Tiles({ totals }: { totals: TrainingDashboard["totals"] }) {
  const tiles: [string, string, string][] = [
    ["Enrolled", String(totals.enrolled), "Trainees with a seat, in every cohort."],
    ["Completed", String(totals.completed), "Trainees who earned the certificate."],
    ["Completion rate", pctText(totals.completionRatePct), "Completed out of enrolled."],
    ["Average score", pctText(totals.averageScorePct), "Each trainee's best result per assessment."],
    [
      "Attendance rate",
      pctText(totals.attendanceRatePct),
      "Present or late, of the sessions marked (excused left out).",
    ],
    [
      "Overdue mandatory",
      String(totals.overdueAssignments),
      "Assignments of these courses past due, enrolled or not.",
    ],
  ];
  return (
    <dl aria-label="Program totals" className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map(([label, value, hint]) => (
        <div key={label} className="rounded-lg border border-slate-300 bg-white p-3">
          <dt className="text-sm text-slate-700">{label}</dt>
          <dd>
            <span className="block text-2xl font-bold text-slate-900">{value}</span>
            <span className="block text-xs text-slate-700">{hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The program dashboard for its owner and org admins: totals, and per cohort the completion rate, the
 * average score, the attendance rate and who is overdue on mandatory training. Hidden from anyone the
 * server refuses it to.
 */
export function Dashboard({ programId }: { programId: string }) {
  const dashboard = useQuery({
    queryKey: trainingKeys.dashboard(programId),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/programs/{id}/training/dashboard", { params: { path: { id: programId } } })),
    retry: (count, err) => !(err instanceof ApiError && err.status === 403) && count < 2,
  });
  if (dashboard.error instanceof ApiError && dashboard.error.status === 403) return null;
  return (
    <Section title="Program dashboard" id="dashboard">
      {dashboard.isPending ? (
        <Loading label="Loading the dashboard…" />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data.cohorts.length === 0 ? (
        <EmptyState title="Nothing to show yet">
          <p>Open a cohort; completion, scores and attendance appear here as trainees progress.</p>
        </EmptyState>
      ) : (
        <>
          <Tiles totals={dashboard.data.totals} />
          <div className="grid gap-4 xl:grid-cols-2">
            <RatesChart rows={dashboard.data.cohorts} />
            <OverdueChart rows={dashboard.data.cohorts} total={dashboard.data.totals.overdueAssignments} />
          </div>
        </>
      )}
    </Section>
  );
}
