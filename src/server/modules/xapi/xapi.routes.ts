import { actorOf, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import {
  XapiConnectionInput,
  XapiConnectionSchema,
  XapiStatementListSchema,
  XapiStatementsQuery,
  XapiTestResultSchema,
} from "./xapi.schemas.ts";
import * as service from "./xapi.service.ts";

const tags = ["Integrations"];
const access = { who: ["org_admin"], scope: "organization" } as const;

export const xapiRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/integrations/xapi",
      tags,
      summary: "The organization's learning record store (xAPI) connection; the secret is never returned",
      access,
      responses: { 200: jsonOk(XapiConnectionSchema) },
    }),
    async (c) => c.json(await service.getConnection(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/integrations/xapi",
      tags,
      summary: "Set the LRS endpoint, key and secret, how learners are named, and turn sending on or off",
      description:
        "The endpoint must be https and reach a public address, unless OUTBOUND_ALLOWED_HOSTS lists it (422 `outbound_url.*`).",
      access,
      request: { body: jsonBody(XapiConnectionInput) },
      responses: { 200: jsonOk(XapiConnectionSchema) },
    }),
    async (c) =>
      c.json(await service.saveConnection(c.get("deps"), actorOf(c), c.req.valid("json"), c.get("ip")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/integrations/xapi/test",
      tags,
      summary: "Send a test statement to the saved LRS now, and say how it went",
      description:
        "Asks the LRS's /about for its xAPI versions, then sends one statement. 200 whether or not the LRS took it (`ok`); 422 `xapi.not_configured` before the settings are saved.",
      access,
      responses: { 200: jsonOk(XapiTestResultSchema) },
    }),
    async (c) => c.json(await service.sendTestStatement(c.get("deps"), actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/integrations/xapi/statements",
      tags,
      summary: "The statement log: recent statements, newest first, with their delivery state",
      access,
      request: { query: XapiStatementsQuery },
      responses: { 200: jsonOk(XapiStatementListSchema) },
    }),
    async (c) =>
      c.json(await service.listStatements(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  );
