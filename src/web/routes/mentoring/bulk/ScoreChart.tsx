import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { BAR_CURSOR, CardChartFigure, GREEN, GRID, INK, VALUE_TICK } from "../../../components/charts.tsx";
import { type MatchRun, plural } from "./shared.ts";

const HEIGHT = 220;

const bucketLabel = (b: { from: number; to: number }) =>
  `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`;

/** How the draft's pair scores spread over ten bands, as a bar chart with a table for screen readers. */
export function ScoreChart({ histogram }: { histogram: MatchRun["histogram"] }) {
  const data = histogram.map((b) => ({ label: bucketLabel(b), count: b.count }));
  const pairs = data.reduce((s, d) => s + d.count, 0);
  const most = Math.max(0, ...data.map((d) => d.count));
  const axisWidth = 16 + 8 * String(most).length;
  const busiest = data.reduce<(typeof data)[number] | null>(
    (best, d) => (d.count > 0 && (!best || d.count > best.count) ? d : best),
    null,
  );
  const summary = busiest
    ? `${plural(pairs, "pair")} in the run. Most score ${busiest.label} (${plural(busiest.count, "pair")}).`
    : "The run has no pairs.";
  return (
    <CardChartFigure
      title="Score distribution"
      summary={summary}
      height={HEIGHT}
      empty={pairs === 0}
      imageLabel="Bar chart: pairs per score range"
      table={
        <div className="sr-only">
          <table>
            <caption>Pairs per score range</caption>
            <thead>
              <tr>
                <th scope="col">Score range</th>
                <th scope="col">Pairs</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <BarChart data={data} margin={{ top: 20, left: 0, right: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="label" interval={0} tick={{ fill: INK, fontSize: 11 }} />
        <YAxis allowDecimals={false} width={axisWidth} tick={VALUE_TICK} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [String(v), "Pairs"]} />
        <Bar dataKey="count" name="Pairs" fill={GREEN} radius={[4, 4, 0, 0]} isAnimationActive={false}>
          <LabelList
            dataKey="count"
            position="top"
            fill={INK}
            fontSize={12}
            formatter={(v: unknown) => (v ? String(v) : "")}
          />
        </Bar>
      </BarChart>
    </CardChartFigure>
  );
}
