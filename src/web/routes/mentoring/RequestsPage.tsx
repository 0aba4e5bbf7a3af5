import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { api, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink, SubmitButton } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { describedBy, FieldError, fieldIds, TextAreaField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useClientValidation } from "../../lib/forms.ts";
import {
  DECLINE_REASONS,
  type DeclineReason,
  LIST_PAGE_SIZE,
  liveQuery,
  type MentoringRequest,
  mentoringKeys,
  REQUEST_STATUS,
} from "../../lib/mentoring.ts";
import { MentoringNav } from "./parts.tsx";

const REASONS = Object.keys(DECLINE_REASONS) as DeclineReason[];

function useInvalidateRequests() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: mentoringKeys.requests });
    void qc.invalidateQueries({ queryKey: mentoringKeys.relationships });
    void qc.invalidateQueries({ queryKey: ["mentoring", "recommendations"] });
  };
}

function DeclineForm({ request, onCancel }: { request: MentoringRequest; onCancel: () => void }) {
  const id = useId();
  const toast = useToast();
  const invalidate = useInvalidateRequests();
  const [reason, setReason] = useState<DeclineReason | "">("");
  const [comment, setComment] = useState("");
  const decline = useMutation({
    mutationFn: (body: { reason: DeclineReason; comment?: string }) =>
      unwrap(
        api.POST("/api/mentoring/requests/{id}/decline", { params: { path: { id: request.id } }, body }),
      ),
    onSuccess: (r) => {
      invalidate();
      toast(`You declined ${r.mentee.name}'s request.`);
    },
  });
  const { shownError, validate } = useClientValidation(decline.error);
  const fields = fieldErrorsOf(shownError);
  const { errorId } = fieldIds(id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate(reason ? {} : { reason: "Choose a reason; it helps the mentee understand." })) return;
    if (!reason) return;
    decline.mutate({ reason, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-3 space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4"
      aria-label={`Decline ${request.mentee.name}'s request`}
    >
      <FormAlert error={shownError} title="The request could not be declined" />
      <fieldset aria-describedby={describedBy(id, null, fields.reason)}>
        <legend className="text-sm font-medium text-slate-800">
          Why are you declining?{" "}
          <span className="font-normal text-slate-700">(required, shared with the mentee)</span>
        </legend>
        <div className="mt-2 space-y-1">
          {REASONS.map((r) => (
            <div key={r} className="flex items-center gap-2">
              <input
                id={`${id}-${r}`}
                type="radio"
                name={`${id}-reason`}
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
                className="h-4 w-4"
              />
              <label htmlFor={`${id}-${r}`} className="text-sm">
                {DECLINE_REASONS[r]}
              </label>
            </div>
          ))}
        </div>
        <FieldError id={errorId} error={fields.reason} />
      </fieldset>
      <TextAreaField
        label="A word for the mentee (optional)"
        rows={3}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        hint="For example, someone else who could help. Up to 1000 characters."
        error={fields.comment}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={decline.isPending} pendingLabel="Declining…" variant="danger">
          Decline request
        </SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Who a request is from or to, its program, when it was sent and expires, and its status. */
function RequestHeader({
  request,
  timeZone,
  direction,
  person,
}: {
  request: MentoringRequest;
  timeZone: string;
  direction: "From" | "To";
  person: MentoringRequest["mentee"];
}) {
  const status = REQUEST_STATUS[request.status];
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <div>
        <h3 className="text-base font-semibold">
          {direction} <Link to={`/people/${person.id}`}>{person.name}</Link>
        </h3>
        <p className="text-sm text-slate-700">
          <Link to={`/programs/${request.program.id}`}>{request.program.name}</Link> · sent{" "}
          {formatDate(request.createdAt, timeZone)}
          {request.status === "open" ? ` · expires ${formatDate(request.expiresAt, timeZone)}` : null}
        </p>
      </div>
      <Badge tone={status.tone}>{status.label}</Badge>
    </div>
  );
}

function ReceivedRequest({ request, timeZone }: { request: MentoringRequest; timeZone: string }) {
  const toast = useToast();
  const invalidate = useInvalidateRequests();
  const [declining, setDeclining] = useState(false);
  const accept = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/mentoring/requests/{id}/accept", { params: { path: { id: request.id } } })),
    onSuccess: (r) => {
      invalidate();
      toast(`You are now ${r.mentee.name}'s mentor. Agree together on how you will work.`);
    },
  });
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      <RequestHeader request={request} timeZone={timeZone} direction="From" person={request.mentee} />
      <blockquote className="mt-3 border-l-4 border-slate-300 pl-3 whitespace-pre-line text-slate-900">
        {request.message}
      </blockquote>
      {request.status === "declined" ? (
        <p className="mt-3 text-sm text-slate-800">
          You declined: {request.reasonLabel}
          {request.comment ? ` — “${request.comment}”` : null}
        </p>
      ) : request.status !== "open" && request.reasonLabel ? (
        <p className="mt-3 text-sm text-slate-800">{request.reasonLabel}</p>
      ) : null}
      {request.status === "accepted" && request.relationshipId ? (
        <p className="mt-3">
          <ButtonLink to={`/mentoring/relationships/${request.relationshipId}`}>
            Go to your relationship with {request.mentee.name}
          </ButtonLink>
        </p>
      ) : null}
      {request.status === "open" ? (
        <div className="mt-4">
          <FormAlert error={accept.error} title="The request could not be accepted" />
          {declining ? (
            <DeclineForm request={request} onCancel={() => setDeclining(false)} />
          ) : (
            <div className="mt-2 flex flex-wrap gap-2">
              <Button onClick={() => accept.mutate()} disabled={accept.isPending}>
                {accept.isPending ? "Accepting…" : "Accept"}
                <span className="sr-only"> {request.mentee.name}'s request</span>
              </Button>
              <Button variant="secondary" onClick={() => setDeclining(true)}>
                Decline…<span className="sr-only"> {request.mentee.name}'s request</span>
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </li>
  );
}

function SentRequest({ request, timeZone }: { request: MentoringRequest; timeZone: string }) {
  const toast = useToast();
  const invalidate = useInvalidateRequests();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/mentoring/requests/{id}/withdraw", { params: { path: { id: request.id } } })),
    onSuccess: (r) => {
      invalidate();
      toast(`You withdrew your request to ${r.mentor.name}.`);
    },
  });
  const closedReason =
    request.status === "expired"
      ? (request.reasonLabel ?? `${request.mentor.name} did not answer before it expired.`)
      : request.status === "declined" || request.status === "withdrawn"
        ? request.reasonLabel
        : null;
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      <RequestHeader request={request} timeZone={timeZone} direction="To" person={request.mentor} />
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-800">Your message</summary>
        <p className="mt-1 whitespace-pre-line text-slate-900">{request.message}</p>
      </details>
      {closedReason ? (
        <p className="mt-3 text-sm text-slate-800">
          <span className="font-medium">Reason: </span>
          {closedReason}
        </p>
      ) : null}
      {request.status === "declined" && request.comment ? (
        <p className="mt-1 text-sm text-slate-800">
          <span className="font-medium">{request.mentor.name} wrote: </span>“{request.comment}”
        </p>
      ) : null}
      {request.status === "declined" || request.status === "expired" ? (
        <p className="mt-2 text-sm">
          <Link to={`/programs/${request.program.id}/mentors`}>Find another mentor</Link>
        </p>
      ) : null}
      {request.status === "accepted" && request.relationshipId ? (
        <p className="mt-3">
          <ButtonLink to={`/mentoring/relationships/${request.relationshipId}`}>
            Go to your relationship with {request.mentor.name}
          </ButtonLink>
        </p>
      ) : null}
      {request.status === "open" ? (
        <div className="mt-3 space-y-2">
          <FormAlert error={withdraw.error} title="The request could not be withdrawn" />
          {confirming ? (
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="float-left mr-2 text-sm">
                Withdraw your request to {request.mentor.name}?
              </legend>
              <Button variant="danger" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
                {withdraw.isPending ? "Withdrawing…" : "Yes, withdraw"}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </fieldset>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Withdraw<span className="sr-only"> your request to {request.mentor.name}</span>
            </Button>
          )}
        </div>
      ) : null}
    </li>
  );
}

