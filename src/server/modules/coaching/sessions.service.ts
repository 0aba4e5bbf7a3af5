import {
  type ActionOutcome,
  ANONYMOUS_FROM,
  checkReviews,
  GROW_FIELDS,
  type GrowField,
  type NoteVisibility,
} from "../../../domain/coaching/grow.ts";
import { type Attendance, budgetOf, usesBudget } from "../../../domain/coaching/lifecycle.ts";
import { actionStats } from "../../../domain/coaching/metrics.ts";
import type { Db } from "../../db/kysely.ts";
import type { AssessmentPhase } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { decryptText, encryptText } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { DEFAULT_PAGE_SIZE, type PageRequest } from "../../lib/pagination.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import * as calendar from "../calendar/calendar.repository.ts";
import { findPerson } from "../people/people.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import * as repo from "./coaching.repository.ts";
import {
  engagementKey,
  type Loaded,
  objectiveDtos,
  requireContent,
  requireEngagement,
  requireStatus,
  today,
} from "./coaching.service.ts";

const ref = (id: string, name: string) => ({ id, name });

/** Held and no-show sessions are numbered in order; they are the ones that used the budget. */
function numbering(sessions: readonly { id: string; attendance: Attendance }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of sessions) if (usesBudget(s.attendance)) out.set(s.id, out.size + 1);
  return out;
}

/** What a write answers with: the first page of the list it changed. */
const FIRST_PAGE: PageRequest = { limit: DEFAULT_PAGE_SIZE };

// Sessions

export async function sessions(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  const l = await requireEngagement(deps.db, actor, id);
  requireContent(l);
  const { rows, nextCursor } = await repo.sessionPage(deps.db, id, page);
  const actions = await repo.actionsOfSessions(
    deps.db,
    id,
    rows.map((s) => s.id),
  );
  const key = engagementKey(deps, l.e);
  const open = (ciphertext: string | null) => (ciphertext === null ? null : decryptText(key, ciphertext, id));
  const isCoach = l.viewer === "coach";
  return {
    nextCursor,
    items: rows.map((s) => {
      const visibility = parseJson<Partial<Record<GrowField, NoteVisibility>>>(s.visibility, {});
      const note = (field: GrowField) => {
        const v = visibility[field] ?? "coach_private";
        const text = open(s[field]);
        if (text === null || (v === "coach_private" && !isCoach)) return null;
        return { text, visibility: v };
      };
      return {
        id: s.id,
        number: s.number,
        scheduledAt: s.scheduled_at,
        durationMinutes: s.duration_minutes,
        attendance: s.attendance,
        rescheduledTo: s.rescheduled_to,
        goal: note("goal"),
        reality: note("reality"),
        options: note("options"),
        will: note("will"),
        privateNotes: isCoach ? open(s.private_notes) : null,
        sponsorSummary: s.sponsor_summary,
        reviews: actions
          .filter((a) => a.reviewed_in_session_id === s.id && a.review_outcome)
          .map((a) => ({
            actionId: a.id,
            text: a.text,
            outcome: a.review_outcome as ActionOutcome,
            comment: a.review_comment ?? "",
          })),
        actions: actions
          .filter((a) => a.session_id === s.id)
          .map((a) => ({
            id: a.id,
            text: a.text,
            dueDate: a.due_date,
            owner: ref(a.owner_id, a.owner_name),
          })),
        recordedAt: s.recorded_at,
      };
    }),
  };
}

function requireCoach(l: Loaded, what: string) {
  if (l.viewer !== "coach") throw errors.forbidden(`The coach ${what}.`);
}

