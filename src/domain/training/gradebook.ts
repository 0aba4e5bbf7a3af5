/** The score ranges a gradebook's distribution counts best scores in; the last one includes 100 %. */
export const SCORE_BUCKETS = [
  { fromPct: 0, toPct: 19 },
  { fromPct: 20, toPct: 39 },
  { fromPct: 40, toPct: 59 },
  { fromPct: 60, toPct: 79 },
  { fromPct: 80, toPct: 100 },
] as const;

export interface ScoreDistribution {
  count: number;
  /** Rounded to one decimal; null before any score. */
  meanPct: number | null;
  buckets: { fromPct: number; toPct: number; count: number }[];
}

/** Counts best scores by range. A score between two ranges (19.5 %) falls in the lower one. */
export function scoreDistribution(scores: readonly number[]): ScoreDistribution {
  const counts = SCORE_BUCKETS.map(() => 0);
  let sum = 0;
  for (const s of scores) {
    const i = Math.max(0, Math.min(SCORE_BUCKETS.length - 1, Math.floor(s / 20)));
    counts[i] = (counts[i] ?? 0) + 1;
    sum += s;
  }
  return {
    count: scores.length,
    meanPct: scores.length ? Math.round((sum / scores.length) * 10) / 10 : null,
    buckets: SCORE_BUCKETS.map((b, i) => ({ ...b, count: counts[i] ?? 0 })),
  };
}

/** Trainees whose attendance so far is below the course's minimum, of those with attendance taken. */
export function attendanceBelowMinimum(pcts: readonly (number | null)[], minimumPct: number) {
  const marked = pcts.filter((p): p is number => p !== null);
  return { marked: marked.length, belowMinimum: marked.filter((p) => p < minimumPct).length };
}
