import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";

export const ActorFormatSchema = z.enum(["account", "mbox"]).openapi({
  description:
    "How statements name the learner: `account` (homePage = the public URL, name = the person id; no email leaves Trellis) or `mbox` (mailto: their email address, with their name).",
});

export const XapiConnectionSchema = z
  .object({
    configured: z.boolean(),
    endpoint: z.string().nullable(),
    authKey: z.string().nullable(),
    secretSet: z.boolean().openapi({ description: "Whether a secret is stored; it is never returned." }),
    enabled: z.boolean(),
    actorFormat: ActorFormatSchema,
    updatedAt: z.string().nullable(),
  })
  .openapi("XapiConnection");

export const XapiConnectionInput = z
  .object({
    endpoint: z
      .string()
      .trim()
      .max(2000)
      .pipe(z.url({ protocol: /^https?$/ }))
      .openapi({
        description: "The LRS's xAPI endpoint; statements go to `<endpoint>/statements`.",
        example: "https://lrs.example.com/xapi/",
      }),
    authKey: z.string().trim().min(1).max(500),
    authSecret: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: "Required the first time; leave out to keep the stored one." }),
    enabled: z.boolean(),
    actorFormat: ActorFormatSchema.default("account"),
  })
  .strict()
  .openapi("XapiConnectionInput");

export const XapiStatementStatusSchema = z.enum(["queued", "sent", "failed"]).openapi({
  description:
    "`queued`: waiting to be sent, or to be tried again after `lastError`; `sent`: stored by the LRS; `failed`: given up.",
});

export const XapiStatementLogSchema = z
  .object({
    id: z.string(),
    statementId: z.string().openapi({ description: "The xAPI statement id, the same on every retry." }),
    event: z.enum([
      "lesson_completed",
      "quiz_passed",
      "quiz_failed",
      "cohort_completed",
      "certificate_earned",
      "test",
    ]),
    verb: z.object({ id: z.string(), display: z.string() }),
    object: z.object({ id: z.string(), name: z.string() }),
    person: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: XapiStatementStatusSchema,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi("XapiStatementLogEntry");

export const XapiStatementListSchema = pageSchema(XapiStatementLogSchema).openapi("XapiStatementList");

export const XapiStatementsQuery = PageQuery;

export const XapiTestResultSchema = z
  .object({
    ok: z.boolean(),
    status: z.number().int().nullable().openapi({ description: "The LRS's HTTP status, if it answered." }),
    message: z.string(),
    statement: XapiStatementLogSchema,
  })
  .openapi("XapiTestResult");
