import type { AttendanceStatus } from "../../src/domain/training/attendance.ts";
import { summarizeAttendance } from "../../src/domain/training/attendance.ts";
import { addMonthsIso, assignmentState, reminderDue } from "../../src/domain/training/mandatory.ts";
import { type Answer, gradeQuiz, type Question } from "../../src/domain/training/quiz.ts";
import { type RubricCriterion, scoreRubric } from "../../src/domain/training/rubric.ts";
import { completionRuleText } from "../../src/server/modules/training/courses.service.ts";
import { apportion, at, atTime, type Context, daysBetween, plusDays, scaled } from "./context.ts";
import type { People, Person } from "./people.ts";
import type { Program, Programs } from "./programs.ts";
import { COURSES, SESSION_KINDS } from "./vocabulary.ts";

const QUESTIONS: Question[] = [
  {
    id: "q1",
    kind: "single",
    prompt: "Which comes first?",
    points: 1,
    options: [
      { id: "a", text: "Understand the situation" },
      { id: "b", text: "Propose a solution" },
      { id: "c", text: "Escalate" },
    ],
    correctOptionIds: ["a"],
  },
  {
    id: "q2",
    kind: "multiple",
    prompt: "Which make the practice stick?",
    points: 2,
    options: [
      { id: "a", text: "A specific example" },
      { id: "b", text: "A general judgement" },
      { id: "c", text: "A follow-up a week later" },
    ],
    correctOptionIds: ["a", "c"],
  },
  {
    id: "q3",
    kind: "numeric",
    prompt: "How many days until you follow up?",
    points: 1,
    answer: 7,
    tolerance: 2,
  },
  { id: "q4", kind: "short", prompt: "Name the first step.", points: 1, acceptedAnswers: ["Prepare"] },
];
const RIGHT: Record<string, Answer> = { q1: "a", q2: ["a", "c"], q3: 7, q4: "prepare" };
const ALMOST: Record<string, Answer> = { q1: "a", q2: ["a", "c"], q3: 3, q4: "prepare" };
const WRONG: Record<string, Answer> = { q1: "b", q2: ["a"], q3: 30, q4: "guess" };
const QUIZ_PASS = 70;
const GRADED = new Map([RIGHT, ALMOST, WRONG].map((a) => [a, gradeQuiz(QUESTIONS, a, QUIZ_PASS)]));
const graded = (answers: Record<string, Answer>) =>
  GRADED.get(answers) ?? gradeQuiz(QUESTIONS, answers, QUIZ_PASS);

const RUBRIC: RubricCriterion[] = ["Prepares", "Applies the model", "Reflects"].map((title, i) => ({
  id: `c${i + 1}`,
  title,
  levels: [
    { id: "no", label: "Not yet", points: 0 },
    { id: "partly", label: "Partly", points: 2 },
    { id: "yes", label: "Fully", points: 4 },
  ],
}));
const PRACTICAL_PASS = 60;
const GOOD = { c1: "yes", c2: "yes", c3: "partly" };
const WEAK = { c1: "partly", c2: "no", c3: "no" };

const LESSONS = [
  { title: "Why it matters", required: 1, activity: null },
  {
    title: "The model, step by step",
    required: 1,
    activity: "Apply the model to a situation from the last two weeks.",
  },
  { title: "Practice and pitfalls", required: 1, activity: null },
  { title: "Further reading", required: 0, activity: null },
];

export interface Course {
  id: string;
  title: string;
  summary: string;
  competencies: string[];
  minAttendancePct: number;
  validityMonths: number | null;
  moduleIds: string[];
  lessonIds: string[];
  quizId: string;
  practicalId: string | null;
  author: Person;
  /** The completion rule as the certificate states it. */
  criteria: string;
}

export interface Cohort {
  id: string;
  program: Program;
  course: Course;
  name: string;
  startsAt: string;
  endsAt: string;
  trainers: Person[];
  sessions: { id: string; startsAt: string; endsAt: string; kind: (typeof SESSION_KINDS)[number] }[];
  enrolments: { id: string; person: Person; status: "enrolled" | "waitlisted" | "withdrawn"; at: string }[];
  phase: "past" | "ongoing" | "upcoming";
}

