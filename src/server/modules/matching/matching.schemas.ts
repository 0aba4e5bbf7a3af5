import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema, SearchText } from "../../lib/pagination.ts";
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

const UnmatchedReason = z.enum([
  "no_feasible_mentor",
  "below_minimum_score",
  "capacity_exhausted",
  "removed_by_hand",
]);

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
    total: z.number().openapi({ description: "The sum of every pair's score." }),
    averageScore: z.number().nullable(),
    histogram: z
      .array(z.object({ from: z.number(), to: z.number(), count: z.number() }))
      .openapi({ description: "How many pairs score in each tenth of [0, 1]." }),
    pairs: z
      .number()
      .int()
      .openapi({ description: "How many pairs the run has; they page through `GET …/pairs`." }),
    lockedPairs: z.number().int().openapi({ description: "How many of the pairs are locked." }),
    unmatched: z.number().int().openapi({
      description: "How many mentees are left without a mentor; they page through `GET …/unmatched`.",
    }),
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

export const PairSchema = z
  .object({
    id: z.string(),
    mentee: Ref,
    mentor: Ref,
    score: z.number(),
    locked: z.boolean(),
    origin: z.enum(["solver", "manual"]),
  })
  .openapi("MatchRunPair");

export const PairQuery = z
  .object({
    q: SearchText("Matched, ignoring case, in the mentee's and the mentor's name."),
    menteeId: z.uuid().optional().openapi({ description: "Only this mentee's pairs." }),
    mentorId: z.uuid().optional().openapi({ description: "Only this mentor's pairs." }),
  })
  .extend(PageQuery.shape);

export const PairPageSchema = z
  .object({
    ...pageSchema(PairSchema).shape,
    total: z.number().int().openapi({ description: "How many pairs match, across every page." }),
  })
  .openapi("MatchRunPairPage");

export const UnmatchedPageSchema = z
  .object({
    ...pageSchema(z.object({ mentee: Ref, reason: UnmatchedReason }).openapi("MatchRunUnmatched")).shape,
    total: z.number().int().openapi({ description: "How many mentees are unmatched, across every page." }),
  })
  .openapi("MatchRunUnmatchedPage");

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
