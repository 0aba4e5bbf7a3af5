import { isOneSentence, SPONSOR_SUMMARY_MAX } from "../../../domain/coaching/grow.ts";
import { MAX_CHEMISTRY_COACHES, MAX_OBJECTIVES } from "../../../domain/coaching/lifecycle.ts";
import { OBJECTIVE_THEMES } from "../../../domain/coaching/metrics.ts";
import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";
import { PersonRef } from "../people/people.schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().openapi({ example: "2026-12-01" });
const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T09:30:00Z" });
const uuid = z.string().uuid();
const label = z.string().trim().min(1).max(60);

export const CoachKindSchema = z.enum(["internal", "external"]).openapi("CoachKind");
export const EngagementStatusSchema = z
  .enum(["setup", "active", "completed", "cancelled"])
  .openapi("EngagementStatus");
export const ThemeSchema = z.enum(OBJECTIVE_THEMES).openapi("ObjectiveTheme");
export const PartySchema = z.enum(["coachee", "coach", "sponsor"]);
export const ViewerSchema = z
  .enum(["coach", "coachee", "sponsor", "manager"])
  .openapi({ description: "How the caller relates to the engagement; `manager` runs the program." });
export const PhaseSchema = z.enum(["pre", "post"]).openapi("AssessmentPhase");
export const AttendanceSchema = z.enum(["scheduled", "held", "no_show", "rescheduled"]).openapi("Attendance");
export const OutcomeSchema = z.enum(["done", "partly_done", "not_done"]).openapi("ActionOutcome");
export const VisibilitySchema = z.enum(["coach_private", "shared_with_coachee"]).openapi("NoteVisibility");

// Coach pool

export const CoachProfileBody = z
  .object({
    kind: CoachKindSchema,
    specialties: z.array(label).max(20),
    languages: z.array(label).min(1).max(10),
    capacity: z.number().int().min(1).max(30),
    bio: z.string().trim().max(2000).default(""),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi("CoachProfileInput");

export const CoachSchema = z
  .object({
    person: PersonRef,
    title: z.string().nullable(),
    department: z.string().nullable(),
    email: z.string(),
    kind: CoachKindSchema,
    specialties: z.array(z.string()),
    languages: z.array(z.string()),
    capacity: z.number(),
    openEngagements: z.number(),
    bio: z.string(),
    active: z.boolean(),
  })
  .openapi("Coach");
export const CoachListQuery = z
  .object({
    kind: CoachKindSchema.optional(),
    personId: uuid.optional().openapi({ description: "Only this person's coach profile, if they have one" }),
  })
  .extend(PageQuery.shape);

export const CoachListSchema = z
  .object({
    ...pageSchema(CoachSchema).shape,
    total: z.number().openapi({ description: "Coaches matching the filter" }),
    pool: z.object({ coaches: z.number(), taking: z.number(), spareSeats: z.number() }).openapi({
      description:
        "The whole pool: its coaches, those taking coachees, and the coachees those could still take",
    }),
  })
  .openapi("CoachList");

export const CoachPersonParam = z.object({
  personId: uuid.openapi({ param: { name: "personId", in: "path" } }),
});

export const ShortlistQuery = z.object({
  coacheeId: uuid,
  focus: z.string().max(500).optional().openapi({ description: "Comma-separated focus areas" }),
});

export const ShortlistSchema = z
  .object({
    items: z.array(
      z.object({
        coach: CoachSchema,
        score: z.number(),
        criteria: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            value: z.number(),
            weight: z.number(),
            explanation: z.string(),
          }),
        ),
        excluded: z.array(z.object({ code: z.string(), reason: z.string() })),
        full: z.boolean(),
      }),
    ),
    total: z.number().openapi({ description: "Active coaches ranked; `items` holds the best of them" }),
  })
  .openapi("CoachShortlist");

// Engagements

export const EngagementCreate = z
  .object({
    coacheeId: uuid,
    coachId: uuid.optional(),
    proposedCoachIds: z.array(uuid).min(2).max(MAX_CHEMISTRY_COACHES).optional(),
    sponsorId: uuid
      .optional()
      .openapi({ description: "Defaults to the caller when the caller is a sponsor." }),
    sessionBudget: z.number().int().min(1).max(50).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    focus: z.string().trim().max(500).default(""),
  })
  .strict()
  .refine((b) => (b.coachId === undefined) !== (b.proposedCoachIds === undefined), {
    message: "Give either coachId (assign directly) or proposedCoachIds (a chemistry call), not both.",
    path: ["coachId"],
  })
  .refine((b) => !b.proposedCoachIds || new Set(b.proposedCoachIds).size === b.proposedCoachIds.length, {
    message: "Propose each coach once.",
    path: ["proposedCoachIds"],
  })
  .refine((b) => !b.startDate || !b.endDate || b.endDate > b.startDate, {
    message: "The end date must be after the start date.",
    path: ["endDate"],
  })
  .openapi("EngagementCreate");

