import { ATTENDANCE_STATUSES } from "../../../domain/training/attendance.ts";
import { QUESTION_KINDS } from "../../../domain/training/quiz.ts";
import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema, SearchText } from "../../lib/pagination.ts";
import { PersonRef } from "../people/people.schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().openapi({ example: "2026-12-01" });
const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T09:30:00Z" });
const uuid = z.string().uuid();
const key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _ only.");
const idParam = (name: string) =>
  z
    .string()
    .uuid()
    .openapi({ param: { name, in: "path" }, example: "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10" });
const ref = z.object({ id: z.string(), title: z.string() });

export const CohortLessonParams = z.object({ id: idParam("id"), lessonId: idParam("lessonId") });
export const CohortAssessmentParams = z.object({ id: idParam("id"), assessmentId: idParam("assessmentId") });
export const CohortPersonParams = z.object({ id: idParam("id"), personId: idParam("personId") });
export const GradeParams = z.object({
  id: idParam("id"),
  assessmentId: idParam("assessmentId"),
  personId: idParam("personId"),
});

// Courses

export const CourseStatusSchema = z.enum(["draft", "published", "archived"]).openapi("CourseStatus");
const competencies = z.array(text(80)).max(20);

export const CourseCreate = z
  .object({
    title: text(160),
    summary: z.string().trim().max(4000).default(""),
    competencies: competencies.default([]),
    minAttendancePct: z.number().int().min(0).max(100).default(80),
    validityMonths: z.number().int().min(1).max(120).nullable().default(null),
  })
  .strict()
  .openapi("CourseInput");

export const CoursePatch = z
  .object({
    title: text(160),
    summary: z.string().trim().max(4000),
    competencies,
    minAttendancePct: z.number().int().min(0).max(100),
    validityMonths: z.number().int().min(1).max(120).nullable(),
    status: CourseStatusSchema,
  })
  .partial()
  .strict()
  .openapi("CoursePatch");

export const ModuleBody = z
  .object({ title: text(160), summary: z.string().trim().max(2000).default("") })
  .strict()
  .openapi("CourseModuleInput");
export const ModulePatch = z
  .object({
    title: text(160),
    summary: z.string().trim().max(2000),
    position: z.number().int().min(1).max(500),
  })
  .partial()
  .strict()
  .openapi("CourseModulePatch");

export const LessonBody = z
  .object({
    title: text(160),
    content: z.string().max(100_000).default("").openapi({ description: "Markdown; rendered sanitized." }),
    required: z.boolean().default(true),
    activityPrompt: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .nullable()
      .default(null)
      .openapi({ description: "A hands-on activity the trainee submits as text or a link; null for none." }),
  })
  .strict()
  .openapi("LessonInput");
export const LessonPatch = z
  .object({
    title: text(160),
    content: z.string().max(100_000),
    required: z.boolean(),
    activityPrompt: z.string().trim().min(1).max(4000).nullable(),
    position: z.number().int().min(1).max(500),
    moduleId: uuid.openapi({
      description: "Move the lesson to another module of the same course (at its end).",
    }),
  })
  .partial()
  .strict()
  .openapi("LessonPatch");

const option = z.object({ id: key, text: text(500) }).strict();
const questionBase = { id: key, prompt: text(2000), points: z.number().int().min(1).max(100).default(1) };
const choiceQuestion = <K extends "single" | "multiple">(kind: K) =>
  z
    .object({
      ...questionBase,
      kind: z.literal(kind),
      options: z.array(option).min(2).max(12),
      correctOptionIds: z.array(key).min(1).max(12),
    })
    .strict();
