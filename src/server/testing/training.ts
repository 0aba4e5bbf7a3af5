import type { client } from "./factories.ts";

type Client = ReturnType<typeof client>;

export const QUIZ = {
  kind: "quiz",
  title: "GROW basics",
  passMarkPct: 60,
  maxAttempts: 2,
  timeLimitMinutes: 20,
  questions: [
    {
      id: "q1",
      kind: "single",
      prompt: "Which stage comes first?",
      options: [
        { id: "a", text: "Goal" },
        { id: "b", text: "Will" },
      ],
      correctOptionIds: ["a"],
    },
    { id: "q2", kind: "numeric", prompt: "How many stages?", answer: 4, tolerance: 0 },
    { id: "q3", kind: "short", prompt: "The stage after Reality?", acceptedAnswers: ["Options"] },
  ],
} as const;
export const PASSING = { q1: "a", q2: 4, q3: "options" };
export const FAILING = { q1: "b", q2: 3, q3: "will" };

export const PRACTICAL = {
  kind: "practical",
  title: "Role-play: a coaching conversation",
  passMarkPct: 50,
  rubric: [
    {
      id: "questions",
      title: "Open questions",
      levels: [
        { id: "weak", label: "Mostly closed", points: 0 },
        { id: "good", label: "Mostly open", points: 2 },
      ],
    },
    {
      id: "listening",
      title: "Listening",
      levels: [
        { id: "weak", label: "Interrupts", points: 0 },
        { id: "good", label: "Reflects back", points: 2 },
      ],
    },
  ],
} as const;

/** A published course with one module, a plain lesson, a lesson with an activity, a quiz and a practical. */
export async function publishedCourse(author: Client, overrides: Record<string, unknown> = {}) {
  const created = await author.post("/api/training/courses", {
    title: "Coaching skills for managers",
    summary: "Run a GROW conversation.",
    competencies: ["Coaching", "Active listening"],
    minAttendancePct: 50,
    validityMonths: 12,
    ...overrides,
  });
  if (created.status !== 201) throw new Error(`course: ${created.status} ${JSON.stringify(created.body)}`);
  const courseId: string = created.body.id;
  const withModule = await author.post(`/api/training/courses/${courseId}/modules`, {
    title: "The GROW model",
  });
  const moduleId: string = withModule.body.modules[0].id;
  await author.post(`/api/training/modules/${moduleId}/lessons`, {
    title: "Why GROW",
    content: "# GROW\n\nGoal, Reality, Options, Will.",
  });
  await author.post(`/api/training/modules/${moduleId}/lessons`, {
    title: "Practise a Goal question",
    content: "Write three goal questions.",
    activityPrompt: "Share your three goal questions.",
  });
  await author.post(`/api/training/courses/${courseId}/assessments`, QUIZ);
  const full = await author.post(`/api/training/courses/${courseId}/assessments`, PRACTICAL);
  const published = await author.patch(`/api/training/courses/${courseId}`, { status: "published" });
  if (published.status !== 200)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const lessons = full.body.modules[0].lessons as { id: string; activityPrompt: string | null }[];
  const assessments = full.body.assessments as { id: string; kind: string }[];
  return {
    courseId,
    moduleId,
    lessonId: lessons.find((l) => !l.activityPrompt)?.id as string,
    activityLessonId: lessons.find((l) => l.activityPrompt)?.id as string,
    quizId: assessments.find((a) => a.kind === "quiz")?.id as string,
    practicalId: assessments.find((a) => a.kind === "practical")?.id as string,
  };
}

export async function openCohort(
  manager: Client,
  programId: string,
  courseId: string,
  trainerIds: string[],
  seats = 2,
) {
  const res = await manager.post(`/api/programs/${programId}/training/cohorts`, {
    courseId,
    name: "Spring cohort",
    startDate: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
    endDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    seats,
    timeZone: "Europe/Berlin",
    trainerIds,
  });
  if (res.status !== 201) throw new Error(`cohort: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A session that started `hoursAgo` hours ago and lasted two hours. */
export async function pastSession(trainer: Client, cohortId: string, hoursAgo = 3, kind = "workshop") {
  const start = Date.now() - hoursAgo * 3_600_000;
  const res = await trainer.post(`/api/training/cohorts/${cohortId}/sessions`, {
    kind,
    title: `Session ${hoursAgo}`,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * 3_600_000).toISOString(),
    location: "Room 4",
  });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
