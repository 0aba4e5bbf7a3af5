import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDataKey } from "../../lib/crypto.ts";
import { rotateMasterKey } from "../../lib/key-rotation.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { startTestLrs, type TestLrs, validateStatement } from "../../testing/lrs.ts";
import { FAILING, openCohort, PASSING, publishedCourse } from "../../testing/training.ts";
import { sendStatement } from "./lrs-client.ts";

type Client = ReturnType<typeof client>;
// biome-ignore lint/suspicious/noExplicitAny: tests read statements loosely
type Json = Record<string, any>;

const SUBMISSION = "XAPI-PRIVATE-SUBMISSION-41f";
const FEEDBACK = "XAPI-PRIVATE-FEEDBACK-9c2";
const RUBRIC_COMMENT = "XAPI-PRIVATE-RUBRIC-77a";
const HOUR = 3_600_000;

let ctx: TestContext;
let lrs: TestLrs;
let org: string;
let admin: Client;
let adminCookie: string;
let manager: Client;
let member: Client;
let trainer: { id: string; as: Client };
let programId: string;
let otherAdmin: Client;
let otherOrg: string;

async function person(organizationId: string, spec: Parameters<typeof makePerson>[2] = {}) {
  const p = await makePerson(ctx.db, organizationId, spec);
  return { id: p.id, email: p.email, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

const settings = (overrides: Json = {}) => ({
  endpoint: lrs.endpoint,
  authKey: lrs.key,
  authSecret: lrs.secret,
  enabled: true,
  ...overrides,
});

async function statementsOf(organizationId: string) {
  return ctx.db
    .selectFrom("xapi_statement")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A course in a cohort with the trainee enrolled; returns the ids and the trainee. */
async function enrolledTrainee(name = "Tara Trainee") {
  const course = await publishedCourse(manager);
  const cohortId = await openCohort(manager, programId, course.courseId, [trainer.id], 5);
  const trainee = await person(org, { name });
  const enrolled = await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, {
    personId: trainee.id,
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  return { ...course, cohortId, trainee };
}

beforeAll(async () => {
  lrs = await startTestLrs();
  ctx = await createTestContext({ backgroundJobs: false, env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
  org = await makeOrganization(ctx.db);
  const a = await makePerson(ctx.db, org, { role: "org_admin" });
  adminCookie = await signIn(ctx.app, a.email);
  admin = client(ctx.app, adminCookie);
  const pm = await person(org, { role: "program_manager" });
  manager = pm.as;
  member = (await person(org)).as;
  trainer = await person(org, { name: "Tess Trainer" });
  programId = await makeProgram(ctx.db, org, pm.id, { kind: "training" });
  otherOrg = await makeOrganization(ctx.db, "Other");
  otherAdmin = (await person(otherOrg, { role: "org_admin" })).as;
}, 60_000);

afterAll(async () => {
  await ctx.close();
  await lrs.close();
});

describe("LRS settings", () => {
  it("are the org admin's alone; 403 for everyone else", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/integrations/xapi", undefined],
      ["PUT", "/api/integrations/xapi", settings()],
      ["POST", "/api/integrations/xapi/test", undefined],
      ["GET", "/api/integrations/xapi/statements", undefined],
    ] as const) {
      for (const caller of [member, manager, trainer.as]) {
        const res = await caller.call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe("auth.forbidden");
      }
      expect((await client(ctx.app).call(method, path, body)).status).toBe(401);
    }
  });

  it("start empty, need a secret, refuse private and metadata addresses, and never return the secret", async () => {
    const empty = await admin.get("/api/integrations/xapi");
    expect(empty.body).toMatchObject({ configured: false, endpoint: null, enabled: false, secretSet: false });
    const test = await admin.post("/api/integrations/xapi/test");
    expect(test.status).toBe(422);
    expect(test.body.error.code).toBe("xapi.not_configured");

    const noSecret = await admin.put("/api/integrations/xapi", { ...settings(), authSecret: undefined });
    expect(noSecret.status).toBe(422);
    expect(noSecret.body.error.code).toBe("xapi.secret_required");
    for (const endpoint of [
      "http://10.1.2.3/xapi/",
      "https://169.254.169.254/latest/",
      "https://[::ffff:127.0.0.1]/xapi/",
      "https://100.64.0.1/xapi/",
    ]) {
      const refused = await admin.put("/api/integrations/xapi", settings({ endpoint }));
      expect(refused.status, endpoint).toBe(422);
      expect(refused.body.error.code, endpoint).toMatch(/^outbound_url\./);
    }
    const bad = await admin.put("/api/integrations/xapi", settings({ endpoint: "ftp://lrs.test/" }));
    expect(bad.status).toBe(400);
    const extra = await admin.put("/api/integrations/xapi", { ...settings(), organizationId: otherOrg });
    expect(extra.status).toBe(400);

    const saved = await admin.put("/api/integrations/xapi", settings());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      endpoint: lrs.endpoint,
      authKey: lrs.key,
      secretSet: true,
      enabled: true,
      actorFormat: "account",
    });
    expect(JSON.stringify(saved.body)).not.toContain(lrs.secret);
    expect(JSON.stringify((await admin.get("/api/integrations/xapi")).body)).not.toContain(lrs.secret);
    const stored = await ctx.db
      .selectFrom("xapi_connection")
      .select("auth_secret_encrypted")
      .where("organization_id", "=", org)
      .executeTakeFirstOrThrow();
    expect(stored.auth_secret_encrypted).toMatch(/^v1\./);
    expect(stored.auth_secret_encrypted).not.toContain(lrs.secret);

    // Saving again without a secret keeps the stored one.
    const kept = await admin.put("/api/integrations/xapi", { ...settings(), authSecret: undefined });
    expect(kept.status).toBe(200);
    expect((await admin.post("/api/integrations/xapi/test")).body.ok).toBe(true);

    // The other organization sees none of it.
    expect((await otherAdmin.get("/api/integrations/xapi")).body.configured).toBe(false);
    expect((await otherAdmin.get("/api/integrations/xapi/statements")).body.items).toEqual([]);
  });

  it("sends a test statement after checking /about, and logs it; a wrong secret fails with the LRS's answer", async () => {
    const before = lrs.statements.length;
    const res = await admin.post("/api/integrations/xapi/test");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      status: 200,
      statement: { event: "test", status: "sent", attempts: 1, verb: { display: "experienced" } },
    });
    expect(lrs.statements.length).toBe(before + 1);
    expect(lrs.statements.at(-1)?.id).toBe(res.body.statement.statementId);
    expect(lrs.requests.some((r) => r.method === "GET" && r.path === "/xapi/about")).toBe(true);
    const log = await admin.get("/api/integrations/xapi/statements");
    expect(log.body.items[0]).toMatchObject({ id: res.body.statement.id, status: "sent" });

    await admin.put("/api/integrations/xapi", settings({ authSecret: "not-the-secret" }));
    const refused = await admin.post("/api/integrations/xapi/test");
    expect(refused.body).toMatchObject({ ok: false, status: 401, statement: { status: "failed" } });
    expect(refused.body.message).toMatch(/key and secret/);
    expect(refused.body.statement.lastError).toMatch(/401/);
    await admin.put("/api/integrations/xapi", settings());
  });
});

