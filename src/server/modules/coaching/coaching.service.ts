import {
  allAgreed,
  type Budget,
  budgetOf,
  canMoveTo,
  DEFAULT_DURATION_MONTHS,
  DEFAULT_SESSION_BUDGET,
  type EngagementStatus,
  type Party,
} from "../../../domain/coaching/lifecycle.ts";
import {
  actionStats,
  aggregate,
  type ObjectiveTheme,
  progressToTarget,
} from "../../../domain/coaching/metrics.ts";
import {
  type MatchProfile,
  type MatchSettings,
  scorePair,
  scoreTotal,
} from "../../../domain/matching/score.ts";
import { addMonths } from "../../../domain/mentoring/lifecycle.ts";
import { managerChain } from "../../../domain/people/reporting-line.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { newDataKey, unwrapKey, wrapKey } from "../../lib/crypto.ts";
import { AppError, errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as calendar from "../calendar/calendar.repository.ts";
import { findPerson } from "../people/people.repository.ts";
import { findProgram } from "../programs/programs.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import { partiesOf, seesContent, type Viewer, viewerOf } from "./coaching.policy.ts";
import * as repo from "./coaching.repository.ts";

export const today = () => nowIso().slice(0, 10);
const ref = (id: string, name: string) => ({ id, name });

export interface Loaded {
  e: repo.EngagementRow;
  viewer: Viewer;
  parties: Party[];
}

/** The engagement as the caller may see it; 404 for anyone with no part in it, whatever their role. */
export async function requireEngagement(db: Db, actor: Actor, id: string): Promise<Loaded> {
  const e = await repo.findEngagement(db, actor.organizationId, id);
  const viewer = e ? viewerOf(actor, e) : null;
  if (!e || !viewer) throw errors.notFound("Engagement");
  return { e, viewer, parties: partiesOf(actor, e) };
}

export function requireContent(l: Loaded) {
  if (!seesContent(l.viewer)) {
    throw errors.forbidden(
      "Session notes, actions and assessments are for the coach and the coachee. Sponsors and program staff see the summary.",
    );
  }
}

export function requireStatus(e: { status: EngagementStatus }, allowed: EngagementStatus[], what: string) {
  if (!allowed.includes(e.status)) {
    throw errors.conflict(
      "coaching.wrong_status",
      `You can ${what} only while the engagement is ${allowed.join(" or ")}.`,
      { status: e.status },
    );
  }
}

export const engagementKey = (deps: Deps, e: { id: string; wrapped_key: string }) =>
  unwrapKey(deps.masterKey, e.wrapped_key, e.id);

// Coach pool

function coachDto(c: repo.CoachRow) {
  return {
    person: ref(c.person_id, c.name),
    title: c.title,
    department: c.department,
    email: c.email,
    kind: c.kind,
    specialties: parseJson<string[]>(c.specialties, []),
    languages: parseJson<string[]>(c.languages, []),
    capacity: c.capacity,
    openEngagements: repo.openEngagementsOf(c),
    bio: c.bio,
    active: c.active === 1 && c.person_status === "active",
  };
}

export async function listCoaches(db: Db, actor: Actor, filter: repo.CoachFilter) {
  const [page, pool] = await Promise.all([
    repo.coachPage(db, actor.organizationId, filter),
    repo.poolFigures(db, actor.organizationId),
  ]);
  return { items: page.rows.map(coachDto), nextCursor: page.nextCursor, total: page.total, pool };
}

export interface CoachInput {
  kind: "internal" | "external";
  specialties: string[];
  languages: string[];
  capacity: number;
  bio: string;
  active: boolean;
}

export async function saveCoach(db: Db, actor: Actor, personId: string, input: CoachInput) {
  await db.transaction().execute(async (trx) => {
    const person = await findPerson(trx, actor.organizationId, personId);
    if (!person || person.status === "deactivated") throw errors.notFound("Person");
    const existing = await repo.findCoach(trx, actor.organizationId, personId);
    const now = nowIso();
    await repo.saveCoach(
      trx,
      {
        id: existing?.id ?? newId(),
        organization_id: actor.organizationId,
        person_id: personId,
        kind: input.kind,
        specialties: toJson(dedupe(input.specialties)),
        languages: toJson(dedupe(input.languages)),
        capacity: input.capacity,
        bio: input.bio,
        active: input.active ? 1 : 0,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      },
      existing !== undefined,
    );
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: existing ? "coaching.coach_updated" : "coaching.coach_added",
      targetType: "person",
      targetId: personId,
    });
  });
  const row = await repo.findCoach(db, actor.organizationId, personId);
  if (!row) throw errors.notFound("Coach");
  return coachDto(row);
}

