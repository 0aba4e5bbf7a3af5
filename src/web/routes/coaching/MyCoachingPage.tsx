import { type InfiniteData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import {
  type CoachingAction,
  coachingKeys,
  type EngagementListItem,
  engagementStatus,
  LIST_PAGE_SIZE,
} from "../../lib/coaching.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { formatDay, liveQuery, todayIn } from "../../lib/mentoring.ts";
import { ObjectiveProgress } from "./assign/ObjectiveProgress.tsx";
import { assignsCoaching, awaitingLabel, BudgetMeter, pageKeys } from "./assign/parts.tsx";

type Viewer = EngagementListItem["viewer"];
type Role = Exclude<Viewer, "manager">;

const engagementPath = (e: { id: string }) => `/coaching/engagements/${e.id}`;

/** The engagement's name as the viewer sees it. */
function titleFor(e: EngagementListItem): string {
  const coach = e.coach;
  if (e.viewer === "coachee") return coach ? `Coaching with ${coach.name}` : "Choose your coach";
  if (e.viewer === "coach") return `Coaching ${e.coachee.name}`;
  return coach ? `${e.coachee.name} with ${coach.name}` : `${e.coachee.name}, choosing a coach`;
}

const subnavLinks = (role: Parameters<typeof assignsCoaching>[0]) => [
  { to: "/coaching", label: "My coaching" },
  { to: "/coaching/ratings", label: "Rating requests" },
  ...(assignsCoaching(role)
    ? [
        { to: "/coaching/coaches", label: "Coach pool" },
        { to: "/coaching/insights", label: "Insights" },
      ]
    : []),
];

/** Links between the coaching pages the person can use. */
function CoachingNav() {
  const { pathname } = useLocation();
  const { person } = useSession();
  return (
    <nav aria-label="Coaching" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {subnavLinks(person.orgRole).map((l) => {
          const current = pathname === l.to;
          return (
            <li key={l.to}>
              <Link
                to={l.to}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm font-semibold no-underline ${
                  current
                    ? "border-emerald-800 bg-emerald-800 text-white"
                    : "border-slate-400 bg-white text-slate-900 hover:bg-slate-50"
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The coachee's objectives in one engagement, with their progress, from the engagement summary. */
function Objectives({ engagementId }: { engagementId: string }) {
  const summary = useQuery({
    queryKey: pageKeys.summary(engagementId),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/coaching/engagements/{id}/summary", { params: { path: { id: engagementId } } })),
  });
  if (summary.isPending) return <Loading label="Loading your objectives…" />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const objectives = summary.data.objectives;
  if (objectives.length === 0) {
    return (
      <p className="text-sm text-slate-800">
        No objectives yet. Set them with your coach and sponsor on the{" "}
        <Link to={`/coaching/engagements/${engagementId}`}>engagement page</Link>.
      </p>
    );
  }
  return (
    <div>
      <h4 className="mb-2 text-sm font-semibold text-slate-900">Your objectives</h4>
      <ul className="grid gap-3 lg:grid-cols-2">
        {objectives.map((o) => (
          <ObjectiveProgress key={o.id} objective={o} />
        ))}
      </ul>
    </div>
  );
}

function EngagementCard({ e, timeZone }: { e: EngagementListItem; timeZone: string }) {
  const status = engagementStatus(e.status);
  const title = titleFor(e);
  return (
    <li>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h3 className="text-base font-semibold">
              <Link to={engagementPath(e)}>{title}</Link>
            </h3>
            <p className="text-sm text-slate-700">
              {e.program.name} · {formatDay(e.startDate)} – {formatDay(e.endDate)}
              {e.viewer === "sponsor" ? "" : ` · sponsored by ${e.sponsor.name}`}
            </p>
          </div>
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
        {e.awaitingMe.length ? (
          <ul aria-label={`Waiting for you: ${title}`} className="flex flex-wrap gap-2">
            {e.awaitingMe.map((a) => (
              <li key={a}>
                <Link
                  to={engagementPath(e)}
                  className="inline-block rounded-full border border-amber-400 bg-amber-50 px-3 py-1 text-sm font-semibold text-amber-950 no-underline hover:bg-amber-100"
                >
                  {awaitingLabel(a)}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-700">Next session</dt>
            <dd>{e.nextSessionAt ? formatDateTime(e.nextSessionAt, timeZone) : "None booked yet"}</dd>
          </div>
          <div>
            <dt className="sr-only">Sessions</dt>
            <dd>
              <BudgetMeter budget={e.budget} label="Sessions used of the budget" />
            </dd>
          </div>
        </dl>
        {e.viewer === "coachee" && e.status !== "cancelled" ? <Objectives engagementId={e.id} /> : null}
      </Card>
    </li>
  );
}

type ActionPage = { items: CoachingAction[]; nextCursor: string | null };
type EngagementPage = { items: EngagementListItem[]; nextCursor: string | null };

/** The person's open coaching actions due within the week (or overdue), each to mark done. */
function ActionsThisWeek({ list, today }: { list: ReturnType<typeof useActionsThisWeek>; today: string }) {
  const actions = list.items;
  const qc = useQueryClient();
  const toast = useToast();
  const done = useMutation({
    mutationFn: (a: CoachingAction) =>
      unwrap(
        api.PATCH("/api/coaching/engagements/{id}/actions/{actionId}", {
          params: { path: { id: a.engagementId, actionId: a.id } },
          body: { status: "done" },
        }),
      ),
    onSuccess: (_, a) => {
      qc.setQueryData<InfiniteData<ActionPage>>(pageKeys.actionsThisWeek, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== a.id) })),
            }
          : data,
      );
      void qc.invalidateQueries({ queryKey: pageKeys.actionsThisWeek });
      void qc.invalidateQueries({ queryKey: coachingKeys.engagement(a.engagementId) });
      toast(`Marked done: ${a.text}`);
    },
  });
  if (actions.length === 0) {
    return (
      <EmptyState title="Nothing due this week">
        <p>The actions you agree in your sessions appear here in the week they are due.</p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <FormAlert error={done.error} title="The action could not be marked done" />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
        {actions.map((a) => {
          const overdue = a.dueDate < today;
          const coach = a.coach;
          return (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <p className="font-medium text-slate-900">{a.text}</p>
                <p className="text-sm text-slate-700">
                  Due {formatDay(a.dueDate)}
                  {coach ? ` · agreed with ${coach.name}` : ""}{" "}
                  {overdue ? <Badge tone="red">Overdue</Badge> : null}
                </p>
              </div>
              <Button
                variant="secondary"
                className="px-3 py-1"
                disabled={done.isPending && done.variables?.id === a.id}
                onClick={() => done.mutate(a)}
                aria-label={`Mark done: ${a.text}`}
              >
                Mark done
              </Button>
            </li>
          );
        })}
      </ul>
      <LoadMore
        shown={actions.length}
        noun={actions.length === 1 ? "action" : "actions"}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </div>
  );
}

const useActionsThisWeek = () =>
  useCursorList({
    queryKey: pageKeys.actionsThisWeek,
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/actions", {
          params: { query: { due: "week", cursor, limit: LIST_PAGE_SIZE } },
        }),
      ) as Promise<ActionPage>,
  });

/** The person's engagements in one role, or those waiting on them for a next step. */
function useEngagements(filter: { as?: Role; awaitingMe?: "true" }) {
  return useCursorList({
    queryKey: pageKeys.mine(filter),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/engagements", {
          params: { query: { ...filter, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ) as Promise<EngagementPage>,
  });
}

const GROUPS: { viewer: Role; title: string }[] = [
  { viewer: "coachee", title: "As coachee" },
  { viewer: "coach", title: "As coach" },
  { viewer: "sponsor", title: "As sponsor" },
];

/** Coaching from the person's side: as coachee (objectives, actions, next session), as coach and as sponsor. */
export default function MyCoachingPage() {
  usePageTitle("My coaching");
  const { person } = useSession();
  const today = todayIn(person.timeZone);
  const waiting = useEngagements({ awaitingMe: "true" });
  const groups = {
    coachee: useEngagements({ as: "coachee" }),
    coach: useEngagements({ as: "coach" }),
    sponsor: useEngagements({ as: "sponsor" }),
  };
  const actions = useActionsThisWeek();
  const lists = [waiting, ...Object.values(groups)];
  const failed = lists.find((l) => l.isError);
  const none = Object.values(groups).every((g) => g.items.length === 0);
  const hasCoachee = groups.coachee.items.length > 0;

  return (
    <>
      <PageHeader
        title="My coaching"
        description="Your coaching engagements as coachee, coach and sponsor. What is said in a session stays between coach and coachee."
      />
      <CoachingNav />
      {lists.some((l) => l.isPending) ? (
        <Loading label="Loading your coaching…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void Promise.all(lists.map((l) => l.refetch()))} />
      ) : none ? (
        <EmptyState title="No coaching yet">
          <p>
            Coaching is assigned in a coaching program: enrol as a coachee in one of the{" "}
            <Link to="/programs?kind=coaching">open coaching programs</Link>, and your program manager or
            sponsor assigns you a coach. If colleagues asked you to rate their progress, see{" "}
            <Link to="/coaching/ratings">rating requests</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          {waiting.items.length ? (
            <section aria-labelledby="coaching-waiting" className="mb-8">
              <h2 id="coaching-waiting" className="mb-2 text-lg font-semibold">
                Waiting for you
              </h2>
              <ul className="space-y-2">
                {waiting.items.map((e) => (
                  <li
                    key={e.id}
                    className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950"
                  >
                    <Link to={engagementPath(e)} className="font-semibold text-amber-950">
                      {titleFor(e)}
                    </Link>
                    : {e.awaitingMe.map((a) => awaitingLabel(a).toLowerCase()).join(", ")}.
                  </li>
                ))}
              </ul>
              <LoadMore
                shown={waiting.items.length}
                noun={waiting.items.length === 1 ? "engagement" : "engagements"}
                hasMore={waiting.hasNextPage}
                loading={waiting.isFetchingNextPage}
                onLoad={() => void waiting.fetchNextPage()}
              />
            </section>
          ) : null}
          {hasCoachee || actions.items.length ? (
            <Section title="Your actions this week">
              {actions.isPending ? (
                <Loading label="Loading your actions…" />
              ) : actions.isError ? (
                <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
              ) : (
                <ActionsThisWeek list={actions} today={today} />
              )}
            </Section>
          ) : null}
          {GROUPS.map((g) => {
            const list = groups[g.viewer];
            if (list.items.length === 0) return null;
            return (
              <Section key={g.viewer} title={g.title}>
                <ul className="space-y-4">
                  {list.items.map((e) => (
                    <EngagementCard key={e.id} e={e} timeZone={person.timeZone} />
                  ))}
                </ul>
                <LoadMore
                  shown={list.items.length}
                  noun={list.items.length === 1 ? "engagement" : "engagements"}
                  hasMore={list.hasNextPage}
                  loading={list.isFetchingNextPage}
                  onLoad={() => void list.fetchNextPage()}
                />
              </Section>
            );
          })}
        </>
      )}
    </>
  );
}
