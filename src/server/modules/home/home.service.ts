import type { Recommendation } from "../../../domain/advisor/advise.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { parseJson } from "../../lib/json.ts";
import { managesPrograms } from "../programs/programs.policy.ts";
import { assignmentsOfPerson, overdueTotals } from "../training/assignments.service.ts";
import { loadCohorts } from "../training/cohort-data.ts";
import * as training from "../training/training.repository.ts";
import * as repo from "./home.repository.ts";
import { STEPS_PER_GROUP } from "./home.repository.ts";

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

/** A group of steps longer than the home page lists: how many more there are and where they all are. */
export interface MoreSteps {
  id: string;
  category: Category;
  mode: NextStep["mode"];
  count: number;
  title: string;
  href: string | null;
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

type StepInput = Omit<NextStep, "urgency"> & { urgency?: Urgency };

/** Collects the steps and, for each group cut short, what was left out. */
class Steps {
  readonly items: NextStep[] = [];
  readonly more: MoreSteps[] = [];
  constructor(private readonly now: Date) {}

  add(s: StepInput) {
    this.items.push({ ...s, urgency: s.urgency ?? urgencyOf(s.dueAt, this.now) });
  }

  /**
   * The group's steps, the most pressing first, at most STEPS_PER_GROUP of them, and a count of the rest
   * (`total` of them in all) with a link to where the whole list is.
   */
  group(
    steps: StepInput[],
    total: number,
    more: Omit<MoreSteps, "count" | "title"> & { noun: (n: number) => string },
  ) {
    const ranked = steps
      .map((s) => ({ ...s, urgency: s.urgency ?? urgencyOf(s.dueAt, this.now) }))
      .sort(byUrgency);
    const shown = ranked.slice(0, STEPS_PER_GROUP);
    for (const s of shown) this.items.push(s);
    const rest = Math.max(total, ranked.length) - shown.length;
    if (rest > 0) {
      const { noun, ...where } = more;
      this.more.push({ ...where, count: rest, title: `${rest} more ${noun(rest)}` });
    }
  }
}

const byUrgency = (a: NextStep, b: NextStep) =>
  URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency) ||
  (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999");

const nouns =
  (one: string, many = `${one}s`) =>
  (n: number) =>
    n === 1 ? one : many;

/**
 * What the caller should do next, most pressing first, across every mode and their roles in it. Each group
 * lists at most STEPS_PER_GROUP steps; `more` counts the rest of each group cut short and links its full list.
 */
export async function nextSteps(db: Db, actor: Actor, now = new Date()) {
  const org = actor.organizationId;
  const me = actor.personId;
  const nowIso = now.toISOString();
  const weekEnd = new Date(now.getTime() + 7 * DAY).toISOString();
  const steps = new Steps(now);

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
    repo.unsignedProposedRelationships(db, org, me),
    repo.engagementsAwaitingAgreement(db, org, me),
    repo.actionsDue(db, org, me, weekEnd.slice(0, 10)),
    repo.milestonesDue(db, org, me, new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10)),
    repo.coachingSessionsBetween(db, org, me, nowIso, weekEnd),
    repo.ratingRequests(db, org, me),
    assignmentsOfPerson(db, org, me),
    repo.hasDevelopmentActivity(db, org, me),
    repo.adviceFromOthers(db, org, me, new Date(now.getTime() - 30 * DAY).toISOString()),
  ]);

  const first = requests.rows[0];
  if (first) {
    steps.add({
      id: "mentoring.requests",
      category: "request",
      mode: "mentoring",
      title: `Answer ${plural(requests.total, "mentoring request")}`,
      detail: requests.total === 1 ? `From ${first.mentee_name}` : null,
      href: "/mentoring/requests",
      dueAt: first.expires_at,
    });
  }
  steps.group(
    introductions.rows.map((i) => ({
      id: `mentoring.introduction.${i.id}`,
      category: "request",
      mode: "mentoring",
      title: `Reply to an introduction to ${i.mentee_name}`,
      detail: null,
      href: "/mentoring/introductions",
      dueAt: null,
      urgency: "this_week",
    })),
    introductions.total,
    {
      id: "mentoring.introductions",
      category: "request",
      mode: "mentoring",
      href: "/mentoring/introductions",
      noun: nouns("introduction to reply to", "introductions to reply to"),
    },
  );
  steps.group(
    proposed.rows.map((r) => {
      const partner = r.mentor_id === me ? r.mentee_name : r.mentor_name;
      return {
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
      };
    }),
    proposed.total,
    {
      id: "mentoring.agreements",
      category: "agreement",
      mode: "mentoring",
      href: "/mentoring",
      noun: nouns("mentoring agreement to sign", "mentoring agreements to sign"),
    },
  );
  steps.group(
    awaitingAgreement.rows.map((e) => ({
      id: `coaching.objectives.${e.id}`,
      category: "agreement",
      mode: "coaching",
      title: `Agree the objectives of ${e.coachee_id === me ? "your" : `${e.coachee_name}'s`} coaching`,
      detail: "Sessions begin once the coachee, the coach and the sponsor agree the objectives.",
      href: `/coaching/engagements/${e.id}`,
      dueAt: e.start_date,
    })),
    awaitingAgreement.total,
    {
      id: "coaching.objectives",
      category: "agreement",
      mode: "coaching",
      href: "/coaching",
      noun: nouns(
        "coaching engagement to agree objectives for",
        "coaching engagements to agree objectives for",
      ),
    },
  );
  steps.group(
    actions.rows.map((a) => ({
      id: `coaching.action.${a.id}`,
      category: "action",
      mode: "coaching",
      title: a.text,
      detail: "A coaching action to practise before your next session",
      href: `/coaching/engagements/${a.engagement_id}`,
      dueAt: a.due_date,
    })),
    actions.total,
    {
      id: "coaching.actions",
      category: "action",
      mode: "coaching",
      href: "/coaching",
      noun: nouns("coaching action due", "coaching actions due"),
    },
  );
  steps.group(
    milestones.rows.map((m) => ({
      id: `mentoring.milestone.${m.id}`,
      category: "action",
      mode: "mentoring",
      title: m.title,
      detail: "A milestone of a mentoring goal",
      href: `/mentoring/relationships/${m.relationship_id}`,
      dueAt: m.due_date,
    })),
    milestones.total,
    {
      id: "mentoring.milestones",
      category: "action",
      mode: "mentoring",
      href: "/mentoring",
      noun: nouns("mentoring milestone due", "mentoring milestones due"),
    },
  );
  steps.group(
    coachingSessions.rows.map((s) => {
      const asCoach = s.coach_id === me;
      return {
        id: `coaching.session.${s.id}`,
        category: "session",
        mode: "coaching",
        title: asCoach
          ? `Coaching session with ${s.coachee_name}`
          : `Coaching session with ${s.coach_name ?? "your coach"}`,
        detail: asCoach ? null : "Review your actions before it starts.",
        href: `/coaching/engagements/${s.engagement_id}`,
        dueAt: s.scheduled_at,
      };
    }),
    coachingSessions.total,
    {
      id: "coaching.sessions",
      category: "session",
      mode: "coaching",
      href: "/coaching",
      noun: nouns("coaching session this week", "coaching sessions this week"),
    },
  );
  steps.group(
    ratings.rows.map((r) => ({
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
    })),
    ratings.total,
    {
      id: "coaching.ratings",
      category: "assessment",
      mode: "coaching",
      href: "/coaching/ratings",
      noun: nouns("rating to give", "ratings to give"),
    },
  );
  const mandatory = assignments.filter(({ state }) => state.status !== "completed");
  steps.group(
    mandatory.map(({ row, state }) => ({
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
    })),
    mandatory.length,
    {
      id: "training.mandatory",
      category: "mandatory",
      mode: "training",
      href: "/training",
      noun: nouns("mandatory course to complete", "mandatory courses to complete"),
    },
  );
  await trainingSteps(db, actor, now, weekEnd, steps);
  if (managesPrograms(actor)) {
    const late = (await overdueTotals(db, actor, now)).total;
    if (late > 0) {
      steps.add({
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
    steps.add({
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

  return {
    items: steps.items.sort(byUrgency),
    more: steps.more,
    hasActivity: active,
    suggestAdvisor: !active,
  };
}

/**
 * Seat offers, training sessions this week, assessments to pass and submissions to review. Only the cohorts
 * that can give one of these are loaded (see cohortIdsWithSteps), with the person's own rows.
 */
async function trainingSteps(db: Db, actor: Actor, now: Date, weekEnd: string, steps: Steps) {
  const me = actor.personId;
  const nowIso = now.toISOString();
  const { enrolled, taught } = await repo.cohortIdsWithSteps(db, actor.organizationId, me, nowIso, weekEnd);
  const ids = [...new Set([...enrolled, ...taught])];
  if (ids.length === 0) return;
  const [data, waiting] = await Promise.all([
    training.cohortsByIds(db, actor.organizationId, ids).then((cohorts) => loadCohorts(db, cohorts, me)),
    repo.submissionsWaiting(db, actor.organizationId, taught),
  ]);
  const offers: StepInput[] = [];
  const sessions: StepInput[] = [];
  const assessments: StepInput[] = [];
  const reviews: StepInput[] = [];
  for (const d of data) {
    const enrolment = d.enrolmentOf(me);
    const teaches = d.trainerIds.includes(me);
    if (enrolment?.status === "offered") {
      offers.push({
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
        sessions.push({
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
        assessments.push({
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
    const toReview = teaches ? (waiting.get(d.cohort.id) ?? 0) : 0;
    if (toReview > 0) {
      reviews.push({
        id: `training.reviews.${d.cohort.id}`,
        category: "review",
        mode: "training",
        title: `Review ${plural(toReview, "submission")} in ${d.cohort.name}`,
        detail: null,
        href: "/training/grading",
        dueAt: null,
        urgency: "this_week",
      });
    }
  }
  const group = (list: StepInput[], more: Parameters<Steps["group"]>[2]) =>
    steps.group(list, list.length, more);
  group(offers, {
    id: "training.offers",
    category: "offer",
    mode: "training",
    href: "/training",
    noun: nouns("seat offer", "seat offers"),
  });
  group(sessions, {
    id: "training.sessions",
    category: "session",
    mode: "training",
    href: "/training",
    noun: nouns("training session this week", "training sessions this week"),
  });
  group(assessments, {
    id: "training.assessments",
    category: "assessment",
    mode: "training",
    href: "/training",
    noun: nouns("assessment to pass", "assessments to pass"),
  });
  group(reviews, {
    id: "training.reviews",
    category: "review",
    mode: "training",
    href: "/training/grading",
    noun: nouns("cohort with submissions to review", "cohorts with submissions to review"),
  });
}
