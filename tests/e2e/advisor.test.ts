import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { callApi, type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Picks an option of a question, found by its wording (the legend also says "Question n of 8"). */
async function answer(page: Page, question: string, option: string) {
  await page
    .getByRole("group", { name: new RegExp(question.replace(/[?.()]/g, "\\$&")) })
    .getByLabel(option, { exact: true })
    .check();
}

const MENTORING_ANSWERS: [string, string][] = [
  ["Over what time do you want to see a difference?", "Over a year or more"],
  ["What is the need about?", "My career direction or long-term growth"],
  ["Is there a course that teaches this skill?", "No, nothing formal exists"],
  ["Do you want to learn from someone who has been there before?", "Yes, that matters most"],
  ["Does the improvement need to be quick and measurable?", "No, it can unfold over time"],
  ["Are you in a leadership transition or on a challenging project?", "Neither"],
  ["Are you exploring your identity, goals or values?", "Yes"],
  ["Is this required for the role", "No"],
];

describe("development advisor", () => {
  it("a member is advised mentoring with the seed's words and enrols; a mandatory skill with a course puts training first; a manager takes it for a report, who sees it in their history", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Advisor");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pia Manager" });
    const trainer = await makePerson(db, org, { name: "Tess Trainer" });
    const ana = await makePerson(db, org, { name: "Ana Manager", department: "Engineering", seniority: 5 });
    const bo = await makePerson(db, org, {
      name: "Bo Member",
      department: "Engineering",
      seniority: 2,
      managerId: ana.id,
    });
    const mentoringId = await makeProgram(db, org, pm.id, {
      kind: "mentoring",
      name: "Career mentoring",
      questionnaire: [
        {
          id: "hopes",
          type: "short_text",
          label: "What do you hope to get from a mentor?",
          required: true,
          maxLength: 500,
        },
      ],
    });
    const coachingId = await makeProgram(db, org, pm.id, { kind: "coaching", name: "Coaching for leads" });
    const courseProgramId = await makeProgram(db, org, pm.id, {
      kind: "training",
      name: "Facilitation skills",
    });
    await makeProgram(db, org, pm.id, { kind: "training", name: "A general training" });
    // Ten more training programs: the advice brings 10 of a kind, the rest come with "Show more".
    for (let i = 1; i <= 10; i++) {
      await makeProgram(db, org, pm.id, { kind: "training", name: `Training ${String(i).padStart(2, "0")}` });
    }

    // A published course with an open cohort in "Facilitation skills".
    const manager = await signedInSession(e2e, pm.email);
    let course = await callApi(manager, "POST", "/api/training/courses", {
      title: "Workshop facilitation",
      summary: "Plan and run a workshop where everyone takes part.",
      competencies: ["Facilitation"],
      minAttendancePct: 50,
      validityMonths: 24,
    });
    course = await callApi(manager, "POST", `/api/training/courses/${course.id}/modules`, {
      title: "Foundations",
    });
    await callApi(manager, "POST", `/api/training/modules/${course.modules[0].id}/lessons`, {
      title: "Planning a workshop",
      content: "Start from the goal.",
    });
    await callApi(manager, "PATCH", `/api/training/courses/${course.id}`, { status: "published" });
    await callApi(manager, "POST", `/api/programs/${courseProgramId}/training/cohorts`, {
      courseId: course.id,
      name: "Spring cohort",
      startDate: day(7),
      endDate: day(40),
      seats: 10,
      timeZone: "UTC",
      trainerIds: [trainer.id],
    });

    // --- (1) Bo takes the advisor for himself.
    const member = await signedInSession(e2e, bo.email);
    const page = member.page;
    await visit(page, "/advisor", "Development advisor");
    await page.getByRole("heading", { name: "Your needs" }).waitFor();
    await page.getByText("No advice yet").waitFor();
    await page.getByText("0 of 8 questions answered").waitFor();
    expect(await page.getByLabel("For", { exact: true }).count()).toBe(0);
    await expectAccessible(page, "advisor form");

    // Every question needs an answer: the summary links to each open question.
    const [first, second] = MENTORING_ANSWERS;
    if (!first || !second) throw new Error("answers");
    await answer(page, first[0], first[1]);
    await page.getByRole("button", { name: "Get my advice" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Answer every question" });
    await summary.waitFor();
    expect(await summary.getByRole("link").count()).toBe(7);
    await expectAccessible(page, "advisor form with errors");
    await summary.getByRole("link", { name: second[0] }).click();
    expect(
      await page
        .getByLabel("A specific skill I lack", { exact: true })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);

    for (const [q, a] of MENTORING_ANSWERS.slice(1)) await answer(page, q, a);
    await page.getByText("8 of 8 questions answered").waitFor();
    await page.getByRole("button", { name: "Get my advice" }).click();
    await page.waitForURL((url) => /^\/advisor\/[\w-]+$/.test(url.pathname));
    const headline = page.getByRole("heading", { level: 1, name: "We recommend mentoring" });
    await headline.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    await page.getByText("Strong fit").first().waitFor();
    const fit = page.getByRole("meter", { name: "Fit of mentoring" }).first();
    expect(Number(await fit.getAttribute("aria-valuenow"))).toBeGreaterThan(50);
    const quote = page.locator("figure", {
      has: page.locator("blockquote", {
        hasText: "You're looking for career guidance or long-term personal growth.",
      }),
    });
    expect(await quote.first().locator("figcaption").textContent()).toContain(
      "Seed 003 — Use mentoring when",
    );
    await page.getByRole("heading", { name: "Against mentoring" }).waitFor();
    await page.getByRole("heading", { name: "What each mode is" }).waitFor();
    await expectAccessible(page, "advisor result");

    // Only mentoring is indicated, so only mentoring programs are offered. The program asks an intake question.
    await page.getByRole("heading", { level: 3, name: "Mentoring programs" }).waitFor();
    expect(await page.getByRole("heading", { name: "Coaching programs" }).count()).toBe(0);
    await page.getByRole("button", { name: "Enrol as mentee in Career mentoring" }).click();
    const intake = page.getByRole("form", { name: "Enrol" });
    await intake
      .getByLabel(/What do you hope to get from a mentor/)
      .fill("Guidance on becoming a staff engineer.");
    await expectAccessible(page, "advisor result with the intake questions");
    await intake.getByRole("button", { name: "Enrol as mentee" }).click();
    await expectToast(page, "You are enrolled in Career mentoring as mentee.");
    await page.getByText("You are enrolled as mentee.").waitFor();
    const enrolled = await callApi(member, "GET", `/api/programs/${mentoringId}`);
    expect(enrolled.me.enrolledAs).toEqual(["mentee"]);
    const roster = await callApi(manager, "GET", `/api/programs/${mentoringId}/enrolments`);
    expect(
      roster.items.map((e: { person: { name: string }; role: string; answers: Record<string, string> }) => [
        e.person.name,
        e.role,
        e.answers.hopes,
      ]),
    ).toEqual([["Bo Member", "mentee", "Guidance on becoming a staff engineer."]]);
    await page.reload();
    await page.getByText("You are enrolled as mentee.").waitFor();

    // --- (2) A mandatory skill that a course teaches: training first, the program with the course first.
    await visit(page, "/advisor", "Development advisor");
    const history = page.getByRole("region", { name: "Your earlier advice" });
    await history.getByText("Taken by you").waitFor();
    expect(await history.getByRole("listitem").count()).toBe(1);
    await answer(page, "Over what time do you want to see a difference?", "Within a few weeks");
    await answer(page, "What is the need about?", "A specific skill I lack");
    await answer(page, "Is there a course that teaches this skill?", "Yes, there is a course");
    // The course is searched on the server, from a labelled search box.
    const coursePicker = page.getByRole("group", { name: "Which course? (optional)" });
    await coursePicker.getByText("No course chosen").waitFor();
    await coursePicker.getByLabel("Search the courses").fill("facilitation");
    await coursePicker.getByRole("button", { name: "Choose Workshop facilitation" }).click();
    await coursePicker.getByText("Course: Workshop facilitation").waitFor();
    await answer(page, "Do you want to learn from someone who has been there before?", "Not really");
    await answer(page, "Does the improvement need to be quick and measurable?", "Yes, with clear measures");
    await answer(page, "Are you in a leadership transition or on a challenging project?", "Neither");
    await answer(page, "Are you exploring your identity, goals or values?", "No");
    await answer(page, "Is this required for the role", "Yes, it is mandatory");
    await page.getByRole("button", { name: "Get my advice" }).click();
    await page.getByRole("heading", { level: 1, name: "We recommend training" }).waitFor();
    await page.getByText("Course named: Workshop facilitation.").waitFor();
    const training = page.getByRole("region", { name: "Training programs" });
    expect(await training.getByRole("heading", { level: 4 }).allTextContents()).toEqual([
      "Facilitation skills",
      "A general training",
      ...Array.from({ length: 8 }, (_, i) => `Training 0${i + 1}`),
    ]);
    await training.getByText("Showing 10 of 12 training programs").waitFor();
    await training.getByRole("button", { name: "Show more" }).click();
    await training.getByRole("heading", { level: 4, name: "Training 10" }).waitFor();
    await training.getByText("Showing 12 of 12 training programs").waitFor();
    expect(await training.getByRole("button", { name: "Show more" }).count()).toBe(0);
    await training.getByText("Teaches your course").waitFor();
    // Coaching comes second and its program is offered after the training ones.
    await page.getByRole("heading", { level: 3, name: "2. Coaching" }).waitFor();
    await page
      .getByRole("region", { name: "Coaching programs" })
      .getByRole("link", { name: "Coaching for leads" })
      .waitFor();
    await training.getByRole("button", { name: "Enrol as trainee in Facilitation skills" }).click();
    await expectToast(page, "You are enrolled in Facilitation skills as trainee.");
    await training.getByRole("link", { name: "choose a cohort on the program page" }).waitFor();
    expect((await callApi(member, "GET", `/api/programs/${courseProgramId}`)).me.enrolledAs).toEqual([
      "trainee",
    ]);
    await expectAccessible(page, "advisor result (training)");

    // --- (3) Ana, Bo's manager, takes it on his behalf: the wording speaks of him and nobody can enrol him.
    const boss = await signedInSession(e2e, ana.email);
    const bp = boss.page;
    await visit(bp, "/advisor", "Development advisor");
    await bp
      .getByRole("group", { name: /Do you want to learn from someone who has been there before\?/ })
      .waitFor();
    const subject = bp.getByRole("group", { name: "For" });
    await subject.getByText("Answering for yourself.").waitFor();
    await subject.getByLabel("Search for someone who reports to you").fill("bo");
    await subject.getByRole("button", { name: "Choose Bo Member to answer for them" }).click();
    await subject.getByText("Answering for Bo Member, who reports to you.").waitFor();
    await bp.getByRole("heading", { name: "Bo Member's needs" }).waitFor();
    await bp.getByText("You are answering on behalf of Bo Member.", { exact: false }).waitFor();
    const boHistory = bp.getByRole("region", { name: "Earlier advice for Bo Member" });
    // Bo's two earlier answers replace Ana's own (empty) history once the query for him returns.
    await boHistory.getByText("Taken by Bo Member").nth(1).waitFor();
    expect(await boHistory.getByText("Taken by Bo Member").count()).toBe(2);
    await answer(bp, "Over what time should they see a difference?", "Over the next few months");
    await answer(bp, "What is the need about?", "A specific performance goal");
    await answer(bp, "Is there a course that teaches this skill?", "No, nothing formal exists");
    await answer(bp, "Would they benefit from someone who has been there before?", "Yes, that matters most");
    await answer(bp, "Does the improvement need to be quick and measurable?", "Yes, with clear measures");
    await answer(
      bp,
      "Are they in a leadership transition or on a challenging project?",
      "A leadership transition",
    );
    await answer(bp, "Are they exploring their identity, goals or values?", "Yes");
    await answer(bp, "Is this required for their role", "No");
    await expectAccessible(bp, "advisor form on behalf of a report");
    await bp.getByRole("button", { name: "Get advice for Bo Member" }).click();
    await bp
      .getByRole("heading", { level: 1, name: "We recommend mentoring and coaching together for Bo Member" })
      .waitFor();
    await bp.getByText("You took this advice on behalf of Bo Member.", { exact: false }).waitFor();
    await bp
      .locator("blockquote", { hasText: "Both approaches are valuable and can even complement each other." })
      .waitFor();
    await bp.getByRole("heading", { name: "Programs open to Bo" }).waitFor();
    await bp.getByText("Bo Member can enrol from their advisor page.").first().waitFor();
    await bp.getByText("Bo Member is enrolled as mentee.").waitFor();
    expect(await bp.getByRole("button", { name: /^Enrol as/ }).count()).toBe(0);
    await expectAccessible(bp, "advisor result on behalf of a report");

    // --- (4) Bo finds it in his history, taken by his manager, and can enrol from it.
    await visit(page, "/advisor", "Development advisor");
    const mine = page.getByRole("region", { name: "Your earlier advice" });
    const latest = mine.getByRole("listitem").first();
    await latest.getByText("Taken by your manager, Ana Manager").waitFor();
    expect(await latest.textContent()).toContain("Mentoring and coaching");
    expect(await mine.getByRole("listitem").count()).toBe(3);
    await expectAccessible(page, "advisor history");
    await latest.getByRole("link", { name: /^See the advice/ }).click();
    await page
      .getByRole("heading", { level: 1, name: "We recommend mentoring and coaching together" })
      .waitFor();
    await page.getByText("Taken by your manager, Ana Manager on", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Enrol as coachee in Coaching for leads" }).waitFor();

    // Programs are those open now: once coaching enrolment closes, the advice says to ask for one.
    await db
      .updateTable("program")
      .set({ enrolment_closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", coachingId)
      .execute();
    await page.reload();
    await page.getByText("No open coaching program right now").waitFor();
    await page
      .getByRole("region", { name: "Coaching programs" })
      .getByRole("link", { name: "browse all programs" })
      .waitFor();
    await expectAccessible(page, "advisor result with no open coaching program");
  });
});
