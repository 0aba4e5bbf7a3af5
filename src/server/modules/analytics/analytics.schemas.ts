import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema, SearchText } from "../../lib/pagination.ts";
import { ThemeSchema } from "../coaching/coaching.schemas.ts";
import { ProgramKindSchema } from "../programs/programs.schemas.ts";

export const FigureSchema = z
  .union([
    z.object({
      suppressed: z.literal(false),
      value: z.number().nullable().openapi({ description: "Null when there is nothing to compute yet." }),
      n: z.number().int().openapi({ description: "How many people the figure is about." }),
    }),
    z.object({ suppressed: z.literal(true), value: z.null(), n: z.null() }),
  ])
  .openapi("Figure", {
    description:
      "An aggregate and the number of people behind it. Below a group of 5 people (1–4) both are withheld " +
      "(`suppressed`); a part of a breakdown may be withheld too when it would give a withheld one away.",
  });

const NullableFigure = z.union([FigureSchema, z.null()]);

const BucketSchema = z.object({
  key: z.string().nullable().openapi({
    description:
      'The department or seniority level; null when not set. "Other departments" on the bucket that folds the smaller departments together.',
  }),
  figure: FigureSchema,
  others: z.number().int().optional().openapi({
    description:
      "On the last bucket of a breakdown by department with more than 20 departments: how many smaller departments it folds together. It is withheld when any of them is.",
  }),
});

export const DistributionSchema = z.array(BucketSchema).openapi("Distribution", {
  description:
    "By department: at most 20 buckets, the 19 largest departments by name and the rest as one (the CSV has every department). By seniority: every level.",
});

export const ParticipationSchema = z
  .object({
    enrolled: FigureSchema,
    waiting: FigureSchema,
    active: FigureSchema,
    completed: FigureSchema,
    dropped: FigureSchema,
  })
  .openapi("Participation", {
    description:
      "Participations in a development role (mentee, coachee, trainee); `n` counts distinct people. Waiting: " +
      "enrolled, not matched, assigned or seated yet. Active: matched or meeting (mentoring), engagement set " +
      "up or under way (coaching), in a cohort (training). Completed: relationship or engagement completed, " +
      "cohort completed or certified. Dropped: withdrew, ended early or cancelled.",
  });

export const TrendPointSchema = z
  .object({
    month: z.string().openapi({ example: "2026-01" }),
    newParticipants: FigureSchema,
    started: FigureSchema.openapi({
      description: "Mentees matched for the first time, engagements started, trainees whose cohort started.",
    }),
    completed: FigureSchema,
    satisfaction: NullableFigure.openapi({ description: "Mentoring: the mean check-in score (1–5)." }),
  })
  .openapi("TrendPoint");

const MentoringDetails = z.object({
  kind: z.literal("mentoring"),
  mentors: FigureSchema,
  activeRelationships: FigureSchema,
  timeToMatchDays: z.object({ median: FigureSchema, p90: FigureSchema }).openapi({
    description: "Days from a mentee's enrolment in the program to their first match there.",
  }),
  meetingsPerMonth: FigureSchema.openapi({
    description:
      "Meetings logged per active relationship per month, over the last 90 days (or since it started).",
  }),
  satisfaction: z.object({
    mean: FigureSchema,
    scores: z.array(z.object({ score: z.number().int(), figure: FigureSchema })),
  }),
});

const CoachingDetails = z.object({
  kind: z.literal("coaching"),
  objectiveProgress: FigureSchema.openapi({
    description: "Mean progress from baseline to target (0–1) across engagements.",
  }),
  progressByTheme: z.array(z.object({ theme: ThemeSchema, figure: FigureSchema })),
  sessionsHeldPerEngagement: FigureSchema,
  budgetUse: FigureSchema.openapi({ description: "Mean share (0–1) of the session budget held." }),
});

const TrainingDetails = z.object({
  kind: z.literal("training"),
  completionRate: FigureSchema.openapi({ description: "Completed (0–1) of the trainees who took a seat." }),
  certificationRate: FigureSchema.openapi({
    description: "Certified (0–1) of the trainees who took a seat.",
  }),
  attendanceRate: FigureSchema.openapi({
    description: "Present or late (0–1) of the sessions marked, excused left out.",
  }),
});

