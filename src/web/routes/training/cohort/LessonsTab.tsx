import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  ACTIVITY_STATUS,
  type ActivityState,
  type Cohort,
  type Lesson,
  type Submission,
  trainingKeys,
} from "../../../lib/training.ts";
import { ProgressBar, TrainingAlert } from "./parts.tsx";
import { type CohortTabProps, useCourse, useGradebook, useRefreshTraining } from "./shared.ts";

type Progress = NonNullable<Cohort["progress"]>;

/** The course curriculum for a trainee: each lesson's content, marking it done, and hands-on activities. */
export function LessonsTab({ cohort: c }: CohortTabProps) {
  const { person } = useSession();
  const course = useCourse(c.course.id);
  const book = useGradebook(c.id, person.id);
  if (course.isPending) return <Loading label="Loading the lessons…" />;
  if (course.isError) return <ErrorState error={course.error} onRetry={() => void course.refetch()} />;
  const modules = course.data.modules.filter((m) => m.lessons.length > 0);
  const done = new Set(c.progress?.lessonsDone ?? []);
  const total = modules.reduce((n, m) => n + m.lessons.length, 0);
  const doneCount = modules.reduce((n, m) => n + m.lessons.filter((l) => done.has(l.id)).length, 0);
  const mine = new Map((book.data?.lessons ?? []).map((l) => [l.id, l]));
  if (total === 0) {
    return (
      <EmptyState title="This course has no lessons">
        <p>Your trainer teaches it in the sessions; see the Overview tab for the schedule.</p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-8">
      <ProgressBar
        label="Lessons done"
        value={doneCount}
        max={total}
        valueText={`${doneCount} of ${total} lessons done`}
      />
      {modules.map((m) => (
        <section key={m.id} aria-labelledby={`module-${m.id}`}>
          <h2 id={`module-${m.id}`} className="text-lg font-semibold">
            Module {m.position}: {m.title}
          </h2>
          {m.summary ? <p className="mb-3 text-sm text-slate-700">{m.summary}</p> : null}
          <ol className="mt-3 space-y-4">
            {m.lessons.map((l) => (
              <LessonItem
                key={l.id}
                cohortId={c.id}
                lesson={l}
                done={done.has(l.id)}
                activity={mine.get(l.id)?.activity ?? (l.activityPrompt ? "not_submitted" : "none")}
                submitted={mine.get(l.id)?.submission ?? null}
              />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** Puts a trainee's new progress into the cached cohort so the bars move at once. */
function useSetProgress(cohortId: string) {
  const qc = useQueryClient();
  return (p: Omit<Progress, "attendance">) =>
    qc.setQueryData<Cohort>(trainingKeys.cohort(cohortId), (c) =>
      c?.progress ? { ...c, progress: { ...c.progress, ...p } } : c,
    );
}

/** The trainee's latest submission of an activity, as their gradebook has it. */
interface Submitted {
  kind: "text" | "link";
  body: string;
  feedback: string | null;
}

function LessonItem({
  cohortId,
  lesson: l,
  done,
  activity,
  submitted,
}: {
  cohortId: string;
  lesson: Lesson;
  done: boolean;
  activity: ActivityState;
  submitted: Submitted | null;
}) {
  const id = useId();
  const toast = useToast();
  const refresh = useRefreshTraining();
  const setProgress = useSetProgress(cohortId);
  const [open, setOpen] = useState(!done);
  const complete = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/lessons/{lessonId}/complete", {
          params: { path: { id: cohortId, lessonId: l.id } },
        }),
      ),
    onSuccess: (p) => {
      setProgress(p);
      void refresh();
      toast(
        p.certificateId
          ? "Lesson done. You completed the course: your certificate is ready."
          : `Marked done: ${l.title}.`,
      );
    },
  });
  const status = activity === "none" ? null : ACTIVITY_STATUS[activity];
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
          {l.title}
          {done ? <Badge tone="green">Done</Badge> : null}
          {l.required ? null : <Badge tone="slate">Optional</Badge>}
          {l.activityPrompt ? <Badge tone="violet">Hands-on activity</Badge> : null}
        </h3>
        <Button
          variant="ghost"
          className="px-0 py-0"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Hide lesson" : "Show lesson"}
          <span className="sr-only"> “{l.title}”</span>
        </Button>
      </div>
      <div id={`${id}-body`} hidden={!open} className="mt-3 space-y-4">
        {l.contentHtml ? (
          <div
            className="space-y-3 text-slate-900 [&_a]:text-emerald-800 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_img]:max-w-full [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6"
            // The server renders the lesson's Markdown and sanitizes it (no script, no raw HTML, safe links only).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized server-side (domain/training/markdown.ts)
            dangerouslySetInnerHTML={{ __html: l.contentHtml }}
          />
        ) : (
          <p className="text-sm text-slate-700">
            This lesson has no written content; it is taught in the sessions.
          </p>
        )}
        {l.activityPrompt ? (
          <ActivityArea
            cohortId={cohortId}
            lesson={l}
            status={status}
            activity={activity}
            submitted={submitted}
            done={done}
          />
        ) : done ? (
          <p className="text-sm font-medium text-emerald-800">You marked this lesson done.</p>
        ) : (
          <div className="space-y-2">
            <TrainingAlert error={complete.error} title="The lesson could not be marked done" />
            <Button disabled={complete.isPending} onClick={() => complete.mutate()}>
              {complete.isPending ? "Saving…" : "Mark as done"}
              <span className="sr-only"> “{l.title}”</span>
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}

function ActivityArea({
  cohortId,
  lesson: l,
  status,
  activity,
  submitted,
  done,
}: {
  cohortId: string;
  lesson: Lesson;
  status: { label: string; tone: "green" | "amber" | "red" | "slate" | "blue" | "violet" } | null;
  activity: ActivityState;
  submitted: Submitted | null;
  done: boolean;
}) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const [kind, setKind] = useState<"text" | "link">("text");
  const [body, setBody] = useState("");
  const [latest, setLatest] = useState<Submission | null>(null);
  const submit = useMutation({
    mutationFn: (input: { kind: "text" | "link"; body: string }) =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/lessons/{lessonId}/submissions", {
          params: { path: { id: cohortId, lessonId: l.id } },
          body: input,
        }),
      ),
    onSuccess: (s) => {
      setLatest(s);
      setBody("");
      void refresh();
      toast("Activity submitted. Your trainer reviews it and the lesson is done once they accept it.");
    },
  });
  const { shownError, validate } = useClientValidation(submit.error);
  const fields = fieldErrorsOf(shownError);
  const name = useId();
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    const text = body.trim();
    if (!text) errors.body = kind === "link" ? "Paste the link to your work." : "Write your answer.";
    else if (kind === "link" && !/^https?:\/\/\S+$/i.test(text))
      errors.body = "A link starts with http:// or https://.";
    if (!validate(errors)) return;
    submit.mutate({ kind, body: text });
  };
  const state = latest?.status ?? activity;
  const shown = latest ?? submitted;
  const canSubmit = state !== "accepted" && !done;
  return (
    <div className="space-y-3 rounded-md border border-violet-300 bg-violet-50 p-4">
      <h4 className="font-semibold text-violet-950">Hands-on activity</h4>
      <p className="whitespace-pre-line text-sm text-slate-900">{l.activityPrompt}</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Status:</span>
        {status ? <Badge tone={status.tone}>{status.label}</Badge> : null}
        {state === "submitted"
          ? "Your trainer has not reviewed it yet."
          : state === "needs_revision"
            ? "Your trainer asked for changes: revise your work and submit it again."
            : state === "accepted"
              ? "Your trainer accepted it, so the lesson is done."
              : "Submit your work as text or a link; the lesson is done when your trainer accepts it."}
      </p>
      {shown ? (
        <div className="rounded border border-slate-300 bg-white p-3 text-sm">
          <p className="font-medium">You submitted:</p>
          {shown.kind === "link" ? (
            <a href={shown.body} target="_blank" rel="noopener noreferrer">
              {shown.body}
            </a>
          ) : (
            <p className="whitespace-pre-line">{shown.body}</p>
          )}
        </div>
      ) : null}
      {!latest && submitted?.feedback ? (
        <div className="rounded border border-violet-300 bg-white p-3 text-sm">
          <p className="font-medium">Your trainer's feedback:</p>
          <p className="whitespace-pre-line">{submitted.feedback}</p>
        </div>
      ) : null}
      {canSubmit ? (
        <form
          onSubmit={onSubmit}
          noValidate
          className="space-y-3"
          aria-label={`Submit the activity of ${l.title}`}
        >
          <TrainingAlert error={shownError} title="The activity could not be submitted" />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Submit as</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {(["text", "link"] as const).map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name={name}
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                    className="h-4 w-4 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
                  />
                  {k === "text" ? "Text" : "A link to my work"}
                </label>
              ))}
            </div>
          </fieldset>
          {kind === "text" ? (
            <TextAreaField
              label="Your answer"
              required
              value={body}
              onChange={(ev) => setBody(ev.target.value)}
              error={fields.body}
              maxLength={20_000}
            />
          ) : (
            <TextField
              label="Link to your work"
              type="url"
              required
              inputMode="url"
              value={body}
              onChange={(ev) => setBody(ev.target.value)}
              error={fields.body}
              hint="For example a shared document or a repository, starting with https://."
            />
          )}
          <SubmitButton pending={submit.isPending} pendingLabel="Submitting…">
            {state === "needs_revision" || shown ? "Submit again" : "Submit the activity"}
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
