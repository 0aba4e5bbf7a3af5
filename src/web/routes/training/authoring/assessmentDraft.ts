import type { FieldErrors, Schemas } from "../../../api/client.ts";
import type { Assessment, QuestionKind, QuizQuestion, RubricCriterion } from "./shared.tsx";

/**
 * The quiz and rubric builders edit drafts: every number as the text typed, so a half-typed value is kept
 * and reported rather than lost. `toQuiz` and `toRubric` check a draft the way the server does and build
 * what it expects. Question, option, criterion and level ids are short keys made here (q1, a, c1, l1…);
 * the server only needs them unique within their list.
 */

export interface OptionDraft {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuestionDraft {
  id: string;
  kind: QuestionKind;
  prompt: string;
  points: string;
  options: OptionDraft[];
  answer: string;
  tolerance: string;
  accepted: string[];
}

export interface LevelDraft {
  id: string;
  label: string;
  points: string;
}

export interface CriterionDraft {
  id: string;
  title: string;
  levels: LevelDraft[];
}

export interface CommonDraft {
  title: string;
  instructions: string;
  required: boolean;
  passMark: string;
}

export interface QuizDraft extends CommonDraft {
  kind: "quiz";
  maxAttempts: string;
  timeLimit: string;
  questions: QuestionDraft[];
}

export interface PracticalDraft extends CommonDraft {
  kind: "practical";
  rubric: CriterionDraft[];
}

export type AssessmentDraft = QuizDraft | PracticalDraft;

export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 12;
export const MAX_CRITERIA = 20;
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 8;

/** The first `prefix1`, `prefix2`… not in `taken`. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The first free letter a–z for an option, then o27, o28… */
export function nextOptionId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let c = 97; c <= 122; c++) {
    const id = String.fromCharCode(c);
    if (!used.has(id)) return id;
  }
  return nextId("o", used);
}

/** "A", "B"… for the option at a position, as authors and trainees read it. */
export const optionLetter = (index: number) =>
  index < 26 ? String.fromCharCode(65 + index) : `${index + 1}`;

export function newQuestion(kind: QuestionKind, existing: readonly QuestionDraft[]): QuestionDraft {
  return {
    id: nextId(
      "q",
      existing.map((q) => q.id),
    ),
    kind,
    prompt: "",
    points: "1",
    options:
      kind === "single" || kind === "multiple"
        ? [
            { id: "a", text: "", correct: false },
            { id: "b", text: "", correct: false },
          ]
        : [],
    answer: "",
    tolerance: "0",
    accepted: [],
  };
}

export function addOption(q: QuestionDraft): QuestionDraft {
  return {
    ...q,
    options: [...q.options, { id: nextOptionId(q.options.map((o) => o.id)), text: "", correct: false }],
  };
}

/** A question of another kind: options are kept for choice questions; single choice keeps one correct. */
export function changeKind(q: QuestionDraft, kind: QuestionKind): QuestionDraft {
  let options = q.options;
  if ((kind === "single" || kind === "multiple") && options.length < 2) {
    options = [...options];
    while (options.length < 2)
      options.push({ id: nextOptionId(options.map((o) => o.id)), text: "", correct: false });
  }
  if (kind === "single") {
    const first = options.findIndex((o) => o.correct);
    options = options.map((o, i) => ({ ...o, correct: i === first }));
  }
  return { ...q, kind, options };
}

/** Marks an option correct: the only one for single choice, one more for multiple choice. */
export function markCorrect(q: QuestionDraft, optionId: string, correct: boolean): QuestionDraft {
  return {
    ...q,
    options: q.options.map((o) =>
      o.id === optionId ? { ...o, correct } : q.kind === "single" && correct ? { ...o, correct: false } : o,
    ),
  };
}

export function newCriterion(existing: readonly CriterionDraft[]): CriterionDraft {
  return {
    id: nextId(
      "c",
      existing.map((c) => c.id),
    ),
    title: "",
    levels: [
      { id: "l1", label: "Not yet", points: "0" },
      { id: "l2", label: "Meets the standard", points: "1" },
      { id: "l3", label: "Exceeds the standard", points: "2" },
    ],
  };
}

export function addLevel(c: CriterionDraft): CriterionDraft {
  const top = Math.max(0, ...c.levels.map((l) => Number(l.points) || 0));
  return {
    ...c,
    levels: [
      ...c.levels,
      {
        id: nextId(
          "l",
          c.levels.map((l) => l.id),
        ),
        label: "",
        points: String(top + 1),
      },
    ],
  };
}

