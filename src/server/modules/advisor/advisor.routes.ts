import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import {
  AdvisorProgramListSchema,
  AdvisorProgramsQuery,
  AdvisorQuestionnaireSchema,
  AdvisorResponseCreate,
  AdvisorResponseListSchema,
  AdvisorResponseSchema,
  AdvisorResponsesQuery,
} from "./advisor.schemas.ts";
import * as service from "./advisor.service.ts";

const FOR_SELF_OR_REPORT =
  "The person themselves, or anyone above them in the reporting line; anyone else gets 404.";

const RESPONSE_VIEWERS =
  "The person it is for, whoever took it, or anyone above the person in the reporting line; anyone else gets 404.";

export const advisorRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/advisor/questionnaire",
      tags: ["Advisor"],
      summary: "The development advisor's questions and whether you may take it for someone else",
      access: { who: "signed_in", scope: "organization" },
      responses: { 200: jsonOk(AdvisorQuestionnaireSchema) },
    }),
    async (c) => c.json(await service.questionnaire(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/advisor/responses",
      tags: ["Advisor"],
      summary: "Answer the advisor for yourself or a report and get a ranked recommendation with programs",
      access: { who: "signed_in", scope: "organization", object: FOR_SELF_OR_REPORT },
      request: { body: jsonBody(AdvisorResponseCreate) },
      responses: { 201: jsonOk(AdvisorResponseSchema, "The recommendation") },
    }),
    async (c) =>
      c.json(await service.take(c.get("deps").db, actorOf(c), c.req.valid("json"), c.get("ip")), 201),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/advisor/responses",
      tags: ["Advisor"],
      summary: "Earlier advice for you or a report, newest first",
      access: { who: "signed_in", scope: "organization", object: FOR_SELF_OR_REPORT },
      request: { query: AdvisorResponsesQuery },
      responses: { 200: jsonOk(AdvisorResponseListSchema) },
    }),
    async (c) => c.json(await service.list(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/advisor/responses/{id}",
      tags: ["Advisor"],
      summary: "One piece of advice, with the programs open to the person now",
      access: {
        who: "signed_in",
        scope: "organization",
        object: RESPONSE_VIEWERS,
      },
      request: { params: IdParam },
      responses: { 200: jsonOk(AdvisorResponseSchema) },
    }),
    async (c) => c.json(await service.get(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/advisor/responses/{id}/programs",
      tags: ["Advisor"],
      summary: "The open programs of one kind that come with a piece of advice, a page",
      access: {
        who: "signed_in",
        scope: "organization",
        object: RESPONSE_VIEWERS,
      },
      request: { params: IdParam, query: AdvisorProgramsQuery },
      responses: { 200: jsonOk(AdvisorProgramListSchema) },
    }),
    async (c) =>
      c.json(
        await service.advisedPrograms(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
        200,
      ),
  );
