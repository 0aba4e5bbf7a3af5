import { z } from "../../lib/http.ts";
import { pageSchema } from "../../lib/pagination.ts";
import { CriterionSchema, ExclusionSchema } from "../mentoring/mentoring.schemas.ts";

const Ref = z.object({ id: z.string(), name: z.string() });
export const RunMode = z.enum(["optimal", "stable"]);

export const RunCreate = z
  .object({
    mode: RunMode.default("optimal").openapi({
      description:
        "optimal: the highest total score (exact). stable: mentee-proposing deferred acceptance, no blocking pairs.",
    }),
  })
  .strict()
  .openapi("MatchRunCreate");

export const RunSchema = z
  .object({
    id: z.string(),
    mode: RunMode,
    status: z.enum(["running", "draft", "published", "discarded", "failed"]),
    progress: z.number().openapi({ description: "0–1 while running" }),
    error: z.string().nullable(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    solveMs: z.number().nullable(),
    blockingPairs: z
      .number()
      .nullable()
      .openapi({ description: "Stable runs: pairs that would rather be together (always 0)" }),
    minimumScore: z.number(),
    total: z.number(),
    averageScore: z.number().nullable(),
    histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
    pairs: z.array(
      z.object({
        id: z.string(),
        mentee: Ref,
        mentor: Ref,
        score: z.number(),
        locked: z.boolean(),
        origin: z.enum(["solver", "manual"]),
      }),
    ),
    unmatched: z.array(
      z.object({
        mentee: Ref,
        reason: z.enum([
          "no_feasible_mentor",
          "below_minimum_score",
          "capacity_exhausted",
          "removed_by_hand",
        ]),
      }),
    ),
  })
  .openapi("MatchRun");

export const PublishedRunSchema = RunSchema.extend({ relationships: z.number() }).openapi(
  "PublishedMatchRun",
);

export const RunListSchema = pageSchema(
  z.object({
    id: z.string(),
    mode: RunMode,
    status: RunSchema.shape.status,
    progress: z.number(),
    total: z.number().nullable(),
    pairs: z.number(),
    createdAt: z.string(),
    createdBy: z.string(),
    publishedAt: z.string().nullable(),
  }),
).openapi("MatchRunList");

export const RunParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  runId: z.uuid().openapi({ param: { name: "runId", in: "path" } }),
});

export const PairParams = RunParams.extend({
  pairId: z.uuid().openapi({ param: { name: "pairId", in: "path" } }),
});

export const PairCreate = z
  .object({ menteeId: z.uuid(), mentorId: z.uuid() })
  .strict()
  .openapi("MatchRunPairCreate");

export const PairPatch = z.object({ locked: z.boolean() }).strict().openapi("MatchRunPairPatch");

export const SwapBody = z
  .object({ pairIds: z.tuple([z.uuid(), z.uuid()]) })
  .strict()
  .openapi("MatchRunSwap");

export const PairScoreQuery = z.object({ menteeId: z.uuid(), mentorId: z.uuid() });

export const PairBreakdownSchema = z
  .object({
    menteeId: z.string(),
    mentorId: z.string(),
    score: z.number(),
    criteria: z.array(CriterionSchema),
    excluded: z.array(ExclusionSchema),
    mentorFull: z.boolean(),
    belowMinimum: z.boolean(),
    minimumScore: z.number(),
  })
  .openapi("PairBreakdown");
