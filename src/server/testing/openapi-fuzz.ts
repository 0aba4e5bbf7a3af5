import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import type { App } from "../app.ts";

/**
 * Property-based requests generated from the OpenAPI document: for every operation, path ids (real
 * fixtures, random UUIDs, garbage), query strings and JSON bodies (valid, one defect away from valid,
 * or anything at all) are drawn from the declared JSON Schemas and sent as several actors. Every
 * answer is checked: below 500, no stack trace, a declared status, and a body valid against the schema
 * the document declares for that status.
 */

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

export interface Operation {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzActor {
  name: string;
  /** The actor's organization role; none for an anonymous caller. */
  role?: string;
  /** The admin of another organization: never the plausible caller of a route. */
  foreign?: boolean;
  /** Cookie header of a real session; none for an anonymous caller. */
  cookie?: string;
  /** How often this actor is picked relative to the others (default 1). */
  weight?: number;
}

export interface FuzzFixtures {
  actors: FuzzActor[];
  /** Real ids by the path segment before the parameter: `people` for `/api/people/{id}`. */
  ids: Record<string, string[]>;
  /** Ids that path parameters of destructive operations never take (the actors, the main objects). */
  protectedIds: string[];
  /** Real email addresses, used for some `format: email` strings. */
  emails: string[];
  origin: string;
}

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Called every `progressEvery` requests. */
  onProgress?: (sent: number) => void;
  progressEvery?: number;
}

export type FindingKind = "server_error" | "stack_trace" | "schema_violation";

export interface Finding {
  kind: FindingKind;
  operation: string;
  actor: string;
  request: string;
  status: number;
  detail: string;
}

export interface FuzzSummary {
  requests: number;
  routes: number;
  /** Operations that answered 2xx at least once: the happy path ran there. */
  routesReaching2xx: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  stackTraces: number;
  schemaViolations: number;
  durationMs: number;
  seed: number;
}

export interface FuzzReport {
  summary: FuzzSummary;
  findings: Finding[];
  /** Operations that never answered 2xx, with their statuses. */
  unreached: Record<string, Record<string, number>>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "patch", "delete"]);

