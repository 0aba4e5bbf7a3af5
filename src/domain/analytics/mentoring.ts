import { DAYS_PER_MONTH, daysBetween } from "./months.ts";

/** Meeting frequency looks back this many days: the last quarter. */
export const MEETING_WINDOW_DAYS = 90;

/** Days from the mentee's enrolment in the program to their first match there; never below 0. */
export const timeToMatchDays = (enrolledAt: string, matchedAt: string): number =>
  Math.max(0, daysBetween(enrolledAt, matchedAt));

/**
 * Meetings an active relationship logged per month over the last MEETING_WINDOW_DAYS, or since it started
 * when that is later. A relationship younger than a month counts as one month, so that one early meeting
 * does not read as a high frequency.
 */
export function meetingsPerMonth(startedOn: string, meetingsInWindow: number, now: Date): number {
  const windowDays = Math.min(MEETING_WINDOW_DAYS, Math.max(0, daysBetween(startedOn, now)));
  return meetingsInWindow / Math.max(1, windowDays / DAYS_PER_MONTH);
}
