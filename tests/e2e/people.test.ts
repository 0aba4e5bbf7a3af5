import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("people", () => {
  it("searches and filters the directory, with pages", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Directory");
    const me = await makePerson(db, org, { name: "Mo Member", department: "Product", location: "London" });
    for (let i = 1; i <= 22; i++) {
      await makePerson(db, org, {
        name: `Engineer ${String(i).padStart(2, "0")}`,
        department: "Engineering",
        location: i % 2 ? "Berlin" : "Lisbon",
        languages: i % 2 ? ["German", "English"] : ["Portuguese"],
      });
    }
    await makePerson(db, org, {
      name: "Sam Sponsor",
      role: "sponsor",
      department: "Finance",
      location: "London",
    });
    const { page, context } = await signedInSession(e2e, me.email);

    await visit(page, "/people", "People");
    await page.getByText("Showing 20 of 24 people").waitFor();
    await expectAccessible(page, "people directory");
    await page.getByRole("button", { name: "Show more" }).click();
    await page.getByText("Showing 24 of 24 people").waitFor();
    expect(await page.getByRole("row").count()).toBe(25);

    await page.getByLabel("Department").selectOption("Engineering");
    await page.getByText("Showing 20 of 22 people").waitFor();
    await page.getByLabel("Language").selectOption("German");
    await page.getByText("Showing 11 of 11 people").waitFor();
    await page.getByLabel("Location").selectOption("Lisbon");
    await page.getByText("No one matches your search").waitFor();
    await expectAccessible(page, "people directory (no results)");
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    // The pages already shown for this search come back with it.
    await page.getByText("Showing 24 of 24 people").waitFor();

    await page.getByLabel("Role").selectOption("sponsor");
    await page.getByText("Showing 1 of 1 person").waitFor();
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill("engineer 1");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "engineer 1");
    await page.getByText("Showing 10 of 10 people").waitFor();
    const names = await page.getByRole("table").getByRole("link").allTextContents();
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `Engineer 1${i}`));

    // A member sees a colleague's profile without seniority or career goals.
    await page.getByRole("link", { name: "Engineer 12" }).click();
    await page.getByRole("heading", { level: 1, name: "Engineer 12" }).waitFor();
    expect(await page.getByText("Seniority level").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Career goals" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Administration" }).count()).toBe(0);
    await expectAccessible(page, "person (member view)");
    await context.close();
  });

  it("filters by one of many departments through a combobox that searches the server", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Many departments");
    const me = await makePerson(db, org, { name: "Mo Member", department: "Team 00" });
    for (let i = 1; i <= 30; i++) {
      await makePerson(db, org, {
        name: `Person ${String(i).padStart(2, "0")}`,
        department: `Team ${String(i).padStart(2, "0")}`,
      });
    }
    const { page, context } = await signedInSession(e2e, me.email);
    await visit(page, "/people", "People");
    await page.getByText("Showing 20 of 31 people").waitFor();
    const department = page.getByRole("combobox", { name: "Department" });
    await department.fill("team 2");
    const options = page.getByRole("listbox", { name: "Department" }).getByRole("option");
    await options.filter({ hasText: "Team 29 (1)" }).waitFor();
    expect(await options.count()).toBe(11);
    await expectAccessible(page, "people directory (department combobox open)");
    expect(await options.first().textContent()).toBe("All departments");
    expect(await options.nth(1).getAttribute("aria-selected")).toBe("true");
    await department.press("ArrowDown");
    await department.press("ArrowUp");
    await department.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("department") === "Team 20");
    await page.getByText("Showing 1 of 1 person").waitFor();
    expect(await department.inputValue()).toBe("Team 20");
    expect(await department.getAttribute("aria-expanded")).toBe("false");

    // Without typing, the most common values come first, and "Show more values" pages through the rest.
    await department.fill("");
    await options.filter({ hasText: "Team 00 (1)" }).waitFor();
    expect(await options.count()).toBe(12);
    await options.filter({ hasText: "Show more values" }).click();
    await options.filter({ hasText: "Team 19 (1)" }).waitFor();
    await department.press("Escape");
    expect(await department.inputValue()).toBe("Team 20");
    await context.close();

    // An admin editing a profile is offered, as they type, departments beyond the 25 most common too.
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    const a = await signedInSession(e2e, admin.email);
    await visit(a.page, `/people/${me.id}`, "Mo Member");
    const form = a.page.getByRole("form", { name: "Edit Mo Member's profile" });
    const field = form.getByLabel("Department");
    const listId = await field.getAttribute("list");
    const suggested = a.page.locator(`datalist[id="${listId}"] option`);
    await field.fill("");
    await expect.poll(() => suggested.count()).toBe(25);
    expect(await a.page.locator(`datalist[id="${listId}"] option[value="Team 29"]`).count()).toBe(0);
    await field.fill("team 2");
    await a.page.locator(`datalist[id="${listId}"] option[value="Team 29"]`).waitFor({ state: "attached" });
    await a.context.close();
  });

  it("a person edits their own profile: skills with levels, languages, interests, goals and time zone", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Profiles");
    const me = await makePerson(db, org, { name: "Pia Profile", languages: ["English"] });
    const { page, context } = await signedInSession(e2e, me.email);

    await visit(page, "/", "Welcome, Pia");
    await page.getByRole("link", { name: "Complete your profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    expect(await page.getByRole("link", { name: "My profile" }).getAttribute("aria-current")).toBe("page");
    await expectAccessible(page, "my profile");

    await page.getByLabel(/^Job title/).fill("Data analyst");
    await page.getByLabel(/^Location/).fill("Lisbon");
    await page.getByLabel("Time zone").selectOption("Europe/Lisbon");
    await page.getByLabel("Add to languages").fill("Portuguese");
    await page.getByRole("button", { name: "Add to languages" }).click();
    await page.getByRole("button", { name: "Remove English" }).click();

    await page.getByRole("button", { name: "Add a skill" }).click();
    await page.getByLabel("Skill 1 name").fill("SQL");
    await page.getByLabel("Skill 1 level").selectOption("4");
    await page.getByRole("button", { name: "Add a skill" }).click();
    // An unnamed skill row is an error shown next to it.
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByLabel("Skill 2 name").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "my profile with errors");
    await page.getByLabel("Skill 2 name").fill("Public speaking");
    await page.getByLabel("Skill 2 level").selectOption("1");

    await page.getByLabel("Add to interests").fill("Leadership");
    await page.getByLabel("Add to interests").press("Enter");
    await page.getByLabel(/^Career goals/).fill("Lead an analytics team within two years.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expectToast(page, "Your profile is saved.");

    await page.getByRole("link", { name: "See your public profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Pia Profile" }).waitFor();
    const text = (await page.getByRole("main").textContent()) ?? "";
    for (const expected of [
      "Data analyst",
      "Lisbon",
      "Europe/Lisbon",
      "Portuguese",
      "SQL",
      "Level 4 — advanced",
      "Public speaking",
      "Level 1 — learning",
      "Leadership",
      "Lead an analytics team within two years.",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("English");
    await expectAccessible(page, "own profile");
    await context.close();
  });
});
