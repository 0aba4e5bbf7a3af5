import { type AttendanceStatus, summarizeAttendance } from "../../domain/training/attendance.ts";
import type { Schemas } from "../api/client.ts";
import { formatDateTime, safeZone } from "./dates.ts";

export { ATTENDANCE_STATUSES } from "../../domain/training/attendance.ts";
// The rules the server applies, shared so the pages compute the same numbers before saving.
export { scoreRubric } from "../../domain/training/rubric.ts";
export type { AttendanceStatus };

export type TrainingSession = Schemas["TrainingSession"];
export type TrainingEnrolment = Schemas["TrainingEnrolment"];
export type SessionKind = Schemas["TrainingSessionKind"];
export type AttendanceSummary = Schemas["AttendanceSummary"];
export type Completion = Schemas["CompletionState"];
export type Cohort = Schemas["Cohort"];
export type CohortRole = Cohort["role"];
export type Course = Schemas["Course"];
export type Lesson = Schemas["Lesson"];
export type Assessment = Schemas["Assessment"];
export type RubricCriterion = Schemas["RubricCriterion"];
export type Roster = Schemas["CohortRoster"];
export type AttendanceSheet = Schemas["AttendanceSheet"];
export type Gradebook = Schemas["Gradebook"];
export type GradebookMatrix = Schemas["GradebookMatrix"];
export type QueuedSubmission = Schemas["QueuedSubmissions"]["items"][number];
export type Submission = Schemas["ActivitySubmission"];
export type QuizAttempt = Schemas["QuizAttempt"];
export type QuizQuestion = Schemas["QuizQuestionForTrainee"];
export type QuizResult = Schemas["QuizResult"];
export type Certificate = Schemas["Certificate"];
export type Verification = Schemas["CredentialVerification"];
export type AssignmentStatus = Schemas["AssignmentStatus"];

export type MyTraining = Schemas["MyTraining"];
export type MyCohort = MyTraining["cohorts"][number];
export type TaughtCohort = Schemas["TeachingPage"]["items"][number];
export type MyAssignment = MyTraining["assignments"][number];

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  lecture: "Lecture",
  workshop: "Workshop",
  role_play: "Role-play",
  hands_on: "Hands-on",
};
export const SESSION_KINDS = Object.keys(SESSION_KIND_LABELS) as SessionKind[];
export const SESSION_KIND_OPTIONS = SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k] }));