describe("training statements", () => {
  let flow: Awaited<ReturnType<typeof enrolledTrainee>>;
  let certificateId: string;

  it("emits lesson completed, quiz failed and passed, course completed and certificate earned", async () => {
    flow = await enrolledTrainee();
    const { trainee, cohortId } = flow;
    const sentBefore = lrs.statements.length;
    expect(
      (await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${flow.lessonId}/complete`)).status,
    ).toBe(200);
    // Completing it again is not a second statement.
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${flow.lessonId}/complete`);
    const sub = await trainee.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${flow.activityLessonId}/submissions`,
      { kind: "text", body: SUBMISSION },
    );
    await trainer.as.post(`/api/training/submissions/${sub.body.id}/review`, {
      decision: "accepted",
      feedback: FEEDBACK,
    });
    const first = await trainee.as.post(
      `/api/training/cohorts/${cohortId}/assessments/${flow.quizId}/attempts`,
    );
    expect(
      (await trainee.as.post(`/api/training/attempts/${first.body.id}/submit`, { answers: FAILING })).body
        .passed,
    ).toBe(false);
    const second = await trainee.as.post(
      `/api/training/cohorts/${cohortId}/assessments/${flow.quizId}/attempts`,
    );
    expect(
      (await trainee.as.post(`/api/training/attempts/${second.body.id}/submit`, { answers: PASSING })).body
        .passed,
    ).toBe(true);
    const graded = await trainer.as.put(
      `/api/training/cohorts/${cohortId}/assessments/${flow.practicalId}/grades/${trainee.id}`,
      { levels: { questions: "good", listening: "good" }, comments: { questions: RUBRIC_COMMENT } },
    );
    certificateId = graded.body.certificateId;
    expect(certificateId).toMatch(/^[0-9a-f-]{36}$/);

    // Recorded and queued with the facts, sent only when the queue runs.
    const rows = (await statementsOf(org)).filter((r) => r.person_id === trainee.id);
    expect(rows.map((r) => [r.event, r.status])).toEqual([
      ["lesson_completed", "queued"],
      ["lesson_completed", "queued"],
      ["quiz_failed", "queued"],
      ["quiz_passed", "queued"],
      ["cohort_completed", "queued"],
      ["certificate_earned", "queued"],
    ]);
    expect(lrs.statements.length).toBe(sentBefore);
    await ctx.jobs.drain();
    const sent = lrs.statements.slice(sentBefore) as Json[];
    expect(sent.map((s) => s.id)).toEqual(rows.map((r) => r.statement_id));
    expect(lrs.rejected).toEqual([]);
    for (const s of sent) expect(validateStatement(s)).toEqual([]);

    const publicUrl = ctx.config.publicUrl;
    const enrolment = await ctx.db
      .selectFrom("training_enrolment")
      .select("id")
      .where("cohort_id", "=", cohortId)
      .where("person_id", "=", trainee.id)
      .executeTakeFirstOrThrow();
    const course = { id: `${publicUrl}/xapi/activities/course/${flow.courseId}` };
    const cohort = { id: `${publicUrl}/xapi/activities/cohort/${cohortId}` };
    for (const s of sent) {
      expect(s.actor).toEqual({ objectType: "Agent", account: { homePage: publicUrl, name: trainee.id } });
      expect(s.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(s.context).toMatchObject({ registration: enrolment.id, platform: "Trellis" });
      expect(s.context.contextActivities.grouping).toEqual([expect.objectContaining(cohort)]);
    }
    const [lesson, activityLesson, failed, passed, completed, earned] = sent as Json[];
    expect(lesson).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
      object: {
        id: `${publicUrl}/xapi/activities/lesson/${flow.lessonId}`,
        definition: { name: { "en-US": "Why GROW" }, type: "http://adlnet.gov/expapi/activities/lesson" },
      },
      context: { contextActivities: { parent: [expect.objectContaining(course)] } },
    });
    expect(activityLesson?.object.id).toBe(`${publicUrl}/xapi/activities/lesson/${flow.activityLessonId}`);
    const assessment = {
      id: `${publicUrl}/xapi/activities/assessment/${flow.quizId}`,
      definition: {
        name: { "en-US": "GROW basics" },
        type: "http://adlnet.gov/expapi/activities/assessment",
      },
    };
    expect(failed).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/failed" },
      object: assessment,
      result: { success: false, completion: true, score: { scaled: 0, raw: 0, min: 0 } },
    });
    expect(passed).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/passed" },
      object: assessment,
      result: { success: true, score: { scaled: 1, min: 0 } },
    });
    expect(passed?.result.score.raw).toBe(passed?.result.score.max);
    expect(completed).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
      object: { ...course, definition: { type: "http://adlnet.gov/expapi/activities/course" } },
      result: { completion: true, success: true },
    });
    expect(completed?.context.contextActivities.parent).toBeUndefined();
    expect(earned).toMatchObject({
      verb: { id: "https://w3id.org/xapi/tla/verbs/earned" },
      object: {
        id: `${publicUrl}/xapi/activities/certificate/${certificateId}`,
        definition: { moreInfo: `${publicUrl}/verify/${certificateId}` },
      },
    });

    const log = await admin.get("/api/integrations/xapi/statements?limit=6");
    expect(log.body.items.map((i: Json) => [i.event, i.status, i.attempts])).toEqual([
      ["certificate_earned", "sent", 1],
      ["cohort_completed", "sent", 1],
      ["quiz_passed", "sent", 1],
      ["quiz_failed", "sent", 1],
      ["lesson_completed", "sent", 1],
      ["lesson_completed", "sent", 1],
    ]);
    expect(log.body.items[3]).toMatchObject({
      verb: { display: "failed" },
      object: { name: "GROW basics" },
      person: { id: trainee.id, name: "Tara Trainee" },
    });
    expect(log.body.nextCursor).toEqual(expect.any(String));
  });

  it("lets no email, submission, feedback, rubric comment or quiz answer reach the LRS", async () => {
    const bodies = lrs.requests.map((r) => r.body).join("\n");
    expect(bodies).toContain(flow.trainee.id);
    for (const secret of [SUBMISSION, FEEDBACK, RUBRIC_COMMENT, flow.trainee.email, "@example.test", "Tara"])
      expect(bodies).not.toContain(secret);
    expect(bodies).not.toMatch(/"answers"|correctOptionIds|acceptedAnswers/);
  });

  it("retries after 503 with backoff, sending the same statement id, until the LRS stores it once", async () => {
    const { trainee, cohortId, lessonId } = await enrolledTrainee("Ravi Retry");
    lrs.failNext(2, 503);
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${lessonId}/complete`);
    const [row] = (await statementsOf(org)).filter((r) => r.person_id === trainee.id);
    if (!row) throw new Error("no statement recorded");
    const posts = () =>
      lrs.requests.filter((r) => r.method === "POST" && r.body.includes(row.statement_id)).length;

    await ctx.jobs.drain();
    const logged = async () =>
      (await admin.get("/api/integrations/xapi/statements")).body.items.find((i: Json) => i.id === row.id);
    let log = await logged();
    expect(log).toMatchObject({ status: "queued", attempts: 1 });
    expect(log.lastError).toMatch(/503/);
    // Not due again yet: the backoff is at least 30 seconds.
    await ctx.jobs.drain();
    expect(posts()).toBe(1);
    await ctx.jobs.drain({ now: later(HOUR) });
    expect(await logged()).toMatchObject({ status: "queued", attempts: 2 });
    await ctx.jobs.drain({ now: later(2 * HOUR) });
    log = await logged();
    expect(log).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(posts()).toBe(3);
    expect(lrs.statements.filter((s) => s.id === row.statement_id)).toHaveLength(1);

    // Sending it once more (a retry after a lost answer) stores nothing new.
    const again = await sendStatement(
      { endpoint: lrs.endpoint, key: lrs.key, secret: lrs.secret },
      JSON.parse(row.statement),
      ctx.config,
    );
    expect(again.ok).toBe(true);
    expect(lrs.statements.filter((s) => s.id === row.statement_id)).toHaveLength(1);
  });

  it("gives up at once when the LRS refuses the statement (400), and follows Retry-After", async () => {
    const { trainee, cohortId, lessonId, activityLessonId } = await enrolledTrainee("Rhea Refused");
    lrs.failNext(1, 400);
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${lessonId}/complete`);
    await ctx.jobs.drain();
    const [refused] = (await statementsOf(org)).filter((r) => r.person_id === trainee.id);
    expect(refused).toMatchObject({ status: "failed", attempts: 1 });
    expect(refused?.last_error).toMatch(/refused the statement \(400\)/);
    const job = await ctx.db
      .selectFrom("job")
      .select(["status", "attempts"])
      .where("dedupe_key", "=", `xapi.send:${refused?.id}`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "dead", attempts: 1 });

    lrs.failNext(1, 429, 7200);
    const sub = await trainee.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${activityLessonId}/submissions`,
      { kind: "text", body: "Done." },
    );
    await trainer.as.post(`/api/training/submissions/${sub.body.id}/review`, { decision: "accepted" });
    const second = async () => (await statementsOf(org)).filter((r) => r.person_id === trainee.id)[1];
    await ctx.jobs.drain();
    expect(await second()).toMatchObject({ status: "queued", attempts: 1 });
    await ctx.jobs.drain({ now: later(HOUR) });
    expect(await second()).toMatchObject({ status: "queued", attempts: 1 });
    await ctx.jobs.drain({ now: later(2 * HOUR + 60_000) });
    const rows = (await statementsOf(org)).filter((r) => r.person_id === trainee.id);
    expect(rows[1]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("sends nothing while the connection is off, and drops what was queued before it was turned off", async () => {
    const { trainee, cohortId, lessonId, activityLessonId } = await enrolledTrainee("Otto Off");
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${lessonId}/complete`);
    await admin.put("/api/integrations/xapi", settings({ enabled: false, authSecret: undefined }));
    const requests = lrs.requests.length;
    await ctx.jobs.drain();
    const [dropped] = (await statementsOf(org)).filter((r) => r.person_id === trainee.id);
    expect(dropped).toMatchObject({ status: "failed" });
    expect(dropped?.last_error).toMatch(/turned off/);

    const sub = await trainee.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${activityLessonId}/submissions`,
      { kind: "text", body: "Done." },
    );
    await trainer.as.post(`/api/training/submissions/${sub.body.id}/review`, { decision: "accepted" });
    expect((await statementsOf(org)).filter((r) => r.person_id === trainee.id)).toHaveLength(1);
    await ctx.jobs.drain();
    expect(lrs.requests.length).toBe(requests);
    await admin.put("/api/integrations/xapi", settings());
  });

  it("names the learner by email and name when the organization chooses mbox", async () => {
    await admin.put("/api/integrations/xapi", settings({ actorFormat: "mbox" }));
    const { trainee, cohortId, lessonId } = await enrolledTrainee("Mia Mailbox");
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${lessonId}/complete`);
    await ctx.jobs.drain();
    const last = lrs.statements.at(-1);
    expect(last?.actor).toEqual({
      objectType: "Agent",
      name: "Mia Mailbox",
      mbox: `mailto:${trainee.email}`,
    });
    expect(validateStatement(last)).toEqual([]);
    await admin.put("/api/integrations/xapi", settings());
  });

  it("keeps each organization's statements to itself", async () => {
    const otherManager = await person(otherOrg, { role: "program_manager" });
    const otherTrainer = await person(otherOrg);
    const otherProgram = await makeProgram(ctx.db, otherOrg, otherManager.id, { kind: "training" });
    const course = await publishedCourse(otherManager.as);
    const cohortId = await openCohort(otherManager.as, otherProgram, course.courseId, [otherTrainer.id]);
    const trainee = await person(otherOrg);
    await otherManager.as.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: trainee.id });
    await trainee.as.post(`/api/training/cohorts/${cohortId}/lessons/${course.lessonId}/complete`);
    // The other organization has no LRS: nothing is recorded for it, and it sees none of ours.
    expect(await statementsOf(otherOrg)).toEqual([]);
    expect((await otherAdmin.get("/api/integrations/xapi/statements")).body.items).toEqual([]);
    const ours = (await admin.get("/api/integrations/xapi/statements?limit=200")).body.items;
    expect(ours.some((i: Json) => i.person?.id === trainee.id)).toBe(false);
  });

  it("erases a person's statements with them", async () => {
    const { trainee } = flow;
    expect((await statementsOf(org)).some((r) => r.person_id === trainee.id)).toBe(true);
    const erased = await admin.post(`/api/people/${trainee.id}/erase`, { confirmEmail: trainee.email });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect((await statementsOf(org)).some((r) => r.person_id === trainee.id)).toBe(false);
  });
});

describe("master-key rotation", () => {
  it("re-encrypts the LRS secret, which keeps working under the new key", async () => {
    const newKey = newDataKey();
    const report = await rotateMasterKey(ctx.db, ctx.masterKey, newKey);
    expect(report.lrsSecrets).toBe(1);
    const rotated = client(ctx.appWithMasterKey(newKey), adminCookie);
    const res = await rotated.post("/api/integrations/xapi/test");
    expect(res.body).toMatchObject({ ok: true, statement: { status: "sent" } });
  });
});
