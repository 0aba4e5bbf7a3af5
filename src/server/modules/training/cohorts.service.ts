import type { Db } from "../../db/kysely.ts";
import type { TrainingSessionTable } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import type { z } from "../../lib/http.ts";
import { newId } from "../../lib/ids.ts";
import { addDays, isValidTimeZone, nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as calendar from "../calendar/calendar.repository.ts";
import { findPeopleRefs, findPerson } from "../people/people.repository.ts";
import { canEditProgram, managesPrograms } from "../programs/programs.policy.ts";
import * as programs from "../programs/programs.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import { type CohortData, loadCohort, loadCohorts } from "./cohort-data.ts";
import { announceCertificates, type Issued, issuerOf, settle } from "./progress.service.ts";
import { type CohortRole, cohortRole, teaches } from "./training.policy.ts";
import * as repo from "./training.repository.ts";
import type {
  AttendanceBody,
  CohortCreate,
  CohortPatch,
  SessionCreate,
  SessionPatch,
} from "./training.schemas.ts";

/** How long a trainee has to take a seat offered from the waitlist. */
export const OFFER_DAYS = 3;

export interface LoadedCohort {
  data: CohortData;
  role: CohortRole;
}

/** The cohort as the caller relates to it; 404 when it is in another organization. */
export async function requireCohort(db: Db, actor: Actor, id: string): Promise<LoadedCohort> {
  const cohort = await repo.findCohort(db, actor.organizationId, id);
  if (!cohort) throw errors.notFound("Cohort");
  const data = await loadCohort(db, cohort);
  return { data, role: cohortRole(actor, data.trainerIds, data.enrolmentOf(actor.personId) !== undefined) };
}

export function requireStaff(l: LoadedCohort) {
  if (!teaches(l.role)) throw errors.forbidden("Only the cohort's trainers and program staff can do this.");
}

export function sessionDto(s: TrainingSessionTable, taken: boolean) {
  return {
    id: s.id,
    cohortId: s.cohort_id,
    kind: s.kind,
    title: s.title,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    timeZone: s.time_zone,
    location: s.location,
    link: s.link,
    cancelledAt: s.cancelled_at,
    attendanceTaken: taken,
  };
}

const takenSessions = (d: CohortData) => new Set(d.rows.attendance.map((a) => a.session_id));

export function cohortSummary(d: CohortData, now = nowIso()) {
  const c = d.cohort;
  const offered = d.queue.filter((e) => e.status === "offered").length;
  const next = d.nextSession(now);
  return {
    id: c.id,
    programId: c.program_id,
    programName: c.program_name,
    course: { id: c.course_id, title: c.course_title },
    name: c.name,
    startDate: c.start_date,
    endDate: c.end_date,
    seats: c.seats,
    timeZone: c.time_zone,
    status: c.status,
    trainers: d.rows.trainers.map((t) => ({ id: t.id, name: t.name })),
    enrolledCount: d.enrolled.length,
    waitlistCount: d.queue.length - offered,
    seatsLeft: Math.max(0, c.seats - d.enrolled.length - offered),
    nextSession: next ? sessionDto(next, takenSessions(d).has(next.id)) : null,
  };
}

export function enrolmentDto(d: CohortData, personId: string) {
  const e = d.enrolmentOf(personId);
  if (!e) return null;
  const position = d.queue.findIndex((q) => q.person_id === personId);
  return {
    personId,
    status: e.status,
    waitlistPosition: e.status === "waitlisted" ? position + 1 : null,
    offerExpiresAt: e.status === "offered" ? e.offer_expires_at : null,
  };
}

export function progressOf(d: CohortData, personId: string) {
  const completion = d.completionOf(personId);
  return {
    lessonsDone: [...d.lessonsDoneBy(personId)],
    lessonsTotal: d.lessons.length,
    attendance: d.attendanceOf(personId),
    completion,
    certificateId: d.certificateOf(personId)?.id ?? null,
  };
}

export async function getCohort(db: Db, actor: Actor, id: string) {
  const l = await requireCohort(db, actor, id);
  return present(l, actor);
}

function present({ data: d, role }: LoadedCohort, actor: Actor) {
  const taken = takenSessions(d);
  const enrolment = enrolmentDto(d, actor.personId);
  return {
    ...cohortSummary(d),
    sessions: d.rows.sessions.map((s) => sessionDto(s, taken.has(s.id))),
    role,
    canManage: managesPrograms(actor),
    enrolment,
    progress: enrolment?.status === "enrolled" ? progressOf(d, actor.personId) : null,
  };
}

async function requireTrainingProgram(db: Db, actor: Actor, programId: string, forWrite: boolean) {
  const p = await programs.findProgram(db, actor.organizationId, programId);
  if (!p || (p.status !== "published" && !managesPrograms(actor))) throw errors.notFound("Program");
  if (p.kind !== "training") {
    throw errors.unprocessable("training.not_a_training_program", "Cohorts belong to training programs.", {
      kind: p.kind,
    });
  }
  if (forWrite && !canEditProgram(actor, p)) {
    throw errors.forbidden("Only the program's owner and org admins open its cohorts.");
  }
  return p;
}

export async function listCohorts(db: Db, actor: Actor, programId: string) {
  await requireTrainingProgram(db, actor, programId, false);
  const rows = await repo.cohortsOfProgram(db, actor.organizationId, programId);
  const data = await loadCohorts(db, rows);
  return { cohorts: data.map((d) => cohortSummary(d)) };
}

async function checkTrainers(db: Db, actor: Actor, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await findPeopleRefs(db, actor.organizationId, unique);
  const missing = unique.filter((id) => !found.some((p) => p.id === id));
  if (missing.length > 0)
    throw errors.unprocessable("training.unknown_trainer", "Some trainers are not in your organization.", {
      missing,
    });
  return unique;
}

function checkDates(startDate: string, endDate: string, timeZone: string) {
  if (endDate < startDate)
    throw errors.unprocessable("training.end_before_start", "The end date is before the start date.", {
      field: "endDate",
    });
  if (!isValidTimeZone(timeZone))
    throw errors.unprocessable("training.invalid_time_zone", "Use an IANA time zone such as Europe/Berlin.", {
      field: "timeZone",
    });
}

export async function createCohort(
  db: Db,
  actor: Actor,
  programId: string,
  input: z.infer<typeof CohortCreate>,
) {
  checkDates(input.startDate, input.endDate, input.timeZone);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await requireTrainingProgram(trx, actor, programId, true);
    const course = await repo.findCourse(trx, actor.organizationId, input.courseId);
    if (!course)
      throw errors.unprocessable("training.unknown_course", "That course does not exist.", {
        field: "courseId",
      });
    if (course.status !== "published") {
      throw errors.unprocessable(
        "training.course_not_published",
        "Publish the course before opening a cohort of it.",
        { field: "courseId" },
      );
    }
    if ((await repo.countCohortsOfProgram(trx, programId)) >= repo.MAX_COHORTS_PER_PROGRAM) {
      throw errors.unprocessable(
        "training.too_many_cohorts",
        `A program holds at most ${repo.MAX_COHORTS_PER_PROGRAM} cohorts; start a new program for further cohorts.`,
        { max: repo.MAX_COHORTS_PER_PROGRAM },
      );
    }
    const trainers = await checkTrainers(trx, actor, input.trainerIds);
    const now = nowIso();
    await repo.insertCohort(trx, {
      id,
      organization_id: actor.organizationId,
      program_id: programId,
      course_id: course.id,
      name: input.name,
      start_date: input.startDate,
      end_date: input.endDate,
      seats: input.seats,
      time_zone: input.timeZone,
      status: "open",
      created_at: now,
      updated_at: now,
    });
    await repo.replaceTrainers(trx, actor.organizationId, id, trainers, now, newId);
    await audit(trx, actor, "training.cohort_created", id, { courseId: course.id, seats: input.seats });
  });
  return getCohort(db, actor, id);
}