/** Stack frames, source paths and dependency paths: none may reach a client. */
const STACK_TRACE = [
  /\bat .+\(.+:\d+:\d+\)/,
  /\bat (?:file:\/\/)?\/[^\s"']+:\d+:\d+/,
  /node_modules[\\/]/,
  /\w*Error: [^"]*\.(?:ts|js|mjs|cjs):\d+/,
];

export function hasStackTrace(text: string): boolean {
  return STACK_TRACE.some((pattern) => pattern.test(text));
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): { method: string; path: string; operation: Operation }[] {
  const out: { method: string; path: string; operation: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) out.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Values from schemas

const DAY_MS = 86_400_000;
const HUGE = "x".repeat(20_000);

/** Values of the wrong type for almost any field. */
const wrongType = fc.constantFrom<unknown>(null, 0, -1, 1.5, true, false, "", [], {}, [null], { a: 1 });

const trickyString = fc.constantFrom(
  "",
  " ",
  "\t\n",
  "🙂🙂🙂",
  "e\u0301",
  "\u202egnp.exe",
  "Ω≈ç√∫˜µ≤≥÷",
  "𝕿𝖗𝖊𝖑𝖑𝖎𝖘",
  "<script>alert(1)</script>",
  "'; drop table person; --",
  "../../etc/passwd",
  "%00%ff",
  "\\u0000",
  "\ud800",
  "null",
  "NaN",
  "1e309",
  "-0",
  "true",
  "__proto__",
  HUGE,
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  wrongType,
  trickyString,
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.double(),
);

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString();

/** Builds fast-check arbitraries from the JSON Schemas of one OpenAPI document. */
export class SchemaArbitraries {
  private readonly uuids: string[];

  constructor(
    private readonly doc: OpenApiDocument,
    fixtures: FuzzFixtures,
  ) {
    this.uuids = [...new Set(Object.values(fixtures.ids).flat())];
    this.emails = fixtures.emails;
  }

  private readonly emails: string[];

  resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 20; hops++) {
      const name = current.$ref.replace("#/components/schemas/", "");
      const target = this.doc.components?.schemas?.[name];
      if (!target) throw new Error(`Unresolvable $ref ${current.$ref}`);
      current = target;
    }
    return current;
  }

  /** allOf of objects as one object schema. */
  private merged(schema: Schema): Schema {
    const parts = (schema.allOf ?? []).map((s) => this.resolve(s)).map((s) => (s.allOf ? this.merged(s) : s));
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const part of parts) {
      Object.assign(properties, part.properties ?? {});
      required.push(...(part.required ?? []));
    }
    const last = parts[parts.length - 1];
    return {
      type: "object",
      properties,
      required,
      ...(last?.additionalProperties === false ? { additionalProperties: false } : {}),
    };
  }

  private types(schema: Schema): string[] {
    if (Array.isArray(schema.type)) return schema.type;
    if (schema.type) return [schema.type];
    if (schema.properties || schema.additionalProperties !== undefined) return ["object"];
    if (schema.items || schema.prefixItems) return ["array"];
    return [];
  }

  /** Values the schema accepts (as far as a schema can tell; rules of the domain may still refuse them). */
  valid(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if (depth > 8) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.allOf) return this.valid(this.merged(schema), depth);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return fc.oneof(...branches.map((b) => this.valid(b, depth + 1)));
    const types = this.types(schema);
    if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
    if (types.length > 1) return fc.oneof(...types.map((type) => this.valid({ ...schema, type }, depth)));
    switch (types[0]) {
      case "string":
        return this.validString(schema);
      case "integer": {
        const min = Math.ceil(schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1);
        const max = Math.floor(schema.maximum ?? (schema.exclusiveMaximum ?? min + 1001) - 1);
        return fc.integer({ min, max: Math.max(min, max) });
      }
      case "number": {
        const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
        const max = schema.maximum ?? schema.exclusiveMaximum ?? min + 1000;
        return fc.oneof(
          fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) }),
          fc.double({
            min,
            max,
            noNaN: true,
            noDefaultInfinity: true,
            minExcluded: schema.exclusiveMinimum !== undefined,
            maxExcluded: schema.exclusiveMaximum !== undefined,
          }),
        );
      }
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array": {
        if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => this.valid(s, depth + 1)));
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
        return fc.array(schema.items ? this.valid(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
          minLength,
          maxLength,
        });
      }
      case "object":
        return this.validObject(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private validObject(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const keys = Object.keys(properties);
    const extra = schema.additionalProperties;
    if (keys.length === 0) {
      if (extra && typeof extra === "object") {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), this.valid(extra, depth + 1), {
          maxKeys: 4,
        });
      }
      return fc.constant({});
    }
    const model = Object.fromEntries(keys.map((k) => [k, this.valid(properties[k] ?? {}, depth + 1)]));
    const required = (schema.required ?? []).filter((k) => k in properties);
    const some = fc.record(model, { requiredKeys: required });
    if (required.length === keys.length) return some;
    // Every optional field is a further chance to break a rule of the domain: bodies with none of them
    // are more likely to reach the end of the handler.
    const bare = fc.record(Object.fromEntries(required.map((k) => [k, model[k] ?? fc.constant(null)])));
    return fc.oneof(some, bare);
  }

  private validString(schema: Schema): fc.Arbitrary<unknown> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? Math.max(min, 60);
    const fit = (s: string) => (s.length < min ? s.padEnd(min, "x") : s).slice(0, max);
    switch (schema.format) {
      case "uuid":
        return this.uuids.length > 0
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...this.uuids) },
              { weight: 1, arbitrary: fc.uuid() },
            )
          : fc.uuid();
      case "date-time":
        return fc.integer({ min: -400, max: 800 }).map((days) => isoDay(days / 4));
      case "date":
        return fc.integer({ min: -400, max: 800 }).map((days) => isoDay(days).slice(0, 10));
      case "email": {
        // fc.emailAddress() alone is mostly addresses that are valid by RFC but that no product accepts.
        const plain = fc
          .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,20}[a-z0-9]$/), fc.nat(99_999))
          .map(([name, n]) => `${name}.${n}@example.test`);
        const options = [plain, plain, fc.emailAddress()];
        return fc.oneof(
          ...(this.emails.length > 0 ? [...options, fc.constantFrom(...this.emails)] : options),
        );
      }
      case "uri":
        return fc.webUrl();
    }
    if (schema.pattern) {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    }
    return fc.oneof(
      { weight: 3, arbitrary: fc.lorem({ maxCount: 4 }).map(fit) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 80) }) },
      { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 80) }) },
    );
  }

  /** Boundary values and values just outside what the schema allows, plus values of the wrong type. */
  edge(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const own: unknown[] = [];
    for (const type of this.types(schema)) {
      if (type === "string") own.push(...this.stringEdges(schema));
      if (type === "integer" || type === "number") {
        const { minimum: lo, maximum: hi } = schema;
        own.push(0, -1, 0.5, -0.0001, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, "5");
        if (lo !== undefined) own.push(lo, lo - 1, lo - 0.5);
        if (hi !== undefined) own.push(hi, hi + 1, hi + 0.5);
      }
      if (type === "boolean") own.push("true", 1, 0, "yes");
      if (type === "array") {
        own.push([], [null], ["x"], [[]], [{}]);
        if (schema.maxItems !== undefined) own.push(Array.from({ length: schema.maxItems + 1 }, () => "x"));
        own.push(Array.from({ length: 1000 }, (_, i) => i));
      }
      if (type === "object") own.push({}, [], "{}", { "": null }, { ["__proto__"]: { admin: true } });
    }
    if (schema.enum) {
      for (const value of schema.enum.slice(0, 3)) {
        if (typeof value === "string") own.push(value.toUpperCase(), ` ${value}`, `${value}x`);
      }
    }
    return own.length > 0 ? fc.oneof(fc.constantFrom(...own), wrongType, trickyString) : anyValue;
  }

  private stringEdges(schema: Schema): unknown[] {
    const out: unknown[] = [];
    if (schema.maxLength !== undefined) {
      out.push("a".repeat(schema.maxLength), "a".repeat(schema.maxLength + 1), "🙂".repeat(schema.maxLength));
    }
    if (schema.minLength !== undefined && schema.minLength > 0) out.push("a".repeat(schema.minLength - 1));
    switch (schema.format) {
      case "uuid":
        out.push(
          "not-a-uuid",
          "00000000-0000-0000-0000-000000000000",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "0193A6B2-7C1E-7B52-9D1A-3F6F0F4A2B10",
          "{0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10}",
          "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10x",
        );
        break;
      case "date-time":
        out.push(
          "2026-13-45T99:99:99Z",
          "2026-02-30T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          "1970-01-01T00:00:00Z",
          "2026-01-01T00:00:00+14:00",
          "2026-01-01T00:00:00",
          "2026-01-01",
          "yesterday",
        );
        break;
      case "date":
        out.push("2026-02-30", "2026-1-1", "0000-00-00", "0001-01-01", "9999-12-31", "2026-01-01T00:00:00Z");
        break;
      case "email":
        out.push("a@", "@b.test", "a@b", `${"a".repeat(300)}@example.test`, "ünï@exämple.test", "a b@c.test");
        break;
      case "uri":
        out.push("javascript:alert(1)", "not a url", "http://", `https://example.test/${"a".repeat(5000)}`);
        break;
    }
    return out;
  }

  /** A valid value with exactly one defect: a dropped required field, an extra field, or one bad leaf. */
  mutant(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if (depth > 6) return this.edge(schema);
    if (schema.allOf) return this.mutant(this.merged(schema), depth);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      return fc.oneof(...branches.map((b) => this.mutant(b, depth + 1)), this.edge(schema));
    }
    const types = this.types(schema);
    if (types.includes("object") && schema.properties && Object.keys(schema.properties).length > 0) {
      const properties = schema.properties;
      const base = this.validObject(schema, depth);
      const options: fc.Arbitrary<unknown>[] = [this.edge(schema)];
      const required = (schema.required ?? []).filter((k) => k in properties);
      if (required.length > 0) {
        options.push(
          fc.tuple(base, fc.constantFrom(...required)).map(([value, key]) => {
            const copy = { ...(value as Record<string, unknown>) };
            delete copy[key];
            return copy;
          }),
        );
      }
      const extraKey = fc.oneof(
        fc.constantFrom("organizationId", "id", "role", "ownerId", "__proto__", "constructor", "isAdmin"),
        fc.string({ minLength: 1, maxLength: 12 }),
      );
      options.push(
        fc
          .tuple(base, extraKey, anyValue)
          .map(([value, key, extra]) => ({ ...(value as Record<string, unknown>), [key]: extra })),
      );
      const keys = Object.keys(properties);
      options.push(
        fc
          .constantFrom(...keys)
          .chain((key) =>
            fc
              .tuple(base, this.mutant(properties[key] ?? {}, depth + 1))
              .map(([value, bad]) => ({ ...(value as Record<string, unknown>), [key]: bad })),
          ),
      );
      return fc.oneof(...options);
    }
    if (types.includes("array") && schema.items) {
      const items = schema.items;
      return fc.oneof(
        this.edge(schema),
        fc
          .tuple(this.valid(schema, depth), this.mutant(items, depth + 1))
          .map(([value, bad]) => [...(value as unknown[]), bad]),
      );
    }
    return this.edge(schema);
  }
}

