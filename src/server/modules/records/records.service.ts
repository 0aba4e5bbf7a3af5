import { budgetOf } from "../../../domain/coaching/lifecycle.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { parseJson } from "../../lib/json.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import * as coaching from "../coaching/coaching.repository.ts";
import { objectiveDtos } from "../coaching/coaching.service.ts";
import * as mentoring from "../mentoring/mentoring.repository.ts";
import { managerChainRows } from "../people/people.repository.ts";
import { certificateDto } from "../training/certificates.service.ts";
import { loadCohorts } from "../training/cohort-data.ts";
import * as training from "../training/training.repository.ts";
import {
  recordViewer,
  seesActionItems,
  seesMeetingFacts,
  seesMentoringGoals,
  seesObjectives,
  seesPersonalProfile,
} from "./records.policy.ts";
import * as repo from "./records.repository.ts";
import type {
  DevelopmentRecord,
  RecordAction,
  RecordCertificateStatus,
  RecordEvent,
  RecordGoal,
  RecordViewer,
} from "./records.schemas.ts";

/** A certificate that lapses within this many days is flagged as expiring. */
export const EXPIRING_WITHIN_DAYS = 60;

const ref = (id: string, name: string) => ({ id, name });
const day = (iso: string) => iso.slice(0, 10);

/** Later stages of the same day come first in the newest-first timeline. */
const STAGE: Record<RecordEvent["kind"], number> = {
  relationship_proposed: 0,
  cohort_enrolled: 0,
  relationship_started: 1,
  engagement_started: 1,
  session_held: 2,
  action_done: 3,
  goal_achieved: 3,
  relationship_ended: 4,
  engagement_completed: 4,
  engagement_cancelled: 4,
  cohort_completed: 4,
  certificate_issued: 5,
  certificate_expires: 6,
};

const HIDDEN = {
  selfJournal:
    "Mentoring journals, meeting notes, agreements and closing reflections are not part of the record: they stay in each relationship, for the pair alone.",
  selfSessions: "Coaching session notes are not part of the record: read them in the engagement itself.",
  mentoring:
    "Mentoring goals, milestones, journals, meeting notes, agreements and reflections are private to the mentoring pair.",
  actions:
    "Coaching session notes and action items stay between the coach and the coachee: open actions are shown as a count only.",
  timeline:
    "Achieved mentoring goals and completed actions are left out of the timeline for the same reasons.",
  objectives:
    "Coaching objectives are shared with the coachee, the coach, the sponsor and program staff: you see them only for the engagements where you are one of these.",
  profile:
    "Seniority and career goals are personal: only the person, org admins and program managers see them.",
};

export function certificateStatus(
  status: "valid" | "expired" | "revoked",
  expiresAt: string | null,
  now: string,
): RecordCertificateStatus {
  if (status !== "valid") return status;
  return expiresAt !== null && expiresAt <= addDays(now, EXPIRING_WITHIN_DAYS) ? "expiring" : "valid";
}

const byNewest = (a: RecordEvent, b: RecordEvent) =>
  b.date.localeCompare(a.date) || STAGE[b.kind] - STAGE[a.kind] || a.title.localeCompare(b.title);

