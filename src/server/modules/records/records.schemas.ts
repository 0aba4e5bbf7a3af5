import { OBJECTIVE_THEMES } from "../../../domain/coaching/metrics.ts";
import { z } from "../../lib/http.ts";
import { PersonRef } from "../people/people.schemas.ts";

const isoDate = z.string().openapi({ example: "2026-12-01", description: "A calendar date (YYYY-MM-DD)." });
const Ref = (name: string) =>
  z.object({ id: z.string(), name: z.string() }).openapi(name, { description: "An id and a display name." });

export const ProgramRefSchema = Ref("RecordProgramRef");
export const CourseRefSchema = z.object({ id: z.string(), title: z.string() }).openapi("RecordCourseRef");

export const RecordModeSchema = z.enum(["mentoring", "coaching", "training"]).openapi("RecordMode");

export const RecordViewerSchema = z.enum(["self", "manager", "admin"]).openapi("RecordViewer", {
  description:
    "Why the caller may read the record: it is theirs (`self`), they are above the person in the reporting line (`manager`), or they are an org admin (`admin`). When several apply, the one that sees most wins: self, then admin, then manager.",
});

export const RecordPersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    seniority: z.number().nullable().openapi({
      description: "Personal: null unless the viewer is the person, an org admin or a program manager.",
    }),
    manager: z.union([PersonRef, z.null()]),
    careerGoals: z.string().nullable().openapi({
      description: "Personal: null unless the viewer is the person, an org admin or a program manager.",
    }),
  })
  .openapi("RecordPerson");

// Goals

export const RecordMentoringGoalSchema = z
  .object({
    mode: z.literal("mentoring"),
    id: z.string(),
    relationshipId: z.string(),
    title: z.string(),
    category: z.enum(["career", "skill", "network", "holistic"]),
    status: z.enum(["not_started", "in_progress", "achieved", "dropped"]),
    targetDate: z.string().nullable(),
    milestonesDone: z.number().int(),
    milestonesTotal: z.number().int(),
  })
  .openapi("RecordMentoringGoal", {
    description:
      "A goal of a mentoring relationship where the person is the mentee. Only the person sees these.",
  });

export const RecordObjectiveSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    theme: z.enum(OBJECTIVE_THEMES),
    metricName: z.string(),
    metricUnit: z.string(),
    baseline: z.number(),
    target: z.number(),
    latest: z.number().nullable(),
    progressPct: z.number().int().min(0).max(100).openapi({
      description: "How far the latest value has moved from the baseline to the target, in percent.",
    }),
  })
  .openapi("RecordObjective");

export const RecordCoachingGoalSchema = RecordObjectiveSchema.extend({
  mode: z.literal("coaching"),
  engagementId: z.string(),
}).openapi("RecordCoachingGoal", {
  description:
    "An objective of a coaching engagement where the person is the coachee, shown when the coaching rules let the viewer see it.",
});

export const RecordTrainingGoalSchema = z
  .object({
    mode: z.literal("training"),
    title: z.string().openapi({ description: "The competency." }),
    course: CourseRefSchema,
    cohortId: z.string(),
    status: z.enum(["in_progress", "achieved"]),
  })
  .openapi("RecordTrainingGoal", {
    description: "A competency a course the person takes builds; achieved once they complete it.",
  });

export const RecordGoalSchema = z
  .discriminatedUnion("mode", [RecordMentoringGoalSchema, RecordCoachingGoalSchema, RecordTrainingGoalSchema])
  .openapi("RecordGoal");

// Mentoring

export const RecordRelationshipSchema = z
  .object({
    id: z.string(),
    role: z.enum(["mentor", "mentee"]).openapi({ description: "The person's side of the relationship." }),
    partner: PersonRef,
    program: ProgramRefSchema,
    status: z.enum(["proposed", "active", "completed", "ended_early"]),
    proposedAt: z.string(),
    startDate: z.string().nullable(),
    plannedEndDate: z.string().nullable(),
    endedAt: z.string().nullable(),
    meetings: z
      .union([
        z.object({ count: z.number().int(), lastMetOn: z.string().nullable() }).openapi("RecordMeetingFacts"),
        z.null(),
      ])
      .openapi({ description: "How often the pair met; null unless the viewer is the person." }),
  })
  .openapi("RecordRelationship");

// Coaching

export const RecordEngagementSchema = z
  .object({
    id: z.string(),
    coach: z.union([PersonRef, z.null()]),
    program: ProgramRefSchema,
    status: z.enum(["setup", "active", "completed", "cancelled"]),
    startDate: isoDate,
    endDate: isoDate,
    sessionsHeld: z.number().int(),
    sessionBudget: z.number().int(),
    objectives: z.union([z.array(RecordObjectiveSchema), z.null()]).openapi({
      description: "Null when the coaching rules keep the objectives from this viewer (see objectivesNote).",
    }),
    objectivesNote: z.string().nullable(),
  })
  .openapi("RecordEngagement");

