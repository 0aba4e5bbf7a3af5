export type EngagementStatus = "setup" | "active" | "completed" | "cancelled";
export type Attendance = "scheduled" | "held" | "no_show" | "rescheduled";
export type Party = "coachee" | "coach" | "sponsor";

export const DEFAULT_SESSION_BUDGET = 6;
export const DEFAULT_DURATION_MONTHS = 3;
export const MAX_OBJECTIVES = 5;
export const MAX_CHEMISTRY_COACHES = 3;
export const PARTIES: readonly Party[] = ["coachee", "coach", "sponsor"];

const NEXT: Record<EngagementStatus, readonly EngagementStatus[]> = {
  setup: ["active", "cancelled"],
  active: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export const canMoveTo = (from: EngagementStatus, to: EngagementStatus): boolean => NEXT[from].includes(to);

/**
 * A held session and a no-show both use a session of the budget (the coach's time was booked);
 * a rescheduled one does not, and a scheduled one is booked against it until its outcome is recorded.
 */
export const usesBudget = (a: Attendance): boolean => a === "held" || a === "no_show";

export interface Budget {
  total: number;
  used: number;
  booked: number;
  remaining: number;
}

export function budgetOf(
  initial: number,
  amendments: readonly { added_sessions: number }[],
  sessions: readonly { attendance: Attendance }[],
): Budget {
  const total = initial + amendments.reduce((s, a) => s + a.added_sessions, 0);
  const used = sessions.filter((s) => usesBudget(s.attendance)).length;
  const booked = sessions.filter((s) => s.attendance === "scheduled").length;
  return { total, used, booked, remaining: Math.max(0, total - used - booked) };
}

/** Objectives are agreed when each of the three parties has agreed to the current set. */
export const allAgreed = (agreed: readonly Party[]): boolean => PARTIES.every((p) => agreed.includes(p));
