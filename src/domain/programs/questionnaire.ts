export type Question =
  | { id: string; type: "short_text"; label: string; required: boolean; maxLength: number }
  | { id: string; type: "choice"; label: string; required: boolean; options: string[]; multiple: boolean }
  | {
      id: string;
      type: "scale";
      label: string;
      required: boolean;
      min: number;
      max: number;
      minLabel?: string;
      maxLabel?: string;
    };

export type Answer = string | string[] | number;

export interface AnswerProblem {
  questionId: string;
  message: string;
}

/** Checks answers against the program's questionnaire. Unknown question ids are problems too. */
export function checkAnswers(
  questions: readonly Question[],
  answers: Record<string, Answer>,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ questionId: id, message: "Not a question of this program." });
  }
  for (const q of questions) {
    const a = answers[q.id];
    const empty = a === undefined || a === "" || (Array.isArray(a) && a.length === 0);
    if (empty) {
      if (q.required) problems.push({ questionId: q.id, message: `"${q.label}" needs an answer.` });
      continue;
    }
    switch (q.type) {
      case "short_text":
        if (typeof a !== "string") problems.push({ questionId: q.id, message: "Answer with text." });
        else if (a.length > q.maxLength)
          problems.push({ questionId: q.id, message: `Keep it under ${q.maxLength} characters.` });
        break;
      case "choice": {
        const picked = Array.isArray(a) ? a : [a];
        if (!q.multiple && Array.isArray(a) && a.length > 1)
          problems.push({ questionId: q.id, message: "Pick one option." });
        else if (picked.some((p) => typeof p !== "string" || !q.options.includes(p)))
          problems.push({ questionId: q.id, message: "Pick from the listed options." });
        break;
      }
      case "scale":
        if (typeof a !== "number" || !Number.isInteger(a) || a < q.min || a > q.max)
          problems.push({ questionId: q.id, message: `Pick a whole number from ${q.min} to ${q.max}.` });
        break;
    }
  }
  return problems;
}

/** Problems in the questionnaire itself, as a program manager writes it. */
export function checkQuestionnaire(questions: readonly Question[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`Question id "${q.id}" is used twice.`);
    ids.add(q.id);
    if (q.type === "choice" && new Set(q.options).size !== q.options.length)
      problems.push(`"${q.label}" lists an option twice.`);
    if (q.type === "scale" && q.min >= q.max)
      problems.push(`"${q.label}": the scale minimum must be below its maximum.`);
  }
  return problems;
}
