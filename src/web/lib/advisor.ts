import type { Schemas } from "../api/client.ts";

export type AdvisorQuestionnaire = Schemas["AdvisorQuestionnaire"];
export type AdvisorQuestion = AdvisorQuestionnaire["questions"][number];
export type AdvisorAnswers = Schemas["AdvisorAnswers"];
export type AdvisorResponse = Schemas["AdvisorResponse"];
export type AdvisorOption = Schemas["AdvisorOption"];
export type AdvisorReason = Schemas["AdvisorReason"];
export type AdvisorCriterion = Schemas["AdvisorCriterion"];
export type AdvisorProgramLink = Schemas["AdvisorProgramLink"];
export type AdvisorSummary = Schemas["AdvisorResponseSummary"];
export type Mode = Schemas["ProgramKind"];
export type OptionStrength = AdvisorOption["strength"];

export const advisorKeys = {
  questionnaire: ["advisor", "questionnaire"] as const,
  responses: ["advisor", "response"] as const,
  response: (id: string) => ["advisor", "response", id] as const,
  history: (personId: string) => ["advisor", "history", personId] as const,
};

/** "mentoring", or "mentoring and coaching together" for a combination. */
export function modesText(modes: readonly Mode[]): string {
  if (modes.length <= 1) return modes[0] ?? "no particular mode";
  return `${modes.slice(0, -1).join(", ")} and ${modes[modes.length - 1]} together`;
}

/** "Mentoring", or "Mentoring and coaching" for a combination. */
export function modesTitle(modes: readonly Mode[]): string {
  const text = modes.length <= 1 ? (modes[0] ?? "") : `${modes.slice(0, -1).join(", ")} and ${modes.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const OPTION_STRENGTH: Record<OptionStrength, { label: string; tone: Tone }> = {
  strong: { label: "Strong fit", tone: "green" },
  moderate: { label: "Moderate fit", tone: "blue" },
  weak: { label: "Weak fit", tone: "amber" },
  not_indicated: { label: "Not indicated", tone: "slate" },
};

export const REASON_STRENGTH: Record<AdvisorReason["strength"], { label: string; tone: Tone }> = {
  strong: { label: "Strong reason", tone: "green" },
  moderate: { label: "Moderate reason", tone: "blue" },
  supporting: { label: "Supporting reason", tone: "slate" },
};

/** "Seed 003 — Use coaching when": where a criterion is quoted from. */
export const citation = (c: AdvisorCriterion) => `Seed ${c.seed} — ${c.section}`;

/** What each mode is, in a sentence or two, from the seeds. */
export const MODE_EXPLAINED: Record<Mode, string> = {
  mentoring:
    "A long-term relationship, often 6 to 12 months, with a more experienced colleague outside your reporting line. It is personal, confidential and power-free: you choose your mentor and talk freely about career, goals and values, and both of you learn.",
  coaching:
    "A short-term, structured engagement with a coach, usually over a few sessions. Each session follows the GROW model (Goal, Reality, Options, Will) toward measurable objectives agreed at the start, and you practise agreed actions between sessions.",
  training:
    "A course with a set curriculum, taken in a cohort with fixed start and end dates. It builds specific skills through lessons and hands-on sessions, and assessments lead to a certificate.",
};

export const MODE_ROLE: Record<Mode, string> = {
  mentoring: "mentee",
  coaching: "coachee",
  training: "trainee",
};

/** The options to show in the "Programs open to you" empty state and groups, best-ranked kind first. */
export function rankedKinds(options: readonly AdvisorOption[]): Mode[] {
  const kinds: Mode[] = [];
  for (const o of options) {
    if (o.strength === "not_indicated") continue;
    for (const m of o.modes) if (!kinds.includes(m)) kinds.push(m);
  }
  return kinds;
}
