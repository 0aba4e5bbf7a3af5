import { afterAll, beforeAll, describe, it } from "vitest";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import {
  type FuzzRoute,
  fillPath,
  fuzzBodies,
  fuzzEachRoute,
  fuzzQuery,
  fuzzRuns,
} from "../../testing/fuzz.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import {
  openCohort,
  PASSING,
  PRACTICAL,
  pastSession,
  publishedCourse,
  QUIZ,
} from "../../testing/training.ts";

const BODY_RUNS = fuzzRuns(300);

type Client = ReturnType<typeof client>;
type Role = "manager" | "trainer" | "trainee" | "anonymous";

let ctx: TestContext;
const as = new Map<Role, Client>();
let ids: Record<string, string>;
let credential: Record<string, unknown>;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const people = {
    manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    trainer: await makePerson(ctx.db, org),
    trainee: await makePerson(ctx.db, org, { department: "Safety" }),
  };
  for (const [role, p] of Object.entries(people))
    as.set(role as Role, client(ctx.app, await signIn(ctx.app, p.email)));
  as.set("anonymous", client(ctx.app));
  const get = (role: Role) => as.get(role) as Client;
  const program = await makeProgram(ctx.db, org, people.manager.id, { kind: "training" });
  const course = await publishedCourse(get("manager"), { minAttendancePct: 0 });
  const cohort = await openCohort(get("manager"), program, course.courseId, [people.trainer.id], 500);
  await get("manager").post(`/api/training/cohorts/${cohort}/enrolments`, { personId: people.trainee.id });
  const session = await pastSession(get("trainer"), cohort);
  const submission = await get("trainee").post(
    `/api/training/cohorts/${cohort}/lessons/${course.activityLessonId}/submissions`,
    {
      kind: "text",
      body: "Mine",
    },
  );
  await get("trainee").post(`/api/training/cohorts/${cohort}/lessons/${course.lessonId}/complete`);
  await get("trainer").post(`/api/training/submissions/${submission.body.id}/review`, {
    decision: "accepted",
  });
  const attempt = await get("trainee").post(
    `/api/training/cohorts/${cohort}/assessments/${course.quizId}/attempts`,
  );
  await get("trainee").post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING });
  const graded = await get("trainer").put(
    `/api/training/cohorts/${cohort}/assessments/${course.practicalId}/grades/${people.trainee.id}`,
    {
      levels: { questions: "good", listening: "good" },
    },
  );
  credential = (await get("anonymous").get(`/api/credentials/${graded.body.certificateId}`)).body;
  const extra = await makePerson(ctx.db, org);
  const assignment = await get("manager").post("/api/training/assignments", {
    courseId: course.courseId,
    target: { kind: "department", departments: ["Safety"] },
    dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  ids = {
    assignment: assignment.body.id,
    ...course,
    program,
    cohort,
    session,
    trainee: people.trainee.id,
    trainer: people.trainer.id,
    extra: extra.id,
  };
});
afterAll(() => ctx.close());

