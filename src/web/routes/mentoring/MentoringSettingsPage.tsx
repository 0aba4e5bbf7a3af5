import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { CheckboxField, FieldError, SelectField, TextField } from "../../components/Field.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useClientValidation } from "../../lib/forms.ts";
import {
  FORMAT_LABELS,
  MATCH_MODE_LABELS,
  type MatchMode,
  type MatchWeights,
  type MentoringFormat,
  type MentoringSettings,
  mentoringKeys,
  WEIGHT_KEYS,
  WEIGHT_LABELS,
} from "../../lib/mentoring.ts";
import { useProgram } from "../../lib/programs.ts";

const FORMATS = Object.keys(FORMAT_LABELS) as MentoringFormat[];
const MODES = Object.keys(MATCH_MODE_LABELS) as MatchMode[];

/** Whole numbers the form edits, with their range and the server's field path. */
const NUMBERS = {
  mentorCapacity: {
    label: "Mentees per mentor",
    min: 1,
    max: 10,
    hint: "Mentors can lower or raise their own.",
  },
  maxOpenRequests: {
    label: "Open requests per mentee",
    min: 1,
    max: 10,
    hint: "How many mentors a mentee can ask at the same time.",
  },
  requestExpiryDays: {
    label: "Requests expire after (days)",
    min: 1,
    max: 60,
    hint: "Unanswered requests close.",
  },
  defaultDurationMonths: {
    label: "Default duration (months)",
    min: 1,
    max: 36,
    hint: "Proposed in each pair's agreement; 6 to 12 months suits most programs.",
  },
  checkinIntervalMonths: {
    label: "Check-in every (months)",
    min: 1,
    max: 12,
    hint: "Both sides answer a short check-in survey at this interval.",
  },
  mentorsPerMentee: {
    label: "Mentors per mentee",
    min: 1,
    max: 5,
    hint: "How many mentors a mentee may have at once; more than 1 suits panel formats.",
  },
} as const;

/** The ideal seniority gap's range: how many levels the mentor is above the mentee (below, if negative). */
const GAP = { min: -5, max: 10 } as const;
const GAP_LABELS = { min: "Smallest ideal gap", max: "Largest ideal gap" } as const;

/** Shows a score in [0, 1] as a percentage for the form, without floating-point noise. */
const scoreToPercent = (score: number) => String(Math.round(score * 1000) / 10);
type NumberKey = keyof typeof NUMBERS;

