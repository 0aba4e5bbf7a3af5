import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ZodType } from "zod";
import { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy } from "../../db/busy.ts";
import { type AccessRule, enforce, registerAccess } from "../../lib/access.ts";
import type { AppEnv, ScimClient } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import {
  DEFAULT_PAGE,
  errorMessage,
  fromScimmy,
  type Json,
  MAX_PAGE,
  PATCH_SCHEMA,
  resourceTypes,
  SCIM_CONTENT_TYPE,
  ScimError,
  schemaDefinitions,
  serviceProviderConfig,
} from "./scim.protocol.ts";
import { ScimListQuery, ScimPatchBody, ScimShapingQuery } from "./scim.schemas.ts";
import * as service from "./scim.service.ts";
import { authenticate, scimBaseUrl } from "./scim-tokens.service.ts";

const BASE = "/scim/v2";
const MAX_BODY_BYTES = 1024 * 1024;

const RULE: AccessRule = {
  who: "scim_token",
  scope: "organization",
  object:
    "The token's organization only: an id of another organization answers 404. Session cookies are ignored.",
};

function scimJson(c: Context<AppEnv>, status: 200 | 201, body: unknown, version?: string) {
  const headers: Record<string, string> = { "content-type": SCIM_CONTENT_TYPE };
  if (version) headers.ETag = version;
  return c.body(JSON.stringify(body), status, headers);
}

function toScimError(err: unknown): ScimError | null {
  if (err instanceof ScimError) return err;
  const scimmy = fromScimmy(err);
  if (scimmy) return scimmy;
  if (err instanceof AppError) {
    switch (err.status) {
      case 401:
        return new ScimError(401, null, err.message);
      case 403:
        return new ScimError(403, null, err.message);
      case 404:
        return new ScimError(404, null, err.message);
      case 409:
        return new ScimError(409, null, err.message);
      case 413:
        return new ScimError(413, null, err.message);
      case 429:
        return new ScimError(429, null, err.message);
      default:
        return new ScimError(400, "invalidValue", err.message);
    }
  }
  if (err instanceof Error && err.name === "BodyLimitError")
    return new ScimError(413, null, "The request body is larger than 1 MB.");
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500)
    return new ScimError(400, "invalidSyntax", err.message);
  return null;
}

function validated<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ScimError(
    400,
    "invalidValue",
    `${issue?.path.join(".") || "The request"}: ${issue?.message ?? "is invalid"}`,
  );
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object")
    return Object.entries(value).some(([k, v]) => k.includes("\u0000") || hasNul(v));
  return false;
}

