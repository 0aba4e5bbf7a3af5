import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import { ASSIGNS_COACHING, engagementAccess } from "./coaching.policy.ts";
import {
  AmendmentBody,
  CancelBody,
  ChooseCoachBody,
  CoachListQuery,
  CoachListSchema,
  CoachPersonParam,
  CoachProfileBody,
  CoachSchema,
  EngagementCreate,
  EngagementListQuery,
  EngagementListSchema,
  EngagementSchema,
  InsightsQuery,
  InsightsSchema,
  MetricValueBody,
  ObjectiveListSchema,
  ObjectiveParams,
  ObjectivesBody,
  ShortlistQuery,
  ShortlistSchema,
} from "./coaching.schemas.ts";
import * as service from "./coaching.service.ts";

const tags = ["Coaching"];
const base = "/api/coaching/engagements/{id}";
const involved = engagementAccess();
const parties = engagementAccess(
  "Only the coachee, the coach and the sponsor may act (program staff get 403).",
);
const runners = engagementAccess(
  "Only the sponsor and program staff may act (the coach and coachee get 403).",
);
const pair = engagementAccess(
  "Only the coach and the coachee may act (the sponsor and program staff get 403).",
);

export const coachingRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/coaches",
      tags,
      summary:
        "The coach pool by name: internal and external coaches, their specialties, languages, capacity and load",
      access: { who: ASSIGNS_COACHING, scope: "organization" },
      request: { query: CoachListQuery },
      responses: { 200: jsonOk(CoachListSchema) },
    }),
    async (c) => c.json(await service.listCoaches(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/coaching/coaches/{personId}",
      tags,
      summary: "Add a person to the coach pool, or change their coach profile",
      access: { who: MANAGES_PROGRAMS, scope: "organization" },
      request: { params: CoachPersonParam, body: jsonBody(CoachProfileBody) },
      responses: { 200: jsonOk(CoachSchema) },
    }),
    async (c) =>
      c.json(
        await service.saveCoach(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").personId,
          c.req.valid("json"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/coaching/shortlist",
      tags,
      summary:
        "The 20 coaches ranked best for a coachee by the matching scorer, with the reasons and any exclusion",
      access: { who: ASSIGNS_COACHING, scope: "organization" },
      request: { params: IdParam, query: ShortlistQuery },
      responses: { 200: jsonOk(ShortlistSchema) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await service.shortlist(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          q.coacheeId,
          q.focus ?? "",
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs/{id}/coaching/engagements",
      tags,
      summary:
        "Assign a coach to a coachee (coachId), or propose up to three for a chemistry call (proposedCoachIds)",
      access: { who: ASSIGNS_COACHING, scope: "organization" },
      request: { params: IdParam, body: jsonBody(EngagementCreate) },
      responses: { 201: jsonOk(EngagementSchema, "Assigned") },
    }),
    async (c) =>
      c.json(
        await service.createEngagement(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/coaching/engagements",
      tags,
      summary: "The engagements of a coaching program, newest first",
      access: { who: MANAGES_PROGRAMS, scope: "organization" },
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(EngagementListSchema) },
    }),
    async (c) =>
      c.json(
        await service.programEngagements(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/engagements",
      tags,
      summary: "Your engagements as coach, coachee or sponsor, newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: EngagementListQuery },
      responses: { 200: jsonOk(EngagementListSchema) },
    }),
    async (c) => {
      const { awaitingMe, ...filter } = c.req.valid("query");
      return c.json(
        await service.myEngagements(c.get("deps").db, actorOf(c), {
          ...filter,
          awaitingMe: awaitingMe === "true",
        }),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: base,
      tags,
      summary: "An engagement: people, dates, budget, agreement state and amendments",
      access: involved,
      request: { params: IdParam },
      responses: { 200: jsonOk(EngagementSchema) },
    }),
    async (c) =>
      c.json(await service.getEngagement(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/choose-coach`,
      tags,
      summary: "After the chemistry calls, the coachee chooses one of the proposed coaches",
      access: engagementAccess("Only the coachee may act."),
      request: { params: IdParam, body: jsonBody(ChooseCoachBody) },
      responses: { 200: jsonOk(EngagementSchema) },
    }),
    async (c) =>
      c.json(
        await service.chooseCoach(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").coachId,
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/amendments`,
      tags,
      summary: "Add sessions to the budget or move the end date, with a reason",
      access: runners,
      request: { params: IdParam, body: jsonBody(AmendmentBody) },
      responses: { 200: jsonOk(EngagementSchema) },
    }),
    async (c) =>
      c.json(
        await service.amend(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/cancel`,
      tags,
      summary: "Cancel the engagement",
      access: runners,
      request: { params: IdParam, body: jsonBody(CancelBody) },
      responses: { 200: jsonOk(EngagementSchema) },
    }),
    async (c) =>
      c.json(
        await service.cancel(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json").reason),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/objectives`,
      tags,
      summary: "The objectives, each with its metric, baseline, target and dated values",
      access: involved,
      request: { params: IdParam },
      responses: { 200: jsonOk(ObjectiveListSchema) },
    }),
    async (c) => c.json(await service.objectives(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: `${base}/objectives`,
      tags,
      summary: "Set the 1–5 objectives (before they are agreed); any change asks all three to agree again",
      access: parties,
      request: { params: IdParam, body: jsonBody(ObjectivesBody) },
      responses: { 200: jsonOk(ObjectiveListSchema) },
    }),
    async (c) =>
      c.json(
        await service.saveObjectives(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").objectives,
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/objectives/agree`,
      tags,
      summary: "Agree the objectives; once coachee, coach and sponsor agree, the engagement becomes active",
      access: parties,
      request: { params: IdParam },
      responses: { 200: jsonOk(EngagementSchema) },
    }),
    async (c) =>
      c.json(await service.agreeObjectives(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/objectives/{objectiveId}/values`,
      tags,
      summary: "Record a dated value of an objective's metric",
      access: pair,
      request: { params: ObjectiveParams, body: jsonBody(MetricValueBody) },
      responses: { 201: jsonOk(ObjectiveListSchema, "Recorded") },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.recordMetric(c.get("deps").db, actorOf(c), p.id, p.objectiveId, c.req.valid("json")),
        201,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/insights",
      tags,
      summary: "Aggregates across engagements; suppressed below five engagements",
      access: { who: ASSIGNS_COACHING, scope: "organization" },
      request: { query: InsightsQuery },
      responses: { 200: jsonOk(InsightsSchema) },
    }),
    async (c) => c.json(await service.insights(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  );