async function audit(
  db: Db,
  actor: Actor,
  action: string,
  cohortId: string,
  details: Record<string, unknown> = {},
) {
  await insertAuditEvent(db, {
    organizationId: actor.organizationId,
    actorPersonId: actor.personId,
    action,
    targetType: "training_cohort",
    targetId: cohortId,
    details,
  });
}

export async function updateCohort(deps: Deps, actor: Actor, id: string, patch: z.infer<typeof CohortPatch>) {
  const offers = await deps.db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, id);
    if (!canEditProgram(actor, { owner_id: l.data.cohort.program_owner_id })) {
      throw errors.forbidden("Only the program's owner and org admins change its cohorts.");
    }
    const c = l.data.cohort;
    checkDates(patch.startDate ?? c.start_date, patch.endDate ?? c.end_date, patch.timeZone ?? c.time_zone);
    if (patch.seats !== undefined && patch.seats < l.data.enrolled.length) {
      throw errors.unprocessable(
        "training.seats_below_enrolled",
        `${l.data.enrolled.length} trainees are already enrolled; seats cannot go below that.`,
        {
          field: "seats",
          enrolled: l.data.enrolled.length,
        },
      );
    }
    if (patch.trainerIds)
      await repo.replaceTrainers(
        trx,
        actor.organizationId,
        id,
        await checkTrainers(trx, actor, patch.trainerIds),
        nowIso(),
        newId,
      );
    if (patch.status !== undefined && (patch.status === "cancelled") !== (c.status === "cancelled")) {
      await calendar.raiseCohortSessionsSequence(trx, id);
    }
    await repo.updateCohort(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.startDate !== undefined ? { start_date: patch.startDate } : {}),
      ...(patch.endDate !== undefined ? { end_date: patch.endDate } : {}),
      ...(patch.seats !== undefined ? { seats: patch.seats } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: nowIso(),
    });
    await audit(trx, actor, "training.cohort_updated", id, { fields: Object.keys(patch) });
    return fillSeats(trx, deps.engine, id);
  });
  await sendOffers(deps, actor.organizationId, id, offers);
  return getCohort(deps.db, actor, id);
}

