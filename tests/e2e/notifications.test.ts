import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("email notification preferences", () => {
  it("turns a kind of email off from the navigation, keeps it off after a reload, and cannot turn off account emails", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Prefs");
    const me = await makePerson(db, org, { name: "Nora Notify" });
    const { page, context } = await signedInSession(e2e, me.email);
    await visit(page, "/", /./);
    await page.getByRole("link", { name: "Email notifications" }).click();
    await page.getByRole("heading", { level: 1, name: "Email notifications" }).waitFor();
    const nudges = page.getByRole("checkbox", { name: "Nudges" });
    expect(await nudges.isChecked()).toBe(true);
    const account = page.getByRole("checkbox", { name: "Account and security" });
    expect(await account.isChecked()).toBe(true);
    expect(await account.isDisabled()).toBe(true);
    await expectAccessible(page, "email notification preferences");

    await nudges.focus();
    await page.keyboard.press("Space");
    expect(await nudges.isChecked()).toBe(false);
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expectToast(page, "Your email preferences are saved.");
    await page.getByRole("status").filter({ hasText: "Your email preferences are saved." }).first().waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Email notifications" }).waitFor();
    await page.getByRole("checkbox", { name: "Nudges" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Nudges" }).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", { name: "Requests to you" }).isChecked()).toBe(true);
    const saved = await db
      .selectFrom("notification_preference")
      .select(["category", "enabled"])
      .where("person_id", "=", me.id)
      .execute();
    expect(saved.find((r) => r.category === "inactivity_nudges")?.enabled).toBe(0);
    await expectAccessible(page, "email notification preferences after a reload");
    await context.close();
  });
});
