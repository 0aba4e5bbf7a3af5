import {
  addMonths,
  canMoveTo,
  dueCheckinPeriod,
  type RelationshipStatus,
} from "../../../domain/mentoring/lifecycle.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { decryptText, encryptText, unwrapKey } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { DEFAULT_PAGE_SIZE, type PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findPerson } from "../people/people.repository.ts";
import { canEditProgram } from "../programs/programs.policy.ts";
import { emitEvent } from "../webhooks/events.ts";
import { type Side, sideOf } from "./mentoring.policy.ts";
import * as repo from "./mentoring.repository.ts";
import { loadSettings } from "./mentoring.service.ts";

const today = () => nowIso().slice(0, 10);

interface Pair {
  rel: repo.RelationshipRow;
  side: Side;
  other: { id: string; name: string };
  key: Buffer;
}

/** The relationship, for one of its pair only. Everyone else, admins included, gets 404. */
async function requirePair(deps: Deps, actor: Actor, id: string): Promise<Pair> {
  const rel = await repo.findRelationship(deps.db, actor.organizationId, id);
  const side = rel ? sideOf(actor, rel) : null;
  if (!rel || !side) throw errors.notFound("Relationship");
  return {
    rel,
    side,
    other:
      side === "mentor"
        ? { id: rel.mentee_id, name: rel.mentee_name }
        : { id: rel.mentor_id, name: rel.mentor_name },
    key: unwrapKey(deps.masterKey, rel.wrapped_key, rel.id),
  };
}

const seal = (pair: Pair, plaintext: string) => encryptText(pair.key, plaintext, pair.rel.id);
const open = (pair: Pair, ciphertext: string) => decryptText(pair.key, ciphertext, pair.rel.id);

function requireStatus(pair: Pair, allowed: RelationshipStatus[], what: string) {
  if (!allowed.includes(pair.rel.status)) {
    throw errors.conflict(
      "mentoring.wrong_status",
      `You can ${what} only when the relationship is ${allowed.join(" or ")}.`,
      {
        status: pair.rel.status,
      },
    );
  }
}

function moveTo(pair: Pair, to: RelationshipStatus) {
  if (!canMoveTo(pair.rel.status, to)) {
    throw errors.conflict(
      "mentoring.wrong_status",
      `A ${pair.rel.status} relationship cannot become ${to}.`,
      {
        status: pair.rel.status,
      },
    );
  }
}

export async function getRelationship(deps: Deps, actor: Actor, id: string) {
  const pair = await requirePair(deps, actor, id);
  const { rel } = pair;
  const [agreement, closures, settings] = await Promise.all([
    repo.findAgreement(deps.db, id),
    repo.closuresOf(deps.db, id),
    loadSettings(deps.db, rel.program_id),
  ]);
  const duePeriod =
    rel.start_date && rel.status === "active"
      ? dueCheckinPeriod(rel.start_date, settings.checkinIntervalMonths, today())
      : 0;
  const myCheckin =
    duePeriod > 0 ? await repo.findCheckin(deps.db, id, actor.personId, duePeriod) : undefined;
  const mine = closures.filter((c) => c.person_id === actor.personId);
  return {
    id: rel.id,
    program: { id: rel.program_id, name: rel.program_name },
    mentor: { id: rel.mentor_id, name: rel.mentor_name },
    mentee: { id: rel.mentee_id, name: rel.mentee_name },
    mySide: pair.side,
    status: rel.status,
    origin: rel.origin,
    startDate: rel.start_date,
    plannedEndDate: rel.planned_end_date,
    endedAt: rel.ended_at,
    lastMeetingAt: rel.last_meeting_at,
    agreement: agreement
      ? {
          goals: agreement.goals,
          cadence: agreement.cadence,
          channel: agreement.channel,
          confidentiality: agreement.confidentiality,
          durationMonths: agreement.duration_months,
          mentorSignedAt: agreement.mentor_signed_at,
          menteeSignedAt: agreement.mentee_signed_at,
          updatedAt: agreement.updated_at,
        }
      : null,
    checkin: {
      duePeriod,
      mine: myCheckin !== undefined,
      intervalMonths: settings.checkinIntervalMonths,
    },
    myClosure: {
      endedEarlyReason: (() => {
        const ended = mine.find((c) => c.kind === "ended_early");
        return ended ? open(pair, ended.content) : null;
      })(),
      reflectionWritten: mine.some((c) => c.kind === "reflection"),
    },
    reflections: closures
      .filter((c) => c.kind === "reflection")
      .map((c) => ({
        author: { id: c.person_id, name: c.person_name },
        text: open(pair, c.content),
        rating: c.rating,
      })),
    createdAt: rel.created_at,
  };
}