// ---------------------------------------------------------------------------------------------------
// Requests

type Body = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; text: string; type: string };

interface FuzzRequest {
  actor: FuzzActor;
  url: string;
  body: Body;
  idempotencyKey: string | null;
}

const garbageSegment = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
    fc.constantFrom("0", "-1", "null", "undefined", "%", "' or 1=1 --", "me", "a".repeat(300), "🙂"),
  )
  .filter((s) => !/^\.*$/.test(s.trim()) && !s.includes("\u0000"));

const RAW_BODIES = fc.oneof(
  fc.constantFrom(
    { text: "", type: "application/json" },
    { text: "{", type: "application/json" },
    { text: "not json", type: "application/json" },
    { text: '{"a":1,}', type: "application/json" },
    { text: "[".repeat(5000) + "]".repeat(5000), type: "application/json" },
    { text: "name=x", type: "application/x-www-form-urlencoded" },
    { text: "hello", type: "text/plain" },
    { text: "<x/>", type: "application/xml" },
    { text: "{}", type: "application/merge-patch+json" },
    { text: JSON.stringify({ padding: "x".repeat(1024 * 1024) }), type: "application/json" },
  ),
  fc.string({ maxLength: 40 }).map((text) => ({ text: `{${text}`, type: "application/json" })),
);

