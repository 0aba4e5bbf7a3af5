import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, newSession, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const linkIn = (text: string) => /(https?:\/\/\S+\/accept-invite\?token=\S+)/.exec(text)?.[1] ?? "";

describe("an org admin", () => {
  it("invites a person, who accepts from the mailed link and lands signed in", async () => {
    const org = await makeOrganization(e2e.server.db, "Inviting");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Ada Admin" });
    const { page, context } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/invitations", "Invitations");
    await page.getByText("No invitations yet").waitFor();
    await expectAccessible(page, "invitations (empty)");

    // Submitting an empty form shows the errors next to the fields.
    await page.getByRole("button", { name: "Send invitation", exact: true }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByLabel(/^Email/).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "invitations with errors");

    const email = "new.hire@example.test";
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Name/).fill("Nia Newhire");
    await page.getByLabel("Role").selectOption("program_manager");
    await page.getByLabel("Title").fill("Programme lead");
    await page.getByLabel("Department").fill("People & Culture");
    await page.getByLabel("Seniority level").selectOption("5");
    await page.getByLabel("Search for manager").fill("Ada");
    await page.getByRole("button", { name: "Choose Ada Admin" }).click();
    await page.getByText("Selected: Ada Admin").waitFor();
    const mail = e2e.server.smtp.waitFor(email);
    await page.getByRole("button", { name: "Send invitation", exact: true }).click();
    await expectToast(page, `Invitation sent to ${email}.`);
    const row = page.getByRole("row", { name: /Nia Newhire/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Pending");
    await expectAccessible(page, "invitations (one pending)");

    const received = await mail;
    expect(received.subject).toMatch(/invited you/);
    const link = linkIn(received.text);
    expect(link).toContain("/accept-invite?token=");

    const invitee = await newSession(e2e);
    await invitee.page.goto(link);
    await invitee.page.getByRole("heading", { level: 1, name: /^Join Inviting/ }).waitFor();
    await expectAccessible(invitee.page, "accept invitation");
    expect(await invitee.page.getByLabel(/^Your name/).inputValue()).toBe("Nia Newhire");
    await invitee.page.getByLabel(/^Password/).fill("short");
    await invitee.page.getByLabel(/^Repeat the password/).fill("short");
    await invitee.page.getByRole("button", { name: "Accept invitation" }).click();
    await invitee.page.getByRole("alert").waitFor();
    await invitee.page.getByLabel(/^Password/).fill("my-own-long-password");
    await invitee.page.getByLabel(/^Repeat the password/).fill("my-own-long-password");
    await invitee.page.getByRole("button", { name: "Accept invitation" }).click();
    await invitee.page.waitForURL((url) => url.pathname === "/");
    await invitee.page.getByRole("heading", { level: 1, name: "Welcome, Nia" }).waitFor();
    // A program manager sees "New program" in the navigation and the organization's statistics.
    await invitee.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "New program" })
      .waitFor();
    await invitee.page.getByRole("heading", { name: "People by department" }).waitFor();
    await expectAccessible(invitee.page, "home (new program manager)");

    // The same link cannot be used twice.
    const again = await newSession(e2e);
    await again.page.goto(link);
    await again.page.getByRole("heading", { level: 1, name: "Invitation not available" }).waitFor();
    expect(await again.page.getByRole("alert").textContent()).toMatch(/already accepted/i);
    await again.context.close();
    await invitee.context.close();

    await page.reload();
    await page.getByLabel("Show").selectOption("all");
    await page.getByRole("row", { name: /Nia Newhire.*Accepted/ }).waitFor();
    await context.close();
  });

  it("resends and revokes invitations", async () => {
    const org = await makeOrganization(e2e.server.db);
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin" });
    const { page, context } = await signedInSession(e2e, admin.email);
    await visit(page, "/admin/invitations", "Invitations");
    for (const { email, name } of [
      { email: "keep@example.test", name: "Kim Keep" },
      { email: "drop@example.test", name: "Dan Drop" },
    ]) {
      const mail = e2e.server.smtp.waitFor(email);
      await page.getByLabel(/^Email/).fill(email);
      await page.getByLabel(/^Name/).fill(name);
      await page.getByRole("button", { name: "Send invitation", exact: true }).click();
      await expectToast(page, `Invitation sent to ${email}.`);
      await mail;
    }
    const resent = e2e.server.smtp.waitFor("keep@example.test");
    await page.getByRole("button", { name: "Resend invitation to keep@example.test" }).click();
    await expectToast(page, "Sent a new link to keep@example.test.");
    expect(linkIn((await resent).text)).toContain("/accept-invite?token=");

    await page.getByRole("button", { name: "Revoke invitation to drop@example.test" }).click();
    await page.getByRole("button", { name: "Confirm revoke invitation to drop@example.test" }).click();
    await expectToast(page, "Revoked the invitation to drop@example.test.");
    await page.getByRole("row", { name: /Dan Drop/ }).waitFor({ state: "detached" });
    await page.getByLabel("Show").selectOption("all");
    await page.getByRole("row", { name: /Dan Drop.*Revoked/ }).waitFor();
    await expectAccessible(page, "invitations (all)");
    await context.close();
  });

  it("sees the dashboard charts, edits a person's role and manager, and reads the audit log", async () => {
    const org = await makeOrganization(e2e.server.db, "Charting");
    const admin = await makePerson(e2e.server.db, org, {
      role: "org_admin",
      name: "Ali Admin",
      department: "Operations",
    });
    const lead = await makePerson(e2e.server.db, org, {
      name: "Lee Lead",
      department: "Engineering",
      seniority: 7,
    });
    const dev = await makePerson(e2e.server.db, org, {
      name: "Dev Eloper",
      department: "Engineering",
      seniority: 3,
    });
    await makeProgram(e2e.server.db, org, admin.id, { name: "Engineering mentoring" });
    const { page, context } = await signedInSession(e2e, admin.email);

    await visit(page, "/", "Welcome, Ali");
    const chart = page.getByRole("img", { name: "Bar chart: People by department" });
    await chart.waitFor();
    expect(await chart.getAttribute("aria-describedby")).toBeTruthy();
    // The numbers are also in a table for screen readers.
    const table = page.getByRole("table", { name: "People by department" });
    expect(await table.getByRole("row", { name: "Engineering 2" }).count()).toBe(1);
    await page
      .getByRole("table", { name: "Enrolment per program" })
      .getByRole("row", { name: /Engineering mentoring 0/ })
      .waitFor();
    await expectAccessible(page, "home (admin, charts)");

    await visit(page, "/people", "People");
    await page.getByRole("link", { name: "Dev Eloper" }).click();
    await page.getByRole("heading", { level: 1, name: "Dev Eloper" }).waitFor();
    await expectAccessible(page, "person (admin view)");
    const profileForm = page.getByRole("form", { name: "Edit Dev Eloper's profile" });
    await profileForm.getByLabel("Search for manager").fill("Lee");
    await profileForm.getByRole("button", { name: "Choose Lee Lead" }).click();
    await profileForm.getByLabel("Seniority level").selectOption("4");
    await profileForm.getByRole("button", { name: "Save profile" }).click();
    await expectToast(page, "Saved Dev Eloper's profile.");
    await page.getByRole("link", { name: "Lee Lead" }).first().waitFor();

    const roleForm = page.getByRole("form", { name: "Change Dev Eloper's role" });
    await roleForm.getByLabel("Role").selectOption("sponsor");
    await roleForm.getByRole("button", { name: "Change role" }).click();
    await expectToast(page, "Dev Eloper is now sponsor.");

    // The reporting line cannot loop: Lee cannot report to Dev, who reports to Lee.
    await page.goto(`/people/${lead.id}`);
    const leadForm = page.getByRole("form", { name: "Edit Lee Lead's profile" });
    await leadForm.getByLabel("Search for manager").fill("Dev");
    await leadForm.getByRole("button", { name: "Choose Dev Eloper" }).click();
    await leadForm.getByRole("button", { name: "Save profile" }).click();
    await leadForm.getByRole("alert").waitFor();
    expect(await leadForm.getByRole("alert").textContent()).toMatch(/loop/);
    await expectAccessible(page, "person with a server error");

    await visit(page, "/admin/audit", "Audit log");
    await page.getByRole("cell", { name: "Person role changed" }).waitFor();
    await expectAccessible(page, "audit log");
    await page.getByLabel("Action").selectOption("person.role_changed");
    await page.waitForURL((url) => url.searchParams.get("action") === "person.role_changed");
    await page.getByRole("cell", { name: "Person profile updated" }).waitFor({ state: "detached" });
    expect(await page.getByRole("cell", { name: "Person role changed" }).count()).toBe(1);

    await visit(page, "/admin/organization", "Organization");
    await expectAccessible(page, "organization");
    await page.getByLabel(/^Organization name/).fill("Charting Works");
    await page.getByRole("button", { name: "Rename" }).click();
    await expectToast(page, "The organization is now called Charting Works.");

    // Dev, now a sponsor, sees the aggregate charts but cannot create programs or reach admin pages.
    const sponsor = await signedInSession(e2e, dev.email);
    await visit(sponsor.page, "/", "Welcome, Dev");
    await sponsor.page.getByRole("img", { name: "Bar chart: Enrolment per program" }).waitFor();
    const nav = sponsor.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "New program" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    await expectAccessible(sponsor.page, "home (sponsor)");
    await visit(sponsor.page, "/admin/audit", "Audit log");
    expect(await sponsor.page.getByRole("alert").textContent()).toMatch(/for org admins/);
    await sponsor.context.close();
    await context.close();
  });
});