export interface Certificate {
  id: string;
  cohort: Cohort;
  person: Person;
  issuedAt: string;
  expiresAt: string | null;
}

export interface TrainingPlan {
  courses: Course[];
  cohorts: Cohort[];
  certificates: Certificate[];
  /** The cohort of ~200 trainees (scaled) that the trainer account teaches; the member is one of them. */
  gradebookCohort: Cohort;
}

/**
 * Courses (4 lessons, a quiz, a practical for half of them), 500 cohorts (scaled) with 40,000 enrolments,
 * sessions sized so that taking attendance at every held session for every enrolled trainee makes about
 * 300,000 rows, and 20,000 certificates for trainees of finished cohorts who met the completion rule.
 */
export function planTraining(ctx: Context, people: People, programs: Programs): TrainingPlan {
  const { random, ids } = ctx;
  const { accounts } = people;
  const now = ctx.now.toISOString();
  const variants = ["", " (Advanced)", " (Refresher)", " (Online)"];
  const courses: Course[] = Array.from(
    { length: Math.min(COURSES.length * variants.length, scaled(ctx, 48, 3)) },
    (_, i) => {
      const base = COURSES[i % COURSES.length] ?? { title: "Course", competencies: [] };
      const practical = random.chance(0.5);
      const course: Course = {
        id: ids.next(),
        title: `${base.title}${variants[Math.floor(i / COURSES.length)] ?? ""}`,
        summary: `A hands-on course: ${base.competencies.join(" and ").toLowerCase()}.`,
        competencies: base.competencies,
        minAttendancePct: random.pick([75, 80, 80]),
        validityMonths: random.pick([12, 24, null]),
        moduleIds: [ids.next(), ids.next()],
        lessonIds: LESSONS.map(() => ids.next()),
        quizId: ids.next(),
        practicalId: practical ? ids.next() : null,
        author: random.pick(people.programManagers),
        criteria: "",
      };
      course.criteria = completionRuleText({ min_attendance_pct: course.minAttendancePct }, LESSONS, [
        { required: 1, title: "Knowledge check" },
        ...(practical ? [{ required: 1, title: "Practical evaluation" }] : []),
      ]).join(" ");
      return course;
    },
  );
  const coursesOf = new Map(
    programs.training.map((p) => [p.id, random.sample(courses, random.between(1, 3))]),
  );
  const trainerPool = random.sample(
    people.all.filter((p) => p.department !== null && (p.seniority ?? 0) >= 3 && p !== accounts.member),
    scaled(ctx, 150, 3),
  );
  const traineePool = people.all.filter((p) => p.department !== null);

  const cohortCount = scaled(ctx, 500, 3);
  const gradebookSize = scaled(ctx, 200, 5);
  const perProgram = apportion(
    ctx,
    cohortCount - 1,
    programs.training.map(() => 0.5 + random.next()),
  );
  const cohorts: Cohort[] = [];
  // 60 % of cohorts have finished, 25 % are running and 15 % start within two months.
  const phases = random.shuffle(
    Array.from({ length: cohortCount - 1 }, (_, k): Cohort["phase"] => {
      const r = (k + 0.5) / (cohortCount - 1);
      return r < 0.6 ? "past" : r < 0.85 ? "ongoing" : "upcoming";
    }),
  );
  const makeCohort = (program: Program, special: boolean): Cohort => {
    const length = special ? 42 : random.between(14, 42);
    const phase = special ? "ongoing" : (phases.pop() ?? "past");
    const startOffset = special
      ? -21
      : phase === "past"
        ? -random.between(length + 1, 720)
        : phase === "ongoing"
          ? -random.between(1, length - 1)
          : random.between(1, 60);
    const startsAt = atTime(ctx, startOffset, "00:00");
    const endsAt = plusDays(startsAt, length);
    const course = random.pick(coursesOf.get(program.id) ?? courses);
    const trainers = special ? [accounts.trainer] : random.sample(trainerPool, random.chance(0.2) ? 2 : 1);
    const cohort: Cohort = {
      id: ids.next(),
      program,
      course,
      name: special ? "Benchmark gradebook cohort" : `${course.title}, ${startsAt.slice(0, 7)}`,
      startsAt,
      endsAt,
      trainers,
      sessions: [],
      enrolments: [],
      phase,
    };
    cohorts.push(cohort);
    return cohort;
  };
  const first = programs.training[0] as Program;
  const gradebookCohort = makeCohort(first, true);
  programs.training.forEach((program, i) => {
    for (let k = 0; k < (perProgram[i] ?? 0); k++) makeCohort(program, false);
  });
  for (const c of cohorts.slice(1, 3))
    if (!c.trainers.includes(accounts.trainer)) c.trainers.push(accounts.trainer);

  const totalEnrolments = scaled(ctx, 40_000, 20);
  const sizes = apportion(
    ctx,
    Math.max(0, totalEnrolments - gradebookSize),
    // Finished cohorts filled up more than those still to run (waitlists are still forming there).
    cohorts
      .slice(1)
      .map((c) => ({ past: 1.2, ongoing: 0.8, upcoming: 0.6 })[c.phase] * (0.5 + random.next())),
  );
  for (const [i, cohort] of cohorts.entries()) {
    const special = cohort === gradebookCohort;
    const size = special ? gradebookSize : (sizes[i - 1] ?? 0);
    const trainees = special
      ? [
          accounts.member,
          ...random
            .sample(traineePool, size + 5)
            .filter((p) => p !== accounts.member && p !== accounts.trainer),
        ].slice(0, size)
      : random
          .sample(traineePool, size + cohort.trainers.length)
          .filter((p) => !cohort.trainers.includes(p))
          .slice(0, size);
    for (const person of trainees) {
      const r = random.next();
      const status = special
        ? "enrolled"
        : cohort.phase === "past"
          ? r < 0.95
            ? "enrolled"
            : "withdrawn"
          : r < 0.92
            ? "enrolled"
            : r < 0.96
              ? "waitlisted"
              : "withdrawn";
      cohort.enrolments.push({
        id: ids.next(),
        person,
        status,
        at: plusDays(cohort.startsAt, -random.between(7, 40) + random.next()),
      });
    }
  }

  const targetAttendance = scaled(ctx, 300_000, 50);
  const heldFraction = (c: Cohort) =>
    c.phase === "past"
      ? 1
      : c.phase === "upcoming"
        ? 0
        : daysBetween(c.startsAt, now) / daysBetween(c.startsAt, c.endsAt);
  const enrolled = (c: Cohort) => c.enrolments.filter((e) => e.status === "enrolled").length;
  const slots = cohorts.reduce((a, c) => a + enrolled(c) * heldFraction(c), 0);
  const perCohort = slots > 0 ? targetAttendance / slots : 8;
  const sessionCount = new Map(
    cohorts.map((c) => [
      c,
      c === gradebookCohort
        ? 10
        : Math.max(3, Math.min(20, Math.round(perCohort * (0.75 + random.next() * 0.5)))),
    ]),
  );
  const dayOf = (c: Cohort, k: number, n: number) =>
    plusDays(c.startsAt, Math.floor(((k + 0.5) * daysBetween(c.startsAt, c.endsAt)) / n) + 9.5 / 24);
  const heldOf = (c: Cohort, n: number) =>
    Array.from({ length: n }, (_, k) => plusDays(dayOf(c, k, n), 2 / 24)).filter((end) => end < now).length;
  // Add or drop a session of a finished cohort while that brings the attendance rows nearer the target.
  let attendance = cohorts.reduce((a, c) => a + enrolled(c) * heldOf(c, sessionCount.get(c) ?? 0), 0);
  const finishedCohorts = cohorts.filter((c) => c.phase === "past" && enrolled(c) > 0);
  for (let guard = 0; guard < cohorts.length * 20 && finishedCohorts.length > 0; guard++) {
    const c = random.pick(finishedCohorts);
    const n = sessionCount.get(c) ?? 0;
    const size = enrolled(c);
    if (attendance - targetAttendance > size / 2 && n > 3) {
      sessionCount.set(c, n - 1);
      attendance -= size;
    } else if (targetAttendance - attendance > size / 2 && n < 20) {
      sessionCount.set(c, n + 1);
      attendance += size;
    } else if (Math.abs(attendance - targetAttendance) <= Math.min(...finishedCohorts.map(enrolled)) / 2)
      break;
  }
  for (const c of cohorts) {
    const n = sessionCount.get(c) ?? 0;
    for (let k = 0; k < n; k++) {
      const startsAt = dayOf(c, k, n);
      c.sessions.push({
        id: ids.next(),
        startsAt,
        endsAt: plusDays(startsAt, 2 / 24),
        kind: random.pick(SESSION_KINDS),
      });
    }
  }

  const finished = cohorts
    .filter((c) => c.phase === "past")
    .flatMap((c) =>
      c.enrolments.filter((e) => e.status === "enrolled").map((e) => ({ cohort: c, person: e.person })),
    );
  const certificates = random.sample(finished, scaled(ctx, 20_000, 10)).map(({ cohort, person }) => {
    const lastEnd = cohort.sessions.at(-1)?.endsAt ?? cohort.endsAt;
    const issued = plusDays(lastEnd, 1 / 24);
    const issuedAt = issued < now ? issued : at(ctx, -1 / 24);
    return {
      id: ids.next(),
      cohort,
      person,
      issuedAt,
      expiresAt: cohort.course.validityMonths ? addMonthsIso(issuedAt, cohort.course.validityMonths) : null,
    };
  });
  return { courses, cohorts, certificates, gradebookCohort };
}