function SettingsForm({ programId, settings }: { programId: string; settings: MentoringSettings }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [format, setFormat] = useState<MentoringFormat>(settings.format);
  const [modes, setModes] = useState<MatchMode[]>(settings.matchModes);
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>({
    mentorCapacity: String(settings.mentorCapacity),
    maxOpenRequests: String(settings.maxOpenRequests),
    requestExpiryDays: String(settings.requestExpiryDays),
    defaultDurationMonths: String(settings.defaultDurationMonths),
    checkinIntervalMonths: String(settings.checkinIntervalMonths),
    mentorsPerMentee: String(settings.mentorsPerMentee),
  });
  const [gap, setGap] = useState({
    min: String(settings.idealSeniorityGap.min),
    max: String(settings.idealSeniorityGap.max),
  });
  const [minimumScore, setMinimumScore] = useState(scoreToPercent(settings.minimumScore));
  const [allowBothRoles, setAllowBothRoles] = useState(settings.allowBothRoles);
  const [constraints, setConstraints] = useState({
    notInReportingLine: settings.constraints.notInReportingLine,
    mentorMoreSenior: settings.constraints.mentorMoreSenior,
    sharedLanguage: settings.constraints.sharedLanguage,
  });
  const [maxGap, setMaxGap] = useState(settings.constraints.maxTimeZoneGapHours?.toString() ?? "");
  const [weights, setWeights] = useState<Record<keyof MatchWeights, string>>(
    Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(settings.weights[k])])) as Record<
      keyof MatchWeights,
      string
    >,
  );

  const save = useMutation({
    mutationFn: (body: MentoringSettings) =>
      unwrap(
        api.PATCH("/api/programs/{id}/mentoring/settings", { params: { path: { id: programId } }, body }),
      ),
    onSuccess: (s) => {
      qc.setQueryData(mentoringKeys.settings(programId), s);
      void qc.invalidateQueries({ queryKey: mentoringKeys.recommendations(programId) });
      void qc.invalidateQueries({ queryKey: mentoringKeys.overview(programId) });
      toast("Mentoring settings saved.");
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);

  const changeFormat = (next: MentoringFormat) => {
    setFormat(next);
    // Peer and reverse mentoring pair people who are not more senior; the others expect a senior mentor.
    setConstraints((c) => ({ ...c, mentorMoreSenior: next !== "peer" && next !== "reverse" }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const parsed = {} as Record<NumberKey, number>;
    for (const [key, spec] of Object.entries(NUMBERS) as [NumberKey, (typeof NUMBERS)[NumberKey]][]) {
      const n = Number(numbers[key]);
      if (numbers[key].trim() === "" || !Number.isInteger(n) || n < spec.min || n > spec.max)
        errors[key] = `Enter a whole number from ${spec.min} to ${spec.max}.`;
      parsed[key] = n;
    }
    if (modes.length === 0) errors.matchModes = "Choose at least one way to match.";
    let zoneGap: number | null = null;
    if (maxGap.trim() !== "") {
      zoneGap = Number(maxGap);
      if (!Number.isInteger(zoneGap) || zoneGap < 0 || zoneGap > 12)
        errors["constraints.maxTimeZoneGapHours"] = "Enter 0 to 12 hours, or leave it empty for no limit.";
    }
    const ideal = { min: Number(gap.min), max: Number(gap.max) };
    for (const end of ["min", "max"] as const) {
      const n = ideal[end];
      if (gap[end].trim() === "" || !Number.isInteger(n) || n < GAP.min || n > GAP.max)
        errors[`idealSeniorityGap.${end}`] = `Enter a whole number from ${GAP.min} to ${GAP.max}.`;
    }
    if (!errors["idealSeniorityGap.min"] && !errors["idealSeniorityGap.max"] && ideal.min > ideal.max)
      errors.idealSeniorityGap = "The smallest gap cannot be larger than the largest.";
    const score = Number(minimumScore);
    if (minimumScore.trim() === "" || Number.isNaN(score) || score < 0 || score > 100)
      errors.minimumScore = "Enter a percentage from 0 to 100.";
    const w = {} as MatchWeights;
    for (const k of WEIGHT_KEYS) {
      const n = Number(weights[k]);
      if (weights[k].trim() === "" || Number.isNaN(n) || n < 0 || n > 10)
        errors[`weights.${k}`] = "Enter a weight from 0 to 10.";
      w[k] = n;
    }
    if (!Object.keys(errors).some((k) => k.startsWith("weights.")) && WEIGHT_KEYS.every((k) => w[k] === 0))
      errors.weights = "At least one matching criterion needs a weight.";
    if (!validate(errors)) return;
    save.mutate({
      format,
      matchModes: modes,
      ...parsed,
      allowBothRoles,
      constraints: { ...constraints, maxTimeZoneGapHours: zoneGap },
      weights: w,
      idealSeniorityGap: ideal,
      minimumScore: Math.round(score * 10) / 1000,
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Mentoring settings">
      <FormAlert error={shownError} title="The settings could not be saved" />
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Format and matching</h2>
        <SelectField
          label="Format"
          value={format}
          onChange={(e) => changeFormat(e.target.value as MentoringFormat)}
          options={FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
          hint="Changing the format resets the seniority rule below to the format's usual one."
          error={fields.format}
        />
        <fieldset
          className="space-y-2"
          aria-describedby={fields.matchModes ? "match-modes-error" : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">How pairs are matched</legend>
          {MODES.map((m) => (
            <CheckboxField
              key={m}
              label={MATCH_MODE_LABELS[m].label}
              hint={MATCH_MODE_LABELS[m].hint}
              checked={modes.includes(m)}
              onChange={(e) => setModes((ms) => (e.target.checked ? [...ms, m] : ms.filter((x) => x !== m)))}
            />
          ))}
          <FieldError id="match-modes-error" error={fields.matchModes} />
        </fieldset>
        <TextField
          label="Minimum score for bulk matching (%)"
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step={1}
          required
          value={minimumScore}
          onChange={(e) => setMinimumScore(e.target.value)}
          hint="Bulk matching never proposes a pair whose compatibility score is below this. 0 to 100; 0 allows every pair that meets the rules."
          error={fields.minimumScore}
          className="max-w-xs space-y-1"
        />
        <CheckboxField
          label="People may enrol as both mentor and mentee"
          checked={allowBothRoles}
          onChange={(e) => setAllowBothRoles(e.target.checked)}
        />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Capacity, requests and duration</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {(Object.entries(NUMBERS) as [NumberKey, (typeof NUMBERS)[NumberKey]][]).map(([key, spec]) => (
            <TextField
              key={key}
              label={spec.label}
              type="number"
              inputMode="numeric"
              min={spec.min}
              max={spec.max}
              step={1}
              required
              value={numbers[key]}
              onChange={(e) => setNumbers((n) => ({ ...n, [key]: e.target.value }))}
              hint={`${spec.hint} ${spec.min}–${spec.max}.`}
              error={fields[key]}
            />
          ))}
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Rules every pair must meet</h2>
        <p className="text-sm text-slate-700">
          Pairs that break a rule are never recommended. The program team can still match them with a written
          reason, which is kept in the audit log.
        </p>
        <CheckboxField
          label="The mentor is outside the mentee's reporting line"
          hint="Keeps mentoring free of power: no manager mentors their own report."
          checked={constraints.notInReportingLine}
          onChange={(e) => setConstraints((c) => ({ ...c, notInReportingLine: e.target.checked }))}
        />
        <CheckboxField
          label={
            format === "reverse" ? "The mentor is more junior than the mentee" : "The mentor is more senior"
          }
          hint="Usually off for peer mentoring."
          checked={constraints.mentorMoreSenior}
          onChange={(e) => setConstraints((c) => ({ ...c, mentorMoreSenior: e.target.checked }))}
        />
        <CheckboxField
          label="They share a language"
          checked={constraints.sharedLanguage}
          onChange={(e) => setConstraints((c) => ({ ...c, sharedLanguage: e.target.checked }))}
        />
        <TextField
          label="Largest time-zone gap (hours)"
          type="number"
          inputMode="numeric"
          min={0}
          max={12}
          value={maxGap}
          onChange={(e) => setMaxGap(e.target.value)}
          hint="0 to 12. Leave empty for no limit."
          error={fields["constraints.maxTimeZoneGapHours"]}
          className="max-w-xs space-y-1"
        />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">What counts in a match</h2>
        <p className="text-sm text-slate-700">
          Each criterion scores a pair from 0 to 1; the compatibility score is the weighted average. A weight
          of 0 leaves the criterion out.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {WEIGHT_KEYS.map((k) => (
            <TextField
              key={k}
              label={`Weight: ${WEIGHT_LABELS[k]}`}
              type="number"
              min={0}
              max={10}
              step={0.5}
              required
              value={weights[k]}
              onChange={(e) => setWeights((w) => ({ ...w, [k]: e.target.value }))}
              error={fields[`weights.${k}`]}
            />
          ))}
        </div>
        <FieldError id="weights-error" error={fields.weights} />
        <fieldset
          className="space-y-2"
          aria-describedby={`seniority-gap-hint${fields.idealSeniorityGap ? " seniority-gap-error" : ""}`}
        >
          <legend className="text-sm font-medium text-slate-800">Ideal seniority gap (levels)</legend>
          <p id="seniority-gap-hint" className="text-sm text-slate-600">
            {format === "reverse"
              ? "How many levels the mentee is above the mentor for a full seniority score."
              : "How many levels the mentor is above the mentee for a full seniority score."}{" "}
            A negative number means below. Each level outside the range lowers the score. {GAP.min} to{" "}
            {GAP.max}.
          </p>
          <div className="grid max-w-md gap-4 sm:grid-cols-2">
            {(["min", "max"] as const).map((end) => (
              <TextField
                key={end}
                label={GAP_LABELS[end]}
                type="number"
                inputMode="numeric"
                min={GAP.min}
                max={GAP.max}
                step={1}
                required
                value={gap[end]}
                onChange={(e) => setGap((g) => ({ ...g, [end]: e.target.value }))}
                error={fields[`idealSeniorityGap.${end}`]}
              />
            ))}
          </div>
          <FieldError id="seniority-gap-error" error={fields.idealSeniorityGap} />
        </fieldset>
      </Card>

      <SubmitButton pending={save.isPending}>Save settings</SubmitButton>
    </form>
  );
}

export default function MentoringSettingsPage() {
  const { id = "" } = useParams();
  const program = useProgram(id);
  const canEdit = program.data?.me.canEdit === true && program.data.kind === "mentoring";
  const settings = useQuery({
    queryKey: mentoringKeys.settings(id),
    queryFn: () => unwrap(api.GET("/api/programs/{id}/mentoring/settings", { params: { path: { id } } })),
    enabled: canEdit,
  });
  usePageTitle(program.data ? `Mentoring settings · ${program.data.name}` : "Mentoring settings");
  if (program.isPending || (canEdit && settings.isPending)) return <Loading label="Loading settings…" />;
  const failed = program.error ?? settings.error;
  if (failed) {
    return (
      <>
        <PageHeader title="Mentoring settings" />
        <ErrorState
          error={failed}
          onRetry={() => void (program.error ? program.refetch() : settings.refetch())}
        />
      </>
    );
  }
  const p = program.data;
  return (
    <>
      <BackLink to={`/programs/${id}`}>{p?.name ?? "Program"}</BackLink>
      <PageHeader
        title="Mentoring settings"
        description={
          p ? `${p.name}: how mentees and mentors are matched and how relationships run.` : undefined
        }
      />
      {p && p.kind !== "mentoring" ? (
        <p role="alert">This is not a mentoring program.</p>
      ) : !canEdit || !settings.data ? (
        <p role="alert">Only the program's owner or an org admin can change its mentoring settings.</p>
      ) : (
        <SettingsForm programId={id} settings={settings.data} />
      )}
    </>
  );
}
