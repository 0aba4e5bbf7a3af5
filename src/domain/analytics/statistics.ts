/** Rounded to `places` decimals; null stays null. */
export function round(x: number | null, places = 3): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/**
 * The p-th percentile (0–100) by linear interpolation between the closest ranks (the method of
 * spreadsheets and NumPy's default); null for no values.
 */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (rank - lo);
}

export const median = (xs: readonly number[]): number | null => percentile(xs, 50);

/** The mean of a distribution given as counts per value, e.g. check-in scores 1–5. */
export function meanOfCounts(counts: readonly { value: number; count: number }[]): number | null {
  const total = counts.reduce((s, c) => s + c.count, 0);
  return total ? counts.reduce((s, c) => s + c.value * c.count, 0) / total : null;
}