export const QuestionSchema = z
  .discriminatedUnion("kind", [
    choiceQuestion("single"),
    choiceQuestion("multiple"),
    z
      .object({
        ...questionBase,
        kind: z.literal("numeric"),
        answer: z.number().finite(),
        tolerance: z.number().finite().min(0).default(0),
      })
      .strict(),
    z
      .object({
        ...questionBase,
        kind: z.literal("short"),
        acceptedAnswers: z.array(text(200)).min(1).max(20),
      })
      .strict(),
  ])
  .openapi("QuizQuestion");

export const PublicQuestionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string(),
    points: z.number(),
    options: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  })
  .openapi("QuizQuestionForTrainee");

const level = z.object({ id: key, label: text(120), points: z.number().int().min(0).max(100) }).strict();
export const RubricCriterionSchema = z
  .object({ id: key, title: text(200), levels: z.array(level).min(2).max(8) })
  .strict()
  .openapi("RubricCriterion");

const assessmentCommon = {
  title: text(160),
  instructions: z.string().trim().max(4000).default(""),
  required: z.boolean().default(true),
  passMarkPct: z.number().int().min(0).max(100),
};
export const AssessmentCreate = z
  .discriminatedUnion("kind", [
    z
      .object({
        ...assessmentCommon,
        kind: z.literal("quiz"),
        maxAttempts: z.number().int().min(1).max(20).default(3),
        timeLimitMinutes: z.number().int().min(1).max(600).nullable().default(null),
        questions: z.array(QuestionSchema).min(1).max(100),
      })
      .strict(),
    z
      .object({
        ...assessmentCommon,
        kind: z.literal("practical"),
        rubric: z.array(RubricCriterionSchema).min(1).max(20),
      })
      .strict(),
  ])
  .openapi("AssessmentInput");
export const AssessmentPatch = z
  .object({
    title: text(160),
    instructions: z.string().trim().max(4000),
    required: z.boolean(),
    passMarkPct: z.number().int().min(0).max(100),
    maxAttempts: z.number().int().min(1).max(20),
    timeLimitMinutes: z.number().int().min(1).max(600).nullable(),
    questions: z.array(QuestionSchema).min(1).max(100),
    rubric: z.array(RubricCriterionSchema).min(1).max(20),
    position: z.number().int().min(1).max(500),
  })
  .partial()
  .strict()
  .openapi("AssessmentPatch");

export const AssessmentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["quiz", "practical"]),
    position: z.number(),
    title: z.string(),
    instructions: z.string(),
    required: z.boolean(),
    passMarkPct: z.number(),
    maxAttempts: z.number().nullable(),
    timeLimitMinutes: z.number().nullable(),
    questionCount: z.number(),
    rubric: z.array(RubricCriterionSchema),
    questions: z
      .array(QuestionSchema)
      .optional()
      .openapi({ description: "The questions with their answer key: only for the course's authors." }),
  })
  .openapi("Assessment");

export const LessonSchema = z
  .object({
    id: z.string(),
    moduleId: z.string(),
    position: z.number(),
    title: z.string(),
    required: z.boolean(),
    activityPrompt: z.string().nullable(),
    content: z.string().openapi({ description: "The Markdown source." }),
    contentHtml: z.string().openapi({ description: "The Markdown rendered and sanitized." }),
  })
  .openapi("Lesson");

export const ModuleSchema = z
  .object({
    id: z.string(),
    position: z.number(),
    title: z.string(),
    summary: z.string(),
    lessons: z.array(LessonSchema),
  })
  .openapi("CourseModule");

export const CourseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    competencies: z.array(z.string()),
    status: CourseStatusSchema,
    minAttendancePct: z.number(),
    validityMonths: z.number().nullable(),
    lessonCount: z.number(),
    assessmentCount: z.number(),
    cohortCount: z.number(),
    updatedAt: z.string(),
  })
  .openapi("CourseSummary");
export const CourseListSchema = z
  .object({
    ...pageSchema(CourseSummarySchema).shape,
    total: z.number().int(),
    statusCounts: z
      .record(z.string(), z.number().int())
      .openapi({ description: "How many courses of each status you can see, whatever the search." }),
  })
  .openapi("CourseList");

