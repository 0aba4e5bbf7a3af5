import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, PASSING, pastSession, publishedCourse } from "../../testing/training.ts";

let ctx: TestContext;
let adminCookie: string;
let asAdmin: ReturnType<typeof client>;
let asPm: ReturnType<typeof client>;
let asOtherPm: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;
let asOtherAdmin: ReturnType<typeof client>;
let programId: string;
let cohortId: string;
let otherProgramId: string;

/** Names a spreadsheet would run as formulas. */
const FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A2)", "\tTab"];

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  const pm = await makePerson(ctx.db, org, { role: "program_manager" });
  const otherPm = await makePerson(ctx.db, org, { role: "program_manager" });
  const member = await makePerson(ctx.db, org);
  const trainer = await makePerson(ctx.db, org);
  const otherOrg = await makeOrganization(ctx.db, "Other");
  const otherAdmin = await makePerson(ctx.db, otherOrg, { role: "org_admin" });
  adminCookie = await signIn(ctx.app, admin.email);
  asAdmin = client(ctx.app, adminCookie);
  asPm = client(ctx.app, await signIn(ctx.app, pm.email));
  asOtherPm = client(ctx.app, await signIn(ctx.app, otherPm.email));
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
  asOtherAdmin = client(ctx.app, await signIn(ctx.app, otherAdmin.email));
  const asTrainer = client(ctx.app, await signIn(ctx.app, trainer.email));

  programId = await makeProgram(ctx.db, org, pm.id, { kind: "training", name: "=Training program" });
  otherProgramId = await makeProgram(ctx.db, org, otherPm.id, { kind: "mentoring" });
  const course = await publishedCourse(asPm);
  cohortId = await openCohort(asPm, programId, course.courseId, [trainer.id], 10);
  const sessionId = await pastSession(asTrainer, cohortId);
  const marks = [];
  for (const [i, name] of FORMULAS.entries()) {
    const trainee = await makePerson(ctx.db, org, {
      name,
      department: name,
      email: `trainee${i}@acme.test`,
      managerId: admin.id,
    });
    expect(
      (await asPm.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: trainee.id })).status,
    ).toBe(201);
    marks.push({ personId: trainee.id, status: "present" });
    if (i === 0) {
      const as = client(ctx.app, await signIn(ctx.app, trainee.email));
      const attempt = await as.post(
        `/api/training/cohorts/${cohortId}/assessments/${course.quizId}/attempts`,
      );
      const submitted = await as.post(`/api/training/attempts/${attempt.body.id}/submit`, {
        answers: PASSING,
      });
      expect(submitted.status).toBe(200);
      const graded = await asTrainer.put(
        `/api/training/cohorts/${cohortId}/assessments/${course.practicalId}/grades/${trainee.id}`,
        { levels: { questions: "good", listening: "good" } },
      );
      expect(graded.status, JSON.stringify(graded.body)).toBe(200);
    }
    await as_enrol_program(trainee.email, otherProgramId);
  }
  expect((await asTrainer.put(`/api/training/sessions/${sessionId}/attendance`, { marks })).status).toBe(200);
});
afterAll(() => ctx.close());

