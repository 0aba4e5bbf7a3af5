import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "react-router";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { FormAlert } from "../../../components/Feedback.tsx";
import { SelectField, TextAreaField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { RatingField } from "../../../components/RatingField.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { formatDay, STATUS_LABELS } from "../../../lib/mentoring.ts";
import { ConfidentialNotice } from "../parts.tsx";
import { otherOf, type TabProps, useSetRelationship } from "./shared.ts";

const ORIGIN_LABELS = {
  self: "The mentee asked, and the mentor accepted",
  admin: "Matched by the program team",
  bulk: "Matched by the program's matching run",
} as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function ExtendForm({ relationship }: TabProps) {
  const toast = useToast();
  const setRelationship = useSetRelationship(relationship.id);
  const [months, setMonths] = useState("3");
  const extend = useMutation({
    mutationFn: (m: number) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/extend", {
          params: { path: { id: relationship.id } },
          body: { months: m },
        }),
      ),
    onSuccess: (r) => {
      setRelationship(r);
      toast(`Extended. The planned end is now ${formatDay(r.plannedEndDate)}.`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    extend.mutate(Number(months));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Extend the relationship">
      <FormAlert error={extend.error} title="The relationship could not be extended" />
      <SelectField
        label="Extend by"
        value={months}
        onChange={(e) => setMonths(e.target.value)}
        options={[1, 2, 3, 6, 9, 12, 18, 24].map((m) => ({
          value: String(m),
          label: `${m} ${m === 1 ? "month" : "months"}`,
        }))}
        error={fieldErrorsOf(extend.error).months}
      />
      <SubmitButton pending={extend.isPending} variant="secondary">
        Extend
      </SubmitButton>
    </form>
  );
}

function CompleteButton({ relationship }: TabProps) {
  const toast = useToast();
  const setRelationship = useSetRelationship(relationship.id);
  const [confirming, setConfirming] = useState(false);
  const complete = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/complete", { params: { path: { id: relationship.id } } }),
      ),
    onSuccess: (r) => {
      setRelationship(r);
      toast("The relationship is complete. Write your closing reflection below.");
    },
  });
  return (
    <div className="space-y-2">
      <FormAlert error={complete.error} title="The relationship could not be completed" />
      {confirming ? (
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="float-left mr-2 text-sm">
            Mark the relationship complete? You will both be asked for a closing reflection.
          </legend>
          <Button onClick={() => complete.mutate()} disabled={complete.isPending}>
            {complete.isPending ? "Completing…" : "Yes, complete it"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Not yet
          </Button>
        </fieldset>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Mark as complete
        </Button>
      )}
    </div>
  );
}

function EndEarlyForm({ relationship }: TabProps) {
  const toast = useToast();
  const setRelationship = useSetRelationship(relationship.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const end = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/end", {
          params: { path: { id: relationship.id } },
          body: { reason: text },
        }),
      ),
    onSuccess: (r) => {
      setRelationship(r);
      toast("The relationship has ended. Thank you for the time you gave it.");
    },
  });
  const { shownError, validate } = useClientValidation(end.error);
  const other = otherOf(relationship);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        End early…
      </Button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate(reason.trim() ? {} : { reason: "Write a few words for yourself about why." })) return;
    end.mutate(reason.trim());
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4"
      aria-label="End the relationship early"
    >
      <FormAlert error={shownError} title="The relationship could not be ended" />
      <p className="text-sm text-slate-800">
        Relationships end for many reasons, and no one is to blame. {other.name} is told that it ended, not
        why.
      </p>
      <TextAreaField
        label="Your reason (private)"
        required
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        hint="Only you can read this. It is not shown to the other person or to the program team."
        error={fieldErrorsOf(shownError).reason}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={end.isPending} variant="danger" pendingLabel="Ending…">
          End the relationship
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ReflectionForm({ relationship }: TabProps) {
  const toast = useToast();
  const setRelationship = useSetRelationship(relationship.id);
  const [text, setText] = useState("");
  const [rating, setRating] = useState<number | null>(null);
  const reflect = useMutation({
    mutationFn: (body: { text: string; rating: number }) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/reflection", {
          params: { path: { id: relationship.id } },
          body,
        }),
      ),
    onSuccess: (r) => {
      setRelationship(r);
      toast("Thank you. Your closing reflection is saved.");
    },
  });
  const { shownError, validate } = useClientValidation(reflect.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!text.trim()) errors.text = "Write a few words about what this relationship gave you.";
    if (rating === null) errors.rating = "Choose a rating from 1 to 5.";
    if (!validate(errors)) return;
    if (rating !== null) reflect.mutate({ text: text.trim(), rating });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Closing reflection">
      <FormAlert error={shownError} title="Your reflection could not be saved" />
      <TextAreaField
        label="What did this relationship give you, and what did you give?"
        required
        rows={5}
        maxLength={4000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={fields.text}
      />
      <RatingField
        label="How would you rate the relationship overall?"
        required
        hint="1 = poor, 5 = excellent."
        value={rating}
        onChange={setRating}
        error={fields.rating}
      />
      <SubmitButton pending={reflect.isPending}>Save my reflection</SubmitButton>
    </form>
  );
}

