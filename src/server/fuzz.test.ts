import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAREER_ANSWERS } from "./testing/advisor.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "./testing/factories.ts";
import { bodies, fuzzBodies, fuzzQuery, fuzzRuns, send } from "./testing/fuzz.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";

const BODY_RUNS = fuzzRuns(500);
const QUERY_RUNS = fuzzRuns(300);
const AUTH_RUNS = fuzzRuns(300);

let ctx: TestContext;
let asAdmin: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;
let ids: {
  person: string;
  program: string;
  manager: string;
  mentoring: string;
  mentor: string;
  relationship: string;
  goal: string;
  milestone: string;
  bulk: string;
  run: string;
  pair: string;
};

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  // A second admin, so that fuzzed role and status changes on the target never hit the last-admin rule only.
  await makePerson(ctx.db, org, { role: "org_admin" });
  const person = await makePerson(ctx.db, org, { department: "Sales", seniority: 2 });
  const manager = await makePerson(ctx.db, org);
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  anon = client(ctx.app);
  // The fuzzing admin is also the mentee of an active relationship, so relationship routes run to the end.
  await ctx.db.updateTable("person").set({ seniority: 1 }).where("id", "=", admin.id).execute();
  const mentor = await makePerson(ctx.db, org, { seniority: 5 });
  const asMentor = client(ctx.app, await signIn(ctx.app, mentor.email));
  const mentoring = await makeProgram(ctx.db, org, admin.id, { kind: "mentoring" });
  await asMentor.post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} });
  await asAdmin.post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} });
  const match = await asAdmin.post(`/api/programs/${mentoring}/mentoring/matches`, {
    mentorId: mentor.id,
    menteeId: admin.id,
  });
  const relationship: string = match.body.relationshipId;
  const agreement = { goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 };
  await asAdmin.put(`/api/mentoring/relationships/${relationship}/agreement`, agreement);
  await asAdmin.post(`/api/mentoring/relationships/${relationship}/agreement/sign`);
  await asMentor.post(`/api/mentoring/relationships/${relationship}/agreement/sign`);
  const goals = await asAdmin.post(`/api/mentoring/relationships/${relationship}/goals`, {
    title: "Goal",
    category: "career",
    milestones: [{ title: "Step" }],
  });
  const bulk = await makeProgram(ctx.db, org, admin.id, { kind: "mentoring" });
  await asAdmin.patch(`/api/programs/${bulk}/mentoring/settings`, { matchModes: ["admin", "bulk"] });
  const asPerson = client(ctx.app, await signIn(ctx.app, person.email));
  await asMentor.post(`/api/programs/${bulk}/enrolments`, { role: "mentor", answers: {} });
  await asPerson.post(`/api/programs/${bulk}/enrolments`, { role: "mentee", answers: {} });
  const run = await asAdmin.post(`/api/programs/${bulk}/mentoring/match-runs`, { mode: "optimal" });
  const runPairs = await asAdmin.get(`/api/programs/${bulk}/mentoring/match-runs/${run.body.id}/pairs`);
  ids = {
    bulk,
    run: run.body.id,
    pair: runPairs.body.items[0].id,
    person: person.id,
    manager: manager.id,
    program: await makeProgram(ctx.db, org, admin.id),
    mentoring,
    mentor: mentor.id,
    relationship,
    goal: goals.body.items[0].id,
    milestone: goals.body.items[0].milestones[0].id,
  };
});
afterAll(() => ctx.close());

const later = new Date(Date.now() + 10 * 86_400_000).toISOString();
const earlier = new Date(Date.now() - 86_400_000).toISOString();

