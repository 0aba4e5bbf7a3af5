import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "./programs.policy.ts";
import {
  EnrolmentCreate,
  EnrolmentListSchema,
  ProgramCreate,
  ProgramListSchema,
  ProgramPatch,
  ProgramSchema,
  ProgramsQuery,
  WithdrawQuery,
} from "./programs.schemas.ts";
import * as service from "./programs.service.ts";

const tags = ["Programs"];
const visibility = "Drafts are visible to program managers and org admins only; others get 404.";
const ownerOnly = "Only the program's owner or an org admin (others get 403).";

export const programRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs",
      tags,
      summary: "Programs, with your eligibility and enrolment for each",
      access: { who: "signed_in", scope: "organization", object: visibility },
      request: { query: ProgramsQuery },
      responses: { 200: jsonOk(ProgramListSchema) },
    }),
    async (c) => c.json(await service.list(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs",
      tags,
      summary: "Create a mentoring, coaching or training program",
      access: { who: MANAGES_PROGRAMS, scope: "organization" },
      request: { body: jsonBody(ProgramCreate) },
      responses: { 201: jsonOk(ProgramSchema, "Created") },
    }),
    async (c) =>
      c.json(await service.create(c.get("deps").db, actorOf(c), c.req.valid("json"), c.get("ip")), 201),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}",
      tags,
      summary: "A program",
      access: { who: "signed_in", scope: "organization", object: visibility },
      request: { params: IdParam },
      responses: { 200: jsonOk(ProgramSchema) },
    }),
    async (c) => c.json(await service.get(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/programs/{id}",
      tags,
      summary: "Edit a program",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, body: jsonBody(ProgramPatch) },
      responses: { 200: jsonOk(ProgramSchema) },
    }),
    async (c) =>
      c.json(
        await service.update(
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
      method: "post",
      path: "/api/programs/{id}/enrolments",
      tags,
      summary: "Enrol yourself by answering the intake questionnaire",
      access: {
        who: "signed_in",
        scope: "organization",
        object: "The program must be published, open for enrolment, and you must be eligible.",
      },
      request: { params: IdParam, body: jsonBody(EnrolmentCreate) },
      responses: { 201: jsonOk(ProgramSchema, "Enrolled") },
    }),
    async (c) =>
      c.json(
        await service.enrol(
          c.get("deps").db,
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
      method: "delete",
      path: "/api/programs/{id}/enrolments/me",
      tags,
      summary: "Withdraw your own enrolment",
      access: { who: "signed_in", scope: "self" },
      request: { params: IdParam, query: WithdrawQuery },
      responses: { 200: jsonOk(ProgramSchema) },
    }),
    async (c) =>
      c.json(
        await service.withdraw(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("query").role,
          c.get("ip"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/enrolments",
      tags,
      summary: "Who enrolled, with their intake answers, in the order they enrolled",
      access: { who: MANAGES_PROGRAMS, scope: "organization", object: ownerOnly },
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(EnrolmentListSchema) },
    }),
    async (c) =>
      c.json(
        await service.enrolments(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  );
