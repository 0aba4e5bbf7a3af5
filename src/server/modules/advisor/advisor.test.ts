import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAREER_ANSWERS } from "../../testing/advisor.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, publishedCourse } from "../../testing/training.ts";

type Client = ReturnType<typeof client>;
let ctx: TestContext;
let asManager: Client;
let asReport: Client;
let asPeer: Client;
let asAdmin: Client;
let asOther: Client;
let reportId: string;
let managerId: string;
let courseId: string;
const programs: Record<string, string> = {};

const SKILL_WITH_COURSE = {
  horizon: "weeks",
  focus: "skill_gap",
  curriculum: "exists",
  been_there: "no",
  measurable: "somewhat",
  transition: "neither",
  identity: "no",
  mandatory: "yes",
};

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const director = await makePerson(ctx.db, org);
  const manager = await makePerson(ctx.db, org, { managerId: director.id });
  const report = await makePerson(ctx.db, org, { managerId: manager.id, department: "Sales", seniority: 2 });
  const peer = await makePerson(ctx.db, org);
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  const pm = await makePerson(ctx.db, org, { role: "program_manager" });
  managerId = manager.id;
  reportId = report.id;
  asManager = client(ctx.app, await signIn(ctx.app, manager.email));
  asReport = client(ctx.app, await signIn(ctx.app, report.email));
  asPeer = client(ctx.app, await signIn(ctx.app, peer.email));
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  const asPm = client(ctx.app, await signIn(ctx.app, pm.email));
  programs.mentoring = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring", name: "Mentoring circle" });
  programs.salesOnly = await makeProgram(ctx.db, org, pm.id, {
    kind: "mentoring",
    name: "Engineering mentoring",
    eligibility: { departments: ["Engineering"], minSeniority: null, maxSeniority: null },
  });
  programs.closed = await makeProgram(ctx.db, org, pm.id, {
    kind: "mentoring",
    closesInDays: -1,
    opensInDays: -9,
  });
  programs.coaching = await makeProgram(ctx.db, org, pm.id, {
    kind: "coaching",
    name: "Leadership coaching",
  });
  programs.training = await makeProgram(ctx.db, org, pm.id, { kind: "training", name: "Skills academy" });
  programs.otherTraining = await makeProgram(ctx.db, org, pm.id, {
    kind: "training",
    name: "Another academy",
  });
  const trainer = await makePerson(ctx.db, org);
  courseId = (await publishedCourse(asPm)).courseId;
  await openCohort(asPm, programs.training, courseId, [trainer.id]);
  const otherOrg = await makeOrganization(ctx.db, "Other");
  const stranger = await makePerson(ctx.db, otherOrg, { role: "org_admin" });
  asOther = client(ctx.app, await signIn(ctx.app, stranger.email));
});
afterAll(() => ctx.close());

