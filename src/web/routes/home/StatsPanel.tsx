import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { api, unwrap } from "../../api/client.ts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  CardChartFigure,
  GREEN,
  GRID,
  INK,
  VALUE_TICK,
  VIOLET,
} from "../../components/charts.tsx";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { Section } from "../../components/Page.tsx";
import { KIND_LABELS } from "../../lib/labels.ts";

interface Datum {
  label: string;
  count: number;
}

/**
 * A horizontal bar chart with an accessible name and description. The SVG is exposed as one image;
 * the same numbers are in a visually hidden table for screen readers.
 */
function BarFigure({
  title,
  summary,
  data,
  valueLabel,
  color = GREEN,
  categoryLabel,
}: {
  title: string;
  summary: string;
  data: Datum[];
  valueLabel: string;
  categoryLabel: string;
  color?: string;
}) {
  const height = Math.max(120, data.length * 36 + 40);
  return (
    <CardChartFigure
      title={title}
      summary={summary}
      height={height}
      empty={data.length === 0}
      placeholder={<p className="text-sm text-slate-700">Nothing to show yet.</p>}
      imageLabel={`Bar chart: ${title}`}
      table={
        <table className="sr-only">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              <th scope="col">{valueLabel}</th>
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
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={150} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [String(v), valueLabel]} />
        <Bar dataKey="count" name={valueLabel} fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="count" position="right" fill={INK} fontSize={12} />
        </Bar>
      </BarChart>
    </CardChartFigure>
  );
}

const largest = (data: Datum[]) =>
  data.reduce<Datum | null>((m, d) => (m && m.count >= d.count ? m : d), null);

/** Aggregate head counts and enrolment for admins, program managers and sponsors. */
export default function StatsPanel() {
  const stats = useQuery({
    queryKey: ["organization-stats"],
    queryFn: () => unwrap(api.GET("/api/organization/stats")),
  });
  if (stats.isPending) return <Loading label="Loading statistics…" />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const { people, departments: departmentCount, byDepartment, bySeniority, programs } = stats.data;
  const { programCount, enrolments } = stats.data;
  const departments = byDepartment.map((d) => ({ label: d.label, count: d.count }));
  const enrolment = programs.map((p) => ({
    label: p.name,
    count: p.enrolled,
    kind: KIND_LABELS[p.kind as keyof typeof KIND_LABELS] ?? p.kind,
  }));
  const seniority = bySeniority.map((d) => ({ label: d.label, count: d.count }));
  const topDept = largest(departments);
  const topProgram = largest(enrolment);

  return (
    <Section title="Your organization at a glance">
      <dl className="mb-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["Active people", people.active],
          ["Invited, not joined yet", people.invited],
          ["Programs", programCount],
          ["Enrolments", enrolments],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-300 bg-white p-4">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-2xl font-bold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 xl:grid-cols-2">
        <BarFigure
          title="People by department"
          categoryLabel="Department"
          valueLabel="People"
          data={departments}
          summary={
            topDept
              ? `${people.active} active people in ${departmentCount} departments${departmentCount > departments.length ? `, the ${departments.length - 1} largest shown and the rest together` : ""}. The largest is ${topDept.label} with ${topDept.count}.`
              : "No one has a department yet."
          }
        />
        <BarFigure
          title={
            programCount > enrolment.length
              ? `Enrolment in the ${enrolment.length} most enrolled programs`
              : "Enrolment per program"
          }
          categoryLabel="Program"
          valueLabel="Enrolled"
          color={VIOLET}
          data={enrolment}
          summary={
            topProgram
              ? `${enrolments} enrolments across ${programCount} programs. The most enrolled is ${topProgram.label} with ${topProgram.count}.`
              : "No programs yet."
          }
        />
        <BarFigure
          title="People by seniority level"
          categoryLabel="Seniority level"
          valueLabel="People"
          data={seniority}
          summary={`Head count at each seniority level, ${seniority.length} levels in use.`}
        />
      </div>
    </Section>
  );
}
