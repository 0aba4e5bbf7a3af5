import type { ActionOutcome } from "./grow.ts";

export const MIN_GROUP_SIZE = 5;

export const OBJECTIVE_THEMES = [
  "leadership",
  "communication",
  "delegation",
  "stakeholder_management",
  "strategic_thinking",
  "feedback",
  "conflict",
  "time_management",
  "resilience",
  "career_transition",
  "other",
] as const;
export type ObjectiveTheme = (typeof OBJECTIVE_THEMES)[number];

/**
 * How far a value has moved from the baseline toward the target, 0 at the baseline and 1 at the target,
 * in either direction (a target below the baseline means lower is better). Clamped to [0, 1]; a metric
 * whose baseline equals its target counts as reached once the value is there.
 */
export function progressToTarget(baseline: number, target: number, value: number | null): number {
  if (value === null) return 0;
  if (baseline === target) return value === target ? 1 : 0;
  const p = (value - baseline) / (target - baseline);
  return Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000;
}

export interface ActionStats {
  total: number;
  reviewed: number;
  done: number;
  partlyDone: number;
  notDone: number;
  /** Share of reviewed actions that were done; partly done counts as half. null before any review. */
  completionRate: number | null;
}

export function actionStats(
  actions: readonly { review_outcome: ActionOutcome | null; status: string }[],
): ActionStats {
  const count = (o: ActionOutcome) => actions.filter((a) => a.review_outcome === o).length;
  const done = count("done");
  const partlyDone = count("partly_done");
  const notDone = count("not_done");
  const reviewed = done + partlyDone + notDone;
  return {
    total: actions.length,
    reviewed,
    done,
    partlyDone,
    notDone,
    completionRate: reviewed ? Math.round(((done + partlyDone / 2) / reviewed) * 1000) / 1000 : null,
  };
}

const mean = (xs: readonly number[]) =>
  xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000 : null;

export interface EngagementFacts {
  status: "setup" | "active" | "completed" | "cancelled";
  /** Progress to target of each objective (0–1). */
  objectiveProgress: readonly number[];
  themes: readonly string[];
  actions: ActionStats;
  sessionsHeld: number;
  sessionsNoShow: number;
}

export type Aggregates =
  | { suppressed: true; engagements: number; minGroupSize: number }
  | {
      suppressed: false;
      engagements: number;
      minGroupSize: number;
      averageProgressToTarget: number | null;
      completionRate: number | null;
      actionCompletionRate: number | null;
      attendanceRate: number | null;
      themes: { theme: string; count: number }[];
    };

/**
 * Program-level figures across engagements. Below MIN_GROUP_SIZE engagements nothing but the count is
 * given, so that no figure can be traced back to one coachee.
 */
export function aggregate(items: readonly EngagementFacts[]): Aggregates {
  if (items.length < MIN_GROUP_SIZE) {
    return { suppressed: true, engagements: items.length, minGroupSize: MIN_GROUP_SIZE };
  }
  const closed = items.filter((e) => e.status === "completed" || e.status === "cancelled");
  const perEngagement = items.map((e) => mean(e.objectiveProgress)).filter((p): p is number => p !== null);
  const rates = items.map((e) => e.actions.completionRate).filter((r): r is number => r !== null);
  const held = items.reduce((s, e) => s + e.sessionsHeld, 0);
  const noShow = items.reduce((s, e) => s + e.sessionsNoShow, 0);
  const themeCounts = new Map<string, number>();
  for (const e of items) for (const t of new Set(e.themes)) themeCounts.set(t, (themeCounts.get(t) ?? 0) + 1);
  return {
    suppressed: false,
    engagements: items.length,
    minGroupSize: MIN_GROUP_SIZE,
    averageProgressToTarget: mean(perEngagement),
    completionRate: closed.length
      ? Math.round((closed.filter((e) => e.status === "completed").length / closed.length) * 1000) / 1000
      : null,
    actionCompletionRate: mean(rates),
    attendanceRate: held + noShow ? Math.round((held / (held + noShow)) * 1000) / 1000 : null,
    themes: [...themeCounts]
      .map(([theme, count]) => ({ theme, count }))
      .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme)),
  };
}