async function checkSlot(db: Db, l: Loaded, scheduledAt: string, ignoreSessionId: string | null) {
  const day = scheduledAt.slice(0, 10);
  if (day < l.e.start_date || day > l.e.end_date) {
    throw errors.unprocessable(
      "coaching.outside_dates",
      `Sessions fall between ${l.e.start_date} and ${l.e.end_date}. The sponsor can amend the end date.`,
      { field: "scheduledAt", startDate: l.e.start_date, endDate: l.e.end_date },
    );
  }
  const [all, amendments] = await Promise.all([
    repo.sessionsOf(db, [l.e.id]),
    repo.amendmentsOf(db, [l.e.id]),
  ]);
  const budget = budgetOf(
    l.e.session_budget,
    amendments,
    all.filter((s) => s.id !== ignoreSessionId),
  );
  if (budget.remaining <= 0) {
    throw errors.conflict(
      "coaching.budget_exhausted",
      `All ${budget.total} sessions of the budget are used or booked. The sponsor can add sessions with an amendment.`,
      budget,
    );
  }
}

export async function scheduleSession(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { scheduledAt: string; durationMinutes: number },
) {
  const coachee = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    requireCoach(l, "schedules sessions");
    if (l.e.status === "setup") {
      throw errors.conflict(
        "coaching.objectives_not_agreed",
        "Sessions start once the coachee, the coach and the sponsor have agreed the objectives.",
      );
    }
    requireStatus(l.e, ["active"], "schedule a session");
    const at = new Date(input.scheduledAt).toISOString();
    await checkSlot(trx, l, at, null);
    await repo.insertSession(
      trx,
      repo.scheduledSession(actor.organizationId, id, at, input.durationMinutes, nowIso()),
    );
    return l.e.coachee_id;
  });
  await notifyPerson(deps, actor.organizationId, coachee, "session_reminders", {
    subject: "A coaching session is scheduled",
    intro: `${actor.name} scheduled your next coaching session.`,
    path: `/coaching/engagements/${id}`,
  });
  return sessions(deps, actor, id, FIRST_PAGE);
}

interface Note {
  text: string;
  visibility: NoteVisibility;
}

export type SessionRecordInput =
  | {
      attendance: "held";
      durationMinutes?: number | undefined;
      goal: Note;
      reality: Note;
      options: Note;
      will: Note;
      privateNotes: string;
      sponsorSummary: string;
      reviews: { actionId: string; outcome: ActionOutcome; comment: string }[];
      actions: { text: string; ownerId?: string | undefined; dueDate: string }[];
      metricValues: { objectiveId: string; value: number }[];
    }
  | { attendance: "no_show"; sponsorSummary: string }
  | { attendance: "rescheduled"; newScheduledAt: string };

