import SCIMMY from "scimmy";

/**
 * What SCIMMY gives this module: the core User, Group and enterprise-extension schemas (their definitions for
 * /Schemas and /ResourceTypes, inbound validation, outbound `attributes`/`excludedAttributes` trimming), the
 * filter parser, PatchOp semantics and the error message shape. Storage, filtering in SQL, paging, ETags and
 * status codes stay here, because SCIMMY's resource handlers and ListResponse work on in-memory lists.
 */
SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false));
SCIMMY.Resources.declare(SCIMMY.Resources.Group);

export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";
export const USER_SCHEMA = SCIMMY.Schemas.User.id;
export const GROUP_SCHEMA = SCIMMY.Schemas.Group.id;
export const ENTERPRISE_SCHEMA = SCIMMY.Schemas.EnterpriseUser.id;
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = SCIMMY.Messages.PatchOp.id;
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
/** Most resources one list page holds, whatever `count` asks for (RFC 7644 §3.4.2.4 lets us cap it). */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 100;

export type ScimType =
  | "uniqueness"
  | "tooMany"
  | "invalidFilter"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export type Json = Record<string, unknown>;

/** An answer in the shape of RFC 7644 §3.12. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 429 | 500 | 501 | 503,
    readonly scimType: ScimType | null,
    detail: string,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export const errorMessage = (status: number, scimType: ScimType | null, detail: string) => ({
  schemas: [ERROR_SCHEMA],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** SCIMMY throws its own SCIMError for protocol problems and TypeError for values of the wrong shape. */
export function fromScimmy(err: unknown): ScimError | null {
  if (err instanceof SCIMMY.Types.Error) {
    const status = err.status === 404 ? 404 : err.status === 409 ? 409 : 400;
    return new ScimError(status, (err.scimType as ScimType | undefined) ?? "invalidValue", err.message);
  }
  if (err instanceof TypeError) return new ScimError(400, "invalidValue", err.message);
  return null;
}

function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw fromScimmy(err) ?? err;
  }
}

/** `attributes` or `excludedAttributes` as SCIMMY's attribute filter (the same translation its Resource does). */
export function attributeFilter(attributes: string | undefined, excluded: string | undefined) {
  const list = (attributes ?? excluded ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (list.length === 0) return undefined;
  if (list.some((a) => !/^[\w.:$-]+$/.test(a)))
    throw new ScimError(400, "invalidFilter", "attributes names SCIM attribute paths separated by commas.");
  const op = attributes ? "pr" : "np";
  return guarded(() => new SCIMMY.Types.Filter(list.map((a) => `${a} ${op}`).join(" and ")));
}

type AttributeFilter = ReturnType<typeof attributeFilter>;

/** A resource as sent: validated against its schema and trimmed to the requested attributes. */
export function outgoing(kind: "User" | "Group", resource: Json, basepath: string, attrs: AttributeFilter) {
  const Schema = kind === "User" ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  const shaped = guarded(() => asJson(new Schema(resource, "out", basepath, attrs)));
  return { schemas: resource.schemas, ...shaped };
}

/** A request body checked against the resource's schema; unknown attributes and read-only ones are dropped. */
export function incoming(kind: "User" | "Group", body: Json): Json {
  const schemas = Array.isArray(body.schemas) ? body.schemas.filter((s) => typeof s === "string") : [];
  const core = kind === "User" ? USER_SCHEMA : GROUP_SCHEMA;
  if (!schemas.includes(core)) schemas.push(core);
  if (kind === "User" && ENTERPRISE_SCHEMA in body && !schemas.includes(ENTERPRISE_SCHEMA))
    schemas.push(ENTERPRISE_SCHEMA);
  const Schema = kind === "User" ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  return guarded(() => asJson(new Schema({ ...normaliseUser(body), schemas }, "in")));
}

/** Entra sends booleans as "True"/"False" strings and the manager as a bare id; SCIMMY wants the schema's types. */
function normaliseUser(value: Json): Json {
  const out: Json = { ...value };
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase();
    if ((k === "active" || k.endsWith(".active")) && typeof v === "string") {
      if (/^(true|false)$/i.test(v)) out[key] = v.toLowerCase() === "true";
    }
    if (k === `${ENTERPRISE_SCHEMA.toLowerCase()}:manager` && typeof v === "string") out[key] = { value: v };
    if (k === ENTERPRISE_SCHEMA.toLowerCase() && v && typeof v === "object" && !Array.isArray(v)) {
      const ext = { ...(v as Json) };
      if (typeof ext.manager === "string") ext.manager = { value: ext.manager };
      out[key] = ext;
    }
  }
  return out;
}

