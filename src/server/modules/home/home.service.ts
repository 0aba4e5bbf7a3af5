import type { Recommendation } from "../../../domain/advisor/advise.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { parseJson } from "../../lib/json.ts";
import { managesPrograms } from "../programs/programs.policy.ts";
import { assignmentsOfPerson, overdueTotals } from "../training/assignments.service.ts";
import { loadCohorts } from "../training/cohort-data.ts";
import * as training from "../training/training.repository.ts";
import * as repo from "./home.repository.ts";

export type Urgency = "overdue" | "today" | "this_week" | "later";
export type Category =
  | "request"
  | "agreement"
  | "action"
  | "session"
  | "assessment"
  | "mandatory"
  | "review"
  | "offer"
  | "advice";

export interface NextStep {
  id: string;
  category: Category;
  mode: "mentoring" | "coaching" | "training" | null;
  title: string;
  detail: string | null;
  href: string;
  dueAt: string | null;
  urgency: Urgency;
}

const DAY = 86_400_000;
const URGENCY_ORDER: Urgency[] = ["overdue", "today", "this_week", "later"];

/** How pressing a due date is: past, today, within seven days, or later (and undated). */
export function urgencyOf(dueAt: string | null, now: Date): Urgency {
  if (!dueAt) return "later";
  const due = Date.parse(dueAt.length === 10 ? `${dueAt}T23:59:59.999Z` : dueAt);
  if (due < now.getTime()) return "overdue";
  if (dueAt.slice(0, 10) === now.toISOString().slice(0, 10)) return "today";
  return due - now.getTime() <= 7 * DAY ? "this_week" : "later";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the caller should do next, most pressing first, across every mode and their roles in it. */
export async function nextSteps(db: Db, actor: Actor, now = new Date()) {
  const org = actor.organizationId;
  const me = actor.personId;
  const nowIso = now.toISOString();
  const weekEnd = new Date(now.getTime() + 7 * DAY).toISOString();
  const steps: NextStep[] = [];
  const step = (s: Omit<NextStep, "urgency"> & { urgency?: Urgency }) =>
    steps.push({ ...s, urgency: s.urgency ?? urgencyOf(s.dueAt, now) });

  const [
    requests,
    introductions,
    proposed,
    awaitingAgreement,
    actions,
    milestones,
    coachingSessions,
    ratings,
    assignments,
    active,
    advice,
  ] = await Promise.all([
    repo.openRequestsToMentor(db, org, me),
    repo.pendingIntroductions(db, org, me),
    repo.proposedRelationships(db, org, me),
    repo.engagementsAwaitingAgreement(db, org, me),
    repo.actionsDue(db, org, me, weekEnd.slice(0, 10)),
    repo.milestonesDue(db, org, me, new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10)),
    repo.coachingSessionsBetween(db, org, me, nowIso, weekEnd),
    repo.ratingRequests(db, org, me),
    assignmentsOfPerson(db, org, me),
    repo.hasDevelopmentActivity(db, org, me),
    repo.adviceFromOthers(db, org, me, new Date(now.getTime() - 30 * DAY).toISOString()),
  ]);

  if (requests.length > 0) {
    const first = requests[0];
    step({
      id: "mentoring.requests",
      category: "request",
      mode: "mentoring",
      title: `Answer ${plural(requests.length, "mentoring request")}`,
      detail: requests.length === 1 && first ? `From ${first.mentee_name}` : null,
      href: "/mentoring/requests",
      dueAt: first?.expires_at ?? null,
    });
  }
  for (const i of introductions) {
    step({
      id: `mentoring.introduction.${i.id}`,
      category: "request",
      mode: "mentoring",
      title: `Reply to an introduction to ${i.mentee_name}`,
      detail: null,
      href: "/mentoring/introductions",
      dueAt: null,
      urgency: "this_week",
    });
  }
  for (const r of proposed) {
    const side = r.mentor_id === me ? "mentor" : "mentee";
    const partner = side === "mentor" ? r.mentee_name : r.mentor_name;
    const signed = side === "mentor" ? r.mentor_signed_at : r.mentee_signed_at;
    if (signed) continue;
    step({
      id: `mentoring.agreement.${r.id}`,
      category: "agreement",
      mode: "mentoring",
      title: r.agreement_id
        ? `Sign your mentoring agreement with ${partner}`
        : `Write your mentoring agreement with ${partner}`,
      detail: "The relationship starts once you both sign.",
      href: `/mentoring/relationships/${r.id}`,
      dueAt: null,
      urgency: "this_week",
    });
  }
  for (const e of awaitingAgreement) {
    const whose = e.coachee_id === me ? "your" : `${e.coachee_name}'s`;
    step({
      id: `coaching.objectives.${e.id}`,
      category: "agreement",
      mode: "coaching",
      title: `Agree the objectives of ${whose} coaching`,
      detail: "Sessions begin once the coachee, the coach and the sponsor agree the objectives.",
      href: `/coaching/engagements/${e.id}`,
      dueAt: e.start_date,
    });
  }
  for (const a of actions) {
    step({
      id: `coaching.action.${a.id}`,
      category: "action",
      mode: "coaching",
      title: a.text,
      detail: "A coaching action to practise before your next session",
      href: `/coaching/engagements/${a.engagement_id}`,
      dueAt: a.due_date,
    });
  }
  for (const m of milestones) {
    step({
      id: `mentoring.milestone.${m.id}`,
      category: "action",
      mode: "mentoring",
      title: m.title,
      detail: "A milestone of a mentoring goal",
      href: `/mentoring/relationships/${m.relationship_id}`,
      dueAt: m.due_date,
    });
  }
  for (const s of coachingSessions) {
    const asCoach = s.coach_id === me;
    step({
      id: `coaching.session.${s.id}`,
      category: "session",
      mode: "coaching",
      title: asCoach
        ? `Coaching session with ${s.coachee_name}`
        : `Coaching session with ${s.coach_name ?? "your coach"}`,
      detail: asCoach ? null : "Review your actions before it starts.",
      href: `/coaching/engagements/${s.engagement_id}`,
      dueAt: s.scheduled_at,
    });
  }
  for (const r of ratings) {
    step({
      id: `coaching.rating.${r.id}`,
      category: "assessment",
      mode: "coaching",
      title:
        r.coachee_id === me
          ? `Rate your coaching objectives (${r.phase === "pre" ? "before" : "after"})`
          : `Rate ${r.coachee_name}'s progress on their objectives`,
      detail: null,
      href: "/coaching/ratings",
      dueAt: null,
      urgency: "this_week",
    });
  }
  for (const { row, state } of assignments) {
    if (state.status === "completed") continue;
    step({
      id: `training.mandatory.${row.assignment_id}`,
      category: "mandatory",
      mode: "training",
      title:
        state.status === "recertification_due"
          ? `Recertify: ${row.course_title}`
          : `Complete ${row.course_title}`,
      detail: "Mandatory training for your role",
      href: "/training",
      dueAt: state.dueAt,
    });
  }
  await trainingSteps(db, actor, now, weekEnd, step);
  if (managesPrograms(actor)) {
    const late = (await overdueTotals(db, actor, now)).total;
    if (late > 0) {
      step({
        id: "training.overdue",
        category: "mandatory",
        mode: "training",
        title: `${plural(late, "person is", "people are")} overdue on mandatory training`,
        detail: null,
        href: "/training/assignments",
        dueAt: null,
        urgency: "overdue",
      });
    }
  }
  for (const a of advice) {
    const top = parseJson<Recommendation>(a.recommendation, { options: [] }).options[0];
    step({
      id: `advice.${a.id}`,
      category: "advice",
      mode: null,
      title: `${a.taken_by_name} suggested ${top ? top.modes.join(" and ") : "a development step"} for you`,
      detail: "See the reasons and the programs open to you.",
      href: `/advisor/${a.id}`,
      dueAt: null,
      urgency: "this_week",
    });
  }

  steps.sort(
    (a, b) =>
      URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency) ||
      (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"),
  );
  return { items: steps, hasActivity: active, suggestAdvisor: !active };
}

