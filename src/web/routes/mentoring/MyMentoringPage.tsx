import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import {
  formatDay,
  LIST_PAGE_SIZE,
  liveQuery,
  mentoringKeys,
  type RelationshipSummary,
  STATUS_LABELS,
  STATUS_TONES,
} from "../../lib/mentoring.ts";
import { MentoringNav } from "./parts.tsx";

function RelationshipCard({ r }: { r: RelationshipSummary }) {
  const other = r.mySide === "mentor" ? r.mentee : r.mentor;
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="text-base font-semibold">
            <Link to={`/mentoring/relationships/${r.id}`}>
              {r.mySide === "mentor" ? `Mentoring ${other.name}` : `Mentored by ${other.name}`}
            </Link>
          </h3>
          <p className="text-sm text-slate-700">
            {r.program.name} · you are the {r.mySide}
          </p>
        </div>
        <Badge tone={STATUS_TONES[r.status]}>{STATUS_LABELS[r.status]}</Badge>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="inline font-medium text-slate-700">Started: </dt>
          <dd className="inline">{r.startDate ? formatDay(r.startDate) : "Not yet"}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-700">Planned end: </dt>
          <dd className="inline">{formatDay(r.plannedEndDate)}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-700">Last meeting: </dt>
          <dd className="inline">{r.lastMeetingAt ? formatDay(r.lastMeetingAt) : "None logged"}</dd>
        </div>
      </dl>
      {r.status === "proposed" ? (
        <p className="mt-2 text-sm text-amber-900">
          Next step: agree on how you will work together and both sign the agreement.
        </p>
      ) : null}
    </li>
  );
}

/** How many waiting introductions are counted one by one before "or more". */
const INTRODUCTIONS_COUNTED = 20;

/** Things waiting for the person: requests to answer and introductions to accept. */
function Waiting() {
  const requests = useQuery({
    queryKey: mentoringKeys.requestBox("received", 1),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/mentoring/requests", { params: { query: { box: "received", limit: 1 } } })),
  });
  const filter = { role: "contact", status: "pending", limit: INTRODUCTIONS_COUNTED } as const;
  const introductions = useQuery({
    queryKey: mentoringKeys.introductionList(filter),
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/introductions", { params: { query: filter } })),
  });
  const toAnswer = requests.data?.open ?? 0;
  const intros = introductions.data?.items.length ?? 0;
  const moreIntros = Boolean(introductions.data?.nextCursor);
  if (toAnswer === 0 && intros === 0) return null;
  return (
    <ul className="mb-6 space-y-2">
      {toAnswer > 0 ? (
        <li className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {toAnswer === 1 ? "A mentee is" : `${toAnswer} mentees are`} waiting for your answer.{" "}
          <Link to="/mentoring/requests" className="font-semibold text-amber-950">
            Answer {toAnswer === 1 ? "the request" : "the requests"}
          </Link>
        </li>
      ) : null}
      {intros > 0 ? (
        <li className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {moreIntros
            ? `${intros} or more introductions are`
            : intros === 1
              ? "An introduction is"
              : `${intros} introductions are`}{" "}
          waiting for your answer.{" "}
          <Link to="/mentoring/introductions" className="font-semibold text-amber-950">
            See {intros === 1 ? "the introduction" : "the introductions"}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

function useRelationships(state: "open" | "closed") {
  return useCursorList({
    queryKey: mentoringKeys.relationshipList({ state }),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/relationships", {
          params: { query: { state, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
}

function RelationshipList({ list, noun }: { list: ReturnType<typeof useRelationships>; noun: string }) {
  return (
    <>
      <ul className="space-y-3">
        {list.items.map((r) => (
          <RelationshipCard key={r.id} r={r} />
        ))}
      </ul>
      <LoadMore
        shown={list.items.length}
        noun={noun}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}

export default function MyMentoringPage() {
  usePageTitle("My mentoring");
  const open = useRelationships("open");
  const closed = useRelationships("closed");
  const failed = open.isError ? open : closed.isError ? closed : null;
  return (
    <>
      <PageHeader
        title="My mentoring"
        description="Your mentoring relationships, as mentor and as mentee. What you write in them stays between the two of you."
      />
      <MentoringNav />
      <Waiting />
      {open.isPending || closed.isPending ? (
        <Loading label="Loading your relationships…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : open.items.length === 0 && closed.items.length === 0 ? (
        <EmptyState title="No mentoring relationships yet">
          <p>
            To find a mentor, enrol as a mentee in a mentoring program and use “Find a mentor” on its page. To
            mentor someone, enrol as a mentor and answer the <Link to="/mentoring/requests">requests</Link>{" "}
            you receive. <Link to="/programs">Browse programs</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <Section title="Current">
            {open.items.length ? (
              <RelationshipList list={open} noun="current relationships" />
            ) : (
              <EmptyState title="No current relationships">
                <p>Your past relationships are listed below.</p>
              </EmptyState>
            )}
          </Section>
          {closed.items.length ? (
            <Section title="Past">
              <RelationshipList list={closed} noun="past relationships" />
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