export const CoursesQuery = z
  .object({
    q: SearchText("Words in the title, summary or competencies."),
    status: CourseStatusSchema.optional(),
  })
  .extend(PageQuery.shape);

export const CourseSchema = CourseSummarySchema.extend({
  modules: z.array(ModuleSchema),
  assessments: z.array(AssessmentSchema),
  completionRule: z.array(z.string()).openapi({ description: "The completion rule in words." }),
  canEdit: z.boolean(),
}).openapi("Course");

// Cohorts and sessions

export const SessionKindSchema = z
  .enum(["lecture", "workshop", "role_play", "hands_on"])
  .openapi("TrainingSessionKind");
export const EnrolmentStatusSchema = z
  .enum(["enrolled", "waitlisted", "offered", "withdrawn"])
  .openapi("TrainingEnrolmentStatus");
export const CohortStatusSchema = z.enum(["open", "closed", "cancelled"]).openapi("CohortStatus");

export const TrainingSessionSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    kind: SessionKindSchema,
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    location: z.string().nullable(),
    link: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    attendanceTaken: z.boolean(),
  })
  .openapi("TrainingSession");

export const CohortCreate = z
  .object({
    courseId: uuid,
    name: text(160),
    startDate: isoDate,
    endDate: isoDate,
    seats: z.number().int().min(1).max(1000),
    timeZone: text(64).default("UTC"),
    trainerIds: z.array(uuid).min(1).max(5),
  })
  .strict()
  .openapi("CohortInput");
export const CohortPatch = z
  .object({
    name: text(160),
    startDate: isoDate,
    endDate: isoDate,
    seats: z.number().int().min(1).max(1000),
    timeZone: text(64),
    trainerIds: z.array(uuid).min(1).max(5),
    status: CohortStatusSchema,
  })
  .partial()
  .strict()
  .openapi("CohortPatch");

export const AttendanceSummarySchema = z
  .object({
    present: z.number(),
    late: z.number(),
    absent: z.number(),
    excused: z.number(),
    recorded: z.number(),
    pct: z.number().nullable(),
  })
  .openapi("AttendanceSummary");

export const MyEnrolmentSchema = z
  .object({
    personId: z.string(),
    status: EnrolmentStatusSchema,
    waitlistPosition: z.number().nullable(),
    offerExpiresAt: z.string().nullable(),
  })
  .openapi("TrainingEnrolment");

export const CohortSummarySchema = z
  .object({
    id: z.string(),
    programId: z.string(),
    programName: z.string(),
    course: ref,
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    seats: z.number(),
    timeZone: z.string(),
    status: CohortStatusSchema,
    trainers: z.array(PersonRef),
    enrolledCount: z.number(),
    waitlistCount: z.number(),
    seatsLeft: z.number(),
    nextSession: z.union([TrainingSessionSchema, z.null()]),
  })
  .openapi("CohortSummary");
export const CohortListSchema = z.object({ cohorts: z.array(CohortSummarySchema) }).openapi("CohortList");

export const CompletionSchema = z
  .object({
    met: z.boolean(),
    progress: z.number(),
    requirements: z.array(
      z.object({
        kind: z.enum(["attendance", "lesson", "assessment"]),
        id: z.string().nullable(),
        label: z.string(),
        met: z.boolean(),
      }),
    ),
  })
  .openapi("CompletionState");

export const CohortSchema = CohortSummarySchema.extend({
  sessions: z.array(TrainingSessionSchema),
  role: z.enum(["trainer", "trainee", "manager", "visitor"]).openapi({
    description: "How the caller relates to the cohort; a visitor may enrol if the program lets them.",
  }),
  canManage: z.boolean(),
  enrolment: z.union([MyEnrolmentSchema, z.null()]),
  progress: z
    .object({
      lessonsDone: z.array(z.string()),
      lessonsTotal: z.number(),
      attendance: AttendanceSummarySchema,
      completion: CompletionSchema,
      certificateId: z.string().nullable(),
    })
    .nullable()
    .openapi({ description: "The caller's own progress, when they are enrolled." }),
}).openapi("Cohort");