async function trainingSteps(
  db: Db,
  actor: Actor,
  now: Date,
  weekEnd: string,
  step: (s: Omit<NextStep, "urgency"> & { urgency?: Urgency }) => void,
) {
  const me = actor.personId;
  const [enrolments, taught] = await Promise.all([
    training.enrolmentsOfPerson(db, actor.organizationId, me),
    training.cohortIdsTaughtBy(db, me),
  ]);
  const ids = [...new Set([...enrolments.map((e) => e.cohort_id), ...taught])];
  if (ids.length === 0) return;
  const data = await loadCohorts(db, await training.cohortsByIds(db, actor.organizationId, ids), me);
  const nowIso = now.toISOString();
  const pending = await training.latestSubmissions(db, actor.organizationId, taught);
  for (const d of data) {
    const enrolment = d.enrolmentOf(me);
    const teaches = d.trainerIds.includes(me);
    if (enrolment?.status === "offered") {
      step({
        id: `training.offer.${d.cohort.id}`,
        category: "offer",
        mode: "training",
        title: `A seat is free in ${d.cohort.name}: accept it`,
        detail: d.course.title,
        href: "/training",
        dueAt: enrolment.offer_expires_at,
      });
    }
    if (enrolment?.status === "enrolled" || teaches) {
      for (const s of d.activeSessions.filter((x) => x.starts_at >= nowIso && x.starts_at < weekEnd)) {
        step({
          id: `training.session.${s.id}`,
          category: "session",
          mode: "training",
          title: `${s.title} (${d.cohort.name})`,
          detail: teaches ? "You are teaching" : (s.location ?? s.link ?? null),
          href: `/training/cohorts/${d.cohort.id}`,
          dueAt: s.starts_at,
        });
      }
    }
    if (enrolment?.status === "enrolled" && !d.certificateOf(me) && d.cohort.status !== "cancelled") {
      for (const a of d.assessments.filter((x) => x.required === 1)) {
        if (d.bestResult(me, a).passed === true) continue;
        step({
          id: `training.assessment.${d.cohort.id}.${a.id}`,
          category: "assessment",
          mode: "training",
          title: a.kind === "quiz" ? `Take the quiz: ${a.title}` : `Practical evaluation: ${a.title}`,
          detail: d.course.title,
          href:
            a.kind === "quiz"
              ? `/training/cohorts/${d.cohort.id}/quiz/${a.id}`
              : `/training/cohorts/${d.cohort.id}`,
          dueAt: d.cohort.end_date,
        });
      }
    }
    if (teaches) {
      const waiting = pending.filter((s) => s.cohort_id === d.cohort.id && s.status === "submitted").length;
      if (waiting > 0) {
        step({
          id: `training.reviews.${d.cohort.id}`,
          category: "review",
          mode: "training",
          title: `Review ${plural(waiting, "submission")} in ${d.cohort.name}`,
          detail: null,
          href: "/training/grading",
          dueAt: null,
          urgency: "this_week",
        });
      }
    }
  }
}