export function OverviewTab({
  relationship: r,
  timeZone,
  onOpenTab,
}: TabProps & { onOpenTab: (tab: string) => void }) {
  const open = r.status === "proposed" || r.status === "active";
  const closed = r.status === "completed" || r.status === "ended_early";
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">The relationship</h2>
          <dl className="divide-y divide-slate-200 text-sm">
            <Row label="Mentor">
              <Link to={`/people/${r.mentor.id}`}>{r.mentor.name}</Link>
              {r.mySide === "mentor" ? " (you)" : null}
            </Row>
            <Row label="Mentee">
              <Link to={`/people/${r.mentee.id}`}>{r.mentee.name}</Link>
              {r.mySide === "mentee" ? " (you)" : null}
            </Row>
            <Row label="Program">
              <Link to={`/programs/${r.program.id}`}>{r.program.name}</Link>
            </Row>
            <Row label="Status">{STATUS_LABELS[r.status]}</Row>
            <Row label="How you were matched">{ORIGIN_LABELS[r.origin]}</Row>
            <Row label="Matched on">{formatDate(r.createdAt, timeZone)}</Row>
            <Row label="Started">
              {r.startDate ? formatDay(r.startDate) : "When you have both signed the agreement"}
            </Row>
            <Row label="Planned end">{formatDay(r.plannedEndDate)}</Row>
            {r.endedAt ? <Row label="Ended">{formatDate(r.endedAt, timeZone)}</Row> : null}
            <Row label="Last meeting">
              {r.lastMeetingAt ? (
                formatDay(r.lastMeetingAt)
              ) : (
                <>
                  None logged yet.{" "}
                  {r.status === "active" ? (
                    <button
                      type="button"
                      className="font-semibold text-emerald-800 underline"
                      onClick={() => onOpenTab("meetings")}
                    >
                      Log a meeting
                    </button>
                  ) : null}
                </>
              )}
            </Row>
          </dl>
        </Card>
        {open ? (
          <Card className="space-y-5">
            <h2 className="text-lg font-semibold">Manage</h2>
            {r.status === "proposed" ? (
              <p className="text-sm text-slate-800">
                Agree together on your goals, how often you will meet and how long the relationship will run,
                then both sign.{" "}
                <button
                  type="button"
                  className="font-semibold text-emerald-800 underline"
                  onClick={() => onOpenTab("agreement")}
                >
                  Go to the agreement
                </button>
              </p>
            ) : (
              <>
                <ExtendForm relationship={r} timeZone={timeZone} />
                <CompleteButton relationship={r} timeZone={timeZone} />
              </>
            )}
            <EndEarlyForm relationship={r} timeZone={timeZone} />
          </Card>
        ) : null}
      </div>
      {r.myClosure.endedEarlyReason ? (
        <Card>
          <h2 className="mb-1 text-lg font-semibold">Why you ended it</h2>
          <p className="text-sm text-slate-700">Only you can read this.</p>
          <p className="mt-2 whitespace-pre-line">{r.myClosure.endedEarlyReason}</p>
        </Card>
      ) : null}
      {closed ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">Closing reflections</h2>
          <ConfidentialNotice>Reflections are shared between the two of you only.</ConfidentialNotice>
          {r.reflections.length ? (
            <ul className="space-y-3">
              {r.reflections.map((x) => (
                <li key={x.author.id} className="rounded-md border border-slate-200 p-3">
                  <p className="font-semibold">
                    {x.author.name}
                    {x.rating !== null ? (
                      <span className="font-normal text-slate-700"> · rated {x.rating}/5</span>
                    ) : null}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{x.text}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">Neither of you has written a reflection yet.</p>
          )}
          {r.myClosure.reflectionWritten ? null : <ReflectionForm relationship={r} timeZone={timeZone} />}
        </Card>
      ) : null}
    </div>
  );
}
