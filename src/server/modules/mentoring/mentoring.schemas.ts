import { DECLINE_REASONS } from "../../../domain/mentoring/lifecycle.ts";
import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema, SearchText } from "../../lib/pagination.ts";
import { PersonRef, SkillSchema } from "../people/people.schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().openapi({ example: "2026-12-01" });

export const MentoringFormatSchema = z
  .enum(["one_to_one", "group", "peer", "reverse", "flash"])
  .openapi("MentoringFormat");
export const MatchModeSchema = z.enum(["self", "admin", "bulk"]);

export const WeightsSchema = z
  .object({
    skills: z.number().min(0).max(10),
    interests: z.number().min(0).max(10),
    seniority: z.number().min(0).max(10),
    language: z.number().min(0).max(10),
    timeZone: z.number().min(0).max(10),
    ranking: z.number().min(0).max(10),
    departmentDiversity: z.number().min(0).max(10),
  })
  .openapi("MatchWeights");

export const MentoringSettingsSchema = z
  .object({
    format: MentoringFormatSchema,
    matchModes: z.array(MatchModeSchema).min(1),
    mentorCapacity: z.number().int().min(1).max(10),
    maxOpenRequests: z.number().int().min(1).max(10),
    requestExpiryDays: z.number().int().min(1).max(60),
    defaultDurationMonths: z.number().int().min(1).max(36),
    allowBothRoles: z.boolean(),
    constraints: z.object({
      notInReportingLine: z.boolean(),
      mentorMoreSenior: z.boolean(),
      sharedLanguage: z.boolean(),
      maxTimeZoneGapHours: z.number().int().min(0).max(12).nullable(),
    }),
    checkinIntervalMonths: z.number().int().min(1).max(12),
    weights: WeightsSchema,
    idealSeniorityGap: z.object({
      min: z.number().int().min(-5).max(10),
      max: z.number().int().min(-5).max(10),
    }),
    mentorsPerMentee: z.number().int().min(1).max(5),
    minimumScore: z.number().min(0).max(1),
  })
  .openapi("MentoringSettings");

export const MentoringSettingsPatch = MentoringSettingsSchema.partial()
  .extend({
    weights: WeightsSchema.partial().optional(),
    constraints: MentoringSettingsSchema.shape.constraints.partial().optional(),
  })
  .strict()
  .openapi("MentoringSettingsPatch");

export const ParticipationSchema = z
  .object({
    roles: z.array(z.enum(["mentor", "mentee"])),
    skillsWanted: z.array(SkillSchema),
    ranking: z.array(z.string()).openapi({ description: "Mentor ids you ranked, best first" }),
    avoid: z.array(z.string()).openapi({ description: "Mentor ids you asked not to be matched with" }),
    capacity: z.number().nullable(),
    programCapacity: z.number(),
    activeMentees: z.number().openapi({ description: "Your proposed and active mentees in this program" }),
  })
  .openapi("MentoringParticipation");

export const ParticipationPatch = z
  .object({
    skillsWanted: z.array(SkillSchema).max(20),
    ranking: z.array(z.uuid()).max(10),
    avoid: z.array(z.uuid()).max(20),
    capacity: z.number().int().min(1).max(10).nullable(),
  })
  .partial()
  .strict()
  .openapi("MentoringParticipationPatch");

export const CriterionSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  weight: z.number(),
  explanation: z.string(),
});

export const ExclusionSchema = z.object({ code: z.string(), reason: z.string() });

export const RecommendationSchema = z
  .object({
    mentor: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      location: z.string().nullable(),
      skills: z.array(SkillSchema),
    }),
    score: z.number(),
    criteria: z.array(CriterionSchema),
    excluded: z.array(ExclusionSchema),
    capacity: z.number(),
    activeMentees: z.number(),
    full: z.boolean(),
    bestFit: z.boolean().openapi({
      description:
        "Your fair first choice: mentors are spread so that none is shown first to more mentees than they have seats",
    }),
    myRequest: z.object({ id: z.string(), status: z.string() }).nullable(),
  })
  .openapi("MentorRecommendation");

