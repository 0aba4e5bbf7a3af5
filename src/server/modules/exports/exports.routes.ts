import { actorOf, router, secureRoute, z } from "../../lib/http.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import * as service from "./exports.service.ts";

const tags = ["Exports"];
const csvFile = (description: string) => ({
  description: `${description}. UTF-8 with a byte order mark; a cell starting with = + - @, a tab or a carriage return is prefixed with an apostrophe so that no spreadsheet runs it as a formula.`,
  content: { "text/csv": { schema: z.string() } },
});
const programStaff = {
  who: MANAGES_PROGRAMS,
  scope: "organization",
  object:
    "Org admins export every program; program managers the programs they own (another owner's program or cohort answers 403). No confidential content.",
} as const;

const Filter = z.object({
  programId: z.string().uuid().optional().openapi({ description: "Only this program" }),
  cohortId: z.string().uuid().optional().openapi({ description: "Only this training cohort" }),
});

export const exportRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/exports/people.csv",
      tags,
      summary:
        "Everyone in the organization, in the columns the people import reads (plus status and created_at)",
      access: { who: ["org_admin"], scope: "organization" },
      responses: { 200: csvFile("The people") },
    }),
    (c) => service.csvResponse(service.peopleExport(c.get("deps").db, actorOf(c))),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/exports/enrolments.csv",
      tags,
      summary: "Program participation and training cohort enrolments (intake answers are left out)",
      access: programStaff,
      request: { query: Filter },
      responses: { 200: csvFile("The enrolments") },
    }),
    async (c) =>
      service.csvResponse(await service.enrolmentsExport(c.get("deps").db, actorOf(c), c.req.valid("query"))),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/exports/attendance.csv",
      tags,
      summary: "Training attendance: one row per trainee and session",
      access: programStaff,
      request: { query: Filter },
      responses: { 200: csvFile("The attendance") },
    }),
    async (c) =>
      service.csvResponse(await service.attendanceExport(c.get("deps").db, actorOf(c), c.req.valid("query"))),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/exports/grades.csv",
      tags,
      summary:
        "Training results: per trainee, cohort and assessment the quiz attempts and best score or the practical grade, and the final status",
      access: programStaff,
      request: { query: Filter },
      responses: { 200: csvFile("The grades") },
    }),
    async (c) =>
      service.csvResponse(await service.gradesExport(c.get("deps").db, actorOf(c), c.req.valid("query"))),
  );
