import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { ScimTokenCreate, ScimTokenCreatedSchema, ScimTokenListSchema } from "./scim.schemas.ts";
import * as service from "./scim-tokens.service.ts";

const tags = ["SCIM provisioning"];

export const scimTokenRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/scim-tokens",
      tags,
      summary: "The organization's SCIM provisioning tokens (never their secrets) and the SCIM base URL",
      access: { who: ["org_admin"], scope: "organization" },
      responses: { 200: jsonOk(ScimTokenListSchema) },
    }),
    async (c) => {
      const deps = c.get("deps");
      return c.json(await service.list(deps.db, actorOf(c), deps.config.publicUrl), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/scim-tokens",
      tags,
      summary: "Create a SCIM provisioning token; its secret is in this answer only",
      access: { who: ["org_admin"], scope: "organization" },
      request: { body: jsonBody(ScimTokenCreate) },
      responses: { 201: jsonOk(ScimTokenCreatedSchema, "Created") },
    }),
    async (c) => {
      const created = await service.create(
        c.get("deps").db,
        actorOf(c),
        c.req.valid("json").name,
        c.get("ip"),
      );
      return c.json(created, 201);
    },
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/scim-tokens/{id}",
      tags,
      summary: "Revoke a SCIM provisioning token; requests with it are refused from now on",
      access: { who: ["org_admin"], scope: "organization" },
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      await service.revoke(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.get("ip"));
      return c.body(null, 204);
    },
  );