export async function myRelationships(
  db: Db,
  actor: Actor,
  f: PageRequest & { state?: "open" | "closed" | undefined; programId?: string | undefined },
) {
  const { rows, nextCursor } = await repo.relationshipPageOf(db, actor.organizationId, actor.personId, f);
  return {
    nextCursor,
    items: rows.map((r) => ({
      id: r.id,
      program: { id: r.program_id, name: r.program_name },
      mentor: { id: r.mentor_id, name: r.mentor_name },
      mentee: { id: r.mentee_id, name: r.mentee_name },
      mySide: (r.mentor_id === actor.personId ? "mentor" : "mentee") as Side,
      status: r.status,
      startDate: r.start_date,
      plannedEndDate: r.planned_end_date,
      lastMeetingAt: r.last_meeting_at,
    })),
  };
}

export interface AgreementInput {
  goals: string;
  cadence: string;
  channel: string;
  confidentiality: string;
  durationMonths: number;
}

export async function saveAgreement(deps: Deps, actor: Actor, id: string, input: AgreementInput) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["proposed"], "change the agreement");
    const existing = await repo.findAgreement(trx, id);
    // Any change asks both sides to sign again.
    await repo.saveAgreement(
      trx,
      {
        relationship_id: id,
        organization_id: actor.organizationId,
        goals: input.goals,
        cadence: input.cadence,
        channel: input.channel,
        confidentiality: input.confidentiality,
        duration_months: input.durationMonths,
        mentor_signed_at: null,
        mentee_signed_at: null,
        updated_by: actor.personId,
        updated_at: nowIso(),
      },
      existing !== undefined,
    );
  });
  return getRelationship(deps, actor, id);
}

export async function signAgreement(deps: Deps, actor: Actor, id: string) {
  const activated = await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["proposed"], "sign the agreement");
    const agreement = await repo.findAgreement(trx, id);
    if (!agreement) throw errors.conflict("mentoring.no_agreement", "Write the agreement before signing it.");
    const now = nowIso();
    const signed = {
      mentor_signed_at:
        pair.side === "mentor" ? (agreement.mentor_signed_at ?? now) : agreement.mentor_signed_at,
      mentee_signed_at:
        pair.side === "mentee" ? (agreement.mentee_signed_at ?? now) : agreement.mentee_signed_at,
    };
    await repo.saveAgreement(trx, { ...agreement, ...signed }, true);
    if (signed.mentor_signed_at && signed.mentee_signed_at) {
      const start = today();
      await repo.updateRelationship(trx, id, {
        status: "active",
        start_date: start,
        planned_end_date: addMonths(start, agreement.duration_months),
        updated_at: now,
      });
      await emitEvent(trx, actor.organizationId, "mentoring.relationship.started", {
        relationshipId: id,
        programId: pair.rel.program_id,
        mentorId: pair.rel.mentor_id,
        menteeId: pair.rel.mentee_id,
        startDate: start,
        plannedEndDate: addMonths(start, agreement.duration_months),
      });
      return { pair, activated: true };
    }
    return { pair, activated: false };
  });
  await notifyPerson(deps, actor.organizationId, activated.pair.other.id, "agreements", {
    subject: activated.activated
      ? "Your mentoring relationship has started"
      : `${actor.name} signed your mentoring agreement`,
    intro: activated.activated
      ? "Both of you signed the agreement, so the relationship is now active."
      : `${actor.name} signed the agreement. Read it and sign it too to start.`,
    path: `/mentoring/relationships/${id}`,
  });
  return getRelationship(deps, actor, id);
}

export async function extend(deps: Deps, actor: Actor, id: string, months: number) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["active"], "extend the relationship");
    await repo.updateRelationship(trx, id, {
      planned_end_date: addMonths(pair.rel.planned_end_date ?? today(), months),
      updated_at: nowIso(),
    });
  });
  return getRelationship(deps, actor, id);
}

