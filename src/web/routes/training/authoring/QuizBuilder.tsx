import { useEffect, useId, useState } from "react";
import type { FieldErrors } from "../../../api/client.ts";
import { FieldError, inputClass, SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { TagListEditor } from "../../../components/TagListEditor.tsx";
import {
  addOption,
  changeKind,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  markCorrect,
  newQuestion,
  optionLetter,
  type QuestionDraft,
} from "./assessmentDraft.ts";
import {
  ListItemActions,
  QUESTION_KIND_LABELS,
  type QuestionKind,
  smallButton,
  smallDangerButton,
} from "./shared.tsx";

const KINDS = Object.keys(QUESTION_KIND_LABELS) as QuestionKind[];

const KIND_HINTS: Record<QuestionKind, string> = {
  single: "One correct option.",
  multiple: "Every correct option and no other, all or nothing.",
  numeric: "A number, right within a tolerance.",
  short: "A word or phrase; case and spacing are ignored.",
};

const ADD_LABELS: Record<QuestionKind, string> = {
  single: "Add a single-choice question",
  multiple: "Add a multiple-choice question",
  numeric: "Add a number question",
  short: "Add a short-answer question",
};

function ChoiceOptions({
  q,
  n,
  at,
  errors,
  onChange,
  focusOption,
}: {
  q: QuestionDraft;
  n: number;
  at: string;
  errors: FieldErrors;
  onChange: (q: QuestionDraft) => void;
  focusOption: (id: string) => void;
}) {
  const base = useId();
  const single = q.kind === "single";
  const keyError = errors[`${at}.correctOptionIds`];
  const listError = errors[`${at}.options`];
  const errorId = `${base}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={keyError || listError ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Question {n} options and answer key</legend>
      <p className="text-sm text-slate-600">
        {single ? "Choose the one correct option." : "Tick every correct option."}
      </p>
      <ol className="space-y-2">
        {q.options.map((o, j) => {
          const letter = optionLetter(j);
          const textId = `${base}-${o.id}-text`;
          const textError = errors[`${at}.options.${j}.text`];
          return (
            <li key={o.id} className="flex flex-wrap items-start gap-2">
              <label htmlFor={textId} className="w-full text-sm font-medium text-slate-800 sm:w-auto sm:pt-2">
                <span className="sr-only">Question {n} option </span>
                {letter}
              </label>
              <div className="min-w-48 flex-1 space-y-1">
                <input
                  id={textId}
                  className={inputClass}
                  value={o.text}
                  maxLength={500}
                  onChange={(e) =>
                    onChange({
                      ...q,
                      options: q.options.map((x) => (x.id === o.id ? { ...x, text: e.target.value } : x)),
                    })
                  }
                  aria-invalid={textError ? true : undefined}
                  aria-describedby={textError ? `${textId}-error` : undefined}
                />
                <FieldError id={`${textId}-error`} error={textError} />
              </div>
              <label className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
                <input
                  type={single ? "radio" : "checkbox"}
                  name={single ? `${base}-correct` : undefined}
                  checked={o.correct}
                  onChange={(e) => onChange(markCorrect(q, o.id, e.target.checked))}
                  className="h-4 w-4"
                />
                Correct
                <span className="sr-only">
                  {" "}
                  answer to question {n}: option {letter}
                </span>
              </label>
              <button
                type="button"
                className={`${smallDangerButton} mt-1`}
                disabled={q.options.length <= 2}
                onClick={() => onChange({ ...q, options: q.options.filter((x) => x.id !== o.id) })}
              >
                Remove
                <span className="sr-only">
                  {" "}
                  option {letter} of question {n}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <FieldError id={errorId} error={keyError ?? listError} />
      <button
        type="button"
        className={smallButton}
        disabled={q.options.length >= MAX_OPTIONS}
        onClick={() => {
          const next = addOption(q);
          onChange(next);
          const added = next.options.at(-1);
          if (added) focusOption(`${base}-${added.id}-text`);
        }}
      >
        Add an option<span className="sr-only"> to question {n}</span>
      </button>
    </fieldset>
  );
}

/**
 * Builds a quiz's questions with their answer key: single and multiple choice (options, the correct ones),
 * a number (the answer and a tolerance) and a short answer (the accepted answers). Questions can be
 * reordered and removed; a new question's text gets focus.
 */
export function QuizBuilder({
  questions,
  onChange,
  errors,
}: {
  questions: QuestionDraft[];
  onChange: (questions: QuestionDraft[]) => void;
  errors: FieldErrors;
}) {
  const base = useId();
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const update = (i: number, q: QuestionDraft) => onChange(questions.map((x, j) => (j === i ? q : x)));
  const totalPoints = questions.reduce((s, q) => s + (Number(q.points) || 0), 0);

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" aria-live="polite">
        {questions.length === 0
          ? "No questions yet. Add the first one below."
          : `${questions.length} ${questions.length === 1 ? "question" : "questions"}, ${totalPoints} ${totalPoints === 1 ? "point" : "points"} in all.`}
      </p>
      <ol className="space-y-4">
        {questions.map((q, i) => {
          const n = i + 1;
          const at = `questions.${i}`;
          return (
            <li key={q.id}>
              <fieldset className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4">
                <legend className="px-1 text-sm font-semibold text-slate-900">
                  Question {n} · {QUESTION_KIND_LABELS[q.kind]}
                </legend>
                <TextAreaField
                  id={`${base}-${q.id}-prompt`}
                  label={`Question ${n} text`}
                  required
                  rows={2}
                  maxLength={2000}
                  value={q.prompt}
                  onChange={(e) => update(i, { ...q, prompt: e.target.value })}
                  error={errors[`${at}.prompt`]}
                />
                <div className="grid gap-3 sm:grid-cols-2">
                  <SelectField
                    label={`Question ${n} kind`}
                    value={q.kind}
                    onChange={(e) => update(i, changeKind(q, e.target.value as QuestionKind))}
                    options={KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] }))}
                    hint={KIND_HINTS[q.kind]}
                  />
                  <TextField
                    label={`Question ${n} points`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={100}
                    value={q.points}
                    onChange={(e) => update(i, { ...q, points: e.target.value })}
                    error={errors[`${at}.points`]}
                  />
                </div>
                {q.kind === "single" || q.kind === "multiple" ? (
                  <ChoiceOptions
                    q={q}
                    n={n}
                    at={at}
                    errors={errors}
                    onChange={(next) => update(i, next)}
                    focusOption={setFocusId}
                  />
                ) : null}
                {q.kind === "numeric" ? (
                  <div className="grid gap-3 sm:grid-cols-2">
                    <TextField
                      label={`Question ${n} correct answer`}
                      type="number"
                      step="any"
                      required
                      value={q.answer}
                      onChange={(e) => update(i, { ...q, answer: e.target.value })}
                      error={errors[`${at}.answer`]}
                    />
                    <TextField
                      label={`Question ${n} tolerance (±)`}
                      type="number"
                      step="any"
                      min={0}
                      value={q.tolerance}
                      onChange={(e) => update(i, { ...q, tolerance: e.target.value })}
                      hint="Answers this close to the correct one count as right. 0 for the exact number."
                      error={errors[`${at}.tolerance`]}
                    />
                  </div>
                ) : null}
                {q.kind === "short" ? (
                  <TagListEditor
                    label={`Question ${n} accepted answers`}
                    values={q.accepted}
                    onChange={(accepted) => update(i, { ...q, accepted })}
                    max={20}
                    placeholder="e.g. active listening"
                    hint="Every answer that counts as right. Case and extra spaces are ignored."
                    error={errors[`${at}.acceptedAnswers`]}
                  />
                ) : null}
                <ListItemActions name={`question ${n}`} items={questions} index={i} onChange={onChange} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      {errors.questions ? <p className="text-sm font-medium text-red-700">{errors.questions}</p> : null}
      <div className="flex flex-wrap gap-2">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={smallButton}
            disabled={questions.length >= MAX_QUESTIONS}
            onClick={() => {
              const added = newQuestion(k, questions);
              onChange([...questions, added]);
              setFocusId(`${base}-${added.id}-prompt`);
            }}
          >
            {ADD_LABELS[k]}
          </button>
        ))}
      </div>
    </div>
  );
}
