import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeEngagement,
  addCoach,
  dateDaysAgo,
  growNote,
  heldBody,
  scheduleAt,
} from "../../src/server/testing/coaching.ts";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { openCohort, PASSING, publishedCourse } from "../../src/server/testing/training.ts";
import { apiOf, type E2E, type Session, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const region = (page: Page, name: string) => page.getByRole("region", { name });

describe("development record", () => {
  it("the person, their manager and an org admin each see what the privacy rules allow", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Records");
    const people = {
      admin: await makePerson(db, org, { role: "org_admin", name: "Ada Admin" }),
      pm: await makePerson(db, org, { role: "program_manager", name: "Pat Owner" }),
      sponsor: await makePerson(db, org, { role: "sponsor", name: "Sana Sponsor" }),
      boss: await makePerson(db, org, { name: "Bo Boss", seniority: 5 }),
      mentor: await makePerson(db, org, { name: "Mo Mentor", seniority: 6 }),
      coach: await makePerson(db, org, { name: "Cy Coach", department: "People" }),
      trainer: await makePerson(db, org, { name: "Tess Trainer" }),
      peer: await makePerson(db, org, { name: "Pia Peer" }),
    };
    const riley = await makePerson(db, org, {
      name: "Riley Record",
      title: "Analyst",
      department: "Finance",
      seniority: 2,
      managerId: people.boss.id,
      careerGoals: "Lead a small team",
    });
    const sessions: Record<string, Session> = {};
    for (const [key, p] of Object.entries({ ...people, riley }))
      sessions[key] = await signedInSession(e2e, p.email);
    const as = (key: string) => apiOf(sessions[key] as Session);
    const ok = (res: { status: number; body: unknown }) =>
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const tag = Date.now().toString(36);
    const journal = `Journal entry ${tag}`;
    const goalTitle = `Lead the budget review ${tag}`;
    const actionText = `Delegate the Monday plan ${tag}`;

    // Mentoring: an active relationship with a goal, a milestone and a journal entry.
    const mentoring = await makeProgram(db, org, people.pm.id, {
      kind: "mentoring",
      name: "Finance mentoring",
    });
    ok(await as("mentor").post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} }));
    ok(await as("riley").post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} }));
    const request = await as("riley").post(`/api/programs/${mentoring}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: "Would you mentor me?",
    });
    const rel: string = (await as("mentor").post(`/api/mentoring/requests/${request.body.id}/accept`)).body
      .relationshipId;
    ok(
      await as("riley").put(`/api/mentoring/relationships/${rel}/agreement`, {
        goals: "Grow into a lead",
        cadence: "Monthly",
        channel: "Call",
        confidentiality: "Between us",
        durationMonths: 6,
      }),
    );
    ok(await as("riley").post(`/api/mentoring/relationships/${rel}/agreement/sign`));
    ok(await as("mentor").post(`/api/mentoring/relationships/${rel}/agreement/sign`));
    ok(await as("riley").post(`/api/mentoring/relationships/${rel}/journal`, { text: journal }));
    ok(
      await as("riley").post(`/api/mentoring/relationships/${rel}/goals`, {
        title: goalTitle,
        category: "career",
        milestones: [{ title: "Shadow the review", dueDate: dateDaysAgo(-14) }],
      }),
    );

    // Coaching: an active engagement with one held session, an action and metric values.
    await addCoach(as("pm"), people.coach.id);
    const coachingProgram = await makeProgram(db, org, people.pm.id, {
      kind: "coaching",
      name: "Lead coaching",
    });
    const engagement = await activeEngagement(
      {
        manager: as("pm"),
        sponsor: as("sponsor"),
        coach: as("coach"),
        coachee: as("riley"),
        coachId: people.coach.id,
        coacheeId: riley.id,
      },
      coachingProgram,
    );
    const session = await scheduleAt(as("coach"), engagement.id, 3);
    ok(
      await as("coach").post(
        `/api/coaching/engagements/${engagement.id}/sessions/${session}/record`,
        heldBody({
          reality: growNote(`Private reality ${tag}`, "coach_private"),
          actions: [{ text: actionText, dueDate: dateDaysAgo(-7) }],
          metricValues: [{ objectiveId: engagement.objectiveIds[0], value: 6 }],
        }),
      ),
    );

    // Training: a completed course with its certificate.
    const trainingProgram = await makeProgram(db, org, people.pm.id, { kind: "training" });
    const course = await publishedCourse(as("pm"));
    const cohortId = await openCohort(as("pm"), trainingProgram, course.courseId, [people.trainer.id]);
    ok(await as("pm").post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: riley.id }));
    ok(await as("riley").post(`/api/training/cohorts/${cohortId}/lessons/${course.lessonId}/complete`));
    const sub = await as("riley").post(
      `/api/training/cohorts/${cohortId}/lessons/${course.activityLessonId}/submissions`,
      { kind: "text", body: "Three goal questions" },
    );
    ok(await as("trainer").post(`/api/training/submissions/${sub.body.id}/review`, { decision: "accepted" }));
    const attempt = await as("riley").post(
      `/api/training/cohorts/${cohortId}/assessments/${course.quizId}/attempts`,
    );
    ok(await as("riley").post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING }));
    const graded = await as("trainer").put(
      `/api/training/cohorts/${cohortId}/assessments/${course.practicalId}/grades/${riley.id}`,
      { levels: { questions: "good", listening: "good" } },
    );
    ok(graded);
    expect(graded.body.certificateId).toBeTypeOf("string");

    // --- The person: everything, with the downloads.
    const self = (sessions.riley as Session).page;
    await visit(self, "/record", "Riley Record");
    await self.getByText("Your goals, relationships, engagements").waitFor();
    const goals = region(self, "Goals");
    await goals.getByText(goalTitle).waitFor();
    const objective = goals.getByRole("progressbar", { name: "Hours a week spent on planning (hours)" });
    expect(await objective.getAttribute("aria-valuenow")).toBe("50");
    expect(await goals.textContent()).toContain("Active listening");
    expect(
      await region(self, "Mentoring").getByRole("table", { name: "Mentoring relationships" }).textContent(),
    ).toMatch(/Mo Mentor.*Mentee.*Finance mentoring.*Active/);
    const coaching = region(self, "Coaching");
    await coaching.getByRole("link", { name: "Coaching with Cy Coach" }).waitFor();
    expect(await coaching.textContent()).toContain("1 of 6 sessions held");
    const training = region(self, "Training");
    expect(await training.getByRole("table", { name: "Courses and cohorts" }).textContent()).toMatch(
      /Coaching skills for managers.*Completed/,
    );
    expect(await training.getByRole("table", { name: "Certificates" }).textContent()).toContain("Valid");
    const actions = region(self, "Open actions");
    expect(await actions.textContent()).toContain(actionText);
    expect(await actions.textContent()).toContain("Shadow the review");
    const timeline = region(self, "Timeline");
    expect(await timeline.textContent()).toContain("Coaching session held");
    expect(await timeline.textContent()).toContain("Certificate issued: Coaching skills for managers");
    expect(await self.locator("main").textContent()).not.toContain(journal);
    expect(await self.locator("main").textContent()).not.toContain(`Private reality ${tag}`);
    for (const [name, type, extension] of [
      ["Download PDF", "application/pdf", "pdf"],
      ["Download JSON", "application/json", "json"],
    ] as const) {
      const href = (await self.getByRole("link", { name }).getAttribute("href")) ?? "";
      const res = await (sessions.riley as Session).context.request.get(href);
      expect(res.status(), name).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
      expect(res.headers()["content-disposition"]).toMatch(
        new RegExp(
          `^attachment; filename="development-record-riley-record-\\d{4}-\\d{2}-\\d{2}\\.${extension}"$`,
        ),
      );
      const body = await res.body();
      if (extension === "pdf") expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      else expect(JSON.parse(body.toString("utf8")).person.name).toBe("Riley Record");
      expect(body.toString("latin1")).not.toContain(journal);
    }
    await expectAccessible(self, "development record (self)");

    // --- The manager: reaches it from the person page; relationships and training, no goals or action text.
    const boss = (sessions.boss as Session).page;
    await visit(boss, `/people/${riley.id}`, "Riley Record");
    await boss.getByRole("link", { name: "Development record", exact: true }).click();
    await boss.waitForURL(`**/people/${riley.id}/record`);
    await boss.getByRole("heading", { level: 1, name: "Riley Record" }).waitFor();
    await boss.getByText("You are viewing this as their manager").waitFor();
    const left = region(boss, "What this record leaves out");
    expect(await left.textContent()).toContain("private to the mentoring pair");
    expect(await left.textContent()).toContain("Coaching objectives are shared");
    expect(await region(boss, "Mentoring").textContent()).toContain("Mo Mentor");
    expect(await region(boss, "Training").textContent()).toContain("Coaching skills for managers");
    expect(await region(boss, "Coaching").textContent()).toContain(
      "Objectives are shared with the coachee, the coach, the sponsor and program staff.",
    );
    expect(await region(boss, "Open actions").textContent()).toContain("1 open coaching action.");
    const bossText = (await boss.locator("main").textContent()) ?? "";
    for (const hidden of [
      goalTitle,
      actionText,
      "Shadow the review",
      "Delegate the weekly planning",
      journal,
      "Lead a small team",
    ])
      expect(bossText, hidden).not.toContain(hidden);
    expect(await boss.getByRole("link", { name: "Download PDF" }).count()).toBe(0);
    await expectAccessible(boss, "development record (manager)");

    // --- An org admin: the coaching objectives too, never the pair's or the coach's content.
    const admin = (sessions.admin as Session).page;
    await visit(admin, `/people/${riley.id}/record`, "Riley Record");
    await admin.getByText("You are viewing this as an org admin").waitFor();
    const adminGoals = region(admin, "Goals");
    await adminGoals.getByText("Delegate the weekly planning").waitFor();
    expect(
      await adminGoals
        .getByRole("progressbar", { name: "Feedback conversations a month (count)" })
        .getAttribute("aria-valuenow"),
    ).toBe("0");
    expect(
      await region(admin, "Coaching")
        .getByRole("list", { name: /^Objectives of/ })
        .count(),
    ).toBe(1);
    const adminText = (await admin.locator("main").textContent()) ?? "";
    for (const hidden of [goalTitle, actionText, journal]) expect(adminText, hidden).not.toContain(hidden);
    await expectAccessible(admin, "development record (admin)");

    // --- A peer: no link on the person page, and their own empty record says what to do next.
    const peer = (sessions.peer as Session).page;
    const answered = peer.waitForResponse((r) => r.url().endsWith(`/api/people/${riley.id}/record`));
    await visit(peer, `/people/${riley.id}`, "Riley Record");
    expect((await answered).status()).toBe(404);
    expect(await peer.getByRole("link", { name: "Development record", exact: true }).count()).toBe(0);
    await visit(peer, "/record", "Pia Peer");
    await peer.getByText("No development activity yet").waitFor();
    await peer.getByRole("link", { name: "Take the development advisor" }).waitFor();
    await expectAccessible(peer, "development record (empty)");
  });
});