export interface PatchOperation {
  op: string;
  path?: string | undefined;
  value?: unknown;
}

/** Applies a PatchOp to a resource as SCIMMY does, after smoothing over what Entra and Okta send. */
export async function applyPatch(kind: "User" | "Group", resource: Json, operations: PatchOperation[]) {
  const ops = operations.map((o) => {
    const op = o.op.toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove")
      throw new ScimError(400, "invalidValue", `Unknown PatchOp operation "${o.op}".`);
    let value = o.value;
    const path = o.path?.trim() || undefined;
    const lowerPath = path?.toLowerCase();
    if (
      kind === "User" &&
      typeof value === "string" &&
      /^(true|false)$/i.test(value) &&
      lowerPath === "active"
    )
      value = value.toLowerCase() === "true";
    if (lowerPath === `${ENTERPRISE_SCHEMA.toLowerCase()}:manager` && typeof value === "string")
      value = value ? { value } : undefined;
    if (
      lowerPath === `${ENTERPRISE_SCHEMA.toLowerCase()}:manager` &&
      Array.isArray(value) &&
      value.length === 1
    )
      value = value[0];
    if (!path && value && typeof value === "object" && !Array.isArray(value)) {
      // Okta repeats the read-only id (and sometimes schemas or meta) in a path-less replace.
      const writable: Json = { ...(value as Json) };
      for (const key of ["id", "meta", "schemas"]) delete writable[key];
      value = kind === "User" ? normaliseUser(writable) : writable;
    }
    if (lowerPath === `${ENTERPRISE_SCHEMA.toLowerCase()}:manager` && op !== "remove" && value === undefined)
      return { op: "remove" as const, path };
    return { op, ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) };
  });
  const Schema = kind === "User" ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  try {
    const message = new SCIMMY.Messages.PatchOp({
      schemas: [PATCH_SCHEMA],
      Operations: ops as SCIMMY.Messages.PatchOp.PatchOpOperation[],
    });
    const patched = await message.apply(new Schema(resource, "out"), async (instance) => asJson(instance));
    return asJson(patched ?? resource);
  } catch (err) {
    throw fromScimmy(err) ?? err;
  }
}

/** A filter in disjunctive normal form: OR of ANDs of `[operator, value]` comparisons, nested for sub-attributes. */
export type ParsedFilter = Json[];

export function parseFilter(expression: string): ParsedFilter {
  return guarded(() => asJson({ f: new SCIMMY.Types.Filter(expression) }).f as ParsedFilter);
}

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, "")}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description:
          "A provisioning token an org admin creates in Trellis (Admin → Integrations → SCIM provisioning).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string): Json[] {
  return [SCIMMY.Resources.User, SCIMMY.Resources.Group].map((R) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    ...asJson(R.describe()),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${R.describe().name}` },
  }));
}

export function schemaDefinitions(baseUrl: string): Json[] {
  return [SCIMMY.Schemas.User, SCIMMY.Schemas.EnterpriseUser, SCIMMY.Schemas.Group].map((S) => {
    const described = asJson(S.definition.describe(`${baseUrl}/Schemas`));
    return {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      ...described,
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${S.id}` },
    };
  });
}