const dedupe = (xs: string[]) => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()];

// Shortlist: the matching scorer, read as coachee and coach.

const COACH_MATCH: MatchSettings = {
  format: "peer",
  weights: {
    skills: 3,
    interests: 1,
    seniority: 0,
    language: 1,
    timeZone: 1,
    ranking: 0,
    departmentDiversity: 1,
  },
  constraints: {
    notInReportingLine: true,
    mentorMoreSenior: false,
    sharedLanguage: true,
    maxTimeZoneGapHours: null,
  },
  idealSeniorityGap: { min: 0, max: 10 },
};

/** The scorer speaks of mentors and mentees; a coaching shortlist reads the same words as coach and coachee. */
const asCoaching = (s: string) =>
  s
    .replace(/mentee/g, "coachee")
    .replace(/Mentee/g, "Coachee")
    .replace(/mentor(ing)?/g, "coach$1");

/** How many coaches a shortlist shows: the best fits, enough to pick two or three for a chemistry call. */
export const SHORTLIST_SIZE = 20;

export async function shortlist(db: Db, actor: Actor, programId: string, coacheeId: string, focus: string) {
  await requireCoachingProgram(db, actor, programId);
  const coachee = await findPerson(db, actor.organizationId, coacheeId);
  if (!coachee || coachee.status !== "active") throw errors.notFound("Person");
  const coaches = await repo.activeCoaches(db, actor.organizationId);
  const managers = await repo.reportingLinesOf(db, actor.organizationId, [
    coachee.id,
    ...coaches.filter((c) => c.kind === "internal").map((c) => c.person_id),
  ]);
  const focusAreas = focus
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((name) => ({ name, level: 3 }));
  const chain = (id: string) => managerChain(id, (x) => managers.get(x));
  const mentee = {
    id: coachee.id,
    department: coachee.department,
    seniority: coachee.seniority,
    managerChain: chain(coachee.id),
    languages: parseJson<string[]>(coachee.languages, []),
    timeZone: coachee.time_zone,
    skills: [],
    interests: parseJson<string[]>(coachee.interests, []),
    skillsWanted: focusAreas,
    ranking: [],
    avoid: [],
    previousMentors: [],
  };
  const now = new Date();
  // Every coach is ranked on the bare total; only those shown get the explained score.
  const ranked = coaches
    .map((row) => {
      const c = coachDto(row);
      const external = c.kind === "external";
      const profile: MatchProfile = {
        id: c.person.id,
        department: external ? null : c.department,
        seniority: row.seniority,
        managerChain: external ? [] : chain(c.person.id),
        languages: c.languages,
        timeZone: row.time_zone,
        skills: c.specialties.map((name) => ({ name, level: 5 })),
        interests: parseJson<string[]>(row.interests, []),
      };
      const total = scoreTotal(mentee, profile, COACH_MATCH, now);
      return {
        c,
        profile,
        total: total ?? 0,
        excluded: total === null,
        full: c.openEngagements >= c.capacity,
      };
    })
    .sort(
      (a, b) =>
        Number(a.excluded) - Number(b.excluded) ||
        Number(a.full) - Number(b.full) ||
        b.total - a.total ||
        a.c.person.name.localeCompare(b.c.person.name),
    );
  const items = ranked.slice(0, SHORTLIST_SIZE).map(({ c, profile, full }) => {
    const score = scorePair(mentee, profile, COACH_MATCH, now);
    return {
      coach: c,
      score: score.total,
      criteria: score.criteria
        .filter((k) => k.weight > 0)
        .map((k) => ({ ...k, label: asCoaching(k.label), explanation: asCoaching(k.explanation) })),
      excluded: score.excluded.map((x) => ({ code: x.code, reason: asCoaching(x.reason) })),
      full,
    };
  });
  return { items, total: ranked.length };
}

