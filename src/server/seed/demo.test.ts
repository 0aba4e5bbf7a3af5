import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCount } from "../db/plugins.ts";
import { client, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  expect(await seedDemo(ctx.db, ctx.masterKey)).toBe(true);
});
afterAll(() => ctx.close());

describe("demo organization", () => {
  it("loads once: 60 employees in 5 departments on 4 levels, with managers, and an external coach", async () => {
    expect(await seedDemo(ctx.db, ctx.masterKey)).toBe(false);
    const people = await ctx.db
      .selectFrom("person")
      .select(["department", "seniority", "manager_id"])
      .where("email", "like", "%@northwind.example")
      .execute();
    expect(people).toHaveLength(60);
    expect(new Set(people.map((p) => p.department)).size).toBe(5);
    expect(new Set(people.map((p) => p.seniority)).size).toBe(4);
    expect(people.filter((p) => p.manager_id).length).toBe(55);
  });

  it("has a sign-in for every role with the documented password, and one open program of each kind", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const as = client(ctx.app, await signIn(ctx.app, account.email, DEMO_PASSWORD));
      const me = await as.get("/api/me");
      expect(me.body.person.orgRole).toBe(account.role);
      expect(me.body.organization.name).toBe("Northwind Labs");
    }
    const member = DEMO_ACCOUNTS.find((a) => a.role === "member");
    const as = client(ctx.app, await signIn(ctx.app, member?.email ?? "", DEMO_PASSWORD));
    const programs = (await as.get("/api/programs")).body.items;
    expect(programs.map((p: { kind: string }) => p.kind).sort()).toEqual([
      "coaching",
      "mentoring",
      "training",
    ]);
    expect(programs.every((p: { enrolmentState: string }) => p.enrolmentState === "open")).toBe(true);
  });

  it("gives the demo member an active mentoring relationship whose confidential content decrypts", async () => {
    const member = DEMO_ACCOUNTS.find((a) => a.role === "member");
    const as = client(ctx.app, await signIn(ctx.app, member?.email ?? "", DEMO_PASSWORD));
    const rels = (await as.get("/api/mentoring/relationships")).body.items;
    expect(rels[0]).toMatchObject({ status: "active", mySide: "mentee" });
    const meetings = await as.get(`/api/mentoring/relationships/${rels[0].id}/meetings`);
    expect(meetings.body.items[0].notes).toMatch(/Mapped/);
    const goals = await as.get(`/api/mentoring/relationships/${rels[0].id}/goals`);
    expect(goals.body.items[0].progress).toBeCloseTo(1 / 3);
    const open = await ctx.db
      .selectFrom("mentoring_request")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("status", "=", "open")
      .executeTakeFirst();
    expect(toCount(open?.n as string | number)).toBe(1);
  });

  it("lets the program manager draft a bulk match for the mentees still waiting", async () => {
    const pm = DEMO_ACCOUNTS.find((a) => a.role === "program_manager");
    const as = client(ctx.app, await signIn(ctx.app, pm?.email ?? "", DEMO_PASSWORD));
    const programs = (await as.get("/api/programs")).body.items;
    const mentoring = programs.find((p: { kind: string }) => p.kind === "mentoring");
    const run = await as.post(`/api/programs/${mentoring.id}/mentoring/match-runs`, { mode: "optimal" });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status).toBe("draft");
    expect(run.body.pairs).toBeGreaterThan(2);
  });

  it("runs a coaching program: a pool with an external coach, the member's active engagement, and aggregates", async () => {
    const accounts = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.label ?? a.role, a.email]));
    const member = client(ctx.app, await signIn(ctx.app, accounts.member ?? "", DEMO_PASSWORD));
    const mine = (await member.get("/api/coaching/engagements")).body.items;
    expect(mine[0]).toMatchObject({ status: "active", viewer: "coachee" });
    const sessions = (await member.get(`/api/coaching/engagements/${mine[0].id}/sessions`)).body.items;
    expect(sessions.filter((s: { attendance: string }) => s.attendance === "held")).toHaveLength(2);
    expect(sessions[0].goal.text).toMatch(/hand over/);
    expect(sessions[0].reality).toBeNull();
    expect((await member.get("/api/coaching/actions?due=week")).body.items.length).toBeGreaterThan(0);
    const sponsor = client(ctx.app, await signIn(ctx.app, accounts.sponsor ?? "", DEMO_PASSWORD));
    const coaches = (await sponsor.get("/api/coaching/coaches")).body.items;
    expect(coaches.map((c: { kind: string }) => c.kind).sort()).toEqual([
      "external",
      "internal",
      "internal",
      "internal",
    ]);
    const insights = (await sponsor.get("/api/coaching/insights")).body;
    expect(insights).toMatchObject({ suppressed: false, engagements: 5 });
    const sponsored = (await sponsor.get("/api/coaching/engagements?as=sponsor")).body.items;
    expect(sponsored.map((e: { status: string }) => e.status).sort()).toEqual([
      "active",
      "active",
      "completed",
      "completed",
      "completed",
      "setup",
    ]);
  });

  it("runs a training cohort: a waitlist, attendance, two certified trainees and a practical to grade", async () => {
    const accounts = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.label ?? a.role, a.email]));
    const member = client(ctx.app, await signIn(ctx.app, accounts.member ?? "", DEMO_PASSWORD));
    const mine = (await member.get("/api/training/me")).body;
    expect(mine.cohorts[0]).toMatchObject({
      name: "Autumn cohort",
      enrolment: { status: "enrolled" },
      completed: false,
    });
    expect(mine.nextSession).not.toBeNull();
    expect(mine.assignments[0]).toMatchObject({ status: "due", course: { title: "Giving Feedback Well" } });
    const trainer = client(ctx.app, await signIn(ctx.app, accounts.trainer ?? "", DEMO_PASSWORD));
    const cohortId = mine.cohorts[0].id;
    const roster = (await trainer.get(`/api/training/cohorts/${cohortId}/roster`)).body;
    expect(roster.enrolled).toHaveLength(6);
    expect(roster.waitlist).toHaveLength(2);
    expect(roster.enrolled.filter((r: { completed: boolean }) => r.completed)).toHaveLength(2);
    expect((await trainer.get("/api/training/grading-queue/submissions")).body.items).toHaveLength(1);
    expect((await trainer.get("/api/training/grading-queue/practicals")).body.items.length).toBeGreaterThan(
      0,
    );
    const certificateId = roster.enrolled.find(
      (r: { certificateId: string | null }) => r.certificateId,
    ).certificateId;
    expect((await client(ctx.app).get(`/api/credentials/${certificateId}/verification`)).body.verified).toBe(
      true,
    );
  });
});
