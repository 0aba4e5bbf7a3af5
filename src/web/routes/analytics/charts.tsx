import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  CardChartFigure,
  GREEN,
  GRID,
  INK,
  LEGEND_STYLE,
  SKY,
  SrTable,
  VALUE_TICK,
  VIOLET,
} from "../../components/charts.tsx";
import {
  FEWER_THAN,
  type Figure,
  figureText,
  monthLabel,
  shownValue,
  type TrendPoint,
} from "../../lib/analytics.ts";

export interface BarRow {
  label: string;
  figure: Figure;
}

/** Rows withheld below the group size, named under a chart instead of being drawn as zero. */
function WithheldNote({ rows, what }: { rows: BarRow[]; what: string }) {
  const withheld = rows.filter((r) => r.figure.suppressed);
  if (withheld.length === 0) return null;
  return (
    <p className="mt-2 text-sm text-slate-700">
      <span className="font-semibold text-slate-900">{withheld.map((r) => r.label).join(", ")}:</span>{" "}
      {FEWER_THAN} {what} each, so not shown.
    </p>
  );
}

/**
 * Horizontal bars, one per row with a value; withheld rows are not drawn (a bar of zero would be
 * wrong) but named under the chart and in the table for screen readers.
 */
export function BarsFigure({
  title,
  rows,
  what,
  valueLabel,
  format = String,
  percent = false,
  color = GREEN,
  emptyText,
}: {
  title: string;
  rows: BarRow[];
  /** What the bars count, for the summary ("people", "answers"). */
  what: string;
  valueLabel: string;
  format?: (v: number) => string;
  /** Values are shares (0–1), drawn on a 0–100% axis. */
  percent?: boolean;
  color?: string;
  emptyText: string;
}) {
  const drawn = rows.filter((r) => shownValue(r.figure) !== null);
  const data = drawn.map((r) => ({
    label: r.label,
    value: percent ? Math.round((shownValue(r.figure) ?? 0) * 1000) / 10 : shownValue(r.figure),
    text: figureText(r.figure, format),
  }));
  const withheld = rows.filter((r) => r.figure.suppressed).length;
  const summary =
    rows.length === 0
      ? emptyText
      : [
          drawn.length
            ? `${drawn.map((r) => `${r.label}: ${figureText(r.figure, format)}`).join("; ")}.`
            : "",
          withheld ? `${withheld} withheld (${FEWER_THAN} ${what} each).` : "",
        ]
          .filter(Boolean)
          .join(" ");
  return (
    <CardChartFigure
      title={title}
      summary={summary}
      height={Math.max(120, data.length * 36 + 50)}
      empty={data.length === 0}
      placeholder={<WithheldNote rows={rows} what={what} />}
      imageLabel={`Bar chart: ${title}`}
      table={
        <>
          <WithheldNote rows={rows} what={what} />
          <SrTable
            caption={title}
            head={["Group", valueLabel]}
            rows={rows.map((r) => [r.label, figureText(r.figure, format)])}
          />
        </>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 56 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis
          type="number"
          allowDecimals={percent}
          tick={VALUE_TICK}
          {...(percent ? { domain: [0, 100], unit: "%" } : {})}
        />
        <YAxis type="category" dataKey="label" width={150} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(_v, _n, item) => [String(item.payload.text), valueLabel]} />
        <Bar dataKey="value" name={valueLabel} fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="text" position="right" fill={INK} fontSize={12} />
        </Bar>
      </BarChart>
    </CardChartFigure>
  );
}

const TREND_SERIES = [
  { key: "newParticipants", label: "New participants", color: SKY },
  { key: "started", label: "Started", color: VIOLET },
  { key: "completed", label: "Completed", color: GREEN },
] as const;