async function requireCoachingProgram(db: Db, actor: Actor, programId: string) {
  const program = await findProgram(db, actor.organizationId, programId);
  if (!program || program.kind !== "coaching") throw errors.notFound("Coaching program");
  return program;
}

// Engagements

export interface EngagementInput {
  coacheeId: string;
  coachId?: string | undefined;
  proposedCoachIds?: string[] | undefined;
  sponsorId?: string | undefined;
  sessionBudget?: number | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  focus: string;
}

async function requireAvailableCoach(db: Db, actor: Actor, coachId: string, field: string) {
  const coach = await repo.findCoach(db, actor.organizationId, coachId);
  if (!coach || coach.active !== 1 || coach.person_status !== "active") {
    throw errors.unprocessable("coaching.not_a_coach", "That person is not an active coach in the pool.", {
      field,
      id: coachId,
    });
  }
  if (repo.openEngagementsOf(coach) >= coach.capacity) {
    throw errors.conflict(
      "coaching.coach_at_capacity",
      `${coach.name} already coaches ${coach.capacity} people, their full capacity.`,
      { coachId },
    );
  }
  return coach;
}

export async function createEngagement(deps: Deps, actor: Actor, programId: string, input: EngagementInput) {
  const { id, notices } = await deps.db.transaction().execute(async (trx) => {
    const program = await requireCoachingProgram(trx, actor, programId);
    if (program.status !== "published") {
      throw errors.conflict("coaching.program_not_open", "Assign coaching only in a published program.");
    }
    const coachee = await findPerson(trx, actor.organizationId, input.coacheeId);
    if (!coachee || coachee.status !== "active") {
      throw errors.unprocessable("coaching.unknown_person", "The coachee is not an active person here.", {
        field: "coacheeId",
      });
    }
    const sponsorId = input.sponsorId ?? (actor.role === "sponsor" ? actor.personId : undefined);
    if (!sponsorId) {
      throw errors.unprocessable("coaching.sponsor_required", "Name the sponsor who funds this coaching.", {
        field: "sponsorId",
      });
    }
    const sponsor = await findPerson(trx, actor.organizationId, sponsorId);
    if (!sponsor || sponsor.status !== "active" || sponsor.org_role !== "sponsor") {
      throw errors.unprocessable(
        "coaching.not_a_sponsor",
        "The sponsor must be a person with the sponsor role.",
        {
          field: "sponsorId",
        },
      );
    }
    const coachIds = input.coachId ? [input.coachId] : (input.proposedCoachIds ?? []);
    for (const coachId of coachIds) {
      if (coachId === coachee.id || coachId === sponsor.id) {
        throw errors.unprocessable(
          "coaching.conflict_of_roles",
          "The coach must be someone other than the coachee and the sponsor.",
          { field: input.coachId ? "coachId" : "proposedCoachIds", id: coachId },
        );
      }
      await requireAvailableCoach(trx, actor, coachId, input.coachId ? "coachId" : "proposedCoachIds");
    }
    if (sponsor.id === coachee.id) {
      throw errors.unprocessable(
        "coaching.conflict_of_roles",
        "A coachee cannot sponsor their own coaching.",
        {
          field: "sponsorId",
        },
      );
    }
    if (await repo.openEngagementOfCoachee(trx, programId, coachee.id)) {
      throw errors.conflict(
        "coaching.already_engaged",
        `${coachee.name} already has an open engagement in this program.`,
      );
    }
    const start = input.startDate ?? today();
    const end = input.endDate ?? addMonths(start, DEFAULT_DURATION_MONTHS);
    if (end <= start) {
      throw new AppError(400, "validation.failed", "The end date must be after the start date.", [
        { path: "endDate", code: "custom", message: "The end date must be after the start date." },
      ]);
    }
    const now = nowIso();
    const id = newId();
    await repo.insertEngagement(trx, {
      id,
      organization_id: actor.organizationId,
      program_id: programId,
      coachee_id: coachee.id,
      coach_id: input.coachId ?? null,
      sponsor_id: sponsor.id,
      assigned_by: actor.personId,
      proposed_coach_ids: toJson(input.proposedCoachIds ?? []),
      status: "setup",
      session_budget: input.sessionBudget ?? DEFAULT_SESSION_BUDGET,
      start_date: start,
      end_date: end,
      focus: input.focus,
      wrapped_key: wrapKey(deps.masterKey, newDataKey(), id),
      objectives_agreed_at: null,
      closed_at: null,
      close_reason: null,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "coaching.engagement_assigned",
      targetType: "coaching_engagement",
      targetId: id,
      details: { programId, chemistry: !input.coachId },
    });
    await emitEvent(trx, actor.organizationId, "coaching.engagement.created", {
      engagementId: id,
      programId,
      coacheeId: coachee.id,
      coachId: input.coachId ?? null,
      sponsorId: sponsor.id,
      sessionBudget: input.sessionBudget ?? DEFAULT_SESSION_BUDGET,
      startDate: start,
      endDate: end,
    });
    const path = `/coaching/engagements/${id}`;
    const notices = [
      {
        to: coachee.id,
        subject: input.coachId ? "You have been assigned a coach" : "Choose your coach",
        intro: input.coachId
          ? `${program.name}: your coaching is set up. Agree your objectives with your coach and sponsor before the first session.`
          : `${program.name}: ${coachIds.length} coaches are proposed to you. After a short chemistry call with each, pick the one you want to work with.`,
      },
      ...coachIds.map((c) => ({
        to: c,
        subject: input.coachId ? "A new coaching engagement" : "You are proposed as a coach",
        intro: input.coachId
          ? `${program.name}: you have been assigned a new coachee. Agree the objectives before the first session.`
          : `${program.name}: a coachee may ask you for a chemistry call before choosing a coach.`,
      })),
      ...(sponsor.id !== actor.personId
        ? [
            {
              to: sponsor.id,
              subject: "You sponsor a coaching engagement",
              intro: `${program.name}: agree the objectives of a coaching engagement you sponsor.`,
            },
          ]
        : []),
    ].map((n) => ({ ...n, path }));
    return { id, notices };
  });
  for (const n of notices) await notifyPerson(deps, actor.organizationId, n.to, "requests", n);
  return getEngagement(deps.db, actor, id);
}

