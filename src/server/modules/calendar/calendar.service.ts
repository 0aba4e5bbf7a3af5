import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import {
  type Audience,
  coachingSessionEvent,
  mentoringMeetingEvent,
  trainingSessionEvent,
} from "../../../domain/calendar/events.ts";
import { buildCalendar, type CalendarEvent, type CalendarPerson } from "../../../domain/calendar/ical.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { newToken, sha256 } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import {
  coachingSessionAccess,
  type EventAccess,
  meetingAccess,
  trainingSessionAudience,
} from "./calendar.policy.ts";
import * as repo from "./calendar.repository.ts";

/** The feed holds events from this many days back onwards. */
export const FEED_PAST_DAYS = 90;
/** At most this many events of each kind in a feed. */
export const FEED_LIMIT_PER_KIND = 500;
/** How often subscribed clients are asked to fetch the feed again. */
const FEED_REFRESH_SECONDS = 3600;
/** last_used_at is written at most this often, so that polling clients do not write on every fetch. */
const FEED_USE_RESOLUTION_MS = 3_600_000;

export interface IcsFile {
  filename: string;
  body: string;
}

const vtimezone = (zone: string) => getVtimezoneComponent(zone);

function check(access: EventAccess, what: string) {
  if (access === "hidden") throw errors.notFound(what);
  if (access === "denied")
    throw errors.forbidden(`This ${what.toLowerCase()} is not yours to add to a calendar.`);
}

async function timeZoneOf(db: Db, personId: string) {
  return (await repo.findTimeZone(db, personId))?.time_zone ?? "UTC";
}

/** The address the organization's mail comes from, for events that have no person to organize them. */
function systemOrganizer(mailFrom: string, organizationName: string): CalendarPerson {
  const email = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: organizationName, email };
}

function invitation(zone: string, event: CalendarEvent, filename: string): IcsFile {
  return {
    filename,
    body: buildCalendar({
      method: event.cancelled ? "CANCEL" : "REQUEST",
      timeZone: zone,
      vtimezone,
      stamp: nowIso(),
      events: [event],
    }),
  };
}

const INVITATION: Audience = { kind: "invitation" };
const FEED: Audience = { kind: "feed" };

const meetingFacts = (m: repo.MeetingRow) => ({
  id: m.id,
  relationshipId: m.relationship_id,
  metOn: m.met_on,
  sequence: m.sequence ?? 0,
  createdAt: m.created_at,
  mentor: { name: m.mentor_name, email: m.mentor_email },
  mentee: { name: m.mentee_name, email: m.mentee_email },
});

const coachingFacts = (s: repo.CoachingSessionRow) => ({
  id: s.id,
  engagementId: s.engagement_id,
  scheduledAt: s.scheduled_at,
  durationMinutes: s.duration_minutes,
  attendance: s.attendance,
  engagementStatus: s.engagement_status,
  sequence: s.sequence ?? 0,
  createdAt: s.created_at,
  coach: s.coach_name && s.coach_email ? { name: s.coach_name, email: s.coach_email } : null,
  coachee: { name: s.coachee_name, email: s.coachee_email },
});

const trainingFacts = (
  s: repo.TrainingSessionRow,
  trainers: readonly CalendarPerson[],
  trainees: readonly CalendarPerson[],
) => ({
  id: s.id,
  cohortId: s.cohort_id,
  kind: s.kind,
  courseTitle: s.course_title,
  startsAt: s.starts_at,
  endsAt: s.ends_at,
  location: s.location,
  link: s.link,
  cancelled: s.cancelled_at !== null,
  cohortCancelled: s.cohort_status === "cancelled",
  sequence: s.sequence ?? 0,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
  trainers,
  trainees,
});

const person = (p: { name: string; email: string }): CalendarPerson => ({ name: p.name, email: p.email });

// Single-event invitations

export async function meetingInvitation(deps: Deps, actor: Actor, id: string): Promise<IcsFile> {
  const m = await repo.findMeeting(deps.db, actor.organizationId, id);
  if (!m) throw errors.notFound("Meeting");
  check(meetingAccess(actor, m), "Meeting");
  const zone = await timeZoneOf(deps.db, actor.personId);
  const event = mentoringMeetingEvent(meetingFacts(m), INVITATION, deps.config.publicUrl);
  return invitation(zone, event, `mentoring-meeting-${m.met_on}.ics`);
}

export async function coachingInvitation(deps: Deps, actor: Actor, id: string): Promise<IcsFile> {
  const s = await repo.findCoachingSession(deps.db, actor.organizationId, id);
  if (!s) throw errors.notFound("Session");
  check(coachingSessionAccess(actor, s), "Session");
  const zone = await timeZoneOf(deps.db, actor.personId);
  const event = coachingSessionEvent(coachingFacts(s), INVITATION, deps.config.publicUrl);
  return invitation(zone, event, `coaching-session-${s.scheduled_at.slice(0, 10)}.ics`);
}