/**
 * Lapsed offers go back to nobody (the person keeps their history, marked withdrawn), then each free seat is
 * offered to the longest-waiting trainee. Returns the people who were just offered a seat.
 */
export async function fillSeats(
  db: Db,
  engine: Deps["engine"],
  cohortId: string,
  now = nowIso(),
): Promise<string[]> {
  await repo.lockCohort(db, engine, cohortId);
  const cohort = await repo.seatsOf(db, cohortId);
  const rows = await repo.queueOf(db, cohortId);
  for (const r of rows.filter((x) => x.status === "offered" && (x.offer_expires_at ?? "") <= now)) {
    await repo.updateEnrolment(db, r.id, { status: "withdrawn", offer_expires_at: null, updated_at: now });
    r.status = "withdrawn";
  }
  if (cohort.status !== "open") return [];
  let free = cohort.seats - rows.filter((r) => r.status === "enrolled" || r.status === "offered").length;
  const offered: string[] = [];
  for (const r of rows.filter((x) => x.status === "waitlisted")) {
    if (free <= 0) break;
    await repo.updateEnrolment(db, r.id, {
      status: "offered",
      offer_expires_at: addDays(now, OFFER_DAYS),
      updated_at: now,
    });
    offered.push(r.person_id);
    free -= 1;
  }
  return offered;
}

async function sendOffers(deps: Deps, organizationId: string, cohortId: string, personIds: string[]) {
  for (const personId of personIds) {
    await notifyPerson(deps, organizationId, personId, "requests", {
      subject: "A seat is free for you",
      intro: `A seat has opened in a training cohort you were waiting for. It is held for you for ${OFFER_DAYS} days: accept it or let it go to the next person.`,
      path: `/training/cohorts/${cohortId}`,
    });
  }
}