export const ENROLMENT_STATUS: Record<TrainingEnrolment["status"], { label: string; tone: Tone }> = {
  enrolled: { label: "Enrolled", tone: "green" },
  waitlisted: { label: "On the waitlist", tone: "amber" },
  offered: { label: "Seat offered", tone: "blue" },
  withdrawn: { label: "Withdrawn", tone: "slate" },
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, { label: string; tone: Tone }> = {
  present: { label: "Present", tone: "green" },
  late: { label: "Late", tone: "amber" },
  absent: { label: "Absent", tone: "red" },
  excused: { label: "Excused", tone: "slate" },
};

export const ASSIGNMENT_STATUS: Record<AssignmentStatus, { label: string; tone: Tone }> = {
  completed: { label: "Completed", tone: "green" },
  due: { label: "Due", tone: "amber" },
  overdue: { label: "Overdue", tone: "red" },
  recertification_due: { label: "Re-certification due", tone: "red" },
};

export const CERTIFICATE_STATUS: Record<Certificate["status"], { label: string; tone: Tone }> = {
  valid: { label: "Valid", tone: "green" },
  expired: { label: "Expired", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
};

export const COHORT_STATUS: Record<Cohort["status"], { label: string; tone: Tone }> = {
  open: { label: "Open", tone: "green" },
  closed: { label: "Closed", tone: "slate" },
  cancelled: { label: "Cancelled", tone: "red" },
};

export const ROLE_LABELS: Record<CohortRole, string> = {
  trainer: "You teach this cohort",
  trainee: "You are a trainee",
  manager: "You manage this program",
  visitor: "You are not enrolled",
};

export type ActivityState = Gradebook["lessons"][number]["activity"];
export const ACTIVITY_STATUS: Record<Exclude<ActivityState, "none">, { label: string; tone: Tone }> = {
  not_submitted: { label: "Not submitted", tone: "slate" },
  submitted: { label: "Waiting for review", tone: "amber" },
  accepted: { label: "Accepted", tone: "green" },
  needs_revision: { label: "Needs revision", tone: "red" },
};

/**
 * Headings for the training rule errors, keyed by error code. The server's message under the heading says
 * the specifics and what to do next.
 */
export const TRAINING_ERROR_TITLES: Record<string, string> = {
  "training.not_in_program": "Enrol in the program first",
  "training.cohort_closed": "This cohort is not taking enrolments",
  "training.cohort_cancelled": "This cohort was cancelled",
  "training.already_enrolled": "Already enrolled",
  "training.waitlist_full": "The waitlist is full",
  "training.too_many_cohorts": "This program has as many cohorts as it can hold",
  "training.trainer_cannot_enrol": "A trainer cannot be a trainee",
  "training.unknown_person": "That person cannot be enrolled",
  "training.no_offer": "No seat offer is open",
  "training.already_completed": "This trainee has completed the cohort",
  "training.activity_pending": "This lesson has an activity",
  "training.invalid_link": "That is not a link",
  "training.already_accepted": "Already accepted",
  "training.already_reviewed": "Already reviewed",
  "training.no_activity": "This lesson has no activity",
  "training.no_attempts_left": "No attempts left",
  "training.attempt_closed": "This attempt is closed",
  "training.unknown_question": "The quiz has changed",
  "training.incomplete_grading": "Grade every criterion",
  "training.unknown_criterion": "The rubric has changed",
  "training.session_not_started": "Attendance is not open yet",
  "training.session_cancelled": "This session was cancelled",
  "training.not_on_roster": "Someone is not on the roster",
  "training.end_before_start": "The session ends before it starts",
  "training.session_too_long": "The session is too long",
  "training.invalid_time_zone": "Unknown time zone",
  "training.wrong_kind": "Wrong kind of assessment",
};

/** The query keys of every training page (the only copy), under "training" so that invalidating it refreshes them all. */
export const trainingKeys = {
  all: ["training"] as const,
  me: ["training", "me"] as const,
  teaching: ["training", "teaching"] as const,
  cohort: (id: string) => ["training", "cohort", id] as const,
  part: (id: string, part: string) => ["training", "cohort", id, part] as const,
  courses: ["training", "courses"] as const,
  course: (id: string) => ["training", "course", id] as const,
  gradingQueue: ["training", "grading-queue"] as const,
  assignments: ["training", "assignments"] as const,
  assignment: (id: string) => ["training", "assignments", id] as const,
  assignees: (id: string, q: string, status: string) =>
    ["training", "assignments", id, "assignees", q, status] as const,
  overdue: ["training", "assignments", "overdue"] as const,
  programCohorts: (programId: string) => ["training", "program", programId, "cohorts"] as const,
  dashboard: (programId: string) => ["training", "program", programId, "dashboard"] as const,
};

/** Options for data that other people change (rosters, offers, grades): refetched whenever shown. */
export const liveQuery = { staleTime: 0, refetchOnWindowFocus: true } as const;

/** A percentage for display ("87.5 %", "—" when there is none yet). */
export const pctText = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 10) / 10} %`;

/** A time of day in a zone ("09:30"). */
function timeOfDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: safeZone(timeZone), timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** The zone's short offset name at an instant, e.g. "CET" or "GMT+2". */
export function zoneAbbreviation(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone: safeZone(timeZone), timeZoneName: "short" })
    .formatToParts(new Date(iso))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** A session's time in a zone: "12 Mar 2026, 09:00–11:00 (CET)", or across days when it spans them. */
export function sessionRange(startsAt: string, endsAt: string, timeZone: string): string {
  const startDay = formatDateTime(startsAt, timeZone).split(",")[0];
  const endDay = formatDateTime(endsAt, timeZone).split(",")[0];
  const end = startDay === endDay ? timeOfDay(endsAt, timeZone) : formatDateTime(endsAt, timeZone);
  return `${formatDateTime(startsAt, timeZone)}–${end} (${zoneAbbreviation(startsAt, timeZone)})`;
}

/** Whether two zones show the same wall-clock time at an instant. */
export function sameWallClock(iso: string, a: string, b: string): boolean {
  return formatDateTime(iso, a) === formatDateTime(iso, b);
}

/** Attendance can be taken from an hour before a session starts (the server's rule). */
export const ATTENDANCE_OPENS_BEFORE_MS = 3_600_000;
export const attendanceOpen = (s: TrainingSession, now = Date.now()) =>
  s.cancelledAt === null && Date.parse(s.startsAt) - now <= ATTENDANCE_OPENS_BEFORE_MS;

/**
 * A trainee's attendance summary after one session's mark changes from `saved` to `next`, computed the way
 * the server does, so the sheet shows the new percentage while the trainer is still marking.
 */
export function projectAttendance(
  summary: AttendanceSummary,
  saved: AttendanceStatus | null,
  next: AttendanceStatus | null,
): AttendanceSummary {
  if (saved === next) return summary;
  const marks: AttendanceStatus[] = [];
  const counts = {
    present: summary.present,
    late: summary.late,
    absent: summary.absent,
    excused: summary.excused,
  };
  if (saved) counts[saved] = Math.max(0, counts[saved] - 1);
  if (next) counts[next] += 1;
  for (const status of ["present", "late", "absent", "excused"] as const) {
    for (let i = 0; i < counts[status]; i += 1) marks.push(status);
  }
  return summarizeAttendance(marks);
}

/** The path of a cohort's grading tab for one trainee's practical evaluation. */
export const gradePath = (cohortId: string, assessmentId: string, personId: string) =>
  `/training/cohorts/${cohortId}?tab=grade&assessment=${encodeURIComponent(assessmentId)}&person=${encodeURIComponent(personId)}`;

/** The public verification page of a certificate. */
export const verifyPath = (certificateId: string) => `/verify/${certificateId}`;
