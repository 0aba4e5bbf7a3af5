import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute, z } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import {
  AdminMatchBody,
  DeclineBody,
  MentoringSettingsPatch,
  MentoringSettingsSchema,
  OpenRequestPageSchema,
  OverviewSchema,
  ParticipantPageSchema,
  ParticipantQuery,
  ParticipationPatch,
  ParticipationSchema,
  ProgramRelationshipPageSchema,
  ProgramRelationshipQuery,
  RecommendationListSchema,
  RequestCreate,
  RequestListQuery,
  RequestListSchema,
  RequestSchema,
} from "./mentoring.schemas.ts";
import * as service from "./mentoring.service.ts";

const tags = ["Mentoring"];
const ownerOnly = "Only the program's owner or an org admin (others get 403).";

export const mentoringRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/settings",
      tags,
      summary: "A mentoring program's format, match modes, capacities, constraints and weights",
      access: { who: "signed_in", scope: "organization" },
      request: { params: IdParam },
      responses: { 200: jsonOk(MentoringSettingsSchema) },
    }),
    async (c) =>
      c.json(await service.getSettings(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/programs/{id}/mentoring/settings",
      tags,
      summary: "Change a mentoring program's settings",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, body: jsonBody(MentoringSettingsPatch) },
      responses: { 200: jsonOk(MentoringSettingsSchema) },
    }),
    async (c) =>
      c.json(
        await service.updateSettings(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("ip"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/me",
      tags,
      summary: "Your participation: roles, skills you want to learn, your mentee capacity",
      access: { who: "signed_in", scope: "self" },
      request: { params: IdParam },
      responses: { 200: jsonOk(ParticipationSchema) },
    }),
    async (c) =>
      c.json(await service.getParticipation(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/programs/{id}/mentoring/me",
      tags,
      summary: "Set the skills you want to learn (mentee) or your capacity (mentor)",
      access: { who: "signed_in", scope: "self" },
      request: { params: IdParam, body: jsonBody(ParticipationPatch) },
      responses: { 200: jsonOk(ParticipationSchema) },
    }),
    async (c) =>
      c.json(
        await service.updateParticipation(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/recommendations",
      tags,
      summary:
        "The 20 best-fitting mentors by compatibility, with each criterion explained (mentees of the program)",
      access: { who: "signed_in", scope: "organization", object: "Enrolled mentees only (others get 403)." },
      request: { params: IdParam },
      responses: { 200: jsonOk(RecommendationListSchema) },
      cacheSeconds: 60,
    }),
    async (c) =>
      c.json(await service.recommendations(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs/{id}/mentoring/requests",
      tags,
      summary: "Ask a mentor to mentor you",
      access: { who: "signed_in", scope: "organization", object: "Enrolled mentees only (others get 403)." },
      request: { params: IdParam, body: jsonBody(RequestCreate) },
      responses: { 201: jsonOk(RequestSchema, "Sent") },
    }),
    async (c) =>
      c.json(
        await service.sendRequest(
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
      path: "/api/mentoring/requests",
      tags,
      summary: "Requests you sent (as mentee) or received (as mentor), open ones first, then newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: RequestListQuery },
      responses: { 200: jsonOk(RequestListSchema) },
    }),
    async (c) => {
      const { box, ...page } = c.req.valid("query");
      return c.json(await service.myRequests(c.get("deps").db, actorOf(c), box, page), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/mentoring/requests/{id}/accept",
      tags,
      summary: "Accept a request (the mentor); the mentee's other requests are withdrawn",
      access: { who: "signed_in", scope: "self", object: "The requested mentor only (others get 404)." },
      request: { params: IdParam },
      responses: { 200: jsonOk(RequestSchema) },
    }),
    async (c) =>
      c.json(
        await service.acceptRequest(c.get("deps"), actorOf(c), c.req.valid("param").id, c.get("ip")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/mentoring/requests/{id}/decline",
      tags,
      summary: "Decline a request with a reason (the mentor)",
      access: { who: "signed_in", scope: "self", object: "The requested mentor only (others get 404)." },
      request: { params: IdParam, body: jsonBody(DeclineBody) },
      responses: { 200: jsonOk(RequestSchema) },
    }),
    async (c) =>
      c.json(
        await service.declineRequest(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("ip"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/mentoring/requests/{id}/withdraw",
      tags,
      summary: "Withdraw your open request (the mentee)",
      access: { who: "signed_in", scope: "self", object: "The requesting mentee only (others get 404)." },
      request: { params: IdParam },
      responses: { 200: jsonOk(RequestSchema) },
    }),
    async (c) =>
      c.json(await service.withdrawRequest(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs/{id}/mentoring/matches",
      tags,
      summary: "Pair a mentor and a mentee directly; breaking a constraint needs a reason, which is audited",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, body: jsonBody(AdminMatchBody) },
      responses: { 201: jsonOk(z.object({ relationshipId: z.string() }), "Matched") },
    }),
    async (c) => {
      const relationshipId = await service.adminMatch(
        c.get("deps"),
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.get("ip"),
      );
      return c.json({ relationshipId }, 201);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/overview",
      tags,
      summary: "How many participants, open requests and relationships (by status and health) a program has",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam },
      responses: { 200: jsonOk(OverviewSchema) },
      cacheSeconds: 60,
    }),
    async (c) => c.json(await service.overview(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/mentoring/participants",
      tags,
      summary: "A program's mentors or mentees by name, with their open relationships",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, query: ParticipantQuery },
      responses: { 200: jsonOk(ParticipantPageSchema) },
    }),
    async (c) =>
      c.json(
        await service.programParticipants(
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
      path: "/api/programs/{id}/mentoring/relationships",
      tags,
      summary: "A program's relationships with their health, newest first; never confidential content",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, query: ProgramRelationshipQuery },
      responses: { 200: jsonOk(ProgramRelationshipPageSchema) },
    }),
    async (c) =>
      c.json(
        await service.programRelationships(
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
      path: "/api/programs/{id}/mentoring/requests",
      tags,
      summary: "A program's open requests, oldest first (the program team); never the message",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(OpenRequestPageSchema) },
    }),
    async (c) =>
      c.json(
        await service.programOpenRequests(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
        200,
      ),
  );