export const RecommendationListSchema = z
  .object({
    items: z.array(RecommendationSchema).openapi({
      description: "The best-fitting mentors, at most 20: the fair first choice, then by room and score",
    }),
    eligible: z.number().openapi({ description: "How many mentors of the program fit the program's rules" }),
    openRequests: z.number(),
    maxOpenRequests: z.number(),
  })
  .openapi("MentorRecommendations");

export const RequestCreate = z
  .object({ mentorId: z.string().uuid(), message: text(2000) })
  .strict()
  .openapi("MentoringRequestCreate");

export const DeclineBody = z
  .object({
    reason: z.enum(
      Object.keys(DECLINE_REASONS) as [keyof typeof DECLINE_REASONS, ...(keyof typeof DECLINE_REASONS)[]],
    ),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict()
  .openapi("MentoringDecline");

export const RequestSchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    mentee: PersonRef,
    mentor: PersonRef,
    message: z.string(),
    status: z.enum(["open", "accepted", "declined", "withdrawn", "expired"]),
    reason: z.string().nullable(),
    reasonLabel: z.string().nullable(),
    comment: z.string().nullable(),
    expiresAt: z.string(),
    respondedAt: z.string().nullable(),
    createdAt: z.string(),
    relationshipId: z.string().nullable(),
  })
  .openapi("MentoringRequest");

export const RequestListQuery = PageQuery.extend({
  box: z.enum(["sent", "received"]).openapi({
    description: "sent: the requests you sent as mentee; received: the ones mentees sent you",
  }),
});

export const RequestListSchema = z
  .object({
    ...pageSchema(RequestSchema).shape,
    open: z.number().openapi({ description: "Open requests in this box, on every page" }),
  })
  .openapi("MentoringRequests");

export const AdminMatchBody = z
  .object({
    mentorId: z.string().uuid(),
    menteeId: z.string().uuid(),
    overrideReason: z.string().trim().min(10).max(1000).optional(),
  })
  .strict()
  .openapi("AdminMatch");

export const RelationshipSchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    mentor: PersonRef,
    mentee: PersonRef,
    mySide: z.enum(["mentor", "mentee"]),
    status: z.enum(["proposed", "active", "completed", "ended_early"]),
    origin: z.enum(["self", "admin", "bulk"]),
    startDate: z.string().nullable(),
    plannedEndDate: z.string().nullable(),
    endedAt: z.string().nullable(),
    lastMeetingAt: z.string().nullable(),
    agreement: z
      .object({
        goals: z.string(),
        cadence: z.string(),
        channel: z.string(),
        confidentiality: z.string(),
        durationMonths: z.number(),
        mentorSignedAt: z.string().nullable(),
        menteeSignedAt: z.string().nullable(),
        updatedAt: z.string(),
      })
      .nullable(),
    checkin: z.object({ duePeriod: z.number(), mine: z.boolean(), intervalMonths: z.number() }),
    myClosure: z.object({ endedEarlyReason: z.string().nullable(), reflectionWritten: z.boolean() }),
    reflections: z.array(z.object({ author: PersonRef, text: z.string(), rating: z.number().nullable() })),
    createdAt: z.string(),
  })
  .openapi("MentoringRelationship");

export const RelationshipSummarySchema = RelationshipSchema.pick({
  id: true,
  program: true,
  mentor: true,
  mentee: true,
  mySide: true,
  status: true,
  startDate: true,
  plannedEndDate: true,
  lastMeetingAt: true,
}).openapi("MentoringRelationshipSummary");

export const RelationshipListQuery = PageQuery.extend({
  state: z
    .enum(["open", "closed"])
    .optional()
    .openapi({ description: "open: proposed or active; closed: completed or ended early" }),
  programId: z.uuid().optional(),
});

export const RelationshipListSchema =
  pageSchema(RelationshipSummarySchema).openapi("MentoringRelationshipList");

