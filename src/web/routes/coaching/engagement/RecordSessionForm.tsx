import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { FieldError, SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  type ActionOutcome,
  type CoachingAction,
  coachingKeys,
  type Engagement,
  GROW_FIELDS,
  GROW_LABELS,
  type GrowField,
  type NoteVisibility,
  num,
  OUTCOME_LABELS,
  OUTCOMES,
  type SessionRecord,
  SPONSOR_SUMMARY_MAX,
  VISIBILITY_LABELS,
} from "../../../lib/coaching.ts";
import { fromLocalInput, zoneLabel } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { formatDay } from "../../../lib/mentoring.ts";
import { CoachingAlert, liveQuery, useRefreshEngagement } from "./shared.tsx";

type Attendance = SessionRecord["attendance"];
const ATTENDANCE_CHOICES: { value: Attendance; label: string; hint: string }[] = [
  {
    value: "held",
    label: "Held",
    hint: "Record the review of earlier actions, the GROW notes and the new actions.",
  },
  {
    value: "no_show",
    label: "No-show",
    hint: "The coachee did not come. The session counts against the budget.",
  },
  {
    value: "rescheduled",
    label: "Rescheduled",
    hint: "Move it to another time. It does not use the budget.",
  },
];

const VISIBILITY_OPTIONS = (["shared_with_coachee", "coach_private"] as const).map((v) => ({
  value: v,
  label: VISIBILITY_LABELS[v],
}));

/** At most one sentence: no sentence end followed by more text (the server's rule). */
const isOneSentence = (text: string) => !/[.!?](\s+|$)(?=\S)/.test(text.trim());

interface Review {
  outcome: ActionOutcome | "";
  comment: string;
}
interface ActionDraft {
  key: number;
  text: string;
  dueDate: string;
  ownerId: string;
}

/** Radio buttons with a visible legend, for a choice among a few options. */
function RadioGroup<T extends string>({
  legend,
  value,
  options,
  onChange,
  error,
  children,
}: {
  legend: ReactNode;
  value: T | "";
  options: { value: T; label: string; hint?: string }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <div key={o.value} className="flex items-center gap-1.5">
            <input
              id={`${id}-${o.value}`}
              type="radio"
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="h-4 w-4 border-slate-500 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
            />
            <label htmlFor={`${id}-${o.value}`} className="text-sm text-slate-900">
              {o.label}
            </label>
          </div>
        ))}
      </div>
      {children}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/**
 * The coach records what happened at the next scheduled session. A held session opens with a review of
 * every action still unreviewed, then the GROW notes (each with who may read it), the new actions from the
 * Will commitments, optional metric values and a one-sentence summary for the sponsor.
 */
