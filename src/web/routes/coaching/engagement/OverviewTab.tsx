import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client.ts";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { Card } from "../../../components/Page.tsx";
import {
  ATTENDANCE,
  coachingKeys,
  type EngagementSummary,
  num,
  pct,
  themeLabel,
} from "../../../lib/coaching.ts";
import { formatDate } from "../../../lib/dates.ts";
import { ProgressBar } from "../../mentoring/parts.tsx";
import { BudgetBar } from "./BudgetBar.tsx";
import { ActionsChart, MetricChart } from "./charts.tsx";
import { liveQuery, type TabProps } from "./shared.tsx";

/**
 * Progress in numbers, for everyone with a part in the engagement: the metrics against their targets,
 * how the actions went, attendance against the budget, and the coach's one-sentence summaries for the
 * sponsor. Never the content of a session.
 */
export function OverviewTab({ engagement: e, timeZone }: TabProps) {
  const summary = useQuery({
    queryKey: coachingKeys.part(e.id, "summary"),
    ...liveQuery,
    queryFn: () =>
      unwrap(
        api.GET("/api/coaching/engagements/{id}/summary", { params: { path: { id: e.id } } }),
      ) as Promise<EngagementSummary>,
  });
  const s = summary.data;
  return (
    <QueryList query={summary} loadingLabel="Loading progress…" isEmpty={false} empty={null}>
      {s ? (
        <div className="space-y-8">
          {e.viewer === "sponsor" || e.viewer === "manager" ? (
            <p className="rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
              As {e.viewer === "sponsor" ? "the sponsor" : "program staff"} you see attendance and progress on
              the objectives. What is said in the sessions stays between the coach and the coachee.
            </p>
          ) : null}
          <section aria-labelledby="objectives-progress">
            <h2 id="objectives-progress" className="mb-3 text-lg font-semibold">
              Objectives
            </h2>
            {s.objectives.length === 0 ? (
              <EmptyState title="No objectives yet">
                <p>
                  {e.status === "setup"
                    ? "The coachee, the coach and the sponsor set the objectives together in the Setup tab, each with a metric, a baseline and a target."
                    : "This engagement has no objectives."}
                </p>
              </EmptyState>
            ) : (
              <ul className="grid gap-4 xl:grid-cols-2">
                {s.objectives.map((o, i) => (
                  <li key={o.id}>
                    <Card>
                      <div className="mb-2 flex flex-wrap items-center gap-2">
                        <Badge tone="violet">{themeLabel(o.theme)}</Badge>
                        <span className="text-sm text-slate-700">
                          {o.metricName} ({o.metricUnit}): {num(o.baseline)} → {num(o.target)}, latest{" "}
                          {num(o.latest)}
                        </span>
                      </div>
                      <ProgressBar label={`Progress to target: ${o.title}`} value={o.progress} />
                      <div className="mt-4">
                        {o.history.length === 0 ? (
                          <>
                            <h3 className="text-base font-semibold text-slate-900">{`${i + 1}. ${o.title}`}</h3>
                            <p className="mt-1 text-sm text-slate-700">
                              No value recorded yet. The coach records the metric when recording a session,
                              and the line chart starts from there.
                            </p>
                          </>
                        ) : (
                          <MetricChart objective={o} title={`${i + 1}. ${o.title}`} />
                        )}
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="grid gap-6 xl:grid-cols-2">
            <section aria-labelledby="action-completion">
              <h2 id="action-completion" className="mb-3 text-lg font-semibold">
                Action completion
              </h2>
              <Card>
                <p className="mb-3 text-sm text-slate-800">
                  Overall completion rate:{" "}
                  <strong>
                    {s.actions.completionRate === null
                      ? "none reviewed yet"
                      : `${pct(s.actions.completionRate)}%`}
                  </strong>
                </p>
                {s.actions.perSession.length === 0 ? (
                  <p className="text-sm text-slate-700">
                    The actions agreed in a session are reviewed at the start of the next one: done, partly
                    done or not done. The chart appears after the first review.
                  </p>
                ) : (
                  <ActionsChart actions={s.actions} />
                )}
              </Card>
            </section>
            <section aria-labelledby="attendance">
              <h2 id="attendance" className="mb-3 text-lg font-semibold">
                Sessions and budget
              </h2>
              <Card>
                <BudgetBar budget={s.budget} level={3} />
                <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
                  {(
                    [
                      ["Held", s.attendance.held],
                      ["No-show", s.attendance.noShow],
                      ["Rescheduled", s.attendance.rescheduled],
                      ["Scheduled", s.attendance.scheduled],
                    ] as const
                  ).map(([label, value]) => (
                    <div key={label} className="rounded-md border border-slate-200 p-2">
                      <dt className="text-xs text-slate-700">{label}</dt>
                      <dd className="text-xl font-bold">{value}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
            </section>
          </div>
          <section aria-labelledby="sponsor-summaries">
            <h2 id="sponsor-summaries" className="mb-3 text-lg font-semibold">
              Summaries for the sponsor
            </h2>
            {s.sponsorSummaries.length === 0 ? (
              <EmptyState title="No summaries yet">
                <p>
                  After each session the coach can write one sentence for the sponsor. They will appear here.
                </p>
              </EmptyState>
            ) : (
              <ol className="space-y-2">
                {s.sponsorSummaries.map((x) => (
                  <li key={x.session} className="rounded-md border border-slate-300 bg-white p-3 text-sm">
                    <p className="flex flex-wrap items-center gap-2 font-semibold">
                      Session {x.session} · {formatDate(x.date, timeZone)}
                      <Badge tone={ATTENDANCE[x.attendance].tone}>{ATTENDANCE[x.attendance].label}</Badge>
                    </p>
                    <p className="mt-1 text-slate-900">{x.summary}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      ) : null}
    </QueryList>
  );
}
