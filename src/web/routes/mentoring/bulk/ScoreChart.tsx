import { useId } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Card } from "../../../components/Page.tsx";
import { type MatchRun, plural } from "./shared.ts";

const BAR = "#047857";
const HEIGHT = 220;

const bucketLabel = (b: { from: number; to: number }) =>
  `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`;

/** How the draft's pair scores spread over ten bands, as a bar chart with a table for screen readers. */
export function ScoreChart({ histogram }: { histogram: MatchRun["histogram"] }) {
  const titleId = useId();
  const summaryId = useId();
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
    <Card>
      <figure aria-labelledby={titleId}>
        <figcaption>
          <h3 id={titleId} className="text-base font-semibold text-slate-900">
            Score distribution
          </h3>
          <p id={summaryId} className="mb-3 text-sm text-slate-700">
            {summary}
          </p>
        </figcaption>
        {pairs === 0 ? null : (
          <>
            <div
              role="img"
              aria-label="Bar chart: pairs per score range"
              aria-describedby={summaryId}
              style={{ height: HEIGHT }}
            >
              <ResponsiveContainer
                width="100%"
                height="100%"
                initialDimension={{ width: 480, height: HEIGHT }}
              >
                <BarChart data={data} margin={{ top: 20, left: 0, right: 8 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="#cbd5e1" />
                  <XAxis dataKey="label" interval={0} tick={{ fill: "#1e293b", fontSize: 11 }} />
                  <YAxis allowDecimals={false} width={axisWidth} tick={{ fill: "#334155", fontSize: 12 }} />
                  <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => [String(v), "Pairs"]} />
                  <Bar
                    dataKey="count"
                    name="Pairs"
                    fill={BAR}
                    radius={[4, 4, 0, 0]}
                    isAnimationActive={false}
                  >
                    <LabelList
                      dataKey="count"
                      position="top"
                      fill="#1e293b"
                      fontSize={12}
                      formatter={(v: unknown) => (v ? String(v) : "")}
                    />
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
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
          </>
        )}
      </figure>
    </Card>
  );
}
