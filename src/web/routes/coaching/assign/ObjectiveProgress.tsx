import { useId } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { type Objective, themeLabel } from "../../../lib/coaching.ts";
import { formatDay } from "../../../lib/mentoring.ts";
import { Meter, pct } from "./parts.tsx";

const LINE = "#047857";
const TARGET = "#b45309";

const withUnit = (value: number, unit: string) => `${value} ${unit}`.trim();

/** One sentence that says what the chart shows: baseline, target, latest value and the share of the way. */
export function objectiveSummary(o: Objective): string {
  const latest = o.latest === null ? "no value recorded yet" : `latest ${withUnit(o.latest, o.metricUnit)}`;
  return `${o.metricName}: baseline ${withUnit(o.baseline, o.metricUnit)}, target ${withUnit(
    o.target,
    o.metricUnit,
  )}, ${latest} — ${pct(o.progress)}% of the way to the target.`;
}

/**
 * An objective: its progress to target as a bar, and a small line chart of the recorded values from the
 * baseline, with the target as a dashed line. The chart is one image described by the summary sentence;
 * the values are also in a visually hidden table.
 */
export function ObjectiveProgress({ objective: o }: { objective: Objective }) {
  const id = useId();
  const data = [
    { label: "Baseline", value: o.baseline },
    ...o.history.map((h) => ({ label: formatDay(h.recordedOn), value: h.value })),
  ];
  const values = [o.baseline, o.target, ...o.history.map((h) => h.value)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi === lo ? 1 : (hi - lo) * 0.1;
  return (
    <li className="rounded-md border border-slate-300 bg-white p-4">
      <article aria-labelledby={`${id}-title`} className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h4 id={`${id}-title`} className="font-semibold text-slate-900">
            {o.title}
          </h4>
          <span className="text-xs text-slate-700">{themeLabel(o.theme)}</span>
        </div>
        <Meter
          label={`Progress on ${o.title}`}
          visibleLabel={false}
          value={pct(o.progress)}
          max={100}
          valueText={`${pct(o.progress)}% of the way to the target`}
        />
        <p id={`${id}-summary`} className="text-sm text-slate-800">
          {objectiveSummary(o)}
        </p>
        {o.history.length ? (
          <>
            <div
              role="img"
              aria-label={`Line chart of ${o.metricName}, with the target line`}
              aria-describedby={`${id}-summary`}
              className="h-36"
            >
              <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 144 }}>
                <LineChart
                  data={data}
                  margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
                  accessibilityLayer={false}
                >
                  <CartesianGrid stroke="#e2e8f0" />
                  <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 11 }} />
                  <YAxis
                    domain={[Math.floor(lo - pad), Math.ceil(hi + pad)]}
                    width={40}
                    tick={{ fill: "#334155", fontSize: 11 }}
                  />
                  <Tooltip formatter={(v) => [withUnit(Number(v), o.metricUnit), o.metricName]} />
                  <ReferenceLine
                    y={o.target}
                    stroke={TARGET}
                    strokeDasharray="6 4"
                    label={{ value: "Target", position: "insideTopRight", fill: "#92400e", fontSize: 11 }}
                  />
                  <Line
                    type="monotone"
                    dataKey="value"
                    stroke={LINE}
                    strokeWidth={2}
                    dot={{ r: 3 }}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <table className="sr-only">
              <caption>Values of {o.metricName}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Value ({o.metricUnit})</th>
                </tr>
              </thead>
              <tbody>
                {data.map((d, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two values can share a date
                  <tr key={i}>
                    <th scope="row">{d.label}</th>
                    <td>{d.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="text-sm text-slate-700">
            The chart appears once your coach or you record a first value, usually at a session.
          </p>
        )}
      </article>
    </li>
  );
}