export const RosterSchema = z
  .object({
    enrolled: z.array(
      z.object({
        person: PersonRef,
        enrolledAt: z.string(),
        attendance: AttendanceSummarySchema,
        lessonsDone: z.number(),
        lessonsTotal: z.number(),
        completed: z.boolean(),
        certificateId: z.string().nullable(),
      }),
    ),
    waitlist: z.array(
      z.object({
        person: PersonRef,
        position: z.number(),
        status: EnrolmentStatusSchema,
        queuedAt: z.string(),
        offerExpiresAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("CohortRoster");

export const EnrolBody = z
  .object({
    personId: uuid.optional().openapi({
      description: "Whom to enrol; leave out to enrol yourself. Enrolling someone else is for program staff.",
    }),
  })
  .strict()
  .openapi("CohortEnrolInput");
export const OfferBody = z.object({ accept: z.boolean() }).strict().openapi("SeatOfferAnswer");

export const SessionCreate = z
  .object({
    kind: SessionKindSchema,
    title: text(160),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    timeZone: text(64).optional().openapi({ description: "Defaults to the cohort's time zone." }),
    location: z.string().trim().min(1).max(200).nullable().default(null),
    link: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
  })
  .strict()
  .openapi("TrainingSessionInput");
export const SessionPatch = z
  .object({
    kind: SessionKindSchema,
    title: text(160),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    timeZone: text(64),
    location: z.string().trim().min(1).max(200).nullable(),
    link: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    cancelled: z.boolean(),
  })
  .partial()
  .strict()
  .openapi("TrainingSessionPatch");

export const AttendanceStatusSchema = z.enum(ATTENDANCE_STATUSES).openapi("AttendanceStatus");
export const AttendanceBody = z
  .object({
    marks: z
      .array(z.object({ personId: uuid, status: AttendanceStatusSchema }).strict())
      .min(1)
      .max(1000),
  })
  .strict()
  .openapi("AttendanceInput");
export const AttendanceSheetSchema = z
  .object({
    session: TrainingSessionSchema,
    rows: z.array(
      z.object({
        person: PersonRef,
        status: z.union([AttendanceStatusSchema, z.null()]),
        attendance: AttendanceSummarySchema,
      }),
    ),
  })
  .openapi("AttendanceSheet");

// Lessons, activities and assessments taken

export const SubmissionBody = z
  .object({ kind: z.enum(["text", "link"]), body: text(20_000) })
  .strict()
  .openapi("ActivitySubmissionInput");
export const SubmissionSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    lesson: ref,
    person: PersonRef,
    kind: z.enum(["text", "link"]),
    body: z.string(),
    status: z.enum(["submitted", "accepted", "needs_revision"]),
    feedback: z.string().nullable(),
    submittedAt: z.string(),
    reviewedAt: z.string().nullable(),
  })
  .openapi("ActivitySubmission");
export const ReviewBody = z
  .object({
    decision: z.enum(["accepted", "needs_revision"]),
    feedback: z.string().trim().max(4000).default(""),
  })
  .strict()
  .openapi("ActivityReviewInput");

export const LessonProgressSchema = z
  .object({
    lessonsDone: z.array(z.string()),
    lessonsTotal: z.number(),
    completion: CompletionSchema,
    certificateId: z.string().nullable(),
  })
  .openapi("LessonProgress");

export const AttemptSchema = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    cohortId: z.string(),
    attemptNumber: z.number(),
    maxAttempts: z.number().nullable(),
    status: z.enum(["in_progress", "submitted", "expired"]),
    startedAt: z.string(),
    deadlineAt: z.string().nullable(),
    questions: z.array(PublicQuestionSchema),
  })
  .openapi("QuizAttempt");
const AnswerSchema = z.union([
  z.string().max(2000),
  z.array(z.string().max(100)).max(20),
  z.number(),
  z.null(),
]);
export const SubmitAttemptBody = z
  .object({ answers: z.record(z.string().max(40), AnswerSchema) })
  .strict()
  .openapi("QuizAnswers");
export const AttemptResultSchema = z
  .object({
    id: z.string(),
    attemptNumber: z.number(),
    status: z.enum(["submitted", "expired"]),
    scorePct: z.number(),
    passed: z.boolean(),
    points: z.number(),
    maxPoints: z.number(),
    questions: z.array(z.object({ id: z.string(), correct: z.boolean() })),
    attemptsLeft: z.number().nullable(),
    completion: CompletionSchema,
    certificateId: z.string().nullable(),
  })
  .openapi("QuizResult");

export const GradeBody = z
  .object({
    levels: z.record(key, key),
    comments: z.record(key, z.string().trim().max(2000)).default({}),
    overallComment: z.string().trim().max(4000).default(""),
  })
  .strict()
  .openapi("PracticalGradeInput");
export const PracticalGradeSchema = z
  .object({
    assessmentId: z.string(),
    person: PersonRef,
    levels: z.record(z.string(), z.string()),
    comments: z.record(z.string(), z.string()),
    overallComment: z.string(),
    scorePct: z.number(),
    passed: z.boolean(),
    gradedBy: PersonRef,
    gradedAt: z.string(),
    completion: CompletionSchema,
    certificateId: z.string().nullable(),
  })
  .openapi("PracticalGrade");

export const QueuedSubmissionsSchema = z
  .object({
    ...pageSchema(SubmissionSchema.extend({ cohortName: z.string() })).shape,
    total: z.number().int(),
  })
  .openapi("QueuedSubmissions");

export const QueuedPracticalsSchema = z
  .object({
    ...pageSchema(
      z.object({
        cohort: z.object({ id: z.string(), name: z.string() }),
        assessment: ref,
        person: PersonRef,
      }),
    ).shape,
    total: z.number().int(),
  })
  .openapi("QueuedPracticals");

const GradeCell = z.object({
  assessmentId: z.string(),
  scorePct: z.number().nullable(),
  passed: z.boolean().nullable(),
  attempts: z.number(),
});
export const GradebookQuery = z
  .object({ q: SearchText("Part of a trainee's name, ignoring case.") })
  .extend(PageQuery.shape);

export const GradebookMatrixSchema = z
  .object({
    cohort: z.object({ id: z.string(), name: z.string(), course: ref }),
    assessments: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(["quiz", "practical"]),
        required: z.boolean(),
        passMarkPct: z.number(),
      }),
    ),
    summary: z
      .object({
        trainees: z.number().int(),
        completed: z.number().int(),
        attendance: z.object({
          minimumPct: z.number(),
          marked: z.number().int().openapi({ description: "Trainees with attendance taken." }),
          belowMinimum: z.number().int(),
        }),
        scores: z.object({
          count: z.number().int().openapi({ description: "Best scores over all trainees and assessments." }),
          meanPct: z.number().nullable(),
          buckets: z.array(z.object({ fromPct: z.number(), toPct: z.number(), count: z.number().int() })),
        }),
      })
      .openapi({ description: "Figures of every enrolled trainee, whatever the page and search." }),
    ...pageSchema(
      z.object({
        person: PersonRef,
        attendancePct: z.number().nullable(),
        lessonsDone: z.number(),
        lessonsTotal: z.number(),
        cells: z.array(GradeCell),
        completed: z.boolean(),
        certificateId: z.string().nullable(),
      }),
    ).shape,
    total: z.number().int().openapi({ description: "Trainees matching the search." }),
  })
  .openapi("GradebookMatrix");

