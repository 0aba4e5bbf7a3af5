import { addMonths } from "../../src/domain/mentoring/lifecycle.ts";
import type { EngagementStatus } from "../../src/server/db/schema.ts";
import { scheduledSession } from "../../src/server/modules/coaching/coaching.repository.ts";
import { apportion, type Context, dateOf, daysBetween, plusDays, scaled } from "./context.ts";
import type { People, Person } from "./people.ts";
import type { Program, Programs } from "./programs.ts";
import { sealWith, wrapWith } from "./random.ts";
import { ACTIONS, COACHING_FOCUS, GROW, OBJECTIVES } from "./vocabulary.ts";

export interface Engagement {
  id: string;
  program: Program;
  coachee: Person;
  coach: Person | null;
  proposed: Person[];
  sponsor: Person;
  assignedBy: Person;
  status: EngagementStatus;
  startDate: string;
  endDate: string;
  /** Held (or missed) sessions, then at most one scheduled. */
  held: number;
  scheduled: number;
}

export interface CoachingPlan {
  coaches: Person[];
  engagements: Engagement[];
  memberEngagement: Engagement;
}

const SPECIALTIES = [
  "Delegation",
  "First-time management",
  "Communication",
  "Executive presence",
  "Conflict",
  "Stakeholder management",
  "Resilience",
  "Career transitions",
];

/**
 * 3,000 engagements (scaled) over the coaching programs, each three months long, with 15,000 sessions
 * (scaled) in all: completed engagements held 4–6, active ones a session a fortnight so far plus the next one.
 */
export function planCoaching(ctx: Context, people: People, programs: Programs): CoachingPlan {
  const { random, ids } = ctx;
  const { accounts } = people;
  const today = dateOf(ctx, 0);
  const internal = random
    .sample(
      people.all.filter(
        (p) =>
          p.department !== null && (p.seniority ?? 0) >= 4 && p !== accounts.coach && p !== accounts.member,
      ),
      scaled(ctx, 300, 3),
    )
    .filter((p) => !Object.values(accounts).includes(p));
  const coaches = [accounts.coach, ...internal, ...people.externalCoaches];
  const coachees = people.all.filter(
    (p) =>
      p.department !== null &&
      (p.seniority ?? 0) >= 2 &&
      (p.seniority ?? 0) <= 4 &&
      !coaches.includes(p) &&
      p !== accounts.member,
  );
  const total = scaled(ctx, 3_000, 2);
  const shares = apportion(
    ctx,
    total - 1,
    programs.coaching.map(() => 0.5 + random.next()),
  );
  const engagements: Engagement[] = [];
  const make = (program: Program, coachee: Person, forced?: { coach: Person; startDaysAgo: number }) => {
    const age = Math.max(2, daysBetween(program.startsAt, ctx.now.toISOString()));
    const start = dateOf(ctx, forced ? -forced.startDaysAgo : -age + random.int(Math.min(60, age - 1)));
    const end = addMonths(start, 3);
    let status: EngagementStatus;
    if (forced) status = "active";
    else if (end < today) status = random.chance(0.9) ? "completed" : "cancelled";
    else status = random.chance(0.12) ? "setup" : "active";
    let coach: Person | null = forced?.coach ?? null;
    let proposed: Person[] = [];
    if (!coach) {
      for (let attempt = 0; attempt < 20 && !coach; attempt++) {
        const c = random.pick(coaches);
        if (c !== coachee && c.id !== coachee.managerId) coach = c;
      }
    }
    if (status === "setup" && random.chance(0.3)) {
      proposed = random.sample(coaches, 3).filter((c) => c !== coachee);
      coach = null;
    }
    const sponsor = forced || random.chance(0.15) ? accounts.sponsor : random.pick(people.sponsors);
    const sinceStart = daysBetween(`${start}T09:30:00.000Z`, ctx.now.toISOString());
    const held =
      status === "completed"
        ? random.between(4, 6)
        : status === "cancelled"
          ? random.between(1, 3)
          : status === "active"
            ? forced
              ? 2
              : Math.max(1, Math.min(5, Math.floor((sinceStart - 5) / 14) + 1))
            : 0;
    const engagement: Engagement = {
      id: ids.next(),
      program,
      coachee,
      coach,
      proposed,
      sponsor,
      assignedBy: random.chance(0.5) ? sponsor : program.owner,
      status,
      startDate: start,
      endDate: end,
      held,
      scheduled: status === "active" ? 1 : 0,
    };
    engagements.push(engagement);
    return engagement;
  };

  const first = programs.coaching[0] as Program;
  const memberEngagement = make(first, accounts.member, { coach: accounts.coach, startDaysAgo: 35 });
  programs.coaching.forEach((program, i) => {
    const taken = new Set<string>(program === first ? [accounts.member.id] : []);
    for (let k = 0; k < (shares[i] ?? 0); k++) {
      let coachee = random.pick(coachees);
      while (taken.has(coachee.id)) coachee = random.pick(coachees);
      taken.add(coachee.id);
      make(program, coachee);
    }
  });

  const target = scaled(ctx, 15_000, 10);
  let sessions = engagements.reduce((a, e) => a + e.held + e.scheduled, 0);
  const adjustable = engagements.filter(
    (e) => e !== memberEngagement && (e.status === "completed" || e.status === "active"),
  );
  const canAdd = (e: Engagement) =>
    e.held < 8 &&
    (e.status === "completed" ||
      daysBetween(`${e.startDate}T09:30:00.000Z`, ctx.now.toISOString()) > 5 + (e.held + 1) * 3);
  for (let guard = 0; sessions !== target && adjustable.length > 0 && guard < target * 10; guard++) {
    const e = random.pick(adjustable);
    if (sessions < target && canAdd(e)) {
      e.held++;
      sessions++;
    } else if (sessions > target && e.held > 1) {
      e.held--;
      sessions--;
    }
  }
  return { coaches, engagements, memberEngagement };
}

