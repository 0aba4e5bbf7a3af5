import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { EmptyState } from "../../../components/Feedback.tsx";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { fromLocalInput, zoneLabel } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  SESSION_KIND_OPTIONS,
  type SessionKind,
  sessionRange,
  type TrainingSession,
} from "../../../lib/training.ts";
import { SessionSummary, TrainingAlert } from "./parts.tsx";
import { type CohortTabProps, useRefreshTraining } from "./shared.ts";

/** The schedule for staff: schedule a session in the cohort's time zone, cancel one or bring it back. */
export function SessionsTab({ cohort: c, timeZone }: CohortTabProps) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const [cancelling, setCancelling] = useState<TrainingSession | null>(null);
  const update = useMutation({
    mutationFn: ({ session, cancelled }: { session: TrainingSession; cancelled: boolean }) =>
      unwrap(
        api.PATCH("/api/training/sessions/{id}", {
          params: { path: { id: session.id } },
          body: { cancelled },
        }),
      ),
    onSuccess: (_s, { session, cancelled }) => {
      setCancelling(null);
      void refresh();
      toast(cancelled ? `Cancelled: ${session.title}.` : `Back on the schedule: ${session.title}.`);
    },
  });
  const sessions = [...c.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div className="grid items-start gap-6 xl:grid-cols-5">
      <Card className="xl:col-span-2">
        <h2 className="mb-3 text-lg font-semibold">Schedule a session</h2>
        <ScheduleForm cohortId={c.id} cohortZone={c.timeZone} />
      </Card>
      <div className="xl:col-span-3">
        <Section title={`Schedule (${sessions.length})`} id="sessions-schedule">
          <TrainingAlert error={update.error} title="The session could not be changed" />
          {sessions.length === 0 ? (
            <EmptyState title="No sessions yet">
              <p>
                Schedule the cohort's lectures, workshops, role-plays and hands-on sessions. Attendance over
                all scheduled sessions counts toward completion.
              </p>
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
              {sessions.map((s) => (
                <li key={s.id} className="px-4 py-3">
                  <SessionSummary
                    session={s}
                    viewerZone={timeZone}
                    calendar
                    actions={
                      s.cancelledAt ? (
                        <Button
                          variant="secondary"
                          className="px-3 py-1"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ session: s, cancelled: false })}
                        >
                          Restore<span className="sr-only"> {s.title}</span>
                        </Button>
                      ) : (
                        <Button
                          variant="secondary"
                          className="px-3 py-1"
                          disabled={s.attendanceTaken}
                          title={
                            s.attendanceTaken ? "Attendance was taken; the session happened." : undefined
                          }
                          onClick={() => setCancelling(s)}
                        >
                          Cancel<span className="sr-only"> {s.title}</span>
                        </Button>
                      )
                    }
                  />
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Dialog
        open={cancelling !== null}
        onClose={() => setCancelling(null)}
        title={cancelling ? `Cancel ${cancelling.title}?` : "Cancel the session?"}
        description={
          cancelling
            ? `${sessionRange(cancelling.startsAt, cancelling.endsAt, cancelling.timeZone)}. A cancelled session no longer counts toward attendance. You can restore it later.`
            : undefined
        }
      >
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setCancelling(null)}>
            Keep it
          </Button>
          <Button
            variant="danger"
            disabled={update.isPending}
            onClick={() => cancelling && update.mutate({ session: cancelling, cancelled: true })}
          >
            {update.isPending ? "Cancelling…" : "Cancel the session"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

interface Draft {
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  link: string;
}

const EMPTY: Draft = { kind: "lecture", title: "", startsAt: "", endsAt: "", location: "", link: "" };

function ScheduleForm({ cohortId, cohortZone }: { cohortId: string; cohortZone: string }) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const schedule = useMutation({
    mutationFn: (body: {
      kind: SessionKind;
      title: string;
      startsAt: string;
      endsAt: string;
      location: string | null;
      link: string | null;
    }) =>
      unwrap(api.POST("/api/training/cohorts/{id}/sessions", { params: { path: { id: cohortId } }, body })),
    onSuccess: (s) => {
      setDraft((d) => ({ ...EMPTY, kind: d.kind, location: d.location }));
      void refresh();
      toast(`Scheduled: ${s?.title ?? "the session"}.`);
    },
  });
  const { shownError, validate } = useClientValidation(schedule.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    if (!draft.title.trim()) errors.title = "Give the session a title.";
    const startsAt = fromLocalInput(draft.startsAt, cohortZone);
    const endsAt = fromLocalInput(draft.endsAt, cohortZone);
    if (!startsAt) errors.startsAt = "Pick the day and time the session starts.";
    if (!endsAt) errors.endsAt = "Pick the day and time the session ends.";
    else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      errors.endsAt = "The session must end after it starts.";
    else if (startsAt && Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3_600_000)
      errors.endsAt = "A session lasts at most 24 hours; schedule several.";
    const link = draft.link.trim();
    if (link && !/^https?:\/\/\S+$/i.test(link)) errors.link = "A link starts with http:// or https://.";
    if (!validate(errors) || !startsAt || !endsAt) return;
    schedule.mutate({
      kind: draft.kind,
      title: draft.title.trim(),
      startsAt,
      endsAt,
      location: draft.location.trim() || null,
      link: link || null,
    });
  };
  const zoneHint = `In the cohort's time zone, ${zoneLabel(cohortZone)}.`;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Schedule a session">
      <TrainingAlert error={shownError} title="The session could not be scheduled" />
      <SelectField
        label="Kind"
        required
        options={SESSION_KIND_OPTIONS}
        value={draft.kind}
        onChange={(ev) => set({ kind: ev.target.value as SessionKind })}
      />
      <TextField
        label="Title"
        required
        maxLength={160}
        value={draft.title}
        onChange={(ev) => set({ title: ev.target.value })}
        error={fields.title}
      />
      <TextField
        label="Starts"
        type="datetime-local"
        required
        value={draft.startsAt}
        onChange={(ev) => set({ startsAt: ev.target.value })}
        hint={zoneHint}
        error={fields.startsAt}
      />
      <TextField
        label="Ends"
        type="datetime-local"
        required
        value={draft.endsAt}
        onChange={(ev) => set({ endsAt: ev.target.value })}
        hint={zoneHint}
        error={fields.endsAt}
      />
      <TextField
        label="Location"
        maxLength={200}
        value={draft.location}
        onChange={(ev) => set({ location: ev.target.value })}
        hint="A room or an address; leave empty for online only."
        error={fields.location}
      />
      <TextField
        label="Video link"
        type="url"
        inputMode="url"
        maxLength={500}
        value={draft.link}
        onChange={(ev) => set({ link: ev.target.value })}
        hint="Starting with https://; leave empty for in person only."
        error={fields.link}
      />
      <SubmitButton pending={schedule.isPending} pendingLabel="Scheduling…">
        Schedule the session
      </SubmitButton>
    </form>
  );
}
