import { type FormEvent, useState } from "react";
import {
  type FieldErrors,
  fieldErrorsOf,
  type Program,
  type ProgramKind,
  type Question,
} from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { FacetPicker } from "../../components/FacetPicker.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/Field.tsx";
import { Card } from "../../components/Page.tsx";
import { fromLocalInput, toLocalInput, zoneLabel } from "../../lib/dates.ts";
import { useClientValidation } from "../../lib/forms.ts";
import { KIND_LABELS, PROGRAM_KINDS } from "../../lib/labels.ts";
import { SENIORITY_OPTIONS } from "../people/AdminPersonForms.tsx";
import { QuestionnaireBuilder } from "./QuestionnaireBuilder.tsx";
import { buildQuestionnaire, type QuestionDraft, toDraft } from "./questionnaire.ts";

export type ProgramStatus = Program["status"];

export interface ProgramValues {
  kind: ProgramKind;
  name: string;
  description: string;
  status: ProgramStatus;
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  eligibility: { departments: string[]; minSeniority: number | null; maxSeniority: number | null };
  questionnaire: Question[];
  leadershipTrack: boolean;
}

const KIND_HINTS: Record<ProgramKind, string> = {
  mentoring: "Long-horizon relationships: people enrol as mentors or mentees.",
  coaching: "Short, goal-focused engagements with a session budget: people enrol as coachees.",
  training: "Courses with a curriculum, cohorts and assessments: people enrol as trainees.",
};

function defaultWindow(timeZone: string) {
  // Enrolment opens at the start of the current hour (so a published program is open at once) for 30 days.
  const opens = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const closes = new Date(opens.getTime() + 30 * 86_400_000);
  return {
    opens: toLocalInput(opens.toISOString(), timeZone),
    closes: toLocalInput(closes.toISOString(), timeZone),
  };
}