export async function trainingInvitation(deps: Deps, actor: Actor, id: string): Promise<IcsFile> {
  const s = await repo.findTrainingSession(deps.db, actor.organizationId, id);
  if (!s) throw errors.notFound("Session");
  const [trainers, trainees] = await Promise.all([
    repo.trainersOf(deps.db, s.cohort_id),
    repo.enrolledTraineesOf(deps.db, s.cohort_id),
  ]);
  const audience = trainingSessionAudience(
    actor,
    trainers.map((t) => t.id),
    trainees.map((t) => t.id),
  );
  check(audience ? "yes" : "denied", "Session");
  const invited = audience === "trainee" ? trainees.filter((t) => t.id === actor.personId) : trainees;
  const [zone, organization] = await Promise.all([
    timeZoneOf(deps.db, actor.personId),
    findOrganization(deps.db, actor.organizationId),
  ]);
  const event = trainingSessionEvent(
    trainingFacts(s, trainers.map(person), invited.map(person)),
    INVITATION,
    deps.config.publicUrl,
    systemOrganizer(deps.config.mailFrom, organization?.name ?? "Trellis"),
  );
  return invitation(zone, event, `training-session-${s.starts_at.slice(0, 10)}.ics`);
}

// The subscription feed

export interface FeedStatus {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export async function feedStatus(db: Db, actor: Actor): Promise<FeedStatus> {
  const feed = await repo.findActiveFeedOf(db, actor.personId);
  return {
    active: feed !== undefined,
    createdAt: feed?.created_at ?? null,
    lastUsedAt: feed?.last_used_at ?? null,
  };
}

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/calendar/${token}.ics`;

/** A new secret link; any earlier link of the person stops working in the same transaction. */
export async function createFeed(deps: Deps, actor: Actor, ip: string | null) {
  const token = newToken();
  const now = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeFeedsOf(trx, actor.personId, now);
    await repo.insertFeed(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      person_id: actor.personId,
      token_hash: sha256(token),
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: revoked > 0 ? "calendar.feed_reset" : "calendar.feed_created",
      targetType: "person",
      targetId: actor.personId,
      ipAddress: ip,
    });
  });
  const url = feedUrl(deps.config.publicUrl, token);
  return { url, webcalUrl: url.replace(/^https?:/, "webcal:"), createdAt: now };
}

export async function revokeFeed(db: Db, actor: Actor, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeFeedsOf(trx, actor.personId, nowIso());
    if (revoked === 0) return;
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "calendar.feed_revoked",
      targetType: "person",
      targetId: actor.personId,
      ipAddress: ip,
    });
  });
}

/** `<token>.ics` from the feed's path, or null when it is not one. */
export function tokenOfFile(file: string): string | null {
  const match = /^([A-Za-z0-9_-]{20,200})\.ics$/.exec(file);
  return match?.[1] ?? null;
}

/**
 * The person's recent and upcoming mentoring meetings, coaching sessions and training sessions, cancelled ones
 * included (so that subscribed clients drop them), in their time zone, without names or content.
 */
export async function feed(deps: Deps, file: string, now = nowIso()): Promise<string> {
  const token = tokenOfFile(file);
  const f = token ? await repo.findFeedByTokenHash(deps.db, sha256(token)) : undefined;
  if (!f) throw errors.notFound("Calendar feed");
  const from = addDays(now, -FEED_PAST_DAYS);
  const base = deps.config.publicUrl;
  const [meetings, coaching, training] = await Promise.all([
    repo.meetingsOf(deps.db, f.organization_id, f.person_id, from.slice(0, 10), FEED_LIMIT_PER_KIND),
    repo.coachingSessionsOf(deps.db, f.organization_id, f.person_id, from, FEED_LIMIT_PER_KIND),
    repo.trainingSessionsOf(deps.db, f.organization_id, f.person_id, from, FEED_LIMIT_PER_KIND),
  ]);
  const events = [
    ...meetings.map((m) => mentoringMeetingEvent(meetingFacts(m), FEED, base)),
    ...coaching.map((s) => coachingSessionEvent(coachingFacts(s), FEED, base)),
    ...training.map((s) => trainingSessionEvent(trainingFacts(s, [], []), FEED, base)),
  ];
  if (!f.last_used_at || Date.parse(now) - Date.parse(f.last_used_at) >= FEED_USE_RESOLUTION_MS) {
    await repo.markFeedUsed(deps.db, f.id, now);
  }
  return buildCalendar({
    method: "PUBLISH",
    timeZone: f.time_zone,
    vtimezone,
    stamp: now,
    name: "Trellis",
    description: "Your mentoring, coaching and training sessions",
    refreshSeconds: FEED_REFRESH_SECONDS,
    events,
  });
}
