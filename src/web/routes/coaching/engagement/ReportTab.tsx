import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client.ts";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { Card } from "../../../components/Page.tsx";
import { type ClosingReport, coachingKeys, num, pct, signed } from "../../../lib/coaching.ts";
import { formatDay } from "../../../lib/mentoring.ts";
import { ProgressChart, RatingsChart } from "./charts.tsx";
import { liveQuery, type TabProps } from "./shared.tsx";

const prePost = (pre: number | null, post: number | null, change: number | null) =>
  pre === null && post === null ? "—" : `${num(pre)} → ${num(post)} (${signed(change)})`;

/**
 * The closing report: per objective, the metric from baseline to target and where it ended, and the
 * self and colleague ratings before and after. Final once the coach completes the engagement.
 */
export function ReportTab({ engagement: e }: TabProps) {
  const report = useQuery({
    queryKey: coachingKeys.part(e.id, "report"),
    ...liveQuery,
    queryFn: () =>
      unwrap(
        api.GET("/api/coaching/engagements/{id}/report", { params: { path: { id: e.id } } }),
      ) as Promise<ClosingReport>,
  });
  const r = report.data;
  return (
    <QueryList
      query={report}
      loadingLabel="Loading the report…"
      isEmpty={!r || r.objectives.length === 0}
      empty={
        <EmptyState title="No report yet">
          <p>
            The report compares each objective's baseline, target and final value. It fills in once objectives
            are agreed and sessions recorded.
          </p>
        </EmptyState>
      }
    >
      {r ? (
        <div className="space-y-6">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold">{r.final ? "Closing report" : "Report so far"}</h2>
            {r.final ? <Badge tone="blue">Final</Badge> : <Badge tone="amber">Not final yet</Badge>}
          </div>
          <p className="text-sm text-slate-800">
            {r.coachee.name}
            {r.coach ? ` with ${r.coach.name}` : ""}, {formatDay(r.startDate)} to {formatDay(r.endDate)}
            {r.closedAt ? `, completed ${formatDay(r.closedAt)}` : ""}. {r.budget.used} of {r.budget.total}{" "}
            sessions used. Action completion:{" "}
            {r.actionCompletionRate === null ? "no action reviewed" : `${pct(r.actionCompletionRate)}%`}.
            {r.final ? "" : " The report becomes final when the coach completes the engagement."}
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Progress on each objective</caption>
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Objective
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Baseline → target → final
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Progress
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Self-rating, pre → post
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Colleagues, pre → post
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {r.objectives.map((o) => (
                  <tr key={o.id}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {o.title}
                      <span className="block text-xs font-normal text-slate-700">
                        {o.metricName} ({o.metricUnit})
                      </span>
                    </th>
                    <td className="px-3 py-2">
                      {num(o.baseline)} → {num(o.target)} → {num(o.final)}
                    </td>
                    <td className="px-3 py-2">{pct(o.progress)}%</td>
                    <td className="px-3 py-2">{prePost(o.selfPre, o.selfPost, o.selfChange)}</td>
                    <td className="px-3 py-2">
                      {prePost(o.stakeholdersPre, o.stakeholdersPost, o.stakeholdersChange)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-slate-700">
            When three or more colleagues were asked, their average appears only once three have answered, so
            no one's rating can be singled out.
          </p>
          <div className="grid gap-6 xl:grid-cols-2">
            <Card>
              <ProgressChart rows={r.objectives} />
            </Card>
            <Card>
              <RatingsChart rows={r.objectives} />
            </Card>
          </div>
        </div>
      ) : null}
    </QueryList>
  );
}
