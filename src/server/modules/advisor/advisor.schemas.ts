import { QUESTIONS } from "../../../domain/advisor/questions.ts";
import { z } from "../../lib/http.ts";
import { NextCursorSchema, PageQuery, pageSchema } from "../../lib/pagination.ts";
import { PersonRef } from "../people/people.schemas.ts";
import { ProgramKindSchema } from "../programs/programs.schemas.ts";

const answerShape = Object.fromEntries(
  QUESTIONS.map((q) => [q.id, z.enum(q.options.map((o) => o.value) as [string, ...string[]])]),
);

export const AdvisorAnswersSchema = z
  .object(answerShape)
  .strict()
  .openapi("AdvisorAnswers", {
    example: {
      horizon: "months",
      focus: "performance_goal",
      curriculum: "unsure",
      been_there: "no",
      measurable: "yes",
      transition: "challenging_project",
      identity: "no",
      mandatory: "no",
    },
  });

const ModeSchema = ProgramKindSchema;

export const AdvisorQuestionnaireSchema = z
  .object({
    questions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        onBehalf: z.string().openapi({ description: "The wording when a manager answers for a report." }),
        options: z.array(z.object({ value: z.string(), label: z.string() })),
      }),
    ),
    hasReports: z.boolean().openapi({
      description:
        "Whether anyone reports to the caller, who may then take the advisor for them; find them with `GET /api/people?reportsTo=me`.",
    }),
  })
  .openapi("AdvisorQuestionnaire", {
    description:
      "The course of the curriculum question is searched with `GET /api/training/courses?status=published&q=…`.",
  });

export const AdvisorResponseCreate = z
  .object({
    personId: z.string().uuid().optional().openapi({ description: "A report's id; yourself when left out." }),
    answers: AdvisorAnswersSchema,
    courseId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: "The course that teaches the skill, when the curriculum answer is 'exists'." }),
  })
  .strict()
  .openapi("AdvisorResponseCreate");

const CriterionSchema = z
  .object({
    id: z.string(),
    seed: z.string(),
    section: z.string(),
    quote: z.string(),
  })
  .openapi("AdvisorCriterion");

const ReasonSchema = z
  .object({
    ruleId: z.string(),
    mode: ModeSchema,
    text: z.string(),
    weight: z.number(),
    strength: z.enum(["strong", "moderate", "supporting"]),
    criterion: CriterionSchema,
  })
  .openapi("AdvisorReason");

const OptionSchema = z
  .object({
    modes: z.array(ModeSchema),
    score: z.number(),
    fitPct: z.number(),
    strength: z.enum(["strong", "moderate", "weak", "not_indicated"]),
    reasons: z.array(ReasonSchema),
    against: z.array(ReasonSchema),
    complement: z.array(CriterionSchema),
  })
  .openapi("AdvisorOption");

const ProgramLinkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ModeSchema,
    description: z.string(),
    enrolmentClosesAt: z.string(),
    role: z.enum(["mentee", "coachee", "trainee"]),
    enrolled: z.boolean(),
    hasQuestionnaire: z.boolean(),
    teachesCourse: z
      .boolean()
      .openapi({ description: "A training program with an open cohort of the course named in the answers." }),
  })
  .openapi("AdvisorProgramLink");

export const AdvisorResponseSchema = z
  .object({
    id: z.string(),
    person: PersonRef,
    takenBy: PersonRef,
    onBehalf: z.boolean(),
    answers: AdvisorAnswersSchema,
    course: z.union([z.object({ id: z.string(), title: z.string() }), z.null()]),
    options: z.array(OptionSchema).openapi({ description: "Ranked, best first." }),
    programs: z.array(ProgramLinkSchema).openapi({
      description:
        "Open programs of the recommended kinds that the person is eligible for: at most 10 of each kind, the best-ranked kind first, and within a kind a training program with an open cohort of the named course first, then by name.",
    }),
    programKinds: z
      .array(
        z.object({
          kind: ModeSchema,
          total: z
            .number()
            .int()
            .openapi({ description: "How many programs of the kind are open to the person." }),
          nextCursor: NextCursorSchema.openapi({
            description:
              "Pass as `cursor` to `GET /api/advisor/responses/{id}/programs?kind=…` for the ones after those in `programs`; null when they are all there.",
          }),
        }),
      )
      .openapi({ description: "Each indicated kind, best-ranked first, with its programs' total." }),
    createdAt: z.string(),
  })
  .openapi("AdvisorResponse");

export const AdvisorResponseSummarySchema = z
  .object({
    id: z.string(),
    person: PersonRef,
    takenBy: PersonRef,
    onBehalf: z.boolean(),
    top: z.array(ModeSchema),
    strength: z.enum(["strong", "moderate", "weak", "not_indicated"]),
    createdAt: z.string(),
  })
  .openapi("AdvisorResponseSummary");

export const AdvisorResponseListSchema = pageSchema(AdvisorResponseSummarySchema).openapi(
  "AdvisorResponseList",
);

export const AdvisorResponsesQuery = z
  .object({
    personId: z.string().uuid().optional().openapi({ description: "A report's id; yourself when left out." }),
  })
  .extend(PageQuery.shape);

export const AdvisorProgramListSchema = z
  .object({
    ...pageSchema(ProgramLinkSchema).shape,
    total: z.number().int().openapi({ description: "How many programs of the kind are open to the person." }),
  })
  .openapi("AdvisorProgramList");

export const AdvisorProgramsQuery = z
  .object({
    kind: ModeSchema.openapi({
      description: "The kind of program; none comes for a kind the advice does not indicate.",
    }),
  })
  .extend(PageQuery.shape);