export const GradebookSchema = z
  .object({
    cohort: z.object({ id: z.string(), name: z.string(), course: ref }),
    person: PersonRef,
    attendance: AttendanceSummarySchema,
    lessons: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        required: z.boolean(),
        done: z.boolean(),
        activity: z.enum(["none", "not_submitted", "submitted", "accepted", "needs_revision"]),
        submission: z
          .object({
            id: z.string(),
            kind: z.enum(["text", "link"]),
            body: z.string(),
            status: z.enum(["submitted", "accepted", "needs_revision"]),
            feedback: z.string().nullable(),
            submittedAt: z.string(),
            reviewedAt: z.string().nullable(),
          })
          .nullable()
          .openapi({
            description: "The latest submission of the lesson's activity, with the trainer's feedback.",
          }),
      }),
    ),
    assessments: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(["quiz", "practical"]),
        required: z.boolean(),
        passMarkPct: z.number(),
        scorePct: z.number().nullable(),
        passed: z.boolean().nullable(),
        attempts: z.array(
          z.object({
            number: z.number(),
            scorePct: z.number().nullable(),
            passed: z.boolean().nullable(),
            status: z.string(),
            submittedAt: z.string().nullable(),
          }),
        ),
        maxAttempts: z.number().nullable(),
        practical: z
          .object({
            levels: z.record(z.string(), z.string()),
            comments: z.record(z.string(), z.string()),
            overallComment: z.string(),
            gradedBy: PersonRef,
            gradedAt: z.string(),
          })
          .nullable(),
      }),
    ),
    completion: CompletionSchema,
    certificateId: z.string().nullable(),
  })
  .openapi("Gradebook");

