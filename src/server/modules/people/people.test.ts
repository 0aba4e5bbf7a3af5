import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
let org: string;
let admin: Awaited<ReturnType<typeof makePerson>>;
let member: Awaited<ReturnType<typeof makePerson>>;
let asAdmin: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  admin = await makePerson(ctx.db, org, {
    role: "org_admin",
    name: "Alice Admin",
    department: "Engineering",
  });
  member = await makePerson(ctx.db, org, {
    name: "Mo Member",
    department: "Sales",
    seniority: 2,
    careerGoals: "Lead a sales team",
    location: "Berlin",
    languages: ["German", "English"],
  });
  await makePerson(ctx.db, org, { name: "Zed Zebra", department: "Sales", title: "Account Executive" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
});
afterAll(() => ctx.close());

describe("people directory", () => {
  it("searches by name, title and department, case-insensitively", async () => {
    const byName = await asMember.get("/api/people?q=zEbRa");
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(["Zed Zebra"]);
    const byTitle = await asMember.get("/api/people?q=account%20exec");
    expect(byTitle.body.total).toBe(1);
    const wildcard = await asMember.get("/api/people?q=%25");
    expect(wildcard.body.total).toBe(0);
  });

  it("filters by department, role, location and language and pages the results", async () => {
    expect((await asMember.get("/api/people?department=Sales")).body.total).toBe(2);
    expect((await asMember.get("/api/people?role=org_admin")).body.items[0].id).toBe(admin.id);
    expect((await asMember.get("/api/people?location=Berlin")).body.total).toBe(1);
    expect((await asMember.get("/api/people?language=German")).body.items[0].id).toBe(member.id);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asMember.get(`/api/people?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBe(3);
      names.push(page.body.items[0].name);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(3);
  });

  it("finds people by their changed title at once, through the search index", async () => {
    const before = await asMember.get("/api/people?q=Quartermaster");
    expect(before.body.total).toBe(0);
    expect((await asAdmin.patch(`/api/people/${member.id}`, { title: "Chief Quartermaster" })).status).toBe(
      200,
    );
    const after = await asMember.get("/api/people?q=quarterMASTER");
    expect(after.body.items.map((p: { id: string }) => p.id)).toEqual([member.id]);
    expect((await asMember.get('/api/people?q="quarter')).body.total).toBe(0);
    expect((await asAdmin.patch(`/api/people/${member.id}`, { title: null })).status).toBe(200);
    expect((await asMember.get("/api/people?q=Quartermaster")).body.total).toBe(0);
  });

  it("lists the caller's reports, direct and indirect, by name, with reportsTo=me", async () => {
    const team = await makeOrganization(ctx.db);
    const chief = await makePerson(ctx.db, team, { name: "Chief" });
    const lead = await makePerson(ctx.db, team, { name: "Lead", managerId: chief.id });
    const report = await makePerson(ctx.db, team, { name: "Analyst", managerId: lead.id });
    await makePerson(ctx.db, team, { name: "Gone", managerId: lead.id, status: "deactivated" });
    await makePerson(ctx.db, team, { name: "Peer" });
    const asChief = client(ctx.app, await signIn(ctx.app, chief.email));
    const below = await asChief.get("/api/people?reportsTo=me");
    expect(below.body.items.map((p: { id: string }) => p.id)).toEqual([report.id, lead.id]);
    expect(below.body.total).toBe(2);
    expect((await asChief.get("/api/people?reportsTo=me&q=lead")).body.total).toBe(1);
    const asLead = client(ctx.app, await signIn(ctx.app, lead.email));
    expect(
      (await asLead.get("/api/people?reportsTo=me")).body.items.map((p: { id: string }) => p.id),
    ).toEqual([report.id]);
    expect((await asMember.get("/api/people?reportsTo=me")).body.total).toBe(0);
    expect((await asMember.get("/api/people?reportsTo=someone")).status).toBe(400);

    const profile = (await asChief.get(`/api/people/${lead.id}`)).body;
    expect(profile).toMatchObject({ directReports: [{ id: report.id }], directReportCount: 1 });
    const wide = await makePerson(ctx.db, team, { name: "Wide" });
    for (let i = 0; i < 22; i++)
      await makePerson(ctx.db, team, { name: `Report ${String(i).padStart(2, "0")}`, managerId: wide.id });
    const wideProfile = (await asChief.get(`/api/people/${wide.id}`)).body;
    expect(wideProfile.directReports).toHaveLength(20);
    expect(wideProfile.directReports[0].name).toBe("Report 00");
    expect(wideProfile.directReportCount).toBe(22);
  });

  it("refuses a cursor it did not give out", async () => {
    for (const cursor of ["nonsense", Buffer.from("[1,2,3]").toString("base64url"), "W251bGwsIngiXQ"]) {
      const res = await asMember.get(`/api/people?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("cursor");
    }
    expect((await asMember.get("/api/people?limit=201")).status).toBe(400);
  });

  it("offers filter values, the most common first", async () => {
    const facets = await asMember.get("/api/people/facets");
    expect(facets.status).toBe(200);
    expect(facets.body.departments).toEqual({
      items: [
        { value: "Sales", count: 2 },
        { value: "Engineering", count: 1 },
      ],
      nextCursor: null,
      total: 2,
    });
    expect(facets.body.languages.items).toContainEqual({ value: "German", count: 1 });
    expect(facets.body.locations.items).toEqual([{ value: "Berlin", count: 1 }]);
  });

  it("names the 25 most common values of a facet and pages and searches the rest", async () => {
    const big = await makeOrganization(ctx.db);
    const boss = await makePerson(ctx.db, big, { department: "Dept 00", languages: ["Basque", "Welsh"] });
    for (let i = 0; i < 30; i++) {
      await makePerson(ctx.db, big, {
        department: `Dept ${String(i).padStart(2, "0")}`,
        languages: i < 3 ? ["Welsh"] : [],
      });
    }
    const asBoss = client(ctx.app, await signIn(ctx.app, boss.email));
    const summary = (await asBoss.get("/api/people/facets")).body;
    expect(summary.departments.items).toHaveLength(25);
    expect(summary.departments.total).toBe(30);
    expect(summary.departments.items[0]).toEqual({ value: "Dept 00", count: 2 });
    expect(summary.departments.items[1]).toEqual({ value: "Dept 01", count: 1 });
    expect(summary.languages).toEqual({
      items: [
        { value: "Welsh", count: 4 },
        { value: "Basque", count: 1 },
      ],
      nextCursor: null,
      total: 2,
    });

    const rest = await asBoss.get(`/api/people/facets/department?cursor=${summary.departments.nextCursor}`);
    expect(rest.status).toBe(200);
    expect(rest.body.items.map((v: { value: string }) => v.value)).toEqual(
      ["25", "26", "27", "28", "29"].map((n) => `Dept ${n}`),
    );
    expect(rest.body.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asBoss.get(
        `/api/people/facets/department?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(30);
      seen.push(...page.body.items.map((v: { value: string }) => v.value));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);

    const found = await asBoss.get("/api/people/facets/department?q=ePT%202");
    expect(found.body.total).toBe(10);
    expect(found.body.items[0].value).toBe("Dept 20");
    expect((await asBoss.get("/api/people/facets/language?q=wel")).body.items).toEqual([
      { value: "Welsh", count: 4 },
    ]);
    expect((await asBoss.get("/api/people/facets/department?q=%25")).body.total).toBe(0);
    expect((await asBoss.get("/api/people/facets/location")).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect((await asMember.get("/api/people/facets/department?q=Dept")).body.total).toBe(0);
  });

  it("refuses an unknown facet, a page over 200 and a cursor it did not give out", async () => {
    expect((await asMember.get("/api/people/facets/seniority")).status).toBe(400);
    expect((await asMember.get("/api/people/facets/department?limit=201")).status).toBe(400);
    const bad = await asMember.get("/api/people/facets/department?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cursor");
  });

  it("never lists people of another organization", async () => {
    const other = await makeOrganization(ctx.db, "Other");
    const stranger = await makePerson(ctx.db, other, { name: "Zed Stranger" });
    const res = await asMember.get("/api/people?q=zed");
    expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(stranger.id);
    expect((await asAdmin.get(`/api/people/${stranger.id}`)).status).toBe(404);
    expect((await asAdmin.patch(`/api/people/${stranger.id}`, { title: "x" })).status).toBe(404);
  });
});

describe("profiles", () => {
  it("hides seniority and career goals from other members, shows them to admins, and audits admin reads", async () => {
    const other = await makePerson(ctx.db, org);
    const asOther = client(ctx.app, await signIn(ctx.app, other.email));
    const seen = await asOther.get(`/api/people/${member.id}`);
    expect(seen.body.visibility).toBe("directory");
    expect(seen.body.seniority).toBeNull();
    expect(seen.body.careerGoals).toBeNull();

    const full = await asAdmin.get(`/api/people/${member.id}`);
    expect(full.body.visibility).toBe("full");
    expect(full.body.careerGoals).toBe("Lead a sales team");
    const audit = await asAdmin.get("/api/audit?action=person.profile_read");
    expect(audit.body.items[0].target.id).toBe(member.id);
    expect(audit.body.items[0].actor.id).toBe(admin.id);
  });

  it("lets people edit their own profile but not their department or role", async () => {
    const res = await asMember.patch("/api/me/profile", {
      title: "Senior Account Executive",
      timeZone: "Europe/Berlin",
      skills: [{ name: "Negotiation", level: 4 }],
      interests: ["Leadership"],
    });
    expect(res.status).toBe(200);
    expect(res.body.skills).toEqual([{ name: "Negotiation", level: 4 }]);
    expect((await asMember.patch("/api/me/profile", { department: "Engineering" })).status).toBe(400);
    expect((await asMember.patch(`/api/people/${member.id}`, { department: "Engineering" })).status).toBe(
      403,
    );
  });

  it("rejects an unknown time zone, duplicate skills and out-of-range levels with field details", async () => {
    const res = await asMember.patch("/api/me/profile", {
      timeZone: "Mars/Olympus",
      skills: [
        { name: "A", level: 9 },
        { name: "a", level: 1 },
      ],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["timeZone", "skills.0.level"]));
  });

  it("lets admins set department, seniority and manager, and refuses a reporting loop", async () => {
    const boss = await makePerson(ctx.db, org, { name: "Boss" });
    const res = await asAdmin.patch(`/api/people/${member.id}`, {
      department: "Product",
      seniority: 3,
      managerId: boss.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.manager).toEqual({ id: boss.id, name: "Boss" });
    const loop = await asAdmin.patch(`/api/people/${boss.id}`, { managerId: member.id });
    expect(loop.status).toBe(422);
    expect(loop.body.error.code).toBe("people.reporting_cycle");
    const self = await asAdmin.patch(`/api/people/${boss.id}`, { managerId: boss.id });
    expect(self.body.error.code).toBe("people.reporting_cycle");
  });

  it("changes roles with an audit entry and keeps at least one admin", async () => {
    const res = await asAdmin.put(`/api/people/${member.id}/role`, { role: "program_manager" });
    expect(res.status).toBe(200);
    expect(res.body.orgRole).toBe("program_manager");
    const audit = await asAdmin.get("/api/audit?action=person.role_changed");
    expect(audit.body.items[0].details).toEqual({ from: "member", to: "program_manager" });
    const demote = await asAdmin.put(`/api/people/${admin.id}/role`, { role: "member" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("people.last_admin");
  });

  it("deactivating a person signs them out", async () => {
    const p = await makePerson(ctx.db, org);
    const asP = client(ctx.app, await signIn(ctx.app, p.email));
    expect((await asP.get("/api/me")).status).toBe(200);
    expect((await asAdmin.put(`/api/people/${p.id}/status`, { status: "deactivated" })).status).toBe(200);
    expect((await asP.get("/api/me")).status).toBe(401);
  });
});
