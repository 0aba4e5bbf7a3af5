import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRegistry } from "./lib/access.ts";
import { createRateLimits, SlidingWindowLimiter } from "./lib/rate-limit.ts";
import { client, makeOrganization, makePerson, signIn, TEST_PASSWORD } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";
import { totpCode } from "./testing/totp.ts";

const INVITATION_LIMIT = 3;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    rateLimits: createRateLimits({ invitations: INVITATION_LIMIT }),
    env: { TRUST_PROXY: "on" },
  });
});
afterAll(() => ctx.close());

const ANY_ID = "01900000-0000-7000-8000-000000000000";
const concrete = (template: string) => template.replace(/\{\w+\}/g, ANY_ID).replace(/\/\*$/, "/sign-out");

/**
 * Routes a browser's cookie can reach. SCIM routes take only a bearer token, which a browser never adds by
 * itself, so a page on another site cannot ride on it; access.test.ts shows that a session cookie gets 401 there.
 */
const stateChanging = () =>
  [...accessRegistry().entries()]
    .filter(([, rule]) => rule.who !== "scim_token")
    .map(([key]) => key.split(" ") as [string, string])
    .filter(([method]) => method !== "GET" && method !== "HEAD");

describe("cross-site request forgery", () => {
  it("refuses every state-changing route from another origin, or a browser that says it is cross-site", async () => {
    const routes = stateChanging();
    expect(routes.length).toBeGreaterThan(80);
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const cookie = await signIn(ctx.app, admin.email);
    const refused: string[] = [];
    for (const [method, template] of routes) {
      const path = concrete(template);
      const attempts: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: "", "sec-fetch-site": "cross-site" },
        { origin: "", "sec-fetch-site": "same-site" },
      ];
      for (const headers of attempts) {
        const res = await client(ctx.app, cookie).call(method, path, {}, headers);
        if (res.status === 403 && res.body?.error?.code === "auth.untrusted_origin") refused.push(path);
        else expect.fail(`${method} ${path} with ${JSON.stringify(headers)} answered ${res.status}`);
      }
    }
    expect(refused).toHaveLength(routes.length * 4);
  }, 120_000);

  it("lets the app's own pages through", async () => {
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const cookie = await signIn(ctx.app, admin.email);
    const res = await client(ctx.app, cookie).post(
      "/api/invitations",
      { email: "same-origin@example.test", name: "Same Origin" },
      { "sec-fetch-site": "same-origin" },
    );
    expect(res.status).toBe(201);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const res = await ctx.app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ email: member.email, password: TEST_PASSWORD }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("trellis.session_token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it("answers 404 for the parts of better-auth that Trellis does not use", async () => {
    for (const path of ["/api/auth/sign-up/email", "/api/auth/update-user", "/api/auth/delete-user"]) {
      expect((await client(ctx.app).post(path, {})).status).toBe(404);
    }
  });
});