/** The create and edit form for a program; `onSubmit` sends it and throws the server's error. */
export function ProgramForm({
  program,
  timeZone,
  onSubmit,
  pending,
  error,
  submitLabel,
}: {
  program?: Program;
  timeZone: string;
  onSubmit: (values: ProgramValues) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
}) {
  const initialWindow = defaultWindow(timeZone);
  const [kind, setKind] = useState<ProgramKind>(program?.kind ?? "mentoring");
  const [name, setName] = useState(program?.name ?? "");
  const [description, setDescription] = useState(program?.description ?? "");
  const [status, setStatus] = useState<ProgramStatus>(program?.status ?? "draft");
  const [opens, setOpens] = useState(
    program ? toLocalInput(program.enrolmentOpensAt, timeZone) : initialWindow.opens,
  );
  const [closes, setCloses] = useState(
    program ? toLocalInput(program.enrolmentClosesAt, timeZone) : initialWindow.closes,
  );
  const [departments, setDepartments] = useState<string[]>(program?.eligibility.departments ?? []);
  const [minSeniority, setMinSeniority] = useState(program?.eligibility.minSeniority?.toString() ?? "");
  const [maxSeniority, setMaxSeniority] = useState(program?.eligibility.maxSeniority?.toString() ?? "");
  const [questions, setQuestions] = useState<QuestionDraft[]>(program?.questionnaire.map(toDraft) ?? []);
  const [leadershipTrack, setLeadershipTrack] = useState(program?.leadershipTrack ?? false);

  const { shownError, validate } = useClientValidation(error);
  const fields = fieldErrorsOf(shownError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (name.trim().length < 3) errors.name = "Give the program a name of at least 3 characters.";
    if (description.length > 5000) errors.description = "Keep the description under 5000 characters.";
    const opensAt = fromLocalInput(opens, timeZone);
    const closesAt = fromLocalInput(closes, timeZone);
    if (!opensAt) errors.enrolmentOpensAt = "Pick when enrolment opens.";
    if (!closesAt) errors.enrolmentClosesAt = "Pick when enrolment closes.";
    else if (opensAt && new Date(closesAt) <= new Date(opensAt))
      errors.enrolmentClosesAt = "Enrolment must close after it opens.";
    const min = minSeniority ? Number(minSeniority) : null;
    const max = maxSeniority ? Number(maxSeniority) : null;
    if (min !== null && max !== null && min > max)
      errors["eligibility.maxSeniority"] = "The highest level must not be below the lowest.";
    const built = buildQuestionnaire(questions);
    Object.assign(errors, built.errors);
    if (!validate(errors)) return;
    onSubmit({
      kind,
      name: name.trim(),
      description: description.trim(),
      status,
      enrolmentOpensAt: opensAt ?? "",
      enrolmentClosesAt: closesAt ?? "",
      eligibility: { departments, minSeniority: min, maxSeniority: max },
      questionnaire: built.questions,
      leadershipTrack: kind === "mentoring" && leadershipTrack,
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={submitLabel}>
      <FormAlert error={shownError} title="The program could not be saved" />
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Basics</h2>
        {program ? (
          <p className="text-sm text-slate-800">
            Kind: <strong>{KIND_LABELS[program.kind]}</strong> (fixed once created)
          </p>
        ) : (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Kind</legend>
            <div className="mt-2 grid gap-2 md:grid-cols-3">
              {PROGRAM_KINDS.map((k) => (
                <label
                  key={k}
                  className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
                    kind === k ? "border-emerald-700 bg-emerald-50" : "border-slate-300 bg-white"
                  }`}
                >
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                    className="mt-1"
                  />
                  <span>
                    <span className="block font-semibold">{KIND_LABELS[k]}</span>
                    <span className="text-slate-700">{KIND_HINTS[k]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <TextField
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
        />
        <TextAreaField
          label="Description"
          hint="What participants get, the time commitment, and who it is for."
          rows={5}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fields.description}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ProgramStatus)}
          hint="Drafts are visible only to program managers and admins. Publish to let people enrol."
          options={[
            { value: "draft", label: "Draft" },
            { value: "published", label: "Published" },
            ...(program ? [{ value: "archived", label: "Archived" }] : []),
          ]}
          error={fields.status}
        />
        {kind === "mentoring" ? (
          <CheckboxField
            label="Leadership track"
            hint="Its mentees appear in the succession view."
            checked={leadershipTrack}
            onChange={(e) => setLeadershipTrack(e.target.checked)}
          />
        ) : null}
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Enrolment window</h2>
        <p className="text-sm text-slate-700">Times are in your time zone, {zoneLabel(timeZone)}.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Enrolment opens"
            type="datetime-local"
            required
            value={opens}
            onChange={(e) => setOpens(e.target.value)}
            error={fields.enrolmentOpensAt}
          />
          <TextField
            label="Enrolment closes"
            type="datetime-local"
            required
            value={closes}
            onChange={(e) => setCloses(e.target.value)}
            error={fields.enrolmentClosesAt}
          />
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Who can enrol</h2>
        <FacetPicker
          facet="department"
          label="Departments"
          noun="departments"
          values={departments}
          onChange={setDepartments}
          max={50}
          allowNew
          none="None: the program is open to every department."
          hint="Choose departments to open the program to them only. A department nobody is in yet can be added as typed."
          error={fields["eligibility.departments"]}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Lowest seniority level"
            value={minSeniority}
            onChange={(e) => setMinSeniority(e.target.value)}
            placeholder="Any"
            options={SENIORITY_OPTIONS}
            error={fields["eligibility.minSeniority"]}
          />
          <SelectField
            label="Highest seniority level"
            value={maxSeniority}
            onChange={(e) => setMaxSeniority(e.target.value)}
            placeholder="Any"
            options={SENIORITY_OPTIONS}
            error={fields["eligibility.maxSeniority"]}
          />
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Intake questionnaire</h2>
        <p className="text-sm text-slate-700">
          People answer these questions when they enrol.
          {program && program.enrolledCount > 0
            ? " People who already enrolled keep the answers they gave."
            : ""}
        </p>
        <QuestionnaireBuilder questions={questions} onChange={setQuestions} errors={fields} />
      </Card>

      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
