import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";
import { PersonRef } from "../people/people.schemas.ts";

export const ProgramKindSchema = z.enum(["mentoring", "coaching", "training"]).openapi("ProgramKind");
export const ProgramStatusSchema = z.enum(["draft", "published", "archived"]).openapi("ProgramStatus");

const questionId = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/, "Use 1–40 lowercase letters, digits, - or _.")
  .openapi({ example: "goals" });
const label = z.string().trim().min(1).max(300);

export const QuestionSchema = z
  .discriminatedUnion("type", [
    z.object({
      id: questionId,
      type: z.literal("short_text"),
      label,
      required: z.boolean().default(false),
      maxLength: z.number().int().min(1).max(2000).default(500),
    }),
    z.object({
      id: questionId,
      type: z.literal("choice"),
      label,
      required: z.boolean().default(false),
      options: z.array(z.string().trim().min(1).max(200)).min(2).max(20),
      multiple: z.boolean().default(false),
    }),
    z.object({
      id: questionId,
      type: z.literal("scale"),
      label,
      required: z.boolean().default(false),
      min: z.number().int().min(0).max(10).default(1),
      max: z.number().int().min(1).max(10).default(5),
      minLabel: z.string().trim().max(60).optional(),
      maxLabel: z.string().trim().max(60).optional(),
    }),
  ])
  .openapi("Question");

export const EligibilitySchema = z
  .object({
    departments: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    minSeniority: z.number().int().min(1).max(10).nullable().default(null),
    maxSeniority: z.number().int().min(1).max(10).nullable().default(null),
  })
  .refine((e) => e.minSeniority === null || e.maxSeniority === null || e.minSeniority <= e.maxSeniority, {
    message: "The lowest seniority must not be above the highest.",
    path: ["maxSeniority"],
  })
  .openapi("Eligibility");

const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T09:00:00.000Z" });

const programFields = {
  name: z.string().trim().min(3).max(120),
  description: z.string().trim().max(5000).default(""),
  status: z.enum(["draft", "published"]).default("draft"),
  enrolmentOpensAt: isoDateTime,
  enrolmentClosesAt: isoDateTime,
  eligibility: EligibilitySchema.default({ departments: [], minSeniority: null, maxSeniority: null }),
  questionnaire: z.array(QuestionSchema).max(30).default([]),
  leadershipTrack: z.boolean().default(false),
};

const windowInOrder = (p: {
  enrolmentOpensAt?: string | undefined;
  enrolmentClosesAt?: string | undefined;
}) =>
  !p.enrolmentOpensAt || !p.enrolmentClosesAt || new Date(p.enrolmentOpensAt) < new Date(p.enrolmentClosesAt);
const windowMessage = { message: "Enrolment must close after it opens.", path: ["enrolmentClosesAt"] };

export const ProgramCreate = z
  .object({ kind: ProgramKindSchema, ownerId: z.string().uuid().optional(), ...programFields })
  .strict()
  .refine(windowInOrder, windowMessage)
  .openapi("ProgramCreate");

export const ProgramPatch = z
  .object({
    name: programFields.name,
    description: z.string().trim().max(5000),
    status: ProgramStatusSchema,
    enrolmentOpensAt: isoDateTime,
    enrolmentClosesAt: isoDateTime,
    eligibility: EligibilitySchema,
    questionnaire: z.array(QuestionSchema).max(30),
    ownerId: z.string().uuid(),
    leadershipTrack: z.boolean(),
  })
  .partial()
  .strict()
  .refine(windowInOrder, windowMessage)
  .openapi("ProgramPatch");

export const ProgramSchema = z
  .object({
    id: z.string(),
    kind: ProgramKindSchema,
    name: z.string(),
    description: z.string(),
    status: ProgramStatusSchema,
    owner: PersonRef,
    enrolmentOpensAt: z.string(),
    enrolmentClosesAt: z.string(),
    enrolmentState: z.enum(["not_yet_open", "open", "closed"]),
    eligibility: z.object({
      departments: z.array(z.string()),
      minSeniority: z.number().nullable(),
      maxSeniority: z.number().nullable(),
    }),
    questionnaire: z.array(QuestionSchema),
    leadershipTrack: z.boolean().openapi({ description: "Its mentees appear in the succession view." }),
    enrolmentRoles: z.array(z.string()),
    enrolledCount: z.number(),
    me: z.object({
      eligible: z.boolean(),
      reasons: z.array(z.string()),
      enrolledAs: z.array(z.string()),
      canEdit: z.boolean(),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Program");

export const ProgramsQuery = z
  .object({
    kind: ProgramKindSchema.optional(),
    status: ProgramStatusSchema.optional(),
    eligibleOnly: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "Only programs open for enrolment now that you are eligible for." }),
    enrolledOnly: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "Only programs you are actively enrolled in." }),
  })
  .extend(PageQuery.shape);

export const ProgramListSchema = pageSchema(ProgramSchema).openapi("ProgramList");

const AnswerSchema = z.union([z.string().max(2000), z.array(z.string().max(200)).max(20), z.number()]);

export const EnrolmentCreate = z
  .object({
    role: z.string().min(1).max(20),
    answers: z.record(z.string().max(40), AnswerSchema).default({}),
  })
  .strict()
  .openapi("EnrolmentCreate");

export const EnrolmentSchema = z
  .object({
    id: z.string(),
    programId: z.string(),
    person: z.object({
      id: z.string(),
      name: z.string(),
      department: z.string().nullable(),
      title: z.string().nullable(),
    }),
    role: z.string(),
    status: z.enum(["active", "withdrawn"]),
    answers: z.record(z.string(), AnswerSchema),
    createdAt: z.string(),
  })
  .openapi("Enrolment");

export const EnrolmentListSchema = z
  .object({ ...pageSchema(EnrolmentSchema).shape, total: z.number() })
  .openapi("EnrolmentList");

export const WithdrawQuery = z.object({ role: z.string().min(1).max(20) });
