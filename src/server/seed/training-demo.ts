import { gradeQuiz, type Question } from "../../domain/training/quiz.ts";
import { type RubricCriterion, scoreRubric } from "../../domain/training/rubric.ts";
import type { Db } from "../db/kysely.ts";
import { newId } from "../lib/ids.ts";
import { addDays, nowIso } from "../lib/time.ts";
import { loadCohort } from "../modules/training/cohort-data.ts";
import { type Issuer, settle } from "../modules/training/progress.service.ts";
import { findCohort } from "../modules/training/training.repository.ts";

const QUESTIONS: Question[] = [
  {
    id: "q1",
    kind: "single",
    prompt: "What does the S in the SBI model stand for?",
    points: 1,
    options: [
      { id: "a", text: "Situation" },
      { id: "b", text: "Summary" },
      { id: "c", text: "Suggestion" },
    ],
    correctOptionIds: ["a"],
  },
  {
    id: "q2",
    kind: "multiple",
    prompt: "Which make feedback easier to act on?",
    points: 2,
    options: [
      { id: "a", text: "A specific, observed behaviour" },
      { id: "b", text: "A judgement of the person's character" },
      { id: "c", text: "The impact the behaviour had" },
    ],
    correctOptionIds: ["a", "c"],
  },
  {
    id: "q3",
    kind: "numeric",
    prompt: "Within how many days of the event should feedback ideally be given?",
    points: 1,
    answer: 2,
    tolerance: 1,
  },
  {
    id: "q4",
    kind: "short",
    prompt: "Name the model: Situation, Behaviour, …",
    points: 1,
    acceptedAnswers: ["Impact"],
  },
];
const RIGHT = { q1: "a", q2: ["a", "c"], q3: 2, q4: "impact" };

const RUBRIC: RubricCriterion[] = [
  {
    id: "specific",
    title: "Describes specific behaviour",
    levels: [
      { id: "no", label: "Vague or judgemental", points: 0 },
      { id: "partly", label: "Partly specific", points: 2 },
      { id: "yes", label: "Specific and observable", points: 4 },
    ],
  },
  {
    id: "impact",
    title: "Explains the impact",
    levels: [
      { id: "no", label: "Missing", points: 0 },
      { id: "partly", label: "Implied", points: 2 },
      { id: "yes", label: "Clear and concrete", points: 4 },
    ],
  },
  {
    id: "dialogue",
    title: "Invites a conversation",
    levels: [
      { id: "no", label: "Monologue", points: 0 },
      { id: "partly", label: "Asks one question", points: 2 },
      { id: "yes", label: "Listens and agrees next steps", points: 4 },
    ],
  },
];

const LESSONS = [
  {
    module: 0,
    title: "Why feedback matters",
    content:
      "## Feedback is a gift\n\nPeople who get **regular, specific feedback** grow faster. In this lesson:\n\n- why vague praise does not help;\n- how feedback builds trust;\n- what makes it *actionable*.",
    activity: null,
  },
  {
    module: 0,
    title: "The SBI model",
    content:
      "## Situation, Behaviour, Impact\n\n1. **Situation**: when and where.\n2. **Behaviour**: what you saw or heard, not what you think it means.\n3. **Impact**: what it caused.\n\n> In Monday's stand-up, you cut off Lee twice; the team stopped sharing blockers.",
    activity: "Write SBI feedback for a situation from the last two weeks, and submit it as text.",
  },
  {
    module: 1,
    title: "Receiving feedback",
    content: "## Listen first\n\nThank the person, ask for an example, and take time before you respond.",
    activity: null,
  },
];

/**
 * The demo training program: a published course, a cohort that started two weeks ago with a full roster and
 * a waitlist, attendance for the sessions held, progress at every stage (two trainees already certified,
 * the demo member with a practical still to grade), and a mandatory assignment for Engineering.
 */