async function jsonObject(c: Context<AppEnv>): Promise<Json> {
  const type = c.req.header("content-type");
  if (type && !/^application\/(scim\+)?json\b/i.test(type))
    throw new ScimError(415, null, "Send the body as application/scim+json.");
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (err) {
    if (err instanceof Error && err.name === "BodyLimitError") throw err;
    throw new ScimError(400, "invalidSyntax", "The request body is not JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new ScimError(400, "invalidSyntax", "The request body must be a JSON object.");
  if (hasNul(body)) throw new ScimError(400, "invalidValue", "The request contains a NUL character.");
  return body as Json;
}

function listParams(c: Context<AppEnv>): service.ListParams {
  const q = validated(ScimListQuery, c.req.query());
  return {
    filter: q.filter,
    attributes: q.attributes,
    excludedAttributes: q.excludedAttributes,
    startIndex: Math.max(1, q.startIndex ?? 1),
    count: Math.min(MAX_PAGE, Math.max(0, q.count ?? DEFAULT_PAGE)),
  };
}

const shaping = (c: Context<AppEnv>) => validated(ScimShapingQuery, c.req.query());

async function patchOps(c: Context<AppEnv>) {
  const raw = await jsonObject(c);
  const body = validated(ScimPatchBody, { ...raw, Operations: raw.Operations ?? raw.operations });
  if (body.schemas && !body.schemas.includes(PATCH_SCHEMA))
    throw new ScimError(400, "invalidValue", `A PATCH body names the schema ${PATCH_SCHEMA}.`);
  return body.Operations;
}

function request(c: Context<AppEnv>): service.ScimRequest {
  const client: ScimClient | null = c.get("scim");
  if (!client)
    throw new ScimError(401, null, "Send the provisioning token as Authorization: Bearer <token>.");
  const deps = c.get("deps");
  return { deps, client, baseUrl: scimBaseUrl(deps.config.publicUrl), ip: c.get("ip") };
}

function notModified(c: Context<AppEnv>, version: string) {
  const match = c.req.header("if-none-match");
  return match?.split(",").some((v) => v.trim() === version) ?? false;
}

const ifMatch = (c: Context<AppEnv>) => c.req.header("if-match");

const ROUTES = [
  ["GET", `${BASE}/ServiceProviderConfig`],
  ["GET", `${BASE}/ResourceTypes`],
  ["GET", `${BASE}/ResourceTypes/{id}`],
  ["GET", `${BASE}/Schemas`],
  ["GET", `${BASE}/Schemas/{id}`],
  ["GET", `${BASE}/Users`],
  ["POST", `${BASE}/Users`],
  ["GET", `${BASE}/Users/{id}`],
  ["PUT", `${BASE}/Users/{id}`],
  ["PATCH", `${BASE}/Users/{id}`],
  ["DELETE", `${BASE}/Users/{id}`],
  ["GET", `${BASE}/Groups`],
  ["POST", `${BASE}/Groups`],
  ["GET", `${BASE}/Groups/{id}`],
  ["PUT", `${BASE}/Groups/{id}`],
  ["PATCH", `${BASE}/Groups/{id}`],
  ["DELETE", `${BASE}/Groups/{id}`],
] as const;
for (const [method, path] of ROUTES) registerAccess(method, path, RULE);

const guard = enforce(RULE);

/**
 * SCIM 2.0 (RFC 7643, 7644) for identity providers such as Okta and Microsoft Entra ID, outside /api: its
 * caller is an organization's bearer token, never a session, and its answers are application/scim+json with
 * SCIM error bodies.
 */
export const scimRoutes = new Hono<AppEnv>();

scimRoutes.use(
  `${BASE}/*`,
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ScimError(413, null, "The request body is larger than 1 MB.");
    },
  }),
  async (c, next) => {
    c.header("Cache-Control", "no-store");
    c.set("scim", null);
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer[ \t]+(\S{1,400})[ \t]*$/i.exec(header);
    const client = match?.[1] ? await authenticate(c.get("deps").db, match[1]) : null;
    if (!client)
      throw new ScimError(
        401,
        null,
        match
          ? "The token is unknown or was revoked."
          : "Send the provisioning token as Authorization: Bearer <token>.",
      );
    c.set("scim", client);
    await next();
  },
);

