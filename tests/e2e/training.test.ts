import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { callApi, type E2E, expectToast, newSession, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant `ms` from now, as ISO. */
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
/** A UTC calendar day `offset` days from today, as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Opens a tab by the start of its name (some tabs end with a count). */
async function openTab(page: Page, name: string) {
  const start = new RegExp(`^${name}`);
  await page.getByRole("tab", { name: start }).click();
  await page.getByRole("tab", { name: start, selected: true }).waitFor();
}

const QUIZ = {
  kind: "quiz",
  title: "Workshop basics quiz",
  passMarkPct: 60,
  maxAttempts: 3,
  timeLimitMinutes: 15,
  questions: [
    {
      id: "start",
      kind: "single",
      prompt: "What should a workshop start with?",
      options: [
        { id: "goal", text: "A clear goal" },
        { id: "lecture", text: "A long lecture" },
      ],
      correctOptionIds: ["goal"],
    },
    {
      id: "takepart",
      kind: "multiple",
      prompt: "Which of these help everyone take part?",
      options: [
        { id: "groups", text: "Small groups" },
        { id: "slides", text: "Reading the slides aloud" },
        { id: "open", text: "Open questions" },
      ],
      correctOptionIds: ["groups", "open"],
    },
    {
      id: "break",
      kind: "numeric",
      prompt: "How many minutes of break after 90 minutes of work?",
      answer: 15,
      tolerance: 5,
    },
    {
      id: "plan",
      kind: "short",
      prompt: "What is the written plan of a workshop called?",
      acceptedAnswers: ["agenda"],
    },
  ],
};

const PRACTICAL = {
  kind: "practical",
  title: "Run a 20-minute workshop",
  instructions: "Run a short workshop for your cohort while the trainer observes.",
  passMarkPct: 50,
  rubric: [
    {
      id: "structure",
      title: "Structure",
      levels: [
        { id: "unclear", label: "Unclear", points: 0 },
        { id: "clear", label: "Clear", points: 1 },
        { id: "timed", label: "Clear and timed", points: 2 },
      ],
    },
    {
      id: "engagement",
      title: "Engagement",
      levels: [
        { id: "few", label: "Few take part", points: 0 },
        { id: "all", label: "Everyone takes part", points: 2 },
      ],
    },
  ],
};

describe("training", () => {
  it("enrol with a waitlist, attendance, a lesson, a quiz and a rubric grade earn a certificate that verifies; a tampered copy does not", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Training");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pia Manager" });
    const tess = await makePerson(db, org, { name: "Tess Trainer", title: "Facilitator" });
    const ana = await makePerson(db, org, { name: "Ana Trainee", department: "Engineering" });
    const ben = await makePerson(db, org, { name: "Ben Waiting", department: "Engineering" });

    // --- Set-up through the API as the program manager: a published course, a program and a cohort with one
    // seat whose two first sessions are in the past (attendance opens an hour before a session starts).
    const manager = await signedInSession(e2e, pm.email);
    const program = await callApi(manager, "POST", "/api/programs", {
      kind: "training",
      name: "Facilitation skills",
      description: "Learn to run workshops people remember.",
      status: "published",
      enrolmentOpensAt: at(-DAY),
      enrolmentClosesAt: at(30 * DAY),
    });
    let course = await callApi(manager, "POST", "/api/training/courses", {
      title: "Running great workshops",
      summary: "Plan and run a workshop where everyone takes part.",
      competencies: ["Facilitation", "Workshop design"],
      minAttendancePct: 50,
      validityMonths: 24,
    });
    course = await callApi(manager, "POST", `/api/training/courses/${course.id}/modules`, {
      title: "Foundations",
    });
    await callApi(manager, "POST", `/api/training/modules/${course.modules[0].id}/lessons`, {
      title: "Planning a workshop",
      content:
        "## Start from the goal\n\nWrite **one sentence** that says what people leave with.\n\n- Agenda\n- Timing",
    });
    await callApi(manager, "POST", `/api/training/courses/${course.id}/assessments`, QUIZ);
    course = await callApi(manager, "POST", `/api/training/courses/${course.id}/assessments`, PRACTICAL);
    await callApi(manager, "PATCH", `/api/training/courses/${course.id}`, { status: "published" });
    await callApi(manager, "POST", "/api/training/assignments", {
      courseId: course.id,
      target: { kind: "people", personIds: [ana.id] },
      dueAt: at(14 * DAY),
      note: "Everyone who runs team workshops takes this course.",
    });
    const quizId = course.assessments.find((a: { kind: string }) => a.kind === "quiz").id;
    const cohort = await callApi(manager, "POST", `/api/programs/${program.id}/training/cohorts`, {
      courseId: course.id,
      name: "Spring cohort",
      startDate: day(-7),
      endDate: day(30),
      seats: 1,
      timeZone: "Europe/Berlin",
      trainerIds: [tess.id],
    });
    const first = await callApi(manager, "POST", `/api/training/cohorts/${cohort.id}/sessions`, {
      kind: "lecture",
      title: "Kick-off lecture",
      startsAt: at(-3 * DAY),
      endsAt: at(-3 * DAY + 2 * HOUR),
      location: "Room 1",
    });
    const second = await callApi(manager, "POST", `/api/training/cohorts/${cohort.id}/sessions`, {
      kind: "role_play",
      title: "Role-play: a difficult participant",
      startsAt: at(-DAY),
      endsAt: at(-DAY + 2 * HOUR),
      link: "https://meet.example.test/role-play",
    });
    const cohortPath = `/training/cohorts/${cohort.id}`;

    // --- (1) The manager enrols Ana (she takes the only seat) and Ben (he is waitlisted) in the UI.
    const mp = manager.page;
    await visit(mp, cohortPath, "Spring cohort");
    await mp.getByText("You manage this program").waitFor();
    await expectAccessible(mp, "cohort overview (manager)");
    await openTab(mp, "Roster");
    await mp.getByText("Nobody is enrolled yet").waitFor();
    const enrolForm = mp.getByRole("form", { name: "Enrol someone" });
    await enrolForm.getByRole("button", { name: /^Enrol/ }).click();
    await enrolForm.getByText("Choose the person to enrol.").waitFor();
    await enrolForm.getByLabel("Search for trainee").fill("Ana");
    await enrolForm.getByRole("button", { name: "Choose Ana Trainee" }).click();
    await enrolForm.getByRole("button", { name: "Enrol Ana Trainee" }).click();
    await expectToast(mp, "Ana Trainee is enrolled.");
    await mp
      .getByRole("table", { name: "Enrolled trainees" })
      .getByRole("link", { name: "Ana Trainee" })
      .waitFor();
    await mp.getByText("The cohort is full: the person joins the waitlist.", { exact: false }).waitFor();
    await enrolForm.getByLabel("Search for trainee").fill("Ben");
    await enrolForm.getByRole("button", { name: "Choose Ben Waiting" }).click();
    await enrolForm.getByRole("button", { name: "Add to the waitlist Ben Waiting" }).click();
    await expectToast(mp, "The cohort is full: Ben Waiting is number 1 on the waitlist.");
    const waitlist = mp.getByRole("table", { name: "Waitlist in order" });
    await waitlist.getByRole("link", { name: "Ben Waiting" }).waitFor();
    expect(await waitlist.textContent()).toContain("Waiting");
    await mp.getByRole("heading", { name: "Waitlist (1)" }).waitFor();
    await expectAccessible(mp, "cohort roster (manager)");

    // Ben sees his place on the waitlist.
    const benSession = await signedInSession(e2e, ben.email);
    await visit(benSession.page, cohortPath, "Spring cohort");
    await benSession.page.getByText("You are number 1 on the waitlist.").waitFor();
    expect(await benSession.page.getByRole("tab", { name: "Lessons" }).count()).toBe(0);
    await expectAccessible(benSession.page, "cohort (waitlisted trainee)");
    await benSession.context.close();

    // --- (2) The trainer schedules a session in the cohort's time zone and takes attendance, watching the %.
    const trainer = await signedInSession(e2e, tess.email);
    const tp = trainer.page;
    await visit(tp, "/training", "My training");
    await tp.getByRole("heading", { name: "Cohorts I teach" }).waitFor();
    await expectAccessible(tp, "my training (trainer)");
    await tp.getByRole("link", { name: "Spring cohort", exact: true }).click();
    await tp.getByRole("heading", { level: 1, name: "Spring cohort" }).waitFor();
    await tp.getByText("You teach this cohort").waitFor();
    await openTab(tp, "Sessions");
    const schedule = tp.getByRole("form", { name: "Schedule a session" });
    await schedule.getByLabel("Kind").selectOption("workshop");
    await schedule.getByLabel(/^Title/).fill("Practice round");
    await schedule.getByLabel(/^Starts/).fill(`${day(7)}T10:00`);
    await schedule.getByLabel(/^Ends/).fill(`${day(7)}T09:00`);
    await schedule.getByRole("button", { name: "Schedule the session" }).click();
    await schedule.getByText("The session must end after it starts.").first().waitFor();
    await schedule.getByLabel(/^Ends/).fill(`${day(7)}T12:00`);
    await schedule.getByLabel(/^Location/).fill("Room 3");
    await expectAccessible(tp, "cohort sessions (trainer)");
    await schedule.getByRole("button", { name: "Schedule the session" }).click();
    await expectToast(tp, "Scheduled: Practice round.");
    const practice = tp.getByRole("listitem").filter({ hasText: "Practice round" });
    await practice.waitFor();
    // Shown in the cohort's zone (Berlin, 10:00–12:00) and, for a London viewer, in their own time too.
    expect(await practice.textContent()).toMatch(/10:00–12:00 \((CET|CEST|GMT\+1|GMT\+2)\)/);
    expect(await practice.textContent()).toContain("Europe/Berlin");
    expect(await practice.textContent()).toMatch(/Your time: .*09:00–11:00/);

    await openTab(tp, "Attendance");
    await tp.getByLabel("Session").selectOption(first.id);
    await tp.getByRole("heading", { name: "Attendance: Kick-off lecture" }).waitFor();
    const anaRow = (page: Page) => page.getByRole("group", { name: "Attendance of Ana Trainee" });
    const anaSoFar = tp.getByRole("status", { name: "Attendance of Ana Trainee so far" });
    expect(await anaSoFar.textContent()).toBe("—");
    await tp.getByRole("button", { name: "Mark all present" }).click();
    expect(await anaRow(tp).getByLabel("Present").isChecked()).toBe(true);
    await anaSoFar.filter({ hasText: "100 %" }).waitFor();
    await expectAccessible(tp, "attendance sheet (trainer)");
    await tp.getByRole("button", { name: "Save attendance" }).click();
    await expectToast(tp, "Attendance saved for 1 trainee.");
    await tp.getByText("All marks are saved.").waitFor();

    await tp.getByLabel("Session").selectOption(second.id);
    await tp.getByRole("heading", { name: "Attendance: Role-play: a difficult participant" }).waitFor();
    await anaRow(tp).getByLabel("Absent").check();
    // The percentage follows the marks before they are saved: absent halves it, late counts as attended.
    await anaSoFar.filter({ hasText: "50 %" }).waitFor();
    await tp.getByText("1 of 2 attended · not saved yet").waitFor();
    await anaRow(tp).getByLabel("Late").check();
    await anaSoFar.filter({ hasText: "100 %" }).waitFor();
    await tp.getByRole("button", { name: "Save attendance" }).click();
    await expectToast(tp, "Attendance saved for 1 trainee.");
    await tp.getByText("2 of 2 attended", { exact: true }).waitFor();

    // --- (3) Ana marks the lesson done and passes the quiz in the UI.
    const trainee = await signedInSession(e2e, ana.email);
    const ap = trainee.page;
    await visit(ap, "/", /^Welcome/);
    const homeCard = ap.getByRole("region", { name: "Training" });
    await homeCard.getByRole("link", { name: "Practice round" }).waitFor();
    const dueLine = homeCard.getByRole("listitem").filter({ hasText: "Running great workshops" });
    expect(await dueLine.textContent()).toMatch(/Due\s*due \d{1,2} \w{3} \d{4}/);
    await expectAccessible(ap, "home with the training card (trainee)");
    await visit(ap, "/training", "My training");
    const card = ap
      .getByRole("region", { name: "My cohorts" })
      .getByRole("listitem")
      .filter({ hasText: "Running great workshops" });
    await card.getByRole("progressbar", { name: "Progress in Running great workshops" }).waitFor();
    const next = ap.getByRole("region", { name: "Your next session" });
    expect(await next.textContent()).toMatch(/Practice round.*10:00–12:00.*Europe\/Berlin/);
    const mandatory = ap.getByRole("table", { name: "Courses you are required to complete" });
    const mandatoryRow = mandatory.getByRole("row").filter({ hasText: "Running great workshops" });
    await mandatoryRow.getByText("Due", { exact: true }).waitFor();
    await mandatoryRow.getByRole("link", { name: "Join Spring cohort (Running great workshops)" }).waitFor();
    await expectAccessible(ap, "my training (trainee)");
    await card.getByRole("link", { name: "Running great workshops" }).click();
    await ap.getByRole("heading", { level: 1, name: "Spring cohort" }).waitFor();
    await ap.getByText("You are enrolled.", { exact: false }).first().waitFor();
    const completion = ap.getByRole("progressbar", { name: "Course completion" });
    expect(await completion.getAttribute("aria-valuetext")).toBe("1 of 4 requirements met");
    await expectAccessible(ap, "cohort overview (trainee)");

    await openTab(ap, "Lessons");
    await ap.getByRole("heading", { name: "Start from the goal" }).waitFor();
    const lessons = ap.getByRole("progressbar", { name: "Lessons done" });
    expect(await lessons.getAttribute("aria-valuenow")).toBe("0");
    await expectAccessible(ap, "lessons (trainee)");
    await ap.getByRole("button", { name: "Mark as done “Planning a workshop”" }).click();
    await expectToast(ap, "Marked done: Planning a workshop.");
    await ap.getByText("You marked this lesson done.").waitFor();
    expect(await lessons.getAttribute("aria-valuetext")).toBe("1 of 1 lessons done");

    await openTab(ap, "Assessments");
    await ap.getByRole("heading", { name: /Run a 20-minute workshop/ }).waitFor();
    await ap.getByText("Not graded yet. Your trainer grades it against these criteria:").waitFor();
    await expectAccessible(ap, "assessments (trainee)");
    await ap.getByRole("link", { name: "Start quiz “Workshop basics quiz”" }).click();
    await ap.getByRole("heading", { level: 1, name: "Workshop basics quiz" }).waitFor();
    await ap.getByText("0 of 3 used").waitFor();
    await expectAccessible(ap, "quiz introduction");
    await ap.getByRole("button", { name: "Start attempt 1 of 3" }).click();
    await ap.getByRole("form", { name: "Workshop basics quiz, attempt 1" }).waitFor();
    expect(await ap.getByRole("timer", { name: "Time left" }).textContent()).toMatch(/^1[45]:\d\d$/);
    const question = (prompt: string) => ap.getByRole("group", { name: new RegExp(prompt) });
    await question("What should a workshop start with").getByLabel("A clear goal").check();
    await question("help everyone take part").getByLabel("Small groups").check();
    await question("help everyone take part").getByLabel("Open questions").check();
    await ap.getByText("2 of 4 questions not answered yet.").waitFor();
    await question("How many minutes of break").getByLabel("Your answer").fill("15");
    await question("written plan of a workshop").getByLabel("Your answer").fill("script");
    await ap.getByText("Every question is answered.").waitFor();
    await expectAccessible(ap, "quiz attempt");
    await ap.getByRole("button", { name: "Submit answers" }).click();
    await ap.getByRole("heading", { level: 1, name: "Workshop basics quiz: passed" }).waitFor();
    await ap.getByText("3 of 4 points · 3 of 4 questions right · pass mark 60 %").waitFor();
    await ap.getByText("2 attempts left; your best score counts.").waitFor();
    const answers = ap.getByRole("region", { name: "Your answers" });
    expect(await answers.getByRole("listitem").filter({ hasText: "written plan" }).textContent()).toContain(
      "Wrong",
    );
    expect(await answers.getByRole("listitem").filter({ hasText: "start with" }).textContent()).toContain(
      "Right",
    );
    await ap.getByText(/Still to do for the certificate: Pass "Run a 20-minute workshop"/).waitFor();
    await expectAccessible(ap, "quiz result");

    // --- (4) The trainer grades the practical from the grading queue.
    await visit(tp, "/training/grading", "Grading queue");
    await tp.getByText("No activities waiting").waitFor();
    await expectAccessible(tp, "grading queue (trainer)");
    await tp.getByRole("link", { name: "Grade Run a 20-minute workshop for Ana Trainee" }).click();
    await tp.getByRole("tab", { name: "Grade practicals", selected: true }).waitFor();
    const grade = tp.getByRole("form", { name: "Grade Run a 20-minute workshop for Ana Trainee" });
    await grade.waitFor();
    const picker = tp.getByRole("group", { name: "Trainee", exact: true });
    await picker.getByText("Selected: Ana Trainee").waitFor();
    await picker
      .getByRole("list", { name: "Trainee choices" })
      .getByRole("listitem")
      .filter({ hasText: "Ana Trainee · not graded yet" })
      .waitFor();
    await grade.getByRole("button", { name: "Save the grade" }).click();
    await grade.getByText("Choose a level for this criterion.").first().waitFor();
    await grade
      .getByRole("group", { name: "Structure", exact: true })
      .getByLabel(/^Clear and timed/)
      .check();
    await grade.getByText("1 of 2 criteria still to grade.").waitFor();
    await grade
      .getByRole("group", { name: "Engagement", exact: true })
      .getByLabel(/^Everyone takes part/)
      .check();
    await grade.getByText(/Score: 100 % \(4 of 4 points\)/).waitFor();
    await grade.getByLabel("Comment on Structure").fill("Clear agenda, every block on time.");
    await grade.getByLabel(/^Overall comment/).fill("A confident first workshop.");
    await expectAccessible(tp, "rubric grading (trainer)");
    await grade.getByRole("button", { name: "Save the grade" }).click();
    await expectToast(
      tp,
      "Grade saved for Ana Trainee: 100 %, passed. They completed the course: the certificate is issued.",
    );
    await picker.getByRole("listitem").filter({ hasText: "Ana Trainee · graded" }).waitFor();
    await openTab(tp, "Gradebook");
    const matrix = tp.getByRole("table", { name: "Gradebook of Spring cohort" });
    await tp.getByText(/1 of \d+ trainees? ha(s|ve) completed the course/).waitFor();
    const find = tp.getByRole("searchbox", { name: "Find a trainee" });
    await find.fill("nobody by this name");
    await tp
      .getByRole("status")
      .filter({ hasText: "No trainee's name contains “nobody by this name”" })
      .waitFor();
    await find.fill("ana tr");
    await matrix.getByRole("row").filter({ hasText: "Ana Trainee" }).waitFor();
    await tp.getByText(/Showing 1 of 1 trainee$/).waitFor();
    await find.fill("");
    const anaLine = matrix.getByRole("row").filter({ hasText: "Ana Trainee" });
    await anaLine.getByRole("link", { name: "Certificate of Ana Trainee" }).waitFor();
    expect(await anaLine.textContent()).toContain("75 %");
    await anaLine.getByRole("button", { name: "Details for Ana Trainee" }).click();
    await tp.getByRole("heading", { name: "Gradebook of Ana Trainee" }).waitFor();
    await tp.getByRole("figure", { name: "Attendance per trainee" }).waitFor();
    await expectAccessible(tp, "gradebook (trainer)");

    // --- (5) Ana sees her certificate and opens its public page: verified.
    await visit(ap, "/training", "My training");
    const certificates = ap.getByRole("region", { name: "My certificates" });
    const certificate = certificates.getByRole("listitem").filter({ hasText: "Running great workshops" });
    await certificate.getByText("Valid", { exact: true }).waitFor();
    await ap
      .getByRole("table", { name: "Courses you are required to complete" })
      .getByText("Completed", { exact: true })
      .waitFor();
    await certificate.getByRole("link", { name: /^View and verify/ }).click();
    await ap.waitForURL(/\/verify\/[0-9a-f-]{36}$/);
    const certificateId = new URL(ap.url()).pathname.split("/").at(-1) ?? "";
    await ap.getByRole("heading", { name: "Verified", exact: true }).waitFor();
    const checks = ap.getByRole("list", { name: "Checks" }).first();
    for (const check of ["Signature", "Issuer", "Expiry", "Revocation"])
      await checks.getByText(`${check}: passed`).waitFor();
    expect(await ap.locator("main").textContent()).toContain("Ana Trainee");
    await expectAccessible(ap, "certificate verification (trainee)");

    // --- (6) Anyone can check a credential file; a tampered copy fails the signature check.
    const credential = await callApi(trainee, "GET", `/api/credentials/${certificateId}`);
    expect(credential.name).toBeTruthy();
    const tampered = { ...credential, name: "Advanced workshop mastery" };
    await trainee.context.close();

    const visitor = await newSession(e2e);
    const vp = visitor.page;
    await visit(vp, `/verify/${certificateId}`, "Certificate verification");
    await vp.getByRole("heading", { name: "Verified", exact: true }).waitFor();
    await vp.getByRole("link", { name: "Download credential (JSON)" }).waitFor();
    const file = vp.getByRole("form", { name: "Verify a credential file" });
    await file.getByLabel("Credential JSON").fill("{ not json");
    await file.getByRole("button", { name: "Verify the credential" }).click();
    await file.getByText(/^This is not valid JSON/).waitFor();
    await file.getByLabel("Credential JSON").fill(JSON.stringify(credential, null, 2));
    await file.getByRole("button", { name: "Verify the credential" }).click();
    const fileResult = vp.getByRole("region", { name: "Verify a credential file" });
    await fileResult.getByRole("heading", { name: "Verified", exact: true }).waitFor();
    await file.getByLabel("Credential JSON").fill(JSON.stringify(tampered, null, 2));
    await file.getByRole("button", { name: "Verify the credential" }).click();
    await fileResult.getByRole("heading", { name: "Not verified" }).waitFor();
    await fileResult.getByText("Signature: failed").waitFor();
    await fileResult.getByText("Advanced workshop mastery", { exact: true }).waitFor();
    await expectAccessible(vp, "credential file verification (anonymous, tampered)");

    // The quiz keeps its attempts: the completed trainee's attempt count stays 1 of 3 on the manager's gradebook.
    const book = await callApi(manager, "GET", `/api/training/cohorts/${cohort.id}/gradebook/${ana.id}`);
    expect(book.certificateId).toBe(certificateId);
    expect(book.assessments.find((a: { id: string }) => a.id === quizId).attempts).toHaveLength(1);

    await Promise.all([visitor.context.close(), trainer.context.close(), manager.context.close()]);
  }, 240_000);

  it("an activity is sent back then accepted from the grading queue; attempts run out; a freed seat is offered and taken", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Training two");
    const pm = await makePerson(db, org, { role: "program_manager", name: "Pat Manager" });
    const tess = await makePerson(db, org, { name: "Tom Trainer" });
    const ana = await makePerson(db, org, { name: "Ada Learner" });
    const ben = await makePerson(db, org, { name: "Bo Waiting" });

    const manager = await signedInSession(e2e, pm.email);
    const program = await callApi(manager, "POST", "/api/programs", {
      kind: "training",
      name: "Writing skills",
      status: "published",
      enrolmentOpensAt: at(-DAY),
      enrolmentClosesAt: at(30 * DAY),
    });
    let course = await callApi(manager, "POST", "/api/training/courses", {
      title: "Plain language",
      minAttendancePct: 0,
    });
    course = await callApi(manager, "POST", `/api/training/courses/${course.id}/modules`, {
      title: "Basics",
    });
    await callApi(manager, "POST", `/api/training/modules/${course.modules[0].id}/lessons`, {
      title: "Short sentences",
      content: "Keep sentences short.",
      activityPrompt: "Rewrite the attached memo in plain language.",
    });
    course = await callApi(manager, "POST", `/api/training/courses/${course.id}/assessments`, {
      ...QUIZ,
      title: "Plain language check",
      maxAttempts: 1,
      timeLimitMinutes: null,
    });
    await callApi(manager, "PATCH", `/api/training/courses/${course.id}`, { status: "published" });
    const cohort = await callApi(manager, "POST", `/api/programs/${program.id}/training/cohorts`, {
      courseId: course.id,
      name: "Autumn cohort",
      startDate: day(0),
      endDate: day(30),
      seats: 1,
      timeZone: "Europe/London",
      trainerIds: [tess.id],
    });
    await callApi(manager, "POST", `/api/training/cohorts/${cohort.id}/enrolments`, { personId: ana.id });
    await callApi(manager, "POST", `/api/training/cohorts/${cohort.id}/enrolments`, { personId: ben.id });
    const cohortPath = `/training/cohorts/${cohort.id}`;

    // --- The trainee submits the activity as a link (a bad one first).
    const trainee = await signedInSession(e2e, ana.email);
    const ap = trainee.page;
    await visit(ap, `${cohortPath}?tab=lessons`, "Autumn cohort");
    const activity = ap.getByRole("form", { name: "Submit the activity of Short sentences" });
    await ap
      .getByText("Submit your work as text or a link; the lesson is done when your trainer accepts it.")
      .waitFor();
    expect(await ap.getByRole("button", { name: /^Mark as done/ }).count()).toBe(0);
    await activity.getByLabel("A link to my work").check();
    await activity.getByLabel(/^Link to your work/).fill("my memo");
    await activity.getByRole("button", { name: "Submit the activity" }).click();
    await activity.getByText("A link starts with http:// or https://.").first().waitFor();
    await activity.getByLabel(/^Link to your work/).fill("https://docs.example.test/memo");
    await activity.getByRole("button", { name: "Submit the activity" }).click();
    await expectToast(
      ap,
      "Activity submitted. Your trainer reviews it and the lesson is done once they accept it.",
    );
    await ap.getByText("Your trainer has not reviewed it yet.").waitFor();

    // --- The trainer sends it back from the grading queue, then accepts the revision.
    const trainer = await signedInSession(e2e, tess.email);
    const tp = trainer.page;
    await visit(tp, "/training", "My training");
    await tp.getByRole("link", { name: "1 submission to review in Autumn cohort" }).click();
    await tp.getByRole("heading", { level: 1, name: "Grading queue" }).waitFor();
    const item = tp.getByRole("listitem").filter({ hasText: "Ada Learner: Short sentences" });
    await item.getByRole("link", { name: /docs\.example\.test\/memo/ }).waitFor();
    await expectAccessible(tp, "grading queue with a submission");
    await item.getByRole("button", { name: /^Needs revision/ }).click();
    await item.getByText("Say what to change before sending it back.").waitFor();
    await item.getByLabel(/^Feedback for Ada Learner/).fill("Shorter sentences in the second part, please.");
    await item.getByRole("button", { name: /^Needs revision/ }).click();
    await expectToast(tp, "Sent back to Ada Learner with your feedback.");
    await tp.getByText("No activities waiting").waitFor();

    await ap.reload();
    await ap.getByText("Your trainer asked for changes: revise your work and submit it again.").waitFor();
    await ap.getByText("Shorter sentences in the second part, please.").waitFor();
    await activity.getByLabel(/^Your answer/).fill("Our office closes at five. Please lock the door.");
    await activity.getByRole("button", { name: "Submit again" }).click();
    await expectToast(
      ap,
      "Activity submitted. Your trainer reviews it and the lesson is done once they accept it.",
    );

    await tp.reload();
    await item.getByText("Our office closes at five. Please lock the door.").waitFor();
    await item.getByRole("button", { name: /^Accept/ }).click();
    await expectToast(tp, "Accepted: Short sentences by Ada Learner. The lesson is done.");

    await ap.reload();
    // A done lesson is folded away; its heading says so.
    await ap.getByRole("heading", { name: "Short sentences Done" }).waitFor();
    await ap.getByRole("button", { name: "Show lesson “Short sentences”" }).click();
    await ap.getByText("Your trainer accepted it, so the lesson is done.").waitFor();
    expect(await ap.getByRole("progressbar", { name: "Lessons done" }).getAttribute("aria-valuetext")).toBe(
      "1 of 1 lessons done",
    );

    // --- One attempt only: a failed quiz leaves no attempts.
    await openTab(ap, "Assessments");
    await ap.getByRole("link", { name: "Start quiz “Plain language check”" }).click();
    await ap.getByRole("button", { name: "Start attempt 1 of 1" }).click();
    expect(await ap.getByRole("timer").count()).toBe(0);
    await ap.getByRole("button", { name: "Submit answers" }).click();
    const confirm = ap.getByRole("dialog", { name: "Submit with unanswered questions?" });
    await confirm.getByRole("button", { name: "Submit anyway" }).click();
    await ap.getByRole("heading", { level: 1, name: "Plain language check: not passed" }).waitFor();
    await ap.getByText("No attempts left. Your best score counts.").waitFor();
    expect(await ap.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await ap.getByRole("link", { name: "Back to the assessments" }).click();
    await ap.getByRole("tab", { name: "Assessments", selected: true }).waitFor();
    await ap.getByText("No attempts left", { exact: true }).waitFor();
    await visit(ap, `${cohortPath}/quiz/${course.assessments[0].id}`, "Plain language check");
    await ap.getByText("You have used all your attempts at this quiz.", { exact: false }).waitFor();
    expect(await ap.getByRole("button", { name: /^Start attempt/ }).count()).toBe(0);

    // --- The trainee leaves; the seat is offered to the person waiting, who takes it from their training page.
    await visit(ap, cohortPath, "Autumn cohort");
    await ap.getByRole("button", { name: "Leave this cohort" }).click();
    await ap
      .getByRole("dialog", { name: "Leave Autumn cohort?" })
      .getByRole("button", { name: "Leave the cohort" })
      .click();
    await expectToast(ap, "You left Autumn cohort.");

    const waiting = await signedInSession(e2e, ben.email);
    const bp = waiting.page;
    await visit(bp, "/training", "My training");
    const offer = bp.getByRole("region", { name: "A seat is free for you" });
    await offer.getByText(/held for you until/).waitFor();
    await expectAccessible(bp, "my training (seat offered)");
    await offer.getByRole("button", { name: "Accept the seat in Autumn cohort" }).click();
    await expectToast(bp, "You are enrolled in Autumn cohort.");
    await bp
      .getByRole("listitem")
      .filter({ hasText: "Plain language" })
      .getByText("Enrolled", { exact: true })
      .waitFor();

    await Promise.all([
      trainee.context.close(),
      trainer.context.close(),
      waiting.context.close(),
      manager.context.close(),
    ]);
  }, 180_000);
});