export async function getEngagement(db: Db, actor: Actor, id: string) {
  const l = await requireEngagement(db, actor, id);
  const { e } = l;
  const proposed = parseJson<string[]>(e.proposed_coach_ids, []);
  const [amendments, sessions, agreements, assessments, coaches] = await Promise.all([
    repo.amendmentsOf(db, [id]),
    repo.sessionsOf(db, [id]),
    repo.agreementsOf(db, [id]),
    repo.assessmentsOf(db, [id]),
    repo.findCoaches(db, actor.organizationId, proposed),
  ]);
  const next = sessions.find((s) => s.attendance === "scheduled");
  const selfDone = (phase: "pre" | "post") =>
    assessments.some((a) => a.phase === phase && a.rater_kind === "self" && a.submitted_at !== null);
  return {
    id: e.id,
    program: ref(e.program_id, e.program_name),
    coachee: ref(e.coachee_id, e.coachee_name),
    coach: e.coach_id && e.coach_name ? ref(e.coach_id, e.coach_name) : null,
    sponsor: ref(e.sponsor_id, e.sponsor_name),
    viewer: l.viewer,
    status: e.status,
    focus: e.focus,
    startDate: e.start_date,
    endDate: e.end_date,
    budget: budgetOf(e.session_budget, amendments, sessions),
    proposedCoaches: proposed.flatMap((pid) => {
      const c = coaches.find((x) => x.person_id === pid);
      return c
        ? [
            {
              person: ref(c.person_id, c.name),
              title: c.title,
              kind: c.kind,
              specialties: parseJson<string[]>(c.specialties, []),
              languages: parseJson<string[]>(c.languages, []),
              bio: c.bio,
            },
          ]
        : [];
    }),
    objectivesAgreedAt: e.objectives_agreed_at,
    agreements: agreements.map((a) => ({
      party: a.party,
      person: ref(a.person_id, a.person_name),
      agreedAt: a.agreed_at,
    })),
    myParties: l.parties,
    nextSession: next
      ? { id: next.id, scheduledAt: next.scheduled_at, durationMinutes: next.duration_minutes }
      : null,
    preAssessmentDone: selfDone("pre"),
    postAssessmentDone: selfDone("post"),
    amendments: amendments.map((a) => ({
      addedSessions: a.added_sessions,
      previousEndDate: a.previous_end_date,
      newEndDate: a.new_end_date,
      reason: a.reason,
      by: ref(a.created_by, a.created_by_name),
      createdAt: a.created_at,
    })),
    closedAt: e.closed_at,
    closeReason: e.close_reason,
    createdAt: e.created_at,
  };
}

