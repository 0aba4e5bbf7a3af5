import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { Badge, EmptyState, QueryList } from "../../components/Feedback.tsx";
import { TextAreaField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { RatingField } from "../../components/RatingField.tsx";
import { useToast } from "../../components/Toast.tsx";
import {
  ANONYMOUS_FROM,
  coachingKeys,
  LIST_PAGE_SIZE,
  PHASE_LABELS,
  type RatingRequest,
} from "../../lib/coaching.ts";
import { formatDate } from "../../lib/dates.ts";
import { useClientValidation } from "../../lib/forms.ts";
import { CoachingAlert, liveQuery } from "./engagement/shared.tsx";

const requestKey = (r: RatingRequest) => `${r.engagementId}-${r.phase}`;

/** The rating requests waiting for the person's answer, or those they answered. */
function useRequests(answered: "true" | "false") {
  return useCursorList({
    queryKey: [...coachingKeys.ratingRequests, answered],
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/rating-requests", {
          params: { query: { answered, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
}

/** Colleagues who asked for your ratings of their coaching objectives, and the form to give them. */
export default function RatingRequestsPage() {
  usePageTitle("Rating requests");
  const open = useRequests("false");
  const answered = useRequests("true");
  const pending = open.items;
  const done = answered.items;
  return (
    <>
      <PageHeader
        title="Rating requests"
        description="Colleagues in coaching asked how you see their progress on their objectives. It takes two minutes."
      />
      <QueryList
        query={{
          isPending: open.isPending || answered.isPending,
          isError: open.isError || answered.isError,
          error: open.error ?? answered.error,
          refetch: () => Promise.all([open.refetch(), answered.refetch()]),
        }}
        loadingLabel="Loading rating requests…"
        isEmpty={pending.length === 0 && done.length === 0}
        empty={
          <EmptyState title="No rating requests">
            <p>
              When a colleague in coaching asks for your view of their progress, the request appears here and
              you get an email. There is nothing for you to do now.
            </p>
          </EmptyState>
        }
      >
        <div className="space-y-8">
          <section aria-labelledby="to-rate">
            <h2 id="to-rate" className="mb-3 text-lg font-semibold">
              Waiting for your ratings
            </h2>
            {pending.length === 0 ? (
              <p className="text-sm text-slate-800">You have answered every request. Thank you.</p>
            ) : (
              <ul className="space-y-6">
                {pending.map((r) => (
                  <li key={requestKey(r)}>
                    <RatingRequestForm request={r} />
                  </li>
                ))}
              </ul>
            )}
            <LoadMore
              shown={pending.length}
              noun={pending.length === 1 ? "request" : "requests"}
              hasMore={open.hasNextPage}
              loading={open.isFetchingNextPage}
              onLoad={() => void open.fetchNextPage()}
            />
          </section>
          {done.length ? (
            <section aria-labelledby="rated">
              <h2 id="rated" className="mb-3 text-lg font-semibold">
                Answered
              </h2>
              <ul className="space-y-2">
                {done.map((r) => (
                  <DoneItem key={requestKey(r)} request={r} />
                ))}
              </ul>
              <LoadMore
                shown={done.length}
                noun={done.length === 1 ? "answered request" : "answered requests"}
                hasMore={answered.hasNextPage}
                loading={answered.isFetchingNextPage}
                onLoad={() => void answered.fetchNextPage()}
              />
            </section>
          ) : null}
        </div>
      </QueryList>
    </>
  );
}

function DoneItem({ request: r }: { request: RatingRequest }) {
  const { person } = useSession();
  return (
    <li className="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-white p-3 text-sm">
      <span className="font-semibold">{r.coachee.name}</span>
      <span className="text-slate-700">· {PHASE_LABELS[r.phase]}</span>
      <Badge tone="green">Answered {r.submittedAt ? formatDate(r.submittedAt, person.timeZone) : ""}</Badge>
      {r.anonymous ? <Badge tone="violet">Anonymous</Badge> : null}
    </li>
  );
}

function AnonymityNotice({ request: r }: { request: RatingRequest }) {
  return r.anonymous ? (
    <p className="rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
      <strong>Your answer is anonymous.</strong> {ANONYMOUS_FROM} or more colleagues were asked;{" "}
      {r.coachee.name} and their coach see only the average, and only once at least {ANONYMOUS_FROM} have
      answered.
    </p>
  ) : (
    <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <strong>Your answer is not anonymous.</strong> Fewer than {ANONYMOUS_FROM} colleagues were asked, so{" "}
      {r.coachee.name} and their coach can see that you answered, and your ratings may be traced back to you.
    </p>
  );
}

function RatingRequestForm({ request: r }: { request: RatingRequest }) {
  const toast = useToast();
  const qc = useQueryClient();
  const { person } = useSession();
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comment, setComment] = useState("");
  const submitRatings = useMutation({
    mutationFn: (body: { ratings: { objectiveId: string; rating: number }[]; comment?: string }) =>
      unwrap(
        api.PUT("/api/coaching/engagements/{id}/assessments/{phase}/stakeholder", {
          params: { path: { id: r.engagementId, phase: r.phase } },
          body,
        }),
      ),
    onSuccess: () => {
      qc.setQueryData<InfiniteData<{ items: RatingRequest[]; nextCursor: string | null }>>(
        [...coachingKeys.ratingRequests, "false"],
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              items: p.items.filter((x) => requestKey(x) !== requestKey(r)),
            })),
          },
      );
      void qc.invalidateQueries({ queryKey: coachingKeys.ratingRequests });
      toast(`Thank you. Your ratings for ${r.coachee.name} are sent.`);
    },
  });
  const { shownError, validate } = useClientValidation(submitRatings.error);
  const fields = fieldErrorsOf(shownError);
  const headingId = `request-${requestKey(r)}`;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    for (const o of r.objectives)
      if (ratings[o.id] === undefined) errors[`rating-${o.id}`] = `Rate “${o.title}”.`;
    if (!validate(errors)) return;
    submitRatings.mutate({
      ratings: r.objectives.map((o) => ({ objectiveId: o.id, rating: ratings[o.id] ?? 0 })),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  return (
    <Card>
      <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby={headingId}>
        <div>
          <h3 id={headingId} className="text-base font-semibold">
            Rate {r.coachee.name}: {PHASE_LABELS[r.phase].toLowerCase()}
          </h3>
          <p className="text-sm text-slate-700">Asked {formatDate(r.invitedAt, person.timeZone)}</p>
        </div>
        <AnonymityNotice request={r} />
        <CoachingAlert error={shownError} title="Your ratings could not be sent" />
        {r.objectives.map((o) => (
          <RatingField
            key={o.id}
            label={o.title}
            min={1}
            max={10}
            required
            hint={`How do you see ${r.coachee.name} on this today? 1 = far from it, 10 = fully there. Measured as: ${o.metricName}.`}
            value={ratings[o.id] ?? null}
            onChange={(v) => setRatings((x) => ({ ...x, [o.id]: v }))}
            error={fields[`rating-${o.id}`]}
          />
        ))}
        <TextAreaField
          label="Comment (optional)"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(ev) => setComment(ev.target.value)}
        />
        <SubmitButton pending={submitRatings.isPending} pendingLabel="Sending…">
          Send my ratings
        </SubmitButton>
      </form>
    </Card>
  );
}