async function as_enrol_program(email: string, program: string) {
  const as = client(ctx.app, await signIn(ctx.app, email));
  const res = await as.post(`/api/programs/${program}/enrolments`, { role: "mentee", answers: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function download(as: ReturnType<typeof client>, path: string) {
  const res = await as.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w-]+\.csv"$/);
  const text = res.body as string;
  const records: Record<string, string>[] = parse(text, { bom: true, columns: true });
  return { text, records };
}

/** No cell of the file starts with a formula character: each such value came out behind an apostrophe. */
function expectNeutralized(records: Record<string, string>[], column: string) {
  for (const r of records) {
    for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
  const values = records.map((r) => r[column]);
  for (const f of FORMULAS) expect(values).toContain(`'${f}`);
}

describe("exports", () => {
  it("people: every person, formulas neutralized, in the columns the import reads", async () => {
    const { records } = await download(asAdmin, "/api/exports/people.csv");
    expect(Object.keys(records[0] ?? {})).toEqual([
      "email",
      "name",
      "title",
      "department",
      "seniority",
      "manager_email",
      "location",
      "time_zone",
      "languages",
      "role",
      "status",
      "created_at",
    ]);
    expect(records.length).toBe(10);
    expectNeutralized(records, "name");
    expectNeutralized(records, "department");
    expect(records.find((r) => r.email === "trainee0@acme.test")?.manager_email).toMatch(/@example\.test$/);
  });

  it("starts with a UTF-8 byte order mark, for Excel", async () => {
    for (const path of ["people", "enrolments", "attendance", "grades"]) {
      const res = await ctx.app.request(`/api/exports/${path}.csv`, { headers: { cookie: adminCookie } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it("a people export imports back as unchanged", async () => {
    const { text } = await download(asAdmin, "/api/exports/people.csv");
    const preview = await asAdmin.post("/api/people/imports", text, { "content-type": "text/csv" });
    expect(preview.status).toBe(201);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.summary).toEqual({ toCreate: 0, toUpdate: 0, unchanged: 10, withErrors: 0 });
  });

  it("enrolments: program participation and cohort enrolments", async () => {
    const { records } = await download(asAdmin, "/api/exports/enrolments.csv");
    expect(records.filter((r) => r.source === "program").length).toBe(10);
    expect(records.filter((r) => r.source === "training_cohort").length).toBe(5);
    expectNeutralized(records, "name");
    expect(records.find((r) => r.source === "training_cohort")?.program).toBe("'=Training program");
  });

  it("attendance: one row per trainee and session", async () => {
    const { records } = await download(asPm, `/api/exports/attendance.csv?cohortId=${cohortId}`);
    expect(records.length).toBe(5);
    expect(records.every((r) => r.attendance === "present")).toBe(true);
    expectNeutralized(records, "name");
  });

  it("grades: quiz attempts, practical grades and the final status per trainee and assessment", async () => {
    const { records } = await download(asPm, `/api/exports/grades.csv?programId=${programId}`);
    expect(records.length).toBe(10);
    expectNeutralized(records, "name");
    const first = records.filter((r) => r.email === "trainee0@acme.test");
    expect(first.find((r) => r.assessment_kind === "quiz")).toMatchObject({ attempts: "1", passed: "yes" });
    expect(first.find((r) => r.assessment_kind === "practical")).toMatchObject({ attempts: "1" });
    expect(first[0]?.enrolment_status).toBe("enrolled");
    const second = records.find((r) => r.email === "trainee1@acme.test" && r.assessment_kind === "quiz");
    expect(second).toMatchObject({ attempts: "0", score_pct: "", passed: "" });
  });

  it("program managers export their own programs; others are refused", async () => {
    const mine = await download(asOtherPm, "/api/exports/enrolments.csv");
    expect(mine.records.every((r) => r.source === "program")).toBe(true);
    expect(mine.records.length).toBe(5);
    expect((await asOtherPm.get(`/api/exports/grades.csv?programId=${programId}`)).status).toBe(403);
    expect((await asOtherPm.get(`/api/exports/attendance.csv?cohortId=${cohortId}`)).status).toBe(403);
    expect((await asPm.get("/api/exports/people.csv")).status).toBe(403);
    expect((await asMember.get("/api/exports/enrolments.csv")).status).toBe(403);
    expect((await asOtherAdmin.get(`/api/exports/grades.csv?programId=${programId}`)).status).toBe(404);
    expect((await asOtherAdmin.get(`/api/exports/attendance.csv?cohortId=${cohortId}`)).status).toBe(404);
    const theirs = await download(asOtherAdmin, "/api/exports/people.csv");
    expect(theirs.records.length).toBe(1);
  });
});
