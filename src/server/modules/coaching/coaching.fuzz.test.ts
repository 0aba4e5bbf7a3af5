import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeEngagement,
  addCoach,
  daysAgo,
  heldBody,
  OBJECTIVES,
  scheduleAt,
} from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { type FuzzRoute, fillPath, fuzzEachRoute, fuzzRuns } from "../../testing/fuzz.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

const BODY_RUNS = fuzzRuns(300);
const QUERY_RUNS = fuzzRuns(200);

type Client = ReturnType<typeof client>;
type Role = "manager" | "sponsor" | "coach" | "coachee" | "rater";

let ctx: TestContext;
const as = new Map<Role, Client>();
let ids: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const people = {
    manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    coach: await makePerson(ctx.db, org),
    coachee: await makePerson(ctx.db, org),
    rater: await makePerson(ctx.db, org),
  };
  for (const [role, p] of Object.entries(people))
    as.set(role as Role, client(ctx.app, await signIn(ctx.app, p.email)));
  const get = (role: Role) => as.get(role) as Client;
  await addCoach(get("manager"), people.coach.id, 30);
  const program = await makeProgram(ctx.db, org, people.manager.id, { kind: "coaching" });
  const parties = {
    manager: get("manager"),
    sponsor: get("sponsor"),
    coach: get("coach"),
    coachee: get("coachee"),
    coachId: people.coach.id,
    coacheeId: people.coachee.id,
  };
  const { id, objectiveIds } = await activeEngagement(parties, program, { sessionBudget: 50 });
  const first = await scheduleAt(get("coach"), id, 20);
  const held = await get("coach").post(
    `/api/coaching/engagements/${id}/sessions/${first}/record`,
    heldBody({ actions: [{ text: "Practise", dueDate: daysAgo(-5).slice(0, 10) }] }),
  );
  await get("coachee").post(`/api/coaching/engagements/${id}/assessments/pre/stakeholders`, {
    personIds: [people.rater.id],
  });
  const setupProgram = await makeProgram(ctx.db, org, people.manager.id, { kind: "coaching" });
  const second = await makePerson(ctx.db, org);
  await addCoach(get("manager"), second.id, 30);
  const setup = await get("sponsor").post(`/api/programs/${setupProgram}/coaching/engagements`, {
    coacheeId: people.coachee.id,
    proposedCoachIds: [people.coach.id, second.id],
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  ids = {
    program,
    engagement: id,
    objective: objectiveIds[0] ?? "",
    objective2: objectiveIds[1] ?? "",
    session: await scheduleAt(get("coach"), id, 10),
    action: held.body.items[0].actions[0].id,
    coach: people.coach.id,
    coachee: people.coachee.id,
    rater: people.rater.id,
    sponsor: people.sponsor.id,
    setup: setup.body.id,
  };
});
afterAll(() => ctx.close());

const ROUTES: FuzzRoute<Role>[] = [
  {
    role: "manager",
    method: "PUT",
    path: "/api/coaching/coaches/{coach}",
    base: () => ({
      kind: "external",
      specialties: ["Feedback"],
      languages: ["English"],
      capacity: 30,
      bio: "B",
      active: true,
    }),
  },
  {
    role: "sponsor",
    method: "POST",
    path: "/api/programs/{program}/coaching/engagements",
    base: () => ({
      coacheeId: ids.rater,
      coachId: ids.coach,
      sessionBudget: 4,
      startDate: daysAgo(1).slice(0, 10),
      endDate: daysAgo(-60).slice(0, 10),
      focus: "Feedback",
    }),
  },
  {
    role: "sponsor",
    method: "POST",
    path: "/api/coaching/engagements/{engagement}/amendments",
    base: () => ({ addSessions: 1, newEndDate: daysAgo(-120).slice(0, 10), reason: "More" }),
  },
  {
    role: "coachee",
    method: "PUT",
    path: "/api/coaching/engagements/{setup}/objectives",
    base: () => ({ objectives: OBJECTIVES }),
  },
  {
    role: "coachee",
    method: "POST",
    path: "/api/coaching/engagements/{setup}/choose-coach",
    base: () => ({ coachId: ids.coach }),
  },
  {
    role: "coachee",
    method: "POST",
    path: "/api/coaching/engagements/{engagement}/objectives/{objective}/values",
    base: () => ({ value: 5, recordedOn: daysAgo(1).slice(0, 10) }),
  },
  {
    role: "coach",
    method: "POST",
    path: "/api/coaching/engagements/{engagement}/sessions",
    base: () => ({ scheduledAt: daysAgo(-7), durationMinutes: 60 }),
  },
  {
    role: "coach",
    method: "POST",
    path: "/api/coaching/engagements/{engagement}/sessions/{session}/record",
    base: () =>
      heldBody({
        reviews: [{ actionId: ids.action, outcome: "partly_done", comment: "C" }],
        actions: [{ text: "Next", dueDate: daysAgo(-3).slice(0, 10), ownerId: ids.coachee }],
        metricValues: [{ objectiveId: ids.objective, value: 6 }],
        privateNotes: "P",
        sponsorSummary: "One sentence.",
      }),
  },
  {
    role: "coachee",
    method: "PATCH",
    path: "/api/coaching/engagements/{engagement}/actions/{action}",
    base: () => ({ status: "done" }),
  },
  {
    role: "coachee",
    method: "PUT",
    path: "/api/coaching/engagements/{engagement}/assessments/post/self",
    base: () => ({
      ratings: [
        { objectiveId: ids.objective, rating: 7 },
        { objectiveId: ids.objective2, rating: 7 },
      ],
      comment: "C",
    }),
  },
  {
    role: "coachee",
    method: "POST",
    path: "/api/coaching/engagements/{engagement}/assessments/post/stakeholders",
    base: () => ({ personIds: [ids.rater] }),
  },
  {
    role: "rater",
    method: "PUT",
    path: "/api/coaching/engagements/{engagement}/assessments/pre/stakeholder",
    base: () => ({
      ratings: [
        { objectiveId: ids.objective, rating: 4 },
        { objectiveId: ids.objective2, rating: 4 },
      ],
    }),
  },
];

const resolve = (template: string) => fillPath(template, ids);

describe("fuzzed coaching bodies never cause a server error", () => {
  fuzzEachRoute(
    ROUTES,
    (role) => as.get(role) as Client,
    () => ids,
    BODY_RUNS,
  );

  it(`query strings: ${QUERY_RUNS} per route`, async () => {
    const pairs = fc.array(
      fc.tuple(
        fc.constantFrom("as", "status", "due", "programId", "department", "coacheeId", "focus"),
        fc.oneof(fc.string(), fc.uuid(), fc.constantFrom("coach", "week", "active", ids.coachee ?? "")),
      ),
      { maxLength: 4 },
    );
    for (const [role, template] of [
      ["coachee", "/api/coaching/engagements"],
      ["coachee", "/api/coaching/actions"],
      ["sponsor", "/api/coaching/insights"],
      ["sponsor", "/api/programs/{program}/coaching/shortlist"],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(pairs, async (kv) => {
          const path = `${resolve(template)}?${new URLSearchParams(kv).toString()}`;
          const res = await (as.get(role) as Client).get(path);
          expect(res.status, path).toBeLessThan(500);
        }),
        { numRuns: QUERY_RUNS },
      );
    }
  }, 240_000);
});
