import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, signIn, TEST_PASSWORD } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const auditActions = async (orgId: string) =>
  await ctx.db
    .selectFrom("audit_event")
    .select(["action", "details"])
    .where("organization_id", "=", orgId)
    .execute();

describe("sign-in, sign-out and password reset", () => {
  it("signs in with email and password, records it, and signs out", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const cookie = await signIn(ctx.app, member.email);
    expect(cookie).toMatch(/trellis\.session_token=/);
    const me = await client(ctx.app, cookie).get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.person.email).toBe(member.email);
    expect((await auditActions(org)).map((a) => a.action)).toContain("auth.sign_in");

    const out = await client(ctx.app, cookie).post("/api/auth/sign-out", {});
    expect(out.status).toBe(200);
    expect((await client(ctx.app, cookie).get("/api/me")).status).toBe(401);
  });

  it("rejects a wrong password and records the failed attempt without the password", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const res = await client(ctx.app).post("/api/auth/sign-in/email", {
      email: member.email,
      password: "wrong-password-1",
    });
    expect(res.status).toBe(401);
    const failed = (await auditActions(org)).filter((a) => a.action === "auth.sign_in_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.details).not.toContain("wrong-password-1");
  });

  it("does not let a deactivated person sign in", async () => {
    const org = await makeOrganization(ctx.db);
    const p = await makePerson(ctx.db, org, { status: "deactivated" });
    const res = await client(ctx.app).post("/api/auth/sign-in/email", {
      email: p.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(403);
  });

  it("does not allow public sign-up", async () => {
    const res = await client(ctx.app).post("/api/auth/sign-up/email", {
      email: "stranger@example.test",
      password: "long-enough-password",
      name: "Stranger",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const user = await ctx.db
      .selectFrom("auth_user")
      .select("id")
      .where("email", "=", "stranger@example.test")
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it("resets a forgotten password through a link sent by email", async () => {
    const org = await makeOrganization(ctx.db);
    const p = await makePerson(ctx.db, org);
    const mail = ctx.smtp.waitFor(p.email);
    const asked = await client(ctx.app).post("/api/auth/request-password-reset", {
      email: p.email,
      redirectTo: "/reset-password",
    });
    expect(asked.status).toBe(200);
    const received = await mail;
    expect(received.subject).toMatch(/reset/i);
    const token = /reset-password\?token=([\w-]+)/.exec(received.text)?.[1];
    expect(token).toBeTruthy();

    const reset = await client(ctx.app).post("/api/auth/reset-password", {
      newPassword: "a-brand-new-secret",
      token,
    });
    expect(reset.status).toBe(200);
    await expect(signIn(ctx.app, p.email)).rejects.toThrow(/Sign-in failed/);
    expect(await signIn(ctx.app, p.email, "a-brand-new-secret")).toMatch(/session_token/);

    const again = await client(ctx.app).post("/api/auth/reset-password", {
      newPassword: "yet-another-secret",
      token,
    });
    expect(again.status).toBe(400);
  });

  it("stores passwords as argon2id hashes", async () => {
    const org = await makeOrganization(ctx.db);
    const p = await makePerson(ctx.db, org);
    const account = await ctx.db
      .selectFrom("auth_account")
      .innerJoin("auth_user", "auth_user.id", "auth_account.user_id")
      .select("auth_account.password")
      .where("auth_user.email", "=", p.email)
      .executeTakeFirst();
    expect(account?.password).toMatch(/^\$argon2id\$/);
  });
});