const isDestructive = (method: string, path: string) =>
  method === "DELETE" || /\/(end|complete|cancel|erase|status|role|withdraw|discard|publish)$/.test(path);

/** How a path parameter is filled: a real id of its kind most often, else any real id, a random UUID or garbage. */
function pathParamArbitrary(
  gen: SchemaArbitraries,
  fixtures: FuzzFixtures,
  method: string,
  path: string,
  param: Parameter,
): fc.Arbitrary<string> {
  const segments = path.split("/");
  const kind = segments[segments.indexOf(`{${param.name}}`) - 1] ?? "";
  const blocked = new Set(isDestructive(method, path) ? fixtures.protectedIds : []);
  const own = (fixtures.ids[kind] ?? []).filter((id) => !blocked.has(id));
  const anyReal = [...new Set(Object.values(fixtures.ids).flat())].filter((id) => !blocked.has(id));
  const schema = param.schema ? gen.resolve(param.schema) : {};
  const options: fc.WeightedArbitrary<string>[] = [{ weight: 1, arbitrary: garbageSegment }];
  if (schema.enum) {
    options.push({ weight: 8, arbitrary: gen.valid(schema).map(String) });
  } else {
    options.push({ weight: 2, arbitrary: fc.uuid() });
    if (own.length > 0) options.push({ weight: 7, arbitrary: fc.constantFrom(...own) });
    if (anyReal.length > 0) options.push({ weight: 2, arbitrary: fc.constantFrom(...anyReal) });
  }
  return fc.oneof(...options).map((value) => encodeURIComponent(value));
}

const queryValue = (value: unknown) =>
  value === undefined ? "" : typeof value === "string" ? value : (JSON.stringify(value) ?? "");

