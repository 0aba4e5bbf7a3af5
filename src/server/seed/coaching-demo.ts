import { addMonths } from "../../domain/mentoring/lifecycle.ts";
import type { Db } from "../db/kysely.ts";
import type { ActionOutcome } from "../db/schema.ts";
import { encryptText, newDataKey, wrapKey } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { addDays, nowIso } from "../lib/time.ts";
import * as repo from "../modules/coaching/coaching.repository.ts";
import { insertPerson } from "./builders.ts";

interface Objective {
  title: string;
  theme: string;
  metricName: string;
  metricUnit: string;
  baseline: number;
  target: number;
  /** One value per held session. */
  values: number[];
}

interface Spec {
  coacheeId: string;
  coachId: string;
  startDaysAgo: number;
  held: number;
  completed?: boolean;
  nextSessionInDays?: number;
  objectives: Objective[];
}

const OBJECTIVE_SETS: Objective[][] = [
  [
    {
      title: "Delegate the sprint planning",
      theme: "delegation",
      metricName: "Hours a week on planning",
      metricUnit: "hours",
      baseline: 8,
      target: 2,
      values: [7, 5, 4, 3, 2],
    },
    {
      title: "Run weekly one-to-ones that people value",
      theme: "feedback",
      metricName: "Team rating of one-to-ones",
      metricUnit: "score 1–10",
      baseline: 5,
      target: 8,
      values: [5, 6, 6, 7, 8],
    },
  ],
  [
    {
      title: "Speak up in leadership meetings",
      theme: "communication",
      metricName: "Proposals brought to the leadership meeting a month",
      metricUnit: "count",
      baseline: 0,
      target: 3,
      values: [1, 1, 2, 3],
    },
  ],
  [
    {
      title: "Handle disagreements in the open",
      theme: "conflict",
      metricName: "Escalations to my manager a month",
      metricUnit: "count",
      baseline: 6,
      target: 1,
      values: [5, 4, 2],
    },
    {
      title: "Keep two focus blocks a week",
      theme: "time_management",
      metricName: "Focus blocks kept a week",
      metricUnit: "count",
      baseline: 0,
      target: 2,
      values: [1, 2, 2],
    },
  ],
  [
    {
      title: "Agree priorities with stakeholders each quarter",
      theme: "stakeholder_management",
      metricName: "Stakeholders who signed off the plan",
      metricUnit: "%",
      baseline: 20,
      target: 90,
      values: [40, 60, 70, 85, 90, 90],
    },
  ],
  [
    {
      title: "Delegate client reporting",
      theme: "delegation",
      metricName: "Reports I write myself a month",
      metricUnit: "count",
      baseline: 10,
      target: 3,
      values: [9, 7],
    },
  ],
];

const GROW = [
  {
    goal: "Leave today with one task to hand over this week.",
    reality: "Still writing every plan alone; the team waits for it.",
    options: "Pair with the senior engineer; a planning template; rotating the facilitator.",
    will: "Hand the next planning session to the senior engineer.",
    summary: "A focused session on what to delegate first.",
  },
  {
    goal: "Review the hand-over and plan the next step.",
    reality: "The hand-over went well; checking in too often.",
    options: "Fixed check-in slot; trust the template; ask the team for feedback.",
    will: "Keep to one check-in a week and ask two people for feedback.",
    summary: "Good progress; the next step is stepping back further.",
  },
];

/**
 * The demo coaching program: a coach pool (three internal coaches and one external), five engagements whose
 * objectives were agreed (enough for the program's aggregates to show), one of them the demo member's, and
 * one waiting for its coachee to choose after chemistry calls.
 */
