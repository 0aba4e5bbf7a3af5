import { expect } from "vitest";
import type { client } from "./factories.ts";

type Client = ReturnType<typeof client>;

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
export const dateDaysAgo = (n: number) => daysAgo(n).slice(0, 10);

export const OBJECTIVES = [
  {
    title: "Delegate the weekly planning",
    theme: "delegation",
    metricName: "Hours a week spent on planning",
    metricUnit: "hours",
    baseline: 10,
    target: 2,
  },
  {
    title: "Give feedback every week",
    theme: "feedback",
    metricName: "Feedback conversations a month",
    metricUnit: "count",
    baseline: 1,
    target: 8,
  },
];

export interface CoachingParties {
  manager: Client;
  sponsor: Client;
  coach: Client;
  coachee: Client;
  coachId: string;
  coacheeId: string;
}

/** Puts the coach in the pool (as a program manager or admin). */
export async function addCoach(manager: Client, personId: string, capacity = 5) {
  const res = await manager.put(`/api/coaching/coaches/${personId}`, {
    kind: "internal",
    specialties: ["Delegation", "Feedback"],
    languages: ["English"],
    capacity,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/**
 * A sponsor assigns the coach, the three agree the objectives and, unless `pre` is false, the coachee
 * takes the pre-assessment: the engagement is then ready for its first session.
 */
export async function activeEngagement(
  p: CoachingParties,
  programId: string,
  options: { sessionBudget?: number; pre?: boolean; startDaysAgo?: number } = {},
) {
  const created = await p.sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
    coacheeId: p.coacheeId,
    coachId: p.coachId,
    startDate: dateDaysAgo(options.startDaysAgo ?? 30),
    ...(options.sessionBudget ? { sessionBudget: options.sessionBudget } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  const objectives = await p.coach.put(`/api/coaching/engagements/${id}/objectives`, {
    objectives: OBJECTIVES,
  });
  expect(objectives.status, JSON.stringify(objectives.body)).toBe(200);
  for (const who of [p.coachee, p.coach, p.sponsor]) {
    const agreed = await who.post(`/api/coaching/engagements/${id}/objectives/agree`);
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
  }
  const objectiveIds: string[] = objectives.body.items.map((o: { id: string }) => o.id);
  if (options.pre !== false) {
    const pre = await p.coachee.put(`/api/coaching/engagements/${id}/assessments/pre/self`, {
      ratings: objectiveIds.map((objectiveId) => ({ objectiveId, rating: 3 })),
    });
    expect(pre.status, JSON.stringify(pre.body)).toBe(200);
  }
  return { id, objectiveIds };
}

export const growNote = (text: string, visibility = "shared_with_coachee") => ({ text, visibility });

export function heldBody(extra: Record<string, unknown> = {}) {
  return {
    attendance: "held",
    goal: growNote("Goal text"),
    reality: growNote("Reality text"),
    options: growNote("Options text"),
    will: growNote("Will text"),
    ...extra,
  };
}

/** Schedules a session `daysBack` days ago and returns its id. */
export async function scheduleAt(coach: Client, id: string, daysBack: number) {
  const scheduledAt = daysAgo(daysBack);
  const res = await coach.post(`/api/coaching/engagements/${id}/sessions`, {
    scheduledAt,
    durationMinutes: 60,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items.find((s: { scheduledAt: string }) => s.scheduledAt === scheduledAt).id as string;
}
