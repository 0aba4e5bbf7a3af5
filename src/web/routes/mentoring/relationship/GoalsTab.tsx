import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { inputClass, SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  formatDay,
  GOAL_CATEGORIES,
  GOAL_STATUS_LABELS,
  type GoalCategory,
  type GoalStatus,
  liveQuery,
  type MentoringGoal,
  mentoringKeys,
} from "../../../lib/mentoring.ts";
import { ConfidentialNotice, ProgressBar } from "../parts.tsx";
import type { TabProps } from "./shared.ts";

type GoalList = Schemas["MentoringGoals"];
const CATEGORIES = Object.keys(GOAL_CATEGORIES) as GoalCategory[];
const STATUSES = Object.keys(GOAL_STATUS_LABELS) as GoalStatus[];
const categoryTone = { career: "violet", skill: "blue", network: "amber", holistic: "green" } as const;

function useSetGoals(relationshipId: string) {
  const qc = useQueryClient();
  return (list: GoalList) => qc.setQueryData(mentoringKeys.part(relationshipId, "goals"), list);
}

/** The goal list with one milestone ticked or unticked, and that goal's progress recomputed. */
function withMilestone(list: GoalList, goalId: string, milestoneId: string, done: boolean): GoalList {
  return {
    items: list.items.map((g) => {
      if (g.id !== goalId) return g;
      const milestones = g.milestones.map((m) =>
        m.id === milestoneId ? { ...m, doneAt: done ? (m.doneAt ?? new Date().toISOString()) : null } : m,
      );
      const doneCount = milestones.filter((m) => m.doneAt).length;
      const progress = g.status === "achieved" ? 1 : milestones.length ? doneCount / milestones.length : 0;
      return { ...g, milestones, progress };
    }),
  };
}

interface MilestoneDraft {
  key: number;
  title: string;
  dueDate: string;
}