const budgetFrom = (e: repo.EngagementRow, t: repo.EngagementTally | undefined): Budget => {
  const total = e.session_budget + (t?.addedSessions ?? 0);
  const used = t?.used ?? 0;
  const booked = t?.booked ?? 0;
  return { total, used, booked, remaining: Math.max(0, total - used - booked) };
};

async function listItems(db: Db, actor: Actor, rows: repo.EngagementRow[]) {
  const ids = rows.map((r) => r.id);
  const [tallies, agreements] = await Promise.all([
    repo.engagementTallies(db, ids),
    repo.agreementsOf(
      db,
      rows.filter((r) => r.status === "setup").map((r) => r.id),
    ),
  ]);
  return rows.map((e) => {
    const tally = tallies.get(e.id);
    const parties = partiesOf(actor, e);
    const agreed = agreements.filter((a) => a.engagement_id === e.id).map((a) => a.party);
    const awaitingMe: string[] = [];
    // whereAwaiting in the repository answers the same question in SQL; keep the two in step.
    if (e.status === "setup") {
      if (!e.coach_id && parties.includes("coachee")) awaitingMe.push("choose_coach");
      const hasObjectives = (tally?.objectives ?? 0) > 0;
      if (!hasObjectives && parties.length) awaitingMe.push("set_objectives");
      if (hasObjectives && e.coach_id && parties.some((p) => !agreed.includes(p)))
        awaitingMe.push("agree_objectives");
    }
    if (e.status === "active" && parties.includes("coach") && !tally?.booked)
      awaitingMe.push("schedule_session");
    return {
      id: e.id,
      program: ref(e.program_id, e.program_name),
      coachee: ref(e.coachee_id, e.coachee_name),
      coach: e.coach_id && e.coach_name ? ref(e.coach_id, e.coach_name) : null,
      sponsor: ref(e.sponsor_id, e.sponsor_name),
      viewer: viewerOf(actor, e) ?? "manager",
      status: e.status,
      startDate: e.start_date,
      endDate: e.end_date,
      budget: budgetFrom(e, tally),
      nextSessionAt: tally?.nextSessionAt ?? null,
      awaitingMe,
    };
  });
}

