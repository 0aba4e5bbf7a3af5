import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, PASSING, pastSession, publishedCourse } from "../../testing/training.ts";
import { MAX_COHORTS_PER_PROGRAM, MAX_SESSIONS_PER_COHORT, MAX_WAITLIST } from "./training.repository.ts";

type Client = ReturnType<typeof client>;

let ctx: TestContext;
let queries = 0;
let org: string;
let pm: Awaited<ReturnType<typeof makePerson>>;
let manager: Client;
let trainer: { id: string; as: Client };
const cohorts: Record<"small" | "large", { id: string; trainees: string[]; session: string }> = {
  small: { id: "", trainees: [], session: "" },
  large: { id: "", trainees: [], session: "" },
};

/** A cohort whose trainees have each marked attendance, finished a lesson and taken the quiz. */
async function busyCohort(org: string, programId: string, size: number) {
  const c = await publishedCourse(manager);
  const id = await openCohort(manager, programId, c.courseId, [trainer.id], size);
  const session = await pastSession(trainer.as, id);
  const trainees: string[] = [];
  for (let i = 0; i < size; i++) {
    const p = await makePerson(ctx.db, org, { name: `Trainee ${String(i).padStart(2, "0")}` });
    const as = client(ctx.app, await signIn(ctx.app, p.email));
    await manager.post(`/api/training/cohorts/${id}/enrolments`, { personId: p.id });
    await as.post(`/api/training/cohorts/${id}/lessons/${c.lessonId}/complete`);
    const attempt = await as.post(`/api/training/cohorts/${id}/assessments/${c.quizId}/attempts`);
    await as.post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING });
    trainees.push(p.id);
  }
  await trainer.as.put(`/api/training/sessions/${session}/attendance`, {
    marks: trainees.map((personId) => ({ personId, status: "present" })),
  });
  return { id, trainees, session };
}

beforeAll(async () => {
  ctx = await createTestContext({
    onQuery: () => void queries++,
    backgroundJobs: false,
    env: { READ_CACHE: "off" },
  });
  org = await makeOrganization(ctx.db);
  pm = await makePerson(ctx.db, org, { role: "program_manager" });
  manager = client(ctx.app, await signIn(ctx.app, pm.email));
  const t = await makePerson(ctx.db, org, { name: "Tess Trainer" });
  trainer = { id: t.id, as: client(ctx.app, await signIn(ctx.app, t.email)) };
  const programId = await makeProgram(ctx.db, org, pm.id, { kind: "training" });
  cohorts.small = await busyCohort(org, programId, 2);
  cohorts.large = await busyCohort(org, programId, 12);
});
afterAll(() => ctx.close());

async function countQueries(path: string) {
  const before = queries;
  const res = await trainer.as.get(path);
  expect(res.status, path).toBe(200);
  return { body: res.body, queries: queries - before };
}

