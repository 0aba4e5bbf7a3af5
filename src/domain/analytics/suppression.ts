import { MIN_GROUP_SIZE } from "../coaching/metrics.ts";

export { MIN_GROUP_SIZE };

/**
 * One aggregate as reported: its value and the number of people behind it, or neither when the group
 * is too small to report. `value` is null when there is nothing to compute (no one in the group).
 */
export type Figure =
  | { suppressed: false; value: number | null; n: number }
  | { suppressed: true; value: null; n: null };

export const HIDDEN: Figure = { suppressed: true, value: null, n: null };

/** True when a group of `n` people is too small to report: 1 to MIN_GROUP_SIZE − 1 (an empty group hides no one). */
export const tooSmall = (n: number): boolean => n > 0 && n < MIN_GROUP_SIZE;

/** A group's value with its size, or hidden (the size too) when fewer than MIN_GROUP_SIZE people are behind it. */
export function suppress(value: number | null, n: number): Figure {
  return tooSmall(n) ? HIDDEN : { suppressed: false, value, n };
}

/** A count of people (or of their participations, `value`), hidden like any other figure. */
export const suppressCount = (people: number, value = people): Figure => suppress(value, people);

export interface Part {
  /** What the part shows (e.g. participations). */
  value: number;
  /** How many distinct people are behind it. */
  n: number;
}

/**
 * Small-cell suppression of a breakdown whose total is reported elsewhere (participants by department, by
 * status, by month). Each part of 1–4 people is hidden; and because the total minus the shown parts gives
 * the hidden ones away, while the hidden parts (with `unshown` people the breakdown leaves out) add up to
 * fewer than MIN_GROUP_SIZE people, the smallest shown part is hidden too, until they do.
 */
export function suppressBreakdown(parts: readonly Part[], unshown = 0): Figure[] {
  const hidden = parts.map((p) => tooSmall(p.n));
  const pool = () => unshown + parts.reduce((s, p, i) => s + (hidden[i] ? p.n : 0), 0);
  while (pool() > 0 && pool() < MIN_GROUP_SIZE) {
    let smallest = -1;
    parts.forEach((p, i) => {
      if (!hidden[i] && p.n > 0 && (smallest < 0 || p.n < (parts[smallest]?.n ?? 0))) smallest = i;
    });
    if (smallest < 0) break;
    hidden[smallest] = true;
  }
  return parts.map((p, i) => (hidden[i] ? HIDDEN : { suppressed: false, value: p.value, n: p.n }));
}