async function engagementList(db: Db, actor: Actor, page: Awaited<ReturnType<typeof repo.engagementPage>>) {
  return {
    items: await listItems(db, actor, page.rows),
    nextCursor: page.nextCursor,
    total: page.total,
    open: page.open,
  };
}

export async function myEngagements(db: Db, actor: Actor, filter: repo.InvolvementFilter & PageRequest) {
  const q = repo.involvingQuery(db, actor.organizationId, actor.personId, filter);
  return engagementList(db, actor, await repo.engagementPage(db, actor.organizationId, q, filter));
}

export async function programEngagements(db: Db, actor: Actor, programId: string, page: PageRequest) {
  await requireCoachingProgram(db, actor, programId);
  const q = repo.programQuery(db, actor.organizationId, programId);
  return engagementList(db, actor, await repo.engagementPage(db, actor.organizationId, q, page));
}

export async function chooseCoach(deps: Deps, actor: Actor, id: string, coachId: string) {
  const coach = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (!l.parties.includes("coachee")) throw errors.forbidden("The coachee chooses their coach.");
    requireStatus(l.e, ["setup"], "choose a coach");
    if (l.e.coach_id) throw errors.conflict("coaching.coach_chosen", "A coach is already chosen.");
    if (!parseJson<string[]>(l.e.proposed_coach_ids, []).includes(coachId)) {
      throw errors.unprocessable("coaching.not_proposed", "Choose one of the coaches proposed to you.", {
        field: "coachId",
      });
    }
    const coach = await requireAvailableCoach(trx, actor, coachId, "coachId");
    await repo.updateEngagement(trx, id, { coach_id: coachId, updated_at: nowIso() });
    return coach;
  });
  await notifyPerson(deps, actor.organizationId, coach.person_id, "responses", {
    subject: "You were chosen as a coach",
    intro: "A coachee chose you after your chemistry call. Agree the objectives before the first session.",
    path: `/coaching/engagements/${id}`,
  });
  return getEngagement(deps.db, actor, id);
}

const runsEngagement = (l: Loaded) => l.viewer === "sponsor" || l.viewer === "manager";

export async function cancel(deps: Deps, actor: Actor, id: string, reason: string) {
  const e = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (!runsEngagement(l)) throw errors.forbidden("The sponsor or the program staff cancel an engagement.");
    if (!canMoveTo(l.e.status, "cancelled")) {
      throw errors.conflict("coaching.wrong_status", `A ${l.e.status} engagement cannot be cancelled.`, {
        status: l.e.status,
      });
    }
    const now = nowIso();
    await repo.updateEngagement(trx, id, {
      status: "cancelled",
      closed_at: now,
      close_reason: reason,
      updated_at: now,
    });
    await calendar.raiseScheduledCoachingSessionsSequence(trx, id);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "coaching.engagement_cancelled",
      targetType: "coaching_engagement",
      targetId: id,
    });
    return l.e;
  });
  for (const to of [e.coachee_id, e.coach_id]) {
    if (to)
      await notifyPerson(deps, actor.organizationId, to, "responses", {
        subject: "A coaching engagement was cancelled",
        intro: `${actor.name} cancelled a coaching engagement you are part of.`,
        path: `/coaching/engagements/${id}`,
      });
  }
  return getEngagement(deps.db, actor, id);
}

