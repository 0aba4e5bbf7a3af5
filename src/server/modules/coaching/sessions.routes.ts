import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { engagementAccess } from "./coaching.policy.ts";
import {
  ActionListSchema,
  ActionParams,
  ActionPatch,
  AssessmentsSchema,
  EngagementActionsQuery,
  MyActionsQuery,
  PhaseParams,
  RatingRequestListSchema,
  RatingRequestsQuery,
  RatingsBody,
  ReportSchema,
  SessionCreate,
  SessionListSchema,
  SessionParams,
  SessionRecord,
  StakeholderInvite,
  SummarySchema,
} from "./coaching.schemas.ts";
import * as service from "./sessions.service.ts";

const tags = ["Coaching sessions"];
const base = "/api/coaching/engagements/{id}";
const involved = engagementAccess();
const content = engagementAccess(
  "Content is for the coach and the coachee alone: the sponsor and program staff get 403, and coach-private notes reach the coach only.",
);
const coachOnly = engagementAccess("Only the coach may act (others involved get 403).");
const coacheeOnly = engagementAccess("Only the coachee may act (others involved get 403).");

export const sessionRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/sessions`,
      tags,
      summary:
        "The session log in the order the sessions are booked for, with GROW records, action reviews and new actions",
      access: content,
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(SessionListSchema) },
    }),
    async (c) =>
      c.json(
        await service.sessions(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/sessions`,
      tags,
      summary:
        "Schedule a session (after the objectives are agreed, within the dates and the budget); answers with the first page of the log",
      access: coachOnly,
      request: { params: IdParam, body: jsonBody(SessionCreate) },
      responses: { 201: jsonOk(SessionListSchema, "Scheduled") },
    }),
    async (c) =>
      c.json(
        await service.scheduleSession(
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
      method: "post",
      path: `${base}/sessions/{sessionId}/record`,
      tags,
      summary:
        "Record a session's outcome: held (GROW, review of earlier actions, new actions, metric values), no-show, or rescheduled; answers with the first page of the log",
      access: coachOnly,
      request: { params: SessionParams, body: jsonBody(SessionRecord) },
      responses: { 200: jsonOk(SessionListSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.recordSession(c.get("deps"), actorOf(c), p.id, p.sessionId, c.req.valid("json")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/actions`,
      tags,
      summary: "The action items agreed in sessions, with their review, by due date",
      access: content,
      request: { params: IdParam, query: EngagementActionsQuery },
      responses: { 200: jsonOk(ActionListSchema) },
    }),
    async (c) =>
      c.json(
        await service.actions(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: `${base}/actions/{actionId}`,
      tags,
      summary:
        "Mark an action done (or open again) between sessions; answers with the first page of the actions",
      access: content,
      request: { params: ActionParams, body: jsonBody(ActionPatch) },
      responses: { 200: jsonOk(ActionListSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.updateAction(
          c.get("deps").db,
          actorOf(c),
          p.id,
          p.actionId,
          c.req.valid("json").status,
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/actions",
      tags,
      summary:
        "Your open coaching actions by due date; due=week keeps those due in the next seven days or overdue",
      access: { who: "signed_in", scope: "self" },
      request: { query: MyActionsQuery },
      responses: { 200: jsonOk(ActionListSchema) },
    }),
    async (c) => c.json(await service.myActions(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/assessments`,
      tags,
      summary: "Pre and post assessments: self-ratings and stakeholder ratings (anonymous from three raters)",
      access: content,
      request: { params: IdParam },
      responses: { 200: jsonOk(AssessmentsSchema) },
    }),
    async (c) =>
      c.json(await service.assessments(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: `${base}/assessments/{phase}/self`,
      tags,
      summary: "The coachee rates themselves on each objective (pre: before session 1; post: at the end)",
      access: coacheeOnly,
      request: { params: PhaseParams, body: jsonBody(RatingsBody) },
      responses: { 200: jsonOk(AssessmentsSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.submitSelf(c.get("deps").db, actorOf(c), p.id, p.phase, c.req.valid("json")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/assessments/{phase}/stakeholders`,
      tags,
      summary: "Ask colleagues to rate the coachee on each objective",
      access: content,
      request: { params: PhaseParams, body: jsonBody(StakeholderInvite) },
      responses: { 200: jsonOk(AssessmentsSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.inviteStakeholders(
          c.get("deps"),
          actorOf(c),
          p.id,
          p.phase,
          c.req.valid("json").personIds,
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "put",
      path: `${base}/assessments/{phase}/stakeholder`,
      tags,
      summary:
        "As an invited colleague, give your ratings; answers with the first page of your rating requests",
      access: {
        who: "signed_in",
        scope: "organization",
        object: "Only a colleague asked for ratings in this phase; anyone else gets 404.",
      },
      request: { params: PhaseParams, body: jsonBody(RatingsBody) },
      responses: { 200: jsonOk(RatingRequestListSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await service.submitStakeholder(c.get("deps").db, actorOf(c), p.id, p.phase, c.req.valid("json")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/rating-requests",
      tags,
      summary: "Colleagues who asked you for stakeholder ratings, newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: RatingRequestsQuery },
      responses: { 200: jsonOk(RatingRequestListSchema) },
    }),
    async (c) => {
      const { answered, ...page } = c.req.valid("query");
      return c.json(
        await service.ratingRequests(c.get("deps").db, actorOf(c), {
          ...page,
          ...(answered ? { answered: answered === "true" } : {}),
        }),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/summary`,
      tags,
      summary:
        "Attendance, sessions against budget, objective progress, action completion and the sponsor summaries; never session content",
      access: involved,
      request: { params: IdParam },
      responses: { 200: jsonOk(SummarySchema) },
    }),
    async (c) => c.json(await service.summary(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/report`,
      tags,
      summary: "The closing report: baseline → target → final per objective, and the change from pre to post",
      access: involved,
      request: { params: IdParam },
      responses: { 200: jsonOk(ReportSchema) },
    }),
    async (c) => c.json(await service.report(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/complete`,
      tags,
      summary: "Close the engagement once every session is recorded and the post-assessment is in",
      access: coachOnly,
      request: { params: IdParam },
      responses: { 200: jsonOk(ReportSchema) },
    }),
    async (c) => c.json(await service.complete(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  );