function GoalForm({ relationshipId }: { relationshipId: string }) {
  const base = useId();
  const toast = useToast();
  const setGoals = useSetGoals(relationshipId);
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<GoalCategory>("career");
  const [description, setDescription] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [milestones, setMilestones] = useState<MilestoneDraft[]>([{ key: 0, title: "", dueDate: "" }]);
  const [nextKey, setNextKey] = useState(1);
  const add = useMutation({
    mutationFn: (body: Schemas["MentoringGoalBody"]) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/goals", {
          params: { path: { id: relationshipId } },
          body,
        }),
      ),
    onSuccess: (list) => {
      setGoals(list);
      setTitle("");
      setDescription("");
      setTargetDate("");
      setMilestones([{ key: nextKey, title: "", dueDate: "" }]);
      setNextKey((k) => k + 1);
      toast("Goal added.");
    },
  });
  const { shownError, validate } = useClientValidation(add.error);
  const fields = fieldErrorsOf(shownError);
  const kept = milestones.filter((m) => m.title.trim() || m.dueDate);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!title.trim()) errors.title = "Give the goal a title.";
    kept.forEach((m, i) => {
      if (!m.title.trim()) errors[`milestones.${i}.title`] = `Name milestone ${i + 1}, or clear its date.`;
    });
    if (!validate(errors)) return;
    add.mutate({
      title: title.trim(),
      description: description.trim(),
      category,
      targetDate: targetDate || null,
      milestones: kept.map((m) => ({ title: m.title.trim(), dueDate: m.dueDate || null })),
    });
  };
  const setMilestone = (key: number, patch: Partial<MilestoneDraft>) =>
    setMilestones((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  // Server errors are indexed over the milestones that were sent (the non-empty rows).
  const errorIndex = (m: MilestoneDraft) => kept.indexOf(m);
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Add a goal">
      <FormAlert error={shownError} title="The goal could not be added" />
      <TextField
        label="Goal"
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="e.g. Lead a cross-team project"
        error={fields.title}
      />
      <SelectField
        label="Kind of goal"
        value={category}
        onChange={(e) => setCategory(e.target.value as GoalCategory)}
        options={CATEGORIES.map((c) => ({ value: c, label: GOAL_CATEGORIES[c].label }))}
        hint={GOAL_CATEGORIES[category].hint}
        error={fields.category}
      />
      <TextAreaField
        label="Why it matters (optional)"
        rows={3}
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fields.description}
      />
      <TextField
        label="Target date (optional)"
        type="date"
        value={targetDate}
        onChange={(e) => setTargetDate(e.target.value)}
        error={fields.targetDate}
        className="max-w-xs space-y-1"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Milestones</legend>
        <p className="text-sm text-slate-600">Smaller steps on the way. Tick them off as you go.</p>
        <ul className="space-y-2">
          {milestones.map((m, i) => {
            const idx = errorIndex(m);
            const titleError = idx >= 0 ? fields[`milestones.${idx}.title`] : undefined;
            const dateError = idx >= 0 ? fields[`milestones.${idx}.dueDate`] : undefined;
            const titleId = `${base}-m-${m.key}`;
            return (
              <li key={m.key} className="flex flex-wrap items-start gap-2">
                <div className="min-w-48 flex-1">
                  <label htmlFor={titleId} className="sr-only">
                    Milestone {i + 1}
                  </label>
                  <input
                    id={titleId}
                    className={inputClass}
                    value={m.title}
                    maxLength={200}
                    placeholder={`Milestone ${i + 1}`}
                    onChange={(e) => setMilestone(m.key, { title: e.target.value })}
                    aria-invalid={titleError ? true : undefined}
                    aria-describedby={titleError ? `${titleId}-error` : undefined}
                  />
                  {titleError ? (
                    <p id={`${titleId}-error`} className="text-sm font-medium text-red-700">
                      {titleError}
                    </p>
                  ) : null}
                </div>
                <div className="w-44">
                  <label htmlFor={`${titleId}-due`} className="sr-only">
                    Milestone {i + 1} due date
                  </label>
                  <input
                    id={`${titleId}-due`}
                    type="date"
                    className={inputClass}
                    value={m.dueDate}
                    onChange={(e) => setMilestone(m.key, { dueDate: e.target.value })}
                    aria-invalid={dateError ? true : undefined}
                  />
                </div>
                <button
                  type="button"
                  className="rounded-md border border-slate-400 px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
                  onClick={() => setMilestones((ms) => ms.filter((x) => x.key !== m.key))}
                >
                  Remove<span className="sr-only"> milestone {i + 1}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
          disabled={milestones.length >= 20}
          onClick={() => {
            setMilestones((ms) => [...ms, { key: nextKey, title: "", dueDate: "" }]);
            setNextKey((k) => k + 1);
          }}
        >
          Add a milestone
        </button>
      </fieldset>
      <SubmitButton pending={add.isPending}>Add goal</SubmitButton>
    </form>
  );
}

function AddMilestone({ relationshipId, goal }: { relationshipId: string; goal: MentoringGoal }) {
  const setGoals = useSetGoals(relationshipId);
  const [title, setTitle] = useState("");
  const add = useMutation({
    mutationFn: (t: string) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/goals/{goalId}/milestones", {
          params: { path: { id: relationshipId, goalId: goal.id } },
          body: { title: t, dueDate: null },
        }),
      ),
    onSuccess: (list) => {
      setGoals(list);
      setTitle("");
    },
  });
  const { shownError, clientError, validate } = useClientValidation(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate(title.trim() ? {} : { title: "Name the milestone." })) return;
    add.mutate(title.trim());
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-wrap items-end gap-2"
      aria-label={`Add a milestone to ${goal.title}`}
    >
      <TextField
        label={`New milestone for “${goal.title}”`}
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldErrorsOf(shownError).title ?? (clientError ? undefined : add.error?.message)}
        className="min-w-48 flex-1 space-y-1"
      />
      <SubmitButton pending={add.isPending} variant="secondary">
        Add
      </SubmitButton>
    </form>
  );
}

function CommentForm({ relationshipId, goal }: { relationshipId: string; goal: MentoringGoal }) {
  const setGoals = useSetGoals(relationshipId);
  const [body, setBody] = useState("");
  const comment = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/goals/{goalId}/comments", {
          params: { path: { id: relationshipId, goalId: goal.id } },
          body: { body: text },
        }),
      ),
    onSuccess: (list) => {
      setGoals(list);
      setBody("");
    },
  });
  const { shownError, validate } = useClientValidation(comment.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate(body.trim() ? {} : { body: "Write a comment first." })) return;
    comment.mutate(body.trim());
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={`Comment on ${goal.title}`}>
      <FormAlert error={comment.error} title="The comment could not be added" />
      <TextAreaField
        label={`Comment on “${goal.title}”`}
        rows={2}
        maxLength={2000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldErrorsOf(shownError).body}
      />
      <SubmitButton pending={comment.isPending} variant="secondary">
        Add comment
      </SubmitButton>
    </form>
  );
}

