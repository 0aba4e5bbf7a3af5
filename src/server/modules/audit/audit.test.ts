import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe("audit log", () => {
  it("is append-only in the database", async () => {
    const org = await makeOrganization(ctx.db);
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    await signIn(ctx.app, admin.email);
    const count = await ctx.db
      .selectFrom("audit_event")
      .select("id")
      .where("organization_id", "=", org)
      .execute();
    expect(count.length).toBeGreaterThan(0);
    await expect(ctx.db.updateTable("audit_event").set({ action: "tampered" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.db.deleteFrom("audit_event").execute()).rejects.toThrow(/append-only/);
  });

  it("shows an organization's admins only their own organization's events, newest first, filterable", async () => {
    const a = await makeOrganization(ctx.db, "A");
    const b = await makeOrganization(ctx.db, "B");
    const adminA = await makePerson(ctx.db, a, { role: "org_admin" });
    const adminB = await makePerson(ctx.db, b, { role: "org_admin" });
    const asA = client(ctx.app, await signIn(ctx.app, adminA.email));
    await signIn(ctx.app, adminB.email);
    await client(ctx.app).post("/api/auth/sign-in/email", {
      email: adminA.email,
      password: "wrong-password",
    });
    const log = await asA.get("/api/audit");
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "auth.sign_in_failed",
      "auth.sign_in",
    ]);
    expect(log.body.items.every((e: { target: { id: string } }) => e.target.id === adminA.id)).toBe(true);
    const failed = await asA.get("/api/audit?action=auth.sign_in_failed");
    expect(failed.body.total).toBe(1);
    expect(failed.body.actions).toEqual(["auth.sign_in", "auth.sign_in_failed"]);
  });
});

describe("audit log pages", () => {
  it("pages newest first with a cursor, each event once", async () => {
    const org = await makeOrganization(ctx.db, "Paged");
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    let as = client(ctx.app, await signIn(ctx.app, admin.email));
    for (let i = 0; i < 4; i++) as = client(ctx.app, await signIn(ctx.app, admin.email));
    const all = (await as.get("/api/audit?limit=200")).body;
    expect(all.items.length).toBe(5);
    expect(all.nextCursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as.get(`/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(5);
      ids.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.items.map((e: { id: string }) => e.id));
    const bad = await as.get("/api/audit?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cursor");
  });
});