const later = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
const ROUTES: FuzzRoute<Role>[] = [
  {
    role: "manager",
    method: "POST",
    path: "/api/training/courses",
    base: () => ({ title: "T", summary: "S", competencies: ["C"], minAttendancePct: 80, validityMonths: 12 }),
  },
  {
    role: "manager",
    method: "PATCH",
    path: "/api/training/courses/{courseId}",
    base: () => ({
      title: "T",
      competencies: ["C"],
      minAttendancePct: 0,
      validityMonths: null,
      status: "published",
    }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/training/courses/{courseId}/modules",
    base: () => ({ title: "M", summary: "S" }),
  },
  {
    role: "manager",
    method: "PATCH",
    path: "/api/training/modules/{moduleId}",
    base: () => ({ title: "M", position: 1 }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/training/modules/{moduleId}/lessons",
    base: () => ({ title: "L", content: "# Hi", required: false, activityPrompt: null }),
  },
  {
    role: "manager",
    method: "PATCH",
    path: "/api/training/lessons/{lessonId}",
    base: () => ({ title: "L", content: "**x**", required: true, activityPrompt: null, position: 1 }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/training/courses/{courseId}/assessments",
    base: () => ({ ...QUIZ, required: false }),
  },
  {
    role: "manager",
    method: "PATCH",
    path: "/api/training/assessments/{practicalId}",
    base: () => ({ title: "P", passMarkPct: 50, rubric: PRACTICAL.rubric }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/programs/{program}/training/cohorts",
    base: () => ({
      courseId: ids.courseId,
      name: "C",
      startDate: "2027-01-01",
      endDate: "2027-02-01",
      seats: 5,
      timeZone: "Europe/Paris",
      trainerIds: [ids.trainer],
    }),
  },
  {
    role: "manager",
    method: "PATCH",
    path: "/api/training/cohorts/{cohort}",
    base: () => ({ name: "C", seats: 500, timeZone: "UTC", trainerIds: [ids.trainer], status: "open" }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/training/cohorts/{cohort}/enrolments",
    base: () => ({ personId: ids.extra }),
  },
  {
    role: "trainee",
    method: "POST",
    path: "/api/training/cohorts/{cohort}/offer",
    base: () => ({ accept: true }),
  },
  {
    role: "trainer",
    method: "POST",
    path: "/api/training/cohorts/{cohort}/sessions",
    base: () => ({
      kind: "role_play",
      title: "S",
      startsAt: later(),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 3_600_000).toISOString(),
      timeZone: "Asia/Tokyo",
      location: "R",
      link: "https://example.test/x",
    }),
  },
  {
    role: "trainer",
    method: "PATCH",
    path: "/api/training/sessions/{session}",
    base: () => ({ title: "S", location: "R", cancelled: false }),
  },
  {
    role: "trainer",
    method: "PUT",
    path: "/api/training/sessions/{session}/attendance",
    base: () => ({ marks: [{ personId: ids.trainee, status: "late" }] }),
  },
  {
    role: "trainee",
    method: "POST",
    path: "/api/training/cohorts/{cohort}/lessons/{activityLessonId}/submissions",
    base: () => ({ kind: "link", body: "https://example.test/a" }),
  },
  {
    role: "trainer",
    method: "PUT",
    path: "/api/training/cohorts/{cohort}/assessments/{practicalId}/grades/{trainee}",
    base: () => ({
      levels: { questions: "good", listening: "weak" },
      comments: { listening: "More" },
      overallComment: "O",
    }),
  },
  {
    role: "manager",
    method: "POST",
    path: "/api/training/assignments",
    base: () => ({
      courseId: ids.courseId,
      target: { kind: "seniority", min: 0, max: 5 },
      dueAt: later(),
      note: "N",
    }),
  },
  { role: "anonymous", method: "POST", path: "/api/credentials/verify", base: () => credential },
];

const resolve = (template: string) => fillPath(template, ids);

describe("fuzzed training bodies never cause a server error", () => {
  fuzzEachRoute(
    ROUTES,
    (role) => as.get(role) as Client,
    () => ids,
    BODY_RUNS,
  );

  for (const [role, template] of [
    ["manager", "/api/training/assignments/{assignment}/assignees"],
    ["trainer", "/api/training/cohorts/{cohort}/gradebook"],
  ] as const) {
    it(`query strings of ${template}`, async () => {
      await fuzzQuery(as.get(role) as Client, "GET", resolve(template), fuzzRuns(200));
    }, 240_000);
  }

  it("quiz answers of any shape", async () => {
    const start = await (as.get("trainee") as Client).post(
      resolve("/api/training/cohorts/{cohort}/assessments/{quizId}/attempts"),
    );
    if (start.status === 201) {
      await fuzzBodies(
        as.get("trainee") as Client,
        "POST",
        `/api/training/attempts/${start.body.id}/submit`,
        { answers: PASSING },
        50,
      );
    }
  }, 240_000);
});