scimRoutes
  .get(`${BASE}/ServiceProviderConfig`, guard, (c) =>
    scimJson(c, 200, serviceProviderConfig(request(c).baseUrl)),
  )
  .get(`${BASE}/ResourceTypes`, guard, (c) => {
    const types = resourceTypes(request(c).baseUrl);
    return scimJson(c, 200, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: types.length,
      startIndex: 1,
      itemsPerPage: types.length,
      Resources: types,
    });
  })
  .get(`${BASE}/ResourceTypes/:id`, guard, (c) => {
    const found = resourceTypes(request(c).baseUrl).find((t) => t.id === c.req.param("id"));
    if (!found) throw new ScimError(404, null, "No such resource type.");
    return scimJson(c, 200, found);
  })
  .get(`${BASE}/Schemas`, guard, (c) => {
    const schemas = schemaDefinitions(request(c).baseUrl);
    return scimJson(c, 200, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: schemas.length,
      startIndex: 1,
      itemsPerPage: schemas.length,
      Resources: schemas,
    });
  })
  .get(`${BASE}/Schemas/:id`, guard, (c) => {
    const found = schemaDefinitions(request(c).baseUrl).find((s) => s.id === c.req.param("id"));
    if (!found) throw new ScimError(404, null, "No such schema.");
    return scimJson(c, 200, found);
  })
  .get(`${BASE}/Users`, guard, async (c) =>
    scimJson(c, 200, await service.listUsers(request(c), listParams(c))),
  )
  .post(`${BASE}/Users`, guard, async (c) => {
    const created = await service.createUser(request(c), await jsonObject(c), shaping(c));
    c.header("Location", `${request(c).baseUrl}/Users/${created.id}`);
    return scimJson(c, 201, created.body, created.version);
  })
  .get(`${BASE}/Users/:id`, guard, async (c) => {
    const user = await service.getUser(request(c), c.req.param("id"), shaping(c));
    if (notModified(c, user.version)) return c.body(null, 304, { ETag: user.version });
    return scimJson(c, 200, user.body, user.version);
  })
  .put(`${BASE}/Users/:id`, guard, async (c) => {
    const r = request(c);
    const user = await service.replaceUser(r, c.req.param("id"), await jsonObject(c), ifMatch(c), shaping(c));
    return scimJson(c, 200, user.body, user.version);
  })
  .patch(`${BASE}/Users/:id`, guard, async (c) => {
    const r = request(c);
    const user = await service.patchUser(r, c.req.param("id"), await patchOps(c), ifMatch(c), shaping(c));
    return scimJson(c, 200, user.body, user.version);
  })
  .delete(`${BASE}/Users/:id`, guard, async (c) => {
    await service.deleteUser(request(c), c.req.param("id"), ifMatch(c));
    return c.body(null, 204);
  })
  .get(`${BASE}/Groups`, guard, async (c) =>
    scimJson(c, 200, await service.listGroups(request(c), listParams(c))),
  )
  .post(`${BASE}/Groups`, guard, async (c) => {
    const created = await service.createGroup(request(c), await jsonObject(c), shaping(c));
    c.header("Location", `${request(c).baseUrl}/Groups/${created.id}`);
    return scimJson(c, 201, created.body, created.version);
  })
  .get(`${BASE}/Groups/:id`, guard, async (c) => {
    const group = await service.getGroup(request(c), c.req.param("id"), shaping(c));
    if (notModified(c, group.version)) return c.body(null, 304, { ETag: group.version });
    return scimJson(c, 200, group.body, group.version);
  })
  .put(`${BASE}/Groups/:id`, guard, async (c) => {
    const r = request(c);
    const group = await service.replaceGroup(
      r,
      c.req.param("id"),
      await jsonObject(c),
      ifMatch(c),
      shaping(c),
    );
    return scimJson(c, 200, group.body, group.version);
  })
  .patch(`${BASE}/Groups/:id`, guard, async (c) => {
    const r = request(c);
    const group = await service.patchGroup(r, c.req.param("id"), await patchOps(c), ifMatch(c), shaping(c));
    return scimJson(c, 200, group.body, group.version);
  })
  .delete(`${BASE}/Groups/:id`, guard, async (c) => {
    await service.deleteGroup(request(c), c.req.param("id"), ifMatch(c));
    return c.body(null, 204);
  })
  .all(`${BASE}/*`, () => {
    throw new ScimError(404, null, "No such SCIM endpoint.");
  });

scimRoutes.onError((err, c) => {
  const scim = toScimError(err);
  if (scim) {
    if (scim.status === 401) c.header("WWW-Authenticate", 'Bearer realm="Trellis SCIM"');
    return c.body(JSON.stringify(errorMessage(scim.status, scim.scimType, scim.message)), scim.status, {
      "content-type": SCIM_CONTENT_TYPE,
    });
  }
  if (isDatabaseBusy(err)) {
    c.header("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
    return c.body(
      JSON.stringify(errorMessage(503, null, "The database is busy; try again in a moment.")),
      503,
      {
        "content-type": SCIM_CONTENT_TYPE,
      },
    );
  }
  console.error(`Unhandled error on ${c.req.method} ${c.req.path}:`, err);
  return c.body(
    JSON.stringify(errorMessage(500, null, "Something went wrong on our side. It has been logged.")),
    500,
    {
      "content-type": SCIM_CONTENT_TYPE,
    },
  );
});