/** The record of one person as `viewer` may see it. Callers check that the viewer may see it at all. */
async function buildRecord(
  deps: Deps,
  actor: Actor,
  person: repo.RecordPersonRow,
  viewer: RecordViewer,
): Promise<DevelopmentRecord> {
  const { db } = deps;
  const org = actor.organizationId;
  const now = nowIso();
  const today = day(now);
  const personId = person.id;
  const events: RecordEvent[] = [];
  const hidden: string[] = [];

  // Mentoring: every relationship where the person is mentor or mentee; goals only where they are the mentee.
  const relationships = await mentoring.relationshipsOf(db, org, personId);
  const selfView = viewer === "self";
  const relIds = relationships.map((r) => r.id);
  const [meetings, goalRows] = await Promise.all([
    seesMeetingFacts(viewer) ? repo.meetingFacts(db, relIds) : Promise.resolve(null),
    seesMentoringGoals(viewer)
      ? repo.goalsOfRelationships(
          db,
          relationships.filter((r) => r.mentee_id === personId).map((r) => r.id),
        )
      : Promise.resolve([]),
  ]);
  const milestones = await mentoring.milestonesOf(
    db,
    goalRows.map((g) => g.id),
  );
  const mentoringItems = relationships.map((r) => {
    const role = r.mentor_id === personId ? ("mentor" as const) : ("mentee" as const);
    const partner = role === "mentor" ? ref(r.mentee_id, r.mentee_name) : ref(r.mentor_id, r.mentor_name);
    const with_ = `Mentoring with ${partner.name}`;
    events.push({
      date: day(r.created_at),
      mode: "mentoring",
      kind: "relationship_proposed",
      title: `${with_} proposed (${r.program_name})`,
    });
    if (r.start_date)
      events.push({
        date: day(r.start_date),
        mode: "mentoring",
        kind: "relationship_started",
        title: `${with_} started`,
      });
    if (r.ended_at && (r.status === "completed" || r.status === "ended_early"))
      events.push({
        date: day(r.ended_at),
        mode: "mentoring",
        kind: "relationship_ended",
        title: `${with_} ${r.status === "completed" ? "completed" : "ended early"}`,
      });
    return {
      id: r.id,
      role,
      partner,
      program: ref(r.program_id, r.program_name),
      status: r.status,
      proposedAt: r.created_at,
      startDate: r.start_date,
      plannedEndDate: r.planned_end_date,
      endedAt: r.ended_at,
      meetings: meetings ? (meetings.get(r.id) ?? { count: 0, lastMetOn: null }) : null,
    };
  });
  const goals: RecordGoal[] = goalRows.map((g) => {
    const mine = milestones.filter((m) => m.goal_id === g.id);
    if (g.status === "achieved")
      events.push({
        date: day(g.updated_at),
        mode: "mentoring",
        kind: "goal_achieved",
        title: `Mentoring goal achieved: ${g.title}`,
      });
    return {
      mode: "mentoring",
      id: g.id,
      relationshipId: g.relationship_id,
      title: g.title,
      category: g.category,
      status: g.status,
      targetDate: g.target_date,
      milestonesDone: mine.filter((m) => m.done_at !== null).length,
      milestonesTotal: mine.length,
    };
  });

  // Coaching: engagements where the person is the coachee; objectives as the coaching rules allow.
  const engagements = await coaching.engagementsInvolving(db, org, personId, { as: "coachee" });
  const engIds = engagements.map((e) => e.id);
  const [sessions, amendments, objectives, actionRows, ownedActions] = await Promise.all([
    coaching.sessionsOf(db, engIds),
    coaching.amendmentsOf(db, engIds),
    objectiveDtos(db, engIds),
    seesActionItems(viewer) ? coaching.actionsOf(db, engIds) : Promise.resolve([]),
    coaching.openActionsOwnedBy(db, org, personId, null),
  ]);
  // Actions the person owns as someone else's coach are that engagement's business, not their development.
  const openActions = ownedActions.filter((a) => engIds.includes(a.engagement_id));
  let objectivesHidden = false;
  const coachingItems = engagements.map((e) => {
    const mine = sessions.filter((s) => s.engagement_id === e.id);
    const held = mine.filter((s) => s.attendance === "held");
    const coachName = e.coach_id && e.coach_name ? e.coach_name : null;
    const title = coachName ? `Coaching with ${coachName}` : "Coaching engagement";
    const shown = seesObjectives(viewer, actor, e);
    if (!shown) objectivesHidden = true;
    const mineObjectives = objectives.filter((o) => o.engagementId === e.id).map((o) => o.dto);
    if (e.status === "active" || e.status === "completed")
      events.push({
        date: e.start_date,
        mode: "coaching",
        kind: "engagement_started",
        title: `${title} started (${e.program_name})`,
      });
    if (e.closed_at && e.status === "completed")
      events.push({
        date: day(e.closed_at),
        mode: "coaching",
        kind: "engagement_completed",
        title: `${title} completed`,
      });
    if (e.closed_at && e.status === "cancelled")
      events.push({
        date: day(e.closed_at),
        mode: "coaching",
        kind: "engagement_cancelled",
        title: `${title} cancelled`,
      });
    for (const s of held)
      events.push({
        date: day(s.scheduled_at),
        mode: "coaching",
        kind: "session_held",
        title: "Coaching session held",
      });
    if (shown)
      for (const o of mineObjectives)
        goals.push({
          mode: "coaching",
          engagementId: e.id,
          id: o.id,
          title: o.title,
          theme: o.theme,
          metricName: o.metricName,
          metricUnit: o.metricUnit,
          baseline: o.baseline,
          target: o.target,
          latest: o.latest,
          progressPct: Math.round(o.progress * 100),
        });
    return {
      id: e.id,
      coach: e.coach_id && e.coach_name ? ref(e.coach_id, e.coach_name) : null,
      program: ref(e.program_id, e.program_name),
      status: e.status,
      startDate: e.start_date,
      endDate: e.end_date,
      sessionsHeld: held.length,
      sessionBudget: budgetOf(
        e.session_budget,
        amendments.filter((a) => a.engagement_id === e.id),
        mine,
      ).total,
      objectives: shown
        ? mineObjectives.map((o) => ({
            id: o.id,
            title: o.title,
            theme: o.theme,
            metricName: o.metricName,
            metricUnit: o.metricUnit,
            baseline: o.baseline,
            target: o.target,
            latest: o.latest,
            progressPct: Math.round(o.progress * 100),
          }))
        : null,
      objectivesNote: shown
        ? null
        : "Objectives are shared with the coachee, the coach, the sponsor and program staff.",
    };
  });
  for (const a of actionRows)
    if (a.owner_id === personId && a.status === "done")
      events.push({
        date: day(a.updated_at),
        mode: "coaching",
        kind: "action_done",
        title: `Action done: ${a.text}`,
      });

  // Training: every cohort the person has not withdrawn from, with grades, and their certificates.
  const enrolments = await training.enrolmentsOfPerson(db, org, personId);
  const cohortData = await loadCohorts(
    db,
    await training.cohortsByIds(
      db,
      org,
      enrolments.map((e) => e.cohort_id),
    ),
    personId,
  );
  const cohorts = cohortData.flatMap((d) => {
    const e = d.enrolmentOf(personId);
    if (!e) return [];
    const certificate = d.certificateOf(personId);
    const completedAt = e.completed_at ?? certificate?.issued_at ?? null;
    const enrolled = e.status === "enrolled";
    const status = !enrolled
      ? (e.status as "waitlisted" | "offered")
      : completedAt
        ? ("completed" as const)
        : ("in_progress" as const);
    const course = { id: d.course.id, title: d.course.title };
    if (enrolled) {
      events.push({
        date: day(e.created_at),
        mode: "training",
        kind: "cohort_enrolled",
        title: `Enrolled in ${course.title} (${d.cohort.name})`,
      });
      for (const competency of parseJson<string[]>(d.course.competencies, []))
        goals.push({
          mode: "training",
          title: competency,
          course,
          cohortId: d.cohort.id,
          status: completedAt ? "achieved" : "in_progress",
        });
    }
    if (completedAt)
      events.push({
        date: day(completedAt),
        mode: "training",
        kind: "cohort_completed",
        title: `Completed ${course.title}`,
      });
    return [
      {
        cohortId: d.cohort.id,
        name: d.cohort.name,
        course,
        program: ref(d.cohort.program_id, d.cohort.program_name),
        startDate: d.cohort.start_date,
        endDate: d.cohort.end_date,
        status,
        enrolledAt: e.created_at,
        completedAt,
        attendancePct: enrolled ? d.attendanceOf(personId).pct : null,
        progressPct: enrolled ? Math.round(d.completionOf(personId).progress * 100) : 0,
        grades: enrolled
          ? d.assessments.map((a) => {
              const best = d.bestResult(personId, a);
              return {
                assessmentId: a.id,
                title: a.title,
                kind: a.kind,
                scorePct: best.scorePct,
                passed: best.passed,
              };
            })
          : [],
        certificateId: certificate?.id ?? null,
      },
    ];
  });
  const certificates = (await training.certificatesOfPerson(db, org, personId)).map((row) => {
    const c = certificateDto(deps.config.publicUrl, row, new Date(now));
    const status = certificateStatus(c.status, c.expiresAt, now);
    events.push({
      date: day(c.issuedAt),
      mode: "training",
      kind: "certificate_issued",
      title: `Certificate issued: ${c.course.title}`,
    });
    if (c.expiresAt && status !== "revoked")
      events.push({
        date: day(c.expiresAt),
        mode: "training",
        kind: "certificate_expires",
        title: `Certificate ${status === "expired" ? "expired" : "expires"}: ${c.course.title}`,
      });
    return {
      id: c.id,
      course: c.course,
      cohortId: c.cohortId,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
      status,
      verifyPath: `/verify/${c.id}`,
    };
  });

  // Actions: open coaching actions the person owns and open milestones of their mentoring goals.
  const overdue = (due: string | null) => due !== null && due < today;
  const items: RecordAction[] = [];
  if (seesActionItems(viewer)) {
    for (const a of openActions)
      items.push({
        mode: "coaching",
        id: a.id,
        text: a.text,
        context: a.coach_name ? `Coaching with ${a.coach_name}` : "Coaching",
        dueDate: a.due_date,
        overdue: overdue(a.due_date),
        link: `/coaching/engagements/${a.engagement_id}`,
      });
    const activeRels = new Set(relationships.filter((r) => r.status === "active").map((r) => r.id));
    for (const g of goalRows) {
      if (!activeRels.has(g.relationship_id) || g.status === "achieved" || g.status === "dropped") continue;
      for (const m of milestones)
        if (m.goal_id === g.id && m.done_at === null)
          items.push({
            mode: "mentoring",
            id: m.id,
            text: m.title,
            context: `Mentoring goal: ${g.title}`,
            dueDate: m.due_date,
            overdue: overdue(m.due_date),
            link: `/mentoring/relationships/${g.relationship_id}`,
          });
    }
    items.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  }
  const actions = seesActionItems(viewer)
    ? { items, open: items.length, overdue: items.filter((i) => i.overdue).length, countsOnly: false }
    : {
        items: [],
        open: openActions.length,
        overdue: openActions.filter((a) => overdue(a.due_date)).length,
        countsOnly: true,
      };

  const personal = seesPersonalProfile(actor, personId);
  if (selfView) hidden.push(HIDDEN.selfJournal, HIDDEN.selfSessions);
  else {
    hidden.push(HIDDEN.mentoring, HIDDEN.actions, HIDDEN.timeline);
    if (objectivesHidden) hidden.push(HIDDEN.objectives);
    if (!personal) hidden.push(HIDDEN.profile);
  }

  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      department: person.department,
      seniority: personal ? person.seniority : null,
      manager: person.manager_id && person.manager_name ? ref(person.manager_id, person.manager_name) : null,
      careerGoals: personal ? person.career_goals : null,
    },
    viewer,
    hidden,
    goals,
    mentoring: mentoringItems,
    coaching: coachingItems,
    training: { cohorts, certificates },
    actions,
    timeline: events.sort(byNewest),
  };
}

/** A person's development record, for the person, their managers up the reporting line and org admins. */
export async function getRecord(deps: Deps, actor: Actor, personId: string) {
  const { db } = deps;
  const [person, chain] = await Promise.all([
    repo.findRecordPerson(db, actor.organizationId, personId),
    managerChainRows(db, actor.organizationId, personId),
  ]);
  const above = chain.map((row) => row.id).filter((id) => id !== personId);
  const viewer = person ? recordViewer(actor, person.id, above) : null;
  if (!person || !viewer) throw errors.notFound("Person");
  return buildRecord(deps, actor, person, viewer);
}

/** The caller's own record, stamped with when it was exported. */
export async function exportRecord(deps: Deps, actor: Actor) {
  const person = await repo.findRecordPerson(deps.db, actor.organizationId, actor.personId);
  if (!person) throw errors.notFound("Person");
  const record = await buildRecord(deps, actor, person, "self");
  return { ...record, exportedAt: nowIso() };
}

/** `development-record-ada-lovelace-2026-12-01.json`: ASCII only, so that every browser keeps the name. */
export function exportFileName(name: string, exportedAt: string, extension: "json" | "pdf"): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "person";
  return `development-record-${slug}-${day(exportedAt)}.${extension}`;
}
