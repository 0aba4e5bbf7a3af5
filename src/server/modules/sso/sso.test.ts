import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDataKey } from "../../lib/crypto.ts";
import { rotateMasterKey } from "../../lib/key-rotation.ts";
import {
  client,
  makeOrganization,
  makePerson,
  makeWebhookEndpoint,
  signIn,
} from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { startIdentityProvider, type TestIdentityProvider } from "../../testing/oidc-provider.ts";

let ctx: TestContext;
let idp: TestIdentityProvider;
let orgA: string;
let orgB: string;
let slugA: string;
let asAdminA: ReturnType<typeof client>;
let asAdminB: ReturnType<typeof client>;
let asMemberA: ReturnType<typeof client>;

beforeAll(async () => {
  // The provider runs on loopback, which the outbound guard refuses unless allowlisted.
  ctx = await createTestContext({ env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
  idp = await startIdentityProvider({ redirectUris: [`${ctx.config.publicUrl}/api/sso/callback`] });
  orgA = await makeOrganization(ctx.db, "Acme");
  orgB = await makeOrganization(ctx.db, "Globex");
  slugA = (
    await ctx.db.selectFrom("organization").select("slug").where("id", "=", orgA).executeTakeFirstOrThrow()
  ).slug;
  const adminA = await makePerson(ctx.db, orgA, { role: "org_admin" });
  const adminB = await makePerson(ctx.db, orgB, { role: "org_admin" });
  const memberA = await makePerson(ctx.db, orgA);
  asAdminA = client(ctx.app, await signIn(ctx.app, adminA.email));
  asAdminB = client(ctx.app, await signIn(ctx.app, adminB.email));
  asMemberA = client(ctx.app, await signIn(ctx.app, memberA.email));
});
afterAll(async () => {
  await idp?.close();
  await ctx?.close();
});

const settingsOf = (overrides: Record<string, unknown> = {}) => ({
  issuerUrl: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  allowedDomains: [],
  jitProvisioning: true,
  enabled: true,
  ...overrides,
});

async function configureA(overrides: Record<string, unknown> = {}) {
  const res = await asAdminA.put("/api/sso/config", settingsOf(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const cookiesOf = (res: Response) => res.headers.getSetCookie();

interface SsoOutcome {
  location: string;
  /** The session cookie to send, when the sign-in worked. */
  session: string | null;
  setCookies: string[];
}

/** A browser's trip: Trellis's start, the provider's login and consent as `login`, and back to the callback. */
async function ssoSignIn(
  start: string,
  login: string,
  tamper: (callback: URL) => URL = (u) => u,
  stateCookie?: (cookie: string) => string,
  provider: TestIdentityProvider = idp,
): Promise<SsoOutcome> {
  const started = await ctx.app.request(`/api/sso/start?${start}`);
  expect(started.status).toBe(302);
  const toIdp = started.headers.get("location") ?? "";
  if (!toIdp.startsWith(provider.issuer)) return { location: toIdp, session: null, setCookies: [] };
  const state = cookiesOf(started)
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("trellis.sso_state="));
  expect(state).toBeDefined();
  const back = tamper(new URL(await provider.authorize(toIdp, login)));
  expect(`${back.origin}${back.pathname}`).toBe(`${ctx.config.publicUrl}/api/sso/callback`);
  const cookie = stateCookie ? stateCookie(state ?? "") : (state ?? "");
  const done = await ctx.app.request(`${back.pathname}${back.search}`, { headers: cookie ? { cookie } : {} });
  expect(done.status).toBe(302);
  const session = cookiesOf(done)
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("trellis.session_token=") && c.length > "trellis.session_token=".length);
  return {
    location: done.headers.get("location") ?? "",
    session: session ?? null,
    setCookies: cookiesOf(done),
  };
}

async function auditActions(organizationId: string) {
  const rows = await ctx.db
    .selectFrom("audit_event")
    .select(["action", "details"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }));
}

describe("single sign-on settings", () => {
  it("starts empty, with the redirect URI to register", async () => {
    const res = await asAdminA.get("/api/sso/config");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      redirectUri: "http://localhost:3000/api/sso/callback",
      scopes: "openid email profile",
      connection: null,
    });
    expect(res.body.signInUrl).toBe(`http://localhost:3000/api/sso/start?org=${slugA}`);
  });

  it("refuses an issuer that cannot be discovered, and a first save without a secret", async () => {
    const unreachable = await asAdminA.put(
      "/api/sso/config",
      settingsOf({ issuerUrl: "http://127.0.0.1:9" }),
    );
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.error.code).toBe("sso.discovery_failed");
    expect(unreachable.body.error.message).toContain("http://127.0.0.1:9/.well-known/openid-configuration");
    const privateAddress = await asAdminA.put(
      "/api/sso/config",
      settingsOf({ issuerUrl: "https://10.0.0.1" }),
    );
    expect(privateAddress.status).toBe(422);
    expect(privateAddress.body.error.code).toBe("outbound_url.forbidden_address");
    const notHttp = await asAdminA.put(
      "/api/sso/config",
      settingsOf({ issuerUrl: "ftp://login.example.com" }),
    );
    expect(notHttp.status).toBe(422);
    expect(notHttp.body.error.code).toBe("sso.issuer_invalid");
    const wrongIssuer = await asAdminA.put(
      "/api/sso/config",
      settingsOf({ issuerUrl: `${idp.issuer}/other` }),
    );
    expect(wrongIssuer.status).toBe(422);
    const { clientSecret: _, ...noSecret } = settingsOf();
    const first = await asAdminA.put("/api/sso/config", noSecret);
    expect(first.status).toBe(422);
    expect(first.body.error.code).toBe("sso.secret_required");
    expect((await asAdminA.get("/api/sso/config")).body.connection).toBeNull();
  });

  it("saves after discovery, keeps the secret encrypted and never returns it", async () => {
    const saved = await configureA({ allowedDomains: [" Acme.TEST", "@acme.test"] });
    expect(saved.connection).toMatchObject({
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecretSet: true,
      allowedDomains: ["acme.test"],
      jitProvisioning: true,
      enabled: true,
    });
    expect(JSON.stringify(saved)).not.toContain(idp.clientSecret);
    const row = await ctx.db
      .selectFrom("sso_connection")
      .selectAll()
      .where("organization_id", "=", orgA)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_encrypted).not.toContain(idp.clientSecret);
    expect(row.client_secret_encrypted.startsWith("v1.")).toBe(true);
    // Saving again without the secret keeps it (and discovery still works with the kept one).
    const { clientSecret: _, ...noSecret } = settingsOf({ jitProvisioning: false });
    const again = await asAdminA.put("/api/sso/config", noSecret);
    expect(again.status).toBe(200);
    expect(again.body.connection).toMatchObject({ clientSecretSet: true, jitProvisioning: false });
    const audit = (await auditActions(orgA)).filter((e) => e.action.startsWith("sso."));
    expect(audit.map((e) => e.action)).toEqual(["sso.configured", "sso.updated"]);
    expect(audit[1]?.details).toMatchObject({ clientSecretChanged: false, jitProvisioning: false });
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
  });

  it("is for org admins only, and each admin sees and changes their own organization's only", async () => {
    expect((await asMemberA.get("/api/sso/config")).status).toBe(403);
    expect((await asMemberA.put("/api/sso/config", settingsOf())).status).toBe(403);
    expect((await asMemberA.delete("/api/sso/config")).status).toBe(403);
    expect((await client(ctx.app).get("/api/sso/config")).status).toBe(401);
    const seenByB = await asAdminB.get("/api/sso/config");
    expect(seenByB.status).toBe(200);
    expect(seenByB.body.connection).toBeNull();
    expect((await asAdminB.delete("/api/sso/config")).status).toBe(404);
    const savedByB = await asAdminB.put("/api/sso/config", settingsOf({ enabled: false }));
    expect(savedByB.status).toBe(200);
    const a = await asAdminA.get("/api/sso/config");
    expect(a.body.connection.enabled).toBe(true);
    expect((await asAdminB.delete("/api/sso/config")).status).toBe(204);
    expect((await asAdminA.get("/api/sso/config")).body.connection).not.toBeNull();
    expect((await auditActions(orgB)).map((e) => e.action)).toContain("sso.removed");
  });

  it("closes the body: unknown fields answer 400", async () => {
    const res = await asAdminA.put("/api/sso/config", { ...settingsOf(), organizationId: orgB });
    expect(res.status).toBe(400);
  });
});