export async function enrol(deps: Deps, actor: Actor, cohortId: string, personId: string | undefined) {
  const target = personId ?? actor.personId;
  const result = await deps.db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    const c = l.data.cohort;
    const forOther = target !== actor.personId;
    if (forOther && !managesPrograms(actor)) throw errors.forbidden("Only program staff enrol other people.");
    const person = await findPerson(trx, actor.organizationId, target);
    if (!person || person.status === "deactivated")
      throw errors.unprocessable(
        "training.unknown_person",
        "That person is not an active member of your organization.",
        { field: "personId" },
      );
    if (c.status !== "open")
      throw errors.unprocessable("training.cohort_closed", "This cohort is not taking enrolments.", {
        status: c.status,
      });
    if (l.data.trainerIds.includes(target))
      throw errors.conflict(
        "training.trainer_cannot_enrol",
        "A trainer of the cohort cannot also be its trainee.",
      );
    const programEnrolment = await programs.findEnrolment(trx, c.program_id, target, "trainee");
    if (!forOther && programEnrolment?.status !== "active") {
      throw errors.unprocessable(
        "training.not_in_program",
        `Enrol in the program "${c.program_name}" as a trainee first, then pick a cohort.`,
        {
          programId: c.program_id,
        },
      );
    }
    const existing = await repo.findEnrolment(trx, cohortId, target);
    if (existing && existing.status !== "withdrawn") {
      throw errors.conflict(
        "training.already_enrolled",
        existing.status === "enrolled"
          ? "Already enrolled in this cohort."
          : "Already on this cohort's waitlist.",
        { status: existing.status },
      );
    }
    await fillSeats(trx, deps.engine, cohortId);
    const now = nowIso();
    const counts = await repo.queueOf(trx, cohortId);
    const taken = counts.filter((r) => r.status !== "waitlisted").length;
    const waiting = counts.some((r) => r.status === "waitlisted");
    const status = taken < c.seats && !waiting ? "enrolled" : "waitlisted";
    if (
      status === "waitlisted" &&
      counts.filter((r) => r.status === "waitlisted").length >= repo.MAX_WAITLIST
    ) {
      throw errors.conflict(
        "training.waitlist_full",
        `This cohort is full and ${repo.MAX_WAITLIST} people are already waiting; pick another cohort.`,
        { max: repo.MAX_WAITLIST },
      );
    }
    const row = {
      status,
      queued_at: now,
      offer_expires_at: null,
      enrolled_by: actor.personId,
      completed_at: null,
      updated_at: now,
    } as const;
    if (existing) await repo.updateEnrolment(trx, existing.id, row);
    else
      await repo.insertEnrolment(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        cohort_id: cohortId,
        person_id: target,
        created_at: now,
        ...row,
      });
    if (!programEnrolment) {
      await programs.insertEnrolment(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        program_id: c.program_id,
        person_id: target,
        role: "trainee",
        answers: "{}",
        status: "active",
        created_at: now,
        updated_at: now,
      });
    } else if (programEnrolment.status !== "active") {
      await programs.updateEnrolment(trx, programEnrolment.id, { status: "active", updated_at: now });
    }
    await audit(trx, actor, status === "enrolled" ? "training.enrolled" : "training.waitlisted", cohortId, {
      personId: target,
    });
    await emitEvent(trx, actor.organizationId, "training.enrolment.created", {
      cohortId,
      programId: c.program_id,
      personId: target,
      status,
      enrolledAt: now,
    });
    return { status, forOther };
  });
  if (result.forOther) {
    await notifyPerson(deps, actor.organizationId, target, "requests", {
      subject:
        result.status === "enrolled"
          ? "You are enrolled in a training cohort"
          : "You are on a training waitlist",
      intro:
        result.status === "enrolled"
          ? `${actor.name} enrolled you in a training cohort. Its sessions and lessons are on your training page.`
          : `${actor.name} put you on the waitlist of a full training cohort. You will be offered a seat when one frees up.`,
      path: `/training/cohorts/${cohortId}`,
    });
  }
  return enrolmentAfter(deps.db, actor, cohortId, target);
}

async function enrolmentAfter(db: Db, actor: Actor, cohortId: string, personId: string) {
  const l = await requireCohort(db, actor, cohortId);
  const e = enrolmentDto(l.data, personId);
  return e ?? { personId, status: "withdrawn" as const, waitlistPosition: null, offerExpiresAt: null };
}

export async function withdraw(deps: Deps, actor: Actor, cohortId: string, personId: string) {
  const offers = await deps.db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    if (personId !== actor.personId && !managesPrograms(actor))
      throw errors.forbidden("Only program staff withdraw other people.");
    const e = await repo.findEnrolment(trx, cohortId, personId);
    if (!e || e.status === "withdrawn") throw errors.notFound("Enrolment");
    if (l.data.certificateOf(personId)) {
      throw errors.conflict(
        "training.already_completed",
        "This trainee has completed the cohort; their record stays.",
      );
    }
    await repo.updateEnrolment(trx, e.id, {
      status: "withdrawn",
      offer_expires_at: null,
      updated_at: nowIso(),
    });
    await audit(trx, actor, "training.withdrawn", cohortId, { personId, from: e.status });
    return fillSeats(trx, deps.engine, cohortId);
  });
  await sendOffers(deps, actor.organizationId, cohortId, offers);
  return enrolmentAfter(deps.db, actor, cohortId, personId);
}

