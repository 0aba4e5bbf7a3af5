import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  AMBER,
  BAR_CURSOR,
  CATEGORY_TICK,
  ChartFigure,
  GREEN,
  GRID,
  LEGEND_STYLE,
  MUTED,
  RED,
  SKY,
  SrTable,
  VALUE_TICK,
  VIOLET,
} from "../../../components/charts.tsx";
import { type EngagementSummary, num, type Objective, pct } from "../../../lib/coaching.ts";
import { formatDay } from "../../../lib/mentoring.ts";

/** One objective's metric over time, against its baseline and target. */
export function MetricChart({ objective: o, title }: { objective: Objective; title: string }) {
  const data = o.history.map((h) => ({ day: formatDay(h.recordedOn), value: h.value }));
  const values = [o.baseline, o.target, ...o.history.map((h) => h.value)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(1, (hi - lo) * 0.15);
  const unit = o.metricUnit ? ` (${o.metricUnit})` : "";
  const summary =
    o.history.length === 0
      ? `${o.metricName}${unit}: baseline ${num(o.baseline)}, target ${num(o.target)}. No value recorded yet.`
      : `${o.metricName}${unit}: baseline ${num(o.baseline)}, target ${num(o.target)}, latest ${num(o.latest)} ` +
        `after ${o.history.length} ${o.history.length === 1 ? "value" : "values"}; ${pct(o.progress)}% of the way to the target.`;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      height={220}
      table={
        <div className="sr-only">
          <table>
            <caption>{`${o.metricName} by date`}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">{`Value${unit}`}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Baseline</th>
                <td>{num(o.baseline)}</td>
              </tr>
              {o.history.map((h) => (
                <tr key={h.id}>
                  <th scope="row">{formatDay(h.recordedOn)}</th>
                  <td>{num(h.value)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Target</th>
                <td>{num(o.target)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      }
    >
      <LineChart data={data} margin={{ top: 16, right: 56, left: 0, bottom: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="day" tick={VALUE_TICK} />
        <YAxis
          domain={[Math.floor(lo - pad), Math.ceil(hi + pad)]}
          tick={VALUE_TICK}
          width={48}
          allowDecimals
        />
        <Tooltip formatter={(v) => [String(v), o.metricName]} />
        <ReferenceLine
          y={o.target}
          stroke={GREEN}
          strokeDasharray="6 3"
          label={{ value: `Target ${num(o.target)}`, position: "right", fill: GREEN, fontSize: 12 }}
        />
        <ReferenceLine
          y={o.baseline}
          stroke={MUTED}
          strokeDasharray="2 3"
          label={{ value: `Baseline ${num(o.baseline)}`, position: "right", fill: MUTED, fontSize: 12 }}
        />
        <Line
          type="monotone"
          dataKey="value"
          name={o.metricName}
          stroke={VIOLET}
          strokeWidth={2}
          dot={{ r: 4, fill: VIOLET }}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}

/** How the actions reviewed at each session turned out: done, partly done, not done, stacked. */
export function ActionsChart({ actions }: { actions: EngagementSummary["actions"] }) {
  const data = actions.perSession.map((s) => ({ ...s, label: `Session ${s.session}` }));
  const rate = pct(actions.completionRate);
  const summary =
    `${actions.reviewed} of ${actions.total} actions reviewed: ${actions.done} done, ${actions.partlyDone} partly done, ` +
    `${actions.notDone} not done.${rate === null ? "" : ` Completion rate ${rate}% (partly done counts as half).`}`;
  return (
    <ChartFigure
      title="Action completion per session"
      summary={summary}
      height={Math.max(160, data.length * 40 + 80)}
      table={
        <div className="sr-only">
          <table>
            <caption>Actions reviewed at each session</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Done</th>
                <th scope="col">Partly done</th>
                <th scope="col">Not done</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.session}>
                  <th scope="row">{d.label}</th>
                  <td>{d.done}</td>
                  <td>{d.partlyDone}</td>
                  <td>{d.notDone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={80} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        <Bar dataKey="done" name="Done" stackId="a" fill={GREEN} isAnimationActive={false} />
        <Bar dataKey="partlyDone" name="Partly done" stackId="a" fill={AMBER} isAnimationActive={false} />
        <Bar dataKey="notDone" name="Not done" stackId="a" fill={RED} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}

interface ReportRow {
  title: string;
  progress: number;
  selfPre: number | null;
  selfPost: number | null;
  stakeholdersPre: number | null;
  stakeholdersPost: number | null;
}

/** Progress to target per objective, as a share of the way from the baseline. */
export function ProgressChart({ rows }: { rows: ReportRow[] }) {
  const data = rows.map((r) => ({ label: r.title, progress: pct(r.progress) ?? 0 }));
  const best = data.reduce<(typeof data)[number] | null>(
    (m, d) => (m && m.progress >= d.progress ? m : d),
    null,
  );
  return (
    <ChartFigure
      title="Progress to target"
      summary={
        best
          ? `How far each objective's metric moved from its baseline toward its target. The furthest is “${best.label}” at ${best.progress}%.`
          : "No objectives."
      }
      height={Math.max(140, data.length * 44 + 50)}
      table={
        <SrTable
          caption="Progress to target per objective"
          head={["Objective", "Progress"]}
          rows={data.map((d) => [d.label, `${d.progress}%`])}
        />
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={160} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [`${String(v)}%`, "Progress"]} />
        <Bar
          dataKey="progress"
          name="Progress"
          fill={GREEN}
          radius={[0, 4, 4, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFigure>
  );
}

/** Self and stakeholder ratings (1–10) before and after, per objective. */
export function RatingsChart({ rows }: { rows: ReportRow[] }) {
  const data = rows.map((r) => ({
    label: r.title,
    selfPre: r.selfPre,
    selfPost: r.selfPost,
    stakeholdersPre: r.stakeholdersPre,
    stakeholdersPost: r.stakeholdersPost,
  }));
  const any = rows.some((r) => r.selfPre !== null || r.selfPost !== null);
  return (
    <ChartFigure
      title="Ratings before and after (1–10)"
      summary={
        any
          ? "The coachee's self-ratings and the colleagues' average rating of each objective, in the pre- and the post-assessment. Missing bars mean no rating yet, or too few colleagues to show an average."
          : "No ratings yet."
      }
      height={Math.max(180, data.length * 90 + 60)}
      table={
        <div className="sr-only">
          <table>
            <caption>Ratings before and after per objective</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Self, pre</th>
                <th scope="col">Self, post</th>
                <th scope="col">Colleagues, pre</th>
                <th scope="col">Colleagues, post</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>{num(d.selfPre)}</td>
                  <td>{num(d.selfPost)}</td>
                  <td>{num(d.stakeholdersPre)}</td>
                  <td>{num(d.stakeholdersPost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={160} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        <Bar dataKey="selfPre" name="Self, pre" fill="#94a3b8" isAnimationActive={false} />
        <Bar dataKey="selfPost" name="Self, post" fill={VIOLET} isAnimationActive={false} />
        <Bar dataKey="stakeholdersPre" name="Colleagues, pre" fill="#7dd3fc" isAnimationActive={false} />
        <Bar dataKey="stakeholdersPost" name="Colleagues, post" fill={SKY} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
