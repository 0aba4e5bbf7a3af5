import { useEffect, useState } from "react";
import type { FieldErrors } from "../../api/client.ts";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/Field.tsx";
import {
  newQuestion,
  type QuestionDraft,
  type QuestionType,
  slugify,
  TYPE_LABELS,
  uniqueId,
} from "./questionnaire.ts";

const TYPES: QuestionType[] = ["short_text", "choice", "scale"];

const smallButton =
  "rounded-md border border-slate-400 bg-white px-2.5 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-50 disabled:opacity-50";

/** Builds the intake questionnaire: short-text, choice and scale questions, reorderable. */
export function QuestionnaireBuilder({
  questions,
  onChange,
  errors,
}: {
  questions: QuestionDraft[];
  onChange: (questions: QuestionDraft[]) => void;
  errors: FieldErrors;
}) {
  // A new question's text field gets focus, so keyboard users can type it straight away.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  useEffect(() => {
    if (!focusKey) return;
    document.getElementById(`${focusKey}-text`)?.focus();
    setFocusKey(null);
  }, [focusKey]);
  const update = (i: number, patch: Partial<QuestionDraft>) =>
    onChange(
      questions.map((q, j) => {
        if (j !== i) return q;
        const next = { ...q, ...patch };
        if (patch.label !== undefined && !q.idTouched) {
          const taken = new Set(questions.filter((_, k) => k !== i).map((o) => o.id));
          next.id = uniqueId(slugify(patch.label) || (q.type === "short_text" ? "text" : q.type), taken);
        }
        return next;
      }),
    );
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= questions.length) return;
    const next = [...questions];
    const [q] = next.splice(i, 1);
    if (q) next.splice(j, 0, q);
    onChange(next);
  };
  const listError = errors.questionnaire;

  return (
    <div className="space-y-4">
      {questions.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 p-4 text-sm text-slate-700">
          No questions yet. People can enrol without answering anything; add questions to learn their goals,
          availability or experience.
        </p>
      ) : null}
      <ol className="space-y-4">
        {questions.map((q, i) => {
          const err = (field: string) => errors[`questionnaire.${i}.${field}`];
          const n = i + 1;
          return (
            <li key={q.key}>
              <fieldset className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4">
                <legend className="px-1 text-sm font-semibold text-slate-900">
                  Question {n} · {TYPE_LABELS[q.type]}
                </legend>
                <div className="grid gap-3 md:grid-cols-3">
                  <TextField
                    className="space-y-1 md:col-span-2"
                    id={`${q.key}-text`}
                    label={`Question ${n} text`}
                    value={q.label}
                    required
                    onChange={(e) => update(i, { label: e.target.value })}
                    error={err("label")}
                  />
                  <SelectField
                    label={`Question ${n} type`}
                    value={q.type}
                    onChange={(e) => update(i, { type: e.target.value as QuestionType })}
                    options={TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
                  />
                </div>
                {q.type === "short_text" ? (
                  <TextField
                    className="w-56 space-y-1"
                    label={`Question ${n} maximum length`}
                    type="number"
                    min={1}
                    max={2000}
                    value={q.maxLength}
                    onChange={(e) => update(i, { maxLength: e.target.value })}
                    error={err("maxLength")}
                  />
                ) : null}
                {q.type === "choice" ? (
                  <>
                    <TextAreaField
                      label={`Question ${n} options`}
                      hint="One option per line, at least two."
                      rows={4}
                      value={q.options}
                      onChange={(e) => update(i, { options: e.target.value })}
                      error={err("options")}
                    />
                    <CheckboxField
                      label="Allow more than one answer"
                      checked={q.multiple}
                      onChange={(e) => update(i, { multiple: e.target.checked })}
                    />
                  </>
                ) : null}
                {q.type === "scale" ? (
                  <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                    <TextField
                      label={`Question ${n} lowest value`}
                      type="number"
                      min={0}
                      max={10}
                      value={q.min}
                      onChange={(e) => update(i, { min: e.target.value })}
                      error={err("min")}
                    />
                    <TextField
                      label={`Question ${n} highest value`}
                      type="number"
                      min={1}
                      max={10}
                      value={q.max}
                      onChange={(e) => update(i, { max: e.target.value })}
                      error={err("max")}
                    />
                    <TextField
                      label={`Question ${n} lowest label`}
                      placeholder="e.g. Not at all"
                      value={q.minLabel}
                      onChange={(e) => update(i, { minLabel: e.target.value })}
                      error={err("minLabel")}
                    />
                    <TextField
                      label={`Question ${n} highest label`}
                      placeholder="e.g. Very much"
                      value={q.maxLabel}
                      onChange={(e) => update(i, { maxLabel: e.target.value })}
                      error={err("maxLabel")}
                    />
                  </div>
                ) : null}
                <div className="grid items-start gap-4 md:grid-cols-2">
                  <div className="md:pt-7">
                    <CheckboxField
                      label={`Question ${n} needs an answer`}
                      checked={q.required}
                      onChange={(e) => update(i, { required: e.target.checked })}
                    />
                  </div>
                  <TextField
                    className="space-y-1"
                    label={`Question ${n} answer key`}
                    hint="Names this answer in exports."
                    value={q.id}
                    onChange={(e) => update(i, { id: e.target.value, idTouched: true })}
                    error={err("id")}
                  />
                </div>
                <div className="flex flex-wrap gap-2">
                  <button
                    type="button"
                    className={smallButton}
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                  >
                    Move up<span className="sr-only"> question {n}</span>
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    onClick={() => move(i, 1)}
                    disabled={i === questions.length - 1}
                  >
                    Move down<span className="sr-only"> question {n}</span>
                  </button>
                  <button
                    type="button"
                    className={`${smallButton} text-red-800`}
                    onClick={() => onChange(questions.filter((_, j) => j !== i))}
                  >
                    Remove<span className="sr-only"> question {n}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {listError ? <p className="text-sm font-medium text-red-700">{listError}</p> : null}
      <div className="flex flex-wrap gap-2">
        {TYPES.map((t) => (
          <button
            key={t}
            type="button"
            className={smallButton}
            disabled={questions.length >= 30}
            onClick={() => {
              const added = newQuestion(t, questions);
              onChange([...questions, added]);
              setFocusKey(added.key);
            }}
          >
            Add {TYPE_LABELS[t].toLowerCase()} question
          </button>
        ))}
      </div>
    </div>
  );
}
