import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { PersonPicker } from "../../../components/PersonPicker.tsx";
import { RatingField } from "../../../components/RatingField.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  ANONYMOUS_FROM,
  type AssessmentPhase,
  type CoachingAssessments,
  coachingKeys,
  type Engagement,
  num,
  PHASE_LABELS,
} from "../../../lib/coaching.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { CoachingAlert, liveQuery, type TabProps, useRefreshEngagement } from "./shared.tsx";

type Objectives = CoachingAssessments["objectives"];
type Phase = CoachingAssessments["pre"];

const WHEN: Record<AssessmentPhase, string> = {
  pre: "Taken once the objectives are agreed, before the first session is held.",
  post: "Opens after the first session and closes when the engagement is completed.",
};

/**
 * The pre- and post-assessment: the coachee rates themselves on each objective (1–10), and colleagues
 * the coach or the coachee invite rate them too. Colleagues' ratings are anonymous from three raters.
 */
export function AssessmentsTab({ engagement: e }: TabProps) {
  const assessments = useQuery({
    queryKey: coachingKeys.part(e.id, "assessments"),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/coaching/engagements/{id}/assessments", { params: { path: { id: e.id } } })),
  });
  const a = assessments.data;
  return (
    <QueryList
      query={assessments}
      loadingLabel="Loading assessments…"
      isEmpty={!a || a.objectives.length === 0}
      empty={
        <EmptyState title="Nothing to assess yet">
          <p>
            The assessments rate progress on each objective. Set and agree the objectives first (Setup tab).
          </p>
        </EmptyState>
      }
    >
      {a ? (
        <div className="space-y-6">
          <p className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
            The coachee rates themselves from 1 to 10 on each objective, before the first session and again at
            the end. Colleagues can rate too: their answers are anonymous once {ANONYMOUS_FROM} or more are
            asked, and their average is shown only when at least {ANONYMOUS_FROM} have answered.
          </p>
          <div className="grid items-start gap-6 xl:grid-cols-2">
            {(["pre", "post"] as const).map((phase) => (
              <PhaseCard
                key={phase}
                engagement={e}
                phase={phase}
                state={a[phase]}
                objectives={a.objectives}
              />
            ))}
          </div>
        </div>
      ) : null}
    </QueryList>
  );
}

function PhaseCard({
  engagement: e,
  phase,
  state,
  objectives,
}: {
  engagement: Engagement;
  phase: AssessmentPhase;
  state: Phase;
  objectives: Objectives;
}) {
  const [editing, setEditing] = useState(false);
  const isCoachee = e.viewer === "coachee";
  const showForm = isCoachee && state.open && (editing || !state.self);
  const s = state.stakeholders;
  const headingId = `phase-${phase}`;
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {PHASE_LABELS[phase]}
          {state.self ? (
            <Badge tone="green">Self-rating done</Badge>
          ) : state.open ? (
            <Badge tone="amber">Open</Badge>
          ) : (
            <Badge tone="slate">Closed</Badge>
          )}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{WHEN[phase]}</p>

        <h3 className="mb-2 font-semibold">Self-rating</h3>
        {showForm ? (
          <SelfForm
            engagementId={e.id}
            phase={phase}
            objectives={objectives}
            initial={state.self}
            onDone={() => setEditing(false)}
          />
        ) : state.self ? (
          <>
            <RatingList
              objectives={objectives}
              ratings={state.self}
              label={`${PHASE_LABELS[phase]} self-ratings`}
            />
            {isCoachee && state.open ? (
              <Button variant="secondary" className="mt-2" onClick={() => setEditing(true)}>
                Change my ratings
              </Button>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-slate-800">
            {isCoachee
              ? phase === "pre"
                ? "This opens once all three have agreed the objectives."
                : "This opens after your first session."
              : `${e.coachee.name} has not rated themselves yet.`}
          </p>
        )}

        <h3 className="mt-6 mb-2 font-semibold">Colleagues' ratings</h3>
        <p className="text-sm text-slate-800" aria-live="polite">
          {s.invited === 0
            ? "No colleague asked yet."
            : `${s.submitted} of ${s.invited} ${s.invited === 1 ? "colleague has" : "colleagues have"} answered.`}{" "}
          {s.invited > 0
            ? s.anonymous
              ? "Their answers are anonymous."
              : `Their answers are not anonymous until ${ANONYMOUS_FROM} colleagues are asked.`
            : ""}
        </p>
        {s.raters.length ? (
          <ul
            className="mt-2 space-y-1 text-sm"
            aria-label={`Colleagues asked for the ${PHASE_LABELS[phase].toLowerCase()}`}
          >
            {s.raters.map((r) => (
              <li key={r.person.id} className="flex items-center gap-2">
                {r.person.name}
                {r.submitted ? <Badge tone="green">Answered</Badge> : <Badge tone="amber">Waiting</Badge>}
              </li>
            ))}
          </ul>
        ) : null}
        {s.average ? (
          <div className="mt-3">
            <RatingList
              objectives={objectives}
              ratings={s.average}
              label={`${PHASE_LABELS[phase]} average of colleagues' ratings`}
            />
          </div>
        ) : s.submitted > 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            The average appears once {ANONYMOUS_FROM} colleagues have answered, so no one's rating can be
            singled out.
          </p>
        ) : null}
        {e.status === "active" ? <InviteForm engagement={e} phase={phase} /> : null}
      </Card>
    </section>
  );
}

