import { actorOf, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { AuditPageSchema, AuditQuery } from "./audit.schemas.ts";
import { readAuditLog } from "./audit.service.ts";

export const auditRoutes = router().openapi(
  secureRoute({
    method: "get",
    path: "/api/audit",
    tags: ["Audit"],
    summary: "Read the organization's audit log, newest first",
    access: { who: ["org_admin"], scope: "organization" },
    request: { query: AuditQuery },
    responses: { 200: jsonOk(AuditPageSchema) },
  }),
  async (c) => c.json(await readAuditLog(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
);
