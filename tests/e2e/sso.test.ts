import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { startIdentityProvider, type TestIdentityProvider } from "../../src/server/testing/oidc-provider.ts";
import { type E2E, expectToast, newSession, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
let idp: TestIdentityProvider;

beforeAll(async () => {
  // The provider runs on loopback, which the outbound guard refuses unless allowlisted.
  e2e = await startE2E({ env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
  idp = await startIdentityProvider({ redirectUris: [`${e2e.server.url}/api/sso/callback`] });
});
afterAll(async () => {
  await idp?.close();
  await e2e?.close();
});

describe("single sign-on", () => {
  it("an org admin sets it up, and a new person signs in through the identity provider", async () => {
    const org = await makeOrganization(e2e.server.db, "Federated");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Sam Signon" });
    const { page } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/integrations", "Integrations");
    await page.getByRole("link", { name: "Single sign-on (OIDC)" }).click();
    await page.getByRole("heading", { level: 1, name: "Single sign-on" }).waitFor();
    await page.getByText("Single sign-on is not set up").waitFor();
    expect(await page.getByLabel("Redirect URI").inputValue()).toBe(`${e2e.server.url}/api/sso/callback`);
    await expectAccessible(page, "sso settings (empty)");

    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByLabel(/^Issuer URL/).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel(/^Issuer URL/).fill("http://127.0.0.1:9");
    await page.getByLabel(/^Client id/).fill(idp.clientId);
    await page.getByLabel(/^Client secret/).fill(idp.clientSecret);
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/Could not read http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/)
      .first()
      .waitFor();

    await page.getByLabel(/^Issuer URL/).fill(idp.issuer);
    await page.getByLabel(/^Allowed email domains/).fill("federated.example");
    await page.getByRole("button", { name: "Save" }).click();
    await expectToast(page, "Saved. People can now sign in with single sign-on.");
    await page.getByText(/A secret is saved/).waitFor();
    expect(await page.getByLabel(/^Client secret/).inputValue()).toBe("");
    await page.getByText("On", { exact: true }).waitFor();
    await expectAccessible(page, "sso settings (saved)");

    idp.setUser("sub-e2e", { email: "new.hire@federated.example", emailVerified: true, name: "Nia Newhire" });
    const visitor = await newSession(e2e);
    const p = visitor.page;
    await p.goto("/sign-in");
    await p.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await p.getByRole("button", { name: "Sign in with single sign-on" }).click();
    await p.getByRole("heading", { level: 1, name: "Sign in with single sign-on" }).waitFor();
    await expectAccessible(p, "sign-in (single sign-on)");
    await p.getByLabel(/^Work email/).fill("new.hire@federated.example");
    await p.getByRole("button", { name: "Continue" }).click();

    // The identity provider's own development login and consent pages.
    await p.waitForURL((url) => url.origin === idp.issuer);
    await p.locator("input[name=login]").fill("sub-e2e");
    await p.locator("input[name=password]").fill("any password");
    await p.locator("button[type=submit]").click();
    await p.locator("button[type=submit]", { hasText: "Continue" }).click();

    await p.waitForURL((url) => url.origin === e2e.server.url && url.pathname === "/");
    await p.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    const cookies = await visitor.context.cookies(e2e.server.url);
    const session = cookies.find((c) => c.name === "trellis.session_token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(cookies.find((c) => c.name === "trellis.sso_state")).toBeUndefined();
    await visitor.context.close();
  }, 90_000);

  it("the sign-in page says why single sign-on did not work", async () => {
    const { page, context } = await newSession(e2e);
    await page.goto("/sign-in?sso_error=email_unverified");
    await page.getByRole("heading", { level: 1, name: "Sign in with single sign-on" }).waitFor();
    await page
      .getByRole("alert")
      .getByText(/has not verified your email address/)
      .waitFor();
    await expectAccessible(page, "sign-in (single sign-on error)");
    await page.getByRole("button", { name: "Sign in with a password instead" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectAccessible(page, "sign-in (password)");
    // A code that is not one of Trellis's shows nothing of the URL.
    await page.goto("/sign-in?sso_error=%3Cb%3Ehello%3C%2Fb%3E");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(await page.getByText("hello").count()).toBe(0);
    await context.close();
  }, 60_000);
});