export async function seedTrainingDemo(
  db: Db,
  issuer: Issuer,
  ids: { organizationId: string; programId: string; managerId: string; trainerId: string; memberId: string },
) {
  const now = nowIso();
  const org = ids.organizationId;
  const courseId = newId();
  await db
    .insertInto("training_course")
    .values({
      id: courseId,
      organization_id: org,
      title: "Giving Feedback Well",
      summary: "Give and receive feedback people can act on, with the Situation-Behaviour-Impact model.",
      competencies: JSON.stringify(["Giving feedback", "Difficult conversations", "Active listening"]),
      min_attendance_pct: 50,
      validity_months: 24,
      status: "published",
      created_by: ids.managerId,
      created_at: addDays(now, -30),
      updated_at: addDays(now, -20),
    })
    .execute();
  const moduleIds = [newId(), newId()];
  for (const [i, title] of ["Giving feedback", "Receiving feedback"].entries()) {
    await db
      .insertInto("training_module")
      .values({
        id: moduleIds[i] ?? "",
        organization_id: org,
        course_id: courseId,
        position: i + 1,
        title,
        summary: "",
        created_at: now,
      })
      .execute();
  }
  const lessonIds: string[] = [];
  for (const [i, l] of LESSONS.entries()) {
    const id = newId();
    lessonIds.push(id);
    await db
      .insertInto("training_lesson")
      .values({
        id,
        organization_id: org,
        course_id: courseId,
        module_id: moduleIds[l.module] ?? "",
        position: i + 1,
        title: l.title,
        content: l.content,
        required: 1,
        activity_prompt: l.activity,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const quizId = newId();
  const practicalId = newId();
  await db
    .insertInto("training_assessment")
    .values([
      {
        id: quizId,
        organization_id: org,
        course_id: courseId,
        kind: "quiz",
        position: 1,
        title: "SBI model check",
        instructions: "Four questions; you need 70 % to pass.",
        required: 1,
        pass_mark_pct: 70,
        max_attempts: 3,
        time_limit_minutes: 15,
        questions: JSON.stringify(QUESTIONS),
        rubric: "[]",
        created_at: now,
        updated_at: now,
      },
      {
        id: practicalId,
        organization_id: org,
        course_id: courseId,
        kind: "practical",
        position: 2,
        title: "Feedback role-play",
        instructions: "Give SBI feedback to your partner in a five-minute role-play; your trainer grades it.",
        required: 1,
        pass_mark_pct: 60,
        max_attempts: null,
        time_limit_minutes: null,
        questions: "[]",
        rubric: JSON.stringify(RUBRIC),
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();

  const cohortId = newId();
  await db
    .insertInto("training_cohort")
    .values({
      id: cohortId,
      organization_id: org,
      program_id: ids.programId,
      course_id: courseId,
      name: "Autumn cohort",
      start_date: addDays(now, -14).slice(0, 10),
      end_date: addDays(now, 14).slice(0, 10),
      seats: 6,
      time_zone: "Europe/London",
      status: "open",
      created_at: addDays(now, -21),
      updated_at: addDays(now, -21),
    })
    .execute();
  await db
    .insertInto("training_cohort_trainer")
    .values({
      id: newId(),
      organization_id: org,
      cohort_id: cohortId,
      person_id: ids.trainerId,
      created_at: now,
    })
    .execute();

  const others = await db
    .selectFrom("person")
    .select("id")
    .where("organization_id", "=", org)
    .where("id", "not in", [ids.memberId, ids.trainerId, ids.managerId])
    .where("org_role", "=", "member")
    .orderBy("email")
    .limit(7)
    .execute();
  const trainees = [ids.memberId, ...others.slice(0, 5).map((p) => p.id)];
  const waiting = others.slice(5).map((p) => p.id);
  for (const [i, personId] of [...trainees, ...waiting].entries()) {
    const status = i < trainees.length ? "enrolled" : "waitlisted";
    const at = addDays(now, -20 + i / 10);
    await db
      .insertInto("training_enrolment")
      .values({
        id: newId(),
        organization_id: org,
        cohort_id: cohortId,
        person_id: personId,
        status,
        queued_at: at,
        offer_expires_at: null,
        enrolled_by: ids.managerId,
        completed_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("enrolment")
      .values({
        id: newId(),
        organization_id: org,
        program_id: ids.programId,
        person_id: personId,
        role: "trainee",
        answers: JSON.stringify({ format: "In person" }),
        status: "active",
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["program_id", "person_id", "role"]).doNothing())
      .execute();
  }

  const sessions = [
    { kind: "lecture", title: "Why feedback matters", day: -12, location: "Room 2.04, London" },
    { kind: "role_play", title: "SBI role-plays", day: -7, location: "Room 2.04, London" },
    {
      kind: "hands_on",
      title: "Feedback clinic",
      day: -2,
      location: null,
      link: "https://meet.example/northwind-feedback",
    },
    { kind: "workshop", title: "Receiving feedback", day: 3, location: "Room 2.04, London" },
    {
      kind: "lecture",
      title: "Wrap-up and certificates",
      day: 10,
      location: null,
      link: "https://meet.example/northwind-feedback",
    },
  ] as const;
  const sessionIds: string[] = [];
  for (const s of sessions) {
    const id = newId();
    sessionIds.push(id);
    const start = new Date(`${addDays(now, s.day).slice(0, 10)}T09:30:00.000Z`).toISOString();
    await db
      .insertInto("training_session")
      .values({
        id,
        organization_id: org,
        cohort_id: cohortId,
        kind: s.kind,
        title: s.title,
        starts_at: start,
        ends_at: new Date(Date.parse(start) + 2 * 3_600_000).toISOString(),
        time_zone: "Europe/London",
        location: s.location,
        link: "link" in s ? s.link : null,
        cancelled_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  // Attendance for the three sessions held: mostly present, one late arrival, one absence, one excused.
  const marks: ("present" | "late" | "absent" | "excused")[][] = [
    ["present", "present", "present"],
    ["present", "late", "present"],
    ["present", "present", "present"],
    ["present", "absent", "present"],
    ["late", "present", "excused"],
    ["present", "present", "absent"],
  ];
  for (const [t, personId] of trainees.entries()) {
    for (const [k, sessionId] of sessionIds.slice(0, 3).entries()) {
      await db
        .insertInto("training_attendance")
        .values({
          id: newId(),
          organization_id: org,
          session_id: sessionId,
          cohort_id: cohortId,
          person_id: personId,
          status: marks[t]?.[k] ?? "present",
          recorded_by: ids.trainerId,
          recorded_at: now,
        })
        .execute();
    }
  }

  const done = async (personId: string, lessons: number) => {
    for (const lessonId of lessonIds.slice(0, lessons)) {
      await db
        .insertInto("training_lesson_progress")
        .values({
          id: newId(),
          organization_id: org,
          cohort_id: cohortId,
          lesson_id: lessonId,
          person_id: personId,
          completed_at: addDays(now, -5),
        })
        .execute();
    }
  };
  const submit = async (personId: string, status: "submitted" | "accepted") => {
    await db
      .insertInto("training_submission")
      .values({
        id: newId(),
        organization_id: org,
        cohort_id: cohortId,
        lesson_id: lessonIds[1] ?? "",
        person_id: personId,
        kind: "text",
        body: "In Tuesday's planning meeting, you summarised every open question before we voted. Everyone knew what they were deciding, and we finished ten minutes early.",
        status,
        feedback: status === "accepted" ? "Specific and kind. Well done." : null,
        reviewed_by: status === "accepted" ? ids.trainerId : null,
        reviewed_at: status === "accepted" ? addDays(now, -4) : null,
        submitted_at: addDays(now, -6),
      })
      .execute();
  };
  const quiz = async (personId: string, answers: Record<string, string | string[] | number>) => {
    const result = gradeQuiz(QUESTIONS, answers, 70);
    await db
      .insertInto("training_quiz_attempt")
      .values({
        id: newId(),
        organization_id: org,
        assessment_id: quizId,
        cohort_id: cohortId,
        person_id: personId,
        attempt_number: 1,
        status: "submitted",
        started_at: addDays(now, -3),
        deadline_at: addDays(now, -3),
        submitted_at: addDays(now, -3),
        answers: JSON.stringify(answers),
        result: JSON.stringify(result),
        score_pct: result.scorePct,
        passed: result.passed ? 1 : 0,
      })
      .execute();
  };
  const grade = async (personId: string, levels: Record<string, string>) => {
    const score = scoreRubric(RUBRIC, levels, 60);
    await db
      .insertInto("training_practical_grade")
      .values({
        id: newId(),
        organization_id: org,
        assessment_id: practicalId,
        cohort_id: cohortId,
        person_id: personId,
        levels: JSON.stringify(levels),
        comments: JSON.stringify({ dialogue: "Ask one more open question before agreeing next steps." }),
        overall_comment: "Clear and respectful feedback.",
        score_pct: score.scorePct,
        passed: score.passed ? 1 : 0,
        graded_by: ids.trainerId,
        graded_at: addDays(now, -1),
      })
      .execute();
  };

  // The demo member: two lessons done, the activity waiting for review, the quiz passed.
  await done(ids.memberId, 1);
  await submit(ids.memberId, "submitted");
  await quiz(ids.memberId, RIGHT);
  const [second, third, fourth, fifth] = trainees.slice(1);
  for (const personId of [second, third]) {
    if (!personId) continue;
    await done(personId, 3);
    await submit(personId, "accepted");
    await quiz(personId, RIGHT);
    await grade(personId, { specific: "yes", impact: "yes", dialogue: "partly" });
  }
  if (fourth) {
    await done(fourth, 2);
    await quiz(fourth, { q1: "b", q2: ["a"], q3: 7, q4: "Intent" });
  }
  if (fifth) await done(fifth, 1);

  const cohort = await findCohort(db, org, cohortId);
  if (!cohort) throw new Error("demo cohort missing");
  const data = await loadCohort(db, cohort);
  for (const personId of trainees) await settle(db, issuer, data, personId, []);

  const assignmentId = newId();
  await db
    .insertInto("training_assignment")
    .values({
      id: assignmentId,
      organization_id: org,
      course_id: courseId,
      target: JSON.stringify({ kind: "department", departments: ["Engineering"] }),
      due_at: addDays(now, 5),
      note: "Everyone in Engineering completes this before the next review cycle.",
      created_by: ids.managerId,
      created_at: addDays(now, -10),
    })
    .execute();
  const engineers = await db
    .selectFrom("person")
    .select("id")
    .where("organization_id", "=", org)
    .where("department", "=", "Engineering")
    .execute();
  await db
    .insertInto("training_assignee")
    .values(
      engineers.map((p) => ({
        id: newId(),
        organization_id: org,
        assignment_id: assignmentId,
        course_id: courseId,
        person_id: p.id,
        due_at: addDays(now, 5),
        created_at: addDays(now, -10),
      })),
    )
    .execute();
}
