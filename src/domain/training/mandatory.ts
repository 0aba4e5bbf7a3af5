export type AssignmentStatus = "completed" | "due" | "overdue" | "recertification_due";
export type ReminderKind = "due_in_7_days" | "due_in_1_day" | "overdue";

export interface HeldCertificate {
  issuedAt: string;
  expiresAt: string | null;
}

export interface AssignmentState {
  status: AssignmentStatus;
  /** The date the person must (re)complete the course by: the assignment's due date, or when the certificate lapses. */
  dueAt: string;
  certificateExpiresAt: string | null;
}

const DAY = 86_400_000;

/**
 * A valid certificate for the course satisfies the assignment until it expires; once it has expired the
 * person must re-certify, and the certificate's expiry becomes the due date (DESIGN §1: "Re-certification
 * is due when a certificate expires").
 */
export function assignmentState(
  dueAt: string,
  certificates: readonly HeldCertificate[],
  now: Date,
): AssignmentState {
  const latest = [...certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  if (!latest)
    return {
      status: now.getTime() > Date.parse(dueAt) ? "overdue" : "due",
      dueAt,
      certificateExpiresAt: null,
    };
  if (latest.expiresAt === null || Date.parse(latest.expiresAt) > now.getTime()) {
    return { status: "completed", dueAt: latest.expiresAt ?? dueAt, certificateExpiresAt: latest.expiresAt };
  }
  return { status: "recertification_due", dueAt: latest.expiresAt, certificateExpiresAt: latest.expiresAt };
}

/**
 * The reminder that is due now for an assignment with this due date, if any. A completed assignment gets
 * reminders only ahead of its certificate's expiry, which is when re-certification falls due.
 */
export function reminderDue(state: AssignmentState, now: Date): ReminderKind | null {
  const left = Date.parse(state.dueAt) - now.getTime();
  if (state.status === "completed" && state.certificateExpiresAt === null) return null;
  if (left < 0) return state.status === "completed" ? null : "overdue";
  if (left <= DAY) return "due_in_1_day";
  if (left <= 7 * DAY) return "due_in_7_days";
  return null;
}

export function addMonthsIso(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}