export const KindDetailsSchema = z
  .discriminatedUnion("kind", [MentoringDetails, CoachingDetails, TrainingDetails])
  .openapi("KindAnalyticsDetails");

const common = {
  participation: ParticipationSchema,
  departments: DistributionSchema,
  seniority: DistributionSchema,
  trends: z.array(TrendPointSchema).openapi({ description: "The last 12 months, oldest first." }),
  details: KindDetailsSchema,
};

export const KindAnalyticsSchema = z
  .object({ kind: ProgramKindSchema, programs: z.number().int(), ...common })
  .openapi("KindAnalytics");

export const ProgramAnalyticsSchema = z
  .object({
    program: z.object({
      id: z.string(),
      name: z.string(),
      kind: ProgramKindSchema,
      status: z.enum(["draft", "published", "archived"]),
      leadershipTrack: z.boolean(),
    }),
    generatedAt: z.string(),
    minGroupSize: z.number().int(),
    ...common,
  })
  .openapi("ProgramAnalytics");

export const OrganizationAnalyticsSchema = z
  .object({
    generatedAt: z.string(),
    computedAt: z.string().openapi({
      description:
        "When the figures were computed: a report is kept for a minute, so they may be that much older than the response.",
    }),
    minGroupSize: z.number().int(),
    participants: FigureSchema.openapi({ description: "Distinct people in a development role, all kinds." }),
    departments: DistributionSchema,
    seniority: DistributionSchema,
    kinds: z.array(KindAnalyticsSchema),
    programCount: z.number().int().openapi({
      description:
        "How many programs the figures cover; list them with `GET /api/analytics/organization/programs`.",
    }),
  })
  .openapi("OrganizationAnalytics");

const ProgramParticipantsSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ProgramKindSchema,
    status: z.enum(["draft", "published", "archived"]),
    participants: FigureSchema,
  })
  .openapi("ProgramParticipants");

export const OrganizationProgramListSchema = z
  .object({
    computedAt: z.string().openapi({ description: "When the figures were computed (kept for a minute)." }),
    ...pageSchema(ProgramParticipantsSchema).shape,
    total: z.number().int().openapi({ description: "How many programs match, across every page." }),
  })
  .openapi("OrganizationProgramList");

export const OrganizationProgramsQuery = z
  .object({ q: SearchText("Words in the program's name.") })
  .extend(PageQuery.shape);

const SuccessionRowSchema = z
  .object({
    id: z.string(),
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      seniority: z.number().nullable(),
    }),
    program: z.object({ id: z.string(), name: z.string() }),
    mentor: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(["waiting", "proposed", "active", "completed", "ended_early"]),
    startDate: z.string().nullable(),
    plannedEndDate: z.string().nullable(),
    monthsInRelationship: z.number().nullable(),
    plannedMonths: z.number().nullable(),
    meetingsLast90Days: z
      .number()
      .int()
      .openapi({ description: "How many meetings were logged: a count only." }),
    certificates: z.array(
      z.object({
        id: z.string(),
        course: z.string(),
        issuedAt: z.string(),
        expiresAt: z.string().nullable(),
      }),
    ),
    coaching: z.array(
      z.object({
        id: z.string(),
        program: z.string(),
        status: z.enum(["setup", "active", "completed", "cancelled"]),
        startDate: z.string(),
        endDate: z.string(),
        averageProgress: z.number().nullable(),
        objectives: z.array(
          z.object({ id: z.string(), title: z.string(), theme: z.string(), progress: z.number() }),
        ),
      }),
    ),
  })
  .openapi("SuccessionRow");

export const SuccessionSchema = z
  .object({
    generatedAt: z.string(),
    ...pageSchema(SuccessionRowSchema).shape,
    total: z.number().int().openapi({ description: "How many mentees match, across every page." }),
    programs: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .openapi({ description: "The leadership-track mentoring programs, to filter by." }),
  })
  .openapi("Succession");

export const SuccessionQuery = z
  .object({
    programId: z.string().uuid().optional(),
    sort: z.enum(["name", "seniority", "months", "meetings"]).default("name").openapi({
      description:
        "name: by name; seniority: highest first; months: longest in the relationship first; meetings: fewest in the last 90 days first.",
    }),
  })
  .extend(PageQuery.shape);

export const CsvResponse = {
  description: "A CSV file (RFC 4180): section, kind, metric, group, period, value, n",
  content: { "text/csv": { schema: z.string() } },
};