function GoalCard({
  relationshipId,
  goal,
  isMentee,
  canEdit,
  timeZone,
}: {
  relationshipId: string;
  goal: MentoringGoal;
  isMentee: boolean;
  canEdit: boolean;
  timeZone: string;
}) {
  const id = useId();
  const qc = useQueryClient();
  const toast = useToast();
  const setGoals = useSetGoals(relationshipId);
  const tick = useMutation({
    mutationFn: ({ milestoneId, done }: { milestoneId: string; done: boolean }) =>
      unwrap(
        api.PATCH("/api/mentoring/relationships/{id}/goals/{goalId}/milestones/{milestoneId}", {
          params: { path: { id: relationshipId, goalId: goal.id, milestoneId } },
          body: { done },
        }),
      ),
    // The tick shows at once; it is undone if the server refuses it.
    onMutate: async ({ milestoneId, done }) => {
      const key = mentoringKeys.part(relationshipId, "goals");
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<GoalList>(key);
      if (previous) setGoals(withMilestone(previous, goal.id, milestoneId, done));
      return { previous };
    },
    onSuccess: setGoals,
    onError: (err, _vars, context) => {
      if (context?.previous) setGoals(context.previous);
      toast(err instanceof Error ? err.message : "Could not update the milestone.", "error");
    },
    onSettled: (_list, _err, { milestoneId, done }) =>
      setSaving((s) => {
        if (s[milestoneId] !== done) return s; // a later click is still being saved
        const { [milestoneId]: _, ...rest } = s;
        return rest;
      }),
  });
  // The state each box shows while its change is saved, set in the click itself so the box never flips back.
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const status = useMutation({
    mutationFn: (next: GoalStatus) =>
      unwrap(
        api.PATCH("/api/mentoring/relationships/{id}/goals/{goalId}", {
          params: { path: { id: relationshipId, goalId: goal.id } },
          body: { status: next },
        }),
      ),
    onSuccess: (list) => {
      setGoals(list);
      toast("Goal updated.");
    },
    onError: (err) => toast(err instanceof Error ? err.message : "Could not update the goal.", "error"),
  });
  const done = goal.milestones.filter((m) => m.doneAt).length;
  return (
    <li>
      <article
        aria-labelledby={`${id}-title`}
        className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm"
      >
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h3 id={`${id}-title`} className="text-lg font-semibold">
              {goal.title}
            </h3>
            <p className="mt-1 flex flex-wrap gap-1.5">
              <Badge tone={categoryTone[goal.category]}>{GOAL_CATEGORIES[goal.category].label}</Badge>
              <Badge
                tone={goal.status === "achieved" ? "green" : goal.status === "dropped" ? "slate" : "blue"}
              >
                {GOAL_STATUS_LABELS[goal.status]}
              </Badge>
              {goal.targetDate ? (
                <span className="text-sm text-slate-700">Target: {formatDay(goal.targetDate)}</span>
              ) : null}
            </p>
          </div>
          {isMentee && canEdit ? (
            <SelectField
              label={
                <>
                  Status<span className="sr-only"> of {goal.title}</span>
                </>
              }
              value={goal.status}
              disabled={status.isPending}
              onChange={(e) => status.mutate(e.target.value as GoalStatus)}
              options={STATUSES.map((s) => ({ value: s, label: GOAL_STATUS_LABELS[s] }))}
              className="w-44 space-y-1"
            />
          ) : null}
        </div>
        {goal.description ? (
          <p className="mt-2 whitespace-pre-line text-slate-800">{goal.description}</p>
        ) : null}
        <div className="mt-3">
          <ProgressBar label={`Progress on ${goal.title}`} value={goal.progress} />
          <p className="mt-1 text-sm text-slate-700">
            {goal.milestones.length
              ? `${done} of ${goal.milestones.length} milestones done`
              : "No milestones yet"}
          </p>
        </div>
        {goal.milestones.length ? (
          <ul className="mt-3 space-y-1" aria-label={`Milestones of ${goal.title}`}>
            {goal.milestones.map((m) => (
              <li key={m.id} className="flex items-center gap-2 text-sm">
                {isMentee && canEdit ? (
                  <>
                    <input
                      id={`${id}-${m.id}`}
                      type="checkbox"
                      className="h-4 w-4"
                      checked={saving[m.id] ?? m.doneAt !== null}
                      onChange={(e) => {
                        const done = e.target.checked;
                        setSaving((s) => ({ ...s, [m.id]: done }));
                        tick.mutate({ milestoneId: m.id, done });
                      }}
                    />
                    <label
                      htmlFor={`${id}-${m.id}`}
                      className={m.doneAt ? "text-slate-700 line-through" : ""}
                    >
                      {m.title}
                    </label>
                  </>
                ) : (
                  <>
                    <span aria-hidden="true">{m.doneAt ? "✓" : "○"}</span>
                    <span className={m.doneAt ? "text-slate-700 line-through" : ""}>{m.title}</span>
                    <span className="sr-only">{m.doneAt ? "(done)" : "(not done yet)"}</span>
                  </>
                )}
                {m.dueDate ? <span className="text-slate-700">· due {formatDay(m.dueDate)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {isMentee && canEdit ? (
          <div className="mt-3">
            <AddMilestone relationshipId={relationshipId} goal={goal} />
          </div>
        ) : null}
        <div className="mt-4 border-t border-slate-200 pt-3">
          <h4 className="text-sm font-semibold">Comments</h4>
          {goal.comments.length ? (
            <ul className="mt-2 space-y-2">
              {goal.comments.map((c) => (
                <li key={c.id} className="rounded-md bg-slate-50 p-2 text-sm">
                  <p className="text-slate-700">
                    <span className="font-semibold text-slate-900">{c.author.name}</span> ·{" "}
                    {formatDate(c.createdAt, timeZone)}
                  </p>
                  <p className="whitespace-pre-line">{c.body}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-700">
              {isMentee
                ? "No comments yet. Your mentor can comment here."
                : "No comments yet. Encourage, ask, suggest."}
            </p>
          )}
          {canEdit ? (
            <div className="mt-2">
              <CommentForm relationshipId={relationshipId} goal={goal} />
            </div>
          ) : null}
        </div>
      </article>
    </li>
  );
}

export function GoalsTab({ relationship: r, timeZone }: TabProps) {
  const { person } = useSession();
  const goals = useQuery({
    queryKey: mentoringKeys.part(r.id, "goals"),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/mentoring/relationships/{id}/goals", { params: { path: { id: r.id } } })),
  });
  const isMentee = r.mentee.id === person.id;
  const open = r.status === "proposed" || r.status === "active";
  const items = goals.data?.items ?? [];
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-6">
      <ConfidentialNotice />
      {isMentee && open ? (
        adding || (goals.isSuccess && items.length === 0) ? (
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Add a goal</h2>
            <GoalForm relationshipId={r.id} />
            {items.length > 0 ? (
              <Button variant="ghost" className="mt-2" onClick={() => setAdding(false)}>
                Close the form
              </Button>
            ) : null}
          </Card>
        ) : (
          <Button onClick={() => setAdding(true)}>Add a goal</Button>
        )
      ) : null}
      <section aria-labelledby="goal-list">
        <h2 id="goal-list" className="mb-3 text-lg font-semibold">
          {isMentee ? "Your goals" : `${r.mentee.name}'s goals`}
        </h2>
        <QueryList
          query={goals}
          loadingLabel="Loading goals…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No goals yet">
              <p>
                {isMentee
                  ? "Long-term goals give your mentoring direction. Career, skill, network and holistic goals are all welcome; break each into milestones."
                  : `Goals belong to ${r.mentee.name}. When they add some, you can follow their progress and comment.`}
              </p>
            </EmptyState>
          }
        >
          <ul className="space-y-4">
            {items.map((g) => (
              <GoalCard
                key={g.id}
                relationshipId={r.id}
                goal={g}
                isMentee={isMentee}
                canEdit={open}
                timeZone={timeZone}
              />
            ))}
          </ul>
        </QueryList>
      </section>
    </div>
  );
}
