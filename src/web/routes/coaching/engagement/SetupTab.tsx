import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  COACH_KIND_LABELS,
  coachingKeys,
  type Engagement,
  MAX_OBJECTIVES,
  num,
  type Objective,
  type ObjectiveInput,
  type ObjectiveTheme,
  PARTIES,
  PARTY_LABELS,
  THEME_OPTIONS,
  themeLabel,
} from "../../../lib/coaching.ts";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { CoachingAlert, liveQuery, nameOf, type TabProps, useSetEngagement } from "./shared.tsx";

/**
 * Before the first session: the coachee chooses a coach after the chemistry calls (when several were
 * proposed), and the coachee, the coach and the sponsor set the objectives and all three agree them.
 */
export function SetupTab(props: TabProps) {
  const e = props.engagement;
  const choosing = !e.coach && e.proposedCoaches.length > 0;
  return (
    <div className="space-y-8">
      {choosing ? <ChemistryStep {...props} /> : null}
      <ObjectivesSection {...props} />
    </div>
  );
}

function ChemistryStep({ engagement: e }: TabProps) {
  const toast = useToast();
  const setEngagement = useSetEngagement(e.id);
  const choose = useMutation({
    mutationFn: (coachId: string) =>
      unwrap(
        api.POST("/api/coaching/engagements/{id}/choose-coach", {
          params: { path: { id: e.id } },
          body: { coachId },
        }),
      ),
    onSuccess: (next) => {
      setEngagement(next as Engagement);
      toast(`You chose ${next.coach?.name ?? "your coach"}. Now set your objectives together.`);
    },
  });
  const isCoachee = e.viewer === "coachee";
  return (
    <section aria-labelledby="chemistry">
      <h2 id="chemistry" className="mb-1 text-lg font-semibold">
        Choose a coach
      </h2>
      <p className="mb-4 text-sm text-slate-800">
        {isCoachee
          ? `${e.proposedCoaches.length} coaches are proposed to you. Have a short chemistry call with each, then choose the one you want to work with.`
          : `Waiting for ${e.coachee.name} to choose a coach after the chemistry calls. The objectives can be agreed once the coach is chosen.`}
      </p>
      <CoachingAlert error={choose.error} title="The coach could not be chosen" />
      <ul className="mt-2 grid gap-4 md:grid-cols-3" aria-label="Proposed coaches">
        {e.proposedCoaches.slice(0, 3).map((c) => (
          <li key={c.person.id}>
            <Card className="flex h-full flex-col gap-2">
              <h3 className="text-base font-semibold">{c.person.name}</h3>
              <p className="text-sm text-slate-700">
                {[c.title, COACH_KIND_LABELS[c.kind]].filter(Boolean).join(" · ")}
              </p>
              <dl className="space-y-1 text-sm">
                <div>
                  <dt className="font-medium text-slate-700">Specialties</dt>
                  <dd>{c.specialties.length ? c.specialties.join(", ") : "None listed"}</dd>
                </div>
                <div>
                  <dt className="font-medium text-slate-700">Languages</dt>
                  <dd>{c.languages.join(", ") || "None listed"}</dd>
                </div>
              </dl>
              {c.bio ? <p className="whitespace-pre-line text-sm text-slate-900">{c.bio}</p> : null}
              {isCoachee ? (
                <Button
                  className="mt-auto"
                  disabled={choose.isPending}
                  onClick={() => choose.mutate(c.person.id)}
                >
                  Choose {c.person.name}
                </Button>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ObjectivesSection({ engagement: e, timeZone }: TabProps) {
  const objectives = useQuery({
    queryKey: coachingKeys.part(e.id, "objectives"),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/coaching/engagements/{id}/objectives", { params: { path: { id: e.id } } })),
  });
  const items = objectives.data?.items ?? [];
  const canEdit = e.myParties.length > 0 && e.status === "setup" && !e.objectivesAgreedAt;
  const [editing, setEditing] = useState(false);
  const showEditor = canEdit && (editing || (objectives.isSuccess && items.length === 0));
  return (
    <section aria-labelledby="objectives">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <h2 id="objectives" className="text-lg font-semibold">
          Objectives
        </h2>
        {canEdit && !showEditor && items.length > 0 ? (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit the objectives
          </Button>
        ) : null}
      </div>
      <p className="mb-4 text-sm text-slate-800">
        One to five objectives, each with a metric you can measure: its unit, where it stands now (the
        baseline) and where you want it to be (the target). Sessions start once the coachee, the coach and the
        sponsor have all agreed them; any change asks all three to agree again.
      </p>
      <QueryList
        query={objectives}
        loadingLabel="Loading the objectives…"
        isEmpty={items.length === 0 && !showEditor}
        empty={
          <EmptyState title="No objectives yet">
            <p>The coachee, the coach and the sponsor set them. Once they are saved, all three agree here.</p>
          </EmptyState>
        }
      >
        {showEditor ? (
          <ObjectivesEditor engagement={e} initial={items} onDone={() => setEditing(false)} />
        ) : (
          <>
            <ObjectiveList items={items} />
            <Agreements engagement={e} timeZone={timeZone} hasObjectives={items.length > 0} />
          </>
        )}
      </QueryList>
    </section>
  );
}

function ObjectiveList({ items }: { items: Objective[] }) {
  return (
    <ol className="mb-6 space-y-3">
      {items.map((o, i) => (
        <li key={o.id} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
          <h3 className="font-semibold">
            {i + 1}. {o.title}
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-800">
            <Badge tone="violet">{themeLabel(o.theme)}</Badge>
            <span>
              {o.metricName} ({o.metricUnit}): from {num(o.baseline)} to {num(o.target)}
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}

interface Draft {
  key: number;
  title: string;
  theme: ObjectiveTheme;
  metricName: string;
  metricUnit: string;
  baseline: string;
  target: string;
}

const blank = (key: number): Draft => ({
  key,
  title: "",
  theme: "leadership",
  metricName: "",
  metricUnit: "",
  baseline: "",
  target: "",
});

function ObjectivesEditor({
  engagement: e,
  initial,
  onDone,
}: {
  engagement: Engagement;
  initial: Objective[];
  onDone: () => void;
}) {
  const toast = useToast();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Draft[]>(() =>
    initial.length
      ? initial.map((o, i) => ({
          key: i,
          title: o.title,
          theme: o.theme,
          metricName: o.metricName,
          metricUnit: o.metricUnit,
          baseline: String(o.baseline),
          target: String(o.target),
        }))
      : [blank(0)],
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const save = useMutation({
    mutationFn: (objectives: ObjectiveInput[]) =>
      unwrap(
        api.PUT("/api/coaching/engagements/{id}/objectives", {
          params: { path: { id: e.id } },
          body: { objectives },
        }),
      ),
    onSuccess: (list) => {
      qc.setQueryData(coachingKeys.part(e.id, "objectives"), list);
      void qc.invalidateQueries({ queryKey: coachingKeys.engagement(e.id) });
      void qc.invalidateQueries({ queryKey: coachingKeys.engagements });
      onDone();
      toast("Objectives saved. All three of you now agree them.");
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);
  const set = (key: number, patch: Partial<Draft>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    rows.forEach((r, i) => {
      const at = `objectives.${i}`;
      if (!r.title.trim()) errors[`${at}.title`] = `Name objective ${i + 1}.`;
      if (!r.metricName.trim()) errors[`${at}.metricName`] = `Say what you measure for objective ${i + 1}.`;
      if (!r.metricUnit.trim()) errors[`${at}.metricUnit`] = `Give the unit of objective ${i + 1}'s metric.`;
      const b = Number(r.baseline);
      const t = Number(r.target);
      if (r.baseline.trim() === "" || !Number.isFinite(b))
        errors[`${at}.baseline`] = `Enter where objective ${i + 1} stands now, as a number.`;
      if (r.target.trim() === "" || !Number.isFinite(t))
        errors[`${at}.target`] = `Enter objective ${i + 1}'s target, as a number.`;
      else if (r.baseline.trim() !== "" && b === t)
        errors[`${at}.target`] = `The target of objective ${i + 1} must differ from its baseline.`;
    });
    if (!validate(errors)) return;
    save.mutate(
      rows.map((r) => ({
        title: r.title.trim(),
        theme: r.theme,
        metricName: r.metricName.trim(),
        metricUnit: r.metricUnit.trim(),
        baseline: Number(r.baseline),
        target: Number(r.target),
      })),
    );
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Objectives">
      <CoachingAlert error={shownError} title="The objectives could not be saved" />
      <ol className="space-y-4">
        {rows.map((r, i) => {
          const at = `objectives.${i}`;
          const n = i + 1;
          return (
            <li key={r.key}>
              <fieldset className="rounded-lg border border-slate-300 bg-white p-4">
                <legend className="px-1 font-semibold">Objective {n}</legend>
                <div className="grid gap-3 md:grid-cols-2">
                  <TextField
                    label={`Objective ${n} title`}
                    required
                    maxLength={200}
                    value={r.title}
                    placeholder="e.g. Delegate more to the team"
                    onChange={(ev) => set(r.key, { title: ev.target.value })}
                    error={fields[`${at}.title`]}
                  />
                  <SelectField
                    label={`Objective ${n} theme`}
                    value={r.theme}
                    options={THEME_OPTIONS}
                    onChange={(ev) => set(r.key, { theme: ev.target.value as ObjectiveTheme })}
                    error={fields[`${at}.theme`]}
                  />
                  <TextField
                    label={`Objective ${n} metric`}
                    required
                    maxLength={120}
                    value={r.metricName}
                    placeholder="e.g. Hours a week on tasks others could do"
                    onChange={(ev) => set(r.key, { metricName: ev.target.value })}
                    error={fields[`${at}.metricName`]}
                  />
                  <TextField
                    label={`Objective ${n} unit`}
                    required
                    maxLength={40}
                    value={r.metricUnit}
                    placeholder="e.g. hours, score 1–10, %"
                    onChange={(ev) => set(r.key, { metricUnit: ev.target.value })}
                    error={fields[`${at}.metricUnit`]}
                  />
                  <TextField
                    label={`Objective ${n} baseline`}
                    required
                    type="number"
                    inputMode="decimal"
                    step="any"
                    value={r.baseline}
                    hint="Where it stands today."
                    onChange={(ev) => set(r.key, { baseline: ev.target.value })}
                    error={fields[`${at}.baseline`]}
                  />
                  <TextField
                    label={`Objective ${n} target`}
                    required
                    type="number"
                    inputMode="decimal"
                    step="any"
                    value={r.target}
                    hint="Where you want it at the end. Lower than the baseline means lower is better."
                    onChange={(ev) => set(r.key, { target: ev.target.value })}
                    error={fields[`${at}.target`]}
                  />
                </div>
                {rows.length > 1 ? (
                  <Button
                    variant="ghost"
                    className="mt-2 px-0"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    Remove objective {n}
                  </Button>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        {rows.length < MAX_OBJECTIVES ? (
          <Button
            variant="secondary"
            onClick={() => {
              setRows((rs) => [...rs, blank(nextKey)]);
              setNextKey((k) => k + 1);
            }}
          >
            Add an objective
          </Button>
        ) : (
          <p className="text-sm text-slate-700">Five objectives at most: focus makes coaching work.</p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={save.isPending}>Save the objectives</SubmitButton>
        {initial.length > 0 ? (
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function Agreements({
  engagement: e,
  timeZone,
  hasObjectives,
}: {
  engagement: Engagement;
  timeZone: string;
  hasObjectives: boolean;
}) {
  const { person } = useSession();
  const toast = useToast();
  const setEngagement = useSetEngagement(e.id);
  const agree = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/coaching/engagements/{id}/objectives/agree", { params: { path: { id: e.id } } })),
    onSuccess: (next) => {
      setEngagement(next as Engagement);
      toast(
        next.status === "active"
          ? "All three agreed. The engagement is active: the coach can schedule the first session."
          : "You agreed the objectives.",
      );
    },
  });
  const agreedBy = new Map(e.agreements.map((a) => [a.party, a]));
  const peopleOf = { coachee: e.coachee, coach: e.coach, sponsor: e.sponsor };
  const pending = e.myParties.filter((p) => !agreedBy.has(p));
  const count = PARTIES.filter((p) => agreedBy.has(p)).length;
  return (
    <Card>
      <h3 className="text-base font-semibold">Agreement</h3>
      <p className="mb-3 text-sm text-slate-800" aria-live="polite">
        {count} of 3 agreed. Sessions start once the coachee, the coach and the sponsor have all agreed.
      </p>
      <ul className="mb-4 space-y-2" aria-label="Who has agreed">
        {PARTIES.map((party) => {
          const a = agreedBy.get(party);
          return (
            <li key={party} className="flex flex-wrap items-center gap-2 text-sm">
              <span
                aria-hidden="true"
                className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-sm font-bold ${
                  a ? "bg-emerald-800 text-white" : "border border-slate-400 bg-white text-slate-500"
                }`}
              >
                {a ? "✓" : ""}
              </span>
              <span className="font-semibold">{PARTY_LABELS[party]}</span>
              <span className="text-slate-800">{nameOf(peopleOf[party], person.id, "not chosen yet")}</span>
              {a ? (
                <Badge tone="green">Agreed {formatDate(a.agreedAt, timeZone)}</Badge>
              ) : (
                <Badge tone="amber">Not agreed yet</Badge>
              )}
            </li>
          );
        })}
      </ul>
      <CoachingAlert error={agree.error} title="Your agreement could not be recorded" />
      {e.status !== "setup" ? null : pending.length > 0 ? (
        !e.coach ? (
          <p className="text-sm text-slate-800">You can agree once the coach is chosen: they agree too.</p>
        ) : !hasObjectives ? null : (
          <Button className="mt-2" disabled={agree.isPending} onClick={() => agree.mutate()}>
            {agree.isPending ? "Agreeing…" : "Agree to these objectives"}
          </Button>
        )
      ) : e.myParties.length > 0 ? (
        <p className="text-sm text-slate-800">You have agreed. Waiting for the others.</p>
      ) : (
        <p className="text-sm text-slate-800">The coachee, the coach and the sponsor agree the objectives.</p>
      )}
    </Card>
  );
}