export async function amend(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { addSessions: number; newEndDate?: string | undefined; reason: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (!runsEngagement(l)) throw errors.forbidden("The sponsor or the program staff amend an engagement.");
    requireStatus(l.e, ["setup", "active"], "amend the engagement");
    const newEnd = input.newEndDate ?? l.e.end_date;
    if (newEnd <= l.e.start_date) {
      throw errors.unprocessable("coaching.end_before_start", "The end date must be after the start date.", {
        field: "newEndDate",
      });
    }
    const sessions = await repo.sessionsOf(trx, [id]);
    const lastBooked = sessions.filter((s) => s.attendance !== "rescheduled").at(-1);
    if (lastBooked && lastBooked.scheduled_at.slice(0, 10) > newEnd) {
      throw errors.conflict(
        "coaching.sessions_after_end",
        "A session is booked after that date. Move the session or choose a later end date.",
      );
    }
    const now = nowIso();
    await repo.insertAmendment(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      engagement_id: id,
      added_sessions: input.addSessions,
      previous_end_date: l.e.end_date,
      new_end_date: newEnd,
      reason: input.reason,
      created_by: actor.personId,
      created_at: now,
    });
    await repo.updateEngagement(trx, id, { end_date: newEnd, updated_at: now });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "coaching.engagement_amended",
      targetType: "coaching_engagement",
      targetId: id,
      details: { addSessions: input.addSessions, newEndDate: newEnd },
    });
  });
  return getEngagement(deps.db, actor, id);
}

// Objectives

export async function objectiveDtos(db: Db, engagementIds: string[]) {
  const [objectives, values] = await Promise.all([
    repo.objectivesOf(db, engagementIds),
    repo.metricValuesOf(db, engagementIds),
  ]);
  return objectives.map((o) => {
    const history = values
      .filter((v) => v.objective_id === o.id)
      .map((v) => ({ id: v.id, value: v.value, recordedOn: v.recorded_on, sessionId: v.session_id }));
    const latest = history.at(-1)?.value ?? null;
    return {
      engagementId: o.engagement_id,
      dto: {
        id: o.id,
        position: o.position,
        title: o.title,
        theme: o.theme as ObjectiveTheme,
        metricName: o.metric_name,
        metricUnit: o.metric_unit,
        baseline: o.baseline,
        target: o.target,
        latest,
        progress: progressToTarget(o.baseline, o.target, latest),
        history,
      },
    };
  });
}

export async function objectives(db: Db, actor: Actor, id: string) {
  await requireEngagement(db, actor, id);
  return { items: (await objectiveDtos(db, [id])).map((o) => o.dto) };
}

export interface ObjectiveInput {
  title: string;
  theme: string;
  metricName: string;
  metricUnit: string;
  baseline: number;
  target: number;
}

export async function saveObjectives(deps: Deps, actor: Actor, id: string, items: ObjectiveInput[]) {
  const notify = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (l.parties.length === 0) {
      throw errors.forbidden("The coachee, the coach and the sponsor set the objectives together.");
    }
    if (l.e.objectives_agreed_at) {
      throw errors.conflict(
        "coaching.objectives_locked",
        "The objectives were agreed by all three and are now fixed for this engagement.",
      );
    }
    requireStatus(l.e, ["setup"], "change the objectives");
    const now = nowIso();
    await repo.replaceObjectives(
      trx,
      id,
      items.map((o, position) => ({
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        position,
        title: o.title,
        theme: o.theme,
        metric_name: o.metricName,
        metric_unit: o.metricUnit,
        baseline: o.baseline,
        target: o.target,
        created_at: now,
      })),
    );
    // Any change asks all three to agree again.
    await repo.clearAgreements(trx, id);
    await repo.updateEngagement(trx, id, { updated_at: now });
    return [l.e.coachee_id, l.e.coach_id, l.e.sponsor_id].filter(
      (p): p is string => p !== null && p !== actor.personId,
    );
  });
  for (const to of notify) {
    await notifyPerson(deps, actor.organizationId, to, "agreements", {
      subject: "Coaching objectives to agree",
      intro: `${actor.name} set the objectives of a coaching engagement. Review them and agree.`,
      path: `/coaching/engagements/${id}`,
    });
  }
  return objectives(deps.db, actor, id);
}