export async function writeCoaching(ctx: Context, people: People, plan: CoachingPlan) {
  const { writer, random, ids, organizationId } = ctx;
  const now = ctx.now.toISOString();
  const sessions = plan.engagements.reduce((a, e) => a + e.held + e.scheduled, 0);
  const external = new Set(people.externalCoaches.map((p) => p.id));

  await ctx.progress.phase("coaching", plan.engagements.length + sessions, (bar) =>
    ctx.writer.transaction(async () => {
      const created = plusDays(now, -760);
      for (const c of plan.coaches) {
        const isExternal = external.has(c.id);
        await writer.add("coach_profile", {
          id: ids.next(),
          organization_id: organizationId,
          person_id: c.id,
          kind: isExternal ? "external" : "internal",
          specialties: JSON.stringify(random.sample(SPECIALTIES, 2)),
          languages: JSON.stringify(c.languages),
          capacity: isExternal ? 12 : 6,
          bio: isExternal
            ? "Fifteen years coaching first-time and senior leaders; ICF PCC."
            : "Internal coach, trained in GROW.",
          active: 1,
          created_at: created,
          updated_at: created,
        });
      }
      const enrolled = new Set<string>();
      for (const e of plan.engagements) {
        const key = `${e.program.id}:${e.coachee.id}`;
        if (enrolled.has(key)) continue;
        enrolled.add(key);
        const at = plusDays(`${e.startDate}T08:00:00.000Z`, -random.between(5, 20));
        await writer.add("enrolment", {
          id: ids.next(),
          organization_id: organizationId,
          program_id: e.program.id,
          person_id: e.coachee.id,
          role: "coachee",
          answers: JSON.stringify({ objective: "Delegate more and lead with confidence." }),
          status: "active",
          created_at: at,
          updated_at: at,
        });
      }

      for (const e of plan.engagements) {
        const key = random.bytes(32);
        const seal = (text: string) => sealWith(random, key, text, e.id);
        const createdAt = `${e.startDate}T08:00:00.000Z`;
        const agreed = e.status !== "setup";
        const agreedAt = plusDays(createdAt, 2);
        const lastDay = e.endDate < now.slice(0, 10) ? `${e.endDate}T17:00:00.000Z` : plusDays(now, -1);
        const span = Math.max(1, daysBetween(plusDays(`${e.startDate}T09:30:00.000Z`, 5), lastDay));
        const sessionAt = (n: number) =>
          plusDays(`${e.startDate}T09:30:00.000Z`, 5 + Math.floor((span * n) / Math.max(1, e.held)));
        const closedAt =
          e.status === "completed" || e.status === "cancelled" ? plusDays(sessionAt(e.held - 1), 1) : null;
        await writer.add("coaching_engagement", {
          id: e.id,
          organization_id: organizationId,
          program_id: e.program.id,
          coachee_id: e.coachee.id,
          coach_id: e.coach?.id ?? null,
          sponsor_id: e.sponsor.id,
          assigned_by: e.assignedBy.id,
          proposed_coach_ids: JSON.stringify(e.proposed.map((p) => p.id)),
          status: e.status,
          session_budget: Math.max(6, e.held + e.scheduled),
          start_date: e.startDate,
          end_date: e.endDate,
          focus: random.pick(COACHING_FOCUS),
          wrapped_key: wrapWith(random, ctx.masterKey, key, e.id),
          objectives_agreed_at: agreed ? agreedAt : null,
          closed_at: closedAt,
          close_reason: e.status === "cancelled" ? "The coachee changed roles." : null,
          created_at: createdAt,
          updated_at: closedAt ?? createdAt,
        });

        const objectives = random.sample(OBJECTIVES, agreed ? random.between(1, 3) : random.between(0, 2));
        const objectiveIds = objectives.map(() => ids.next());
        for (const [position, o] of objectives.entries()) {
          await writer.add("coaching_objective", {
            id: objectiveIds[position] as string,
            organization_id: organizationId,
            engagement_id: e.id,
            position,
            title: o.title,
            theme: o.theme,
            metric_name: o.metricName,
            metric_unit: o.metricUnit,
            baseline: o.baseline,
            target: o.target,
            created_at: createdAt,
          });
        }
        if (agreed && e.coach) {
          for (const [party, person] of [
            ["coachee", e.coachee],
            ["coach", e.coach],
            ["sponsor", e.sponsor],
          ] as const) {
            await writer.add("coaching_objective_agreement", {
              id: ids.next(),
              organization_id: organizationId,
              engagement_id: e.id,
              party,
              person_id: person.id,
              agreed_at: agreedAt,
            });
          }
          const ratings = (v: number) =>
            JSON.stringify(
              Object.fromEntries(objectiveIds.map((id) => [id, Math.min(10, v + random.int(2))])),
            );
          await writer.add("coaching_assessment", {
            id: ids.next(),
            organization_id: organizationId,
            engagement_id: e.id,
            phase: "pre",
            rater_id: e.coachee.id,
            rater_kind: "self",
            ratings: ratings(3),
            comment: null,
            invited_by: null,
            submitted_at: plusDays(agreedAt, 1),
            created_at: plusDays(agreedAt, 1),
          });
          if (e.status === "completed" && closedAt) {
            await writer.add("coaching_assessment", {
              id: ids.next(),
              organization_id: organizationId,
              engagement_id: e.id,
              phase: "post",
              rater_id: e.coachee.id,
              rater_kind: "self",
              ratings: ratings(7),
              comment: null,
              invited_by: null,
              submitted_at: closedAt,
              created_at: closedAt,
            });
          }
        }

        /** The actions of the latest held session, reviewed at the next one. */
        let pending: string[] = [];
        let pendingSession = "";
        let pendingAt = "";
        const pendingText = new Map<string, string>();
        const coachId = e.coach?.id ?? e.sponsor.id;
        for (let n = 0; n < e.held; n++) {
          const sessionId = ids.next();
          const when = sessionAt(n);
          const missed = random.chance(0.04) && n > 0;
          const grow = random.pick(GROW);
          await writer.add("coaching_session", {
            id: sessionId,
            organization_id: organizationId,
            engagement_id: e.id,
            scheduled_at: when,
            duration_minutes: 60,
            attendance: missed ? "no_show" : "held",
            rescheduled_to: null,
            goal: missed ? null : seal(grow.goal),
            reality: missed ? null : seal(grow.reality),
            options: missed ? null : seal(grow.options),
            will: missed ? null : seal(grow.will),
            visibility: missed
              ? "{}"
              : JSON.stringify({
                  goal: "shared_with_coachee",
                  reality: "coach_private",
                  options: "shared_with_coachee",
                  will: "shared_with_coachee",
                }),
            private_notes: missed ? null : seal("Energy was higher than last time; watch for over-checking."),
            sponsor_summary: missed ? null : grow.summary,
            recorded_at: missed ? null : plusDays(when, 0.1),
            created_at: when,
          });
          bar.tick();
          if (missed) continue;
          for (const actionId of pending) {
            const outcome = random.pick(["done", "done", "partly_done", "not_done"] as const);
            await writer.add("coaching_action", {
              id: actionId,
              organization_id: organizationId,
              engagement_id: e.id,
              session_id: pendingSession,
              owner_id: e.coachee.id,
              text: pendingText.get(actionId) ?? "Practise the new habit",
              due_date: plusDays(pendingAt, 10).slice(0, 10),
              status: outcome === "done" ? "done" : "open",
              review_outcome: outcome,
              review_comment: outcome === "done" ? "Done and it worked." : "Started; finishing this week.",
              reviewed_in_session_id: sessionId,
              created_at: pendingAt,
              updated_at: when,
            });
          }
          pending = [];
          const last = n === e.held - 1;
          if (last && (e.status === "completed" || e.status === "cancelled")) continue;
          pendingSession = sessionId;
          pendingAt = when;
          pendingText.clear();
          for (const text of random.sample(ACTIONS, 2)) {
            const id = ids.next();
            pending.push(id);
            pendingText.set(id, text);
          }
        }
        for (const [k, actionId] of pending.entries()) {
          await writer.add("coaching_action", {
            id: actionId,
            organization_id: organizationId,
            engagement_id: e.id,
            session_id: pendingSession,
            owner_id: e.coachee.id,
            text: pendingText.get(actionId) ?? "Practise the new habit",
            due_date: plusDays(now, 2 + k * 3).slice(0, 10),
            status: "open",
            review_outcome: null,
            review_comment: null,
            reviewed_in_session_id: null,
            created_at: pendingAt,
            updated_at: pendingAt,
          });
        }
        for (let n = 0; n < e.scheduled; n++) {
          const when = `${plusDays(now, e === plan.memberEngagement ? 4 : random.between(1, 13)).slice(0, 10)}T14:00:00.000Z`;
          await writer.add("coaching_session", {
            ...scheduledSession(organizationId, e.id, when, 60, pendingAt || createdAt),
            id: ids.next(),
          });
          bar.tick();
        }
        if (agreed && e.coach) {
          for (const [k, o] of objectives.entries()) {
            for (let n = 0; n < e.held; n++) {
              const progress = (n + 1) / Math.max(1, e.held);
              const value = o.baseline + (o.target - o.baseline) * progress * (0.6 + random.next() * 0.5);
              await writer.add("coaching_metric_value", {
                id: ids.next(),
                organization_id: organizationId,
                engagement_id: e.id,
                objective_id: objectiveIds[k] as string,
                session_id: null,
                value: Math.round(value * 10) / 10,
                recorded_on: sessionAt(n).slice(0, 10),
                recorded_by: coachId,
                created_at: sessionAt(n),
              });
            }
          }
        }
        bar.tick();
      }
    }),
  );
}