// Certificates

export const CertificateSchema = z
  .object({
    id: z.string(),
    course: ref,
    cohortId: z.string(),
    person: PersonRef,
    issuedAt: z.string(),
    expiresAt: z.string().nullable(),
    status: z.enum(["valid", "expired", "revoked"]),
    credentialUrl: z.string(),
    verifyUrl: z.string(),
  })
  .openapi("Certificate");

export const CredentialParam = z.object({ id: idParam("id") });
export const CredentialSchema = z.record(z.string(), z.unknown()).openapi("VerifiableCredential", {
  description: "An Open Badges 3.0 OpenBadgeCredential (W3C VC, JSON-LD).",
});
const check = z.object({ ok: z.boolean(), message: z.string() });
export const VerificationSchema = z
  .object({
    verified: z.boolean(),
    checks: z.object({ signature: check, issuer: check, expiry: check, revocation: check }),
    credential: z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      recipient: z.string().nullable(),
      issuer: z.string().nullable(),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
      competencies: z.array(z.string()),
    }),
  })
  .openapi("CredentialVerification");

// Mandatory training

export const AssignmentTargetSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("department"), departments: z.array(text(120)).min(1).max(50) }).strict(),
    z
      .object({
        kind: z.literal("seniority"),
        min: z.number().int().min(0).max(20),
        max: z.number().int().min(0).max(20),
      })
      .strict(),
    z.object({ kind: z.literal("people"), personIds: z.array(uuid).min(1).max(5000) }).strict(),
  ])
  .openapi("AssignmentTarget");
export const AssignmentCreate = z
  .object({
    courseId: uuid,
    target: AssignmentTargetSchema,
    dueAt: isoDateTime,
    note: z.string().trim().max(2000).default(""),
  })
  .strict()
  .openapi("AssignmentInput");
export const AssignmentStatusSchema = z
  .enum(["completed", "due", "overdue", "recertification_due"])
  .openapi("AssignmentStatus");