export async function recordSession(
  deps: Deps,
  actor: Actor,
  id: string,
  sessionId: string,
  input: SessionRecordInput,
) {
  await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    requireCoach(l, "records sessions");
    requireStatus(l.e, ["active"], "record a session");
    const all = await repo.sessionsOf(trx, [id]);
    const session = all.find((s) => s.id === sessionId);
    if (!session) throw errors.notFound("Session");
    if (session.attendance !== "scheduled") {
      throw errors.conflict("coaching.session_recorded", "This session's outcome is already recorded.", {
        attendance: session.attendance,
      });
    }
    const earlier = all.find(
      (s) => s.attendance === "scheduled" && s.id !== sessionId && s.scheduled_at < session.scheduled_at,
    );
    if (earlier) {
      throw errors.conflict(
        "coaching.earlier_session_open",
        "Record the earlier scheduled session first: sessions are recorded in order.",
        { sessionId: earlier.id, scheduledAt: earlier.scheduled_at },
      );
    }
    const now = nowIso();

    if (input.attendance === "rescheduled") {
      const at = new Date(input.newScheduledAt).toISOString();
      await checkSlot(trx, l, at, sessionId);
      const newSessionId = newId();
      await repo.updateSession(trx, sessionId, {
        attendance: "rescheduled",
        rescheduled_to: at,
        recorded_at: now,
      });
      // The old session is cancelled in calendars; the new time is a new event.
      await calendar.raiseCoachingSessionSequence(trx, [sessionId]);
      await repo.insertSession(trx, {
        ...session,
        sequence: 0,
        id: newSessionId,
        scheduled_at: at,
        attendance: "scheduled",
        rescheduled_to: null,
        recorded_at: null,
        created_at: now,
      });
      return;
    }

    if (session.scheduled_at > now) {
      throw errors.conflict(
        "coaching.session_in_future",
        "Record what happened once the session's time has come.",
        { scheduledAt: session.scheduled_at },
      );
    }

    if (input.attendance === "no_show") {
      await repo.updateSession(trx, sessionId, {
        attendance: "no_show",
        sponsor_summary: input.sponsorSummary || null,
        recorded_at: now,
      });
      return;
    }

    const assessments = await repo.assessmentsOf(trx, [id]);
    const preDone = assessments.some((a) => a.phase === "pre" && a.rater_kind === "self" && a.submitted_at);
    if (!preDone && !all.some((s) => s.attendance === "held")) {
      throw errors.conflict(
        "coaching.pre_assessment_missing",
        "The coachee completes the pre-assessment before the first session is held.",
      );
    }

    const actions = await repo.actionsOf(trx, [id]);
    const pending = actions.filter((a) => a.review_outcome === null);
    const { missing, unknown } = checkReviews(
      pending,
      input.reviews.map((r) => r.actionId),
    );
    if (missing.length || unknown.length) {
      throw errors.unprocessable(
        "coaching.actions_not_reviewed",
        "A session opens with a review of every action from earlier sessions: review each one, once.",
        { missing, unknown },
      );
    }
    for (const r of input.reviews) {
      await repo.updateAction(trx, r.actionId, {
        review_outcome: r.outcome,
        review_comment: r.comment,
        reviewed_in_session_id: sessionId,
        status: r.outcome === "done" ? "done" : "open",
        updated_at: now,
      });
    }

    const owners = new Set([l.e.coachee_id, l.e.coach_id]);
    const day = session.scheduled_at.slice(0, 10);
    for (const [i, a] of input.actions.entries()) {
      if (a.ownerId && !owners.has(a.ownerId)) {
        throw errors.unprocessable("coaching.bad_owner", "An action belongs to the coachee or the coach.", {
          field: `actions.${i}.ownerId`,
        });
      }
      if (a.dueDate < day) {
        throw errors.unprocessable("coaching.due_before_session", "An action falls due after the session.", {
          field: `actions.${i}.dueDate`,
        });
      }
    }
    await repo.insertActions(
      trx,
      input.actions.map((a) => ({
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        session_id: sessionId,
        owner_id: a.ownerId ?? l.e.coachee_id,
        text: a.text,
        due_date: a.dueDate,
        status: "open",
        review_outcome: null,
        review_comment: null,
        reviewed_in_session_id: null,
        created_at: now,
        updated_at: now,
      })),
    );

    const objectiveIds = new Set((await repo.objectivesOf(trx, [id])).map((o) => o.id));
    for (const [i, m] of input.metricValues.entries()) {
      if (!objectiveIds.has(m.objectiveId)) {
        throw errors.unprocessable(
          "coaching.unknown_objective",
          "That objective is not part of this engagement.",
          {
            field: `metricValues.${i}.objectiveId`,
          },
        );
      }
    }
    await repo.insertMetricValues(
      trx,
      input.metricValues.map((m) => ({
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        objective_id: m.objectiveId,
        session_id: sessionId,
        value: m.value,
        recorded_on: day,
        recorded_by: actor.personId,
        created_at: now,
      })),
    );

    const key = engagementKey(deps, l.e);
    const seal = (text: string) => (text ? encryptText(key, text, id) : null);
    await repo.updateSession(trx, sessionId, {
      attendance: "held",
      duration_minutes: input.durationMinutes ?? session.duration_minutes,
      goal: seal(input.goal.text),
      reality: seal(input.reality.text),
      options: seal(input.options.text),
      will: seal(input.will.text),
      visibility: toJson(Object.fromEntries(GROW_FIELDS.map((f) => [f, input[f].visibility]))),
      private_notes: seal(input.privateNotes),
      sponsor_summary: input.sponsorSummary || null,
      recorded_at: now,
    });
    await emitEvent(trx, actor.organizationId, "coaching.session.completed", {
      sessionId,
      engagementId: id,
      programId: l.e.program_id,
      coachId: l.e.coach_id,
      coacheeId: l.e.coachee_id,
      scheduledAt: session.scheduled_at,
      durationMinutes: input.durationMinutes ?? session.duration_minutes,
      recordedAt: now,
    });
  });
  return sessions(deps, actor, id, FIRST_PAGE);
}

