import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

let ctx: TestContext;
let org: string;
let pm: Awaited<ReturnType<typeof makePerson>>;
let asPm: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;
let asAdmin: ReturnType<typeof client>;

const questionnaire = [
  { id: "goals", type: "short_text", label: "Your goals", required: true, maxLength: 200 },
  {
    id: "focus",
    type: "choice",
    label: "Focus",
    required: false,
    options: ["Career", "Leadership"],
    multiple: true,
  },
  { id: "hours", type: "scale", label: "Hours a month", required: true, min: 1, max: 8 },
];

const valid = () => ({
  kind: "mentoring",
  name: "Spring mentoring",
  description: "Twelve months of mentoring",
  status: "published",
  enrolmentOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
  enrolmentClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  eligibility: { departments: ["Sales"], minSeniority: 1, maxSeniority: 3 },
  questionnaire,
});

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  pm = await makePerson(ctx.db, org, { role: "program_manager" });
  const member = await makePerson(ctx.db, org, { department: "Sales", seniority: 2 });
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  asPm = client(ctx.app, await signIn(ctx.app, pm.email));
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
});
afterAll(() => ctx.close());

describe("programs", () => {
  it("a program manager creates a program of each kind, owning it", async () => {
    for (const kind of ["mentoring", "coaching", "training"]) {
      const res = await asPm.post("/api/programs", { ...valid(), kind, name: `${kind} program` });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind,
        owner: { id: pm.id },
        enrolmentState: "open",
        me: { canEdit: true },
      });
    }
    expect((await asMember.post("/api/programs", valid())).status).toBe(403);
  });

  it("marks a program as leadership track, which feeds the succession view", async () => {
    const res = await asPm.post("/api/programs", {
      ...valid(),
      name: "Future leaders",
      leadershipTrack: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.leadershipTrack).toBe(true);
    const off = await asPm.patch(`/api/programs/${res.body.id}`, { leadershipTrack: false });
    expect(off.body.leadershipTrack).toBe(false);
    expect((await asPm.post("/api/programs", valid())).body.leadershipTrack).toBe(false);
  });

  it("explains what is wrong with a program", async () => {
    const res = await asPm.post("/api/programs", {
      ...valid(),
      enrolmentClosesAt: "2000-01-01T00:00:00Z",
      eligibility: { departments: [], minSeniority: 5, maxSeniority: 2 },
      questionnaire: [{ id: "q", type: "choice", label: "Pick", options: ["only one"] }],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["eligibility.maxSeniority", "questionnaire.0.options"]));
    const dup = await asPm.post("/api/programs", {
      ...valid(),
      questionnaire: [questionnaire[0], { ...questionnaire[0], label: "Again" }],
    });
    expect(dup.status).toBe(422);
    expect(dup.body.error.code).toBe("programs.invalid_questionnaire");
  });

  it("only the owner or an org admin edits; drafts are hidden from members", async () => {
    const created = await asPm.post("/api/programs", { ...valid(), status: "draft" });
    const id = created.body.id;
    expect((await asMember.get(`/api/programs/${id}`)).status).toBe(404);
    const otherPm = await makePerson(ctx.db, org, { role: "program_manager" });
    const asOtherPm = client(ctx.app, await signIn(ctx.app, otherPm.email));
    expect((await asOtherPm.patch(`/api/programs/${id}`, { name: "Taken over" })).status).toBe(403);
    const edited = await asAdmin.patch(`/api/programs/${id}`, { name: "Renamed", status: "published" });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe("Renamed");
    expect((await asMember.get(`/api/programs/${id}`)).status).toBe(200);
  });

  it("a member enrols by answering the questionnaire; answers are checked; duplicates refused", async () => {
    const id = (await asPm.post("/api/programs", valid())).body.id;
    const missing = await asMember.post(`/api/programs/${id}/enrolments`, {
      role: "mentee",
      answers: { hours: 12 },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe("programs.invalid_answers");
    expect(missing.body.error.details.map((d: { questionId: string }) => d.questionId)).toEqual([
      "goals",
      "hours",
    ]);

    const wrongRole = await asMember.post(`/api/programs/${id}/enrolments`, { role: "trainee", answers: {} });
    expect(wrongRole.body.error.code).toBe("programs.invalid_role");

    const answers = { goals: "Grow as a leader", focus: ["Leadership"], hours: 4 };
    const ok = await asMember.post(`/api/programs/${id}/enrolments`, { role: "mentee", answers });
    expect(ok.status).toBe(201);
    expect(ok.body.me.enrolledAs).toEqual(["mentee"]);
    expect(ok.body.enrolledCount).toBe(1);
    const again = await asMember.post(`/api/programs/${id}/enrolments`, { role: "mentee", answers });
    expect(again.status).toBe(409);

    const list = await asPm.get(`/api/programs/${id}/enrolments`);
    expect(list.body.items[0]).toMatchObject({ role: "mentee", answers });
    expect((await asMember.get(`/api/programs/${id}/enrolments`)).status).toBe(403);

    const withdrawn = await asMember.delete(`/api/programs/${id}/enrolments/me?role=mentee`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.me.enrolledAs).toEqual([]);
  });

  it("refuses ineligible people and closed windows with the reason", async () => {
    const engineer = await makePerson(ctx.db, org, { department: "Engineering", seniority: 5 });
    const asEngineer = client(ctx.app, await signIn(ctx.app, engineer.email));
    const id = (await asPm.post("/api/programs", valid())).body.id;
    const shown = await asEngineer.get(`/api/programs/${id}`);
    expect(shown.body.me.eligible).toBe(false);
    const res = await asEngineer.post(`/api/programs/${id}/enrolments`, {
      role: "mentee",
      answers: { goals: "x", hours: 2 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("programs.not_eligible");
    expect(res.body.error.details.reasons).toHaveLength(2);
    const eligibleOnly = await asEngineer.get("/api/programs?eligibleOnly=true");
    expect(eligibleOnly.body.items.map((p: { id: string }) => p.id)).not.toContain(id);

    const closed = await makeProgram(ctx.db, org, pm.id, { opensInDays: -30, closesInDays: -1 });
    const late = await asMember.post(`/api/programs/${closed}/enrolments`, { role: "mentee", answers: {} });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("programs.enrolment_closed");
  });

  it("answers 404 for a program of another organization", async () => {
    const other = await makeOrganization(ctx.db, "Other");
    const otherPm = await makePerson(ctx.db, other, { role: "program_manager" });
    const foreign = await makeProgram(ctx.db, other, otherPm.id);
    expect((await asAdmin.get(`/api/programs/${foreign}`)).status).toBe(404);
    expect(
      (await asMember.post(`/api/programs/${foreign}/enrolments`, { role: "mentee", answers: {} })).status,
    ).toBe(404);
  });
});

describe("program pages", () => {
  it("pages by closing date with a cursor; eligibleOnly and enrolledOnly agree with each program's verdict", async () => {
    const o = await makeOrganization(ctx.db, "Paging");
    const owner = await makePerson(ctx.db, o, { role: "program_manager" });
    const rules = [
      { departments: [], minSeniority: null, maxSeniority: null },
      { departments: ["Sales"], minSeniority: null, maxSeniority: null },
      { departments: ["Sales", "Engineering"], minSeniority: 3, maxSeniority: null },
      { departments: [], minSeniority: null, maxSeniority: 3 },
      { departments: [], minSeniority: 2, maxSeniority: 4 },
      { departments: ["Legal"], minSeniority: 1, maxSeniority: 10 },
    ];
    for (const [i, eligibility] of rules.entries()) {
      await makeProgram(ctx.db, o, owner.id, { eligibility, closesInDays: 10 + i, name: `Open ${i}` });
      await makeProgram(ctx.db, o, owner.id, { eligibility, closesInDays: 10 + i, name: `Open ${i}b` });
    }
    await makeProgram(ctx.db, o, owner.id, { opensInDays: -30, closesInDays: -1, name: "Closed" });
    await makeProgram(ctx.db, o, owner.id, { opensInDays: 5, closesInDays: 40, name: "Not yet" });
    const people = [
      await makePerson(ctx.db, o, {}),
      await makePerson(ctx.db, o, { department: "Sales", seniority: 2 }),
      await makePerson(ctx.db, o, { department: "Engineering", seniority: 5 }),
      await makePerson(ctx.db, o, { department: "Legal", seniority: 3 }),
    ];
    type Item = { id: string; me: { eligible: boolean; enrolledAs: string[] }; enrolmentState: string };
    const everyPage = async (as: ReturnType<typeof client>, query: string) => {
      const items: Item[] = [];
      let cursor: string | null = null;
      do {
        const res = await as.get(`/api/programs?limit=2${query}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return items;
    };
    for (const person of people) {
      const as = client(ctx.app, await signIn(ctx.app, person.email));
      const all = (await as.get("/api/programs?limit=200")).body.items as Item[];
      expect(all).toHaveLength(14);
      expect((await everyPage(as, "")).map((p) => p.id)).toEqual(all.map((p) => p.id));
      const joinable = all.filter((p) => p.me.eligible && p.enrolmentState === "open").map((p) => p.id);
      expect((await everyPage(as, "&eligibleOnly=true")).map((p) => p.id)).toEqual(joinable);
      const first = joinable[0];
      if (first) {
        expect(
          (await as.post(`/api/programs/${first}/enrolments`, { role: "mentee", answers: {} })).status,
        ).toBe(201);
      }
      const enrolled = await everyPage(as, "&enrolledOnly=true");
      expect(enrolled.map((p) => p.id)).toEqual(first ? [first] : []);
      expect(enrolled.every((p) => p.me.enrolledAs.includes("mentee"))).toBe(true);
    }
    const sales = client(ctx.app, await signIn(ctx.app, people[1]?.email ?? ""));
    expect((await everyPage(sales, "&eligibleOnly=true")).length).toBe(8);
    expect((await sales.get("/api/programs?cursor=bm9wZQ")).status).toBe(400);
  });

  it("pages a program's enrolments in the order people enrolled, with the total", async () => {
    const o = await makeOrganization(ctx.db, "Enrolments");
    const ownerPm = await makePerson(ctx.db, o, { role: "program_manager" });
    const asOwner = client(ctx.app, await signIn(ctx.app, ownerPm.email));
    const id = await makeProgram(ctx.db, o, ownerPm.id);
    const joined: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await makePerson(ctx.db, o, {});
      await client(ctx.app, await signIn(ctx.app, p.email)).post(`/api/programs/${id}/enrolments`, {
        role: i % 2 ? "mentor" : "mentee",
        answers: {},
      });
      joined.push(p.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await asOwner.get(
        `/api/programs/${id}/enrolments?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.body.total).toBe(5);
      seen.push(...res.body.items.map((e: { person: { id: string } }) => e.person.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(joined);
  });
});