/** One box of requests, open ones first, then the newest. */
function useRequests(box: "sent" | "received") {
  return useCursorList({
    queryKey: mentoringKeys.requestBox(box),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/requests", { params: { query: { box, cursor, limit: LIST_PAGE_SIZE } } }),
      ),
  });
}

function More({ list }: { list: ReturnType<typeof useRequests> }) {
  return (
    <LoadMore
      shown={list.items.length}
      noun={list.items.length === 1 ? "request" : "requests"}
      hasMore={list.hasNextPage}
      loading={list.isFetchingNextPage}
      onLoad={() => void list.fetchNextPage()}
    />
  );
}

export default function RequestsPage() {
  usePageTitle("Mentoring requests");
  const { person } = useSession();
  const receivedList = useRequests("received");
  const sentList = useRequests("sent");
  const received = receivedList.items;
  const sent = sentList.items;
  const waiting = receivedList.first?.open ?? 0;
  const failed = receivedList.isError ? receivedList : sentList.isError ? sentList : null;
  return (
    <>
      <PageHeader
        title="Mentoring requests"
        description="Requests mentees sent you, and the ones you sent to mentors."
      />
      <MentoringNav />
      {receivedList.isPending || sentList.isPending ? (
        <Loading label="Loading requests…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <>
          <Section
            title="Received"
            actions={
              received.length ? (
                <p className="text-sm text-slate-700">{waiting} waiting for your answer</p>
              ) : null
            }
          >
            {received.length === 0 ? (
              <EmptyState title="No requests received">
                <p>
                  When you enrol as a mentor in a mentoring program, mentees who think you are a good fit can
                  ask you here. <Link to="/programs">Browse programs</Link>.
                </p>
              </EmptyState>
            ) : (
              <>
                <ul className="space-y-4">
                  {received.map((r) => (
                    <ReceivedRequest key={r.id} request={r} timeZone={person.timeZone} />
                  ))}
                </ul>
                <More list={receivedList} />
              </>
            )}
          </Section>
          <Section title="Sent">
            {sent.length === 0 ? (
              <EmptyState title="You have not asked a mentor yet">
                <p>
                  Enrol as a mentee in a mentoring program, then use “Find a mentor” on its page to compare
                  mentors and ask the one you choose. <Link to="/programs">Browse programs</Link>.
                </p>
              </EmptyState>
            ) : (
              <>
                <ul className="space-y-4">
                  {sent.map((r) => (
                    <SentRequest key={r.id} request={r} timeZone={person.timeZone} />
                  ))}
                </ul>
                <More list={sentList} />
              </>
            )}
          </Section>
        </>
      )}
    </>
  );
}