/** A query string of the declared parameters (`validOnly`: schema-valid values only) and unknown ones. */
function queryArbitrary(
  gen: SchemaArbitraries,
  params: Parameter[],
  validOnly: boolean,
): fc.Arbitrary<string> {
  type Pairs = [string, string][];
  // A cursor only comes from a previous page: an invented one is a 400 by design, so only the wild requests send one.
  const known = params
    .filter((p) => !(validOnly && p.name === "cursor"))
    .map((p) => {
      const schema = p.schema ?? {};
      const valid = gen.valid(schema).map(queryValue);
      if (validOnly)
        return fc.option(
          valid.map((v): Pairs => [[p.name, v]]),
          { nil: [], freq: 2 },
        );
      const value = fc.oneof(
        { weight: 4, arbitrary: valid },
        { weight: 1, arbitrary: gen.edge(schema).map(queryValue) },
      );
      return fc.option(
        fc.oneof(
          { weight: 6, arbitrary: value.map((v): Pairs => [[p.name, v]]) },
          {
            weight: 1,
            arbitrary: fc.tuple(value, value).map(
              ([x, y]): Pairs => [
                [p.name, x],
                [p.name, y],
              ],
            ),
          },
        ),
        { nil: [], freq: 2 },
      );
    });
  const unknown = fc.option(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 }))
      .map(([k, v]): Pairs => [[k, v]]),
    { nil: [], freq: 6 },
  );
  return fc.tuple(unknown, ...known).map((groups) => {
    const query = new URLSearchParams(groups.flat()).toString();
    return query ? `?${query}` : "";
  });
}

function bodyArbitrary(gen: SchemaArbitraries, operation: Operation, method: string): fc.Arbitrary<Body> {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const raw = RAW_BODIES.map((r): Body => ({ kind: "raw", ...r }));
  const none = fc.constant<Body>({ kind: "none" });
  if (!schema) {
    if (method === "GET") return none;
    return fc.oneof(
      { weight: 8, arbitrary: none },
      { weight: 1, arbitrary: anyValue.map((value): Body => ({ kind: "json", value })) },
      { weight: 1, arbitrary: raw },
    );
  }
  return fc.oneof(
    { weight: 10, arbitrary: gen.valid(schema).map((value): Body => ({ kind: "json", value })) },
    { weight: 8, arbitrary: gen.mutant(schema).map((value): Body => ({ kind: "json", value })) },
    { weight: 1, arbitrary: anyValue.map((value): Body => ({ kind: "json", value })) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: none },
  );
}

/**
 * The callers the route's access rule admits, read from the "Access: …" line secureRoute writes into
 * every description; all actors when the rule is unknown.
 */
function admittedActors(operation: Operation, actors: FuzzActor[]): FuzzActor[] {
  const who = /Access: ([^(.\n]*)/.exec(operation.description ?? "")?.[1]?.trim();
  if (!who) return actors;
  if (who === "anyone") return actors.filter((a) => !a.foreign);
  const home = actors.filter((a) => a.role && !a.foreign);
  if (who === "any signed-in person") return home;
  const roles = who.split(",").map((r) => r.trim());
  const admitted = home.filter((a) => a.role && roles.includes(a.role));
  return admitted.length > 0 ? admitted : actors;
}

const pickActor = (actors: FuzzActor[]) =>
  fc.oneof(...actors.map((a) => ({ weight: a.weight ?? 1, arbitrary: fc.constant(a) })));

function requestArbitrary(
  gen: SchemaArbitraries,
  fixtures: FuzzFixtures,
  method: string,
  path: string,
  operation: Operation,
): fc.Arbitrary<FuzzRequest> {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const writes = method !== "GET" && method !== "DELETE";
  const key = writes
    ? fc.option(fc.constantFrom("fuzz-key-1", "fuzz-key-2", "fuzz-key-3"), { freq: 10, nil: null })
    : fc.constant(null);
  const build = (
    actor: fc.Arbitrary<FuzzActor>,
    values: fc.Arbitrary<(readonly [string, string])[]>,
    query: fc.Arbitrary<string>,
    body: fc.Arbitrary<Body>,
  ) =>
    fc.tuple(actor, values, query, body, key).map(([who, filled, q, b, idempotencyKey]) => {
      const map = new Map<string, string>(filled);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => map.get(name) ?? name) + q;
      return { actor: who, url, body: b, idempotencyKey };
    });
  const wild = build(
    pickActor(fixtures.actors),
    fc.tuple(
      ...pathParams.map((p) =>
        pathParamArbitrary(gen, fixtures, method, path, p).map((value) => [p.name, value] as const),
      ),
    ),
    queryArbitrary(gen, queryParams, false),
    bodyArbitrary(gen, operation, method),
  );
  // A caller the rule admits, real ids of the right kind and schema-valid values: the handler's own
  // rules decide, so that the happy path runs and not only validation and access checks.
  const plausible = build(
    pickActor(admittedActors(operation, fixtures.actors)),
    fc.tuple(
      ...pathParams.map((p) =>
        plausibleParam(gen, fixtures, method, path, p).map((value) => [p.name, value] as const),
      ),
    ),
    queryArbitrary(gen, queryParams, true),
    validBody(gen, operation),
  );
  return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: wild });
}