describe("security headers", () => {
  it("sends a script-tight CSP, nosniff and no framing on every answer", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const asMember = client(ctx.app, await signIn(ctx.app, member.email));
    const answers = [
      await client(ctx.app).get("/api/health"),
      await client(ctx.app).get("/api/docs"),
      await client(ctx.app).get("/api/me"),
      await client(ctx.app).get("/no/such/page"),
      await asMember.get("/api/me"),
      await asMember.post("/api/programs", { nonsense: true }),
    ];
    for (const res of answers) {
      const csp = res.headers.get("content-security-policy") ?? "";
      const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(scripts).toBe("'self'");
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("marks every answer that can hold personal data no-store", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const asMember = client(ctx.app, await signIn(ctx.app, member.email));
    for (const path of ["/api/me", "/api/people", "/api/home", "/api/records/me", "/api/people/nobody"]) {
      expect((await asMember.get(path)).headers.get("cache-control"), path).toBe("no-store");
    }
    expect((await client(ctx.app).get("/api/openapi.json")).headers.get("cache-control")).toBeNull();
  });
});

describe("rate limits", () => {
  it("answers 429 after 10 failed sign-ins to one account in a minute, even with the right password", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const attempt = (password: string, ip: string) =>
      client(ctx.app).post(
        "/api/auth/sign-in/email",
        { email: member.email, password },
        { "x-forwarded-for": ip },
      );
    for (let i = 0; i < 10; i++)
      expect((await attempt(`wrong-password-${i}`, `10.0.0.${i}`)).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD, "10.0.1.1");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("auth.rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    const other = await makePerson(ctx.db, org);
    expect(await signIn(ctx.app, other.email)).toMatch(/session_token/);
  });

  it("answers 429 after 10 failed sign-ins from one address in a minute, whichever the accounts", async () => {
    const org = await makeOrganization(ctx.db);
    const ip = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 10; i++) {
      const person = await makePerson(ctx.db, org);
      const res = await client(ctx.app).post(
        "/api/auth/sign-in/email",
        { email: person.email, password: "not-their-password" },
        ip,
      );
      expect(res.status).toBe(401);
    }
    const next = await makePerson(ctx.db, org);
    const blocked = await client(ctx.app).post(
      "/api/auth/sign-in/email",
      { email: next.email, password: TEST_PASSWORD },
      ip,
    );
    expect(blocked.status).toBe(429);
    const elsewhere = await client(ctx.app).post(
      "/api/auth/sign-in/email",
      { email: next.email, password: TEST_PASSWORD },
      { "x-forwarded-for": "203.0.113.10" },
    );
    expect(elsewhere.status).toBe(200);
  });

  it("forgets failures once the window has passed", () => {
    const limiter = new SlidingWindowLimiter(2, 60_000);
    limiter.record("k", 0);
    limiter.record("k", 30_000);
    expect(limiter.retryAfter("k", 59_000)).toBe(1);
    expect(limiter.retryAfter("k", 60_001)).toBe(0);
  });

  it("limits password-reset emails to 5 an hour per account", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const ask = () =>
      client(ctx.app).post("/api/auth/request-password-reset", {
        email: member.email,
        redirectTo: "/reset-password",
      });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(200);
    const blocked = await ask();
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBeTruthy();
  });

  it("limits the invitations one admin sends in an hour", async () => {
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
    for (let i = 0; i < INVITATION_LIMIT; i++) {
      const res = await asAdmin.post("/api/invitations", {
        email: `limit-${i}@example.test`,
        name: `N ${i}`,
      });
      expect(res.status).toBe(201);
    }
    const blocked = await asAdmin.post("/api/invitations", { email: "limit-x@example.test", name: "X" });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("invitations.rate_limited");
    expect(blocked.headers.get("retry-after")).toBeTruthy();
    const invited = await ctx.db
      .selectFrom("invitation")
      .select("email")
      .where("email", "=", "limit-x@example.test")
      .executeTakeFirst();
    expect(invited).toBeUndefined();
  });
});

describe("sessions end when they should", () => {
  it("on sign-out", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const cookie = await signIn(ctx.app, member.email);
    expect((await client(ctx.app, cookie).post("/api/auth/sign-out", {})).status).toBe(200);
    expect((await client(ctx.app, cookie).get("/api/me")).status).toBe(401);
  });

  it("on a password change, on every other device, whatever the client asks", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const laptop = await signIn(ctx.app, member.email);
    const phone = await signIn(ctx.app, member.email);
    const changed = await ctx.app.request("/api/auth/change-password", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie: laptop },
      body: JSON.stringify({
        currentPassword: TEST_PASSWORD,
        newPassword: "a-fresh-long-passphrase",
        revokeOtherSessions: false,
      }),
    });
    expect(changed.status).toBe(200);
    const renewed = changed.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect((await client(ctx.app, phone).get("/api/me")).status).toBe(401);
    expect((await client(ctx.app, laptop).get("/api/me")).status).toBe(401);
    expect((await client(ctx.app, renewed).get("/api/me")).status).toBe(200);
    expect(await signIn(ctx.app, member.email, "a-fresh-long-passphrase")).toMatch(/session_token/);
  });

  it("when an admin deactivates the person", async () => {
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const member = await makePerson(ctx.db, org);
    const cookie = await signIn(ctx.app, member.email);
    expect((await client(ctx.app, cookie).get("/api/me")).status).toBe(200);
    const asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
    expect((await asAdmin.put(`/api/people/${member.id}/status`, { status: "deactivated" })).status).toBe(
      200,
    );
    expect((await client(ctx.app, cookie).get("/api/me")).status).toBe(401);
    expect((await client(ctx.app, cookie).get("/api/auth/get-session")).body).toBeNull();
  });
});