// Actions

function actionDto(
  a: repo.ActionRow,
  numbers: Map<string, number>,
  coach: { id: string; name: string } | null,
) {
  return {
    id: a.id,
    engagementId: a.engagement_id,
    text: a.text,
    owner: ref(a.owner_id, a.owner_name),
    dueDate: a.due_date,
    status: a.status,
    reviewOutcome: a.review_outcome,
    reviewComment: a.review_comment,
    createdInSession: numbers.get(a.session_id) ?? null,
    coach,
  };
}

export async function actions(
  db: Db,
  actor: Actor,
  id: string,
  filter: PageRequest & { review?: "pending" | "reviewed" | undefined },
) {
  const l = await requireEngagement(db, actor, id);
  requireContent(l);
  const { rows, nextCursor } = await repo.actionPage(db, id, filter);
  const numbers = await repo.sessionNumbers(
    db,
    rows.map((a) => a.session_id),
  );
  const coach = l.e.coach_id && l.e.coach_name ? ref(l.e.coach_id, l.e.coach_name) : null;
  return { items: rows.map((a) => actionDto(a, numbers, coach)), nextCursor };
}

export async function updateAction(
  db: Db,
  actor: Actor,
  id: string,
  actionId: string,
  status: "open" | "done",
) {
  await db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    requireContent(l);
    requireStatus(l.e, ["active"], "update an action");
    const action = (await repo.actionsOf(trx, [id])).find((a) => a.id === actionId);
    if (!action) throw errors.notFound("Action");
    if (action.review_outcome) {
      throw errors.conflict(
        "coaching.action_reviewed",
        "This action was reviewed in a session and is closed.",
      );
    }
    await repo.updateAction(trx, actionId, { status, updated_at: nowIso() });
  });
  return actions(db, actor, id, FIRST_PAGE);
}

/** The caller's open actions across active engagements; `week` keeps those due within seven days (or overdue). */
export async function myActions(db: Db, actor: Actor, filter: PageRequest & { due: "week" | "all" }) {
  const { rows, nextCursor } = await repo.openActionPage(
    db,
    actor.organizationId,
    actor.personId,
    filter.due === "week" ? addDays(`${today()}T00:00:00.000Z`, 7).slice(0, 10) : null,
    filter,
  );
  return {
    items: rows.map((a) =>
      actionDto(a, new Map(), a.coach_id && a.coach_name ? ref(a.coach_id, a.coach_name) : null),
    ),
    nextCursor,
  };
}

// Assessments

function averageRatings(rows: readonly { ratings: string }[]): Record<string, number> | null {
  if (rows.length === 0) return null;
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(parseJson<Record<string, number>>(r.ratings, {}))) {
      const s = sums.get(k) ?? { sum: 0, n: 0 };
      sums.set(k, { sum: s.sum + v, n: s.n + 1 });
    }
  }
  return Object.fromEntries([...sums].map(([k, s]) => [k, Math.round((s.sum / s.n) * 100) / 100]));
}

export function phaseState(rows: readonly repo.AssessmentRow[], phase: AssessmentPhase, open: boolean) {
  const mine = rows.filter((a) => a.phase === phase);
  const self = mine.find((a) => a.rater_kind === "self" && a.submitted_at);
  const stakeholders = mine.filter((a) => a.rater_kind === "stakeholder");
  const submitted = stakeholders.filter((a) => a.submitted_at);
  const anonymous = stakeholders.length >= ANONYMOUS_FROM;
  return {
    open,
    self: self ? parseJson<Record<string, number>>(self.ratings, {}) : null,
    stakeholders: {
      invited: stakeholders.length,
      submitted: submitted.length,
      anonymous,
      raters: anonymous
        ? []
        : stakeholders.map((a) => ({
            person: ref(a.rater_id, a.rater_name),
            submitted: a.submitted_at !== null,
          })),
      // With anonymity promised, an average of one or two answers would give them away.
      average: anonymous && submitted.length < ANONYMOUS_FROM ? null : averageRatings(submitted),
    },
  };
}