export const AgreementBody = z
  .object({
    goals: text(4000),
    cadence: text(200),
    channel: text(200),
    confidentiality: text(2000),
    durationMonths: z.number().int().min(1).max(36),
  })
  .strict()
  .openapi("MentoringAgreementBody");

export const ExtendBody = z
  .object({ months: z.number().int().min(1).max(24) })
  .strict()
  .openapi("MentoringExtend");

export const EndEarlyBody = z
  .object({ reason: text(2000) })
  .strict()
  .openapi("MentoringEndEarly");

export const ReflectionBody = z
  .object({ text: text(4000), rating: z.number().int().min(1).max(5) })
  .strict()
  .openapi("MentoringReflection");

export const MeetingBody = z
  .object({
    metOn: isoDate,
    durationMinutes: z.number().int().min(5).max(600),
    topics: z.array(text(100)).max(20).default([]),
    notes: z.string().trim().max(10_000).default(""),
  })
  .strict()
  .openapi("MentoringMeetingBody");

export const MeetingSchema = z
  .object({
    id: z.string(),
    author: PersonRef,
    metOn: z.string(),
    durationMinutes: z.number(),
    topics: z.array(z.string()),
    notes: z.string(),
    createdAt: z.string(),
  })
  .openapi("MentoringMeeting");

export const MeetingListSchema = pageSchema(MeetingSchema).openapi("MentoringMeetings");

export const JournalBody = z
  .object({ text: text(20_000) })
  .strict()
  .openapi("MentoringJournalBody");

export const JournalEntrySchema = z
  .object({ id: z.string(), author: PersonRef, text: z.string(), createdAt: z.string() })
  .openapi("MentoringJournalEntry");

export const JournalListSchema = pageSchema(JournalEntrySchema).openapi("MentoringJournal");

export const GoalCategorySchema = z.enum(["career", "skill", "network", "holistic"]);
export const GoalStatusSchema = z.enum(["not_started", "in_progress", "achieved", "dropped"]);

export const GoalBody = z
  .object({
    title: text(200),
    description: z.string().trim().max(4000).default(""),
    category: GoalCategorySchema,
    targetDate: isoDate.nullable().default(null),
    milestones: z
      .array(z.object({ title: text(200), dueDate: isoDate.nullable().default(null) }))
      .max(20)
      .default([]),
  })
  .strict()
  .openapi("MentoringGoalBody");

export const GoalPatch = z
  .object({
    title: text(200),
    description: z.string().trim().max(4000),
    status: GoalStatusSchema,
    targetDate: isoDate.nullable(),
  })
  .partial()
  .strict()
  .openapi("MentoringGoalPatch");

export const MilestoneBody = z
  .object({ title: text(200), dueDate: isoDate.nullable().default(null) })
  .strict()
  .openapi("MentoringMilestoneBody");

export const MilestonePatch = z.object({ done: z.boolean() }).strict().openapi("MentoringMilestonePatch");

export const CommentBody = z
  .object({ body: text(2000) })
  .strict()
  .openapi("MentoringCommentBody");

export const GoalSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    category: GoalCategorySchema,
    status: GoalStatusSchema,
    targetDate: z.string().nullable(),
    progress: z.number().openapi({ description: "Share of milestones done, 0–1" }),
    milestones: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        dueDate: z.string().nullable(),
        doneAt: z.string().nullable(),
      }),
    ),
    comments: z.array(
      z.object({ id: z.string(), author: PersonRef, body: z.string(), createdAt: z.string() }),
    ),
    createdAt: z.string(),
  })
  .openapi("MentoringGoal");

export const GoalListSchema = z.object({ items: z.array(GoalSchema) }).openapi("MentoringGoals");

export const CheckinBody = z
  .object({
    satisfaction: z.number().int().min(1).max(5),
    learned: text(2000),
    wouldChange: z.string().trim().max(2000),
  })
  .strict()
  .openapi("MentoringCheckinBody");

