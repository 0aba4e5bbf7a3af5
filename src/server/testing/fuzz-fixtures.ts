import { CAREER_ANSWERS } from "./advisor.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "./factories.ts";
import type { TestContext } from "./harness.ts";
import type { FuzzFixtures } from "./openapi-fuzz.ts";
import { openCohort, pastSession, publishedCourse } from "./training.ts";

type Client = ReturnType<typeof client>;

const ORIGIN = "http://localhost:3000";
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** Calls the API and insists on the status: a fixture that silently failed would only fuzz 404s. */
async function must(
  what: string,
  call: Promise<{ status: number; body: unknown }>,
  status: number,
  // biome-ignore lint/suspicious/noExplicitAny: fixture answers are read loosely, as in the tests
): Promise<any> {
  const res = await call;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A small organization in which every kind of object exists once, as the fuzzer's actors see it: an org
 * admin, a program manager, a sponsor, a member who is a mentee, a coachee and a trainee, a mentor who is
 * also that member's coach and trainer, the admin of another organization, and anonymous. Spare people
 * and a pending request are there for the destructive routes to act on instead of the actors.
 */
export async function buildFuzzFixtures(ctx: TestContext): Promise<FuzzFixtures> {
  const org = await makeOrganization(ctx.db, "Fuzz");
  const other = await makeOrganization(ctx.db, "Elsewhere");
  const people = {
    admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    member: await makePerson(ctx.db, org, { seniority: 1, department: "Sales" }),
    mentor: await makePerson(ctx.db, org, { seniority: 4, department: "Engineering" }),
    outsider: await makePerson(ctx.db, other, { role: "org_admin" }),
  };
  const spares = await Promise.all(
    [1, 2, 3, 4].map(() => makePerson(ctx.db, org, { seniority: 1, department: "Operations" })),
  );
  const cookies = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(async ([name, p]) => [name, await signIn(ctx.app, p.email)]),
    ),
  ) as Record<keyof typeof people, string>;
  const as = (name: keyof typeof people): Client => client(ctx.app, cookies[name]);
  const [admin, manager, sponsor, member, mentor] = [
    as("admin"),
    as("manager"),
    as("sponsor"),
    as("member"),
    as("mentor"),
  ];
  const spareTarget = spares[0];
  const spareMentee = spares[1];
  if (!spareTarget || !spareMentee) throw new Error("spare people missing");

  const invitation = await must(
    "invitation",
    admin.post("/api/invitations", { email: "fuzz.invitee@example.test", name: "Invitee" }),
    201,
  );

  // Mentoring: a signed, active relationship with a goal, a milestone and an introduction, and a request
  // the mentor has not answered yet.
  const mentoring = await makeProgram(ctx.db, org, people.manager.id, { kind: "mentoring" });
  await must(
    "settings",
    manager.patch(`/api/programs/${mentoring}/mentoring/settings`, { mentorCapacity: 5 }),
    200,
  );
  await must(
    "mentor enrols",
    mentor.post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} }),
    201,
  );
  await must(
    "mentee enrols",
    member.post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} }),
    201,
  );
  const request = await must(
    "request",
    member.post(`/api/programs/${mentoring}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: "Would you mentor me?",
    }),
    201,
  );
  const accepted = await must("accept", mentor.post(`/api/mentoring/requests/${request.id}/accept`), 200);
  const relationship: string = accepted.relationshipId;
  const rel = `/api/mentoring/relationships/${relationship}`;
  const agreement = { goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 };
  await must("agreement", member.put(`${rel}/agreement`, agreement), 200);
  await must("mentee signs", member.post(`${rel}/agreement/sign`), 200);
  await must("mentor signs", mentor.post(`${rel}/agreement/sign`), 200);
  const goals = await must(
    "goal",
    member.post(`${rel}/goals`, { title: "Lead", category: "career", milestones: [{ title: "Pick" }] }),
    201,
  );
  const introduction = await must(
    "introduction",
    mentor.post(`${rel}/introductions`, { contactId: spareTarget.id, note: "Meet" }),
    201,
  );
  const spareClient = client(ctx.app, await signIn(ctx.app, spareMentee.email));
  await must(
    "spare enrols",
    spareClient.post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} }),
    201,
  );
  const pending = await must(
    "pending request",
    spareClient.post(`/api/programs/${mentoring}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: "And me?",
    }),
    201,
  );

  // Bulk matching: a draft run with one pair.
  const bulk = await makeProgram(ctx.db, org, people.manager.id, { kind: "mentoring" });
  await must(
    "bulk settings",
    manager.patch(`/api/programs/${bulk}/mentoring/settings`, { matchModes: ["self", "admin", "bulk"] }),
    200,
  );
  await must(
    "bulk mentor",
    mentor.post(`/api/programs/${bulk}/enrolments`, { role: "mentor", answers: {} }),
    201,
  );
  await must(
    "bulk mentee",
    member.post(`/api/programs/${bulk}/enrolments`, { role: "mentee", answers: {} }),
    201,
  );
  const run = await must(
    "match run",
    manager.post(`/api/programs/${bulk}/mentoring/match-runs`, { mode: "optimal" }),
    201,
  );
  const runPairs = await must(
    "match run pairs",
    manager.get(`/api/programs/${bulk}/mentoring/match-runs/${run.id}/pairs`),
    200,
  );

  // Coaching: an engagement with agreed objectives, a held session with an action, and a planned one.
  await must(
    "coach",
    manager.put(`/api/coaching/coaches/${people.mentor.id}`, {
      kind: "internal",
      specialties: ["Delegation"],
      languages: ["English"],
      capacity: 10,
    }),
    200,
  );
  const coaching = await makeProgram(ctx.db, org, people.manager.id, { kind: "coaching" });
  const engagement = await must(
    "engagement",
    sponsor.post(`/api/programs/${coaching}/coaching/engagements`, {
      coacheeId: people.member.id,
      coachId: people.mentor.id,
      startDate: daysFromNow(-30).slice(0, 10),
    }),
    201,
  );
  const eng = `/api/coaching/engagements/${engagement.id}`;
  const objectives = await must(
    "objectives",
    mentor.put(`${eng}/objectives`, {
      objectives: [
        {
          title: "Delegate planning",
          theme: "delegation",
          metricName: "Hours a week",
          metricUnit: "hours",
          baseline: 10,
          target: 2,
        },
      ],
    }),
    200,
  );
  const objectiveIds: string[] = objectives.items.map((o: { id: string }) => o.id);
  for (const [name, who] of [
    ["coachee", member],
    ["coach", mentor],
    ["sponsor", sponsor],
  ] as const) {
    await must(`${name} agrees`, who.post(`${eng}/objectives/agree`), 200);
  }
  await must(
    "pre-assessment",
    member.put(`${eng}/assessments/pre/self`, {
      ratings: objectiveIds.map((objectiveId) => ({ objectiveId, rating: 3 })),
    }),
    200,
  );
  const schedule = async (daysBack: number) => {
    const scheduledAt = daysFromNow(-daysBack);
    const sessions = await must(
      "coaching session",
      mentor.post(`${eng}/sessions`, { scheduledAt, durationMinutes: 60 }),
      201,
    );
    return sessions.items.find((s: { scheduledAt: string }) => s.scheduledAt === scheduledAt).id as string;
  };
  const heldSession = await schedule(10);
  const note = (text: string) => ({ text, visibility: "shared_with_coachee" });
  const held = await must(
    "held session",
    mentor.post(`${eng}/sessions/${heldSession}/record`, {
      attendance: "held",
      goal: note("Goal"),
      reality: note("Reality"),
      options: note("Options"),
      will: note("Will"),
      actions: [{ text: "Try it", dueDate: daysFromNow(3).slice(0, 10) }],
    }),
    200,
  );
  const plannedSession = await schedule(2);
  const otherCoaching = await makeProgram(ctx.db, org, people.manager.id, { kind: "coaching" });
  const setup = await must(
    "setup engagement",
    sponsor.post(`/api/programs/${otherCoaching}/coaching/engagements`, {
      coacheeId: spareTarget.id,
      coachId: people.mentor.id,
    }),
    201,
  );

  // Training: a cohort the mentor teaches and the member attends, with a session, a submission, a quiz
  // attempt, spare trainees, a certificate and a mandatory assignment.
  const training = await makeProgram(ctx.db, org, people.manager.id, { kind: "training" });
  const course = await publishedCourse(manager);
  const cohort = await openCohort(manager, training, course.courseId, [people.mentor.id], 20);
  for (const trainee of [people.member, ...spares]) {
    await must(
      "trainee",
      manager.post(`/api/training/cohorts/${cohort}/enrolments`, { personId: trainee.id }),
      201,
    );
  }
  const trainingSession = await pastSession(mentor, cohort);
  const submission = await must(
    "submission",
    member.post(`/api/training/cohorts/${cohort}/lessons/${course.activityLessonId}/submissions`, {
      kind: "text",
      body: "My questions",
    }),
    201,
  );
  const attempt = await must(
    "attempt",
    member.post(`/api/training/cohorts/${cohort}/assessments/${course.quizId}/attempts`),
    201,
  );
  const quick = await must(
    "quick course",
    manager.post("/api/training/courses", { title: "Induction", minAttendancePct: 0 }),
    201,
  );
  const quickModule = await must(
    "quick module",
    manager.post(`/api/training/courses/${quick.id}/modules`, { title: "Welcome" }),
    201,
  );
  const quickLesson = await must(
    "quick lesson",
    manager.post(`/api/training/modules/${quickModule.modules[0].id}/lessons`, {
      title: "Hi",
      required: false,
    }),
    201,
  );
  await must(
    "publish quick",
    manager.patch(`/api/training/courses/${quick.id}`, { status: "published" }),
    200,
  );
  const quickCohort = await openCohort(manager, training, quick.id, [people.mentor.id]);
  await must(
    "quick trainee",
    manager.post(`/api/training/cohorts/${quickCohort}/enrolments`, { personId: people.member.id }),
    201,
  );
  const done = await must(
    "certificate",
    member.post(
      `/api/training/cohorts/${quickCohort}/lessons/${quickLesson.modules[0].lessons[0].id}/complete`,
    ),
    200,
  );
  const assignment = await must(
    "assignment",
    manager.post("/api/training/assignments", {
      courseId: course.courseId,
      target: { kind: "people", personIds: [people.member.id] },
      dueAt: daysFromNow(60),
    }),
    201,
  );
  const advice = await must(
    "advice",
    member.post("/api/advisor/responses", { answers: CAREER_ANSWERS }),
    201,
  );

  const spareIds = spares.map((p) => p.id);
  const ids: Record<string, string[]> = {
    people: [people.member.id, people.mentor.id, people.admin.id, people.outsider.id, ...spareIds],
    invitations: [invitation.invitation.id],
    programs: [mentoring, bulk, coaching, otherCoaching, training],
    requests: [request.id, pending.id],
    "match-runs": [run.id],
    pairs: runPairs.items.map((p: { id: string }) => p.id),
    courses: [course.courseId, quick.id],
    modules: [course.moduleId],
    lessons: [course.lessonId, course.activityLessonId],
    assessments: [course.quizId, course.practicalId],
    cohorts: [cohort, quickCohort],
    enrolments: [people.member.id, ...spareIds],
    sessions: [trainingSession, heldSession, plannedSession],
    submissions: [submission.id],
    attempts: [attempt.id],
    grades: [people.member.id],
    gradebook: [people.member.id],
    credentials: [done.certificateId],
    assignments: [assignment.id],
    relationships: [relationship],
    goals: [goals.items[0].id],
    milestones: [goals.items[0].milestones[0].id],
    introductions: [introduction.id],
    coaches: [people.mentor.id, spareTarget.id],
    engagements: [engagement.id, setup.id],
    objectives: objectiveIds,
    actions: [held.items[0].actions[0].id],
    responses: [advice.id],
  };
  return {
    actors: [
      { name: "anonymous", weight: 1 },
      { name: "org_admin", role: "org_admin", cookie: cookies.admin, weight: 2 },
      { name: "program_manager", role: "program_manager", cookie: cookies.manager, weight: 2 },
      { name: "sponsor", role: "sponsor", cookie: cookies.sponsor, weight: 1 },
      { name: "member", role: "member", cookie: cookies.member, weight: 3 },
      { name: "mentor", role: "member", cookie: cookies.mentor, weight: 3 },
      { name: "other_org_admin", role: "org_admin", foreign: true, cookie: cookies.outsider, weight: 1 },
    ],
    ids,
    protectedIds: [...Object.values(people).map((p) => p.id), relationship, engagement.id],
    emails: [...spares.map((p) => p.email), people.member.email],
    origin: ORIGIN,
  };
}