export async function writeTrainingStructure(ctx: Context, people: People, plan: TrainingPlan) {
  const { writer, ids, organizationId } = ctx;
  const created = plusDays(ctx.now.toISOString(), -760);
  for (const c of plan.courses) {
    await writer.add("training_course", {
      id: c.id,
      organization_id: organizationId,
      title: c.title,
      summary: c.summary,
      competencies: JSON.stringify(c.competencies),
      min_attendance_pct: c.minAttendancePct,
      validity_months: c.validityMonths,
      status: "published",
      created_by: c.author.id,
      created_at: created,
      updated_at: created,
    });
    for (const [i, id] of c.moduleIds.entries()) {
      await writer.add("training_module", {
        id,
        organization_id: organizationId,
        course_id: c.id,
        position: i + 1,
        title: i === 0 ? "Foundations" : "In practice",
        summary: "",
        created_at: created,
      });
    }
    for (const [i, l] of LESSONS.entries()) {
      await writer.add("training_lesson", {
        id: c.lessonIds[i] as string,
        organization_id: organizationId,
        course_id: c.id,
        module_id: c.moduleIds[i < 2 ? 0 : 1] as string,
        position: i + 1,
        title: l.title,
        content: `## ${l.title}\n\nWhat ${c.title.toLowerCase()} asks of you, with **examples** and a short checklist.`,
        required: l.required,
        activity_prompt: l.activity,
        created_at: created,
        updated_at: created,
      });
    }
    await writer.add("training_assessment", {
      id: c.quizId,
      organization_id: organizationId,
      course_id: c.id,
      kind: "quiz",
      position: 1,
      title: "Knowledge check",
      instructions: `Four questions; you need ${QUIZ_PASS} % to pass.`,
      required: 1,
      pass_mark_pct: QUIZ_PASS,
      max_attempts: 3,
      time_limit_minutes: 15,
      questions: JSON.stringify(QUESTIONS),
      rubric: "[]",
      created_at: created,
      updated_at: created,
    });
    if (c.practicalId) {
      await writer.add("training_assessment", {
        id: c.practicalId,
        organization_id: organizationId,
        course_id: c.id,
        kind: "practical",
        position: 2,
        title: "Practical evaluation",
        instructions: "A five-minute role-play; your trainer grades it against the rubric.",
        required: 1,
        pass_mark_pct: PRACTICAL_PASS,
        max_attempts: null,
        time_limit_minutes: null,
        questions: "[]",
        rubric: JSON.stringify(RUBRIC),
        created_at: created,
        updated_at: created,
      });
    }
  }

  const held = new Map<string, { issuedAt: string; expiresAt: string | null }[]>();
  for (const c of plan.certificates) {
    const k = `${c.person.id}:${c.cohort.course.id}`;
    held.set(k, [...(held.get(k) ?? []), { issuedAt: c.issuedAt, expiresAt: c.expiresAt }]);
  }
  const assigned = [
    { department: "Engineering", course: plan.courses[0], due: 20 },
    { department: "Sales", course: plan.courses[1] ?? plan.courses[0], due: -5 },
  ];
  for (const a of assigned) {
    if (!a.course) continue;
    const id = ids.next();
    const dueAt = at(ctx, a.due);
    const createdAt = at(ctx, a.due - 45);
    await writer.add("training_assignment", {
      id,
      organization_id: organizationId,
      course_id: a.course.id,
      target: JSON.stringify({ kind: "department", departments: [a.department] }),
      due_at: dueAt,
      note: `Everyone in ${a.department} completes this course.`,
      created_by: people.accounts.admin.id,
      created_at: createdAt,
    });
    for (const p of people.all) {
      if (p.department !== a.department) continue;
      const assigneeId = ids.next();
      await writer.add("training_assignee", {
        id: assigneeId,
        organization_id: organizationId,
        assignment_id: id,
        course_id: a.course.id,
        person_id: p.id,
        due_at: dueAt,
        created_at: createdAt,
      });
      // The reminder the hourly job would send now went out already, as it would have in a running organization.
      const state = assignmentState(dueAt, held.get(`${p.id}:${a.course.id}`) ?? [], ctx.now);
      const kind = reminderDue(state, ctx.now);
      if (kind) {
        await writer.add("training_reminder", {
          id: ids.next(),
          organization_id: organizationId,
          assignee_id: assigneeId,
          due_at: state.dueAt,
          kind,
          sent_at: at(ctx, -1 / 24),
        });
      }
    }
  }
}