export async function endEarly(deps: Deps, actor: Actor, id: string, reason: string) {
  const pair = await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    moveTo(pair, "ended_early");
    const now = nowIso();
    await repo.updateRelationship(trx, id, { status: "ended_early", ended_at: now, updated_at: now });
    await emitEvent(trx, actor.organizationId, "mentoring.relationship.ended", {
      relationshipId: id,
      programId: pair.rel.program_id,
      mentorId: pair.rel.mentor_id,
      menteeId: pair.rel.mentee_id,
      status: "ended_early",
      endedAt: now,
    });
    await repo.insertClosure(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      relationship_id: id,
      person_id: actor.personId,
      kind: "ended_early",
      content: seal(pair, reason),
      rating: null,
      created_at: now,
    });
    return pair;
  });
  await notifyPerson(deps, actor.organizationId, pair.other.id, "responses", {
    subject: "Your mentoring relationship has ended",
    intro: `${actor.name} closed your mentoring relationship. Relationships end for many reasons, and no one is to blame. You can write a closing reflection in Trellis.`,
    path: `/mentoring/relationships/${id}`,
  });
  return getRelationship(deps, actor, id);
}

export async function complete(deps: Deps, actor: Actor, id: string) {
  const pair = await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    moveTo(pair, "completed");
    const now = nowIso();
    await repo.updateRelationship(trx, id, { status: "completed", ended_at: now, updated_at: now });
    await emitEvent(trx, actor.organizationId, "mentoring.relationship.ended", {
      relationshipId: id,
      programId: pair.rel.program_id,
      mentorId: pair.rel.mentor_id,
      menteeId: pair.rel.mentee_id,
      status: "completed",
      endedAt: now,
    });
    return pair;
  });
  await notifyPerson(deps, actor.organizationId, pair.other.id, "responses", {
    subject: "Your mentoring relationship is complete",
    intro: `${actor.name} marked your mentoring relationship as complete. Write your closing reflection and rate it.`,
    path: `/mentoring/relationships/${id}`,
  });
  return getRelationship(deps, actor, id);
}

export async function reflect(deps: Deps, actor: Actor, id: string, input: { text: string; rating: number }) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["completed", "ended_early"], "write a closing reflection");
    const closures = await repo.closuresOf(trx, id);
    if (closures.some((c) => c.person_id === actor.personId && c.kind === "reflection")) {
      throw errors.conflict("mentoring.reflection_exists", "You already wrote your closing reflection.");
    }
    await repo.insertClosure(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      relationship_id: id,
      person_id: actor.personId,
      kind: "reflection",
      content: seal(pair, input.text),
      rating: input.rating,
      created_at: nowIso(),
    });
  });
  return getRelationship(deps, actor, id);
}

// Meeting log and journal: encrypted, pair-only.

/** What a write answers with: the first page, the new entry on it. */
const FIRST_PAGE: PageRequest = { limit: DEFAULT_PAGE_SIZE };

export async function meetings(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  const pair = await requirePair(deps, actor, id);
  const { rows, nextCursor } = await repo.meetingPage(deps.db, id, page);
  return {
    nextCursor,
    items: rows.map((m) => {
      const content = JSON.parse(open(pair, m.content)) as { topics: string[]; notes: string };
      return {
        id: m.id,
        author: { id: m.author_id, name: m.author_name },
        metOn: m.met_on,
        durationMinutes: m.duration_minutes,
        topics: content.topics,
        notes: content.notes,
        createdAt: m.created_at,
      };
    }),
  };
}

export async function logMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { metOn: string; durationMinutes: number; topics: string[]; notes: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["active"], "log a meeting");
    if (input.metOn > today()) {
      throw errors.unprocessable("mentoring.meeting_in_future", "Log meetings that have happened.", {
        field: "metOn",
      });
    }
    const now = nowIso();
    await repo.insertMeeting(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      relationship_id: id,
      author_id: actor.personId,
      met_on: input.metOn,
      duration_minutes: input.durationMinutes,
      content: seal(pair, JSON.stringify({ topics: input.topics, notes: input.notes })),
      created_at: now,
    });
    const metAt = `${input.metOn}T12:00:00.000Z`;
    if (!pair.rel.last_meeting_at || pair.rel.last_meeting_at < metAt) {
      await repo.updateRelationship(trx, id, { last_meeting_at: metAt, updated_at: now });
    }
  });
  return meetings(deps, actor, id, FIRST_PAGE);
}

export async function journal(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  const pair = await requirePair(deps, actor, id);
  const { rows, nextCursor } = await repo.journalPage(deps.db, id, page);
  return {
    nextCursor,
    items: rows.map((j) => ({
      id: j.id,
      author: { id: j.author_id, name: j.author_name },
      text: open(pair, j.content),
      createdAt: j.created_at,
    })),
  };
}