export function newDraft(kind: "quiz" | "practical"): AssessmentDraft {
  const common = { title: "", instructions: "", required: true, passMark: kind === "quiz" ? "80" : "60" };
  return kind === "quiz"
    ? { ...common, kind, maxAttempts: "3", timeLimit: "", questions: [newQuestion("single", [])] }
    : { ...common, kind, rubric: [newCriterion([])] };
}

function questionDraft(q: QuizQuestion): QuestionDraft {
  const base = {
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    points: String(q.points),
    options: [],
    answer: "",
    tolerance: "0",
    accepted: [],
  };
  switch (q.kind) {
    case "single":
    case "multiple":
      return {
        ...base,
        options: q.options.map((o) => ({ ...o, correct: q.correctOptionIds.includes(o.id) })),
      };
    case "numeric":
      return { ...base, answer: String(q.answer), tolerance: String(q.tolerance) };
    case "short":
      return { ...base, accepted: q.acceptedAnswers };
  }
}

/** An assessment as its author sees it (with the answer key), as a draft to edit. */
export function toDraft(a: Assessment): AssessmentDraft {
  const common = {
    title: a.title,
    instructions: a.instructions,
    required: a.required,
    passMark: String(a.passMarkPct),
  };
  if (a.kind === "practical") {
    return {
      ...common,
      kind: "practical",
      rubric: a.rubric.map((c) => ({
        id: c.id,
        title: c.title,
        levels: c.levels.map((l) => ({ id: l.id, label: l.label, points: String(l.points) })),
      })),
    };
  }
  return {
    ...common,
    kind: "quiz",
    maxAttempts: a.maxAttempts === null ? "" : String(a.maxAttempts),
    timeLimit: a.timeLimitMinutes === null ? "" : String(a.timeLimitMinutes),
    questions: (a.questions ?? []).map(questionDraft),
  };
}

const int = (s: string) => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : null);
const decimal = (s: string) => (s.trim() === "" ? null : Number.isFinite(Number(s)) ? Number(s) : null);

type AssessmentInput = Schemas["AssessmentInput"];
type QuizInput = Extract<AssessmentInput, { kind: "quiz" }>;
type PracticalInput = Extract<AssessmentInput, { kind: "practical" }>;

interface Checked<T> {
  value: T | null;
  errors: FieldErrors;
}

function checkCommon(d: CommonDraft, errors: FieldErrors) {
  const passMarkPct = int(d.passMark);
  if (!d.title.trim()) errors.title = "Give the assessment a title.";
  else if (d.title.trim().length > 160) errors.title = "Keep the title to 160 characters.";
  if (d.instructions.length > 4000) errors.instructions = "Keep the instructions to 4000 characters.";
  if (passMarkPct === null || passMarkPct < 0 || passMarkPct > 100)
    errors.passMarkPct = "Enter a whole percentage from 0 to 100.";
  return {
    title: d.title.trim(),
    instructions: d.instructions.trim(),
    required: d.required,
    passMarkPct: passMarkPct ?? 0,
  };
}

function checkQuestion(q: QuestionDraft, i: number, errors: FieldErrors): QuizQuestion {
  const at = `questions.${i}`;
  const n = i + 1;
  const points = int(q.points);
  if (!q.prompt.trim()) errors[`${at}.prompt`] = `Write the text of question ${n}.`;
  else if (q.prompt.trim().length > 2000) errors[`${at}.prompt`] = "Keep a question to 2000 characters.";
  if (points === null || points < 1 || points > 100)
    errors[`${at}.points`] = "Enter whole points from 1 to 100.";
  const base = { id: q.id, prompt: q.prompt.trim(), points: points ?? 1 };
  if (q.kind === "single" || q.kind === "multiple") {
    q.options.forEach((o, j) => {
      if (!o.text.trim())
        errors[`${at}.options.${j}.text`] = `Write option ${optionLetter(j)} of question ${n}, or remove it.`;
      else if (o.text.trim().length > 500)
        errors[`${at}.options.${j}.text`] = "Keep an option to 500 characters.";
    });
    if (q.options.length < 2) errors[`${at}.options`] = `Give question ${n} at least two options.`;
    else if (q.options.length > MAX_OPTIONS)
      errors[`${at}.options`] = `Give question ${n} at most ${MAX_OPTIONS} options.`;
    const correct = q.options.filter((o) => o.correct).map((o) => o.id);
    if (correct.length === 0)
      errors[`${at}.correctOptionIds`] =
        q.kind === "single"
          ? `Mark the correct option of question ${n}.`
          : `Mark at least one correct option of question ${n}.`;
    else if (q.kind === "single" && correct.length > 1)
      errors[`${at}.correctOptionIds`] = `Question ${n} is single choice: mark exactly one option correct.`;
    return {
      ...base,
      kind: q.kind,
      options: q.options.map((o) => ({ id: o.id, text: o.text.trim() })),
      correctOptionIds: correct,
    };
  }
  if (q.kind === "numeric") {
    const answer = decimal(q.answer);
    const tolerance = q.tolerance.trim() === "" ? 0 : decimal(q.tolerance);
    if (answer === null) errors[`${at}.answer`] = `Enter the correct number for question ${n}.`;
    if (tolerance === null || tolerance < 0)
      errors[`${at}.tolerance`] = "Enter a tolerance of 0 or more (0 means the exact number).";
    return { ...base, kind: "numeric", answer: answer ?? 0, tolerance: tolerance ?? 0 };
  }
  const accepted = q.accepted.map((a) => a.trim()).filter(Boolean);
  if (accepted.length === 0)
    errors[`${at}.acceptedAnswers`] = `Add at least one accepted answer to question ${n}.`;
  else if (accepted.some((a) => a.length > 200))
    errors[`${at}.acceptedAnswers`] = "Keep each accepted answer to 200 characters.";
  return { ...base, kind: "short", acceptedAnswers: accepted };
}

