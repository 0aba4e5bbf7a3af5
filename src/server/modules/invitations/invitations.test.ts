import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
let org: string;
let asAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
});
afterAll(() => ctx.close());

const tokenFrom = (text: string) => /accept-invite\?token=([\w-]+)/.exec(text)?.[1] ?? "";

describe("invitations", () => {
  it("invites by email, and the invitee accepts through the mailed link and signs in", async () => {
    const mail = ctx.smtp.waitFor("new.hire@example.test");
    const res = await asAdmin.post("/api/invitations", {
      email: "New.Hire@Example.test",
      name: "New Hire",
      role: "program_manager",
      department: "Product",
    });
    expect(res.status).toBe(201);
    expect(res.body.emailDelivered).toBe(true);
    expect(res.body.invitation).toMatchObject({
      email: "new.hire@example.test",
      status: "pending",
      role: "program_manager",
    });
    const token = tokenFrom((await mail).text);
    expect(token.length).toBeGreaterThan(20);

    const anon = client(ctx.app);
    const preview = await anon.get(`/api/invitations/preview?token=${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ email: "new.hire@example.test", name: "New Hire" });

    expect(
      (await anon.post("/api/invitations/accept", { token, name: "New Hire", password: "short" })).status,
    ).toBe(400);
    const accepted = await anon.post("/api/invitations/accept", {
      token,
      name: "Nia Hire",
      password: "a-good-long-password",
    });
    expect(accepted.status).toBe(200);

    const cookie = await signIn(ctx.app, "new.hire@example.test", "a-good-long-password");
    const me = await client(ctx.app, cookie).get("/api/me");
    expect(me.body.person).toMatchObject({
      name: "Nia Hire",
      orgRole: "program_manager",
      department: "Product",
      status: "active",
    });

    const reused = await anon.post("/api/invitations/accept", {
      token,
      name: "X",
      password: "a-good-long-password",
    });
    expect(reused.status).toBe(410);
    const list = await asAdmin.get("/api/invitations");
    expect(list.body.items[0].status).toBe("accepted");
  });

  it("refuses an email already in the organization", async () => {
    const existing = await makePerson(ctx.db, org);
    const res = await asAdmin.post("/api/invitations", { email: existing.email, name: "Dup" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("people.email_taken");
  });

  it("answers 404 for unknown tokens and 410 for expired ones", async () => {
    expect((await client(ctx.app).get("/api/invitations/preview?token=not-a-real-token-at-all")).status).toBe(
      404,
    );
    const mail = ctx.smtp.waitFor("late@example.test");
    const res = await asAdmin.post("/api/invitations", { email: "late@example.test", name: "Late" });
    const token = tokenFrom((await mail).text);
    await ctx.db
      .updateTable("invitation")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("id", "=", res.body.invitation.id)
      .execute();
    const preview = await client(ctx.app).get(`/api/invitations/preview?token=${token}`);
    expect(preview.status).toBe(410);
    expect(preview.body.error.code).toBe("invitations.expired");

    const resendMail = ctx.smtp.waitFor("late@example.test");
    const resent = await asAdmin.post(`/api/invitations/${res.body.invitation.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.invitation.status).toBe("pending");
    const fresh = tokenFrom((await resendMail).text);
    expect((await client(ctx.app).get(`/api/invitations/preview?token=${fresh}`)).status).toBe(200);
    expect((await client(ctx.app).get(`/api/invitations/preview?token=${token}`)).status).toBe(404);
  });

  it("revokes a pending invitation so its link stops working", async () => {
    const mail = ctx.smtp.waitFor("revoked@example.test");
    const res = await asAdmin.post("/api/invitations", { email: "revoked@example.test", name: "Rev" });
    const token = tokenFrom((await mail).text);
    expect((await asAdmin.delete(`/api/invitations/${res.body.invitation.id}`)).status).toBe(204);
    expect((await client(ctx.app).get(`/api/invitations/preview?token=${token}`)).status).toBe(404);
    const again = await asAdmin.post("/api/invitations", {
      email: "revoked@example.test",
      name: "Rev Again",
    });
    expect(again.status).toBe(201);
  });

  it("pages newest first with a cursor, and shows only open ones on request", async () => {
    const sent: string[] = [];
    for (const name of ["Page One", "Page Two", "Page Three"]) {
      const email = `${name.replace(" ", ".").toLowerCase()}@example.test`;
      const mail = ctx.smtp.waitFor(email);
      sent.push((await asAdmin.post("/api/invitations", { email, name })).body.invitation.id);
      await mail;
    }
    await asAdmin.delete(`/api/invitations/${sent[1]}`);
    const all = (await asAdmin.get("/api/invitations?limit=200")).body.items.map((i: { id: string }) => i.id);
    expect(all.slice(0, 3)).toEqual([...sent].reverse());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asAdmin.get(`/api/invitations?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const open = await asAdmin.get("/api/invitations?show=open&limit=1");
    expect(open.body.items.map((i: { id: string }) => i.id)).toEqual([sent[2]]);
    const next = await asAdmin.get(`/api/invitations?show=open&limit=1&cursor=${open.body.nextCursor}`);
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([sent[0]]);
    expect((await asAdmin.get("/api/invitations?cursor=xyz")).status).toBe(400);
  });
});
