import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/ids.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { FAILING, openCohort, PASSING, pastSession, publishedCourse } from "../../testing/training.ts";
import { sendReminders } from "./assignments.service.ts";
import { verifyCredential } from "./certificates.service.ts";

type Client = ReturnType<typeof client>;

let ctx: TestContext;
let org: string;
let manager: Client;
let member: Client;
let trainer: { id: string; as: Client };
let programId: string;

async function person(spec: Parameters<typeof makePerson>[2] = {}) {
  const p = await makePerson(ctx.db, org, spec);
  return { id: p.id, email: p.email, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

const deps = () => ({
  db: ctx.db,
  engine: ctx.engine,
  config: ctx.config,
  mailer: undefined as never,
  auth: undefined as never,
  masterKey: ctx.masterKey,
});

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  const pm = await person({ role: "program_manager" });
  manager = pm.as;
  member = (await person()).as;
  trainer = await person({ name: "Tess Trainer" });
  programId = await makeProgram(ctx.db, org, pm.id, { kind: "training" });
});
afterAll(() => ctx.close());

describe("course authoring", () => {
  it("only program staff author; drafts stay hidden; lessons render sanitized Markdown", async () => {
    expect((await member.post("/api/training/courses", { title: "Nope" })).status).toBe(403);
    const draft = await manager.post("/api/training/courses", {
      title: "Draft course",
      competencies: ["A", "a"],
    });
    expect(draft.status).toBe(201);
    expect(draft.body.competencies).toEqual(["a"]);
    expect((await member.get(`/api/training/courses/${draft.body.id}`)).status).toBe(404);
    expect(
      (await member.get("/api/training/courses")).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(draft.body.id);
    const empty = await manager.patch(`/api/training/courses/${draft.body.id}`, { status: "published" });
    expect(empty.body.error.code).toBe("training.course_empty");

    const mod = await manager.post(`/api/training/courses/${draft.body.id}/modules`, { title: "Module" });
    const withLesson = await manager.post(`/api/training/modules/${mod.body.modules[0].id}/lessons`, {
      title: "Unsafe",
      content: "Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**",
    });
    const lesson = withLesson.body.modules[0].lessons[0];
    expect(lesson.contentHtml).toContain("<strong>bold</strong>");
    expect(lesson.contentHtml).not.toMatch(/<script|href="javascript/);
    const second = await manager.post(`/api/training/courses/${draft.body.id}/modules`, { title: "Second" });
    const target = second.body.modules[1].id;
    const moved = await manager.patch(`/api/training/lessons/${lesson.id}`, { moduleId: target });
    expect(moved.body.modules[1].lessons.map((l: { id: string }) => l.id)).toEqual([lesson.id]);
    const elsewhere = await manager.post("/api/training/courses", { title: "Other" });
    const foreignModule = (
      await manager.post(`/api/training/courses/${elsewhere.body.id}/modules`, { title: "M" })
    ).body.modules[0].id;
    expect(
      (await manager.patch(`/api/training/lessons/${lesson.id}`, { moduleId: foreignModule })).body.error
        .code,
    ).toBe("training.unknown_module");
  });

  it("refuses an unsound quiz with the problems listed, and keeps the key from non-authors", async () => {
    const { courseId } = await publishedCourse(manager);
    const bad = await manager.post(`/api/training/courses/${courseId}/assessments`, {
      kind: "quiz",
      title: "Broken",
      passMarkPct: 50,
      questions: [
        {
          id: "q1",
          kind: "single",
          prompt: "?",
          options: [
            { id: "a", text: "A" },
            { id: "b", text: "B" },
          ],
          correctOptionIds: ["a", "b"],
        },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("training.invalid_quiz");
    expect(bad.body.error.details[0]).toMatch(/exactly one/);
    const asMember = await member.get(`/api/training/courses/${courseId}`);
    expect(asMember.status).toBe(200);
    expect(JSON.stringify(asMember.body)).not.toMatch(/correctOptionIds|acceptedAnswers|"answer"/);
    expect(asMember.body.assessments[0].questionCount).toBe(3);
    const asAuthor = await manager.get(`/api/training/courses/${courseId}`);
    expect(asAuthor.body.assessments[0].questions[0].correctOptionIds).toEqual(["a"]);
    expect(asAuthor.body.completionRule).toContain('Pass "GROW basics".');
  });

  it("keeps structure a cohort uses from being deleted", async () => {
    const c = await publishedCourse(manager);
    await openCohort(manager, programId, c.courseId, [trainer.id]);
    const res = await manager.delete(`/api/training/lessons/${c.lessonId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("training.course_in_use");
  });
});

describe("cohorts, seats and the waitlist", () => {
  it("lets only the program's owner and org admins open and change its cohorts", async () => {
    const c = await publishedCourse(manager);
    const otherManager = await person({ role: "program_manager" });
    const body = {
      courseId: c.courseId,
      name: "X",
      startDate: "2027-01-04",
      endDate: "2027-01-29",
      seats: 5,
      trainerIds: [trainer.id],
    };
    expect((await otherManager.as.post(`/api/programs/${programId}/training/cohorts`, body)).status).toBe(
      403,
    );
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    expect((await otherManager.as.patch(`/api/training/cohorts/${cohortId}`, { seats: 9 })).status).toBe(403);
    expect((await manager.patch(`/api/training/cohorts/${cohortId}`, { seats: 9 })).body.seats).toBe(9);
  });

  it("waitlists a full cohort and offers a freed seat to the next person in order", async () => {
    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id], 1);
    const [a, b, d] = [await person(), await person(), await person()];
    const enrol = (id: string) =>
      manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: id });
    expect((await enrol(a.id)).body.status).toBe("enrolled");
    expect((await enrol(b.id)).body).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect((await enrol(d.id)).body).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    expect((await enrol(a.id)).status).toBe(409);

    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const offerMail = ctx.smtp.waitFor(b.email);
    expect(
      (await a.as.post(`/api/training/cohorts/${cohortId}/enrolments/${a.id}/withdraw`)).body.status,
    ).toBe("withdrawn");
    expect((await offerMail).subject).toMatch(/seat is free/);
    const offered = await b.as.get(`/api/training/cohorts/${cohortId}`);
    expect(offered.body.enrolment.status).toBe("offered");
    expect(offered.body.seatsLeft).toBe(0);
    // Nobody jumps the queue while a seat is held for someone.
    expect((await d.as.post(`/api/training/cohorts/${cohortId}/offer`, { accept: true })).status).toBe(409);
    expect((await b.as.post(`/api/training/cohorts/${cohortId}/offer`, { accept: true })).body.status).toBe(
      "enrolled",
    );

    await manager.patch(`/api/training/cohorts/${cohortId}`, { seats: 2 });
    expect((await d.as.get(`/api/training/cohorts/${cohortId}`)).body.enrolment.status).toBe("offered");
    // An offer left to lapse is withdrawn; with nobody else waiting, the next person takes the seat at once.
    await ctx.db
      .updateTable("training_enrolment")
      .set({ offer_expires_at: "2000-01-01T00:00:00.000Z" })
      .where("person_id", "=", d.id)
      .execute();
    const e = await person();
    expect((await enrol(e.id)).body.status).toBe("enrolled");
    expect((await d.as.get(`/api/training/cohorts/${cohortId}`)).body.enrolment).toBeNull();
    const roster = await trainer.as.get(`/api/training/cohorts/${cohortId}/roster`);
    expect(roster.body.enrolled.map((r: { person: { id: string } }) => r.person.id).sort()).toEqual(
      [b.id, e.id].sort(),
    );
    expect(roster.body.waitlist).toEqual([]);
    expect((await manager.patch(`/api/training/cohorts/${cohortId}`, { seats: 0 })).status).toBe(400);
  });

  it("lets a person enrol themself only after joining the program as a trainee", async () => {
    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    const p = await person();
    const first = await p.as.post(`/api/training/cohorts/${cohortId}/enrolments`, {});
    expect(first.body.error.code).toBe("training.not_in_program");
    expect(
      (await p.as.post(`/api/programs/${programId}/enrolments`, { role: "trainee", answers: {} })).status,
    ).toBeLessThan(300);
    expect((await p.as.post(`/api/training/cohorts/${cohortId}/enrolments`, {})).body.status).toBe(
      "enrolled",
    );
    expect(
      (await p.as.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: trainer.id })).status,
    ).toBe(403);
    expect(
      (await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: trainer.id })).body
        .error.code,
    ).toBe("training.trainer_cannot_enrol");
  });
});

describe("sessions and attendance", () => {
  it("records present, late, absent and excused and shows attendance live", async () => {
    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    const t = await person();
    await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: t.id });
    const bad = await trainer.as.post(`/api/training/cohorts/${cohortId}/sessions`, {
      kind: "lecture",
      title: "Backwards",
      startsAt: "2026-05-01T10:00:00Z",
      endsAt: "2026-05-01T09:00:00Z",
    });
    expect(bad.body.error.code).toBe("training.end_before_start");
    expect(
      (
        await t.as.post(`/api/training/cohorts/${cohortId}/sessions`, {
          kind: "lecture",
          title: "x",
          startsAt: "2026-05-01T10:00:00Z",
          endsAt: "2026-05-01T11:00:00Z",
        })
      ).status,
    ).toBe(403);
    const sessions = [
      await pastSession(trainer.as, cohortId, 30, "lecture"),
      await pastSession(trainer.as, cohortId, 20, "role_play"),
      await pastSession(trainer.as, cohortId, 10, "hands_on"),
      await pastSession(trainer.as, cohortId, 5, "workshop"),
    ];
    const future = await trainer.as.post(`/api/training/cohorts/${cohortId}/sessions`, {
      kind: "lecture",
      title: "Next week",
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(),
      link: "https://meet.example.test/room",
    });
    const early = await trainer.as.put(`/api/training/sessions/${future.body.id}/attendance`, {
      marks: [{ personId: t.id, status: "present" }],
    });
    expect(early.body.error.code).toBe("training.session_not_started");
    const stranger = await trainer.as.put(`/api/training/sessions/${sessions[0]}/attendance`, {
      marks: [{ personId: trainer.id, status: "present" }],
    });
    expect(stranger.body.error.code).toBe("training.not_on_roster");
    const marks = ["present", "late", "absent", "excused"] as const;
    let sheet = { status: 0, body: null as unknown as { rows: { attendance: { pct: number | null } }[] } };
    for (const [i, status] of marks.entries()) {
      sheet = await trainer.as.put(`/api/training/sessions/${sessions[i]}/attendance`, {
        marks: [{ personId: t.id, status }],
      });
      expect(sheet.status).toBe(200);
    }
    expect(sheet.body.rows[0]?.attendance.pct).toBe(66.7);
    expect((await t.as.get(`/api/training/sessions/${sessions[0]}/attendance`)).status).toBe(403);
    const mine = await t.as.get(`/api/training/cohorts/${cohortId}`);
    expect(mine.body.progress.attendance).toMatchObject({
      present: 1,
      late: 1,
      absent: 1,
      excused: 1,
      pct: 66.7,
    });
    expect(mine.body.nextSession.title).toBe("Next week");
    // Correcting a mark replaces it.
    await trainer.as.put(`/api/training/sessions/${sessions[2]}/attendance`, {
      marks: [{ personId: t.id, status: "present" }],
    });
    expect((await t.as.get(`/api/training/cohorts/${cohortId}`)).body.progress.attendance.pct).toBe(100);
  });
});

describe("assessments, completion and the certificate", () => {
  it("grades quizzes on submit without sending the key, enforces attempts and the time limit", async () => {
    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    const t = await person();
    const other = await person();
    for (const p of [t, other])
      await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: p.id });
    expect(
      (await trainer.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`)).status,
    ).toBe(403);
    const started = await t.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    expect(started.status).toBe(201);
    expect(JSON.stringify(started.body)).not.toMatch(/correctOptionIds|acceptedAnswers|tolerance|"answer"/);
    expect(started.body.deadlineAt).not.toBeNull();
    const resumed = await t.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    expect(resumed.body.id).toBe(started.body.id);
    expect(
      (await other.as.post(`/api/training/attempts/${started.body.id}/submit`, { answers: PASSING })).status,
    ).toBe(404);
    const unknown = await t.as.post(`/api/training/attempts/${started.body.id}/submit`, {
      answers: { nope: "a" },
    });
    expect(unknown.body.error.code).toBe("training.unknown_question");
    const failed = await t.as.post(`/api/training/attempts/${started.body.id}/submit`, { answers: FAILING });
    expect(failed.body).toMatchObject({ passed: false, scorePct: 0, attemptsLeft: 1 });
    expect(failed.body.questions).toEqual([
      { id: "q1", correct: false },
      { id: "q2", correct: false },
      { id: "q3", correct: false },
    ]);
    expect(
      (await t.as.post(`/api/training/attempts/${started.body.id}/submit`, { answers: PASSING })).status,
    ).toBe(409);

    const second = await t.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    await ctx.db
      .updateTable("training_quiz_attempt")
      .set({ deadline_at: "2000-01-01T00:00:00.000Z" })
      .where("id", "=", second.body.id)
      .execute();
    const late = await t.as.post(`/api/training/attempts/${second.body.id}/submit`, { answers: PASSING });
    expect(late.body).toMatchObject({ status: "expired", passed: false, attemptsLeft: 0 });
    const none = await t.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    expect(none.body.error.code).toBe("training.no_attempts_left");
    const wrongKind = await t.as.post(
      `/api/training/cohorts/${cohortId}/assessments/${c.practicalId}/attempts`,
    );
    expect(wrongKind.body.error.code).toBe("training.wrong_kind");
  });

  it("issues a signed certificate the moment the completion rule is met, and verifies it", async () => {
    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    const t = await person({ name: "Ada Trainee" });
    const peer = await person();
    for (const p of [t, peer])
      await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: p.id });
    const s1 = await pastSession(trainer.as, cohortId, 30);
    await pastSession(trainer.as, cohortId, 20);
    await trainer.as.put(`/api/training/sessions/${s1}/attendance`, {
      marks: [{ personId: t.id, status: "present" }],
    });

    expect(
      (await t.as.post(`/api/training/cohorts/${cohortId}/lessons/${c.lessonId}/complete`)).body.lessonsDone,
    ).toEqual([c.lessonId]);
    const pending = await t.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${c.activityLessonId}/complete`,
    );
    expect(pending.body.error.code).toBe("training.activity_pending");
    const badLink = await t.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${c.activityLessonId}/submissions`,
      { kind: "link", body: "javascript:alert(1)" },
    );
    expect(badLink.body.error.code).toBe("training.invalid_link");
    const sub = await t.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${c.activityLessonId}/submissions`,
      { kind: "text", body: "What do you want?" },
    );
    expect(sub.status).toBe(201);
    const queued = await trainer.as.get("/api/training/grading-queue/submissions");
    expect(queued.body.items.map((s: { id: string }) => s.id)).toContain(sub.body.id);
    const practicals = await trainer.as.get("/api/training/grading-queue/practicals?limit=200");
    expect(practicals.body.items.some((p: { person: { id: string } }) => p.person.id === t.id)).toBe(true);
    expect(
      (await t.as.post(`/api/training/submissions/${sub.body.id}/review`, { decision: "accepted" })).status,
    ).toBe(403);
    expect(
      (
        await trainer.as.post(`/api/training/submissions/${sub.body.id}/review`, {
          decision: "accepted",
          feedback: "Good.",
        })
      ).body.status,
    ).toBe("accepted");

    const attempt = await t.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    const passed = await t.as.post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING });
    expect(passed.body).toMatchObject({ passed: true, scorePct: 100, certificateId: null });

    const grade = (levels: Record<string, string>) =>
      trainer.as.put(`/api/training/cohorts/${cohortId}/assessments/${c.practicalId}/grades/${t.id}`, {
        levels,
        comments: { questions: "Nice." },
      });
    expect((await grade({ questions: "good" })).body.error.code).toBe("training.incomplete_grading");
    expect(
      (
        await t.as.put(`/api/training/cohorts/${cohortId}/assessments/${c.practicalId}/grades/${t.id}`, {
          levels: { questions: "good", listening: "good" },
        })
      ).status,
    ).toBe(403);
    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    // The grade notice goes out too, in whichever order the worker takes them.
    const certMail = ctx.smtp.waitFor(t.email, { match: (mail) => mail.text.includes("/verify/") });
    const graded = await grade({ questions: "good", listening: "weak" });
    expect(graded.body).toMatchObject({ scorePct: 50, passed: true });
    expect(graded.body.completion.met).toBe(true);
    const certificateId: string = graded.body.certificateId;
    expect(certificateId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await certMail).text).toContain(`/verify/${certificateId}`);

    const matrix = await trainer.as.get(`/api/training/cohorts/${cohortId}/gradebook`);
    const row = matrix.body.items.find((r: { person: { id: string } }) => r.person.id === t.id);
    expect(row).toMatchObject({ attendancePct: 100, lessonsDone: 2, completed: true, certificateId });
    expect(row.cells).toEqual([
      { assessmentId: c.quizId, scorePct: 100, passed: true, attempts: 1 },
      { assessmentId: c.practicalId, scorePct: 50, passed: true, attempts: 1 },
    ]);
    expect((await peer.as.get(`/api/training/cohorts/${cohortId}/gradebook/${t.id}`)).status).toBe(403);
    expect((await peer.as.get(`/api/training/cohorts/${cohortId}/gradebook`)).status).toBe(403);
    const own = await t.as.get(`/api/training/cohorts/${cohortId}/gradebook/${t.id}`);
    expect(own.body.lessons[1]).toMatchObject({
      activity: "accepted",
      submission: { body: "What do you want?", feedback: "Good." },
    });
    expect(own.body.assessments[1].practical).toMatchObject({
      levels: { questions: "good", listening: "weak" },
      comments: { questions: "Nice." },
    });

    const anon = client(ctx.app);
    const credential = await anon.get(`/api/credentials/${certificateId}`);
    expect(credential.status).toBe(200);
    expect(credential.body.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.body["@context"]).toContain(
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    );
    expect(credential.body.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(credential.body.proof.type).toBe("Ed25519Signature2020");
    expect(credential.body.credentialSubject.achievement).toMatchObject({
      name: "Coaching skills for managers",
      tag: ["Coaching", "Active listening"],
    });
    expect(credential.body.validUntil).toBeDefined();
    const verified = await anon.get(`/api/credentials/${certificateId}/verification`);
    expect(verified.body).toMatchObject({ verified: true, credential: { recipient: "Ada Trainee" } });

    const tampered = structuredClone(credential.body);
    tampered.credentialSubject.identifier[0].identityHash = "Mallory";
    const forged = await anon.post("/api/credentials/verify", tampered);
    expect(forged.body.verified).toBe(false);
    expect(forged.body.checks.signature.ok).toBe(false);
    const stretched = { ...credential.body, validUntil: "2099-01-01T00:00:00Z" };
    expect((await anon.post("/api/credentials/verify", stretched)).body.checks.signature.ok).toBe(false);

    const huge = await anon.post("/api/credentials/verify", {
      ...credential.body,
      padding: "x".repeat(70_000),
    });
    expect(huge.body.error.code).toBe("credentials.too_large");
    const later = await verifyCredential(ctx.db, credential.body, new Date(Date.now() + 400 * 86_400_000));
    expect(later.checks.signature.ok).toBe(true);
    expect(later.checks.expiry.ok).toBe(false);
    expect(later.verified).toBe(false);

    const me = await t.as.get("/api/training/me");
    expect(me.body.certificates[0]).toMatchObject({ id: certificateId, status: "valid" });
    expect(me.body.cohorts[0]).toMatchObject({ completed: true, progressPct: 100 });
    expect((await anon.get("/api/credentials/00000000-0000-7000-8000-000000000000")).status).toBe(404);
  });
});

describe("mandatory training", () => {
  it("assigns a course to a department, reminds at 7 days, 1 day and overdue, once each, and asks for re-certification", async () => {
    const c = await publishedCourse(manager);
    const inDept = [
      await person({ department: "Safety", name: "Ines Lindqvist" }),
      await person({ department: "Safety", name: "Omar Valdés" }),
    ];
    await person({ department: "Sales" });
    expect(
      (
        await member.post("/api/training/assignments", {
          courseId: c.courseId,
          target: { kind: "department", departments: ["Safety"] },
          dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        })
      ).status,
    ).toBe(403);
    const nobody = await manager.post("/api/training/assignments", {
      courseId: c.courseId,
      target: { kind: "department", departments: ["Nowhere"] },
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    expect(nobody.body.error.code).toBe("training.empty_group");
    const due = new Date(Date.now() + 5 * 86_400_000);
    const created = await manager.post("/api/training/assignments", {
      courseId: c.courseId,
      target: { kind: "department", departments: ["Safety"] },
      dueAt: due.toISOString(),
      note: "Required for site access.",
    });
    expect(created.status).toBe(201);
    expect(created.body.counts).toMatchObject({ due: 2 });
    const assigneesPath = `/api/training/assignments/${created.body.id}/assignees`;
    const firstPage = await manager.get(`${assigneesPath}?limit=1`);
    const secondPage = await manager.get(`${assigneesPath}?limit=1&cursor=${firstPage.body.nextCursor}`);
    expect(firstPage.body.total).toBe(2);
    expect(secondPage.body.nextCursor).toBeNull();
    expect(
      [...firstPage.body.items, ...secondPage.body.items]
        .map((a: { person: { id: string } }) => a.person.id)
        .sort(),
    ).toEqual(inDept.map((p) => p.id).sort());
    const found = await manager.get(`${assigneesPath}?q=VALD`);
    expect(found.body).toMatchObject({
      total: 1,
      items: [{ person: { id: inDept[1]?.id, name: "Omar Valdés" }, status: "due" }],
    });
    expect((await manager.get(`${assigneesPath}?q=safety&status=overdue`)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect((await manager.get(`/api/training/assignments/${newId()}/assignees`)).status).toBe(404);
    const home = await inDept[0]?.as.get("/api/training/me");
    expect(home?.body.assignments[0]).toMatchObject({
      course: { id: c.courseId },
      status: "due",
      note: "Required for site access.",
    });

    const d = {
      ...deps(),
      mailer:
        ctx.app && (await import("../../mail/mailer.ts")).createMailer(ctx.smtp.url, "trellis@example.test"),
    };
    const week = ctx.smtp.waitFor(inDept[0]?.email ?? "");
    const first = await sendReminders(d, org);
    expect(first.byKind).toEqual({ due_in_7_days: 2 });
    expect((await week).subject).toMatch(/Due in a week/);
    expect((await sendReminders(d, org)).sent).toBe(0);
    expect((await sendReminders(d, org, new Date(due.getTime() - 12 * 3_600_000))).byKind).toEqual({
      due_in_1_day: 2,
    });
    expect((await sendReminders(d, org, new Date(due.getTime() + 3_600_000))).byKind).toEqual({ overdue: 2 });
    expect((await sendReminders(d, org, new Date(due.getTime() + 7_200_000))).sent).toBe(0);

    await ctx.db
      .updateTable("training_assignee")
      .set({ due_at: "2020-01-01T00:00:00.000Z" })
      .where("assignment_id", "=", created.body.id)
      .execute();
    const overdueOf = async (assignmentId: string) =>
      (await manager.get("/api/training/overdue?limit=200")).body.items.filter(
        (o: { assignmentId: string }) => o.assignmentId === assignmentId,
      );
    expect(await overdueOf(created.body.id)).toHaveLength(2);
    // The list's counts, worked out in SQL, agree with each assignee's state worked out in code.
    const listed = async (id: string) =>
      (await manager.get("/api/training/assignments?limit=200")).body.items.find(
        (a: { id: string }) => a.id === id,
      );
    expect((await listed(created.body.id)).counts).toEqual({
      completed: 0,
      due: 0,
      overdue: 2,
      recertification_due: 0,
    });

    // One of them completes the course: the assignment is satisfied until the certificate lapses.
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id]);
    const done = inDept[0];
    if (!done) throw new Error("unreachable");
    const offered = (await done.as.get("/api/training/me")).body.assignments[0].openCohorts;
    expect(offered.map((h: { id: string }) => h.id)).toContain(cohortId);
    expect(offered.length).toBeLessThanOrEqual(5);
    await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: done.id });
    await done.as.post(`/api/training/cohorts/${cohortId}/lessons/${c.lessonId}/complete`);
    const sub = await done.as.post(
      `/api/training/cohorts/${cohortId}/lessons/${c.activityLessonId}/submissions`,
      { kind: "text", body: "Done." },
    );
    await trainer.as.post(`/api/training/submissions/${sub.body.id}/review`, { decision: "accepted" });
    const attempt = await done.as.post(`/api/training/cohorts/${cohortId}/assessments/${c.quizId}/attempts`);
    await done.as.post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING });
    const g = await trainer.as.put(
      `/api/training/cohorts/${cohortId}/assessments/${c.practicalId}/grades/${done.id}`,
      { levels: { questions: "good", listening: "good" } },
    );
    expect(g.body.certificateId).not.toBeNull();
    let detail = await manager.get(`/api/training/assignments/${created.body.id}`);
    expect(detail.body.counts).toMatchObject({ completed: 1, overdue: 1 });
    expect((await listed(created.body.id)).counts).toEqual(detail.body.counts);
    expect((await overdueOf(created.body.id)).map((o: { person: { id: string } }) => o.person.id)).toEqual([
      inDept[1]?.id,
    ]);

    const dash = await manager.get(`/api/programs/${programId}/training/dashboard`);
    const row = dash.body.cohorts.find((x: { id: string }) => x.id === cohortId);
    expect(row).toMatchObject({
      enrolled: 1,
      completed: 1,
      completionRatePct: 100,
      averageScorePct: 100,
      attendanceRatePct: null,
      overdueAssignments: 0,
    });
    expect(dash.body.totals.overdueAssignments).toBeGreaterThanOrEqual(1);
    expect((await member.get(`/api/programs/${programId}/training/dashboard`)).status).toBe(403);

    await ctx.db
      .updateTable("training_certificate")
      .set({ expires_at: "2021-06-01T00:00:00.000Z" })
      .where("person_id", "=", done.id)
      .execute();
    detail = await manager.get(`/api/training/assignments/${created.body.id}`);
    const lapsed = await manager.get(`${assigneesPath}?status=recertification_due`);
    expect(lapsed.body.items).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ id: done.id }),
        status: "recertification_due",
        dueAt: "2021-06-01T00:00:00.000Z",
      }),
    ]);
    expect(lapsed.body.total).toBe(detail.body.counts.recertification_due);
    expect((await listed(created.body.id)).counts).toEqual(detail.body.counts);
    expect(await overdueOf(created.body.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          person: expect.objectContaining({ id: done.id }),
          status: "recertification_due",
        }),
      ]),
    );
    // The lapsed certificate opens a new cycle with its own due date; the other assignee's due date was moved.
    const recert = await sendReminders(d, org);
    expect(recert.byKind).toEqual({ overdue: 2 });
    expect((await sendReminders(d, org)).sent).toBe(0);
    expect((await done.as.get("/api/training/me")).body.certificates[0].status).toBe("expired");
  });
});

describe("training lists page with a cursor", () => {
  type Page = { items: { id?: string }[]; nextCursor: string | null; total: number };
  const everyPage = async (as: Client, path: string, limit = 1) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const res = await as.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, path).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(res.body);
      cursor = res.body.nextCursor;
    } while (cursor);
    return pages.flatMap((p) => p.items);
  };

  it("pages the catalog by title, searches it and counts each status", async () => {
    const o = await makeOrganization(ctx.db, "Catalog");
    const author = client(
      ctx.app,
      await signIn(ctx.app, (await makePerson(ctx.db, o, { role: "program_manager" })).email),
    );
    const reader = client(ctx.app, await signIn(ctx.app, (await makePerson(ctx.db, o)).email));
    for (const title of ["Delta", "Alpha", "Charlie"]) await publishedCourse(author, { title });
    await author.post("/api/training/courses", { title: "Bravo draft", competencies: ["Negotiation"] });
    const all = (await author.get("/api/training/courses?limit=200")).body;
    expect(all.items.map((c: { title: string }) => c.title)).toEqual([
      "Alpha",
      "Bravo draft",
      "Charlie",
      "Delta",
    ]);
    expect(all).toMatchObject({ total: 4, statusCounts: { published: 3, draft: 1 } });
    expect((await everyPage(author, "/api/training/courses")).map((c) => c.id)).toEqual(
      all.items.map((c: { id: string }) => c.id),
    );
    expect((await everyPage(reader, "/api/training/courses", 2)).length).toBe(3);
    const found = (await author.get("/api/training/courses?q=NEGOT")).body;
    expect(found.items.map((c: { title: string }) => c.title)).toEqual(["Bravo draft"]);
    expect(found.statusCounts).toEqual(all.statusCounts);
    expect((await author.get("/api/training/courses?status=draft")).body.total).toBe(1);
    expect((await reader.get("/api/training/courses?status=draft")).body.items).toEqual([]);
    expect((await reader.get("/api/training/courses?q=100%25")).body.items).toEqual([]);
  });

  it("pages assignments, the overdue list and both grading queues, each row once", async () => {
    const assignments = await everyPage(manager, "/api/training/assignments");
    expect(assignments.map((a) => a.id)).toEqual(
      (await manager.get("/api/training/assignments?limit=200")).body.items.map((a: { id: string }) => a.id),
    );
    const overdueAll = (await manager.get("/api/training/overdue?limit=200")).body;
    const overduePaged = await everyPage(manager, "/api/training/overdue");
    expect(overduePaged).toEqual(overdueAll.items);
    expect(overdueAll.total).toBe(overdueAll.items.length);

    const c = await publishedCourse(manager);
    const cohortId = await openCohort(manager, programId, c.courseId, [trainer.id], 5);
    const trainees = [
      await person({ name: "Queue A" }),
      await person({ name: "Queue B" }),
      await person({ name: "Queue C" }),
    ];
    for (const t of trainees) {
      await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: t.id });
      await t.as.post(`/api/training/cohorts/${cohortId}/lessons/${c.activityLessonId}/submissions`, {
        kind: "text",
        body: `From ${t.id}`,
      });
    }
    const submissions = (await trainer.as.get("/api/training/grading-queue/submissions?limit=200")).body;
    const paged = await everyPage(trainer.as, "/api/training/grading-queue/submissions");
    expect(paged.map((s) => s.id)).toEqual(submissions.items.map((s: { id: string }) => s.id));
    expect(new Set(paged.map((s) => s.id)).size).toBe(submissions.total);
    const practicals = (await trainer.as.get("/api/training/grading-queue/practicals?limit=200")).body;
    type Practical = { cohort: { id: string }; person: { id: string; name: string } };
    const mine = (practicals.items as Practical[]).filter((p) => p.cohort.id === cohortId);
    expect(mine.map((p) => p.person.name)).toEqual(["Queue A", "Queue B", "Queue C"]);
    expect(await everyPage(trainer.as, "/api/training/grading-queue/practicals", 2)).toEqual(
      practicals.items,
    );
    expect(practicals.total).toBe(practicals.items.length);
    const taught = (await trainer.as.get("/api/training/teaching?limit=200")).body;
    expect(await everyPage(trainer.as, "/api/training/teaching", 1)).toEqual(taught.items);
    expect(taught.total).toBe(taught.items.length);
    expect(taught.items.find((h: { id: string }) => h.id === cohortId)).toMatchObject({
      enrolledCount: 3,
      pendingReviews: 3,
    });
    const ends = taught.items.map((h: { endDate: string }) => h.endDate);
    expect(ends).toEqual([...ends].sort().reverse());
    const mine2 = (await trainer.as.get("/api/training/me")).body;
    expect(mine2.teachingCount).toBe(taught.total);
    expect(mine2.pendingReviews).toBe(submissions.total);
    expect((await member.get("/api/training/teaching")).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect((await member.get("/api/training/grading-queue/practicals")).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await manager.get("/api/training/overdue?cursor=WzEsMiwzXQ")).status).toBe(400);
  });
});