function windows(l: Loaded, heldSessions: number) {
  return {
    pre: l.e.status === "active" && heldSessions === 0,
    post: l.e.status === "active" && heldSessions > 0,
  };
}

export async function assessments(db: Db, actor: Actor, id: string) {
  const l = await requireEngagement(db, actor, id);
  requireContent(l);
  const [rows, objectives, all] = await Promise.all([
    repo.assessmentsOf(db, [id]),
    repo.objectivesOf(db, [id]),
    repo.sessionsOf(db, [id]),
  ]);
  const open = windows(l, all.filter((s) => s.attendance === "held").length);
  return {
    objectives: objectives.map((o) => ({ id: o.id, title: o.title })),
    pre: phaseState(rows, "pre", open.pre),
    post: phaseState(rows, "post", open.post),
  };
}

async function checkRatings(db: Db, id: string, ratings: { objectiveId: string; rating: number }[]) {
  const ids = (await repo.objectivesOf(db, [id])).map((o) => o.id);
  const given = ratings.map((r) => r.objectiveId);
  if (ids.length !== given.length || ids.some((o) => !given.includes(o))) {
    throw errors.unprocessable("coaching.ratings_incomplete", "Rate each objective once.", {
      objectives: ids,
    });
  }
  return toJson(Object.fromEntries(ratings.map((r) => [r.objectiveId, r.rating])));
}

export async function submitSelf(
  db: Db,
  actor: Actor,
  id: string,
  phase: AssessmentPhase,
  input: { ratings: { objectiveId: string; rating: number }[]; comment?: string | undefined },
) {
  await db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    if (l.viewer !== "coachee") throw errors.forbidden("The coachee rates themselves.");
    const held = (await repo.sessionsOf(trx, [id])).filter((s) => s.attendance === "held").length;
    if (!windows(l, held)[phase]) {
      throw errors.conflict(
        "coaching.assessment_closed",
        phase === "pre"
          ? "The pre-assessment is taken after the objectives are agreed and before the first session."
          : "The post-assessment opens after the first session and closes when the engagement ends.",
      );
    }
    const ratings = await checkRatings(trx, id, input.ratings);
    const existing = (await repo.assessmentsOf(trx, [id])).find(
      (a) => a.phase === phase && a.rater_id === actor.personId,
    );
    const now = nowIso();
    if (existing) {
      await repo.updateAssessment(trx, existing.id, {
        ratings,
        comment: input.comment ?? null,
        submitted_at: now,
      });
    } else {
      await repo.insertAssessment(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        phase,
        rater_id: actor.personId,
        rater_kind: "self",
        ratings,
        comment: input.comment ?? null,
        invited_by: null,
        submitted_at: now,
        created_at: now,
      });
    }
  });
  return assessments(db, actor, id);
}

export async function inviteStakeholders(
  deps: Deps,
  actor: Actor,
  id: string,
  phase: AssessmentPhase,
  personIds: string[],
) {
  const invited = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    requireContent(l);
    requireStatus(l.e, ["active"], "ask colleagues for ratings");
    const existing = (await repo.assessmentsOf(trx, [id])).filter((a) => a.phase === phase);
    const out: string[] = [];
    const now = nowIso();
    for (const [i, personId] of [...new Set(personIds)].entries()) {
      if ([l.e.coachee_id, l.e.coach_id].includes(personId)) {
        throw errors.unprocessable(
          "coaching.not_a_stakeholder",
          "Stakeholders are colleagues other than the coachee and the coach.",
          { field: `personIds.${i}` },
        );
      }
      const person = await findPerson(trx, actor.organizationId, personId);
      if (!person || person.status !== "active") {
        throw errors.unprocessable(
          "coaching.unknown_person",
          "That colleague is not an active person here.",
          {
            field: `personIds.${i}`,
          },
        );
      }
      if (existing.some((a) => a.rater_id === personId)) continue;
      await repo.insertAssessment(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        engagement_id: id,
        phase,
        rater_id: personId,
        rater_kind: "stakeholder",
        ratings: "{}",
        comment: null,
        invited_by: actor.personId,
        submitted_at: null,
        created_at: now,
      });
      out.push(personId);
    }
    return { out, coachee: l.e.coachee_name };
  });
  for (const to of invited.out) {
    await notifyPerson(deps, actor.organizationId, to, "assessments_due", {
      subject: `${invited.coachee} asks for your ratings`,
      intro: `Rate how ${invited.coachee} is doing on their coaching objectives. It takes two minutes.`,
      path: "/coaching/ratings",
    });
  }
  return assessments(deps.db, actor, id);
}