function RatingList({
  objectives,
  ratings,
  label,
}: {
  objectives: Objectives;
  ratings: Record<string, number>;
  label: string;
}) {
  return (
    <ul className="space-y-1 text-sm" aria-label={label}>
      {objectives.map((o) => (
        <li key={o.id} className="flex justify-between gap-4 border-b border-slate-100 py-1">
          <span>{o.title}</span>
          <span className="font-semibold">
            {ratings[o.id] === undefined ? "—" : `${num(ratings[o.id])} / 10`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function SelfForm({
  engagementId,
  phase,
  objectives,
  initial,
  onDone,
}: {
  engagementId: string;
  phase: AssessmentPhase;
  objectives: Objectives;
  initial: Record<string, number> | null;
  onDone: () => void;
}) {
  const toast = useToast();
  const qc = useQueryClient();
  const refresh = useRefreshEngagement(engagementId);
  const [ratings, setRatings] = useState<Record<string, number>>(initial ?? {});
  const [comment, setComment] = useState("");
  const save = useMutation({
    mutationFn: (body: { ratings: { objectiveId: string; rating: number }[]; comment?: string }) =>
      unwrap(
        api.PUT("/api/coaching/engagements/{id}/assessments/{phase}/self", {
          params: { path: { id: engagementId, phase } },
          body,
        }),
      ),
    onSuccess: (next) => {
      qc.setQueryData(coachingKeys.part(engagementId, "assessments"), next);
      refresh();
      onDone();
      toast(`${PHASE_LABELS[phase]} saved.`);
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    for (const o of objectives) {
      if (ratings[o.id] === undefined) errors[`rating-${o.id}`] = `Rate “${o.title}”.`;
    }
    if (!validate(errors)) return;
    save.mutate({
      ratings: objectives.map((o) => ({ objectiveId: o.id, rating: ratings[o.id] ?? 0 })),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4"
      aria-label={`${PHASE_LABELS[phase]}: rate yourself`}
    >
      <CoachingAlert error={shownError} title="Your ratings could not be saved" />
      {objectives.map((o) => (
        <RatingField
          key={o.id}
          label={o.title}
          min={1}
          max={10}
          required
          hint="1 = not at all where I want to be, 10 = fully there."
          value={ratings[o.id] ?? null}
          onChange={(v) => setRatings((r) => ({ ...r, [o.id]: v }))}
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
      <SubmitButton pending={save.isPending}>Save my ratings</SubmitButton>
    </form>
  );
}

type Ref = { id: string; name: string };

function InviteForm({ engagement: e, phase }: { engagement: Engagement; phase: AssessmentPhase }) {
  const toast = useToast();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<Ref[]>([]);
  const invite = useMutation({
    mutationFn: (personIds: string[]) =>
      unwrap(
        api.POST("/api/coaching/engagements/{id}/assessments/{phase}/stakeholders", {
          params: { path: { id: e.id, phase } },
          body: { personIds },
        }),
      ),
    onSuccess: (next) => {
      qc.setQueryData(coachingKeys.part(e.id, "assessments"), next);
      toast(`Asked ${picked.length} ${picked.length === 1 ? "colleague" : "colleagues"} for ratings.`);
      setPicked([]);
    },
  });
  const { shownError, validate } = useClientValidation(invite.error);
  const excluded = new Set([e.coachee.id, e.coach?.id]);
  const add = (p: Ref | null) => {
    if (!p || picked.some((x) => x.id === p.id)) return;
    if (excluded.has(p.id)) {
      validate({ personIds: "Ask colleagues other than the coachee and the coach." });
      return;
    }
    validate({});
    setPicked((xs) => [...xs, p].slice(0, 10));
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!validate(picked.length ? {} : { personIds: "Choose at least one colleague." })) return;
    invite.mutate(picked.map((p) => p.id));
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-4 space-y-3 border-t border-slate-200 pt-4"
      aria-label={`Ask colleagues to rate: ${PHASE_LABELS[phase].toLowerCase()}`}
    >
      <CoachingAlert error={shownError} title="The colleagues could not be asked" />
      <PersonPicker
        label={`Colleague to ask (${PHASE_LABELS[phase].toLowerCase()})`}
        value={null}
        onChange={add}
        hint={`They get an email and rate each objective from 1 to 10. Ask ${ANONYMOUS_FROM} or more to keep their answers anonymous.`}
      />
      {picked.length ? (
        <ul className="space-y-1 text-sm" aria-label="Colleagues to ask">
          {picked.map((p) => (
            <li key={p.id} className="flex items-center gap-2">
              {p.name}
              <button
                type="button"
                className="font-semibold text-emerald-800 underline"
                onClick={() => setPicked((xs) => xs.filter((x) => x.id !== p.id))}
              >
                Remove<span className="sr-only"> {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton variant="secondary" pending={invite.isPending} pendingLabel="Asking…">
        Ask for ratings
      </SubmitButton>
    </form>
  );
}
