import type { CalendarEvent, CalendarPerson } from "./ical.ts";

/**
 * What each kind of Trellis event becomes in a calendar. Titles are generic on purpose: a calendar is shown on
 * phones, shared with assistants and synced to other companies' servers, so mentoring and coaching events carry
 * no topic, note, objective or name of the other party; training, which is not confidential, names its course.
 */

export type EventKind = "mentoring-meeting" | "coaching-session" | "training-session";

/** Stable across edits, exports and feeds, so that a client updates the copy it holds. */
export const eventUid = (kind: EventKind, id: string): string => `${kind}-${id}@trellis`;

/** Invitations name the people; the subscription feed does not. */
export type Audience = { kind: "invitation" } | { kind: "feed" };

export interface MentoringMeetingFacts {
  id: string;
  relationshipId: string;
  metOn: string;
  sequence: number;
  createdAt: string;
  mentor: CalendarPerson;
  mentee: CalendarPerson;
}

/** A logged meeting has a date and no time of day: a whole-day event, the same date in every zone. */
export function mentoringMeetingEvent(
  m: MentoringMeetingFacts,
  audience: Audience,
  baseUrl: string,
): CalendarEvent {
  const url = `${baseUrl}/mentoring/relationships/${m.relationshipId}`;
  return {
    uid: eventUid("mentoring-meeting", m.id),
    sequence: m.sequence,
    start: m.metOn,
    end: m.metOn,
    allDay: true,
    summary: "Mentoring meeting",
    cancelled: false,
    url,
    description: `Open in Trellis: ${url}`,
    created: m.createdAt,
    ...(audience.kind === "invitation" ? { organizer: m.mentor, attendees: [m.mentor, m.mentee] } : {}),
  };
}

export type CoachingAttendance = "scheduled" | "held" | "no_show" | "rescheduled";

export interface CoachingSessionFacts {
  id: string;
  engagementId: string;
  scheduledAt: string;
  durationMinutes: number;
  attendance: CoachingAttendance;
  engagementStatus: "setup" | "active" | "completed" | "cancelled";
  sequence: number;
  createdAt: string;
  coach: CalendarPerson | null;
  coachee: CalendarPerson;
}

/**
 * A rescheduled session's row stays as history and its new time is a new session, so the old one is cancelled
 * in calendars; so is every still-scheduled session of a cancelled engagement.
 */
export const coachingSessionCancelled = (s: Pick<CoachingSessionFacts, "attendance" | "engagementStatus">) =>
  s.attendance === "rescheduled" || (s.attendance === "scheduled" && s.engagementStatus === "cancelled");

export function coachingSessionEvent(
  s: CoachingSessionFacts,
  audience: Audience,
  baseUrl: string,
): CalendarEvent {
  const url = `${baseUrl}/coaching/engagements/${s.engagementId}`;
  const people = s.coach ? [s.coach, s.coachee] : [s.coachee];
  return {
    uid: eventUid("coaching-session", s.id),
    sequence: s.sequence,
    start: s.scheduledAt,
    end: new Date(Date.parse(s.scheduledAt) + s.durationMinutes * 60_000).toISOString(),
    summary: "Coaching session",
    cancelled: coachingSessionCancelled(s),
    url,
    description: `Open in Trellis: ${url}`,
    created: s.createdAt,
    ...(audience.kind === "invitation" ? { organizer: s.coach, attendees: people } : {}),
  };
}

export type TrainingSessionKind = "lecture" | "workshop" | "role_play" | "hands_on";

export const TRAINING_KIND_LABELS: Record<TrainingSessionKind, string> = {
  lecture: "Lecture",
  workshop: "Workshop",
  role_play: "Role-play",
  hands_on: "Hands-on session",
};

export interface TrainingSessionFacts {
  id: string;
  cohortId: string;
  kind: TrainingSessionKind;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  link: string | null;
  cancelled: boolean;
  cohortCancelled: boolean;
  sequence: number;
  createdAt: string;
  updatedAt: string;
  trainers: readonly CalendarPerson[];
  /** For a trainee's invitation, the trainee alone: the others on the roster are not theirs to learn. */
  trainees: readonly CalendarPerson[];
}

export function trainingSessionEvent(
  s: TrainingSessionFacts,
  audience: Audience,
  baseUrl: string,
  organizerFallback: CalendarPerson | null = null,
): CalendarEvent {
  const page = `${baseUrl}/training/cohorts/${s.cohortId}`;
  const description = [s.link ? `Join: ${s.link}` : null, `Open in Trellis: ${page}`]
    .filter(Boolean)
    .join("\n");
  const organizer = s.trainers[0] ?? organizerFallback;
  return {
    uid: eventUid("training-session", s.id),
    sequence: s.sequence,
    start: s.startsAt,
    end: s.endsAt,
    summary: `${TRAINING_KIND_LABELS[s.kind]}: ${s.courseTitle}`,
    cancelled: s.cancelled || s.cohortCancelled,
    location: s.location ?? s.link,
    url: s.link ?? page,
    description,
    created: s.createdAt,
    lastModified: s.updatedAt,
    ...(audience.kind === "invitation" ? { organizer, attendees: [...s.trainers, ...s.trainees] } : {}),
  };
}