export async function writeJournal(deps: Deps, actor: Actor, id: string, text: string) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["proposed", "active"], "write in the journal");
    await repo.insertJournalEntry(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      relationship_id: id,
      author_id: actor.personId,
      content: seal(pair, text),
      created_at: nowIso(),
    });
  });
  return journal(deps, actor, id, FIRST_PAGE);
}

// Goals: the mentee's, with milestones; the mentor comments.

export async function goals(deps: Deps, actor: Actor, id: string) {
  await requirePair(deps, actor, id);
  const rows = await repo.goalsOf(deps.db, id);
  const ids = rows.map((g) => g.id);
  const [milestones, comments] = await Promise.all([
    repo.milestonesOf(deps.db, ids),
    repo.commentsOf(deps.db, ids),
  ]);
  return {
    items: rows.map((g) => {
      const ms = milestones.filter((m) => m.goal_id === g.id);
      const done = ms.filter((m) => m.done_at).length;
      return {
        id: g.id,
        title: g.title,
        description: g.description,
        category: g.category,
        status: g.status,
        targetDate: g.target_date,
        progress: g.status === "achieved" ? 1 : ms.length ? done / ms.length : 0,
        milestones: ms.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, doneAt: m.done_at })),
        comments: comments
          .filter((c) => c.goal_id === g.id)
          .map((c) => ({
            id: c.id,
            author: { id: c.author_id, name: c.author_name },
            body: c.body,
            createdAt: c.created_at,
          })),
        createdAt: g.created_at,
      };
    }),
  };
}

/** A relationship's goals come back whole on every change, so each part of them has a ceiling. */
export const GOAL_LIMITS = { goals: 20, milestones: 20, comments: 100 } as const;

async function requireRoom(
  db: Db,
  table: "mentoring_goal" | "mentoring_milestone" | "mentoring_goal_comment",
  parentId: string,
) {
  const [what, limit] =
    table === "mentoring_goal"
      ? (["goals", GOAL_LIMITS.goals] as const)
      : table === "mentoring_milestone"
        ? (["milestones", GOAL_LIMITS.milestones] as const)
        : (["comments", GOAL_LIMITS.comments] as const);
  if ((await repo.countOf(db, table, parentId)) >= limit) {
    throw errors.conflict(
      "mentoring.limit_reached",
      table === "mentoring_goal"
        ? `A relationship can have ${limit} goals. Drop or reuse one before adding another.`
        : `A goal can have ${limit} ${what}.`,
      { limit },
    );
  }
}

function requireMentee(pair: Pair) {
  if (pair.side !== "mentee")
    throw errors.forbidden("Goals belong to the mentee; the mentor comments on them.");
}

export async function addGoal(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    title: string;
    description: string;
    category: "career" | "skill" | "network" | "holistic";
    targetDate: string | null;
    milestones: { title: string; dueDate: string | null }[];
  },
) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireMentee(pair);
    requireStatus(pair, ["proposed", "active"], "add goals");
    await requireRoom(trx, "mentoring_goal", id);
    const now = nowIso();
    const goalId = newId();
    await repo.insertGoal(trx, {
      id: goalId,
      organization_id: actor.organizationId,
      relationship_id: id,
      title: input.title,
      description: input.description,
      category: input.category,
      status: "not_started",
      target_date: input.targetDate,
      created_at: now,
      updated_at: now,
    });
    for (const m of input.milestones) {
      await repo.insertMilestone(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        goal_id: goalId,
        title: m.title,
        due_date: m.dueDate,
        created_at: now,
      });
    }
  });
  return goals(deps, actor, id);
}

async function requireGoal(deps: Deps, db: Db, actor: Actor, id: string, goalId: string) {
  const pair = await requirePair({ ...deps, db }, actor, id);
  const goal = await repo.findGoal(db, id, goalId);
  if (!goal) throw errors.notFound("Goal");
  return { pair, goal };
}

export async function updateGoal(
  deps: Deps,
  actor: Actor,
  id: string,
  goalId: string,
  patch: {
    title?: string | undefined;
    description?: string | undefined;
    status?: "not_started" | "in_progress" | "achieved" | "dropped" | undefined;
    targetDate?: string | null | undefined;
  },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { pair } = await requireGoal(deps, trx, actor, id, goalId);
    requireMentee(pair);
    await repo.updateGoal(trx, goalId, {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.targetDate !== undefined && { target_date: patch.targetDate }),
      updated_at: nowIso(),
    });
  });
  return goals(deps, actor, id);
}