/** Cohorts, their sessions, enrolments, attendance, progress and grades. */
export async function writeCohorts(ctx: Context, plan: TrainingPlan) {
  const { writer, random, ids, organizationId } = ctx;
  const now = ctx.now.toISOString();
  const certified = new Map(plan.certificates.map((c) => [`${c.cohort.id}:${c.person.id}`, c]));
  const attendanceEstimate = plan.cohorts.reduce(
    (a, c) =>
      a +
      c.enrolments.filter((e) => e.status === "enrolled").length *
        c.sessions.filter((s) => s.endsAt < now).length,
    0,
  );

  await ctx.progress.phase("training", attendanceEstimate, (bar) =>
    ctx.writer.transaction(async () => {
      const programEnrolled = new Set<string>();
      for (const c of plan.cohorts) {
        const created = plusDays(c.startsAt, -45);
        const enrolledCount = c.enrolments.filter((e) => e.status === "enrolled").length;
        await writer.add("training_cohort", {
          id: c.id,
          organization_id: organizationId,
          program_id: c.program.id,
          course_id: c.course.id,
          name: c.name,
          start_date: c.startsAt.slice(0, 10),
          end_date: c.endsAt.slice(0, 10),
          seats: Math.max(1, enrolledCount),
          time_zone: random.pick(["Europe/London", "America/New_York", "Asia/Singapore", "Europe/Berlin"]),
          status: c.phase === "past" ? "closed" : "open",
          created_at: created,
          updated_at: created,
        });
        for (const t of c.trainers) {
          await writer.add("training_cohort_trainer", {
            id: ids.next(),
            organization_id: organizationId,
            cohort_id: c.id,
            person_id: t.id,
            created_at: created,
          });
        }
        for (const s of c.sessions) {
          const online = random.chance(0.4);
          await writer.add("training_session", {
            id: s.id,
            organization_id: organizationId,
            cohort_id: c.id,
            kind: s.kind,
            title: `${c.course.title}: ${s.kind.replace("_", "-")}`,
            starts_at: s.startsAt,
            ends_at: s.endsAt,
            time_zone: "UTC",
            location: online ? null : "Training room 2",
            link: online ? "https://meet.example/benchmark-training" : null,
            cancelled_at: null,
            created_at: created,
            updated_at: created,
          });
        }
        for (const e of c.enrolments) {
          const certificate = certified.get(`${c.id}:${e.person.id}`);
          await writer.add("training_enrolment", {
            id: e.id,
            organization_id: organizationId,
            cohort_id: c.id,
            person_id: e.person.id,
            status: e.status,
            queued_at: e.at,
            offer_expires_at: null,
            enrolled_by: c.program.owner.id,
            completed_at: certificate?.issuedAt ?? null,
            created_at: e.at,
            updated_at: certificate?.issuedAt ?? e.at,
          });
          const key = `${c.program.id}:${e.person.id}`;
          if (!programEnrolled.has(key)) {
            programEnrolled.add(key);
            await writer.add("enrolment", {
              id: ids.next(),
              organization_id: organizationId,
              program_id: c.program.id,
              person_id: e.person.id,
              role: "trainee",
              answers: JSON.stringify({ format: random.pick(["In person", "Online"]) }),
              status: e.status === "withdrawn" ? "withdrawn" : "active",
              created_at: e.at,
              updated_at: e.at,
            });
          }
        }

        const held = c.sessions.filter((s) => s.endsAt < now);
        const trainer = c.trainers[0] as Person;
        for (const e of c.enrolments) {
          if (e.status !== "enrolled") continue;
          const certificate = certified.get(`${c.id}:${e.person.id}`);
          const marks: AttendanceStatus[] = held.map(() => {
            const r = random.next();
            if (certificate) return r < 0.9 ? "present" : r < 0.96 ? "late" : r < 0.98 ? "excused" : "absent";
            return r < 0.75 ? "present" : r < 0.82 ? "late" : r < 0.95 ? "absent" : "excused";
          });
          if (certificate) {
            const enough = () => {
              const s = summarizeAttendance(marks);
              const denominator = c.sessions.length - s.excused;
              return (
                denominator <= 0 || ((s.present + s.late) / denominator) * 100 >= c.course.minAttendancePct
              );
            };
            for (let k = 0; k < marks.length && !enough(); k++)
              if (marks[k] !== "present") marks[k] = "present";
          }
          for (const [k, s] of held.entries()) {
            await writer.add("training_attendance", {
              id: ids.next(),
              organization_id: organizationId,
              session_id: s.id,
              cohort_id: c.id,
              person_id: e.person.id,
              status: marks[k] ?? "present",
              recorded_by: trainer.id,
              recorded_at: plusDays(s.endsAt, 0.02),
            });
          }
          bar.tick(held.length);
          if (c.phase === "upcoming") continue;
          await writeProgress(ctx, c, e.person, trainer, certificate ?? null);
        }
      }
    }),
  );
}