export async function seedCoachingDemo(
  db: Db,
  masterKey: Buffer,
  organizationId: string,
  programId: string,
  ids: { sponsorId: string; managerId: string; memberId: string; passwordHash: string },
): Promise<void> {
  const now = nowIso();
  const today = now.slice(0, 10);
  const people = await db
    .selectFrom("person")
    .select(["id", "department", "seniority", "manager_id"])
    .where("organization_id", "=", organizationId)
    .where("org_role", "=", "member")
    .orderBy("name")
    .execute();
  const member = people.find((p) => p.id === ids.memberId);
  const leads = people.filter((p) => p.seniority === 3);
  const coaches = [0, 1, 2].flatMap((k) => {
    const lead = leads.find((l, i) => i % 3 === k && l.department !== member?.department);
    return lead ? [lead.id] : [];
  });
  const external = await insertPerson(db, {
    organizationId,
    name: "Dana Whitfield",
    email: "dana.whitfield@coaching-partners.example",
    role: "member",
    title: "Executive coach (external)",
    department: null,
    seniority: null,
    managerId: null,
    location: "London",
    timeZone: "Europe/London",
    languages: ["English", "German"],
    skills: [],
    interests: ["Leadership"],
    careerGoals: null,
    passwordHash: ids.passwordHash,
  });
  const specialties = [
    ["Delegation", "First-time management"],
    ["Communication", "Executive presence"],
    ["Conflict", "Stakeholder management"],
  ];
  for (const [k, personId] of [...coaches, external].entries()) {
    await repo.saveCoach(
      db,
      {
        id: newId(),
        organization_id: organizationId,
        person_id: personId,
        kind: personId === external ? "external" : "internal",
        specialties: JSON.stringify(
          personId === external ? ["Leadership transitions", "Resilience"] : (specialties[k] ?? []),
        ),
        languages: JSON.stringify(personId === external ? ["English", "German"] : ["English"]),
        capacity: personId === external ? 4 : 3,
        bio:
          personId === external
            ? "Fifteen years coaching first-time and senior leaders; ICF PCC."
            : "Internal coach, trained in GROW.",
        active: 1,
        created_at: now,
        updated_at: now,
      },
      false,
    );
  }
  const pool = [...coaches, external];
  const coachFor = (k: number) => pool[k % pool.length] ?? external;

  const outsideLine = (p: { id: string; manager_id: string | null }, coach: string) =>
    p.manager_id !== coach && p.id !== coach && !pool.includes(p.id);
  const candidates = people.filter((p) => p.seniority === 2 && p.id !== ids.memberId);
  const specs: Spec[] = [];
  if (member) {
    specs.push({
      coacheeId: member.id,
      coachId: coachFor(0),
      startDaysAgo: 35,
      held: 2,
      nextSessionInDays: 4,
      objectives: OBJECTIVE_SETS[0] ?? [],
    });
  }
  const shapes = [
    { startDaysAgo: 120, held: 4, completed: true },
    { startDaysAgo: 100, held: 3, completed: true },
    { startDaysAgo: 80, held: 6, completed: true },
    { startDaysAgo: 20, held: 2, nextSessionInDays: 6 },
  ];
  for (const [k, shape] of shapes.entries()) {
    const coachId = coachFor(k + 1);
    const coachee = candidates.filter((p) => outsideLine(p, coachId))[k * 2];
    if (!coachee) continue;
    specs.push({ ...shape, coacheeId: coachee.id, coachId, objectives: OBJECTIVE_SETS[k + 1] ?? [] });
  }

  for (const spec of specs) {
    const id = newId();
    const key = newDataKey();
    const seal = (text: string) => encryptText(key, text, id);
    const start = addDays(now, -spec.startDaysAgo).slice(0, 10);
    const sessionDay = (n: number) => addDays(`${start}T09:30:00.000Z`, 5 + n * 12);
    const closed = spec.completed ? sessionDay(spec.held - 1) : null;
    await repo.insertEngagement(db, {
      id,
      organization_id: organizationId,
      program_id: programId,
      coachee_id: spec.coacheeId,
      coach_id: spec.coachId,
      sponsor_id: ids.sponsorId,
      assigned_by: ids.sponsorId,
      proposed_coach_ids: "[]",
      status: spec.completed ? "completed" : "active",
      session_budget: 6,
      start_date: start,
      end_date: addMonths(start, 3) < today && !spec.completed ? addMonths(today, 1) : addMonths(start, 3),
      focus: "Stepping into a first management role",
      wrapped_key: wrapKey(masterKey, key, id),
      objectives_agreed_at: addDays(`${start}T08:00:00.000Z`, 2),
      closed_at: closed,
      close_reason: null,
      created_at: `${start}T08:00:00.000Z`,
      updated_at: now,
    });
    const objectiveRows = spec.objectives.map((o, position) => ({
      id: newId(),
      organization_id: organizationId,
      engagement_id: id,
      position,
      title: o.title,
      theme: o.theme,
      metric_name: o.metricName,
      metric_unit: o.metricUnit,
      baseline: o.baseline,
      target: o.target,
      created_at: `${start}T08:00:00.000Z`,
    }));
    await repo.replaceObjectives(db, id, objectiveRows);
    for (const [party, personId] of [
      ["coachee", spec.coacheeId],
      ["coach", spec.coachId],
      ["sponsor", ids.sponsorId],
    ] as const) {
      await repo.insertAgreement(db, {
        id: newId(),
        organization_id: organizationId,
        engagement_id: id,
        party,
        person_id: personId,
        agreed_at: addDays(`${start}T08:00:00.000Z`, 2),
      });
    }
    const rate = (v: number) => JSON.stringify(Object.fromEntries(objectiveRows.map((o) => [o.id, v])));
    await repo.insertAssessment(db, {
      id: newId(),
      organization_id: organizationId,
      engagement_id: id,
      phase: "pre",
      rater_id: spec.coacheeId,
      rater_kind: "self",
      ratings: rate(4),
      comment: null,
      invited_by: null,
      submitted_at: addDays(`${start}T10:00:00.000Z`, 3),
      created_at: addDays(`${start}T10:00:00.000Z`, 3),
    });

    let previousActions: string[] = [];
    for (let n = 0; n < spec.held; n++) {
      const sessionId = newId();
      const at = sessionDay(n);
      const grow = GROW[Math.min(n, GROW.length - 1)] ?? GROW[0];
      if (!grow) continue;
      await repo.insertSession(db, {
        id: sessionId,
        organization_id: organizationId,
        engagement_id: id,
        scheduled_at: at,
        duration_minutes: 60,
        attendance: "held",
        rescheduled_to: null,
        goal: seal(grow.goal),
        reality: seal(grow.reality),
        options: seal(grow.options),
        will: seal(grow.will),
        visibility: JSON.stringify({
          goal: "shared_with_coachee",
          reality: "coach_private",
          options: "shared_with_coachee",
          will: "shared_with_coachee",
        }),
        private_notes: seal("Energy was higher than last time; watch for over-checking."),
        sponsor_summary: grow.summary,
        recorded_at: at,
        created_at: at,
      });
      for (const [k, actionId] of previousActions.entries()) {
        const outcome: ActionOutcome = k === 0 ? "done" : "partly_done";
        await repo.updateAction(db, actionId, {
          review_outcome: outcome,
          review_comment: outcome === "done" ? "Done and it worked." : "Started; finishing this week.",
          reviewed_in_session_id: sessionId,
          status: outcome === "done" ? "done" : "open",
          updated_at: at,
        });
      }
      const lastSession = n === spec.held - 1;
      const actionRows = ["Hand over one recurring task", "Ask two people for feedback"].map((text, k) => ({
        id: newId(),
        organization_id: organizationId,
        engagement_id: id,
        session_id: sessionId,
        owner_id: spec.coacheeId,
        text,
        due_date:
          lastSession && !spec.completed
            ? addDays(now, 2 + k * 3).slice(0, 10)
            : addDays(at, 10).slice(0, 10),
        status: "open" as const,
        review_outcome: null,
        review_comment: null,
        reviewed_in_session_id: null,
        created_at: at,
        updated_at: at,
      }));
      if (!(lastSession && spec.completed)) {
        await repo.insertActions(db, actionRows);
        previousActions = actionRows.map((a) => a.id);
      }
      await repo.insertMetricValues(
        db,
        spec.objectives.flatMap((o, k) => {
          const objective = objectiveRows[k];
          const value = o.values[Math.min(n, o.values.length - 1)];
          return objective && value !== undefined
            ? [
                {
                  id: newId(),
                  organization_id: organizationId,
                  engagement_id: id,
                  objective_id: objective.id,
                  session_id: sessionId,
                  value,
                  recorded_on: at.slice(0, 10),
                  recorded_by: spec.coachId,
                  created_at: at,
                },
              ]
            : [];
        }),
      );
    }
    if (spec.nextSessionInDays !== undefined) {
      const at = addDays(`${today}T14:00:00.000Z`, spec.nextSessionInDays);
      await repo.insertSession(db, repo.scheduledSession(organizationId, id, at, 60, now));
    }
    if (spec.completed && closed) {
      await repo.insertAssessment(db, {
        id: newId(),
        organization_id: organizationId,
        engagement_id: id,
        phase: "post",
        rater_id: spec.coacheeId,
        rater_kind: "self",
        ratings: rate(8),
        comment: null,
        invited_by: null,
        submitted_at: closed,
        created_at: closed,
      });
    }
  }

  const chemistryCoachee = candidates.filter((p) => pool.every((c) => outsideLine(p, c)))[9];
  if (chemistryCoachee) {
    const id = newId();
    await repo.insertEngagement(db, {
      id,
      organization_id: organizationId,
      program_id: programId,
      coachee_id: chemistryCoachee.id,
      coach_id: null,
      sponsor_id: ids.sponsorId,
      assigned_by: ids.managerId,
      proposed_coach_ids: JSON.stringify(pool.slice(0, 3)),
      status: "setup",
      session_budget: 6,
      start_date: today,
      end_date: addMonths(today, 3),
      focus: "Leading a team through a reorganization",
      wrapped_key: wrapKey(masterKey, newDataKey(), id),
      objectives_agreed_at: null,
      closed_at: null,
      close_reason: null,
      created_at: now,
      updated_at: now,
    });
  }
}