export async function addMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  goalId: string,
  input: { title: string; dueDate: string | null },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { pair } = await requireGoal(deps, trx, actor, id, goalId);
    requireMentee(pair);
    await requireRoom(trx, "mentoring_milestone", goalId);
    await repo.insertMilestone(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      goal_id: goalId,
      title: input.title,
      due_date: input.dueDate,
      created_at: nowIso(),
    });
  });
  return goals(deps, actor, id);
}

export async function setMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  goalId: string,
  milestoneId: string,
  done: boolean,
) {
  await deps.db.transaction().execute(async (trx) => {
    const { pair } = await requireGoal(deps, trx, actor, id, goalId);
    requireMentee(pair);
    const milestone = await repo.findMilestone(trx, goalId, milestoneId);
    if (!milestone) throw errors.notFound("Milestone");
    await repo.setMilestoneDone(trx, milestoneId, done ? (milestone.done_at ?? nowIso()) : null);
  });
  return goals(deps, actor, id);
}

export async function commentOnGoal(deps: Deps, actor: Actor, id: string, goalId: string, body: string) {
  await deps.db.transaction().execute(async (trx) => {
    await requireGoal(deps, trx, actor, id, goalId);
    await requireRoom(trx, "mentoring_goal_comment", goalId);
    await repo.insertComment(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      goal_id: goalId,
      author_id: actor.personId,
      body,
      created_at: nowIso(),
    });
  });
  return goals(deps, actor, id);
}

// Reciprocal check-ins: both sides, every interval.

export async function checkins(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  const pair = await requirePair(deps, actor, id);
  const { rows, nextCursor } = await repo.checkinPage(deps.db, id, page);
  return {
    nextCursor,
    items: rows.map((c) => ({
      id: c.id,
      author: { id: c.author_id, name: c.author_name },
      side: (c.author_id === pair.rel.mentor_id ? "mentor" : "mentee") as Side,
      period: c.period,
      satisfaction: c.satisfaction,
      learned: c.learned,
      wouldChange: c.would_change,
      createdAt: c.created_at,
    })),
  };
}

export async function checkIn(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { satisfaction: number; learned: string; wouldChange: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    requireStatus(pair, ["active"], "check in");
    const settings = await loadSettings(trx, pair.rel.program_id);
    const period = pair.rel.start_date
      ? dueCheckinPeriod(pair.rel.start_date, settings.checkinIntervalMonths, today())
      : 0;
    if (period === 0) {
      throw errors.conflict(
        "mentoring.checkin_not_due",
        `The first check-in is due ${settings.checkinIntervalMonths} months after the start.`,
      );
    }
    if (await repo.findCheckin(trx, id, actor.personId, period)) {
      throw errors.conflict("mentoring.checkin_done", "You already checked in for this period.");
    }
    await repo.insertCheckin(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      relationship_id: id,
      author_id: actor.personId,
      period,
      satisfaction: input.satisfaction,
      learned: input.learned,
      would_change: input.wouldChange,
      created_at: nowIso(),
    });
  });
  return checkins(deps, actor, id, FIRST_PAGE);
}

// Introductions: the mentor opens their network to the mentee.

function toIntroductionDto(i: repo.IntroductionRow) {
  return {
    id: i.id,
    relationshipId: i.relationship_id,
    mentor: { id: i.mentor_id, name: i.mentor_name },
    mentee: { id: i.mentee_id, name: i.mentee_name },
    contact: { id: i.contact_id, name: i.contact_name },
    note: i.note,
    status: i.status,
    createdAt: i.created_at,
    respondedAt: i.responded_at,
  };
}