export async function ratingRequests(
  db: Db,
  actor: Actor,
  filter: PageRequest & { answered?: boolean | undefined },
) {
  const { rows, nextCursor } = await repo.ratingRequestPage(db, actor.organizationId, actor.personId, filter);
  const objectives = await repo.objectivesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      engagementId: r.id,
      phase: r.phase,
      coachee: ref(r.coachee_id, r.coachee_name),
      objectives: objectives
        .filter((o) => o.engagement_id === r.id)
        .map((o) => ({ id: o.id, title: o.title, metricName: o.metric_name })),
      anonymous: Number(r.stakeholders ?? 0) >= ANONYMOUS_FROM,
      submittedAt: r.submitted_at,
      invitedAt: r.invited_at,
    })),
    nextCursor,
  };
}

export async function submitStakeholder(
  db: Db,
  actor: Actor,
  id: string,
  phase: AssessmentPhase,
  input: { ratings: { objectiveId: string; rating: number }[]; comment?: string | undefined },
) {
  await db.transaction().execute(async (trx) => {
    const e = await repo.findEngagement(trx, actor.organizationId, id);
    const mine = e
      ? (await repo.assessmentsOf(trx, [id])).find(
          (a) => a.phase === phase && a.rater_id === actor.personId && a.rater_kind === "stakeholder",
        )
      : undefined;
    if (!e || !mine) throw errors.notFound("Rating request");
    requireStatus(e, ["active", "completed"], "give ratings");
    const ratings = await checkRatings(trx, id, input.ratings);
    await repo.updateAssessment(trx, mine.id, {
      ratings,
      comment: input.comment ?? null,
      submitted_at: nowIso(),
    });
  });
  return ratingRequests(db, actor, FIRST_PAGE);
}

// Summary and closing report: numbers only, for everyone with a part in the engagement.

export async function summary(db: Db, actor: Actor, id: string) {
  const l = await requireEngagement(db, actor, id);
  const { e } = l;
  const [all, amendments, objs, acts] = await Promise.all([
    repo.sessionsOf(db, [id]),
    repo.amendmentsOf(db, [id]),
    objectiveDtos(db, [id]),
    repo.actionsOf(db, [id]),
  ]);
  const numbers = numbering(all);
  const count = (a: Attendance) => all.filter((s) => s.attendance === a).length;
  return {
    engagementId: id,
    status: e.status,
    coachee: ref(e.coachee_id, e.coachee_name),
    coach: e.coach_id && e.coach_name ? ref(e.coach_id, e.coach_name) : null,
    budget: budgetOf(e.session_budget, amendments, all),
    attendance: {
      held: count("held"),
      noShow: count("no_show"),
      rescheduled: count("rescheduled"),
      scheduled: count("scheduled"),
    },
    objectives: objs.map((o) => o.dto),
    actions: {
      ...actionStats(acts),
      perSession: all
        .filter((s) => numbers.has(s.id) && acts.some((a) => a.reviewed_in_session_id === s.id))
        .map((s) => {
          const reviewed = acts.filter((a) => a.reviewed_in_session_id === s.id);
          const n = (o: ActionOutcome) => reviewed.filter((a) => a.review_outcome === o).length;
          return {
            session: numbers.get(s.id) ?? 0,
            done: n("done"),
            partlyDone: n("partly_done"),
            notDone: n("not_done"),
          };
        }),
    },
    sponsorSummaries: all
      .filter((s) => numbers.has(s.id) && s.sponsor_summary)
      .map((s) => ({
        session: numbers.get(s.id) ?? 0,
        date: s.scheduled_at,
        attendance: s.attendance,
        summary: s.sponsor_summary ?? "",
      })),
  };
}