describe("password policy", () => {
  const COMMON = ["password123", "qwertyuiop", "Summer2024!", "iloveyou99", "1q2w3e4r5t"];

  it("refuses a common password when changing it", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const cookie = await signIn(ctx.app, member.email);
    for (const newPassword of COMMON) {
      const res = await client(ctx.app, cookie).post("/api/auth/change-password", {
        currentPassword: TEST_PASSWORD,
        newPassword,
      });
      expect(res.status, newPassword).toBe(422);
      expect(res.body.error.code).toBe("auth.password_too_common");
    }
    const short = await client(ctx.app, cookie).post("/api/auth/change-password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(short.status).toBe(422);
    expect(short.body.error.code).toBe("auth.password_too_short");
  });

  it("refuses a common password on reset and on accepting an invitation", async () => {
    const reset = await client(ctx.app).post("/api/auth/reset-password", {
      token: "any-token-at-all",
      newPassword: "password1234",
    });
    expect(reset.status).toBe(422);
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
    const mail = ctx.smtp.waitFor("common-pw@example.test");
    expect(
      (await asAdmin.post("/api/invitations", { email: "common-pw@example.test", name: "Common" })).status,
    ).toBe(201);
    const token = /accept-invite\?token=([\w-]+)/.exec((await mail).text)?.[1] ?? "";
    const accepted = await client(ctx.app).post("/api/invitations/accept", {
      token,
      name: "Common",
      password: "baseball2025",
    });
    expect(accepted.status).toBe(422);
    expect(accepted.body.error.code).toBe("auth.password_too_common");
    expect(accepted.body.error.details).toEqual({ field: "password" });
  });
});

describe("two-step verification (TOTP)", () => {
  it("an admin turns it on with an authenticator app; signing in then needs the code", async () => {
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const cookie = await signIn(ctx.app, admin.email);
    const asAdmin = client(ctx.app, cookie);
    const enabled = await asAdmin.post("/api/auth/two-factor/enable", { password: TEST_PASSWORD });
    expect(enabled.status).toBe(200);
    const uri: string = enabled.body.totpURI;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Trellis:/);
    expect(enabled.body.backupCodes).toHaveLength(10);
    // Not on until the first code from the app proves it is set up.
    expect((await asAdmin.get("/api/auth/get-session")).body.user.twoFactorEnabled).toBe(false);
    expect((await asAdmin.post("/api/auth/two-factor/verify-totp", { code: "000000" })).status).toBe(401);
    const confirmed = await asAdmin.post("/api/auth/two-factor/verify-totp", { code: totpCode(uri) });
    expect(confirmed.status).toBe(200);

    const first = await client(ctx.app).post("/api/auth/sign-in/email", {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(first.status).toBe(200);
    expect(first.body.twoFactorRedirect).toBe(true);
    const challenge = first.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .filter((c) => c && !c.endsWith("="))
      .join("; ");
    expect((await client(ctx.app, challenge).get("/api/me")).status).toBe(401);
    const wrong = await client(ctx.app, challenge).post("/api/auth/two-factor/verify-totp", {
      code: "123456",
    });
    expect(wrong.status).toBe(401);
    const verified = await ctx.app.request("/api/auth/two-factor/verify-totp", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie: challenge },
      body: JSON.stringify({ code: totpCode(uri) }),
    });
    expect(verified.status).toBe(200);
    const session = verified.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect((await client(ctx.app, session).get("/api/me")).body.person.email).toBe(admin.email);
    const audited = await ctx.db
      .selectFrom("audit_event")
      .select("action")
      .where("target_id", "=", admin.id)
      .orderBy("id")
      .execute();
    expect(audited.map((a) => a.action).slice(-2)).toEqual(["auth.second_factor_asked", "auth.sign_in"]);

    // A backup code stands in for a lost phone, once.
    const again = await client(ctx.app).post("/api/auth/sign-in/email", {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    const challenge2 = again.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .filter((c) => c && !c.endsWith("="))
      .join("; ");
    const backup = await client(ctx.app, challenge2).post("/api/auth/two-factor/verify-backup-code", {
      code: enabled.body.backupCodes[0],
    });
    expect(backup.status).toBe(200);

    const off = await client(ctx.app, session).post("/api/auth/two-factor/disable", {
      password: TEST_PASSWORD,
    });
    expect(off.status).toBe(200);
    expect(await signIn(ctx.app, admin.email)).toMatch(/session_token=/);
  });
});