export function RecordSessionForm({
  engagement: e,
  session,
  timeZone,
}: {
  engagement: Engagement;
  session: NonNullable<Engagement["nextSession"]>;
  timeZone: string;
}) {
  const toast = useToast();
  const refresh = useRefreshEngagement(e.id);
  // A held session reviews every open action and agrees at most 20 new ones, so no more than 20 are ever
  // open: one page holds them all.
  const actions = useQuery({
    queryKey: [...coachingKeys.part(e.id, "actions"), "to-review"],
    ...liveQuery,
    queryFn: () =>
      unwrap(
        api.GET("/api/coaching/engagements/{id}/actions", {
          params: { path: { id: e.id }, query: { review: "pending", limit: 50 } },
        }),
      ) as Promise<{
        items: CoachingAction[];
      }>,
  });
  const objectives = useQuery({
    queryKey: coachingKeys.part(e.id, "objectives"),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/coaching/engagements/{id}/objectives", { params: { path: { id: e.id } } })),
  });
  const pending = (actions.data?.items ?? []).filter((a) => a.reviewOutcome === null);
  const sessionDay = session.scheduledAt.slice(0, 10);

  const [attendance, setAttendance] = useState<Attendance>("held");
  const [reviews, setReviews] = useState<Record<string, Review>>({});
  const [notes, setNotes] = useState<Record<GrowField, { text: string; visibility: NoteVisibility }>>({
    goal: { text: "", visibility: "shared_with_coachee" },
    reality: { text: "", visibility: "shared_with_coachee" },
    options: { text: "", visibility: "shared_with_coachee" },
    will: { text: "", visibility: "shared_with_coachee" },
  });
  const [newActions, setNewActions] = useState<ActionDraft[]>([
    { key: 0, text: "", dueDate: "", ownerId: e.coachee.id },
  ]);
  const [nextKey, setNextKey] = useState(1);
  const [metrics, setMetrics] = useState<Record<string, string>>({});
  const [privateNotes, setPrivateNotes] = useState("");
  const [sponsorSummary, setSponsorSummary] = useState("");
  const [newAt, setNewAt] = useState("");

  const record = useMutation({
    mutationFn: (body: SessionRecord) =>
      unwrap(
        api.POST("/api/coaching/engagements/{id}/sessions/{sessionId}/record", {
          params: { path: { id: e.id, sessionId: session.id } },
          body,
        }),
      ),
    onSuccess: (_list, body) => {
      refresh();
      toast(
        body.attendance === "held"
          ? "Session recorded."
          : body.attendance === "no_show"
            ? "Recorded as a no-show."
            : "Session moved.",
      );
    },
  });
  const { shownError, validate } = useClientValidation(record.error);
  const fields = fieldErrorsOf(shownError);
  const kept = newActions.filter((a) => a.text.trim() || a.dueDate);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    const summary = sponsorSummary.trim();
    if (attendance !== "rescheduled") {
      if (summary.length > SPONSOR_SUMMARY_MAX)
        errors.sponsorSummary = `Keep the summary under ${SPONSOR_SUMMARY_MAX} characters.`;
      else if (!isOneSentence(summary)) errors.sponsorSummary = "Keep the sponsor summary to one sentence.";
    }
    if (attendance === "rescheduled") {
      const iso = fromLocalInput(newAt, timeZone);
      if (!iso) errors.newScheduledAt = "Pick the new day and time.";
      if (!validate(errors) || !iso) return;
      record.mutate({ attendance, newScheduledAt: iso });
      return;
    }
    if (attendance === "no_show") {
      if (!validate(errors)) return;
      record.mutate({ attendance, sponsorSummary: summary });
      return;
    }
    pending.forEach((a, i) => {
      if (!reviews[a.id]?.outcome) errors[`reviews.${i}.outcome`] = `Say how “${a.text}” went.`;
    });
    kept.forEach((a, i) => {
      if (!a.text.trim()) errors[`actions.${i}.text`] = `Describe action ${i + 1}, or clear its due date.`;
      if (!a.dueDate) errors[`actions.${i}.dueDate`] = `Give action ${i + 1} a due date.`;
      else if (a.dueDate < sessionDay)
        errors[`actions.${i}.dueDate`] = `Action ${i + 1} falls due on or after the session day.`;
    });
    const metricValues: { objectiveId: string; value: number }[] = [];
    (objectives.data?.items ?? []).forEach((o, i) => {
      const raw = (metrics[o.id] ?? "").trim();
      if (!raw) return;
      const value = Number(raw);
      if (!Number.isFinite(value))
        errors[`metricValues.${i}.value`] = `Enter a number for “${o.metricName}”.`;
      else metricValues.push({ objectiveId: o.id, value });
    });
    if (!validate(errors)) return;
    record.mutate({
      attendance: "held",
      goal: { text: notes.goal.text.trim(), visibility: notes.goal.visibility },
      reality: { text: notes.reality.text.trim(), visibility: notes.reality.visibility },
      options: { text: notes.options.text.trim(), visibility: notes.options.visibility },
      will: { text: notes.will.text.trim(), visibility: notes.will.visibility },
      privateNotes: privateNotes.trim(),
      sponsorSummary: summary,
      reviews: pending.map((a) => ({
        actionId: a.id,
        outcome: reviews[a.id]?.outcome as ActionOutcome,
        comment: reviews[a.id]?.comment.trim() ?? "",
      })),
      actions: kept.map((a) => ({ text: a.text.trim(), dueDate: a.dueDate, ownerId: a.ownerId })),
      metricValues,
    });
  };

  const setReview = (id: string, patch: Partial<Review>) =>
    setReviews((rs) => ({ ...rs, [id]: { outcome: "", comment: "", ...rs[id], ...patch } }));
  const setAction = (key: number, patch: Partial<ActionDraft>) =>
    setNewActions((as) => as.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  const owners = [
    { value: e.coachee.id, label: `${e.coachee.name} (coachee)` },
    ...(e.coach ? [{ value: e.coach.id, label: `${e.coach.name} (coach)` }] : []),
  ];
  const sectionTitle = "text-base font-semibold text-slate-900";

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Record the session">
      <CoachingAlert error={shownError} title="The session could not be recorded" />
      <RadioGroup
        legend="What happened?"
        value={attendance}
        options={ATTENDANCE_CHOICES}
        onChange={setAttendance}
      >
        <p className="text-sm text-slate-700">
          {ATTENDANCE_CHOICES.find((c) => c.value === attendance)?.hint}
        </p>
      </RadioGroup>

      {attendance === "held" ? (
        <>
          <fieldset className="space-y-3">
            <legend className={sectionTitle}>1. Review of earlier actions</legend>
            {actions.isPending ? (
              <p className="text-sm text-slate-700">Loading the actions…</p>
            ) : pending.length === 0 ? (
              <p className="text-sm text-slate-700">
                No actions to review: this is the first session, or every action is reviewed.
              </p>
            ) : (
              <>
                <p className="text-sm text-slate-700">
                  The session opens with a review of every action agreed earlier. Give each an outcome.
                </p>
                <ol className="space-y-3">
                  {pending.map((a, i) => (
                    <li key={a.id} className="rounded-md border border-slate-300 p-3">
                      <RadioGroup
                        legend={
                          <>
                            {a.text}{" "}
                            <span className="font-normal text-slate-700">
                              · {a.owner.name} · due {formatDay(a.dueDate)}
                              {a.status === "done" ? " · marked done" : ""}
                            </span>
                          </>
                        }
                        value={reviews[a.id]?.outcome ?? ""}
                        options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
                        onChange={(outcome) => setReview(a.id, { outcome })}
                        error={fields[`reviews.${i}.outcome`]}
                      />
                      <TextField
                        className="mt-2 space-y-1"
                        label={`Comment on “${a.text}” (optional)`}
                        maxLength={1000}
                        value={reviews[a.id]?.comment ?? ""}
                        onChange={(ev) => setReview(a.id, { comment: ev.target.value })}
                        error={fields[`reviews.${i}.comment`]}
                      />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </fieldset>

          <fieldset className="space-y-4">
            <legend className={sectionTitle}>2. GROW notes</legend>
            {GROW_FIELDS.map((f) => (
              <div key={f} className="space-y-2 rounded-md border border-slate-200 p-3">
                <TextAreaField
                  label={GROW_LABELS[f].label}
                  hint={GROW_LABELS[f].hint}
                  rows={3}
                  maxLength={5000}
                  value={notes[f].text}
                  onChange={(ev) => setNotes((n) => ({ ...n, [f]: { ...n[f], text: ev.target.value } }))}
                  error={fields[`${f}.text`]}
                />
                <SelectField
                  label={`Who can read the ${GROW_LABELS[f].label} notes`}
                  value={notes[f].visibility}
                  options={VISIBILITY_OPTIONS}
                  onChange={(ev) =>
                    setNotes((n) => ({
                      ...n,
                      [f]: { ...n[f], visibility: ev.target.value as NoteVisibility },
                    }))
                  }
                  className="max-w-xs space-y-1"
                />
              </div>
            ))}
          </fieldset>

          <fieldset className="space-y-3">
            <legend className={sectionTitle}>3. Actions until the next session</legend>
            <p className="text-sm text-slate-700">
              The Will commitments, each with a due date. They are reviewed at the start of the next session.
            </p>
            <ol className="space-y-3">
              {newActions.map((a) => {
                const idx = kept.indexOf(a);
                const n = newActions.indexOf(a) + 1;
                return (
                  <li
                    key={a.key}
                    className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
                  >
                    <TextField
                      className="space-y-1 sm:col-span-2"
                      label={`Action ${n}`}
                      maxLength={500}
                      value={a.text}
                      onChange={(ev) => setAction(a.key, { text: ev.target.value })}
                      error={idx >= 0 ? fields[`actions.${idx}.text`] : undefined}
                    />
                    <TextField
                      label={`Action ${n} due date`}
                      type="date"
                      min={sessionDay}
                      value={a.dueDate}
                      onChange={(ev) => setAction(a.key, { dueDate: ev.target.value })}
                      error={idx >= 0 ? fields[`actions.${idx}.dueDate`] : undefined}
                    />
                    <SelectField
                      label={`Action ${n} owner`}
                      value={a.ownerId}
                      options={owners}
                      onChange={(ev) => setAction(a.key, { ownerId: ev.target.value })}
                      error={idx >= 0 ? fields[`actions.${idx}.ownerId`] : undefined}
                    />
                    {newActions.length > 1 ? (
                      <Button
                        variant="ghost"
                        className="justify-start px-0"
                        onClick={() => setNewActions((as) => as.filter((x) => x.key !== a.key))}
                      >
                        Remove action {n}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {newActions.length < 20 ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setNewActions((as) => [
                    ...as,
                    { key: nextKey, text: "", dueDate: "", ownerId: e.coachee.id },
                  ]);
                  setNextKey((k) => k + 1);
                }}
              >
                Add an action
              </Button>
            ) : null}
          </fieldset>

          {(objectives.data?.items ?? []).length ? (
            <fieldset className="space-y-3">
              <legend className={sectionTitle}>4. Metric values (optional)</legend>
              <p className="text-sm text-slate-700">Where each metric stands today. Leave blank to skip.</p>
              <div className="grid gap-3 sm:grid-cols-2">
                {(objectives.data?.items ?? []).map((o, i) => (
                  <TextField
                    key={o.id}
                    label={`${o.title}: ${o.metricName} (${o.metricUnit})`}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    value={metrics[o.id] ?? ""}
                    onChange={(ev) => setMetrics((m) => ({ ...m, [o.id]: ev.target.value }))}
                    hint={`Baseline ${num(o.baseline)}, target ${num(o.target)}, latest ${num(o.latest)}.`}
                    error={fields[`metricValues.${i}.value`]}
                  />
                ))}
              </div>
            </fieldset>
          ) : null}

          <TextAreaField
            label="Private notes"
            hint="For you alone: never shown to the coachee or the sponsor."
            rows={3}
            maxLength={10000}
            value={privateNotes}
            onChange={(ev) => setPrivateNotes(ev.target.value)}
            error={fields.privateNotes}
          />
        </>
      ) : null}

      {attendance === "rescheduled" ? (
        <TextField
          label="New date and time"
          type="datetime-local"
          required
          value={newAt}
          onChange={(ev) => setNewAt(ev.target.value)}
          hint={`In your time zone, ${zoneLabel(timeZone)}.`}
          error={fields.newScheduledAt}
        />
      ) : (
        <TextField
          label="Summary for the sponsor (optional)"
          maxLength={SPONSOR_SUMMARY_MAX}
          value={sponsorSummary}
          onChange={(ev) => setSponsorSummary(ev.target.value)}
          hint={`One sentence the sponsor will see, up to ${SPONSOR_SUMMARY_MAX} characters (${sponsorSummary.length} used). Say how things are going, not what was said.`}
          error={fields.sponsorSummary}
        />
      )}

      <SubmitButton pending={record.isPending} pendingLabel="Recording…">
        {attendance === "rescheduled" ? "Move the session" : "Record the session"}
      </SubmitButton>
    </form>
  );
}
