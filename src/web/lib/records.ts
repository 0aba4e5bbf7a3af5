import type { Schemas } from "../api/client.ts";

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";
export type DevelopmentRecord = Schemas["DevelopmentRecord"];
export type RecordEngagement = Schemas["RecordEngagement"];
export type RecordRelationship = Schemas["RecordRelationship"];
export type RecordViewer = Schemas["RecordViewer"];
export type RecordGoal = Schemas["RecordGoal"];
export type RecordObjective = Schemas["RecordObjective"];
export type RecordCohort = Schemas["RecordCohort"];
export type RecordCertificate = Schemas["RecordCertificate"];
export type RecordAction = Schemas["RecordAction"];
export type RecordEvent = Schemas["RecordEvent"];
export type RecordMode = Schemas["RecordMode"];

export const recordKey = (personId: string) => ["record", personId] as const;

export const MODE_LABELS: Record<RecordMode, string> = {
  mentoring: "Mentoring",
  coaching: "Coaching",
  training: "Training",
};

export const MODE_TONES: Record<RecordMode, Tone> = {
  mentoring: "violet",
  coaching: "blue",
  training: "green",
};

export const VIEWER_SENTENCES: Record<RecordViewer, string> = {
  self: "Your goals, relationships, engagements, courses, certificates and actions across mentoring, coaching and training.",
  manager: "You are viewing this as their manager: you see what the privacy rules share with managers.",
  admin: "You are viewing this as an org admin: you see what the privacy rules share with the organization.",
};

export const COHORT_STATUS: Record<RecordCohort["status"], { label: string; tone: Tone }> = {
  in_progress: { label: "In progress", tone: "blue" },
  completed: { label: "Completed", tone: "green" },
  waitlisted: { label: "Waitlisted", tone: "amber" },
  offered: { label: "Seat offered", tone: "violet" },
};

export const CERTIFICATE_STATUS: Record<RecordCertificate["status"], { label: string; tone: Tone }> = {
  valid: { label: "Valid", tone: "green" },
  expiring: { label: "Expiring soon", tone: "amber" },
  expired: { label: "Expired", tone: "red" },
  revoked: { label: "Revoked", tone: "slate" },
};

export const ROLE_LABELS: Record<RecordRelationship["role"], string> = { mentor: "Mentor", mentee: "Mentee" };

/** "2026-11" → "November 2026". */
export function monthLabel(yearMonth: string): string {
  const d = new Date(`${yearMonth}-15T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return yearMonth;
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(d);
}

/** The timeline's events in months, newest month first, keeping the server's newest-first order within each. */
export function byMonth(events: readonly RecordEvent[]): { month: string; events: RecordEvent[] }[] {
  const out: { month: string; events: RecordEvent[] }[] = [];
  for (const e of events) {
    const month = e.date.slice(0, 7);
    const last = out.at(-1);
    if (last?.month === month) last.events.push(e);
    else out.push({ month, events: [e] });
  }
  return out;
}