const BODY_ROUTES: {
  method: string;
  path: string;
  base: () => Record<string, unknown>;
  anonymous?: boolean;
  /** Fewer bodies where each accepted one starts real work (a solve). */
  runs?: number;
}[] = [
  {
    method: "PATCH",
    path: "/api/me/profile",
    base: () => ({
      name: "A",
      title: "T",
      location: "L",
      timeZone: "Europe/Paris",
      languages: ["French"],
      skills: [{ name: "S", level: 3 }],
      interests: ["I"],
      careerGoals: "G",
    }),
  },
  {
    method: "PATCH",
    path: "/api/people/{person}",
    base: () => ({ department: "Sales", seniority: 2, managerId: ids.manager, timeZone: "UTC", name: "P" }),
  },
  { method: "PUT", path: "/api/people/{person}/role", base: () => ({ role: "member" }) },
  { method: "PUT", path: "/api/people/{person}/status", base: () => ({ status: "active" }) },
  {
    method: "POST",
    path: "/api/invitations",
    base: () => ({
      email: `f${Math.random()}@example.test`,
      name: "F",
      role: "member",
      managerId: ids.manager,
    }),
  },
  {
    method: "POST",
    path: "/api/invitations/accept",
    base: () => ({ token: "x".repeat(43), name: "N", password: "long-enough-password" }),
    anonymous: true,
  },
  { method: "PATCH", path: "/api/organization", base: () => ({ name: "Org" }) },
  {
    method: "POST",
    path: "/api/programs",
    base: () => ({
      kind: "coaching",
      name: "Prog",
      description: "D",
      status: "published",
      enrolmentOpensAt: earlier,
      enrolmentClosesAt: later,
      eligibility: { departments: ["Sales"], minSeniority: 1, maxSeniority: 3 },
      questionnaire: [{ id: "q", type: "scale", label: "Q", required: true, min: 1, max: 5 }],
    }),
  },
  {
    method: "PATCH",
    path: "/api/programs/{program}",
    base: () => ({ name: "Prog", enrolmentOpensAt: earlier, enrolmentClosesAt: later, status: "published" }),
  },
  {
    method: "POST",
    path: "/api/programs/{program}/enrolments",
    base: () => ({ role: "mentee", answers: { q: 1 } }),
  },
  {
    method: "PATCH",
    path: "/api/programs/{mentoring}/mentoring/settings",
    base: () => ({
      format: "group",
      matchModes: ["self", "admin"],
      mentorCapacity: 3,
      maxOpenRequests: 2,
      requestExpiryDays: 7,
      constraints: { notInReportingLine: true, maxTimeZoneGapHours: 6 },
      weights: { skills: 2, ranking: 0 },
    }),
  },
  {
    method: "PATCH",
    path: "/api/programs/{mentoring}/mentoring/me",
    base: () => ({ skillsWanted: [{ name: "Leadership", level: 3 }], ranking: [ids.mentor], avoid: [] }),
  },
  {
    method: "POST",
    path: "/api/programs/{bulk}/mentoring/match-runs",
    base: () => ({ mode: "stable" }),
    runs: 200,
  },
  {
    method: "POST",
    path: "/api/programs/{bulk}/mentoring/match-runs/{run}/pairs",
    base: () => ({ menteeId: ids.person, mentorId: ids.mentor }),
    runs: 500,
  },
  {
    method: "PATCH",
    path: "/api/programs/{bulk}/mentoring/match-runs/{run}/pairs/{pair}",
    base: () => ({ locked: true }),
    runs: 500,
  },
  {
    method: "POST",
    path: "/api/programs/{bulk}/mentoring/match-runs/{run}/swap",
    base: () => ({ pairIds: [ids.pair, ids.pair] }),
    runs: 500,
  },
  {
    method: "POST",
    path: "/api/programs/{mentoring}/mentoring/requests",
    base: () => ({ mentorId: ids.mentor, message: "Hello" }),
  },
  {
    method: "POST",
    path: "/api/programs/{mentoring}/mentoring/matches",
    base: () => ({ mentorId: ids.mentor, menteeId: ids.person, overrideReason: "Agreed with both of them" }),
  },
  {
    method: "PUT",
    path: "/api/mentoring/relationships/{relationship}/agreement",
    base: () => ({ goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 }),
  },
  { method: "POST", path: "/api/mentoring/relationships/{relationship}/extend", base: () => ({ months: 2 }) },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/meetings",
    base: () => ({ metOn: "2026-01-05", durationMinutes: 45, topics: ["T"], notes: "N" }),
  },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/journal",
    base: () => ({ text: "Entry" }),
  },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/goals",
    base: () => ({ title: "G", category: "skill", targetDate: "2027-01-01", milestones: [{ title: "M" }] }),
  },
  {
    method: "PATCH",
    path: "/api/mentoring/relationships/{relationship}/goals/{goal}",
    base: () => ({ title: "G2", status: "in_progress", targetDate: null }),
  },
  {
    method: "PATCH",
    path: "/api/mentoring/relationships/{relationship}/goals/{goal}/milestones/{milestone}",
    base: () => ({ done: true }),
  },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/checkins",
    base: () => ({ satisfaction: 4, learned: "L", wouldChange: "W" }),
  },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/introductions",
    base: () => ({ contactId: ids.person, note: "Meet" }),
  },
  {
    method: "POST",
    path: "/api/mentoring/relationships/{relationship}/reflection",
    base: () => ({ text: "Thanks", rating: 5 }),
  },
  {
    method: "POST",
    path: "/api/advisor/responses",
    runs: 300,
    base: () => ({
      personId: ids.person,
      answers: { ...CAREER_ANSWERS, curriculum: "exists" },
    }),
  },
];

const resolve = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => ids[key]);

const QUERY_ROUTES = [
  "/api/people",
  "/api/people/facets/department",
  "/api/people/facets/language",
  "/api/audit",
  "/api/programs",
  "/api/invitations/preview",
  `/api/programs/{program}/enrolments/me`,
  "/api/programs/{bulk}/mentoring/pair-score",
  "/api/advisor/responses",
  "/api/analytics/organization/programs",
  "/api/invitations",
  "/api/mentoring/requests",
  "/api/mentoring/relationships",
  "/api/programs/{bulk}/mentoring/participants",
  "/api/programs/{bulk}/mentoring/match-runs/{run}/pairs",
  "/api/programs/{bulk}/mentoring/match-runs/{run}/unmatched",
  "/api/coaching/engagements",
  "/api/training/assignments",
];

describe("fuzzed request bodies never cause a server error", () => {
  for (const route of BODY_ROUTES) {
    it(`${route.method} ${route.path}: ${route.runs ? fuzzRuns(route.runs) : BODY_RUNS} bodies`, async () => {
      await fuzzBodies(
        route.anonymous ? anon : asAdmin,
        route.method,
        resolve(route.path),
        route.base(),
        route.runs ? fuzzRuns(route.runs) : BODY_RUNS,
      );
    }, 240_000);
  }

  it(`query strings: ${QUERY_RUNS} per route`, async () => {
    for (const template of QUERY_ROUTES) {
      const path = resolve(template);
      await fuzzQuery(asAdmin, path.includes("/me") ? "DELETE" : "GET", path, QUERY_RUNS);
    }
  }, 240_000);

  it(`better-auth sign-in and reset bodies: ${AUTH_RUNS} each`, async () => {
    for (const [path, base] of [
      ["/api/auth/sign-in/email", { email: "nobody@example.test", password: "whatever-password" }],
      ["/api/auth/request-password-reset", { email: "nobody@example.test", redirectTo: "/reset-password" }],
      ["/api/auth/reset-password", { token: "not-a-token", newPassword: "long-enough-password" }],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(bodies(base), async (body) => {
          const res = await send(anon, "POST", path, body);
          expect(res.status, `${path} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: AUTH_RUNS },
      );
    }
  }, 240_000);
});