export function toQuiz(d: QuizDraft): Checked<QuizInput> {
  const errors: FieldErrors = {};
  const common = checkCommon(d, errors);
  const maxAttempts = int(d.maxAttempts);
  const timeLimit = d.timeLimit.trim() === "" ? null : int(d.timeLimit);
  if (maxAttempts === null || maxAttempts < 1 || maxAttempts > 20)
    errors.maxAttempts = "Enter a whole number of attempts from 1 to 20.";
  if (d.timeLimit.trim() !== "" && (timeLimit === null || timeLimit < 1 || timeLimit > 600))
    errors.timeLimitMinutes = "Enter whole minutes from 1 to 600, or leave it empty for no limit.";
  if (d.questions.length === 0) errors.questions = "Add at least one question.";
  else if (d.questions.length > MAX_QUESTIONS)
    errors.questions = `A quiz has at most ${MAX_QUESTIONS} questions.`;
  const questions = d.questions.map((q, i) => checkQuestion(q, i, errors));
  const value: QuizInput = {
    ...common,
    kind: "quiz",
    maxAttempts: maxAttempts ?? 1,
    timeLimitMinutes: timeLimit,
    questions,
  };
  return { value: Object.keys(errors).length ? null : value, errors };
}

export function toRubric(d: PracticalDraft): Checked<PracticalInput> {
  const errors: FieldErrors = {};
  const common = checkCommon(d, errors);
  if (d.rubric.length === 0) errors.rubric = "Add at least one criterion.";
  else if (d.rubric.length > MAX_CRITERIA) errors.rubric = `A rubric has at most ${MAX_CRITERIA} criteria.`;
  const rubric: RubricCriterion[] = d.rubric.map((c, i) => {
    const at = `rubric.${i}`;
    const n = i + 1;
    if (!c.title.trim()) errors[`${at}.title`] = `Name criterion ${n}.`;
    else if (c.title.trim().length > 200) errors[`${at}.title`] = "Keep a criterion to 200 characters.";
    if (c.levels.length < MIN_LEVELS) errors[`${at}.levels`] = `Give criterion ${n} at least two levels.`;
    else if (c.levels.length > MAX_LEVELS)
      errors[`${at}.levels`] = `Give criterion ${n} at most ${MAX_LEVELS} levels.`;
    return {
      id: c.id,
      title: c.title.trim(),
      levels: c.levels.map((l, j) => {
        const points = int(l.points);
        if (!l.label.trim()) errors[`${at}.levels.${j}.label`] = `Name level ${j + 1} of criterion ${n}.`;
        else if (l.label.trim().length > 120)
          errors[`${at}.levels.${j}.label`] = "Keep a level to 120 characters.";
        if (points === null || points < 0 || points > 100)
          errors[`${at}.levels.${j}.points`] = "Enter whole points from 0 to 100.";
        return { id: l.id, label: l.label.trim(), points: points ?? 0 };
      }),
    };
  });
  const value: PracticalInput = { ...common, kind: "practical", rubric };
  return { value: Object.keys(errors).length ? null : value, errors };
}

/** The most points a rubric gives: each criterion's best level, added up. */
export const rubricMaxPoints = (criteria: readonly { levels: readonly { points: number }[] }[]) =>
  criteria.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0);