/** The certificates, with each credential as the signer returns it. */
export async function writeCertificates(
  ctx: Context,
  plan: TrainingPlan,
  credentialOf: (certificateId: string) => Promise<string>,
) {
  await ctx.progress.phase("certificates", plan.certificates.length, (bar) =>
    ctx.writer.transaction(async () => {
      for (const certificate of plan.certificates) {
        await ctx.writer.add("training_certificate", {
          id: certificate.id,
          organization_id: ctx.organizationId,
          course_id: certificate.cohort.course.id,
          cohort_id: certificate.cohort.id,
          person_id: certificate.person.id,
          issued_at: certificate.issuedAt,
          expires_at: certificate.expiresAt,
          credential: await credentialOf(certificate.id),
          revoked_at: null,
        });
        bar.tick();
      }
    }),
  );
}

/**
 * Lessons done, the activity, quiz attempts and the practical grade of one trainee, consistent with the
 * completion rule: a certified trainee met every part of it; nobody else did (in a running cohort the last
 * required lesson is never done yet, and in a finished one the quiz was failed or not taken).
 */
async function writeProgress(
  ctx: Context,
  c: Cohort,
  person: Person,
  trainer: Person,
  certificate: Certificate | null,
) {
  const { writer, random, ids, organizationId } = ctx;
  const now = ctx.now.toISOString();
  const span = Math.max(1, daysBetween(c.startsAt, c.endsAt < now ? c.endsAt : now));
  const during = (fraction: number) => plusDays(c.startsAt, Math.min(span - 0.1, span * fraction));
  const lessonIds = certificate
    ? c.course.lessonIds.filter((_, i) => i < 3 || random.chance(0.5))
    : c.course.lessonIds.slice(0, random.between(0, 2));
  for (const [i, lessonId] of lessonIds.entries()) {
    await writer.add("training_lesson_progress", {
      id: ids.next(),
      organization_id: organizationId,
      cohort_id: c.id,
      lesson_id: lessonId,
      person_id: person.id,
      completed_at: during((i + 1) / 5),
    });
  }
  const activityDone = lessonIds.length >= 2;
  if (activityDone || random.chance(0.2)) {
    const accepted = certificate !== null || random.chance(0.4);
    await writer.add("training_submission", {
      id: ids.next(),
      organization_id: organizationId,
      cohort_id: c.id,
      lesson_id: c.course.lessonIds[1] as string,
      person_id: person.id,
      kind: "text",
      body: "In last week's planning meeting I applied the model: I described what I saw, its impact, and asked what we could change.",
      status: accepted ? "accepted" : "submitted",
      feedback: accepted ? "Specific and kind. Well done." : null,
      reviewed_by: accepted ? trainer.id : null,
      reviewed_at: accepted ? during(0.5) : null,
      submitted_at: during(0.4),
    });
  }
  const attempts: Record<string, Answer>[] = certificate
    ? random.chance(0.2)
      ? [WRONG, RIGHT]
      : [random.chance(0.5) ? RIGHT : ALMOST]
    : c.phase === "past"
      ? random.chance(0.6)
        ? [WRONG]
        : []
      : random.chance(0.4)
        ? [random.chance(0.8) ? RIGHT : WRONG]
        : [];
  for (const [i, answers] of attempts.entries()) {
    const result = graded(answers);
    const started = during(0.6 + i * 0.1);
    await writer.add("training_quiz_attempt", {
      id: ids.next(),
      organization_id: organizationId,
      assessment_id: c.course.quizId,
      cohort_id: c.id,
      person_id: person.id,
      attempt_number: i + 1,
      status: "submitted",
      started_at: started,
      deadline_at: plusDays(started, 15 / 1440),
      submitted_at: plusDays(started, 9 / 1440),
      answers: JSON.stringify(answers),
      result: JSON.stringify(result),
      score_pct: result.scorePct,
      passed: result.passed ? 1 : 0,
    });
  }
  if (c.course.practicalId && (certificate || random.chance(0.25))) {
    const levels = certificate || random.chance(0.7) ? GOOD : WEAK;
    const score = scoreRubric(RUBRIC, levels, PRACTICAL_PASS);
    await writer.add("training_practical_grade", {
      id: ids.next(),
      organization_id: organizationId,
      assessment_id: c.course.practicalId,
      cohort_id: c.id,
      person_id: person.id,
      levels: JSON.stringify(levels),
      comments: JSON.stringify({ c3: "Ask one more open question before agreeing next steps." }),
      overall_comment: "Clear and respectful.",
      score_pct: score.scorePct,
      passed: score.passed ? 1 : 0,
      graded_by: trainer.id,
      graded_at: during(0.8),
    });
  }
}
