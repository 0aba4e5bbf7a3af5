import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { publishedCourse } from "../../src/server/testing/training.ts";
import { apiOf, callApi, type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** A UTC calendar day `offset` days from today, as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The course page's lesson, opened: its rendered content region. */
async function openLesson(page: Page, title: string) {
  await page.locator("summary", { hasText: title }).click();
  const region = page.getByRole("region", { name: `Lesson: ${title}` });
  await region.waitFor();
  return region;
}

describe("training authoring", () => {
  it("a program manager builds and publishes a course, opens a cohort of it and assigns it to a department", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Training");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pat Planner", department: "L&D" });
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    await makePerson(db, org, { name: "Tia Trainer", title: "Senior trainer", department: "L&D" });
    const sam = await makePerson(db, org, { name: "Sam Seller", department: "Sales", seniority: 2 });
    await makePerson(db, org, { name: "Sue Seller", department: "Sales", seniority: 3 });
    await makePerson(db, org, { name: "Stan Support", department: "Support", seniority: 3 });
    const title = "Giving feedback that lands";
    const lessonTitle = "The SBI model";

    const manager = await signedInSession(e2e, pm.email);
    const page = manager.page;

    // --- (1) An empty catalog; a new course from the dialog.
    await visit(page, "/training/courses", "Courses");
    await page.getByText("No courses yet").waitFor();
    await expectAccessible(page, "course catalog (empty, author)");
    await page.getByRole("button", { name: "New course" }).click();
    const dialog = page.getByRole("dialog", { name: "New course" });
    await dialog.getByRole("button", { name: "Create the course" }).click();
    await dialog.getByText("Give the course a title.").first().waitFor();
    expect(await dialog.getByLabel(/^Title/).getAttribute("aria-invalid")).toBe("true");
    await dialog.getByLabel(/^Title/).fill(title);
    await dialog
      .getByLabel("Summary")
      .fill("For new team leads: structure feedback so it is heard and acted on.");
    await dialog.getByLabel("Add to competencies").fill("Giving feedback");
    await dialog.getByLabel("Add to competencies").press("Enter");
    await dialog.getByLabel("Add to competencies").fill("Active listening");
    await dialog.getByRole("button", { name: "Add to competencies" }).click();
    await dialog.getByLabel(/^Minimum attendance/).fill("75");
    await dialog.getByLabel(/^Certificate valid for/).fill("24");
    await expectAccessible(page, "new course dialog");
    await dialog.getByRole("button", { name: "Create the course" }).click();
    await page.waitForURL(/\/training\/courses\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectToast(page, `Created the draft course “${title}”.`);
    const courseUrl = new URL(page.url()).pathname;
    await page.getByText("No modules yet").waitFor();
    await page.getByText("Attend at least 75 % of the sessions.").waitFor();
    await page.getByText("An Open Badges certificate, valid for 24 months.").waitFor();
    await expectAccessible(page, "course page (new draft)");

    // A draft without lessons cannot be published; the server says why.
    await page.getByRole("button", { name: "Publish the course" }).click();
    const emptyAlert = page.getByRole("alert").filter({ hasText: "The course has no lessons yet" });
    await emptyAlert.waitFor();
    expect(await emptyAlert.textContent()).toContain("Add at least one lesson before publishing the course.");

    // --- (2) A module, and a lesson whose Markdown tries to run script.
    await page.getByRole("button", { name: "Add a module" }).click();
    const moduleForm = page.getByRole("form", { name: "New module" });
    await moduleForm.getByLabel(/^Module title/).fill("Feedback basics");
    await moduleForm.getByLabel("Module summary").fill("Why feedback fails, and a model that works.");
    await moduleForm.getByRole("button", { name: "Add the module" }).click();
    await expectToast(page, "Added the module “Feedback basics”.");
    await page.getByRole("heading", { level: 3, name: "Module 1: Feedback basics" }).waitFor();

    await page.getByRole("button", { name: "Add a lesson to Feedback basics" }).click();
    const lessonForm = page.getByRole("form", { name: "New lesson in Feedback basics" });
    await lessonForm.getByLabel(/^Lesson title/).fill(lessonTitle);
    await lessonForm
      .getByLabel("Lesson text (Markdown)")
      .fill(
        [
          "## Situation, behaviour, impact",
          "",
          "Describe the **situation**, the *behaviour* you saw and its impact.",
          "",
          "<script>window.__pwned = true</script>",
          "",
          '<img src=x onerror="window.__pwned = true">',
          "",
          "[click me](javascript:window.__pwned=true) and [the SBI guide](https://example.com/sbi).",
        ].join("\n"),
      );
    await lessonForm.getByLabel("Includes a hands-on activity").check();
    await lessonForm.getByRole("button", { name: "Add the lesson" }).click();
    await lessonForm
      .getByText("Describe the activity, or untick “Includes a hands-on activity”.")
      .first()
      .waitFor();
    await lessonForm
      .getByLabel(/^Activity/)
      .fill("Write SBI feedback for a recent piece of work by a colleague.");
    await expectAccessible(page, "lesson form");
    await lessonForm.getByRole("button", { name: "Add the lesson" }).click();
    await expectToast(page, `Added the lesson “${lessonTitle}”.`);

    const lesson = await openLesson(page, lessonTitle);
    await lesson.getByRole("heading", { name: "Situation, behaviour, impact" }).waitFor();
    // Raw HTML is shown as text, never run; the javascript: link is not a link; the https one is, safely.
    expect(await lesson.textContent()).toContain("<script>window.__pwned = true</script>");
    expect(await lesson.locator("script").count()).toBe(0);
    expect(await lesson.locator("img").count()).toBe(0);
    expect(await lesson.getByRole("link", { name: "click me" }).count()).toBe(0);
    const hrefs = await lesson.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toEqual(["https://example.com/sbi"]);
    expect(await lesson.getByRole("link", { name: "the SBI guide" }).getAttribute("rel")).toContain(
      "noopener",
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await page.getByText("Write SBI feedback for a recent piece of work by a colleague.").waitFor();

    // --- (3) A quiz with a single-choice and a number question.
    await page.getByRole("button", { name: "Add a quiz" }).click();
    const quiz = page.getByRole("form", { name: "New quiz" });
    await quiz.getByLabel(/^Title/).fill("SBI check");
    await quiz.getByLabel(/^Time limit/).fill("15");
    await quiz.getByLabel(/^Question 1 text/).fill("Which part of SBI describes what you saw?");
    await quiz.getByLabel("Question 1 option A", { exact: true }).fill("Situation");
    await quiz.getByLabel("Question 1 option B", { exact: true }).fill("Behaviour");
    await quiz.getByRole("button", { name: "Add an option to question 1" }).click();
    await quiz.getByLabel("Question 1 option C", { exact: true }).fill("Impact");
    await quiz.getByRole("button", { name: "Add the quiz" }).click();
    await quiz.getByText("Mark the correct option of question 1.").first().waitFor();
    await quiz.getByLabel("Correct answer to question 1: option B").check();
    await quiz.getByRole("button", { name: "Add a number question" }).click();
    expect(await quiz.getByLabel(/^Question 2 text/).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await quiz.getByLabel(/^Question 2 text/).fill("How many parts does the SBI model have?");
    await quiz.getByLabel(/^Question 2 correct answer/).fill("3");
    await quiz.getByLabel(/^Question 2 tolerance/).fill("0");
    await quiz.getByLabel("Question 2 points").fill("2");
    await expectAccessible(page, "quiz builder");
    await quiz.getByRole("button", { name: "Add the quiz" }).click();
    await expectToast(page, "Added the quiz “SBI check”.");
    await page
      .getByText("2 questions · pass mark 80% · 3 attempts · 15 minutes time limit", { exact: false })
      .waitFor();
    await page.getByText("Questions and answer key").click();
    await page.getByText("Correct: 3").waitFor();

    // --- (4) A practical evaluation with a two-criterion rubric.
    await page.getByRole("button", { name: "Add a practical evaluation" }).click();
    const practical = page.getByRole("form", { name: "New practical evaluation" });
    await practical.getByLabel(/^Title/).fill("Feedback role-play");
    await practical
      .getByLabel("Instructions")
      .fill("Give SBI feedback to a colleague played by the trainer.");
    await practical.getByLabel(/^Criterion 1 title/).fill("Names the situation and behaviour");
    await practical.getByRole("button", { name: "Add a criterion" }).click();
    await practical.getByLabel(/^Criterion 2 title/).fill("Describes the impact");
    await practical.getByLabel("Criterion 2 level 3 points").fill("3");
    await expectAccessible(page, "rubric builder");
    await practical.getByRole("button", { name: "Add the practical evaluation" }).click();
    await expectToast(page, "Added the practical evaluation “Feedback role-play”.");
    const rubric = page.getByRole("table", { name: /^Rubric of Feedback role-play/ });
    await rubric.waitFor();
    expect(await rubric.locator("tbody tr").count()).toBe(2);
    expect(await rubric.getByRole("columnheader").allTextContents()).toEqual([
      "Criterion",
      "Not yet",
      "Meets the standard",
      "Exceeds the standard",
    ]);
    expect(await rubric.textContent()).toContain("5 points at most");
    await page.getByText('Pass "SBI check".').waitFor();
    await page.getByText('Pass "Feedback role-play".').waitFor();
    await expectAccessible(page, "course page (complete draft)");

    // --- (5) Publish.
    await page.getByRole("button", { name: "Publish the course" }).click();
    await expectToast(page, `“${title}” is published.`);
    await page.getByRole("button", { name: "Archive the course" }).waitFor();

    // A member reads the published course, without the answer key or any editing.
    const member = await signedInSession(e2e, sam.email);
    await visit(member.page, courseUrl, title);
    await member.page.getByRole("heading", { level: 3, name: "Module 1: Feedback basics" }).waitFor();
    await member.page.getByText("2 questions · pass mark 80%", { exact: false }).waitFor();
    expect(await member.page.getByText("Questions and answer key").count()).toBe(0);
    expect(await member.page.getByRole("button", { name: /Edit|Add a|Delete|Publish/ }).count()).toBe(0);
    expect(await member.page.getByRole("table", { name: /^Rubric of Feedback role-play/ }).count()).toBe(1);
    await expectAccessible(member.page, "course page (member)");
    await visit(member.page, "/training/courses", "Courses");
    await member.page.getByRole("link", { name: title }).waitFor();
    expect(await member.page.getByRole("button", { name: "New course" }).count()).toBe(0);
    await member.context.close();

    // --- (6) A training program; the manager opens a cohort of the course on its training page.
    const programId = await makeProgram(db, org, pm.id, { kind: "training", name: "Leadership academy" });
    await visit(page, `/programs/${programId}`, "Leadership academy");
    await page.getByRole("heading", { level: 2, name: "Training" }).waitFor();
    await page.getByText("No cohort is open").waitFor();
    await expectAccessible(page, "training program page (no cohorts)");
    await page.getByRole("link", { name: "Cohorts and dashboard" }).click();
    await page.getByRole("heading", { level: 1, name: "Training" }).waitFor();
    await page.getByText("No cohorts yet").waitFor();
    await page.getByRole("heading", { level: 2, name: "Program dashboard" }).waitFor();
    await expectAccessible(page, "program training (empty)");

    await page.getByRole("button", { name: "Open a cohort" }).click();
    const cohortForm = page.getByRole("form", { name: "Open a cohort" });
    await cohortForm.getByRole("button", { name: "Open the cohort" }).click();
    await cohortForm.getByText("Choose at least one trainer.").first().waitFor();
    await cohortForm.getByLabel(/^Course/).selectOption({ label: title });
    await cohortForm.getByLabel(/^Cohort name/).fill("Spring cohort");
    await cohortForm.getByLabel(/^First day/).fill(day(14));
    await cohortForm.getByLabel(/^Last day/).fill(day(10));
    await cohortForm.getByLabel(/^Seats/).fill("12");
    await cohortForm.getByLabel("Time zone of the sessions").selectOption("Europe/Berlin");
    await cohortForm.getByLabel("Search for trainers").fill("Tia");
    await cohortForm.getByRole("button", { name: "Choose Tia Trainer" }).click();
    await cohortForm.getByRole("button", { name: "Remove Tia Trainer" }).waitFor();
    await cohortForm.getByRole("button", { name: "Open the cohort" }).click();
    await cohortForm.getByText("The last day cannot be before the first.").first().waitFor();
    await cohortForm.getByLabel(/^Last day/).fill(day(42));
    await expectAccessible(page, "open a cohort form");
    await cohortForm.getByRole("button", { name: "Open the cohort" }).click();
    await expectToast(page, "Opened the cohort “Spring cohort”.");
    await page.getByRole("link", { name: "Spring cohort" }).waitFor();
    expect(
      await page.getByRole("meter", { name: "Seats in Spring cohort" }).getAttribute("aria-valuetext"),
    ).toBe("0 of 12 seats taken, 12 left");
    await page.getByText("1 cohort, 1 open with 12 seats left.").waitFor();
    const totals = page.getByRole("definition").filter({ hasText: "Trainees with a seat" });
    await totals.waitFor();
    // Nothing is measured yet: the dashboard says so instead of drawing empty charts.
    await page
      .getByRole("heading", { level: 3, name: "Completion, scores and attendance by cohort" })
      .waitFor();
    await page.getByText("Nothing to measure yet", { exact: false }).waitFor();
    expect(await page.getByRole("img", { name: /^Chart: / }).count()).toBe(0);
    await expectAccessible(page, "program training (one cohort, dashboard)");

    // The program page lists the open cohort with a link to it.
    await visit(page, `/programs/${programId}`, "Leadership academy");
    await page.getByRole("link", { name: "View the cohort Spring cohort" }).waitFor();

    // Cohorts use the course now: its lessons can no longer be deleted, and the page says why.
    await visit(page, courseUrl, title);
    await page.getByText("1 cohort already uses this course").waitFor();
    await page.getByRole("button", { name: `Delete lesson ${lessonTitle}` }).click();
    await page.getByRole("button", { name: "Yes, delete the lesson" }).click();
    const inUse = page.getByRole("alert").filter({ hasText: "Cohorts already use this course" });
    await inUse.waitFor();
    expect(await inUse.textContent()).toContain("cannot be deleted");
    await page.getByRole("button", { name: "Keep it" }).click();

    // --- (7) Mandatory training: assign the course to Sales, due in five days.
    await visit(page, "/training/assignments", "Mandatory training");
    await page.getByText("No mandatory training yet").waitFor();
    await expectAccessible(page, "mandatory training (empty)");
    await page.getByRole("tab", { name: "Assign a course" }).click();
    const assign = page.getByRole("form", { name: "Assign a course" });
    await assign.getByRole("button", { name: "Assign the course" }).click();
    await assign.getByText("Choose the course to assign.").first().waitFor();
    await assign.getByLabel(/^Course/).selectOption({ label: title });
    // The department picker searches the server; a click adds the department found.
    await assign.getByRole("combobox", { name: "Search departments" }).fill("sal");
    await assign.getByRole("option", { name: "Sales (2)" }).click();
    await assign.getByRole("button", { name: "Remove Sales" }).waitFor();
    await assign.getByLabel(/^Due date/).fill(day(5));
    await assign.getByLabel("Note to the assignees").fill("Required for everyone who leads customer calls.");
    await expectAccessible(page, "assign a course form");
    await assign.getByRole("button", { name: "Assign the course" }).click();
    await expectToast(page, `Assigned “${title}” to 2 people.`);
    await page.waitForURL(/\/training\/assignments\?assignment=[0-9a-f-]{36}$/);
    const assignees = page.getByRole("table", { name: `Assignees of ${title} with their status` });
    await assignees.waitFor();
    expect(await assignees.locator("tbody tr").count()).toBe(2);
    expect(await assignees.getByRole("rowheader").allTextContents()).toEqual(["Sam Seller", "Sue Seller"]);
    expect(await assignees.locator("tbody").getByText("Due", { exact: true }).count()).toBe(2);
    await page.getByText("Showing 2 of 2 assignees").waitFor();
    await page.getByLabel("Search assignees").fill("sue");
    await page.getByText("Showing 1 of 1 matching assignees").waitFor();
    expect(await assignees.getByRole("rowheader").allTextContents()).toEqual(["Sue Seller"]);
    await page.getByLabel("Search assignees").fill("");
    await page.getByText("Showing 2 of 2 assignees").waitFor();
    await page.getByText("Department: Sales").first().waitFor();
    await page.getByText("Required for everyone who leads customer calls.").waitFor();
    await expectAccessible(page, "assignment detail");

    await page.getByRole("link", { name: "← All assignments" }).click();
    await page.getByRole("table", { name: "Mandatory training assignments" }).waitFor();
    await page.getByRole("img", { name: "Bar chart: assignees by status, per assignment" }).waitFor();
    await page.getByText("0 of 2 assignees completed").waitFor();
    await expectAccessible(page, "mandatory training (one assignment)");
    await page.getByRole("tab", { name: /^Overdue/ }).click();
    await page.getByText("Nobody is overdue").waitFor();
    expect(await page.getByRole("button", { name: "Send due reminders now" }).count()).toBe(0);

    // --- (8) An org admin sends the reminders that are due: both assignees are due within a week.
    const adminSession = await signedInSession(e2e, admin.email);
    const ap = adminSession.page;
    await visit(ap, "/training/assignments", "Mandatory training");
    await ap.getByRole("button", { name: "Send due reminders now" }).click();
    await ap.getByText("Sent 2 reminders: 2 due in a week.").waitFor();
    await ap.getByRole("button", { name: "Send due reminders now" }).click();
    await ap.getByText("No reminders were due", { exact: false }).waitFor();
    await expectAccessible(ap, "mandatory training (admin, reminders sent)");
    await adminSession.context.close();
    await manager.context.close();
  });

  it("assigns a course to a department outside the 25 most common, found by searching with the keyboard", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Many departments");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pat Planner" });
    // 30 departments of two people each, and a rarer one of one person: the 31st most common.
    for (let i = 1; i <= 30; i++) {
      for (const n of [1, 2]) {
        await makePerson(db, org, {
          name: `Person ${i}-${n}`,
          department: `Dept ${String(i).padStart(2, "0")}`,
        });
      }
    }
    await makePerson(db, org, { name: "Rita Rare", department: "Quality assurance" });
    const s = await signedInSession(e2e, pm.email);
    await publishedCourse(apiOf(s), { title: "Safety basics" });
    const facets = await callApi(s, "GET", "/api/people/facets");
    expect(facets.departments.total).toBe(31);
    expect(facets.departments.items).toHaveLength(25);
    expect(facets.departments.nextCursor).not.toBeNull();
    expect(facets.departments.items.map((d: { value: string }) => d.value)).not.toContain(
      "Quality assurance",
    );

    const p = s.page;
    await visit(p, "/training/assignments?tab=assign", "Mandatory training");
    const form = p.getByRole("form", { name: "Assign a course" });
    await form.getByLabel(/^Course/).selectOption({ label: "Safety basics" });
    await form.getByText("No department chosen yet.").waitFor();
    const box = form.getByRole("combobox", { name: "Search departments" });
    const options = form.getByRole("listbox", { name: "Departments" }).getByRole("option");
    // The arrow key opens the list: the most common first, ten at a time, and "Show more values".
    await box.press("ArrowDown");
    await options.filter({ hasText: "Dept 10 (2)" }).waitFor();
    expect(await options.count()).toBe(11);
    expect(await options.last().textContent()).toBe("Show more values");
    await expectAccessible(p, "assign form (department picker open)");
    // Typing part of the rare department's name asks the server, which finds it.
    await box.fill("quality");
    await form.getByText("1 value found.").waitFor();
    await options.filter({ hasText: "Quality assurance (1)" }).waitFor();
    expect(await options.count()).toBe(1);
    expect(await options.first().getAttribute("aria-selected")).toBe("false");
    await box.press("Enter");
    await form.getByRole("button", { name: "Remove Quality assurance" }).waitFor();
    expect(await options.first().getAttribute("aria-selected")).toBe("true");
    // Enter on a chosen department takes it away again; once more adds it back.
    await box.press("Enter");
    await form.getByText("No department chosen yet.").waitFor();
    await box.press("Enter");
    await form.getByRole("button", { name: "Remove Quality assurance" }).waitFor();
    // A second one, with the arrow keys, then removed with its button; the focus returns to the search box.
    await box.fill("dept 0");
    await form.getByText("9 values found.").waitFor();
    await box.press("ArrowDown");
    await box.press("ArrowDown");
    await box.press("Enter");
    await form.getByRole("button", { name: "Remove Dept 03" }).waitFor();
    await box.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await expectAccessible(p, "assign form (two departments chosen)");
    await form.getByRole("button", { name: "Remove Dept 03" }).click();
    await form.getByRole("button", { name: "Remove Dept 03" }).waitFor({ state: "detached" });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByLabel(/^Due date/).fill(day(7));
    await form.getByRole("button", { name: "Assign the course" }).click();
    await expectToast(p, "Assigned “Safety basics” to 1 person.");
    const assignees = p.getByRole("table", { name: "Assignees of Safety basics with their status" });
    await assignees.waitFor();
    expect(await assignees.getByRole("rowheader").allTextContents()).toEqual(["Rita Rare"]);
    await p.getByText("Department: Quality assurance").first().waitFor();
    await s.context.close();
  });

  it("authors edit, reorder, delete and archive; mandatory training by seniority and by name", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Authoring");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pat Planner" });
    const a = await makePerson(db, org, { name: "Alice Able", seniority: 3, department: "Ops" });
    await makePerson(db, org, { name: "Bob Baker", seniority: 5, department: "Ops" });
    // A draft course with two modules, two lessons and a quiz, set up through the API; the editing is in the UI.
    const s = await signedInSession(e2e, pm.email);
    const c = await callApi(s, "POST", "/api/training/courses", {
      title: "Course X",
      summary: "",
      competencies: [],
      minAttendancePct: 80,
      validityMonths: null,
    });
    let course = await callApi(s, "POST", `/api/training/courses/${c.id}/modules`, {
      title: "M1",
      summary: "",
    });
    course = await callApi(s, "POST", `/api/training/courses/${c.id}/modules`, { title: "M2", summary: "" });
    const m1 = course.modules[0].id;
    await callApi(s, "POST", `/api/training/modules/${m1}/lessons`, {
      title: "L1",
      content: "one",
      required: true,
      activityPrompt: null,
    });
    await callApi(s, "POST", `/api/training/modules/${m1}/lessons`, {
      title: "L2",
      content: "two",
      required: true,
      activityPrompt: null,
    });
    await callApi(s, "POST", `/api/training/courses/${c.id}/assessments`, {
      kind: "quiz",
      title: "Q",
      instructions: "",
      required: true,
      passMarkPct: 50,
      maxAttempts: 2,
      timeLimitMinutes: null,
      questions: [
        {
          id: "q1",
          kind: "multiple",
          prompt: "Pick",
          points: 1,
          options: [
            { id: "a", text: "A" },
            { id: "b", text: "B" },
            { id: "c", text: "C" },
          ],
          correctOptionIds: ["a", "c"],
        },
      ],
    });
    const p = s.page;
    await visit(p, `/training/courses/${c.id}`, "Course X");
    // --- Course details, with a client-side check.
    await p.getByRole("button", { name: "Edit details" }).click();
    const d = p.getByRole("dialog", { name: "Edit course details" });
    await d.getByLabel(/^Title/).fill("Course Y");
    await d.getByLabel(/^Certificate valid for/).fill("200");
    await d.getByRole("button", { name: "Save the details" }).click();
    await d.getByText("Enter a whole number of months from 1 to 120, or leave it empty.").first().waitFor();
    await expectAccessible(p, "edit details dialog with error");
    await d.getByLabel(/^Certificate valid for/).fill("12");
    await d.getByRole("button", { name: "Save the details" }).click();
    await expectToast(p, "Course details saved.");
    await p.getByRole("heading", { level: 1, name: "Course Y" }).waitFor();
    // --- Rename a module (its title field takes focus), then reorder modules and lessons.
    await p.getByRole("button", { name: "Rename module M1" }).click();
    expect(await p.getByLabel(/^Module title/).evaluate((el) => el === document.activeElement)).toBe(true);
    await p.getByLabel(/^Module title/).fill("Module one");
    await p.getByRole("button", { name: "Save the module" }).click();
    await expectToast(p, "Saved the module “Module one”.");
    await p.getByRole("button", { name: "Move down module Module one" }).click();
    await expectToast(p, "Module moved.");
    await p.getByRole("heading", { level: 3, name: "Module 2: Module one" }).waitFor();
    await p.getByRole("button", { name: "Move down lesson L1" }).click();
    await expectToast(p, "Lesson moved.");
    await p.locator("summary", { hasText: "Lesson 1: L2" }).waitFor();
    // --- An optional lesson changes the completion rule.
    await p.getByRole("button", { name: "Edit lesson L1" }).click();
    await p.getByLabel("Required to complete the course").uncheck();
    await p.getByRole("button", { name: "Save the lesson" }).click();
    await expectToast(p, "Saved the lesson “L1”.");
    await p.getByText("Complete the 1 required lesson.").waitFor();
    // --- A multiple-choice question made single choice keeps one correct option; two options stay the minimum.
    await p.getByRole("button", { name: "Edit Q" }).click();
    const f = p.getByRole("form", { name: "Edit Q" });
    await f.getByLabel("Question 1 kind").selectOption("single");
    expect(await f.getByLabel("Correct answer to question 1: option A").isChecked()).toBe(true);
    expect(await f.getByLabel("Correct answer to question 1: option C").isChecked()).toBe(false);
    await f.getByRole("button", { name: "Remove option B of question 1" }).click();
    expect(await f.getByRole("button", { name: "Remove option B of question 1" }).isDisabled()).toBe(true);
    await f.getByLabel(/^Attempts allowed/).fill("0");
    await f.getByRole("button", { name: "Save changes" }).click();
    await f.getByText("Enter a whole number of attempts from 1 to 20.").first().waitFor();
    await f.getByLabel(/^Attempts allowed/).fill("5");
    await f.getByRole("button", { name: "Save changes" }).click();
    await expectToast(p, "Saved “Q”.");
    await p.getByText("1 question · pass mark 50% · 5 attempts · no time limit", { exact: false }).waitFor();
    // --- Without cohorts, an assessment can be deleted; the confirmation takes focus.
    await p.getByRole("button", { name: "Delete quiz Q" }).click();
    expect(
      await p
        .getByRole("button", { name: "Yes, delete the quiz" })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await expectAccessible(p, "delete confirmation");
    await p.getByRole("button", { name: "Yes, delete the quiz" }).click();
    await expectToast(p, "Deleted “Q”.");
    await p.getByText("No assessments yet").waitFor();
    // --- Publish, archive after confirming, publish again.
    await p.getByRole("button", { name: "Publish the course" }).click();
    await expectToast(p, "“Course Y” is published.");
    await p.getByRole("button", { name: "Archive the course" }).click();
    await p.getByRole("button", { name: "Yes, archive" }).click();
    await expectToast(p, "“Course Y” is archived.");
    await p.getByRole("button", { name: "Publish again" }).click();
    await expectToast(p, "“Course Y” is published.");
    // --- Mandatory training for a seniority range, then for a person picked by name.
    await visit(p, "/training/assignments?tab=assign", "Mandatory training");
    const f2 = p.getByRole("form", { name: "Assign a course" });
    await f2.getByLabel(/^Course/).selectOption({ label: "Course Y" });
    await f2.getByLabel(/^Seniority range/).check();
    await f2.getByLabel(/^Lowest seniority level/).selectOption("4");
    await f2.getByLabel(/^Highest seniority level/).selectOption("2");
    await f2.getByLabel(/^Due date/).fill(new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10));
    await f2.getByRole("button", { name: "Assign the course" }).click();
    await f2.getByText("The highest level must not be below the lowest.").first().waitFor();
    await f2.getByLabel(/^Highest seniority level/).selectOption("6");
    await f2.getByRole("button", { name: "Assign the course" }).click();
    await expectToast(p, "Assigned “Course Y” to 1 person.");
    await p
      .getByRole("table", { name: "Assignees of Course Y with their status" })
      .getByText("Bob Baker")
      .waitFor();
    await visit(p, "/training/assignments?tab=assign", "Mandatory training");
    await f2.getByLabel(/^Course/).selectOption({ label: "Course Y" });
    await f2.getByLabel(/^Specific people/).check();
    await f2.getByLabel("Search for people").fill("Ali");
    await f2.getByRole("button", { name: "Choose Alice Able" }).click();
    await expectAccessible(p, "assign to people");
    await f2.getByLabel(/^Due date/).fill(new Date(Date.now() - 1 * 86400000).toISOString().slice(0, 10));
    await f2.getByRole("button", { name: "Assign the course" }).click();
    await f2.getByText("Choose a date after today.").first().waitFor();
    await f2.getByLabel(/^Due date/).fill(new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10));
    await f2.getByRole("button", { name: "Assign the course" }).click();
    await expectToast(p, "Assigned “Course Y” to 1 person.");
    await visit(p, "/training/assignments", "Mandatory training");
    await p.getByText("Seniority levels 4–6").waitFor();
    await p.getByText("1 person picked by name").waitFor();
    // Members are pointed to their own training page.
    const m = await signedInSession(e2e, a.email);
    await visit(m.page, "/training/assignments", "Mandatory training");
    await m.page.getByRole("alert").getByText("Mandatory training is managed by").waitFor();
    await expectAccessible(m.page, "assignments member");
    // Cohorts belong to training programs only.
    const mp = await makeProgram(db, org, pm.id, { kind: "mentoring", name: "Mentor P" });
    await visit(p, `/programs/${mp}/training`, "Training");
    await p.getByText("This is a mentoring program.").waitFor();
    await m.context.close();
    await s.context.close();
  });
});
