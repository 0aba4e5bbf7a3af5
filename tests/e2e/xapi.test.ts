import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { startTestLrs, type TestLrs } from "../../src/server/testing/lrs.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
let lrs: TestLrs;

beforeAll(async () => {
  lrs = await startTestLrs();
  // The test LRS is local, so the server allowlists loopback (plain http too), as a dev setup would.
  e2e = await startE2E({ env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
});
afterAll(async () => {
  await e2e?.close();
  await lrs?.close();
});

describe("xAPI", () => {
  it("an org admin connects the LRS, sends a test statement and sees it in the statement log", async () => {
    const org = await makeOrganization(e2e.server.db, "Recorded");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Xena Xapi" });
    const { page } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/integrations", "Integrations");
    await page.getByRole("link", { name: "Learning record store (xAPI)" }).click();
    await page.getByRole("heading", { level: 1, name: "Learning record store (xAPI)" }).waitFor();
    await page.getByText("No statements yet").waitFor();
    expect(await page.getByRole("button", { name: "Send test statement" }).isDisabled()).toBe(true);
    await expectAccessible(page, "xapi (empty)");

    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByLabel(/^xAPI endpoint/).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel(/^xAPI endpoint/).fill("https://10.0.0.1/xapi/");
    await page.getByLabel(/^Key/).fill(lrs.key);
    await page.getByLabel(/^Secret/).fill(lrs.secret);
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText(/10\.0\.0\.1, a private address/).waitFor();

    await page.getByLabel(/^xAPI endpoint/).fill(lrs.endpoint);
    await page.getByLabel("Send training events to this LRS").check();
    await page.getByRole("button", { name: "Save connection" }).click();
    await expectToast(page, "Saved. Training events are sent to your LRS.");
    await page.getByText(/A secret is saved/).waitFor();
    expect(await page.getByLabel(/^Secret/).inputValue()).toBe("");
    await expectAccessible(page, "xapi (saved)");

    await page.getByRole("button", { name: "Send test statement" }).click();
    await page.getByText("The LRS stored the test statement.").waitFor();
    expect(lrs.statements).toHaveLength(1);
    const row = page.getByRole("row", { name: /Test statement/ });
    await row.getByText("Sent").waitFor();
    expect(await row.textContent()).toContain("experienced");
    expect(await row.textContent()).toContain("Trellis LRS connection test");
    await expectAccessible(page, "xapi (statement log)");
  }, 60_000);
});