export async function answerOffer(deps: Deps, actor: Actor, cohortId: string, accept: boolean) {
  const offers = await deps.db.transaction().execute(async (trx) => {
    await requireCohort(trx, actor, cohortId);
    await fillSeats(trx, deps.engine, cohortId);
    const e = await repo.findEnrolment(trx, cohortId, actor.personId);
    if (!e || e.status !== "offered") {
      throw errors.conflict(
        "training.no_offer",
        "You have no seat offer open in this cohort; it may have lapsed.",
        { status: e?.status ?? null },
      );
    }
    const now = nowIso();
    await repo.updateEnrolment(trx, e.id, {
      status: accept ? "enrolled" : "withdrawn",
      offer_expires_at: null,
      updated_at: now,
    });
    await audit(trx, actor, accept ? "training.offer_accepted" : "training.offer_declined", cohortId);
    return accept ? [] : fillSeats(trx, deps.engine, cohortId);
  });
  await sendOffers(deps, actor.organizationId, cohortId, offers);
  return enrolmentAfter(deps.db, actor, cohortId, actor.personId);
}

export async function roster(db: Db, actor: Actor, cohortId: string) {
  const l = await requireCohort(db, actor, cohortId);
  requireStaff(l);
  const d = l.data;
  return {
    enrolled: d.enrolled.map((e) => ({
      person: { id: e.person_id, name: e.name },
      enrolledAt: e.updated_at,
      attendance: d.attendanceOf(e.person_id),
      lessonsDone: d.lessonsDoneBy(e.person_id).size,
      lessonsTotal: d.lessons.length,
      completed: d.certificateOf(e.person_id) !== null,
      certificateId: d.certificateOf(e.person_id)?.id ?? null,
    })),
    waitlist: d.queue.map((e, i) => ({
      person: { id: e.person_id, name: e.name },
      position: i + 1,
      status: e.status,
      queuedAt: e.queued_at ?? e.created_at,
      offerExpiresAt: e.offer_expires_at,
    })),
  };
}

// Sessions and attendance

function checkSessionTimes(startsAt: string, endsAt: string, timeZone: string) {
  if (Date.parse(endsAt) <= Date.parse(startsAt))
    throw errors.unprocessable("training.end_before_start", "A session must end after it starts.", {
      field: "endsAt",
    });
  if (Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3_600_000)
    throw errors.unprocessable(
      "training.session_too_long",
      "A session lasts at most 24 hours; schedule several.",
      { field: "endsAt" },
    );
  if (!isValidTimeZone(timeZone))
    throw errors.unprocessable("training.invalid_time_zone", "Use an IANA time zone such as Europe/Berlin.", {
      field: "timeZone",
    });
}

export async function addSession(
  db: Db,
  actor: Actor,
  cohortId: string,
  input: z.infer<typeof SessionCreate>,
) {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    requireStaff(l);
    const timeZone = input.timeZone ?? l.data.cohort.time_zone;
    checkSessionTimes(input.startsAt, input.endsAt, timeZone);
    if (l.data.rows.sessions.length >= repo.MAX_SESSIONS_PER_COHORT) {
      throw errors.unprocessable(
        "training.too_many_sessions",
        `A cohort holds at most ${repo.MAX_SESSIONS_PER_COHORT} sessions, cancelled ones included; open another cohort for more.`,
        { max: repo.MAX_SESSIONS_PER_COHORT },
      );
    }
    const now = nowIso();
    await repo.insertSession(trx, {
      id,
      organization_id: actor.organizationId,
      cohort_id: cohortId,
      kind: input.kind,
      title: input.title,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: new Date(input.endsAt).toISOString(),
      time_zone: timeZone,
      location: input.location,
      link: input.link,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    });
  });
  const s = await repo.findSession(db, actor.organizationId, id);
  if (!s) throw errors.notFound("Session");
  return sessionDto(s, false);
}

async function requireSession(db: Db, actor: Actor, id: string) {
  const s = await repo.findSession(db, actor.organizationId, id);
  if (!s) throw errors.notFound("Session");
  const l = await requireCohort(db, actor, s.cohort_id);
  return { s, l };
}