describe("a cohort's gradebook, roster and attendance sheet", () => {
  it("take as many queries for twelve trainees as for two", async () => {
    for (const [path, rowsOf] of [
      ["gradebook", (b: { items: unknown[] }) => b.items],
      ["roster", (b: { enrolled: unknown[] }) => b.enrolled],
    ] as const) {
      const small = await countQueries(`/api/training/cohorts/${cohorts.small.id}/${path}`);
      const large = await countQueries(`/api/training/cohorts/${cohorts.large.id}/${path}`);
      expect(rowsOf(small.body as never)).toHaveLength(2);
      expect(rowsOf(large.body as never)).toHaveLength(12);
      expect(large.queries, path).toBe(small.queries);
    }
    const small = await countQueries(`/api/training/sessions/${cohorts.small.session}/attendance`);
    const large = await countQueries(`/api/training/sessions/${cohorts.large.session}/attendance`);
    expect(large.body.rows).toHaveLength(12);
    expect(large.queries).toBe(small.queries);
  });

  it("shows each trainee's own attendance, lessons and best quiz result", async () => {
    const { body } = await countQueries(`/api/training/cohorts/${cohorts.large.id}/gradebook`);
    expect(body.items.map((r: { person: { id: string } }) => r.person.id)).toEqual(cohorts.large.trainees);
    for (const row of body.items) {
      expect(row).toMatchObject({ attendancePct: 100, lessonsDone: 1 });
      expect(row.cells[0]).toMatchObject({ scorePct: 100, passed: true, attempts: 1 });
    }
  });

  it("pages by name with a cursor, finds trainees by name, and sums up the whole cohort on every page", async () => {
    const path = `/api/training/cohorts/${cohorts.large.id}/gradebook`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=5${cursor ? `&cursor=${cursor}` : ""}`;
      const { body } = await countQueries(`${path}${query}`);
      expect(body.total).toBe(12);
      expect(body.summary).toEqual({
        trainees: 12,
        completed: 0,
        attendance: { minimumPct: expect.any(Number), marked: 12, belowMinimum: 0 },
        scores: {
          count: 12,
          meanPct: 100,
          buckets: [
            { fromPct: 0, toPct: 19, count: 0 },
            { fromPct: 20, toPct: 39, count: 0 },
            { fromPct: 40, toPct: 59, count: 0 },
            { fromPct: 60, toPct: 79, count: 0 },
            { fromPct: 80, toPct: 100, count: 12 },
          ],
        },
      });
      seen.push(...body.items.map((r: { person: { id: string } }) => r.person.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(cohorts.large.trainees);

    const found = await trainer.as.get(`${path}?q=${encodeURIComponent("TRAINEE 1")}`);
    expect(found.body.items.map((r: { person: { name: string } }) => r.person.name)).toEqual([
      "Trainee 10",
      "Trainee 11",
    ]);
    expect(found.body).toMatchObject({ total: 2, nextCursor: null, summary: { trainees: 12 } });

    for (const forgery of ["[1]", '["Trainee 03", 7]', "not json"]) {
      const forged = await trainer.as.get(`${path}?cursor=${Buffer.from(forgery).toString("base64url")}`);
      expect(forged.status, forgery).toBe(400);
      expect(forged.body.error.details[0].path).toBe("cursor");
    }
    expect((await trainer.as.get(`${path}?limit=201`)).status).toBe(400);
  });
});

describe("a cohort's lists are bounded", () => {
  it("by the seats (at most 1000), the waitlist's cap, the program's cohort cap and the cohort's session cap", async () => {
    const programId = await makeProgram(ctx.db, org, pm.id, { kind: "training" });
    const c = await publishedCourse(manager);
    const tooBig = await manager.post(`/api/programs/${programId}/training/cohorts`, {
      courseId: c.courseId,
      name: "Stadium",
      startDate: "2030-01-01",
      endDate: "2030-02-01",
      seats: 1001,
      timeZone: "UTC",
      trainerIds: [trainer.id],
    });
    expect(tooBig.status).toBe(400);

    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id], 1);
    expect((await manager.patch(`/api/training/cohorts/${cohortId}`, { seats: 1001 })).status).toBe(400);
    const first = await makePerson(ctx.db, org);
    await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: first.id });
    const now = nowIso();
    const waiting = Array.from({ length: MAX_WAITLIST }, (_, i) => ({
      id: newId(),
      organization_id: org,
      user_id: null,
      email: `waiting.${i}.${cohortId}@example.test`,
      name: `Waiting ${i}`,
      title: null,
      department: null,
      seniority: null,
      manager_id: null,
      location: null,
      time_zone: "UTC",
      languages: "[]",
      skills: "[]",
      interests: "[]",
      career_goals: null,
      org_role: "member" as const,
      status: "active" as const,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < waiting.length; i += 200) {
      const batch = waiting.slice(i, i + 200);
      await ctx.db.insertInto("person").values(batch).execute();
      await ctx.db
        .insertInto("training_enrolment")
        .values(
          batch.map((p) => ({
            id: newId(),
            organization_id: org,
            cohort_id: cohortId,
            person_id: p.id,
            status: "waitlisted" as const,
            queued_at: now,
            offer_expires_at: null,
            enrolled_by: pm.id,
            completed_at: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    const late = await makePerson(ctx.db, org);
    const refused = await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: late.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("training.waitlist_full");

    const cohortRow = await ctx.db
      .selectFrom("training_cohort")
      .selectAll()
      .where("id", "=", cohortId)
      .executeTakeFirstOrThrow();
    const existing = 1;
    await ctx.db
      .insertInto("training_cohort")
      .values(
        Array.from({ length: MAX_COHORTS_PER_PROGRAM - existing }, (_, i) => ({
          ...cohortRow,
          id: newId(),
          name: `Cohort ${i}`,
        })),
      )
      .execute();
    const oneMore = await manager.post(`/api/programs/${programId}/training/cohorts`, {
      courseId: c.courseId,
      name: "One too many",
      startDate: "2030-01-01",
      endDate: "2030-02-01",
      seats: 10,
      timeZone: "UTC",
      trainerIds: [trainer.id],
    });
    expect(oneMore.status).toBe(422);
    expect(oneMore.body.error.code).toBe("training.too_many_cohorts");
    const listed = await manager.get(`/api/programs/${programId}/training/cohorts`);
    expect(listed.body.cohorts).toHaveLength(MAX_COHORTS_PER_PROGRAM);

    const sessionRow = await ctx.db
      .selectFrom("training_session")
      .selectAll()
      .where("cohort_id", "=", cohorts.small.id)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto("training_session")
      .values(
        Array.from({ length: MAX_SESSIONS_PER_COHORT - 1 }, (_, i) => ({
          ...sessionRow,
          id: newId(),
          title: `Session ${i}`,
        })),
      )
      .execute();
    const extra = await trainer.as.post(`/api/training/cohorts/${cohorts.small.id}/sessions`, {
      kind: "lecture",
      title: "One too many",
      startsAt: "2030-01-01T09:00:00Z",
      endsAt: "2030-01-01T10:00:00Z",
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error).toMatchObject({
      code: "training.too_many_sessions",
      details: { max: MAX_SESSIONS_PER_COHORT },
    });
  });
});
