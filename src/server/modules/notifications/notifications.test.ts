import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTIFICATION_CATEGORIES } from "../../../domain/notifications/categories.ts";
import { createAuth } from "../../auth/auth.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import { type JobWorker, startJobWorker } from "../../jobs/worker.ts";
import type { Deps } from "../../lib/context.ts";
import { newToken } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { type DevSmtpServer, type ReceivedMail, startDevSmtp } from "../../mail/dev-smtp.ts";
import { createMailer, type Mailer } from "../../mail/mailer.ts";
import { NOTIFICATION_EMAIL, notifyPerson } from "../../mail/notify.ts";
import { activeEngagement, addCoach, growNote, heldBody, scheduleAt } from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { activePair } from "../../testing/mentoring.ts";
import { openCohort, publishedCourse } from "../../testing/training.ts";
import { scanReminders } from "./notifications.service.ts";

type Client = ReturnType<typeof client>;

const CANARY = `canary-${crypto.randomUUID()}`;
const HOUR = 3_600_000;

let ctx: TestContext;
let org: string;
let pmId: string;
let manager: Client;
let sponsor: Client;

async function person(spec: Parameters<typeof makePerson>[2] = {}) {
  const p = await makePerson(ctx.db, org, spec);
  return { id: p.id, email: p.email, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

const mailsTo = (email: string, inbox: ReceivedMail[] = ctx.smtp.inbox) =>
  inbox.filter((m) => m.to.includes(email.toLowerCase()));

const jobsOf = (personId: string) =>
  ctx.db
    .selectFrom("job")
    .selectAll()
    .where("kind", "=", NOTIFICATION_EMAIL)
    .where("payload", "like", `%${personId}%`)
    .orderBy("id")
    .execute();

const at = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  ctx = await createTestContext({ backgroundJobs: false });
  org = await makeOrganization(ctx.db);
  const pm = await person({ role: "program_manager" });
  pmId = pm.id;
  manager = pm.as;
  sponsor = (await person({ role: "sponsor" })).as;
});
afterAll(() => ctx.close());

