/**
 * The advisor's needs questionnaire. Every question is single choice so that the rules can be checked
 * against the whole answer space (see `maxScores` in rules.ts).
 */
export const QUESTIONS = [
  {
    id: "horizon",
    label: "Over what time do you want to see a difference?",
    onBehalf: "Over what time should they see a difference?",
    options: [
      { value: "weeks", label: "Within a few weeks" },
      { value: "months", label: "Over the next few months" },
      { value: "years", label: "Over a year or more" },
    ],
  },
  {
    id: "focus",
    label: "What is the need about?",
    onBehalf: "What is the need about?",
    options: [
      { value: "skill_gap", label: "A specific skill I lack" },
      { value: "performance_goal", label: "A specific performance goal" },
      { value: "career_growth", label: "My career direction or long-term growth" },
      { value: "network", label: "Building my network in the organization" },
    ],
  },
  {
    id: "curriculum",
    label: "Is there a course that teaches this skill?",
    onBehalf: "Is there a course that teaches this skill?",
    options: [
      { value: "exists", label: "Yes, there is a course" },
      { value: "none", label: "No, nothing formal exists" },
      { value: "unsure", label: "I don't know" },
    ],
  },
  {
    id: "been_there",
    label: "Do you want to learn from someone who has been there before?",
    onBehalf: "Would they benefit from someone who has been there before?",
    options: [
      { value: "yes", label: "Yes, that matters most" },
      { value: "somewhat", label: "It would help" },
      { value: "no", label: "Not really" },
    ],
  },
  {
    id: "measurable",
    label: "Does the improvement need to be quick and measurable?",
    onBehalf: "Does the improvement need to be quick and measurable?",
    options: [
      { value: "yes", label: "Yes, with clear measures" },
      { value: "somewhat", label: "Some measure would help" },
      { value: "no", label: "No, it can unfold over time" },
    ],
  },
  {
    id: "transition",
    label: "Are you in a leadership transition or on a challenging project?",
    onBehalf: "Are they in a leadership transition or on a challenging project?",
    options: [
      { value: "leadership_transition", label: "A leadership transition" },
      { value: "challenging_project", label: "A challenging project" },
      { value: "neither", label: "Neither" },
    ],
  },
  {
    id: "identity",
    label: "Are you exploring your identity, goals or values?",
    onBehalf: "Are they exploring their identity, goals or values?",
    options: [
      { value: "yes", label: "Yes" },
      { value: "somewhat", label: "A little" },
      { value: "no", label: "No" },
    ],
  },
  {
    id: "mandatory",
    label: "Is this required for the role, for example for compliance or a certification?",
    onBehalf: "Is this required for their role, for example for compliance or a certification?",
    options: [
      { value: "yes", label: "Yes, it is mandatory" },
      { value: "no", label: "No" },
    ],
  },
] as const;

export type Question = (typeof QUESTIONS)[number];
export type QuestionId = Question["id"];
export type AnswerOf<Q extends QuestionId> = Extract<Question, { id: Q }>["options"][number]["value"];
export type Answers = { [Q in QuestionId]: AnswerOf<Q> };

/** Whether `raw` answers every question with one of its options. */
export function isComplete(raw: Record<string, string>): raw is Answers {
  return QUESTIONS.every((q) => q.options.some((o) => o.value === raw[q.id]));
}

/** Every possible set of answers: the product of the options of all questions. */
export function* answerSpace(): Generator<Answers> {
  const walk = function* (i: number, acc: Record<string, string>): Generator<Record<string, string>> {
    const q = QUESTIONS[i];
    if (!q) {
      yield { ...acc };
      return;
    }
    for (const o of q.options) {
      acc[q.id] = o.value;
      yield* walk(i + 1, acc);
    }
  };
  for (const a of walk(0, {})) if (isComplete(a)) yield a;
}
