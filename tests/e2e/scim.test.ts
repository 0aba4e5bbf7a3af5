import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("SCIM provisioning", () => {
  it("an org admin creates a token, sees it once, and revokes it", async () => {
    const org = await makeOrganization(e2e.server.db, "Provisioned");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Sam Scim" });
    const { page } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/integrations", "Integrations");
    await page.getByRole("link", { name: "Provisioning (SCIM 2.0)" }).click();
    await page.getByRole("heading", { level: 1, name: "SCIM provisioning" }).waitFor();
    await page.getByText("No provisioning tokens yet").waitFor();
    const baseUrl = page.getByRole("textbox", { name: "SCIM base URL" });
    expect(await baseUrl.inputValue()).toBe(`${e2e.server.url}/scim/v2`);
    await expectAccessible(page, "provisioning (empty)");

    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("alert").first().waitFor();

    await page.getByLabel(/^Token name/).fill("Okta");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByRole("textbox", { name: "Token", exact: true });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^trellis_scim_/);
    await expectAccessible(page, "provisioning (token shown once)");

    const scim = await fetch(`${e2e.server.url}/scim/v2/Users?count=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(scim.status).toBe(200);
    expect(scim.headers.get("content-type")).toMatch(/^application\/scim\+json/);

    await page.getByRole("button", { name: "I have stored it" }).click();
    await secret.waitFor({ state: "detached" });
    const row = page.getByRole("row", { name: /Okta/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: "Revoke Okta" }).click();
    await expectAccessible(page, "provisioning (confirm revoke)");
    await row.getByRole("button", { name: "Confirm revoke Okta" }).click();
    await expectToast(page, "Token “Okta” revoked. Provisioning with it stops now.");
    await page.getByText("No provisioning tokens yet").waitFor();
    const refused = await fetch(`${e2e.server.url}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
  }, 60_000);
});