// Training

export const RecordGradeSchema = z
  .object({
    assessmentId: z.string(),
    title: z.string(),
    kind: z.enum(["quiz", "practical"]),
    scorePct: z
      .number()
      .nullable()
      .openapi({ description: "A quiz's best score, or the practical's grade." }),
    passed: z.boolean().nullable(),
  })
  .openapi("RecordGrade");

export const RecordCertificateStatusSchema = z
  .enum(["valid", "expiring", "expired", "revoked"])
  .openapi("RecordCertificateStatus", { description: "`expiring`: valid, and expires within 60 days." });

export const RecordCertificateSchema = z
  .object({
    id: z.string(),
    course: CourseRefSchema,
    cohortId: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string().nullable(),
    status: RecordCertificateStatusSchema,
    verifyPath: z.string().openapi({ example: "/verify/0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10" }),
  })
  .openapi("RecordCertificate");

export const RecordCohortSchema = z
  .object({
    cohortId: z.string(),
    name: z.string(),
    course: CourseRefSchema,
    program: ProgramRefSchema,
    startDate: isoDate,
    endDate: isoDate,
    status: z.enum(["waitlisted", "offered", "in_progress", "completed"]),
    enrolledAt: z.string(),
    completedAt: z.string().nullable(),
    attendancePct: z.number().nullable(),
    progressPct: z.number().int().min(0).max(100),
    grades: z.array(RecordGradeSchema),
    certificateId: z.string().nullable(),
  })
  .openapi("RecordCohort");

export const RecordTrainingSchema = z
  .object({ cohorts: z.array(RecordCohortSchema), certificates: z.array(RecordCertificateSchema) })
  .openapi("RecordTraining");

// Actions

export const RecordActionSchema = z
  .object({
    mode: z.enum(["mentoring", "coaching"]),
    id: z.string(),
    text: z.string().openapi({ description: "A coaching action, or a mentoring milestone." }),
    context: z.string().openapi({ description: "Where it comes from: the coach, or the mentoring goal." }),
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
    link: z.string().openapi({ description: "The app path where the action is worked on." }),
  })
  .openapi("RecordAction");

export const RecordActionsSchema = z
  .object({
    items: z.array(RecordActionSchema).openapi({ description: "Empty unless the viewer is the person." }),
    open: z.number().int(),
    overdue: z.number().int(),
    countsOnly: z.boolean().openapi({
      description:
        "True for viewers other than the person: the counts are the open coaching actions, and the items are not shown.",
    }),
  })
  .openapi("RecordActions");

// Timeline

export const RecordEventKindSchema = z
  .enum([
    "relationship_proposed",
    "relationship_started",
    "relationship_ended",
    "goal_achieved",
    "engagement_started",
    "engagement_completed",
    "engagement_cancelled",
    "session_held",
    "action_done",
    "cohort_enrolled",
    "cohort_completed",
    "certificate_issued",
    "certificate_expires",
  ])
  .openapi("RecordEventKind");

export const RecordEventSchema = z
  .object({ date: isoDate, mode: RecordModeSchema, kind: RecordEventKindSchema, title: z.string() })
  .openapi("RecordEvent");

export const DevelopmentRecordSchema = z
  .object({
    person: RecordPersonSchema,
    viewer: RecordViewerSchema,
    hidden: z.array(z.string()).openapi({
      description: "What this viewer does not see, and why, one short sentence each.",
    }),
    goals: z.array(RecordGoalSchema),
    mentoring: z.array(RecordRelationshipSchema),
    coaching: z.array(RecordEngagementSchema),
    training: RecordTrainingSchema,
    actions: RecordActionsSchema,
    timeline: z.array(RecordEventSchema).openapi({ description: "Newest first." }),
  })
  .openapi("DevelopmentRecord");

export const DevelopmentRecordExportSchema = DevelopmentRecordSchema.extend({
  exportedAt: z.string(),
}).openapi("DevelopmentRecordExport");

export const PdfSchema = z.string().openapi({ type: "string", format: "binary" });

export type DevelopmentRecord = z.infer<typeof DevelopmentRecordSchema>;
export type RecordViewer = z.infer<typeof RecordViewerSchema>;
export type RecordGoal = z.infer<typeof RecordGoalSchema>;
export type RecordEvent = z.infer<typeof RecordEventSchema>;
export type RecordObjective = z.infer<typeof RecordObjectiveSchema>;
export type RecordCertificateStatus = z.infer<typeof RecordCertificateStatusSchema>;
export type RecordAction = z.infer<typeof RecordActionSchema>;