export const ChooseCoachBody = z.object({ coachId: uuid }).strict().openapi("ChooseCoach");
export const CancelBody = z
  .object({ reason: text(500) })
  .strict()
  .openapi("EngagementCancel");
export const AmendmentBody = z
  .object({
    addSessions: z.number().int().min(0).max(20),
    newEndDate: isoDate.optional(),
    reason: text(500),
  })
  .strict()
  .refine((b) => b.addSessions > 0 || b.newEndDate !== undefined, {
    message: "Add sessions, move the end date, or both.",
    path: ["addSessions"],
  })
  .openapi("EngagementAmendment");

const CoachCandidate = z.object({
  person: PersonRef,
  title: z.string().nullable(),
  kind: CoachKindSchema,
  specialties: z.array(z.string()),
  languages: z.array(z.string()),
  bio: z.string(),
});

export const BudgetSchema = z
  .object({ total: z.number(), used: z.number(), booked: z.number(), remaining: z.number() })
  .openapi("SessionBudget");

const EngagementBase = z.object({
  id: z.string(),
  program: z.object({ id: z.string(), name: z.string() }),
  coachee: PersonRef,
  coach: z.union([PersonRef, z.null()]),
  sponsor: PersonRef,
  viewer: ViewerSchema,
  status: EngagementStatusSchema,
  startDate: z.string(),
  endDate: z.string(),
  budget: BudgetSchema,
});

export const EngagementSchema = EngagementBase.extend({
  focus: z.string(),
  proposedCoaches: z.array(CoachCandidate),
  objectivesAgreedAt: z.string().nullable(),
  agreements: z.array(z.object({ party: PartySchema, person: PersonRef, agreedAt: z.string() })),
  myParties: z.array(PartySchema),
  nextSession: z.object({ id: z.string(), scheduledAt: z.string(), durationMinutes: z.number() }).nullable(),
  preAssessmentDone: z.boolean(),
  postAssessmentDone: z.boolean(),
  amendments: z.array(
    z.object({
      addedSessions: z.number(),
      previousEndDate: z.string(),
      newEndDate: z.string(),
      reason: z.string(),
      by: PersonRef,
      createdAt: z.string(),
    }),
  ),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Engagement");

export const EngagementListItem = EngagementBase.extend({
  nextSessionAt: z.string().nullable(),
  awaitingMe: z.array(z.string()).openapi({
    description: "What the engagement waits on the caller for, e.g. choose_coach, agree_objectives",
  }),
}).openapi("EngagementListItem");
export const EngagementListSchema = z
  .object({
    ...pageSchema(EngagementListItem).shape,
    total: z.number(),
    open: z.number().openapi({ description: "How many of the total are in setup or active" }),
  })
  .openapi("EngagementList");

export const EngagementListQuery = z
  .object({
    as: z.enum(["coach", "coachee", "sponsor"]).optional(),
    status: EngagementStatusSchema.optional(),
    programId: uuid.optional(),
    awaitingMe: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "Only engagements waiting on you for a next step (see awaitingMe)" }),
  })
  .extend(PageQuery.shape);

// Objectives and metrics

export const ObjectiveInput = z
  .object({
    title: text(200),
    theme: ThemeSchema,
    metricName: text(120),
    metricUnit: text(40).openapi({ example: "score 1–10" }),
    baseline: z.number().finite().min(-1e9).max(1e9),
    target: z.number().finite().min(-1e9).max(1e9),
  })
  .strict()
  .refine((o) => o.baseline !== o.target, {
    message: "The target must differ from the baseline, or there is nothing to measure.",
    path: ["target"],
  });

export const ObjectivesBody = z
  .object({ objectives: z.array(ObjectiveInput).min(1).max(MAX_OBJECTIVES) })
  .strict()
  .openapi("ObjectivesInput");

export const MetricPoint = z.object({
  id: z.string(),
  value: z.number(),
  recordedOn: z.string(),
  sessionId: z.string().nullable(),
});

export const ObjectiveSchema = z
  .object({
    id: z.string(),
    position: z.number(),
    title: z.string(),
    theme: ThemeSchema,
    metricName: z.string(),
    metricUnit: z.string(),
    baseline: z.number(),
    target: z.number(),
    latest: z.number().nullable(),
    progress: z.number().openapi({ description: "0 at the baseline, 1 at the target" }),
    history: z.array(MetricPoint).openapi({ description: "The latest 100 values, oldest first" }),
  })
  .openapi("Objective");
export const ObjectiveListSchema = z.object({ items: z.array(ObjectiveSchema) }).openapi("ObjectiveList");

