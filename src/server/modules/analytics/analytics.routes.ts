import { actorOf, IdParam, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { SEES_ANALYTICS, SEES_SUCCESSION } from "./analytics.policy.ts";
import {
  CsvResponse,
  OrganizationAnalyticsSchema,
  OrganizationProgramListSchema,
  OrganizationProgramsQuery,
  ProgramAnalyticsSchema,
  SuccessionQuery,
  SuccessionSchema,
} from "./analytics.schemas.ts";
import * as service from "./analytics.service.ts";

const tags = ["Analytics"];
const aggregatesOnly =
  "Aggregates only, each withheld below a group of 5 people; computed from metadata, never from confidential content.";
const programVisibility = `${aggregatesOnly} Sponsors see published programs only; a draft, archived or foreign program answers 404.`;

const csv = (file: { filename: string; body: string }) =>
  new Response(file.body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });

export const analyticsRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/organization",
      tags,
      summary: "Program analytics across the organization, by kind",
      access: { who: SEES_ANALYTICS, scope: "organization", object: aggregatesOnly },
      cacheSeconds: 10,
      responses: { 200: jsonOk(OrganizationAnalyticsSchema) },
    }),
    async (c) => c.json(await service.organizationAnalytics(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/organization/programs",
      tags,
      summary: "The programs of the organization's analytics with their participants, by name, a page",
      access: {
        who: SEES_ANALYTICS,
        scope: "organization",
        object: `${aggregatesOnly} Sponsors see published programs only.`,
      },
      request: { query: OrganizationProgramsQuery },
      responses: { 200: jsonOk(OrganizationProgramListSchema) },
    }),
    async (c) =>
      c.json(await service.organizationPrograms(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/organization/export.csv",
      tags,
      summary: "Program analytics across the organization, as CSV",
      access: { who: SEES_ANALYTICS, scope: "organization", object: aggregatesOnly },
      responses: { 200: CsvResponse },
    }),
    async (c) => csv(await service.organizationCsv(c.get("deps").db, actorOf(c))),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/programs/{id}",
      tags,
      summary: "Analytics of one program: participation, its kind's measures, distribution and trends",
      access: { who: SEES_ANALYTICS, scope: "organization", object: programVisibility },
      request: { params: IdParam },
      responses: { 200: jsonOk(ProgramAnalyticsSchema) },
    }),
    async (c) =>
      c.json(await service.programAnalytics(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/programs/{id}/export.csv",
      tags,
      summary: "Analytics of one program, as CSV",
      access: { who: SEES_ANALYTICS, scope: "organization", object: programVisibility },
      request: { params: IdParam },
      responses: { 200: CsvResponse },
    }),
    async (c) => csv(await service.programCsv(c.get("deps").db, actorOf(c), c.req.valid("param").id)),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/analytics/succession",
      tags,
      summary: "Mentees of leadership-track mentoring programs, with their progress",
      description:
        "Names people, so it is for program managers and org admins. Shows relationship dates and status, a count of recent meetings, certificates and coaching objective progress; never a mentoring pair's goals, journal, meetings or closures.",
      access: { who: SEES_SUCCESSION, scope: "organization" },
      request: { query: SuccessionQuery },
      responses: { 200: jsonOk(SuccessionSchema) },
    }),
    async (c) => c.json(await service.succession(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  );
