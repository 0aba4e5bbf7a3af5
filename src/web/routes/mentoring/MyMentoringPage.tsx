import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import {
  formatDay,
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

/** Things waiting for the person: requests to answer and introductions to accept. */
function Waiting() {
  const { person } = useSession();
  const requests = useQuery({
    queryKey: mentoringKeys.requests,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/requests")),
  });
  const introductions = useQuery({
    queryKey: mentoringKeys.introductions,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/introductions")),
  });
  const toAnswer = requests.data?.received.filter((r) => r.status === "open").length ?? 0;
  const intros =
    introductions.data?.items.filter((i) => i.contact.id === person.id && i.status === "pending").length ?? 0;
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
          {intros === 1 ? "An introduction is" : `${intros} introductions are`} waiting for your answer.{" "}
          <Link to="/mentoring/introductions" className="font-semibold text-amber-950">
            See {intros === 1 ? "the introduction" : "the introductions"}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

export default function MyMentoringPage() {
  usePageTitle("My mentoring");
  const relationships = useQuery({
    queryKey: mentoringKeys.relationships,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/relationships")),
  });
  const items = relationships.data?.items ?? [];
  const open = items.filter((r) => r.status === "proposed" || r.status === "active");
  const closed = items.filter((r) => r.status === "completed" || r.status === "ended_early");
  return (
    <>
      <PageHeader
        title="My mentoring"
        description="Your mentoring relationships, as mentor and as mentee. What you write in them stays between the two of you."
      />
      <MentoringNav />
      <Waiting />
      {relationships.isPending ? (
        <Loading label="Loading your relationships…" />
      ) : relationships.isError ? (
        <ErrorState error={relationships.error} onRetry={() => void relationships.refetch()} />
      ) : items.length === 0 ? (
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
            {open.length ? (
              <ul className="space-y-3">
                {open.map((r) => (
                  <RelationshipCard key={r.id} r={r} />
                ))}
              </ul>
            ) : (
              <EmptyState title="No current relationships">
                <p>Your past relationships are listed below.</p>
              </EmptyState>
            )}
          </Section>
          {closed.length ? (
            <Section title="Past">
              <ul className="space-y-3">
                {closed.map((r) => (
                  <RelationshipCard key={r.id} r={r} />
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