export const ObjectiveParams = z.object({
  id: uuid.openapi({ param: { name: "id", in: "path" } }),
  objectiveId: uuid.openapi({ param: { name: "objectiveId", in: "path" } }),
});

export const MetricValueBody = z
  .object({
    value: z.number().finite().min(-1e9).max(1e9),
    recordedOn: isoDate.optional(),
  })
  .strict()
  .openapi("MetricValueInput");

// Sessions

export const SessionCreate = z
  .object({
    scheduledAt: isoDateTime,
    durationMinutes: z.number().int().min(15).max(240).default(60),
  })
  .strict()
  .openapi("SessionCreate");

const growNote = z.object({ text: z.string().trim().max(5000), visibility: VisibilitySchema }).strict();

const sponsorSummary = z
  .string()
  .trim()
  .max(SPONSOR_SUMMARY_MAX)
  .refine(isOneSentence, { message: "Keep the sponsor summary to one short sentence." });

export const SessionRecord = z
  .discriminatedUnion("attendance", [
    z
      .object({
        attendance: z.literal("held"),
        durationMinutes: z.number().int().min(5).max(480).optional(),
        goal: growNote,
        reality: growNote,
        options: growNote,
        will: growNote,
        privateNotes: z.string().trim().max(10000).default(""),
        sponsorSummary: sponsorSummary.default(""),
        reviews: z
          .array(
            z
              .object({
                actionId: uuid,
                outcome: OutcomeSchema,
                comment: z.string().trim().max(1000).default(""),
              })
              .strict(),
          )
          .max(50)
          .default([]),
        actions: z
          .array(
            z
              .object({
                text: text(500),
                ownerId: uuid.optional().openapi({ description: "Defaults to the coachee" }),
                dueDate: isoDate,
              })
              .strict(),
          )
          .max(20)
          .default([]),
        metricValues: z
          .array(z.object({ objectiveId: uuid, value: z.number().finite().min(-1e9).max(1e9) }).strict())
          .max(MAX_OBJECTIVES)
          .default([]),
      })
      .strict(),
    z.object({ attendance: z.literal("no_show"), sponsorSummary: sponsorSummary.default("") }).strict(),
    z.object({ attendance: z.literal("rescheduled"), newScheduledAt: isoDateTime }).strict(),
  ])
  .openapi("SessionRecord");

export const SessionParams = z.object({
  id: uuid.openapi({ param: { name: "id", in: "path" } }),
  sessionId: uuid.openapi({ param: { name: "sessionId", in: "path" } }),
});

const NoteOut = z.object({ text: z.string(), visibility: VisibilitySchema }).nullable();

export const SessionSchema = z
  .object({
    id: z.string(),
    number: z.number().nullable().openapi({ description: "Counts held and no-show sessions in order" }),
    scheduledAt: z.string(),
    durationMinutes: z.number(),
    attendance: AttendanceSchema,
    rescheduledTo: z.string().nullable(),
    goal: NoteOut,
    reality: NoteOut,
    options: NoteOut,
    will: NoteOut,
    privateNotes: z
      .string()
      .nullable()
      .openapi({ description: "The coach's eyes only; null for anyone else" }),
    sponsorSummary: z.string().nullable(),
    reviews: z.array(
      z.object({ actionId: z.string(), text: z.string(), outcome: OutcomeSchema, comment: z.string() }),
    ),
    actions: z.array(z.object({ id: z.string(), text: z.string(), dueDate: z.string(), owner: PersonRef })),
    recordedAt: z.string().nullable(),
  })
  .openapi("CoachingSession");
export const SessionListSchema = pageSchema(SessionSchema).openapi("CoachingSessionList");

// Actions

export const ActionSchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    text: z.string(),
    owner: PersonRef,
    dueDate: z.string(),
    status: z.enum(["open", "done"]),
    reviewOutcome: z.union([OutcomeSchema, z.null()]),
    reviewComment: z.string().nullable(),
    createdInSession: z.number().nullable(),
    coach: z.union([PersonRef, z.null()]),
  })
  .openapi("CoachingAction");
export const ActionListSchema = pageSchema(ActionSchema).openapi("CoachingActionList");

export const EngagementActionsQuery = z
  .object({
    review: z
      .enum(["pending", "reviewed"])
      .optional()
      .openapi({ description: "pending: not reviewed in a session yet; reviewed: closed by a review" }),
  })
  .extend(PageQuery.shape);

export const ActionParams = z.object({
  id: uuid.openapi({ param: { name: "id", in: "path" } }),
  actionId: uuid.openapi({ param: { name: "actionId", in: "path" } }),
});
export const ActionPatch = z
  .object({ status: z.enum(["open", "done"]) })
  .strict()
  .openapi("CoachingActionPatch");

