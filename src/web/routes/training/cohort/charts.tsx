import { type ReactElement, type ReactNode, useId } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { GradebookMatrix } from "../../../lib/training.ts";

const INK = "#1e293b";
const MUTED = "#334155";
const GRID = "#cbd5e1";
const GREEN = "#047857";
const RED = "#b91c1c";
const SLATE = "#64748b";
const SKY = "#0369a1";

/**
 * A chart as one image with a name and a text summary, followed by a visually hidden table of the same
 * numbers for screen readers (the SVG itself is hidden from them).
 */
function Figure({
  title,
  summary,
  height,
  table,
  children,
}: {
  title: string;
  summary: string;
  height: number;
  table: ReactNode;
  children: ReactElement;
}) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure aria-labelledby={titleId} className="space-y-2 rounded-lg border border-slate-300 bg-white p-4">
      <figcaption>
        <h3 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        <p id={summaryId} className="text-sm text-slate-700">
          {summary}
        </p>
      </figcaption>
      <div role="img" aria-label={`Chart: ${title}`} aria-describedby={summaryId} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
          {children}
        </ResponsiveContainer>
      </div>
      {table}
    </figure>
  );
}

function SrTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: [string, string][];
}) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b]) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Attendance per trainee against the course's minimum, and the distribution of best scores. */
export default function GradebookCharts({
  matrix,
  minAttendancePct,
}: {
  matrix: GradebookMatrix;
  minAttendancePct: number | null;
}) {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <AttendanceChart matrix={matrix} minAttendancePct={minAttendancePct} />
      <ScoreDistribution matrix={matrix} />
    </div>
  );
}

function AttendanceChart({
  matrix,
  minAttendancePct,
}: {
  matrix: GradebookMatrix;
  minAttendancePct: number | null;
}) {
  const data = matrix.rows.map((r) => ({ name: r.person.name, pct: r.attendancePct }));
  const marked = data.filter((d) => d.pct !== null);
  const min = minAttendancePct ?? 0;
  const below = marked.filter((d) => (d.pct ?? 0) < min).length;
  const summary =
    marked.length === 0
      ? "No attendance has been taken yet."
      : `Attendance of the sessions marked so far, per trainee.${
          min > 0
            ? ` The course asks for ${min} %; ${below} of ${marked.length} ${marked.length === 1 ? "trainee is" : "trainees are"} below it.`
            : ""
        }`;
  return (
    <Figure
      title="Attendance per trainee"
      summary={summary}
      height={Math.max(160, data.length * 36 + 60)}
      table={
        <SrTable
          caption="Attendance per trainee"
          head={["Trainee", "Attendance"]}
          rows={data.map((d) => [d.name, d.pct === null ? "Not marked yet" : `${d.pct} %`])}
        />
      }
    >
      <BarChart
        data={data.map((d) => ({ ...d, pct: d.pct ?? 0 }))}
        layout="vertical"
        margin={{ left: 8, right: 32, top: 24 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" domain={[0, 100]} unit=" %" tick={{ fill: MUTED, fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={140} tick={{ fill: INK, fontSize: 12 }} interval={0} />
        <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => [`${String(v)} %`, "Attendance"]} />
        {min > 0 ? (
          <ReferenceLine
            x={min}
            stroke={INK}
            strokeDasharray="4 3"
            label={{ value: `Minimum ${min} %`, position: "top", fill: INK, fontSize: 12 }}
          />
        ) : null}
        <Bar dataKey="pct" name="Attendance" radius={[0, 4, 4, 0]} maxBarSize={28} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.pct === null ? SLATE : d.pct >= min ? GREEN : RED} />
          ))}
        </Bar>
      </BarChart>
    </Figure>
  );
}

const BUCKETS = ["0–19 %", "20–39 %", "40–59 %", "60–79 %", "80–100 %"];

function ScoreDistribution({ matrix }: { matrix: GradebookMatrix }) {
  const scores = matrix.rows.flatMap((r) =>
    r.cells.map((c) => c.scorePct).filter((s): s is number => s !== null),
  );
  const counts = BUCKETS.map((label, i) => ({
    label,
    count: scores.filter((s) => Math.min(4, Math.floor(s / 20)) === i).length,
  }));
  const mean = scores.length
    ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10
    : null;
  return (
    <Figure
      title="Score distribution"
      summary={
        scores.length === 0
          ? "No quiz has been taken and no practical graded yet."
          : `${scores.length} best ${scores.length === 1 ? "score" : "scores"} over all assessments; the average is ${mean} %.`
      }
      height={220}
      table={
        <SrTable
          caption="Best scores by range"
          head={["Score range", "Scores"]}
          rows={counts.map((c) => [c.label, String(c.count)])}
        />
      }
    >
      <BarChart data={counts} margin={{ left: 0, right: 16, top: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="label" tick={{ fill: INK, fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fill: MUTED, fontSize: 12 }} width={32} />
        <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => [String(v), "Scores"]} />
        <Bar
          dataKey="count"
          name="Scores"
          fill={SKY}
          radius={[4, 4, 0, 0]}
          maxBarSize={48}
          isAnimationActive={false}
        />
      </BarChart>
    </Figure>
  );
}
