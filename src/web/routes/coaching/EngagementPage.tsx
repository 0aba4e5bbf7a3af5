import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { type TabItem, Tabs } from "../../components/Tabs.tsx";
import { coachingKeys, type Engagement, engagementStatus, VIEWER_LABELS } from "../../lib/coaching.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { formatDay } from "../../lib/mentoring.ts";
import { ActionsTab } from "./engagement/ActionsTab.tsx";
import { AssessmentsTab } from "./engagement/AssessmentsTab.tsx";
import { BudgetBar } from "./engagement/BudgetBar.tsx";
import { EngagementActions } from "./engagement/EngagementActions.tsx";
import { OverviewTab } from "./engagement/OverviewTab.tsx";
import { ReportTab } from "./engagement/ReportTab.tsx";
import { SessionsTab } from "./engagement/SessionsTab.tsx";
import { SetupTab } from "./engagement/SetupTab.tsx";
import { liveQuery, nameOf, seesContent } from "./engagement/shared.tsx";

type TabId = "overview" | "setup" | "sessions" | "actions" | "assessments" | "report";

/**
 * The tabs a viewer gets. Sponsors and program staff see progress and the report, never the content of
 * sessions, actions or assessments (the server refuses those to them as well).
 */
function tabsFor(e: Engagement): (TabItem & { id: TabId })[] {
  const tabs: (TabItem & { id: TabId })[] = [{ id: "overview", label: "Progress" }];
  if (e.status === "setup") tabs.push({ id: "setup", label: "Setup" });
  if (seesContent(e)) {
    tabs.push(
      { id: "sessions", label: "Sessions" },
      { id: "actions", label: "Actions" },
      { id: "assessments", label: "Assessments" },
    );
  }
  tabs.push({ id: "report", label: "Report" });
  return tabs;
}

