export const ATTENDANCE_STATUSES = ["present", "late", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AttendanceSummary {
  present: number;
  late: number;
  absent: number;
  excused: number;
  /** Sessions the trainer has taken attendance for. */
  recorded: number;
  /** Attended (present or late) over recorded sessions that were not excused; null before any counts. */
  pct: number | null;
}

/**
 * Present and late both count as attended. An excused session leaves the denominator, so an excused
 * absence neither helps nor hurts.
 */
export function summarizeAttendance(marks: readonly AttendanceStatus[]): AttendanceSummary {
  const s = { present: 0, late: 0, absent: 0, excused: 0 };
  for (const m of marks) s[m] += 1;
  const counted = marks.length - s.excused;
  return {
    ...s,
    recorded: marks.length,
    pct: counted === 0 ? null : Math.round(((s.present + s.late) / counted) * 1000) / 10,
  };
}

/**
 * Attendance toward completion counts every scheduled session of the cohort: one not yet held (or not yet
 * taken) cannot count as attended, so a trainee completes only once enough sessions have really been attended.
 */
export function attendanceTowardCompletion(
  scheduledSessions: number,
  marks: readonly AttendanceStatus[],
): number | null {
  const s = summarizeAttendance(marks);
  const denominator = scheduledSessions - s.excused;
  if (denominator <= 0) return null;
  return Math.round(((s.present + s.late) / denominator) * 1000) / 10;
}