export async function introduce(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { contactId: string; note: string },
) {
  const introductionId = newId();
  await deps.db.transaction().execute(async (trx) => {
    const pair = await requirePair({ ...deps, db: trx }, actor, id);
    if (pair.side !== "mentor") throw errors.forbidden("The mentor makes introductions.");
    requireStatus(pair, ["active"], "make introductions");
    if (input.contactId === pair.rel.mentee_id || input.contactId === pair.rel.mentor_id) {
      throw errors.unprocessable("mentoring.invalid_contact", "Introduce the mentee to someone else.", {
        field: "contactId",
      });
    }
    const contact = await findPerson(trx, actor.organizationId, input.contactId);
    if (!contact || contact.status !== "active") {
      throw errors.unprocessable(
        "mentoring.invalid_contact",
        "The contact must be an active person in your organization.",
        {
          field: "contactId",
        },
      );
    }
    await repo.insertIntroduction(trx, {
      id: introductionId,
      organization_id: actor.organizationId,
      relationship_id: id,
      mentor_id: pair.rel.mentor_id,
      mentee_id: pair.rel.mentee_id,
      contact_id: input.contactId,
      note: input.note,
      status: "pending",
      responded_at: null,
      created_at: nowIso(),
    });
  });
  await notifyPerson(deps, actor.organizationId, input.contactId, "requests", {
    subject: `${actor.name} would like to introduce you to someone`,
    intro: `${actor.name} would like to introduce you to a colleague. Read their note and accept or decline.`,
    path: "/mentoring/introductions",
  });
  const row = await repo.findIntroduction(deps.db, actor.organizationId, introductionId);
  if (!row) throw errors.notFound("Introduction");
  return toIntroductionDto(row);
}

export async function myIntroductions(db: Db, actor: Actor, f: repo.IntroductionFilter) {
  const { rows, nextCursor } = await repo.introductionPage(db, actor.organizationId, actor.personId, f);
  return { items: rows.map(toIntroductionDto), nextCursor };
}

export async function acceptedIntroductions(db: Db, actor: Actor, personId: string, page: PageRequest) {
  if (!(await findPerson(db, actor.organizationId, personId))) throw errors.notFound("Person");
  const { rows, nextCursor } = await repo.acceptedIntroductionPage(db, actor.organizationId, personId, page);
  return { items: rows.map(toIntroductionDto), nextCursor };
}

export async function respondToIntroduction(
  deps: Deps,
  actor: Actor,
  introductionId: string,
  accept: boolean,
) {
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findIntroduction(trx, actor.organizationId, introductionId);
    if (!row || row.contact_id !== actor.personId) throw errors.notFound("Introduction");
    if (row.status !== "pending") {
      throw errors.conflict(
        "mentoring.introduction_answered",
        `You already ${row.status} this introduction.`,
      );
    }
    await repo.respondToIntroduction(trx, introductionId, accept ? "accepted" : "declined", nowIso());
    return row;
  });
  for (const personId of [row.mentor_id, row.mentee_id]) {
    await notifyPerson(deps, actor.organizationId, personId, "responses", {
      subject: `${actor.name} ${accept ? "accepted" : "declined"} an introduction`,
      intro: accept
        ? `${actor.name} accepted the introduction between ${row.mentee_name} and them. Reach out and say hello.`
        : `${actor.name} declined the introduction this time.`,
      path: "/mentoring/introductions",
    });
  }
  const updated = await repo.findIntroduction(deps.db, actor.organizationId, introductionId);
  if (!updated) throw errors.notFound("Introduction");
  return toIntroductionDto(updated);
}

// Program team nudge: emails the pair, reads nothing confidential.

export async function nudge(deps: Deps, actor: Actor, id: string, ip: string | null) {
  const rel = await repo.findRelationship(deps.db, actor.organizationId, id);
  if (!rel) throw errors.notFound("Relationship");
  if (!canEditProgram(actor, { owner_id: rel.program_owner_id })) {
    throw errors.forbidden("Only the program's owner or an org admin can nudge a pair.");
  }
  if (rel.status !== "active" && rel.status !== "proposed") {
    throw errors.conflict("mentoring.wrong_status", "Only open relationships can be nudged.", {
      status: rel.status,
    });
  }
  await insertAuditEvent(deps.db, {
    organizationId: actor.organizationId,
    actorPersonId: actor.personId,
    action: "mentoring.nudged",
    targetType: "program",
    targetId: rel.program_id,
    ipAddress: ip,
    details: { relationshipId: id },
  });
  for (const personId of [rel.mentor_id, rel.mentee_id]) {
    await notifyPerson(deps, actor.organizationId, personId, "inactivity_nudges", {
      subject: `A friendly nudge from ${rel.program_name}`,
      intro:
        rel.status === "proposed"
          ? "Your mentoring relationship is waiting for its agreement. Agree on how you will work together to get started."
          : "It has been a while since your last mentoring meeting. Find a time that suits you both and log it in Trellis.",
      path: `/mentoring/relationships/${id}`,
    });
  }
  return { notified: 2 };
}
