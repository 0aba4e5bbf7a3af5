export type RelationshipStatus = "proposed" | "active" | "completed" | "ended_early";

const NEXT: Record<RelationshipStatus, readonly RelationshipStatus[]> = {
  proposed: ["active", "ended_early"],
  active: ["completed", "ended_early"],
  completed: [],
  ended_early: [],
};

export const canMoveTo = (from: RelationshipStatus, to: RelationshipStatus): boolean =>
  NEXT[from].includes(to);

export const isOpen = (status: RelationshipStatus): boolean => status === "proposed" || status === "active";

/** Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/**
 * Check-ins fall due every `intervalMonths` after the start: period 1 at start + interval, and so on.
 * Returns the latest period that is due by `today` (0 when none is due yet).
 */
export function dueCheckinPeriod(startDate: string, intervalMonths: number, today: string): number {
  let period = 0;
  while (addMonths(startDate, (period + 1) * intervalMonths) <= today.slice(0, 10)) period++;
  return period;
}

export const NO_MEETING_WEEKS = 6;

/** An active relationship needs attention when nobody logged a meeting for NO_MEETING_WEEKS weeks. */
export function isQuiet(lastMeetingOrStart: string | null, now: Date): boolean {
  if (!lastMeetingOrStart) return true;
  return now.getTime() - new Date(lastMeetingOrStart).getTime() > NO_MEETING_WEEKS * 7 * 86_400_000;
}

export const DECLINE_REASONS = {
  no_capacity: "I don't have room for another mentee right now",
  not_a_good_fit: "I don't think I'm the right mentor for these goals",
  timing: "The timing doesn't work for me",
  other: "Another reason",
} as const;

export type DeclineReason = keyof typeof DECLINE_REASONS;
