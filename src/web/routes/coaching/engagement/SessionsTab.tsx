import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { AddToCalendarLink } from "../../../components/AddToCalendar.tsx";
import { SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  ATTENDANCE,
  type CoachingSession,
  coachingKeys,
  GROW_FIELDS,
  GROW_LABELS,
  LIST_PAGE_SIZE,
  OUTCOME_LABELS,
  OUTCOME_TONES,
  VISIBILITY_LABELS,
} from "../../../lib/coaching.ts";
import { formatDateTime, fromLocalInput, zoneLabel } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { formatDay } from "../../../lib/mentoring.ts";
import { RecordSessionForm } from "./RecordSessionForm.tsx";
import { CoachingAlert, liveQuery, type TabProps, useRefreshEngagement } from "./shared.tsx";

/** The session log for the coach and the coachee; the coach schedules sessions and records their outcome. */
export function SessionsTab({ engagement: e, timeZone }: TabProps) {
  const sessions = useCursorList({
    queryKey: coachingKeys.part(e.id, "sessions"),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/engagements/{id}/sessions", {
          params: { path: { id: e.id }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  const items = sessions.items;
  const isCoach = e.viewer === "coach";
  const next = e.nextSession;
  return (
    <div className="space-y-8">
      <p className="rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
        Session notes are for the coach and the coachee only. The sponsor sees attendance and the coach's
        one-sentence summaries, never what was said.
        {isCoach ? " Notes you mark “Private to the coach” are for you alone." : ""}
      </p>
      {isCoach ? (
        <div className="grid items-start gap-6 xl:grid-cols-3">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Schedule a session</h2>
            {e.status === "active" ? (
              <ScheduleForm
                engagementId={e.id}
                timeZone={timeZone}
                startDate={e.startDate}
                endDate={e.endDate}
                remaining={e.budget.remaining}
              />
            ) : e.status === "setup" ? (
              <p className="text-sm text-slate-800">
                Sessions start once the coachee, the coach and the sponsor have all agreed the objectives (see
                Setup).
              </p>
            ) : (
              <p className="text-sm text-slate-800">This engagement is closed; no more sessions.</p>
            )}
          </Card>
          {e.status === "active" && next ? (
            <Card className="xl:col-span-2">
              <h2 className="mb-1 text-lg font-semibold">Record the next session</h2>
              <p className="mb-3 text-sm text-slate-800">
                {formatDateTime(next.scheduledAt, timeZone)} · {next.durationMinutes} min. Sessions are
                recorded in order.
              </p>
              <RecordSessionForm key={next.id} engagement={e} session={next} timeZone={timeZone} />
            </Card>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="session-log">
        <h2 id="session-log" className="mb-3 text-lg font-semibold">
          Session log
        </h2>
        <QueryList
          query={sessions}
          loadingLabel="Loading sessions…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No sessions yet">
              <p>
                {e.status === "setup"
                  ? "Sessions start once the objectives are agreed by all three."
                  : isCoach
                    ? "Schedule the first session above. After it, record what you worked on with the GROW model."
                    : `${e.coach?.name ?? "Your coach"} schedules the sessions. They will appear here, with what you agreed to do next.`}
              </p>
            </EmptyState>
          }
        >
          <ol className="space-y-4">
            {items.map((s) => (
              <SessionItem key={s.id} session={s} timeZone={timeZone} isCoach={isCoach} />
            ))}
          </ol>
          <LoadMore
            shown={items.length}
            noun={items.length === 1 ? "session" : "sessions"}
            hasMore={sessions.hasNextPage}
            loading={sessions.isFetchingNextPage}
            onLoad={() => void sessions.fetchNextPage()}
          />
        </QueryList>
      </section>
    </div>
  );
}

function ScheduleForm({
  engagementId,
  timeZone,
  startDate,
  endDate,
  remaining,
}: {
  engagementId: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  remaining: number;
}) {
  const toast = useToast();
  const refresh = useRefreshEngagement(engagementId);
  const [at, setAt] = useState("");
  const [duration, setDuration] = useState("60");
  const schedule = useMutation({
    mutationFn: (body: { scheduledAt: string; durationMinutes: number }) =>
      unwrap(
        api.POST("/api/coaching/engagements/{id}/sessions", { params: { path: { id: engagementId } }, body }),
      ),
    onSuccess: () => {
      refresh();
      setAt("");
      toast("Session scheduled. The coachee is told by email.");
    },
  });
  const { shownError, validate } = useClientValidation(schedule.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    const iso = fromLocalInput(at, timeZone);
    if (!iso) errors.scheduledAt = "Pick the day and time of the session.";
    else if (iso.slice(0, 10) < startDate || iso.slice(0, 10) > endDate)
      errors.scheduledAt = `Pick a day between ${formatDay(startDate)} and ${formatDay(endDate)}.`;
    const minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 15 || minutes > 240)
      errors.durationMinutes = "Enter the length in minutes, from 15 to 240.";
    if (!validate(errors) || !iso) return;
    schedule.mutate({ scheduledAt: iso, durationMinutes: minutes });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Schedule a session">
      <CoachingAlert error={shownError} title="The session could not be scheduled" />
      <p className="text-sm text-slate-800">
        {remaining} {remaining === 1 ? "session remains" : "sessions remain"} in the budget. Sessions fall
        between {formatDay(startDate)} and {formatDay(endDate)}.
      </p>
      <TextField
        label="Date and time"
        type="datetime-local"
        required
        value={at}
        onChange={(ev) => setAt(ev.target.value)}
        hint={`In your time zone, ${zoneLabel(timeZone)}.`}
        error={fields.scheduledAt}
      />
      <TextField
        label="Duration (minutes)"
        type="number"
        inputMode="numeric"
        required
        min={15}
        max={240}
        step={15}
        value={duration}
        onChange={(ev) => setDuration(ev.target.value)}
        error={fields.durationMinutes}
        className="max-w-xs space-y-1"
      />
      <SubmitButton pending={schedule.isPending} pendingLabel="Scheduling…">
        Schedule the session
      </SubmitButton>
    </form>
  );
}

function SessionItem({
  session: s,
  timeZone,
  isCoach,
}: {
  session: CoachingSession;
  timeZone: string;
  isCoach: boolean;
}) {
  const attendance = ATTENDANCE[s.attendance];
  const notes = GROW_FIELDS.flatMap((f) => {
    const note = s[f];
    return note ? [{ field: f, note }] : [];
  });
  const hiddenFromMe = s.attendance === "held" && !isCoach && notes.length < GROW_FIELDS.length;
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <h3 className="flex flex-wrap items-center gap-2 font-semibold">
        {s.number ? `Session ${s.number}` : "Session"} · {formatDateTime(s.scheduledAt, timeZone)}
        <Badge tone={attendance.tone}>{attendance.label}</Badge>
      </h3>
      <p className="text-sm text-slate-700">
        {s.durationMinutes} min
        {s.rescheduledTo ? ` · moved to ${formatDateTime(s.rescheduledTo, timeZone)}` : ""}
      </p>
      {s.attendance === "scheduled" || s.attendance === "rescheduled" ? (
        <p className="mt-1">
          <AddToCalendarLink
            href={`/api/coaching/sessions/${s.id}/calendar.ics`}
            what={`session of ${formatDateTime(s.scheduledAt, timeZone)}`}
            cancelled={s.attendance === "rescheduled"}
          />
        </p>
      ) : null}
      {s.reviews.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-semibold">Review of earlier actions</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {s.reviews.map((r) => (
              <li key={r.actionId} className="flex flex-wrap items-center gap-2">
                <Badge tone={OUTCOME_TONES[r.outcome]}>{OUTCOME_LABELS[r.outcome]}</Badge>
                <span>{r.text}</span>
                {r.comment ? <span className="text-slate-700">— {r.comment}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {notes.length ? (
        <dl className="mt-3 space-y-2 text-sm">
          {notes.map(({ field, note }) => (
            <div key={field}>
              <dt className="flex flex-wrap items-center gap-2 font-semibold text-slate-800">
                {GROW_LABELS[field].label}
                {isCoach && note.visibility === "coach_private" ? (
                  <Badge tone="violet">{VISIBILITY_LABELS.coach_private}</Badge>
                ) : null}
              </dt>
              <dd className="whitespace-pre-line text-slate-900">{note.text || "—"}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {hiddenFromMe ? (
        <p className="mt-2 text-xs text-slate-700">
          Parts of this record are private to the coach, or were left empty.
        </p>
      ) : null}
      {isCoach && s.privateNotes ? (
        <div className="mt-3 rounded-md bg-violet-50 p-2 text-sm">
          <p className="flex items-center gap-2 font-semibold">
            Private notes <Badge tone="violet">{VISIBILITY_LABELS.coach_private}</Badge>
          </p>
          <p className="whitespace-pre-line">{s.privateNotes}</p>
        </div>
      ) : null}
      {s.actions.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-semibold">Actions agreed</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {s.actions.map((a) => (
              <li key={a.id}>
                {a.text}{" "}
                <span className="text-slate-700">
                  · {a.owner.name} · due {formatDay(a.dueDate)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.sponsorSummary ? (
        <p className="mt-3 text-sm">
          <span className="font-semibold">Summary for the sponsor:</span> {s.sponsorSummary}
        </p>
      ) : null}
    </li>
  );
}
