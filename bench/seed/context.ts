import type { Progress } from "./progress.ts";
import type { IdFactory, Random } from "./random.ts";
import type { RowWriter } from "./row-writer.ts";

const DAY = 86_400_000;

/** What every part of the generator shares: the seeded generator, the id factory, the writer and the clock. */
export interface Context {
  random: Random;
  ids: IdFactory;
  writer: RowWriter;
  progress: Progress;
  organizationId: string;
  masterKey: Buffer;
  /** The moment the data is generated relative to; every date is before or after it. */
  now: Date;
  /** people / 50,000: every count scales linearly with it. */
  scale: number;
}

/** `base` (the count for 50,000 people) scaled to the organization, and never below `min`. */
export const scaled = (ctx: Context, base: number, min = 1): number =>
  Math.max(min, Math.round(base * ctx.scale));

/** An ISO timestamp `days` from now (negative: in the past). */
export const at = (ctx: Context, days: number): string =>
  new Date(ctx.now.getTime() + Math.round(days * DAY)).toISOString();

/** A date (YYYY-MM-DD) `days` from now. */
export const dateOf = (ctx: Context, days: number): string => at(ctx, days).slice(0, 10);

/** The timestamp at `hh:mm` UTC on the day `days` from now. */
export const atTime = (ctx: Context, days: number, time: string): string =>
  `${dateOf(ctx, days)}T${time}:00.000Z`;

export const plusDays = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + Math.round(days * DAY)).toISOString();

export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY;

/**
 * Splits `total` into `weights.length` whole parts in proportion to the weights, the remainder given one by
 * one at random, so the parts add up to `total` exactly.
 */
export function apportion(ctx: Context, total: number, weights: number[], cap = Number.POSITIVE_INFINITY) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (sum > 0 ? Math.min(cap, Math.floor((total * w) / sum)) : 0));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const open = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  let guard = 0;
  while (left > 0 && open.length > 0 && guard++ < total * 20 + 1000) {
    const k = ctx.random.int(open.length);
    const i = open[k] as number;
    if ((parts[i] ?? 0) >= cap) {
      open.splice(k, 1);
      continue;
    }
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}
