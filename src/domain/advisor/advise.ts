import type { Criterion } from "./criteria.ts";
import { answerSpace } from "./questions.ts";
import {
  COMBINATIONS,
  type Facts,
  type Initiator,
  MODES,
  type Mode,
  RULES,
  type Rule,
  ruleApplies,
} from "./rules.ts";

export type ReasonStrength = "strong" | "moderate" | "supporting";
export type OptionStrength = "strong" | "moderate" | "weak" | "not_indicated";

export interface Reason {
  ruleId: string;
  mode: Mode;
  text: string;
  weight: number;
  strength: ReasonStrength;
  criterion: Criterion;
}

export interface RecommendationOption {
  modes: Mode[];
  score: number;
  /** The score on one scale for every option, 0–100: the highest score any single mode can reach is 100. */
  fitPct: number;
  strength: OptionStrength;
  /** Best first. */
  reasons: Reason[];
  against: Reason[];
  /** For a combination: the criteria that call the modes complementary. */
  complement: Criterion[];
}

export interface Recommendation {
  /** Ranked, best first: every single mode, and each combination both of whose modes are indicated. */
  options: RecommendationOption[];
}

/** A score at or above `strong` is a strong fit, and so on down; at or below zero the mode is not indicated. */
export const STRENGTH_THRESHOLDS = { strong: 7, moderate: 4, weak: 1 } as const;
/** Both modes of a combination must reach this score, and the weaker at least half the stronger. */
export const COMBINATION_MINIMUM = STRENGTH_THRESHOLDS.moderate;

const reasonStrength = (weight: number): ReasonStrength => {
  const w = Math.abs(weight);
  return w >= 3 ? "strong" : w === 2 ? "moderate" : "supporting";
};

export function optionStrength(score: number): OptionStrength {
  if (score >= STRENGTH_THRESHOLDS.strong) return "strong";
  if (score >= STRENGTH_THRESHOLDS.moderate) return "moderate";
  if (score >= STRENGTH_THRESHOLDS.weak) return "weak";
  return "not_indicated";
}

const toReason = (rule: Rule): Reason => ({
  ruleId: rule.id,
  mode: rule.mode,
  text: rule.reason,
  weight: rule.weight,
  strength: reasonStrength(rule.weight),
  criterion: rule.criterion,
});

const byWeight = (a: Reason, b: Reason) => Math.abs(b.weight) - Math.abs(a.weight);

function scoreModes(facts: Facts): Record<Mode, number> {
  const scores: Record<Mode, number> = { mentoring: 0, coaching: 0, training: 0 };
  for (const rule of RULES) if (ruleApplies(rule, facts)) scores[rule.mode] += rule.weight;
  return scores;
}

let maxima: Record<Mode, number> | null = null;

/** The highest score each mode can reach over every possible set of answers. */
export function maxScores(): Record<Mode, number> {
  if (maxima) return maxima;
  const best: Record<Mode, number> = { mentoring: 0, coaching: 0, training: 0 };
  for (const answers of answerSpace()) {
    for (const initiator of ["self", "manager"] as const) {
      const s = scoreModes({ ...answers, initiator });
      for (const m of MODES) best[m] = Math.max(best[m], s[m]);
    }
  }
  maxima = best;
  return best;
}

/** One scale for every option, so that a higher-ranked option never shows a lower fit. */
const fitOf = (score: number) => {
  const top = Math.max(...Object.values(maxScores()));
  return Math.max(0, Math.min(100, Math.round((score / top) * 100)));
};

export function advise(facts: Facts): Recommendation {
  const applied = RULES.filter((r) => ruleApplies(r, facts)).map(toReason);
  const scores = scoreModes(facts);
  const single = (mode: Mode): RecommendationOption => ({
    modes: [mode],
    score: scores[mode],
    fitPct: fitOf(scores[mode]),
    strength: optionStrength(scores[mode]),
    reasons: applied.filter((r) => r.mode === mode && r.weight > 0).sort(byWeight),
    against: applied.filter((r) => r.mode === mode && r.weight < 0).sort(byWeight),
    complement: [],
  });
  const singles = MODES.map(single);
  const combinations = COMBINATIONS.flatMap(({ modes, criteria }) => {
    const [a, b] = modes.map((m) => scores[m]).sort((x, y) => y - x) as [number, number];
    if (b < COMBINATION_MINIMUM || b * 2 < a) return [];
    const parts = modes.map((m) => singles.find((o) => o.modes[0] === m)) as RecommendationOption[];
    const score = a + b / 2;
    return [
      {
        modes: [...modes],
        score,
        fitPct: fitOf(score),
        strength: optionStrength(score),
        reasons: parts.flatMap((p) => p.reasons).sort(byWeight),
        against: parts.flatMap((p) => p.against).sort(byWeight),
        complement: [...criteria],
      },
    ];
  });
  const order = (o: RecommendationOption) => MODES.indexOf(o.modes[0] as Mode);
  const options = [...combinations, ...singles].sort(
    (x, y) => y.score - x.score || x.modes.length - y.modes.length || order(x) - order(y),
  );
  return { options };
}

export type { Initiator, Mode };