/** The last 12 months of new participants, starts and completions; withheld months are gaps in the lines. */
export function TrendChart({ points, startedLabel }: { points: TrendPoint[]; startedLabel: string }) {
  const series = TREND_SERIES.map((s) => (s.key === "started" ? { ...s, label: startedLabel } : s));
  const data = points.map((p) => ({
    month: monthLabel(p.month, true),
    ...Object.fromEntries(series.map((s) => [s.key, shownValue(p[s.key])])),
  }));
  const totals = series.map((s) => ({
    label: s.label.toLowerCase(),
    total: points.reduce((sum, p) => sum + (shownValue(p[s.key]) ?? 0), 0),
    withheld: points.filter((p) => p[s.key].suppressed).length,
  }));
  const anything = totals.some((t) => t.total > 0 || t.withheld > 0);
  const first = points[0];
  const last = points.at(-1);
  const range =
    first && last ? `${monthLabel(first.month)} to ${monthLabel(last.month)}` : "the last 12 months";
  const summary = anything
    ? `From ${range}, in the months shown: ${totals.map((t) => `${t.total} ${t.label}`).join(", ")}.` +
      (totals.some((t) => t.withheld)
        ? ` Months with ${FEWER_THAN} people are withheld and left as gaps (${totals
            .filter((t) => t.withheld)
            .map((t) => `${t.label}: ${t.withheld}`)
            .join(", ")}).`
        : "")
    : `Nothing happened from ${range} yet: no one joined, started or completed.`;
  return (
    <CardChartFigure
      title="Participation over the last 12 months"
      summary={summary}
      height={260}
      imageLabel="Line chart: new participants, starts and completions per month"
      table={
        <div className="sr-only">
          <table>
            <caption>New participants, starts and completions per month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{monthLabel(p.month)}</th>
                  {series.map((s) => (
                    <td key={s.key}>{figureText(p[s.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="month" tick={VALUE_TICK} />
        <YAxis allowDecimals={false} tick={VALUE_TICK} width={40} />
        <Tooltip formatter={(v) => (v === null || v === undefined ? FEWER_THAN : String(v))} />
        <Legend wrapperStyle={LEGEND_STYLE} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            dot={{ r: 3, fill: s.color }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </CardChartFigure>
  );
}

/** Mentoring: the mean check-in score per month, on the 1–5 scale. */
export function SatisfactionTrend({ points }: { points: TrendPoint[] }) {
  const data = points.map((p) => ({ month: monthLabel(p.month, true), value: shownValue(p.satisfaction) }));
  const measured = points.filter((p) => shownValue(p.satisfaction) !== null);
  const withheld = points.filter((p) => p.satisfaction?.suppressed).length;
  const latest = measured.at(-1);
  const summary =
    measured.length === 0
      ? withheld
        ? `Check-ins came in, but from ${FEWER_THAN} people in every month, so no monthly score is shown.`
        : "No check-ins in the last 12 months."
      : `${measured.length} ${measured.length === 1 ? "month has" : "months have"} a score` +
        (latest
          ? `; the latest, ${monthLabel(latest.month)}, is ${figureText(latest.satisfaction)} of 5`
          : "") +
        "." +
        (withheld ? ` ${withheld} withheld (${FEWER_THAN} people answered).` : "");
  return (
    <CardChartFigure
      title="Check-in satisfaction by month"
      summary={summary}
      height={220}
      empty={measured.length === 0}
      imageLabel="Line chart: mean check-in satisfaction per month"
      table={
        <SrTable
          caption="Mean check-in satisfaction (1 to 5) per month"
          head={["Month", "Mean satisfaction"]}
          rows={points.map((p) => [monthLabel(p.month), figureText(p.satisfaction)])}
        />
      }
    >
      <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="month" tick={VALUE_TICK} />
        <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tick={VALUE_TICK} width={32} />
        <Tooltip formatter={(v) => [v === null || v === undefined ? FEWER_THAN : String(v), "Mean score"]} />
        <Line
          type="monotone"
          dataKey="value"
          name="Mean score"
          stroke={VIOLET}
          strokeWidth={2}
          dot={{ r: 4, fill: VIOLET }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </CardChartFigure>
  );
}