describe("notification emails", () => {
  it("every category reaches the recipient through SMTP, with a Message-ID from the job and a footer link", async () => {
    const someone = await person();
    for (const category of NOTIFICATION_CATEGORIES) {
      await notifyPerson(ctx, org, someone.id, category, {
        subject: `About ${category}`,
        intro: `Something about ${category}.`,
        path: "/",
      });
    }
    const queued = await jobsOf(someone.id);
    expect(queued).toHaveLength(NOTIFICATION_CATEGORIES.length);
    await ctx.jobs.drain();
    const mails = mailsTo(someone.email);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      NOTIFICATION_CATEGORIES.map((c) => `About ${c}`).sort(),
    );
    const ids = new Set(queued.map((j) => `<${j.id}@localhost>`));
    for (const m of mails) {
      expect(ids.has(m.messageId), m.messageId).toBe(true);
      expect(m.text).toContain("http://localhost:3000/account/notifications");
      expect(m.html).toContain("http://localhost:3000/account/notifications");
    }
    const after = await jobsOf(someone.id);
    expect(after.every((j) => j.status === "done")).toBe(true);
  });

  it("real actions queue their notices in their category, to the right person", async () => {
    const mentor = await person({ seniority: 4 });
    const mentee = await person({ seniority: 1 });
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "mentoring" });
    await mentor.as.post(`/api/programs/${programId}/enrolments`, { role: "mentor", answers: {} });
    await mentee.as.post(`/api/programs/${programId}/enrolments`, { role: "mentee", answers: {} });
    const request = await mentee.as.post(`/api/programs/${programId}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Would you mentor me?",
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const declined = await mentor.as.post(`/api/mentoring/requests/${request.body.id}/decline`, {
      reason: "timing",
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    await ctx.jobs.drain();
    const toMentor = (await jobsOf(mentor.id)).map((j) => JSON.parse(j.payload).category);
    const toMentee = (await jobsOf(mentee.id)).map((j) => JSON.parse(j.payload).category);
    expect(toMentor).toContain("requests");
    expect(toMentee).toContain("responses");
    expect(mailsTo(mentor.email).some((m) => /would like you as their mentor/.test(m.subject))).toBe(true);
    expect(mailsTo(mentee.email).some((m) => /declined your mentoring request/.test(m.subject))).toBe(true);
  });
});

describe("a worker that died after sending", () => {
  it("leaves the job holding only its outcome; the next worker completes it without sending again", async () => {
    const to = await person();
    const before = mailsTo(to.email).length;
    await enqueueJob(ctx.db, {
      kind: NOTIFICATION_EMAIL,
      organizationId: org,
      payload: { personId: to.id, category: "requests", outcome: "sent" },
    });
    await ctx.jobs.drain();
    const [job] = await jobsOf(to.id);
    expect(job?.status).toBe("done");
    expect(mailsTo(to.email)).toHaveLength(before);
  });
});

describe("preferences", () => {
  it("are all on by default; a category turned off sends nothing, and its queued job completes as skipped", async () => {
    const someone = await person();
    const initial = await someone.as.get("/api/me/notification-preferences");
    expect(initial.status).toBe(200);
    expect(initial.body.categories).toHaveLength(NOTIFICATION_CATEGORIES.length);
    expect(initial.body.categories.every((c: { enabled: boolean }) => c.enabled)).toBe(true);
    expect(initial.body.categories.find((c: { category: string }) => c.category === "account")).toMatchObject(
      {
        optional: false,
      },
    );

    // Queued while the category was still on: the preference is read when the job runs.
    await notifyPerson(ctx, org, someone.id, "inactivity_nudges", {
      subject: "Nudge",
      intro: "Hi",
      path: "/",
    });
    const off = await someone.as.put("/api/me/notification-preferences", {
      categories: [{ category: "inactivity_nudges", enabled: false }],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(
      off.body.categories.find((c: { category: string }) => c.category === "inactivity_nudges").enabled,
    ).toBe(false);
    expect((await someone.as.get("/api/me/notification-preferences")).body).toEqual(off.body);
    await notifyPerson(ctx, org, someone.id, "requests", { subject: "Request", intro: "Hi", path: "/" });
    await ctx.jobs.drain();
    expect(mailsTo(someone.email).map((m) => m.subject)).toEqual(["Request"]);
    const ran = await jobsOf(someone.id);
    expect(ran.map((j) => j.status)).toEqual(["done", "done"]);
    // Once run, a job keeps only the recipient, the category and what happened: not the wording.
    expect(ran.map((j) => JSON.parse(j.payload))).toEqual([
      { personId: someone.id, category: "inactivity_nudges", outcome: "skipped_preference" },
      { personId: someone.id, category: "requests", outcome: "sent" },
    ]);

    const on = await someone.as.put("/api/me/notification-preferences", {
      categories: [{ category: "inactivity_nudges", enabled: true }],
    });
    expect(on.status).toBe(200);
    await notifyPerson(ctx, org, someone.id, "inactivity_nudges", {
      subject: "Nudge 2",
      intro: "Hi",
      path: "/",
    });
    await ctx.jobs.drain();
    expect(mailsTo(someone.email).map((m) => m.subject)).toContain("Nudge 2");
  });

  it("account emails cannot be turned off (422); bad bodies are 400", async () => {
    const someone = await person();
    const refused = await someone.as.put("/api/me/notification-preferences", {
      categories: [{ category: "account", enabled: false }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("notifications.category_required");
    expect(
      (
        await someone.as.put("/api/me/notification-preferences", {
          categories: [{ category: "account", enabled: true }],
        })
      ).status,
    ).toBe(200);
    for (const body of [
      { categories: [] },
      { categories: [{ category: "nope", enabled: false }] },
      { categories: [{ category: "requests", enabled: false, personId: newId() }] },
      { categories: [{ category: "requests", enabled: false }], organizationId: newId() },
      {
        categories: [
          { category: "requests", enabled: false },
          { category: "requests", enabled: true },
        ],
      },
    ]) {
      expect((await someone.as.put("/api/me/notification-preferences", body)).status).toBe(400);
    }
    expect((await client(ctx.app).get("/api/me/notification-preferences")).status).toBe(401);
  });
});

describe("reminder scans", () => {
  it("a coaching session 24 hours ahead is reminded of once, however often the scan runs; a reschedule is reminded of again", async () => {
    const coach = await person();
    const coachee = await person();
    await addCoach(manager, coach.id);
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "coaching" });
    const { id } = await activeEngagement(
      { manager, sponsor, coach: coach.as, coachee: coachee.as, coachId: coach.id, coacheeId: coachee.id },
      programId,
    );
    await ctx.jobs.drain();
    const startsAt = at(30 * HOUR).toISOString();
    const scheduled = await coach.as.post(`/api/coaching/engagements/${id}/sessions`, {
      scheduledAt: startsAt,
      durationMinutes: 60,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    await ctx.jobs.drain();
    const reminders = () =>
      mailsTo(coachee.email).filter((m) => m.subject === "Reminder: coaching session tomorrow");

    // 30 hours ahead: not yet (it was scheduled just now, but starts beyond the 24-hour lead).
    expect((await scanReminders(ctx, at(0))).byKind.coaching_session ?? 0).toBe(0);
    // 7 hours later the session is 23 hours away: due.
    const first = await scanReminders(ctx, at(7 * HOUR));
    expect(first.byKind.coaching_session).toBe(2);
    expect((await scanReminders(ctx, at(7 * HOUR))).queued).toBe(0);
    expect((await scanReminders(ctx, at(7 * HOUR + 5 * 60_000))).byKind.coaching_session ?? 0).toBe(0);
    await ctx.jobs.drain({ now: at(7 * HOUR).toISOString() });
    expect(reminders()).toHaveLength(1);
    expect(
      mailsTo(coach.email).filter((m) => m.subject === "Reminder: coaching session tomorrow"),
    ).toHaveLength(1);

    // The session is moved: the new time gets its own reminder.
    const sessionId: string = scheduled.body.items.find(
      (s: { scheduledAt: string }) => s.scheduledAt === startsAt,
    ).id;
    await ctx.db
      .updateTable("coaching_session")
      .set({ scheduled_at: at(40 * HOUR).toISOString() })
      .where("id", "=", sessionId)
      .execute();
    expect((await scanReminders(ctx, at(17 * HOUR))).byKind.coaching_session).toBe(2);
    await ctx.jobs.drain({ now: at(17 * HOUR).toISOString() });
    expect(reminders()).toHaveLength(2);
  });

  it("a training session: trainees and trainers are reminded; a rescheduled session gets a new reminder, the old one is not sent", async () => {
    const trainer = await person();
    const trainee = await person();
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "training" });
    const course = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, course.courseId, [trainer.id], 5);
    const enrolled = await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, {
      personId: trainee.id,
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const start = at(20 * HOUR);
    const session = await trainer.as.post(`/api/training/cohorts/${cohortId}/sessions`, {
      kind: "workshop",
      title: "Feedback role-play",
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    await ctx.jobs.drain();
    const first = await scanReminders(ctx, at(0));
    expect(first.byKind.training_session).toBe(2);
    expect((await scanReminders(ctx, at(0))).queued).toBe(0);

    const moved = await trainer.as.patch(`/api/training/sessions/${session.body.id}`, {
      startsAt: at(23 * HOUR).toISOString(),
      endsAt: at(25 * HOUR).toISOString(),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await scanReminders(ctx, at(60_000))).byKind.training_session).toBe(2);
    await ctx.jobs.drain({ now: at(60_000).toISOString() });
    const reminders = mailsTo(trainee.email).filter((m) => m.subject === "Reminder: Feedback role-play");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain(
      at(23 * HOUR)
        .toISOString()
        .slice(0, 13)
        .replace("T", " "),
    );
    expect(mailsTo(trainer.email).filter((m) => m.subject === "Reminder: Feedback role-play")).toHaveLength(
      1,
    );
    const outcomes = (await jobsOf(trainee.id))
      .map((j) => JSON.parse(j.payload))
      .filter((p) => p.category === "session_reminders")
      .map((p) => p.outcome)
      .sort();
    expect(outcomes).toEqual(["sent", "skipped_not_due"]);
  });

  it("action items due, assessments still open and certificates expiring are each reminded of once", async () => {
    const coach = await person();
    const coachee = await person();
    const rater = await person();
    await addCoach(manager, coach.id);
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "coaching" });
    const { id } = await activeEngagement(
      { manager, sponsor, coach: coach.as, coachee: coachee.as, coachId: coach.id, coacheeId: coachee.id },
      programId,
    );
    const sessionId = await scheduleAt(coach.as, id, 1);
    const tomorrow = at(24 * HOUR)
      .toISOString()
      .slice(0, 10);
    const held = await coach.as.post(
      `/api/coaching/engagements/${id}/sessions/${sessionId}/record`,
      heldBody({ actions: [{ text: "Delegate the Monday planning", dueDate: tomorrow }] }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    const invited = await coachee.as.post(`/api/coaching/engagements/${id}/assessments/post/stakeholders`, {
      personIds: [rater.id],
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);

    const course = await ctx.db.selectFrom("training_course").select(["id"]).executeTakeFirstOrThrow();
    const cohort = await ctx.db.selectFrom("training_cohort").select(["id"]).executeTakeFirstOrThrow();
    const certificateId = newId();
    const expires = at(30 * 24 * HOUR - HOUR).toISOString();
    await ctx.db
      .insertInto("training_certificate")
      .values({
        id: certificateId,
        organization_id: org,
        course_id: course.id,
        cohort_id: cohort.id,
        person_id: coachee.id,
        issued_at: at(-300 * 24 * HOUR).toISOString(),
        expires_at: expires,
        credential: "{}",
        revoked_at: null,
      })
      .execute();
    await ctx.jobs.drain();

    const now = at(0);
    const scan = await scanReminders(ctx, now);
    expect(scan.byKind).toMatchObject({ coaching_action: 1, certificate: 1 });
    expect((await scanReminders(ctx, now)).queued).toBe(0);
    const later = at(3 * 24 * HOUR + HOUR);
    expect((await scanReminders(ctx, later)).byKind.coaching_assessment).toBe(1);
    expect((await scanReminders(ctx, later)).queued).toBe(0);
    await ctx.jobs.drain({ now: later.toISOString() });
    expect(mailsTo(coachee.email).filter((m) => m.subject === "A coaching action item is due")).toHaveLength(
      1,
    );
    expect(mailsTo(coachee.email).filter((m) => /certificate expires soon/.test(m.subject))).toHaveLength(1);
    expect(
      mailsTo(rater.email).filter((m) => m.subject === "A coaching rating is waiting for you"),
    ).toHaveLength(1);
  });
});

describe("inactivity nudges", () => {
  it("a mentoring pair that has not met for the quiet spell is nudged once, both sides; a meeting logged before the send cancels it", async () => {
    const mentor = await person({ seniority: 5 });
    const mentee = await person({ seniority: 1 });
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "mentoring" });
    const relId = await activePair(mentor.as, mentee.as, programId, mentor.id);
    await ctx.jobs.drain();
    const quietSpell = 6 * 7 * 24 * HOUR;
    const metAt = (ms: number) =>
      ctx.db
        .updateTable("mentoring_relationship")
        .set({ last_meeting_at: at(ms).toISOString() })
        .where("id", "=", relId)
        .execute();
    const nudges = (email: string) => mailsTo(email).filter((m) => /been a while/.test(m.subject));

    await metAt(-quietSpell + HOUR);
    expect((await scanReminders(ctx, at(0))).byKind.mentoring_relationship ?? 0).toBe(0);
    await metAt(-quietSpell - HOUR);
    expect((await scanReminders(ctx, at(0))).byKind.mentoring_relationship).toBe(2);
    expect((await scanReminders(ctx, at(0))).queued).toBe(0);
    await ctx.jobs.drain();
    expect(nudges(mentor.email)).toHaveLength(1);
    expect(nudges(mentee.email)).toHaveLength(1);
    expect(nudges(mentee.email)[0]?.text).toContain(`/mentoring/relationships/${relId}`);

    // A new quiet spell is nudged again, unless they meet before the nudge goes out.
    await metAt(-quietSpell - 2 * HOUR);
    expect((await scanReminders(ctx, at(0))).byKind.mentoring_relationship).toBe(2);
    await metAt(0);
    await ctx.jobs.drain();
    expect(nudges(mentor.email)).toHaveLength(1);
    expect(nudges(mentee.email)).toHaveLength(1);
  });
});

describe("confidential content", () => {
  it("no email and no queued job carries the canary written into meetings, the journal or coach-private notes", async () => {
    const mentor = await person({ seniority: 4 });
    const mentee = await person({ seniority: 1 });
    const programId = await makeProgram(ctx.db, org, pmId, { kind: "mentoring" });
    const relId = await activePair(mentor.as, mentee.as, programId, mentor.id);
    const writes = [
      await mentee.as.post(`/api/mentoring/relationships/${relId}/journal`, { text: `Journal: ${CANARY}` }),
      await mentor.as.post(`/api/mentoring/relationships/${relId}/meetings`, {
        metOn: new Date().toISOString().slice(0, 10),
        durationMinutes: 30,
        topics: [`Topic ${CANARY}`],
        notes: `Notes: ${CANARY}`,
      }),
    ];
    for (const w of writes) expect(w.status, JSON.stringify(w.body)).toBeLessThan(300);

    const coach = await person();
    await addCoach(manager, coach.id);
    const coachingProgram = await makeProgram(ctx.db, org, pmId, { kind: "coaching" });
    const { id } = await activeEngagement(
      { manager, sponsor, coach: coach.as, coachee: mentee.as, coachId: coach.id, coacheeId: mentee.id },
      coachingProgram,
    );
    const sessionId = await scheduleAt(coach.as, id, 2);
    const held = await coach.as.post(
      `/api/coaching/engagements/${id}/sessions/${sessionId}/record`,
      heldBody({
        goal: growNote(`Goal: ${CANARY}`, "coach_private"),
        privateNotes: `Private notes: ${CANARY}`,
        actions: [
          {
            text: "Practise",
            dueDate: at(20 * HOUR)
              .toISOString()
              .slice(0, 10),
          },
        ],
      }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    await coach.as.post(`/api/coaching/engagements/${id}/sessions`, {
      scheduledAt: at(20 * HOUR).toISOString(),
      durationMinutes: 60,
    });
    const nudged = await manager.post(`/api/mentoring/relationships/${relId}/nudge`);
    expect(nudged.status).toBeLessThan(500);
    await mentee.as.post(`/api/mentoring/relationships/${relId}/end`, {
      reason: `Private reason: ${CANARY}`,
    });
    await scanReminders(ctx, at(0));
    await ctx.jobs.drain({ now: at(HOUR).toISOString() });

    expect(mailsTo(mentee.email).length).toBeGreaterThan(3);
    for (const m of ctx.smtp.inbox) {
      expect(`${m.subject}\n${m.text}\n${m.html}`).not.toContain(CANARY);
    }
    const payloads = await ctx.db.selectFrom("job").select(["payload", "last_error"]).execute();
    expect(JSON.stringify(payloads)).not.toContain(CANARY);
  });
});

describe("delivery", () => {
  let down: boolean;
  let worker: JobWorker;
  let deadMailer: Mailer;
  let liveMailer: Mailer;
  let refusing: DevSmtpServer;
  let refusingMailer: Mailer;

  beforeAll(async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : 9;
        server.close(() => resolve(port));
      });
    });
    deadMailer = createMailer(`smtp://127.0.0.1:${closedPort}`, ctx.config.mailFrom);
    liveMailer = createMailer(ctx.smtp.url, ctx.config.mailFrom);
    refusing = await startDevSmtp({
      rejectRecipient: (address) =>
        address.startsWith("refused")
          ? { code: 550, message: "No such user" }
          : address.startsWith("busy")
            ? { code: 451, message: "Try again later" }
            : null,
    });
    refusingMailer = createMailer(refusing.url, ctx.config.mailFrom);
    down = true;
    const mailer: Mailer = {
      send: (m) => (down ? deadMailer.send(m) : liveMailer.send(m)),
      close() {},
    };
    const deps: Deps = {
      db: ctx.db,
      engine: ctx.engine,
      config: ctx.config,
      mailer,
      auth: createAuth(ctx.db, ctx.config, mailer, newToken() + newToken()),
      masterKey: ctx.masterKey,
    };
    worker = startJobWorker(deps, { pollMs: 0 });
  });
  afterAll(async () => {
    await worker.stop();
    deadMailer.close();
    liveMailer.close();
    refusingMailer.close();
    await refusing.close();
  });

  it("SMTP down: the job is retried with backoff, then delivered once SMTP is back", async () => {
    await ctx.jobs.drain();
    const someone = await person();
    await notifyPerson(ctx, org, someone.id, "requests", { subject: "Patience", intro: "Hi", path: "/" });
    const t0 = Date.now();
    const iso = (ms: number) => new Date(t0 + ms).toISOString();
    expect(await worker.drain({ now: iso(0) })).toBe(1);
    let [job] = await jobsOf(someone.id);
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job?.last_error).toMatch(/Could not reach the SMTP server/);
    const firstRetry = Date.parse(job?.run_at ?? "") - t0;
    expect(firstRetry).toBeGreaterThanOrEqual(30_000);
    expect(firstRetry).toBeLessThanOrEqual(36_500);
    expect(await worker.drain({ now: iso(20_000) })).toBe(0);
    expect(await worker.drain({ now: iso(40_000) })).toBe(1);
    [job] = await jobsOf(someone.id);
    const secondRetry = Date.parse(job?.run_at ?? "") - (t0 + 40_000);
    expect(secondRetry).toBeGreaterThanOrEqual(60_000);
    expect(secondRetry).toBeLessThanOrEqual(72_500);
    down = false;
    expect(await worker.drain({ now: iso(5 * 60_000) })).toBe(1);
    [job] = await jobsOf(someone.id);
    expect(job).toMatchObject({ status: "done", attempts: 3 });
    expect(mailsTo(someone.email).map((m) => m.subject)).toEqual(["Patience"]);
    expect(mailsTo(someone.email)[0]?.messageId).toBe(`<${job?.id}@localhost>`);
  });

  it("a permanent refusal (5xx) fails the job at once; a temporary one (4xx) is retried", async () => {
    const refused = await person({ email: `refused.${newId()}@example.test` });
    const busy = await person({ email: `busy.${newId()}@example.test` });
    const deps: Deps = {
      db: ctx.db,
      engine: ctx.engine,
      config: ctx.config,
      mailer: refusingMailer,
      auth: createAuth(ctx.db, ctx.config, refusingMailer, newToken() + newToken()),
      masterKey: ctx.masterKey,
    };
    const refusingWorker = startJobWorker(deps, { pollMs: 0 });
    try {
      await notifyPerson(ctx, org, refused.id, "requests", { subject: "No", intro: "Hi", path: "/" });
      await notifyPerson(ctx, org, busy.id, "requests", { subject: "Later", intro: "Hi", path: "/" });
      await refusingWorker.drain();
      expect((await jobsOf(refused.id))[0]).toMatchObject({ status: "dead", attempts: 1 });
      expect((await jobsOf(refused.id))[0]?.last_error).toBe("SMTP refused the mail (550).");
      expect((await jobsOf(busy.id))[0]).toMatchObject({ status: "queued", attempts: 1 });
      expect((await jobsOf(busy.id))[0]?.last_error).toBe("SMTP deferred the mail (451).");
      expect(JSON.stringify(await jobsOf(refused.id))).not.toContain(refused.email);
    } finally {
      await refusingWorker.stop();
    }
  });
});
