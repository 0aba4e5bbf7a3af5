import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERFORMANCE_ANSWERS } from "../../testing/advisor.ts";
import { activeEngagement, addCoach, daysAgo, heldBody, scheduleAt } from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, publishedCourse } from "../../testing/training.ts";
import { urgencyOf } from "./home.service.ts";

type Client = ReturnType<typeof client>;
let ctx: TestContext;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

const steps = async (who: Client) => {
  const res = await who.get("/api/me/next-steps");
  expect(res.status).toBe(200);
  return res.body as {
    items: {
      id: string;
      category: string;
      mode: string | null;
      title: string;
      href: string;
      urgency: string;
    }[];
    more: { id: string; count: number; title: string; href: string | null }[];
    suggestAdvisor: boolean;
  };
};

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const people = {
    admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    pm: await makePerson(ctx.db, org, { role: "program_manager" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    newcomer: await makePerson(ctx.db, org),
    mentor: await makePerson(ctx.db, org, { seniority: 5 }),
    mentee: await makePerson(ctx.db, org, { seniority: 2 }),
    coach: await makePerson(ctx.db, org),
    coachee: await makePerson(ctx.db, org),
    trainer: await makePerson(ctx.db, org),
  };
  for (const [name, p] of Object.entries(people)) {
    ids[name] = p.id;
    as[name] = client(ctx.app, await signIn(ctx.app, p.email));
  }
  const c = as as Record<keyof typeof people, Client>;
  const mentoring = await makeProgram(ctx.db, org, people.pm.id, { kind: "mentoring" });
  await c.mentor.post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} });
  await c.mentee.post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} });
  const request = await c.mentee.post(`/api/programs/${mentoring}/mentoring/requests`, {
    mentorId: people.mentor.id,
    message: "Would you mentor me?",
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  ids.request = request.body.id;

  await addCoach(c.pm, people.coach.id);
  const coaching = await makeProgram(ctx.db, org, people.pm.id, { kind: "coaching" });
  const parties = {
    manager: c.pm,
    sponsor: c.sponsor,
    coach: c.coach,
    coachee: c.coachee,
    coachId: people.coach.id,
    coacheeId: people.coachee.id,
  };
  const { id: engagementId } = await activeEngagement(parties, coaching);
  ids.engagement = engagementId;
  const first = await scheduleAt(c.coach, engagementId, 3);
  const held = await c.coach.post(
    `/api/coaching/engagements/${engagementId}/sessions/${first}/record`,
    heldBody({
      actions: [
        { text: "Hand the planning to Sam", dueDate: daysAgo(-2).slice(0, 10) },
        { text: "Far future action", dueDate: daysAgo(-40).slice(0, 10) },
      ],
    }),
  );
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  await scheduleAt(c.coach, engagementId, -2);
  const setup = await c.sponsor.post(`/api/programs/${coaching}/coaching/engagements`, {
    coacheeId: people.newcomer.id,
    coachId: people.coach.id,
  });
  expect(setup.status).toBe(201);
  ids.setup = setup.body.id;

  const training = await makeProgram(ctx.db, org, people.pm.id, { kind: "training" });
  const course = await publishedCourse(c.pm);
  const cohort = await openCohort(c.pm, training, course.courseId, [people.trainer.id]);
  ids.cohort = cohort;
  ids.quiz = course.quizId;
  await c.pm.post(`/api/training/cohorts/${cohort}/enrolments`, { personId: people.coachee.id });
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const session = await c.pm.post(`/api/training/cohorts/${cohort}/sessions`, {
    kind: "workshop",
    title: "Role-play clinic",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
    location: "Room 4",
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const assignment = await c.pm.post("/api/training/assignments", {
    courseId: course.courseId,
    dueAt: daysAgo(-3),
    target: { kind: "people", personIds: [people.coachee.id] },
  });
  expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);
  for (const table of ["training_assignment", "training_assignee"] as const) {
    await ctx.db
      .updateTable(table)
      .set({ due_at: daysAgo(2) })
      .where(table === "training_assignment" ? "id" : "assignment_id", "=", assignment.body.id)
      .execute();
  }
});
afterAll(() => ctx.close());

describe("next steps on the home page", () => {
  it("nudges someone with no development activity to the advisor, and shows them the objectives to agree once assigned", async () => {
    const fresh = await makePerson(
      ctx.db,
      (
        await ctx.db
          .selectFrom("person")
          .select("organization_id")
          .where("id", "=", ids.newcomer ?? "")
          .executeTakeFirstOrThrow()
      ).organization_id,
    );
    const alone = client(ctx.app, await signIn(ctx.app, fresh.email));
    expect(await steps(alone)).toEqual({ items: [], more: [], hasActivity: false, suggestAdvisor: true });
    const newcomer = await steps(as.newcomer as Client);
    expect(newcomer.suggestAdvisor).toBe(false);
    expect(newcomer.items).toEqual([
      expect.objectContaining({
        id: `coaching.objectives.${ids.setup}`,
        category: "agreement",
        title: "Agree the objectives of your coaching",
      }),
    ]);
  });

  it("asks the mentor to answer the request, and the mentee gets the agreement once accepted", async () => {
    const mentor = await steps(as.mentor as Client);
    expect(mentor.items).toContainEqual(
      expect.objectContaining({
        category: "request",
        href: "/mentoring/requests",
        title: "Answer 1 mentoring request",
      }),
    );
    const accepted = await (as.mentor as Client).post(`/api/mentoring/requests/${ids.request}/accept`);
    expect(accepted.status).toBe(200);
    const mentee = await steps(as.mentee as Client);
    expect(mentee.items).toContainEqual(
      expect.objectContaining({
        category: "agreement",
        href: `/mentoring/relationships/${accepted.body.relationshipId}`,
        title: expect.stringMatching(/^Write your mentoring agreement with /),
      }),
    );
    expect((await steps(as.mentor as Client)).items.some((i) => i.category === "request")).toBe(false);
  });

  it("gives the coachee their actions due, sessions this week, assessments due and overdue mandatory training, most pressing first", async () => {
    const { items, suggestAdvisor } = await steps(as.coachee as Client);
    expect(suggestAdvisor).toBe(false);
    const titles = items.map((i) => i.title);
    expect(titles).toContain("Hand the planning to Sam");
    expect(titles).not.toContain("Far future action");
    expect(items).toContainEqual(
      expect.objectContaining({ category: "session", mode: "coaching", urgency: "this_week" }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        category: "session",
        mode: "training",
        title: expect.stringContaining("Role-play clinic"),
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        category: "assessment",
        href: `/training/cohorts/${ids.cohort}/quiz/${ids.quiz}`,
      }),
    );
    expect(items[0]).toMatchObject({ category: "mandatory", urgency: "overdue" });
    const order = ["overdue", "today", "this_week", "later"];
    const ranks = items.map((i) => order.indexOf(i.urgency));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("shows the coach and trainer their side, and program managers the people overdue", async () => {
    const coach = await steps(as.coach as Client);
    expect(coach.items).toContainEqual(
      expect.objectContaining({
        category: "session",
        title: expect.stringMatching(/^Coaching session with /),
      }),
    );
    expect(coach.items.map((i) => i.title)).not.toContain("Hand the planning to Sam");
    const trainer = await steps(as.trainer as Client);
    expect(trainer.items).toContainEqual(
      expect.objectContaining({ category: "session", detail: "You are teaching" }),
    );
    for (const who of [as.pm, as.admin] as Client[]) {
      expect((await steps(who)).items).toContainEqual(
        expect.objectContaining({
          id: "training.overdue",
          title: "1 person is overdue on mandatory training",
        }),
      );
    }
    expect((await steps(as.sponsor as Client)).items.some((i) => i.id === "training.overdue")).toBe(false);
  });

  it("tells a person when their manager took the advisor for them", async () => {
    const org = (
      await ctx.db
        .selectFrom("person")
        .select("organization_id")
        .where("id", "=", ids.mentee ?? "")
        .executeTakeFirstOrThrow()
    ).organization_id;
    const boss = await makePerson(ctx.db, org);
    const report = await makePerson(ctx.db, org, { managerId: boss.id });
    const asBoss = client(ctx.app, await signIn(ctx.app, boss.email));
    const advice = await asBoss.post("/api/advisor/responses", {
      personId: report.id,
      answers: PERFORMANCE_ANSWERS,
    });
    expect(advice.status).toBe(201);
    const mine = await steps(client(ctx.app, await signIn(ctx.app, report.email)));
    expect(mine.items).toEqual([
      expect.objectContaining({
        category: "advice",
        href: `/advisor/${advice.body.id}`,
        title: expect.stringContaining("suggested coaching"),
      }),
    ]);
    expect(mine.suggestAdvisor).toBe(true);
  });

  it("lists at most five steps of a group, the most pressing, and counts the rest with a link to them all", async () => {
    const existing = await ctx.db
      .selectFrom("coaching_action")
      .selectAll()
      .where("owner_id", "=", ids.coachee ?? "")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const extra = Array.from({ length: 8 }, (_, i) => ({
      ...existing,
      id: crypto.randomUUID(),
      text: `Extra action ${i}`,
      due_date: daysAgo(10 - i).slice(0, 10),
      created_at: now,
      updated_at: now,
    }));
    await ctx.db.insertInto("coaching_action").values(extra).execute();
    try {
      const { items, more } = await steps(as.coachee as Client);
      const actions = items.filter((i) => i.id.startsWith("coaching.action."));
      expect(actions.map((a) => a.title)).toEqual([0, 1, 2, 3, 4].map((i) => `Extra action ${i}`));
      expect(actions.every((a) => a.urgency === "overdue")).toBe(true);
      expect(more).toEqual([
        {
          id: "coaching.actions",
          category: "action",
          mode: "coaching",
          count: 4,
          title: "4 more coaching actions due",
          href: "/coaching",
        },
      ]);
    } finally {
      await ctx.db
        .deleteFrom("coaching_action")
        .where(
          "id",
          "in",
          extra.map((a) => a.id),
        )
        .execute();
    }
    expect((await steps(as.coachee as Client)).more).toEqual([]);
  });

  it("ranks due dates by urgency", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(urgencyOf("2026-03-09", now)).toBe("overdue");
    expect(urgencyOf("2026-03-10", now)).toBe("today");
    expect(urgencyOf("2026-03-10T08:00:00Z", now)).toBe("overdue");
    expect(urgencyOf("2026-03-16T08:00:00Z", now)).toBe("this_week");
    expect(urgencyOf("2026-03-30", now)).toBe("later");
    expect(urgencyOf(null, now)).toBe("later");
  });
});
