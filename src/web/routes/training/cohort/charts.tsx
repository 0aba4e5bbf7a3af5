import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  ChartFigure,
  GREEN,
  GRID,
  INK,
  RED,
  SKY,
  SLATE,
  SrTable,
  VALUE_TICK,
} from "../../../components/charts.tsx";
import type { GradebookMatrix } from "../../../lib/training.ts";

const FIGURE = "space-y-2 rounded-lg border border-slate-300 bg-white p-4";

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
    <ChartFigure
      className={FIGURE}
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
        <XAxis type="number" domain={[0, 100]} unit=" %" tick={VALUE_TICK} />
        <YAxis type="category" dataKey="name" width={140} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [`${String(v)} %`, "Attendance"]} />
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
    </ChartFigure>
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
    <ChartFigure
      className={FIGURE}
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
        <XAxis dataKey="label" tick={CATEGORY_TICK} interval={0} />
        <YAxis allowDecimals={false} tick={VALUE_TICK} width={32} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [String(v), "Scores"]} />
        <Bar
          dataKey="count"
          name="Scores"
          fill={SKY}
          radius={[4, 4, 0, 0]}
          maxBarSize={48}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFigure>
  );
}
