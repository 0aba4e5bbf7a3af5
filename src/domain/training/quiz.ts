export const QUESTION_KINDS = ["single", "multiple", "numeric", "short"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuizOption {
  id: string;
  text: string;
}

interface QuestionBase {
  id: string;
  prompt: string;
  points: number;
}

/** A question as the author wrote it, answer key included. It never leaves the server for a trainee. */
export type Question =
  | (QuestionBase & { kind: "single"; options: QuizOption[]; correctOptionIds: string[] })
  | (QuestionBase & { kind: "multiple"; options: QuizOption[]; correctOptionIds: string[] })
  | (QuestionBase & { kind: "numeric"; answer: number; tolerance: number })
  | (QuestionBase & { kind: "short"; acceptedAnswers: string[] });

/** What a trainee sees of a question: the prompt and the choices, no key. */
export type PublicQuestion =
  | (QuestionBase & { kind: "single" | "multiple"; options: QuizOption[] })
  | (QuestionBase & { kind: "numeric" | "short" });

export type Answer = string | string[] | number | null;

export function publicQuestion(q: Question): PublicQuestion {
  const base = { id: q.id, prompt: q.prompt, points: q.points };
  if (q.kind === "single" || q.kind === "multiple") {
    return { ...base, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text })) };
  }
  return { ...base, kind: q.kind };
}

/** Problems with a quiz definition, in words an author can fix; empty when it is sound. */
export function questionProblems(questions: readonly Question[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    const where = `Question ${i + 1}`;
    if (ids.has(q.id)) problems.push(`${where} repeats the id "${q.id}".`);
    ids.add(q.id);
    if (q.kind === "single" || q.kind === "multiple") {
      const optionIds = new Set(q.options.map((o) => o.id));
      if (optionIds.size !== q.options.length) problems.push(`${where} repeats an option id.`);
      if (q.options.length < 2) problems.push(`${where} needs at least two options.`);
      if (q.correctOptionIds.some((id) => !optionIds.has(id)))
        problems.push(`${where} marks an option as correct that it does not have.`);
      if (q.kind === "single" && q.correctOptionIds.length !== 1)
        problems.push(`${where} is single choice, so exactly one option must be correct.`);
      if (q.kind === "multiple" && q.correctOptionIds.length < 1)
        problems.push(`${where} needs at least one correct option.`);
    }
    if (q.kind === "short" && !q.acceptedAnswers.some((a) => normalizeShort(a) !== ""))
      problems.push(`${where} needs at least one accepted answer.`);
  });
  return problems;
}

const normalizeShort = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

function isCorrect(q: Question, answer: Answer): boolean {
  switch (q.kind) {
    case "single":
      return typeof answer === "string" && q.correctOptionIds[0] === answer;
    case "multiple": {
      if (!Array.isArray(answer)) return false;
      const given = new Set(answer);
      return given.size === q.correctOptionIds.length && q.correctOptionIds.every((id) => given.has(id));
    }
    case "numeric":
      return (
        typeof answer === "number" && Number.isFinite(answer) && Math.abs(answer - q.answer) <= q.tolerance
      );
    case "short":
      return (
        typeof answer === "string" &&
        q.acceptedAnswers.some((a) => normalizeShort(a) === normalizeShort(answer))
      );
  }
}

export interface QuizResult {
  points: number;
  maxPoints: number;
  /** 0–100, one decimal. */
  scorePct: number;
  passed: boolean;
  /** Right or wrong per question; the key itself is not part of the result. */
  questions: { id: string; correct: boolean; points: number }[];
}

/** Multiple choice is all-or-nothing: every correct option and no other. Short answers ignore case and spacing. */
export function gradeQuiz(
  questions: readonly Question[],
  answers: Readonly<Record<string, Answer>>,
  passMarkPct: number,
): QuizResult {
  let points = 0;
  let maxPoints = 0;
  const out = questions.map((q) => {
    maxPoints += q.points;
    const correct = isCorrect(q, answers[q.id] ?? null);
    if (correct) points += q.points;
    return { id: q.id, correct, points: correct ? q.points : 0 };
  });
  const scorePct = maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
  return { points, maxPoints, scorePct, passed: scorePct >= passMarkPct, questions: out };
}