export async function updateSession(db: Db, actor: Actor, id: string, patch: z.infer<typeof SessionPatch>) {
  await db.transaction().execute(async (trx) => {
    const { s, l } = await requireSession(trx, actor, id);
    requireStaff(l);
    const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : s.starts_at;
    const endsAt = patch.endsAt ? new Date(patch.endsAt).toISOString() : s.ends_at;
    checkSessionTimes(startsAt, endsAt, patch.timeZone ?? s.time_zone);
    const moved =
      startsAt !== s.starts_at ||
      endsAt !== s.ends_at ||
      (patch.location !== undefined && patch.location !== s.location) ||
      (patch.link !== undefined && patch.link !== s.link) ||
      (patch.cancelled !== undefined && patch.cancelled !== (s.cancelled_at !== null));
    if (moved) await calendar.raiseTrainingSessionSequence(trx, [id]);
    await repo.updateSession(trx, id, {
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      starts_at: startsAt,
      ends_at: endsAt,
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.location !== undefined ? { location: patch.location } : {}),
      ...(patch.link !== undefined ? { link: patch.link } : {}),
      ...(patch.cancelled !== undefined
        ? { cancelled_at: patch.cancelled ? (s.cancelled_at ?? nowIso()) : null }
        : {}),
      updated_at: nowIso(),
    });
  });
  const s = await repo.findSession(db, actor.organizationId, id);
  if (!s) throw errors.notFound("Session");
  return sessionDto(s, (await repo.sessionIdsWithAttendance(db, [s.cohort_id])).has(s.id));
}

function sheet(d: CohortData, sessionId: string) {
  const s = d.rows.sessions.find((x) => x.id === sessionId);
  if (!s) throw errors.notFound("Session");
  const marks = new Map(
    d.rows.attendance.filter((a) => a.session_id === sessionId).map((a) => [a.person_id, a.status]),
  );
  return {
    session: sessionDto(s, marks.size > 0),
    rows: d.enrolled.map((e) => ({
      person: { id: e.person_id, name: e.name },
      status: marks.get(e.person_id) ?? null,
      attendance: d.attendanceOf(e.person_id),
    })),
  };
}

export async function attendanceSheet(db: Db, actor: Actor, sessionId: string) {
  const { l } = await requireSession(db, actor, sessionId);
  requireStaff(l);
  return sheet(l.data, sessionId);
}

/** A trainer can take attendance from an hour before a session starts. */
const ATTENDANCE_OPENS_BEFORE_MS = 3_600_000;

export async function takeAttendance(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: z.infer<typeof AttendanceBody>,
) {
  const issued: Issued[] = [];
  const fresh = await deps.db.transaction().execute(async (trx) => {
    // PostgreSQL reads what is committed: two trainers marking one trainee in two sessions at once would each
    // settle without the other's mark. SQLite's immediate transaction already holds the only writer's lock.
    const found =
      deps.engine === "postgres" ? await repo.findSession(trx, actor.organizationId, sessionId) : null;
    if (found) await repo.lockCohort(trx, deps.engine, found.cohort_id);
    const { s, l } = await requireSession(trx, actor, sessionId);
    requireStaff(l);
    if (s.cancelled_at)
      throw errors.unprocessable(
        "training.session_cancelled",
        "This session was cancelled; there is no attendance to take.",
      );
    if (Date.parse(s.starts_at) - Date.now() > ATTENDANCE_OPENS_BEFORE_MS) {
      throw errors.unprocessable(
        "training.session_not_started",
        "Attendance opens an hour before the session starts.",
        { startsAt: s.starts_at },
      );
    }
    const onRoster = new Set(l.data.enrolled.map((e) => e.person_id));
    const strangers = input.marks.filter((m) => !onRoster.has(m.personId)).map((m) => m.personId);
    if (strangers.length > 0)
      throw errors.unprocessable("training.not_on_roster", "Some people are not enrolled in this cohort.", {
        personIds: strangers,
      });
    const now = nowIso();
    // One row per person, the last mark winning, as marking them one after another would leave it.
    const last = new Map(input.marks.map((m) => [m.personId, m.status]));
    await repo.upsertAttendance(
      trx,
      [...last].map(([personId, status]) => ({
        id: newId(),
        organization_id: actor.organizationId,
        session_id: sessionId,
        cohort_id: s.cohort_id,
        person_id: personId,
        status,
        recorded_by: actor.personId,
        recorded_at: now,
      })),
    );
    const after = l.data.withMarks(sessionId, last);
    for (const personId of last.keys()) await settle(trx, issuerOf(deps), after, personId, issued);
    await audit(trx, actor, "training.attendance_taken", s.cohort_id, {
      sessionId,
      marks: input.marks.length,
    });
    return after;
  });
  await announceCertificates(deps, issued);
  return sheet(fresh, sessionId);
}
