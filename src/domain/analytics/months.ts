const DAY_MS = 86_400_000;
/** The average length of a calendar month in days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** The calendar month ("YYYY-MM") of an ISO date or timestamp, in UTC as stored. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** The `count` calendar months up to and including the month of `now`, oldest first, as "YYYY-MM". */
export function lastMonths(now: Date, count = 12): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** The first instant of the month "YYYY-MM", as an ISO timestamp. */
export const monthStart = (month: string): string => `${month}-01T00:00:00.000Z`;

/** Whole days from one ISO date or timestamp to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string | Date): number =>
  (new Date(to).getTime() - new Date(from).getTime()) / DAY_MS;

/** Months (average length, fractional) from one ISO date or timestamp to another. */
export const monthsBetween = (from: string, to: string | Date): number =>
  daysBetween(from, to) / DAYS_PER_MONTH;