export default function EngagementPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const engagement = useQuery({
    queryKey: coachingKeys.engagement(id),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/coaching/engagements/{id}", { params: { path: { id } } })) as Promise<Engagement>,
  });
  const e = engagement.data;
  usePageTitle(e ? `Coaching for ${e.coachee.name}` : "Coaching engagement");

  if (engagement.isPending) return <Loading label="Loading the engagement…" />;
  if (engagement.isError || !e) {
    return (
      <>
        <PageHeader title="Coaching engagement" />
        <ErrorState error={engagement.error} onRetry={() => void engagement.refetch()} />
        <p className="mt-4">
          <Link to="/coaching">Back to my coaching</Link>
        </p>
      </>
    );
  }

  const tabs = tabsFor(e);
  const onReportPath = pathname.endsWith("/report");
  const requested = params.get("tab") ?? (onReportPath ? "report" : null);
  const fallback: TabId = e.status === "setup" && tabs.some((t) => t.id === "setup") ? "setup" : "overview";
  const tab: TabId = tabs.find((t) => t.id === requested)?.id ?? fallback;
  const select = (next: string) => {
    // Others change the engagement too (a session recorded, an objective agreed): refresh the header.
    void engagement.refetch();
    const search = next === fallback ? "" : `?tab=${next}`;
    if (onReportPath)
      navigate(`/coaching/engagements/${id}${search}`, { replace: true, preventScrollReset: true });
    else setParams(search ? { tab: next } : {}, { replace: true, preventScrollReset: true });
  };
  const status = engagementStatus(e.status);
  const props = { engagement: e, timeZone: person.timeZone };
  const me = person.id;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/coaching">← My coaching</Link>
      </p>
      <PageHeader
        title={`Coaching for ${e.coachee.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            <span>
              {e.program.name} · you are {VIEWER_LABELS[e.viewer]}
            </span>
          </span>
        }
        actions={<EngagementActions engagement={e} onCompleted={() => select("report")} />}
      />
      <section aria-label="Engagement details" className="mb-6 grid gap-4 lg:grid-cols-2">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white p-4 text-sm">
          <dt className="font-medium text-slate-700">Program</dt>
          <dd>{e.program.name}</dd>
          <dt className="font-medium text-slate-700">Coachee</dt>
          <dd>{nameOf(e.coachee, me)}</dd>
          <dt className="font-medium text-slate-700">Coach</dt>
          <dd>
            {e.coach ? (
              nameOf(e.coach, me)
            ) : e.proposedCoaches.length ? (
              <span>Not chosen yet ({e.proposedCoaches.length} proposed for a chemistry call)</span>
            ) : (
              "Not assigned yet"
            )}
          </dd>
          <dt className="font-medium text-slate-700">Sponsor</dt>
          <dd>{nameOf(e.sponsor, me)}</dd>
          <dt className="font-medium text-slate-700">Dates</dt>
          <dd>
            {formatDay(e.startDate)} to {formatDay(e.endDate)}
          </dd>
          {e.nextSession ? (
            <>
              <dt className="font-medium text-slate-700">Next session</dt>
              <dd>
                {formatDateTime(e.nextSession.scheduledAt, person.timeZone)} ({e.nextSession.durationMinutes}{" "}
                min)
              </dd>
            </>
          ) : null}
          {e.focus ? (
            <>
              <dt className="font-medium text-slate-700">Focus</dt>
              <dd className="whitespace-pre-line">{e.focus}</dd>
            </>
          ) : null}
        </dl>
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <BudgetBar budget={e.budget} />
        </div>
      </section>
      <StatusNotice engagement={e} onOpenTab={select} current={tab} />
      <Tabs label="Engagement sections" tabs={tabs} selected={tab} onSelect={select}>
        {tab === "overview" ? (
          <OverviewTab {...props} />
        ) : tab === "setup" ? (
          <SetupTab {...props} />
        ) : tab === "sessions" ? (
          <SessionsTab {...props} />
        ) : tab === "actions" ? (
          <ActionsTab {...props} />
        ) : tab === "assessments" ? (
          <AssessmentsTab {...props} />
        ) : (
          <ReportTab {...props} />
        )}
      </Tabs>
    </>
  );
}

/** What the engagement is waiting for, in one line above the tabs. */
function StatusNotice({
  engagement: e,
  onOpenTab,
  current,
}: {
  engagement: Engagement;
  onOpenTab: (tab: string) => void;
  current: TabId;
}) {
  const box = "mb-4 rounded-md border p-3 text-sm";
  const link = (tab: TabId, label: string) =>
    current === tab ? null : (
      <button type="button" className="font-semibold underline" onClick={() => onOpenTab(tab)}>
        {label}
      </button>
    );
  if (e.status === "setup") {
    return (
      <p className={`${box} border-amber-300 bg-amber-50 text-amber-950`}>
        {!e.coach && e.proposedCoaches.length
          ? e.viewer === "coachee"
            ? "Choose your coach after your chemistry calls. "
            : `Waiting for ${e.coachee.name} to choose a coach. `
          : "Sessions start once the coachee, the coach and the sponsor have agreed the objectives. "}
        {link("setup", "Open the setup")}
      </p>
    );
  }
  if (e.status === "cancelled") {
    return (
      <p className={`${box} border-slate-300 bg-slate-100 text-slate-900`}>
        This engagement was cancelled{e.closedAt ? ` on ${formatDay(e.closedAt)}` : ""}
        {e.closeReason ? `: ${e.closeReason}` : "."}
      </p>
    );
  }
  if (e.status === "completed") {
    return (
      <p className={`${box} border-sky-300 bg-sky-50 text-sky-950`}>
        This engagement is complete{e.closedAt ? ` since ${formatDay(e.closedAt)}` : ""}.{" "}
        {link("report", "Read the closing report")}
      </p>
    );
  }
  if (e.viewer === "coachee" && !e.preAssessmentDone) {
    return (
      <p className={`${box} border-amber-300 bg-amber-50 text-amber-950`}>
        Rate yourself on each objective before your first session.{" "}
        {link("assessments", "Open the pre-assessment")}
      </p>
    );
  }
  return null;
}
