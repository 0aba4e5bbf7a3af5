import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import {
  PairBreakdownSchema,
  PairCreate,
  PairPageSchema,
  PairParams,
  PairPatch,
  PairQuery,
  PairScoreQuery,
  PublishedRunSchema,
  RunCreate,
  RunListSchema,
  RunParams,
  RunSchema,
  SwapBody,
  UnmatchedPageSchema,
} from "./matching.schemas.ts";
import * as service from "./matching.service.ts";

const tags = ["Matching"];
const access = {
  who: MANAGES_PROGRAMS,
  scope: "organization" as const,
  object: "Only the program's owner or an org admin (others get 403); a run of another program is 404.",
};
const runPath = "/api/programs/{id}/mentoring/match-runs/{runId}";

export const matchingRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/pair-score",
      tags,
      summary: "The compatibility breakdown of any mentee–mentor pair: each criterion, its weight and why",
      access,
      request: { params: IdParam, query: PairScoreQuery },
      responses: { 200: jsonOk(PairBreakdownSchema) },
    }),
    async (c) => {
      const { menteeId, mentorId } = c.req.valid("query");
      return c.json(
        await service.pairBreakdown(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          menteeId,
          mentorId,
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/match-runs",
      tags,
      summary: "Bulk match runs of a program, newest first",
      access,
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(RunListSchema) },
    }),
    async (c) =>
      c.json(
        await service.listRuns(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs/{id}/mentoring/match-runs",
      tags,
      summary:
        "Start a bulk match as a draft; a small program comes back solved, a large one keeps running with progress",
      access,
      request: { params: IdParam, body: jsonBody(RunCreate) },
      responses: { 201: jsonOk(RunSchema, "Started") },
    }),
    async (c) =>
      c.json(
        await service.startRun(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("ip"),
        ),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: runPath,
      tags,
      summary:
        "A match run: progress, total score, score distribution, and how many pairs and unmatched mentees it has",
      access,
      request: { params: RunParams },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.getRun(c.get("deps").db, actorOf(c), id, runId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${runPath}/pairs`,
      tags,
      summary:
        "A run's pairs by mentee, then mentor; search by either name, or ask for one mentee's or mentor's pairs",
      access,
      request: { params: RunParams, query: PairQuery },
      responses: { 200: jsonOk(PairPageSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(
        await service.pairPage(c.get("deps").db, actorOf(c), id, runId, c.req.valid("query")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${runPath}/unmatched`,
      tags,
      summary: "The mentees a run leaves without a mentor, by name, each with why",
      access,
      request: { params: RunParams, query: PageQuery },
      responses: { 200: jsonOk(UnmatchedPageSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(
        await service.unmatchedPage(c.get("deps").db, actorOf(c), id, runId, c.req.valid("query")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${runPath}/pairs`,
      tags,
      summary: "Add a pair to a draft by hand (it is locked, so a re-run keeps it)",
      access,
      request: { params: RunParams, body: jsonBody(PairCreate) },
      responses: { 201: jsonOk(RunSchema, "Added") },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.addPair(c.get("deps").db, actorOf(c), id, runId, c.req.valid("json")), 201);
    },
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: `${runPath}/pairs/{pairId}`,
      tags,
      summary: "Lock or unlock a pair of a draft; a re-run keeps locked pairs",
      access,
      request: { params: PairParams, body: jsonBody(PairPatch) },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId, pairId } = c.req.valid("param");
      return c.json(
        await service.setLocked(c.get("deps").db, actorOf(c), id, runId, pairId, c.req.valid("json").locked),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: `${runPath}/pairs/{pairId}`,
      tags,
      summary: "Remove a pair from a draft",
      access,
      request: { params: PairParams },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId, pairId } = c.req.valid("param");
      return c.json(await service.removePair(c.get("deps").db, actorOf(c), id, runId, pairId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${runPath}/swap`,
      tags,
      summary: "Swap the mentors of two pairs of a draft (both become locked)",
      access,
      request: { params: RunParams, body: jsonBody(SwapBody) },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.swap(c.get("deps").db, actorOf(c), id, runId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${runPath}/rerun`,
      tags,
      summary: "Solve a draft again, keeping its locked pairs",
      access,
      request: { params: RunParams },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.rerun(c.get("deps"), actorOf(c), id, runId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${runPath}/publish`,
      tags,
      summary: "Publish a draft: every pair becomes a proposed relationship and both people are told",
      access,
      request: { params: RunParams },
      responses: { 200: jsonOk(PublishedRunSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.publish(c.get("deps"), actorOf(c), id, runId, c.get("ip")), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${runPath}/discard`,
      tags,
      summary: "Discard a draft",
      access,
      request: { params: RunParams },
      responses: { 200: jsonOk(RunSchema) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await service.discard(c.get("deps").db, actorOf(c), id, runId), 200);
    },
  );