describe("development advisor", () => {
  it("serves the questionnaire and whom the caller may take it for; the course is searched among published ones", async () => {
    const res = await asManager.get("/api/advisor/questionnaire");
    expect(res.status).toBe(200);
    expect(res.body.questions).toHaveLength(8);
    expect(res.body.questions.map((q: { id: string }) => q.id)).toContain("been_there");
    expect(res.body).not.toHaveProperty("courses");
    const courses = await asReport.get("/api/training/courses?status=published&limit=8");
    expect(courses.status).toBe(200);
    expect(courses.body.items).toEqual([
      expect.objectContaining({ id: courseId, competencies: expect.any(Array) }),
    ]);
    expect(res.body.hasReports).toBe(true);
    const reports = await asManager.get("/api/people?reportsTo=me");
    expect(reports.body.items.map((p: { id: string }) => p.id)).toEqual([reportId]);
    const mine = await asReport.get("/api/advisor/questionnaire");
    expect(mine.body.hasReports).toBe(false);
    expect((await asReport.get("/api/people?reportsTo=me")).body).toMatchObject({ items: [], total: 0 });
  });

  it("recommends mentoring for long-term career growth, with reasons quoting their criteria, and links eligible open programs", async () => {
    const res = await asReport.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
    expect(res.status).toBe(201);
    expect(res.body.onBehalf).toBe(false);
    const [best] = res.body.options;
    expect(best.modes).toEqual(["mentoring"]);
    expect(best.strength).toBe("strong");
    expect(best.reasons[0]).toMatchObject({ strength: "strong", criterion: { seed: "003" } });
    expect(best.reasons.map((r: { criterion: { quote: string } }) => r.criterion.quote)).toContain(
      "You're looking for career guidance or long-term personal growth.",
    );
    const names = res.body.programs.map((p: { id: string }) => p.id);
    expect(names).toContain(programs.mentoring);
    expect(names).not.toContain(programs.salesOnly);
    expect(names).not.toContain(programs.closed);
    expect(res.body.programs[0]).toMatchObject({ kind: "mentoring", role: "mentee", enrolled: false });
    expect(res.body.programKinds[0]).toEqual({ kind: "mentoring", total: 1, nextCursor: null });
  });

  it("points a mandatory skill with a course to training, the program running that course first, and shows enrolment", async () => {
    const res = await asReport.post("/api/advisor/responses", { answers: SKILL_WITH_COURSE, courseId });
    expect(res.status).toBe(201);
    expect(res.body.options[0].modes).toEqual(["training"]);
    expect(res.body.course).toEqual({ id: courseId, title: expect.any(String) });
    const training = res.body.programs.filter((p: { kind: string }) => p.kind === "training");
    expect(training.map((p: { id: string; teachesCourse: boolean }) => [p.id, p.teachesCourse])).toEqual([
      [programs.training, true],
      [programs.otherTraining, false],
    ]);
    expect(res.body.programKinds).toContainEqual({ kind: "training", total: 2, nextCursor: null });
    // The same programs a page at a time, the one teaching the course first.
    const first = await asReport.get(`/api/advisor/responses/${res.body.id}/programs?kind=training&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, items: [{ id: programs.training, teachesCourse: true }] });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await asReport.get(
      `/api/advisor/responses/${res.body.id}/programs?kind=training&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ id: programs.otherTraining }], nextCursor: null });
    const enrol = await asReport.post(`/api/programs/${programs.training}/enrolments`, { role: "trainee" });
    expect(enrol.status).toBe(201);
    const again = await asReport.get(`/api/advisor/responses/${res.body.id}`);
    expect(again.body.programs.find((p: { id: string }) => p.id === programs.training).enrolled).toBe(true);
  });

  it("caps the programs of a kind that come with the advice at 10 and pages the rest", async () => {
    const org = await makeOrganization(ctx.db, "Many programs");
    const pm = await makePerson(ctx.db, org, { role: "program_manager" });
    const member = await makePerson(ctx.db, org);
    const asMember = client(ctx.app, await signIn(ctx.app, member.email));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        await makeProgram(ctx.db, org, pm.id, {
          kind: "mentoring",
          name: `Circle ${String(i).padStart(2, "0")}`,
        }),
      );
    }
    const res = await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
    expect(res.status).toBe(201);
    const mentoring = res.body.programs.filter((p: { kind: string }) => p.kind === "mentoring");
    expect(mentoring.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 10));
    const kind = res.body.programKinds.find((k: { kind: string }) => k.kind === "mentoring");
    expect(kind).toEqual({ kind: "mentoring", total: 12, nextCursor: expect.any(String) });
    const more = await asMember.get(
      `/api/advisor/responses/${res.body.id}/programs?kind=mentoring&cursor=${kind.nextCursor}`,
    );
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ total: 12, nextCursor: null });
    expect(more.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(10));
    const all = await asMember.get(`/api/advisor/responses/${res.body.id}/programs?kind=mentoring&limit=200`);
    expect(all.body.items).toHaveLength(12);
    const base = `/api/advisor/responses/${res.body.id}/programs`;
    expect((await asMember.get(`${base}?kind=mentoring&limit=201`)).status).toBe(400);
    expect((await asMember.get(`${base}?kind=mentoring&cursor=bad`)).status).toBe(400);
    expect((await asMember.get(`${base}?kind=dancing`)).status).toBe(400);
    expect((await asMember.get(base)).status).toBe(400);
    // A kind the advice does not indicate has no programs.
    expect((await asMember.get(`${base}?kind=training`)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it("lets a manager (or a skip-level manager) take it for a report, and the report sees it", async () => {
    const res = await asManager.post("/api/advisor/responses", {
      personId: reportId,
      answers: {
        ...CAREER_ANSWERS,
        focus: "performance_goal",
        identity: "no",
        measurable: "yes",
        horizon: "months",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ onBehalf: true, person: { id: reportId }, takenBy: { id: managerId } });
    expect(res.body.options[0].modes).toContain("coaching");
    expect(res.body.options[0].reasons.map((r: { ruleId: string }) => r.ruleId)).toContain(
      "coaching.assigned",
    );
    const history = await asReport.get("/api/advisor/responses");
    expect(history.body.items[0]).toMatchObject({
      id: res.body.id,
      onBehalf: true,
      takenBy: { id: managerId },
    });
    expect((await asReport.get(`/api/advisor/responses/${res.body.id}`)).status).toBe(200);
    const forReport = await asManager.get(`/api/advisor/responses?personId=${reportId}`);
    expect(forReport.body.items).toHaveLength(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asManager.get(
        `/api/advisor/responses?personId=${reportId}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.body.items).toHaveLength(1);
      paged.push(page.body.items[0].id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(forReport.body.items.map((r: { id: string }) => r.id));
    expect((await asManager.get("/api/advisor/responses?cursor=bad")).status).toBe(400);
  });

  it("hides a person's advice from everyone outside their reporting line, admins included", async () => {
    const mine = await asReport.get("/api/advisor/responses");
    const id = mine.body.items[0].id;
    for (const caller of [asPeer, asAdmin, asOther]) {
      expect((await caller.get(`/api/advisor/responses/${id}`)).status).toBe(404);
      expect((await caller.get(`/api/advisor/responses/${id}/programs?kind=mentoring`)).status).toBe(404);
      expect((await caller.get(`/api/advisor/responses?personId=${reportId}`)).status).toBe(404);
      const taken = await caller.post("/api/advisor/responses", {
        personId: reportId,
        answers: CAREER_ANSWERS,
      });
      expect(taken.status).toBe(404);
    }
    expect(
      (await asReport.post("/api/advisor/responses", { personId: managerId, answers: CAREER_ANSWERS }))
        .status,
    ).toBe(404);
  });

  it("refuses incomplete or unknown answers and a course without a curriculum", async () => {
    const missing = await asReport.post("/api/advisor/responses", {
      answers: { ...CAREER_ANSWERS, mandatory: undefined },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation.failed");
    const unknown = await asReport.post("/api/advisor/responses", {
      answers: { ...CAREER_ANSWERS, horizon: "decades" },
    });
    expect(unknown.status).toBe(400);
    const extra = await asReport.post("/api/advisor/responses", {
      answers: { ...CAREER_ANSWERS, mood: "great" },
    });
    expect(extra.status).toBe(400);
    const course = await asReport.post("/api/advisor/responses", { answers: CAREER_ANSWERS, courseId });
    expect(course.status).toBe(422);
    expect(course.body.error.code).toBe("advisor.course_without_curriculum");
    const ghost = await asReport.post("/api/advisor/responses", {
      answers: SKILL_WITH_COURSE,
      courseId: "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10",
    });
    expect(ghost.status).toBe(404);
  });
});