function plausibleParam(
  gen: SchemaArbitraries,
  fixtures: FuzzFixtures,
  method: string,
  path: string,
  param: Parameter,
): fc.Arbitrary<string> {
  const schema = param.schema ? gen.resolve(param.schema) : {};
  if (schema.enum) return gen.valid(schema).map(String);
  const segments = path.split("/");
  const kind = segments[segments.indexOf(`{${param.name}}`) - 1] ?? "";
  const blocked = new Set(isDestructive(method, path) ? fixtures.protectedIds : []);
  const own = (fixtures.ids[kind] ?? []).filter((id) => !blocked.has(id));
  return own.length > 0 ? fc.constantFrom(...own) : fc.uuid();
}

function validBody(gen: SchemaArbitraries, operation: Operation): fc.Arbitrary<Body> {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return fc.constant<Body>({ kind: "none" });
  return gen.valid(schema).map((value): Body => ({ kind: "json", value }));
}

// ---------------------------------------------------------------------------------------------------
// Responses

/** Compiles the response schemas of one document with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses). */
export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private static readonly ROOT = "https://trellis.local/openapi.json";

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
    addFormats(this.ajv);
    for (const keyword of ["example", "discriminator", "externalDocs", "xml"]) this.ajv.addKeyword(keyword);
    this.ajv.addSchema({ $id: ResponseValidator.ROOT, $defs: this.rewrite(doc.components?.schemas ?? {}) });
  }

  private rewrite<T>(schema: T): T {
    return JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${ResponseValidator.ROOT}#/$defs/`),
    );
  }

  validator(cacheKey: string, schema: Schema): ValidateFunction {
    const known = this.cache.get(cacheKey);
    if (known) return known;
    const compiled = this.ajv.compile(this.rewrite(schema));
    this.cache.set(cacheKey, compiled);
    return compiled;
  }

  errorsOf(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors, { separator: "; " }).slice(0, 600);
  }
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** What is wrong with an answer: nothing, or one finding per broken promise. */
export function checkAnswer(
  validator: ResponseValidator,
  operationKey: string,
  operation: Operation,
  answer: Answer,
): { kind: FindingKind; detail: string }[] {
  const found: { kind: FindingKind; detail: string }[] = [];
  const snippet = answer.text.slice(0, 300);
  if (answer.status >= 500) found.push({ kind: "server_error", detail: snippet });
  if (!answer.contentType.includes("pdf") && hasStackTrace(answer.text)) {
    found.push({ kind: "stack_trace", detail: snippet });
  }
  const status = String(answer.status);
  const declared =
    operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!declared) {
    found.push({ kind: "schema_violation", detail: `status ${status} is not declared: ${snippet}` });
    return found;
  }
  const content = declared.content ?? {};
  const types = Object.keys(content);
  if (types.length === 0) {
    if (answer.text.length > 0) {
      found.push({ kind: "schema_violation", detail: `status ${status} declares no body: ${snippet}` });
    }
    return found;
  }
  const type = types.find((t) => answer.contentType.startsWith(t));
  if (!type) {
    found.push({
      kind: "schema_violation",
      detail: `content type "${answer.contentType}" is not one of ${types.join(", ")} for ${status}`,
    });
    return found;
  }
  const schema = content[type]?.schema;
  if (!type.includes("json") || !schema) return found;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    found.push({ kind: "schema_violation", detail: `status ${status}: the body is not JSON: ${snippet}` });
    return found;
  }
  const validate = validator.validator(`${operationKey} ${status} ${type}`, schema);
  if (!validate(body)) {
    found.push({
      kind: "schema_violation",
      detail: `status ${status}: ${validator.errorsOf(validate)} in ${snippet}`,
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// The run

async function send(app: App, method: string, request: FuzzRequest, origin: string): Promise<Answer> {
  const headers: Record<string, string> = { origin };
  if (request.actor.cookie) headers.cookie = request.actor.cookie;
  if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
  let body: string | undefined;
  if (request.body.kind === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.body.value) ?? "null";
  } else if (request.body.kind === "raw") {
    headers["content-type"] = request.body.type;
    body = request.body.text;
  }
  const res = await app.request(request.url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const contentType = res.headers.get("content-type") ?? "";
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    contentType,
    text: bytes.toString(contentType.includes("pdf") ? "latin1" : "utf8"),
  };
}

const describeBody = (body: Body) =>
  body.kind === "none"
    ? ""
    : ` ${(body.kind === "json" ? (JSON.stringify(body.value) ?? "undefined") : `[${body.type}] ${body.text}`).slice(0, 400)}`;

/**
 * Sends `requests` generated requests in total, spread evenly over every operation of the document and
 * interleaved (one of each operation per round), so that writes of one route meet reads of the others.
 */
export async function fuzzOpenApi(
  app: App,
  doc: OpenApiDocument,
  fixtures: FuzzFixtures,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const started = performance.now();
  const gen = new SchemaArbitraries(doc, fixtures);
  const validator = new ResponseValidator(doc);
  const operations = operationsOf(doc);
  const perOperation = operations.map(
    (_, i) =>
      Math.floor(options.requests / operations.length) + (i < options.requests % operations.length ? 1 : 0),
  );
  const plans = operations.map((op, i) =>
    fc.sample(requestArbitrary(gen, fixtures, op.method, op.path, op.operation), {
      numRuns: Math.max(1, perOperation[i] ?? 0),
      seed: options.seed + i,
    }),
  );
  const byStatus: Record<string, number> = {};
  const statusesByOperation = new Map<string, Record<string, number>>();
  const findings: Finding[] = [];
  const counts = { server_error: 0, stack_trace: 0, schema_violation: 0 };
  let sent = 0;
  const rounds = Math.max(...perOperation, 0);
  for (let round = 0; round < rounds; round++) {
    for (const [i, op] of operations.entries()) {
      if (round >= (perOperation[i] ?? 0)) continue;
      const request = plans[i]?.[round];
      if (!request) continue;
      const key = `${op.method} ${op.path}`;
      const answer = await send(app, op.method, request, fixtures.origin);
      sent++;
      byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
      const mine = statusesByOperation.get(key) ?? {};
      mine[answer.status] = (mine[answer.status] ?? 0) + 1;
      statusesByOperation.set(key, mine);
      for (const problem of checkAnswer(validator, key, op.operation, answer)) {
        counts[problem.kind]++;
        if (findings.length < 500) {
          findings.push({
            ...problem,
            operation: key,
            actor: request.actor.name,
            request: `${op.method} ${request.url}${describeBody(request.body)}`,
            status: answer.status,
          });
        }
      }
      if (options.onProgress && sent % (options.progressEvery ?? 10_000) === 0) options.onProgress(sent);
    }
  }
  const unreached: Record<string, Record<string, number>> = {};
  for (const [key, statuses] of statusesByOperation) {
    if (!Object.keys(statuses).some((s) => s.startsWith("2"))) unreached[key] = statuses;
  }
  return {
    summary: {
      requests: sent,
      routes: statusesByOperation.size,
      routesReaching2xx: statusesByOperation.size - Object.keys(unreached).length,
      byStatus,
      serverErrors: counts.server_error,
      stackTraces: counts.stack_trace,
      schemaViolations: counts.schema_violation,
      durationMs: Math.round(performance.now() - started),
      seed: options.seed,
    },
    findings,
    unreached,
  };
}
