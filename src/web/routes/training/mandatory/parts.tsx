import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  CardChartFigure,
  GRID,
  LEGEND_STYLE,
  VALUE_TICK,
} from "../../../components/charts.tsx";
import { formatDate } from "../../../lib/dates.ts";
import {
  ASSIGNMENT_STATUS,
  ASSIGNMENT_STATUSES,
  type Assignment,
  type AssignmentStatus,
  type AssignmentTarget,
  plural,
} from "../authoring/shared.tsx";

type Counts = Assignment["counts"];

/** Whom an assignment covers, in words. */
export function targetText(t: AssignmentTarget): string {
  switch (t.kind) {
    case "department":
      return `${t.departments.length === 1 ? "Department" : "Departments"}: ${t.departments.join(", ")}`;
    case "seniority":
      return t.min === t.max ? `Seniority level ${t.min}` : `Seniority levels ${t.min}–${t.max}`;
    case "people":
      return `${plural(t.personIds.length, "person", "people")} picked by name`;
  }
}

export const totalOf = (c: Counts) => ASSIGNMENT_STATUSES.reduce((s, k) => s + c[k], 0);

/** "3 completed, 5 due, 2 overdue" — only the statuses someone is in. */
export function countsText(c: Counts): string {
  const parts = ASSIGNMENT_STATUSES.filter((k) => c[k] > 0).map(
    (k) => `${c[k]} ${ASSIGNMENT_STATUS[k].label.toLowerCase()}`,
  );
  return parts.length ? parts.join(", ") : "nobody yet";
}

/** A thin bar split by status, for a table cell; its numbers are in the text next to it. */
export function StatusBar({ counts }: { counts: Counts }) {
  const total = totalOf(counts);
  return (
    <div className="flex h-2.5 w-full min-w-32 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
      {total
        ? ASSIGNMENT_STATUSES.filter((k) => counts[k] > 0).map((k) => (
            <div
              key={k}
              style={{ width: `${(counts[k] / total) * 100}%`, backgroundColor: ASSIGNMENT_STATUS[k].color }}
            />
          ))
        : null}
    </div>
  );
}

/** The number of people in each status, as tiles. */
export function StatusTiles({ counts, label }: { counts: Counts; label: string }) {
  const total = totalOf(counts);
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      <div className="rounded-lg border border-slate-300 bg-white p-3">
        <dt className="text-sm text-slate-700">Assignees</dt>
        <dd className="text-2xl font-bold text-slate-900">{total}</dd>
      </div>
      {ASSIGNMENT_STATUSES.map((k) => (
        <div
          key={k}
          className="rounded-lg border border-slate-300 border-l-4 bg-white p-3"
          style={{ borderLeftColor: ASSIGNMENT_STATUS[k].color }}
        >
          <dt className="text-sm text-slate-700">{ASSIGNMENT_STATUS[k].label}</dt>
          <dd className="text-2xl font-bold text-slate-900">
            {counts[k]}
            {total ? (
              <span className="ml-1 text-sm font-normal text-slate-700">
                ({Math.round((counts[k] / total) * 100)}%)
              </span>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Every assignment as one stacked bar of its assignees by status, with a summary that says where the
 * organization stands, and the same numbers in a table for screen readers.
 */
export function StatusChart({ assignments, timeZone }: { assignments: Assignment[]; timeZone: string }) {
  const data = assignments.map((a) => ({
    id: a.id,
    label: `${a.course.title} · due ${formatDate(a.dueAt, timeZone)}`,
    ...a.counts,
  }));
  const sum = (k: AssignmentStatus) => assignments.reduce((s, a) => s + a.counts[k], 0);
  const total = assignments.reduce((s, a) => s + totalOf(a.counts), 0);
  const late = sum("overdue") + sum("recertification_due");
  const worst = assignments.reduce<Assignment | null>((w, a) => {
    const n = a.counts.overdue + a.counts.recertification_due;
    return n > 0 && (!w || n > w.counts.overdue + w.counts.recertification_due) ? a : w;
  }, null);
  const summary =
    total === 0
      ? "No one is assigned anything yet."
      : `${plural(total, "assignee")} across ${plural(assignments.length, "assignment")}: ${sum("completed")} completed (${Math.round((sum("completed") / total) * 100)}%), ${sum("due")} due, ${late} overdue or due for re-certification.` +
        (worst
          ? ` The most behind is “${worst.course.title}” with ${worst.counts.overdue + worst.counts.recertification_due} late.`
          : "");
  const height = Math.max(140, data.length * 40 + 70);
  return (
    <CardChartFigure
      title="Where each assignment stands"
      summary={summary}
      height={height}
      empty={total === 0}
      imageLabel="Bar chart: assignees by status, per assignment"
      initialWidth={640}
      table={
        <div className="sr-only">
          <table>
            <caption>Assignees by status, per assignment</caption>
            <thead>
              <tr>
                <th scope="col">Assignment</th>
                {ASSIGNMENT_STATUSES.map((k) => (
                  <th key={k} scope="col">
                    {ASSIGNMENT_STATUS[k].label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.label}</th>
                  {ASSIGNMENT_STATUSES.map((k) => (
                    <td key={k}>{d[k]}</td>
                  ))}
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
        <YAxis type="category" dataKey="label" width={220} interval={0} tick={CATEGORY_TICK} />
        <Tooltip cursor={BAR_CURSOR} />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        {ASSIGNMENT_STATUSES.map((k) => (
          <Bar
            key={k}
            dataKey={k}
            name={ASSIGNMENT_STATUS[k].label}
            stackId="status"
            fill={ASSIGNMENT_STATUS[k].color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </CardChartFigure>
  );
}