export const CheckinSchema = z
  .object({
    id: z.string(),
    author: PersonRef,
    side: z.enum(["mentor", "mentee"]),
    period: z.number(),
    satisfaction: z.number(),
    learned: z.string(),
    wouldChange: z.string(),
    createdAt: z.string(),
  })
  .openapi("MentoringCheckin");

export const CheckinListSchema = pageSchema(CheckinSchema).openapi("MentoringCheckins");

export const IntroductionBody = z
  .object({ contactId: z.string().uuid(), note: text(2000) })
  .strict()
  .openapi("MentoringIntroductionBody");

export const IntroductionSchema = z
  .object({
    id: z.string(),
    relationshipId: z.string(),
    mentor: PersonRef,
    mentee: PersonRef,
    contact: PersonRef,
    note: z.string(),
    status: z.enum(["pending", "accepted", "declined"]),
    createdAt: z.string(),
    respondedAt: z.string().nullable(),
  })
  .openapi("MentoringIntroduction");

export const IntroductionListQuery = PageQuery.extend({
  role: z
    .enum(["mentor", "mentee", "contact"])
    .optional()
    .openapi({ description: "Only those where you are the mentor, the mentee or the contact" }),
  status: z
    .enum(["pending", "answered"])
    .optional()
    .openapi({ description: "pending: waiting for the contact; answered: accepted or declined" }),
  relationshipId: z.uuid().optional(),
});

export const IntroductionListSchema = pageSchema(IntroductionSchema).openapi("MentoringIntroductions");

export const OverviewSchema = z
  .object({
    counts: z.object({
      mentors: z.number(),
      mentees: z.number(),
      openRequests: z.number(),
      proposed: z.number(),
      active: z.number(),
      completed: z.number(),
      endedEarly: z.number(),
      quiet: z.number(),
    }),
    menteesWaiting: z.number().openapi({
      description: "Mentees with fewer open relationships than the program's mentors per mentee",
    }),
  })
  .openapi("MentoringOverview");

export const ParticipantQuery = PageQuery.extend({
  role: z.enum(["mentor", "mentee"]),
  q: SearchText("Part of the name"),
});

export const ParticipantSchema = z
  .object({
    person: PersonRef,
    role: z.enum(["mentor", "mentee"]),
    activeRelationships: z
      .number()
      .openapi({ description: "Proposed and active relationships in this role" }),
  })
  .openapi("MentoringParticipant");

export const ParticipantPageSchema = pageSchema(ParticipantSchema).openapi("MentoringParticipants");

export const ProgramRelationshipQuery = PageQuery.extend({
  status: z
    .enum(["proposed", "active", "completed", "ended_early", "quiet"])
    .optional()
    .openapi({ description: "quiet: active with no meeting in 6 weeks" }),
});

export const ProgramRelationshipSchema = z
  .object({
    id: z.string(),
    mentor: PersonRef,
    mentee: PersonRef,
    status: z.enum(["proposed", "active", "completed", "ended_early"]),
    startDate: z.string().nullable(),
    plannedEndDate: z.string().nullable(),
    lastMeetingAt: z.string().nullable(),
    quiet: z.boolean(),
  })
  .openapi("MentoringProgramRelationship");

export const ProgramRelationshipPageSchema = pageSchema(ProgramRelationshipSchema).openapi(
  "MentoringProgramRelationships",
);

export const OpenRequestSchema = z
  .object({
    id: z.string(),
    mentee: PersonRef,
    mentor: PersonRef,
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("MentoringOpenRequest");

export const OpenRequestPageSchema = pageSchema(OpenRequestSchema).openapi("MentoringOpenRequests");

export const RelationshipIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
export const GoalParams = RelationshipIdParam.extend({
  goalId: z
    .string()
    .uuid()
    .openapi({ param: { name: "goalId", in: "path" } }),
});
export const MilestoneParams = GoalParams.extend({
  milestoneId: z
    .string()
    .uuid()
    .openapi({ param: { name: "milestoneId", in: "path" } }),
});