const change = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : Math.round((b - a) * 100) / 100;

export async function report(db: Db, actor: Actor, id: string) {
  const l = await requireEngagement(db, actor, id);
  const { e } = l;
  const [all, amendments, objs, acts, rows] = await Promise.all([
    repo.sessionsOf(db, [id]),
    repo.amendmentsOf(db, [id]),
    objectiveDtos(db, [id]),
    repo.actionsOf(db, [id]),
    repo.assessmentsOf(db, [id]),
  ]);
  const pre = phaseState(rows, "pre", false);
  const post = phaseState(rows, "post", false);
  return {
    engagementId: id,
    status: e.status,
    final: e.status === "completed",
    coachee: ref(e.coachee_id, e.coachee_name),
    coach: e.coach_id && e.coach_name ? ref(e.coach_id, e.coach_name) : null,
    startDate: e.start_date,
    endDate: e.end_date,
    closedAt: e.closed_at,
    budget: budgetOf(e.session_budget, amendments, all),
    actionCompletionRate: actionStats(acts).completionRate,
    objectives: objs.map(({ dto: o }) => {
      const selfPre = pre.self?.[o.id] ?? null;
      const selfPost = post.self?.[o.id] ?? null;
      const stakeholdersPre = pre.stakeholders.average?.[o.id] ?? null;
      const stakeholdersPost = post.stakeholders.average?.[o.id] ?? null;
      return {
        id: o.id,
        title: o.title,
        metricName: o.metricName,
        metricUnit: o.metricUnit,
        baseline: o.baseline,
        target: o.target,
        final: o.latest,
        progress: o.progress,
        selfPre,
        selfPost,
        selfChange: change(selfPre, selfPost),
        stakeholdersPre,
        stakeholdersPost,
        stakeholdersChange: change(stakeholdersPre, stakeholdersPost),
      };
    }),
  };
}

export async function complete(deps: Deps, actor: Actor, id: string) {
  const e = await deps.db.transaction().execute(async (trx) => {
    const l = await requireEngagement(trx, actor, id);
    requireCoach(l, "closes the engagement");
    requireStatus(l.e, ["active"], "complete the engagement");
    const [all, rows] = await Promise.all([repo.sessionsOf(trx, [id]), repo.assessmentsOf(trx, [id])]);
    if (all.some((s) => s.attendance === "scheduled")) {
      throw errors.conflict(
        "coaching.sessions_open",
        "Record or reschedule the sessions still scheduled before closing the engagement.",
      );
    }
    if (!rows.some((a) => a.phase === "post" && a.rater_kind === "self" && a.submitted_at)) {
      throw errors.conflict(
        "coaching.post_assessment_missing",
        "The coachee completes the post-assessment before the engagement closes.",
      );
    }
    const now = nowIso();
    await repo.updateEngagement(trx, id, { status: "completed", closed_at: now, updated_at: now });
    await emitEvent(trx, actor.organizationId, "coaching.engagement.completed", {
      engagementId: id,
      programId: l.e.program_id,
      coachId: l.e.coach_id,
      coacheeId: l.e.coachee_id,
      sponsorId: l.e.sponsor_id,
      completedAt: now,
    });
    return l.e;
  });
  for (const to of [e.coachee_id, e.sponsor_id]) {
    await notifyPerson(deps, actor.organizationId, to, "responses", {
      subject: "Coaching completed: the closing report is ready",
      intro: "The coaching engagement is complete. Its closing report shows the progress on each objective.",
      path: `/coaching/engagements/${id}/report`,
    });
  }
  return report(deps.db, actor, id);
}
