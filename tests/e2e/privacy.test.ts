import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("your data (GDPR)", () => {
  it("downloads your data from your profile", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Data");
    const me = await makePerson(db, org, { name: "Dana Download" });
    const { page, context } = await signedInSession(e2e, me.email);
    await visit(page, "/me", "My profile");
    const link = page.getByRole("link", { name: "Download my data" });
    await link.waitFor();
    await expectAccessible(page, "my profile with the data download");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^trellis-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const res = await context.request.get("/api/me/data-export");
    const data = await res.json();
    expect(data.subject.name).toBe("Dana Download");
    await context.close();
  });

  it("lets an org admin erase a person after typing their email", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Erase");
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    const target = await makePerson(db, org, { name: "Eli Erased" });
    const { page, context } = await signedInSession(e2e, admin.email);
    await visit(page, `/people/${target.id}`, "Eli Erased");
    await page.getByRole("button", { name: "Erase person…" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase Eli Erased?" });
    await dialog.waitFor();
    await expectAccessible(page, "erase dialog");
    await dialog.getByLabel("Email").fill("someone-else@example.test");
    await dialog.getByRole("button", { name: "Erase permanently" }).click();
    await dialog.getByText(`Type ${target.email} to confirm.`).first().waitFor();
    await dialog.getByLabel("Email").fill(target.email);
    await dialog.getByRole("button", { name: "Erase permanently" }).click();
    await expectToast(page, "Eli Erased is erased.");
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    const gone = await db.selectFrom("person").select("id").where("id", "=", target.id).executeTakeFirst();
    expect(gone).toBeUndefined();
    await context.close();
  });
});