const statusCounts = z.object({
  completed: z.number(),
  due: z.number(),
  overdue: z.number(),
  recertification_due: z.number(),
});
export const AssignmentSchema = z
  .object({
    id: z.string(),
    course: ref,
    target: AssignmentTargetSchema,
    dueAt: z.string(),
    note: z.string(),
    createdAt: z.string(),
    createdBy: PersonRef,
    assigneeCount: z.number(),
    counts: statusCounts,
  })
  .openapi("Assignment");
export const AssignmentListSchema = z
  .object({ ...pageSchema(AssignmentSchema).shape, total: z.number().int() })
  .openapi("AssignmentList");
const AssigneeRow = z.object({
  person: PersonRef,
  department: z.string().nullable(),
  status: AssignmentStatusSchema,
  dueAt: z.string(),
  certificateExpiresAt: z.string().nullable(),
});
export const AssignmentDetailSchema = AssignmentSchema.openapi("AssignmentDetail");
export const AssigneeQuery = z
  .object({
    q: SearchText("Matched, ignoring case, in the assignee's name and department."),
    status: AssignmentStatusSchema.optional(),
  })
  .extend(PageQuery.shape);
export const AssigneePageSchema = z
  .object({
    ...pageSchema(AssigneeRow).shape,
    total: z.number().int().openapi({ description: "How many assignees match, across every page." }),
  })
  .openapi("AssigneePage");
export const OverdueListSchema = z
  .object({
    ...pageSchema(AssigneeRow.extend({ assignmentId: z.string(), course: ref })).shape,
    total: z.number().int().openapi({ description: "How many are overdue, across every page." }),
    assignments: z.number().int().openapi({ description: "How many assignments they are overdue on." }),
  })
  .openapi("OverdueList");
export const ReminderRunSchema = z
  .object({ sent: z.number(), byKind: z.record(z.string(), z.number()) })
  .openapi("ReminderRun");

// The trainee's and the trainer's own pages

export const MyTrainingSchema = z
  .object({
    cohorts: z.array(
      CohortSummarySchema.extend({
        enrolment: MyEnrolmentSchema,
        progressPct: z.number(),
        attendancePct: z.number().nullable(),
        completed: z.boolean(),
      }),
    ),
    teachingCount: z.number().int().openapi({
      description: "How many cohorts the caller teaches; they page through GET /api/training/teaching.",
    }),
    pendingReviews: z.number().int().openapi({ description: "Submissions waiting for the caller's review." }),
    nextSession: z.union([TrainingSessionSchema.extend({ cohortName: z.string() }), z.null()]),
    certificates: z.array(CertificateSchema),
    assignments: z.array(
      z.object({
        assignmentId: z.string(),
        course: ref,
        dueAt: z.string(),
        status: AssignmentStatusSchema,
        note: z.string(),
        openCohorts: z
          .array(z.object({ id: z.string(), name: z.string(), startDate: z.string(), seatsLeft: z.number() }))
          .openapi({ description: "The course's five soonest open cohorts that have not ended." }),
      }),
    ),
  })
  .openapi("MyTraining");

export const TeachingPageSchema = z
  .object({
    ...pageSchema(CohortSummarySchema.extend({ pendingReviews: z.number() })).shape,
    total: z.number().int(),
  })
  .openapi("TeachingPage");

export const TrainingDashboardSchema = z
  .object({
    program: z.object({ id: z.string(), name: z.string() }),
    cohorts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        course: ref,
        startDate: z.string(),
        endDate: z.string(),
        enrolled: z.number(),
        waitlisted: z.number(),
        completed: z.number(),
        completionRatePct: z.number().nullable(),
        averageScorePct: z.number().nullable(),
        attendanceRatePct: z.number().nullable(),
        overdueAssignments: z.number(),
      }),
    ),
    totals: z.object({
      enrolled: z.number(),
      completed: z.number(),
      completionRatePct: z.number().nullable(),
      averageScorePct: z.number().nullable(),
      attendanceRatePct: z.number().nullable(),
      overdueAssignments: z.number(),
    }),
  })
  .openapi("TrainingDashboard");