describe("signing in with single sign-on", () => {
  it("creates a member just in time, with a session like a password one", async () => {
    await configureA({ allowedDomains: ["acme.test"] });
    await makeWebhookEndpoint(ctx.db, orgA, ["person.created"]);
    idp.setUser("sub-new", { email: "New.Person@Acme.test", emailVerified: true, name: "New Person" });
    const out = await ssoSignIn("email=new.person%40acme.test", "sub-new");
    expect(out.location).toBe("/");
    expect(out.session).not.toBeNull();
    const session = out.setCookies.find((c) => c.startsWith("trellis.session_token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const asNew = client(ctx.app, out.session ?? "");
    const me = await asNew.get("/api/me");
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body.person).toMatchObject({
      email: "new.person@acme.test",
      name: "New Person",
      orgRole: "member",
    });
    const account = await ctx.db
      .selectFrom("auth_account")
      .select(["provider_id", "account_id", "password"])
      .where("account_id", "=", "sub-new")
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ provider_id: `oidc:${orgA}`, account_id: "sub-new", password: null });
    const signIns = (await auditActions(orgA)).filter((e) => e.action === "auth.sso_sign_in");
    expect(signIns.at(-1)?.details).toMatchObject({ outcome: "provisioned", issuer: idp.issuer });
    const created = await ctx.db
      .selectFrom("webhook_event")
      .select("data")
      .where("organization_id", "=", orgA)
      .where("type", "=", "person.created")
      .execute();
    expect(created.map((e) => JSON.parse(e.data))).toMatchObject([
      { personId: me.body.person.id, source: "sso", status: "active" },
    ]);
    await ctx.db.deleteFrom("webhook_delivery").where("organization_id", "=", orgA).execute();
    await ctx.db.deleteFrom("webhook_endpoint").where("organization_id", "=", orgA).execute();

    // A later email change at the provider still finds the same person, by subject.
    idp.setUser("sub-new", { email: "renamed@acme.test", emailVerified: true });
    const again = await ssoSignIn(`org=${slugA}`, "sub-new");
    const meAgain = await client(ctx.app, again.session ?? "").get("/api/me");
    expect(meAgain.body.person.id).toBe(me.body.person.id);

    // Signing out ends the session.
    const out2 = await ctx.app.request("/api/auth/sign-out", {
      method: "POST",
      headers: {
        cookie: again.session ?? "",
        origin: "http://localhost:3000",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(out2.status).toBe(200);
    expect((await client(ctx.app, again.session ?? "").get("/api/me")).status).toBe(401);
  });

  it("links an active person by email, case-insensitively, keeping their password", async () => {
    await configureA();
    const ada = await makePerson(ctx.db, orgA, { email: "ada.lovelace@acme.test" });
    idp.setUser("sub-ada", { email: "ADA.Lovelace@acme.test", emailVerified: true });
    const out = await ssoSignIn("email=ada.lovelace%40acme.test", "sub-ada");
    expect(out.location).toBe("/");
    const me = await client(ctx.app, out.session ?? "").get("/api/me");
    expect(me.body.person.id).toBe(ada.id);
    expect((await auditActions(orgA)).at(-1)).toMatchObject({
      action: "auth.sso_sign_in",
      details: { outcome: "linked" },
    });
    await signIn(ctx.app, ada.email);
  });

  it("activates an invited person and accepts their invitation", async () => {
    await configureA();
    const invited = await asAdminA.post("/api/invitations", {
      email: "grace@acme.test",
      name: "Grace Hopper",
    });
    expect(invited.status).toBe(201);
    idp.setUser("sub-grace", { email: "grace@acme.test", emailVerified: true });
    const out = await ssoSignIn("email=grace%40acme.test", "sub-grace");
    expect(out.location).toBe("/");
    const me = await client(ctx.app, out.session ?? "").get("/api/me");
    expect(me.body.person).toMatchObject({ id: invited.body.invitation.personId, name: "Grace Hopper" });
    const invitations = await asAdminA.get("/api/invitations");
    const row = invitations.body.items.find((i: { email: string }) => i.email === "grace@acme.test");
    expect(row.status).toBe("accepted");
  });

  it("refuses an email the provider has not verified", async () => {
    await configureA();
    idp.setUser("sub-unverified", { email: "unverified@acme.test", emailVerified: false });
    const out = await ssoSignIn(`org=${slugA}`, "sub-unverified");
    expect(out.location).toBe("/sign-in?sso_error=email_unverified");
    expect(out.session).toBeNull();
    const person = await ctx.db
      .selectFrom("person")
      .select("id")
      .where("email", "=", "unverified@acme.test")
      .executeTakeFirst();
    expect(person).toBeUndefined();
    expect((await auditActions(orgA)).at(-1)).toMatchObject({
      action: "auth.sso_sign_in_failed",
      details: { reason: "email_unverified" },
    });
  });

  it("refuses a wrong state, a missing state cookie and a forged one", async () => {
    await configureA();
    idp.setUser("sub-state", { email: "state@acme.test", emailVerified: true });
    const wrong = await ssoSignIn(`org=${slugA}`, "sub-state", (u) => {
      u.searchParams.set("state", "not-the-state");
      return u;
    });
    expect(wrong.location).toBe("/sign-in?sso_error=state_mismatch");
    expect(wrong.session).toBeNull();
    const noCookie = await ssoSignIn(`org=${slugA}`, "sub-state", undefined, () => "");
    expect(noCookie.location).toBe("/sign-in?sso_error=expired");
    const forged = await ssoSignIn(
      `org=${slugA}`,
      "sub-state",
      undefined,
      () => "trellis.sso_state=v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    );
    expect(forged.location).toBe("/sign-in?sso_error=expired");
    const person = await ctx.db
      .selectFrom("person")
      .select("id")
      .where("email", "=", "state@acme.test")
      .execute();
    expect(person).toEqual([]);
  });

  it("sets a short-lived, HttpOnly, SameSite=Lax state cookie for the callback only", async () => {
    await configureA();
    const started = await ctx.app.request(`/api/sso/start?org=${slugA}`);
    const cookie = cookiesOf(started).find((c) => c.startsWith("trellis.sso_state=")) ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    expect(cookie).toMatch(/Path=\/api\/sso\/callback/i);
    const location = new URL(started.headers.get("location") ?? "");
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("scope")).toBe("openid email profile");
    expect(location.searchParams.get("nonce")).toBeTruthy();
    expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/sso/callback");
  });

  it("refuses when single sign-on is switched off, also for a sign-in already under way", async () => {
    await configureA({ enabled: false });
    const started = await ctx.app.request(`/api/sso/start?org=${slugA}`);
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toBe("/sign-in?sso_error=disabled");
    await configureA();
    idp.setUser("sub-midway", { email: "midway@acme.test", emailVerified: true });
    const out = await ssoSignIn(
      `org=${slugA}`,
      "sub-midway",
      (u) => u,
      (c) => c,
    );
    expect(out.location).toBe("/");
    // Switched off between the start and the callback.
    const start = await ctx.app.request(`/api/sso/start?org=${slugA}`);
    const state = (cookiesOf(start)[0] ?? "").split(";")[0] ?? "";
    const back = new URL(await idp.authorize(start.headers.get("location") ?? "", "sub-midway"));
    await configureA({ enabled: false });
    const done = await ctx.app.request(`${back.pathname}${back.search}`, { headers: { cookie: state } });
    expect(done.headers.get("location")).toBe("/sign-in?sso_error=disabled");
    await configureA();
  });

  it("refuses a deactivated person, and deactivation ends an SSO session", async () => {
    await configureA();
    const person = await makePerson(ctx.db, orgA, { email: "leaver@acme.test" });
    idp.setUser("sub-leaver", { email: "leaver@acme.test", emailVerified: true });
    const out = await ssoSignIn("email=leaver%40acme.test", "sub-leaver");
    const asLeaver = client(ctx.app, out.session ?? "");
    expect((await asLeaver.get("/api/me")).status).toBe(200);
    const deactivated = await asAdminA.put(`/api/people/${person.id}/status`, { status: "deactivated" });
    expect(deactivated.status).toBe(200);
    expect((await asLeaver.get("/api/me")).status).toBe(401);
    const again = await ssoSignIn("email=leaver%40acme.test", "sub-leaver");
    expect(again.location).toBe("/sign-in?sso_error=deactivated");
    expect(again.session).toBeNull();
  });

  it("refuses an email domain that is not allowed", async () => {
    await configureA({ allowedDomains: ["acme.test"] });
    idp.setUser("sub-outsider", { email: "outsider@elsewhere.test", emailVerified: true });
    const out = await ssoSignIn(`org=${slugA}`, "sub-outsider");
    expect(out.location).toBe("/sign-in?sso_error=domain_not_allowed");
    expect(out.session).toBeNull();
  });

  it("refuses an unknown email when just-in-time accounts are off", async () => {
    await configureA({ jitProvisioning: false });
    idp.setUser("sub-stranger", { email: "stranger@acme.test", emailVerified: true });
    const out = await ssoSignIn(`org=${slugA}`, "sub-stranger");
    expect(out.location).toBe("/sign-in?sso_error=no_account");
    await configureA();
  });

  it("finds the organization by an allowed domain, and says so when it cannot", async () => {
    await configureA({ allowedDomains: ["acme.test"] });
    const byDomain = await ctx.app.request("/api/sso/start?email=first.timer%40acme.test");
    expect(byDomain.headers.get("location")?.startsWith(idp.issuer)).toBe(true);
    expect(new URL(byDomain.headers.get("location") ?? "").searchParams.get("login_hint")).toBe(
      "first.timer@acme.test",
    );
    for (const query of ["email=someone%40unknown.test", "org=no-such-org", "", "email=not-an-email"]) {
      const res = await ctx.app.request(`/api/sso/start?${query}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/sign-in?sso_error=not_configured");
    }
    await configureA();
  });

  it("sends the browser back to the sign-in page when the provider refuses", async () => {
    await configureA();
    const start = await ctx.app.request(`/api/sso/start?org=${slugA}`);
    const state = (cookiesOf(start)[0] ?? "").split(";")[0] ?? "";
    const sent = new URL(start.headers.get("location") ?? "");
    const done = await ctx.app.request(
      `/api/sso/callback?error=access_denied&state=${sent.searchParams.get("state")}`,
      { headers: { cookie: state } },
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/sign-in?sso_error=denied");
  });

  it("survives a master key rotation: the client secret is re-encrypted", async () => {
    await configureA();
    const newKey = newDataKey();
    const report = await rotateMasterKey(ctx.db, ctx.masterKey, newKey);
    expect(report.ssoSecrets).toBeGreaterThanOrEqual(1);
    const rotated = ctx.appWithMasterKey(newKey);
    idp.setUser("sub-rotation", { email: "rotation@acme.test", emailVerified: true });
    const start = await rotated.request(`/api/sso/start?org=${slugA}`);
    const state = (cookiesOf(start)[0] ?? "").split(";")[0] ?? "";
    const back = new URL(await idp.authorize(start.headers.get("location") ?? "", "sub-rotation"));
    const done = await rotated.request(`${back.pathname}${back.search}`, { headers: { cookie: state } });
    expect(done.headers.get("location")).toBe("/");
    await rotateMasterKey(ctx.db, newKey, ctx.masterKey);
  });

  it("takes the email from the ID token when the provider puts it there", async () => {
    const inToken = await startIdentityProvider({
      redirectUris: [`${ctx.config.publicUrl}/api/sso/callback`],
      emailInIdToken: true,
    });
    try {
      const saved = await asAdminB.put("/api/sso/config", {
        issuerUrl: inToken.issuer,
        clientId: inToken.clientId,
        clientSecret: inToken.clientSecret,
      });
      expect(saved.status).toBe(200);
      const slugB = (
        await ctx.db
          .selectFrom("organization")
          .select("slug")
          .where("id", "=", orgB)
          .executeTakeFirstOrThrow()
      ).slug;
      inToken.setUser("sub-token", { email: "token@globex.test", emailVerified: true, name: "Tia Token" });
      const out = await ssoSignIn(`org=${slugB}`, "sub-token", undefined, undefined, inToken);
      expect(out.location).toBe("/");
      const me = await client(ctx.app, out.session ?? "").get("/api/me");
      expect(me.body.person).toMatchObject({ email: "token@globex.test", name: "Tia Token" });
      expect(me.body.organization.id).toBe(orgB);
      // The same subject at another organization's provider is another person: links are per organization.
      idp.setUser("sub-token", { email: "token@acme.test", emailVerified: true });
      await configureA();
      const inA = await ssoSignIn(`org=${slugA}`, "sub-token");
      const meA = await client(ctx.app, inA.session ?? "").get("/api/me");
      expect(meA.body.organization.id).toBe(orgA);
      expect(meA.body.person.id).not.toBe(me.body.person.id);
    } finally {
      await inToken.close();
    }
  });
});
