import { actorOf, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { OrganizationPatch, OrganizationSchema, OrganizationStatsSchema } from "./organizations.schemas.ts";
import * as service from "./organizations.service.ts";

const tags = ["Organization"];

export const organizationRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/organization",
      tags,
      summary: "Your organization",
      access: { who: "signed_in", scope: "organization" },
      responses: { 200: jsonOk(OrganizationSchema) },
    }),
    async (c) => c.json(await service.getOrganization(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/organization",
      tags,
      summary: "Rename your organization",
      access: { who: ["org_admin"], scope: "organization" },
      request: { body: jsonBody(OrganizationPatch) },
      responses: { 200: jsonOk(OrganizationSchema) },
    }),
    async (c) =>
      c.json(await service.rename(c.get("deps").db, actorOf(c), c.req.valid("json").name, c.get("ip")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/organization/stats",
      tags,
      summary: "Aggregate head counts and program enrolment (no individual data)",
      access: { who: ["org_admin", "program_manager", "sponsor"], scope: "organization" },
      responses: { 200: jsonOk(OrganizationStatsSchema) },
    }),
    async (c) => c.json(await service.stats(c.get("deps").db, actorOf(c)), 200),
  );