export async function agreeObjectives(deps: Deps, actor: Actor, id: string) {
  const activated = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (l.parties.length === 0) {
      throw errors.forbidden("Only the coachee, the coach and the sponsor agree the objectives.");
    }
    requireStatus(l.e, ["setup"], "agree the objectives");
    if (!l.e.coach_id) {
      throw errors.conflict("coaching.no_coach", "Choose the coach first: they agree the objectives too.");
    }
    if ((await repo.objectivesOf(trx, [id])).length === 0) {
      throw errors.conflict("coaching.no_objectives", "Set at least one objective before agreeing.");
    }
    const agreed = (await repo.agreementsOf(trx, [id])).map((a) => a.party);
    const now = nowIso();
    for (const party of l.parties.filter((p) => !agreed.includes(p))) {
      await repo.insertAgreement(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        party,
        person_id: actor.personId,
        agreed_at: now,
      });
      agreed.push(party);
    }
    if (!allAgreed(agreed)) return null;
    await repo.updateEngagement(trx, id, { objectives_agreed_at: now, status: "active", updated_at: now });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "coaching.objectives_agreed",
      targetType: "coaching_engagement",
      targetId: id,
    });
    return l.e;
  });
  if (activated) {
    for (const to of [activated.coachee_id, activated.coach_id, activated.sponsor_id]) {
      if (to && to !== actor.personId)
        await notifyPerson(deps, actor.organizationId, to, "agreements", {
          subject: "Coaching objectives agreed",
          intro: "All three of you agreed the objectives. The coach can now schedule the first session.",
          path: `/coaching/engagements/${id}`,
        });
    }
  }
  return getEngagement(deps.db, actor, id);
}

export async function recordMetric(
  db: Db,
  actor: Actor,
  id: string,
  objectiveId: string,
  input: { value: number; recordedOn?: string | undefined },
) {
  await db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (l.viewer !== "coach" && l.viewer !== "coachee") {
      throw errors.forbidden("The coach and the coachee record progress.");
    }
    requireStatus(l.e, ["active"], "record a metric value");
    const objective = (await repo.objectivesOf(trx, [id])).find((o) => o.id === objectiveId);
    if (!objective) throw errors.notFound("Objective");
    const on = input.recordedOn ?? today();
    if (on > today()) {
      throw errors.unprocessable("coaching.future_value", "A value is recorded for today or a past day.", {
        field: "recordedOn",
      });
    }
    await repo.insertMetricValues(trx, [
      {
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        objective_id: objectiveId,
        session_id: null,
        value: input.value,
        recorded_on: on,
        recorded_by: actor.personId,
        created_at: nowIso(),
      },
    ]);
  });
  return objectives(db, actor, id);
}

// Aggregates across engagements

export async function insights(
  db: Db,
  actor: Actor,
  filter: { programId?: string | undefined; department?: string | undefined },
) {
  const rows = await repo.engagementsForInsights(db, actor.organizationId, filter);
  const ids = rows.map((r) => r.id);
  const [objs, sessions, actions] = await Promise.all([
    objectiveDtos(db, ids),
    repo.sessionsOf(db, ids),
    repo.actionsOf(db, ids),
  ]);
  const result = aggregate(
    rows.map((e) => {
      const mine = objs.filter((o) => o.engagementId === e.id).map((o) => o.dto);
      const s = sessions.filter((x) => x.engagement_id === e.id);
      return {
        status: e.status,
        objectiveProgress: mine.map((o) => o.progress),
        themes: mine.map((o) => o.theme),
        actions: actionStats(actions.filter((a) => a.engagement_id === e.id)),
        sessionsHeld: s.filter((x) => x.attendance === "held").length,
        sessionsNoShow: s.filter((x) => x.attendance === "no_show").length,
      };
    }),
  );
  return result.suppressed
    ? {
        ...result,
        averageProgressToTarget: null,
        completionRate: null,
        actionCompletionRate: null,
        attendanceRate: null,
        themes: [],
      }
    : result;
}