export const MyActionsQuery = z
  .object({
    due: z.enum(["week", "all"]).default("all"),
  })
  .extend(PageQuery.shape);

// Assessments

export const PhaseParams = z.object({
  id: uuid.openapi({ param: { name: "id", in: "path" } }),
  phase: PhaseSchema.openapi({ param: { name: "phase", in: "path" } }),
});

export const RatingsBody = z
  .object({
    ratings: z
      .array(z.object({ objectiveId: uuid, rating: z.number().int().min(1).max(10) }).strict())
      .min(1)
      .max(MAX_OBJECTIVES),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi("AssessmentRatings");

export const StakeholderInvite = z
  .object({ personIds: z.array(uuid).min(1).max(10) })
  .strict()
  .openapi("StakeholderInvite");

const PhaseState = z.object({
  open: z.boolean(),
  self: z.record(z.string(), z.number()).nullable(),
  stakeholders: z.object({
    invited: z.number(),
    submitted: z.number(),
    anonymous: z.boolean(),
    raters: z.array(z.object({ person: PersonRef, submitted: z.boolean() })).openapi({
      description: "Empty when anonymous (three or more invited), so nobody can tell who rated what",
    }),
    average: z.record(z.string(), z.number()).nullable(),
  }),
});

export const AssessmentsSchema = z
  .object({
    objectives: z.array(z.object({ id: z.string(), title: z.string() })),
    pre: PhaseState,
    post: PhaseState,
  })
  .openapi("CoachingAssessments");

export const RatingRequestSchema = z
  .object({
    engagementId: z.string(),
    phase: PhaseSchema,
    coachee: PersonRef,
    objectives: z.array(z.object({ id: z.string(), title: z.string(), metricName: z.string() })),
    anonymous: z.boolean(),
    submittedAt: z.string().nullable(),
    invitedAt: z.string(),
  })
  .openapi("RatingRequest");
export const RatingRequestListSchema = pageSchema(RatingRequestSchema).openapi("RatingRequestList");

export const RatingRequestsQuery = z
  .object({
    answered: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "true: only those you answered; false: only those waiting for you" }),
  })
  .extend(PageQuery.shape);

// Summary, report and aggregates

const ActionStatsSchema = z.object({
  total: z.number(),
  reviewed: z.number(),
  done: z.number(),
  partlyDone: z.number(),
  notDone: z.number(),
  completionRate: z.number().nullable(),
});

export const SummarySchema = z
  .object({
    engagementId: z.string(),
    status: EngagementStatusSchema,
    coachee: PersonRef,
    coach: z.union([PersonRef, z.null()]),
    budget: BudgetSchema,
    attendance: z.object({
      held: z.number(),
      noShow: z.number(),
      rescheduled: z.number(),
      scheduled: z.number(),
    }),
    objectives: z.array(ObjectiveSchema),
    actions: ActionStatsSchema.extend({
      perSession: z.array(
        z.object({ session: z.number(), done: z.number(), partlyDone: z.number(), notDone: z.number() }),
      ),
    }),
    sponsorSummaries: z.array(
      z.object({ session: z.number(), date: z.string(), attendance: AttendanceSchema, summary: z.string() }),
    ),
  })
  .openapi("EngagementSummary");

export const ReportSchema = z
  .object({
    engagementId: z.string(),
    status: EngagementStatusSchema,
    final: z.boolean().openapi({ description: "true once the engagement is completed" }),
    coachee: PersonRef,
    coach: z.union([PersonRef, z.null()]),
    startDate: z.string(),
    endDate: z.string(),
    closedAt: z.string().nullable(),
    budget: BudgetSchema,
    actionCompletionRate: z.number().nullable(),
    objectives: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        metricName: z.string(),
        metricUnit: z.string(),
        baseline: z.number(),
        target: z.number(),
        final: z.number().nullable(),
        progress: z.number(),
        selfPre: z.number().nullable(),
        selfPost: z.number().nullable(),
        selfChange: z.number().nullable(),
        stakeholdersPre: z.number().nullable(),
        stakeholdersPost: z.number().nullable(),
        stakeholdersChange: z.number().nullable(),
      }),
    ),
  })
  .openapi("ClosingReport");

export const InsightsQuery = z.object({
  programId: uuid.optional(),
  department: z.string().max(100).optional(),
});

export const InsightsSchema = z
  .object({
    engagements: z.number(),
    minGroupSize: z.number(),
    suppressed: z.boolean(),
    averageProgressToTarget: z.number().nullable(),
    completionRate: z.number().nullable(),
    actionCompletionRate: z.number().nullable(),
    attendanceRate: z.number().nullable(),
    themes: z.array(z.object({ theme: z.string(), count: z.number() })),
  })
  .openapi("CoachingInsights");
