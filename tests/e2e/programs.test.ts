import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { describedText, type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("programs", () => {
  it("a program manager creates a program with a questionnaire; members enrol or see why they cannot", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Programs");
    const pm = await makePerson(db, org, {
      role: "program_manager",
      name: "Priya Manager",
      department: "People",
    });
    const eligible = await makePerson(db, org, {
      name: "Emil Engineer",
      department: "Engineering",
      seniority: 4,
    });
    const outsider = await makePerson(db, org, { name: "Sara Sales", department: "Sales", seniority: 2 });

    // --- The program manager builds the program.
    const manager = await signedInSession(e2e, pm.email);
    const page = manager.page;
    await visit(page, "/programs", "Programs");
    await page.getByText("No programs yet").waitFor();
    await expectAccessible(page, "programs (empty, manager)");
    await page.getByRole("link", { name: "Create the first one" }).click();
    await page.getByRole("heading", { level: 1, name: "New program" }).waitFor();
    await expectAccessible(page, "new program");

    await page.getByLabel(/^Mentoring/).check();
    await page.getByLabel(/^Name/).fill("Engineering mentoring circle");
    await page.getByLabel("Description").fill("Six months of mentoring for engineers.");
    await page.getByLabel("Status").selectOption("published");
    // Departments: one found by searching, and one nobody is in yet, added as typed.
    const departments = page.getByRole("combobox", { name: "Search departments" });
    await departments.fill("eng");
    await page.getByRole("option", { name: "Engineering (1)" }).click();
    await page.getByRole("button", { name: "Remove Engineering" }).waitFor();
    await departments.fill("Platform");
    await page.getByRole("option", { name: "Add “Platform” (nobody has it yet)" }).waitFor();
    await departments.press("Enter");
    await page.getByRole("button", { name: "Remove Platform" }).waitFor();
    expect(await departments.inputValue()).toBe("");
    await departments.press("Escape");
    await page.getByLabel("Lowest seniority level").selectOption("3");

    await page.getByRole("button", { name: "Add short text question" }).click();
    // The new question's text field has focus.
    expect(await page.getByLabel(/^Question 1 text/).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await page.getByLabel(/^Question 1 text/).fill("What do you want to learn?");
    await page.getByLabel("Question 1 needs an answer").check();
    expect(await page.getByLabel("Question 1 answer key").inputValue()).toBe("what_do_you_want_to_learn");
    await page.getByRole("button", { name: "Add choice question" }).click();
    await page.getByLabel(/^Question 2 text/).fill("Preferred format");
    await page.getByLabel("Question 2 options").fill("Video call");
    await page.getByRole("button", { name: "Add scale question" }).click();
    await page.getByLabel(/^Question 3 text/).fill("How experienced are you?");
    await page.getByLabel("Question 3 lowest label").fill("Beginner");
    await page.getByLabel("Question 3 highest label").fill("Expert");
    await expectAccessible(page, "new program with questions");

    // A choice question needs two options: the error is shown next to the field.
    await page.getByRole("button", { name: "Create program" }).click();
    await page.getByRole("alert").waitFor();
    expect(await describedText(page, "Question 2 options")).toContain("List at least two options");
    await expectAccessible(page, "new program with errors");
    await page.getByLabel("Question 2 options").fill("Video call\nIn person");
    await page.getByRole("button", { name: "Create program" }).click();
    await page.getByRole("heading", { level: 1, name: "Engineering mentoring circle" }).waitFor();
    await expectToast(page, "Engineering mentoring circle is published.");
    await page.getByText("No one has enrolled yet").waitFor();
    const programUrl = page.url();
    await expectAccessible(page, "program detail (owner)");

    // --- An eligible member enrols by answering the questionnaire.
    const member = await signedInSession(e2e, eligible.email);
    const mp = member.page;
    await visit(mp, "/", "Welcome, Emil");
    await mp.getByRole("link", { name: "Engineering mentoring circle" }).click();
    await mp.getByRole("heading", { level: 1, name: "Engineering mentoring circle" }).waitFor();
    await expectAccessible(mp, "program detail (eligible member)");
    await mp.getByLabel("Mentee").check();
    // Sending without the required answer shows the server's error next to the question.
    await mp.getByRole("button", { name: "Enrol as mentee" }).click();
    await mp.getByRole("alert").waitFor();
    expect(await mp.getByRole("alert").textContent()).toContain("Some answers need attention.");
    expect(await describedText(mp, /^What do you want to learn\?/)).toContain(
      '"What do you want to learn?" needs an answer.',
    );
    await expectAccessible(mp, "enrol form with server errors");

    await mp.getByLabel(/^What do you want to learn\?/).fill("System design and code review");
    await mp.getByLabel("Video call").check();
    await mp
      .getByRole("group", { name: /How experienced are you\?/ })
      .getByText("4", { exact: true })
      .click();
    await mp.getByRole("button", { name: "Enrol as mentee" }).click();
    await expectToast(mp, "You are enrolled in Engineering mentoring circle as mentee.");
    await mp.getByText("You are enrolled as mentee.").waitFor();
    await mp.getByRole("button", { name: "Withdraw as mentee" }).waitFor();
    await expectAccessible(mp, "program detail (enrolled)");
    await member.context.close();

    // --- A member outside the eligibility rules sees why they cannot enrol.
    const other = await signedInSession(e2e, outsider.email);
    const op = other.page;
    await visit(op, "/programs", "Programs");
    const card = op.getByRole("listitem").filter({ hasText: "Engineering mentoring circle" });
    expect(await card.textContent()).toContain("Not eligible");
    await expectAccessible(op, "programs (member)");
    await op.getByLabel("Kind").selectOption("coaching");
    await op.getByText("No programs match these filters").waitFor();
    await op.getByLabel("Kind").selectOption("mentoring");
    await op.getByRole("link", { name: "Engineering mentoring circle" }).click();
    await op.getByRole("heading", { name: "You can't enrol in this program" }).waitFor();
    const reasons = await op
      .getByRole("region", { name: "Your enrolment" })
      .getByRole("listitem")
      .allTextContents();
    expect(reasons).toEqual(["Open to Engineering, Platform only.", "Requires seniority level 3 or above."]);
    expect(await op.getByRole("button", { name: /Enrol as/ }).count()).toBe(0);
    await expectAccessible(op, "program detail (not eligible)");
    await other.context.close();

    // --- The owner sees the enrolment with its answers, and edits the program.
    await page.goto(programUrl);
    const table = page.getByRole("table", { name: /Enrolments in Engineering mentoring circle/ });
    const row = table.getByRole("row", { name: /Emil Engineer/ });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells).toEqual(
      expect.arrayContaining(["Mentee", "Active", "System design and code review", "Video call", "4"]),
    );
    await expectAccessible(page, "program detail with enrolments");

    await page.getByRole("link", { name: "Edit program" }).click();
    await page.getByRole("heading", { level: 1, name: "Edit Engineering mentoring circle" }).waitFor();
    await expectAccessible(page, "edit program");
    // The stored departments come back as chosen ones, whether anyone is in them or not.
    await page.getByRole("button", { name: "Remove Engineering" }).waitFor();
    await page.getByRole("button", { name: "Remove Platform" }).waitFor();
    await page.getByLabel(/^Name/).fill("Engineering mentoring circle 2026");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { level: 1, name: "Engineering mentoring circle 2026" }).waitFor();
    await expectToast(page, "Saved Engineering mentoring circle 2026.");
    await manager.context.close();
  });
});
