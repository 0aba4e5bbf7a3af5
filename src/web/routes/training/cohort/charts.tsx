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

type Summary = GradebookMatrix["summary"];
type Row = GradebookMatrix["items"][number];

/**
 * Attendance of the trainees shown against the course's minimum, and the distribution of best scores over
 * the whole cohort.
 */
export default function GradebookCharts({ summary, shown }: { summary: Summary; shown: Row[] }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <AttendanceChart summary={summary} shown={shown} />
      <ScoreDistribution scores={summary.scores} />
    </div>
  );
}

function AttendanceChart({ summary, shown }: { summary: Summary; shown: Row[] }) {
  const data = shown.map((r) => ({ id: r.person.id, name: r.person.name, pct: r.attendancePct }));
  const { minimumPct: min, marked, belowMinimum } = summary.attendance;
  const some = shown.length < summary.trainees;
  const text =
    marked === 0
      ? "No attendance has been taken yet."
      : `Attendance of the sessions marked so far, per trainee${some ? ` (the ${shown.length} shown)` : ""}.${
          min > 0
            ? ` The course asks for ${min} %; ${belowMinimum} of the ${marked} ${marked === 1 ? "trainee" : "trainees"} with attendance taken ${belowMinimum === 1 ? "is" : "are"} below it.`
            : ""
        }`;
  return (
    <ChartFigure
      className={FIGURE}
      title="Attendance per trainee"
      summary={text}
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
            <Cell key={d.id} fill={d.pct === null ? SLATE : d.pct >= min ? GREEN : RED} />
          ))}
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}

function ScoreDistribution({ scores }: { scores: Summary["scores"] }) {
  const counts = scores.buckets.map((b) => ({ label: `${b.fromPct}–${b.toPct} %`, count: b.count }));
  return (
    <ChartFigure
      className={FIGURE}
      title="Score distribution"
      summary={
        scores.count === 0
          ? "No quiz has been taken and no practical graded yet."
          : `${scores.count} best ${scores.count === 1 ? "score" : "scores"} over all trainees and assessments; the average is ${scores.meanPct} %.`
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
