import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrolAt } from "../../testing/analytics.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
let asAdmin: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;
const programIds: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const admin = await makePerson(ctx.db, org, { role: "org_admin", department: "Dept 00" });
  const member = await makePerson(ctx.db, org, { department: "Dept 00" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
  // 25 departments: Dept 00 has 2 people (admin, member) plus i extra in Dept i.
  const people: string[] = [];
  for (let i = 1; i < 25; i++) {
    for (let j = 0; j < (i > 20 ? 1 : 2); j++) {
      people.push((await makePerson(ctx.db, org, { department: `Dept ${String(i).padStart(2, "0")}` })).id);
    }
  }
  // 12 programs; program i has i active enrolments, and an archived one is left out.
  for (let i = 0; i < 12; i++) {
    const id = await makeProgram(ctx.db, org, admin.id, { name: `Program ${String(i).padStart(2, "0")}` });
    programIds.push(id);
    for (let j = 0; j < i; j++)
      await enrolAt(ctx.db, org, id, people[j] ?? "", "mentee", "2026-01-01T00:00:00Z");
  }
  const archived = await makeProgram(ctx.db, org, admin.id, { name: "Archived" });
  await ctx.db.updateTable("program").set({ status: "archived" }).where("id", "=", archived).execute();
});
afterAll(() => ctx.close());

describe("organization stats", () => {
  it("counts every program and enrolment but names only the 10 most enrolled, most first", async () => {
    const res = await asAdmin.get("/api/organization/stats");
    expect(res.status).toBe(200);
    expect(res.body.programCount).toBe(12);
    expect(res.body.enrolments).toBe(66);
    expect(res.body.programs).toHaveLength(10);
    expect(res.body.programs.map((p: { id: string }) => p.id)).toEqual(programIds.slice(2).reverse());
    expect(res.body.programs[0]).toMatchObject({ name: "Program 11", enrolled: 11, kind: "mentoring" });
  });

  it("shows the 19 largest departments (ties by name) by name and folds the rest into one bucket", async () => {
    const res = await asAdmin.get("/api/organization/stats");
    expect(res.body.departments).toBe(25);
    expect(res.body.people.active).toBe(2 + 20 * 2 + 4);
    const buckets: { label: string; count: number }[] = res.body.byDepartment;
    expect(buckets).toHaveLength(20);
    expect(buckets.at(-1)).toEqual({ label: "Other departments", count: 2 + 2 + 4 });
    expect(buckets.slice(0, -1).map((b) => b.label)).toEqual(
      Array.from({ length: 19 }, (_, i) => `Dept ${String(i).padStart(2, "0")}`),
    );
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(res.body.people.active);
  });

  it("is for admins, program managers and sponsors", async () => {
    expect((await asMember.get("/api/organization/stats")).status).toBe(403);
  });
});
