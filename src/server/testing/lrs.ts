import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";

/**
 * A small learning record store for tests: `PUT`/`POST /xapi/statements` and `GET /xapi/about`. It checks
 * the version header and Basic auth, validates every statement against xAPI 1.0.3 as strictly as a real LRS
 * (400 with the problems), keeps one copy per statement id (a repeat is a no-op, a different statement
 * under a used id is 409), and records what it accepted and every request body it saw.
 */

export interface TestLrs {
  /** The xAPI endpoint, `http://127.0.0.1:<port>/xapi/`. */
  endpoint: string;
  key: string;
  secret: string;
  /** Accepted statements, in the order they were first stored. */
  statements: Record<string, unknown>[];
  /** Every request: method, path and raw body. */
  requests: { method: string; path: string; body: string; headers: IncomingMessage["headers"] }[];
  /** Statements answered 400, with the problems found. */
  rejected: { statement: unknown; problems: string[] }[];
  /** The next `count` statement requests answer `status` (503 by default) without storing anything. */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function isIri(v: unknown): boolean {
  if (typeof v !== "string" || /\s/.test(v)) return false;
  try {
    const url = new URL(v);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol);
  } catch {
    return false;
  }
}

const isIrl = (v: unknown) => isIri(v) && /^https?:\/\//i.test(String(v));

function unknownKeys(o: Json, allowed: readonly string[], path: string, problems: string[]) {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push(`${path}.${k} is not allowed`);
}

function languageMap(v: unknown, path: string, problems: string[]) {
  if (!isObject(v)) return problems.push(`${path} must be a language map`);
  for (const [tag, text] of Object.entries(v)) {
    if (!LANGUAGE_TAG.test(tag)) problems.push(`${path} has an invalid language tag ${tag}`);
    if (typeof text !== "string") problems.push(`${path}.${tag} must be a string`);
  }
}

function agent(v: unknown, path: string, problems: string[]) {
  if (!isObject(v)) return problems.push(`${path} must be an object`);
  unknownKeys(v, ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"], path, problems);
  if (v.objectType !== undefined && v.objectType !== "Agent")
    problems.push(`${path}.objectType must be Agent`);
  if (v.name !== undefined && typeof v.name !== "string") problems.push(`${path}.name must be a string`);
  const ifis = ["mbox", "mbox_sha1sum", "openid", "account"].filter((k) => v[k] !== undefined);
  if (ifis.length !== 1)
    problems.push(`${path} must have exactly one inverse functional identifier, has ${ifis.length}`);
  if (v.mbox !== undefined && (typeof v.mbox !== "string" || !MAILTO.test(v.mbox)))
    problems.push(`${path}.mbox must be a mailto: IRI`);
  if (v.mbox_sha1sum !== undefined && !/^[0-9a-f]{40}$/i.test(String(v.mbox_sha1sum)))
    problems.push(`${path}.mbox_sha1sum must be a SHA-1 hex digest`);
  if (v.openid !== undefined && !isIri(v.openid)) problems.push(`${path}.openid must be an IRI`);
  if (v.account !== undefined) {
    const a = v.account;
    if (!isObject(a)) problems.push(`${path}.account must be an object`);
    else {
      unknownKeys(a, ["homePage", "name"], `${path}.account`, problems);
      if (!isIrl(a.homePage)) problems.push(`${path}.account.homePage must be an IRL`);
      if (typeof a.name !== "string" || a.name === "") problems.push(`${path}.account.name must be a string`);
    }
  }
}

function activity(v: unknown, path: string, problems: string[]) {
  if (!isObject(v)) return problems.push(`${path} must be an object`);
  unknownKeys(v, ["objectType", "id", "definition"], path, problems);
  if (v.objectType !== undefined && v.objectType !== "Activity")
    problems.push(`${path}.objectType must be Activity`);
  if (!isIri(v.id)) problems.push(`${path}.id must be an IRI`);
  if (v.definition !== undefined) {
    const d = v.definition;
    if (!isObject(d)) return problems.push(`${path}.definition must be an object`);
    unknownKeys(
      d,
      [
        "name",
        "description",
        "type",
        "moreInfo",
        "extensions",
        "interactionType",
        "correctResponsesPattern",
        "choices",
        "scale",
        "source",
        "target",
        "steps",
      ],
      `${path}.definition`,
      problems,
    );
    if (d.name !== undefined) languageMap(d.name, `${path}.definition.name`, problems);
    if (d.description !== undefined) languageMap(d.description, `${path}.definition.description`, problems);
    if (d.type !== undefined && !isIri(d.type)) problems.push(`${path}.definition.type must be an IRI`);
    if (d.moreInfo !== undefined && !isIrl(d.moreInfo))
      problems.push(`${path}.definition.moreInfo must be an IRL`);
  }
}

function result(v: unknown, problems: string[]) {
  if (!isObject(v)) return problems.push("result must be an object");
  unknownKeys(
    v,
    ["score", "success", "completion", "response", "duration", "extensions"],
    "result",
    problems,
  );
  for (const k of ["success", "completion"])
    if (v[k] !== undefined && typeof v[k] !== "boolean") problems.push(`result.${k} must be a boolean`);
  if (v.score === undefined) return;
  const s = v.score;
  if (!isObject(s)) return problems.push("result.score must be an object");
  unknownKeys(s, ["scaled", "raw", "min", "max"], "result.score", problems);
  const num = (k: string) => (s[k] === undefined ? undefined : typeof s[k] === "number" ? s[k] : Number.NaN);
  const [scaled, raw, min, max] = [num("scaled"), num("raw"), num("min"), num("max")];
  for (const [k, n] of Object.entries({ scaled, raw, min, max }))
    if (Number.isNaN(n)) problems.push(`result.score.${k} must be a number`);
  if (scaled !== undefined && (scaled < -1 || scaled > 1))
    problems.push("result.score.scaled must be between -1 and 1");
  if (min !== undefined && max !== undefined && !(min < max))
    problems.push("result.score.min must be less than max");
  if (raw !== undefined && min !== undefined && raw < min)
    problems.push("result.score.raw must not be below min");
  if (raw !== undefined && max !== undefined && raw > max)
    problems.push("result.score.raw must not be above max");
}

function context(v: unknown, problems: string[]) {
  if (!isObject(v)) return problems.push("context must be an object");
  unknownKeys(
    v,
    [
      "registration",
      "instructor",
      "team",
      "contextActivities",
      "revision",
      "platform",
      "language",
      "statement",
      "extensions",
    ],
    "context",
    problems,
  );
  if (v.registration !== undefined && (typeof v.registration !== "string" || !UUID.test(v.registration)))
    problems.push("context.registration must be a UUID");
  if (v.platform !== undefined && typeof v.platform !== "string")
    problems.push("context.platform must be a string");
  if (v.instructor !== undefined) agent(v.instructor, "context.instructor", problems);
  if (v.contextActivities !== undefined) {
    const ca = v.contextActivities;
    if (!isObject(ca)) return problems.push("context.contextActivities must be an object");
    unknownKeys(ca, ["parent", "grouping", "category", "other"], "context.contextActivities", problems);
    for (const [k, list] of Object.entries(ca)) {
      const items = Array.isArray(list) ? list : [list];
      for (const [i, a] of items.entries()) activity(a, `context.contextActivities.${k}[${i}]`, problems);
    }
  }
}

/** The problems an LRS would refuse the statement for; empty when it is a valid xAPI 1.0.3 statement. */
export function validateStatement(s: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(s)) return ["the statement must be an object"];
  unknownKeys(
    s,
    [
      "id",
      "actor",
      "verb",
      "object",
      "result",
      "context",
      "timestamp",
      "stored",
      "authority",
      "version",
      "attachments",
    ],
    "statement",
    problems,
  );
  if (s.id !== undefined && (typeof s.id !== "string" || !UUID.test(s.id)))
    problems.push("id must be a UUID");
  agent(s.actor, "actor", problems);
  if (!isObject(s.verb)) problems.push("verb must be an object");
  else {
    unknownKeys(s.verb, ["id", "display"], "verb", problems);
    if (!isIri(s.verb.id)) problems.push("verb.id must be an IRI");
    if (s.verb.display === undefined) problems.push("verb.display is missing");
    else languageMap(s.verb.display, "verb.display", problems);
  }
  activity(s.object, "object", problems);
  if (s.result !== undefined) result(s.result, problems);
  if (s.context !== undefined) context(s.context, problems);
  if (s.timestamp !== undefined && (typeof s.timestamp !== "string" || !ISO_8601.test(s.timestamp)))
    problems.push("timestamp must be an ISO 8601 date-time");
  if (s.version !== undefined && !/^1\.0(\.\d+)?$/.test(String(s.version)))
    problems.push("version must be 1.0.x");
  return problems;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startTestLrs(options: { key?: string; secret?: string } = {}): Promise<TestLrs> {
  const key = options.key ?? "lrs-key";
  const secret = options.secret ?? "lrs-secret-value";
  const expectedAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
  const stored = new Map<string, Json>();
  const failures: { status: number; retryAfter?: number }[] = [];
  const lrs = {
    statements: [] as Json[],
    requests: [] as TestLrs["requests"],
    rejected: [] as TestLrs["rejected"],
  };

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      "X-Experience-API-Version": "1.0.3",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  /** Stores the statements, all or none, as an LRS does with a batch. */
  function store(list: Json[], res: ServerResponse): string[] | null {
    for (const s of list) {
      const problems = validateStatement(s);
      if (problems.length > 0) {
        lrs.rejected.push({ statement: s, problems });
        send(res, 400, { error: true, message: problems.join("; ") });
        return null;
      }
      const id = s.id as string | undefined;
      const previous = id ? stored.get(id) : undefined;
      if (previous && !isDeepStrictEqual(previous, s)) {
        send(res, 409, { error: true, message: `A different statement with id ${id} is stored.` });
        return null;
      }
    }
    const ids: string[] = [];
    for (const s of list) {
      const id = (s.id as string | undefined) ?? crypto.randomUUID();
      if (!stored.has(id)) {
        const copy = { ...s, id };
        stored.set(id, copy);
        lrs.statements.push(copy);
      }
      ids.push(id);
    }
    return ids;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://lrs.test");
    const body = await readBody(req);
    lrs.requests.push({ method: req.method ?? "", path: url.pathname, body, headers: req.headers });
    if (url.pathname === "/xapi/about" && req.method === "GET")
      return send(res, 200, { version: ["1.0.3", "1.0.2"] });
    if (url.pathname !== "/xapi/statements") return send(res, 404, { error: true, message: "Not found" });
    if (req.method !== "PUT" && req.method !== "POST")
      return send(res, 405, { error: true, message: "Method not allowed" });
    if (!/^1\.0(\.\d+)?$/.test(String(req.headers["x-experience-api-version"] ?? "")))
      return send(res, 400, { error: true, message: "X-Experience-API-Version header missing or invalid" });
    if (req.headers.authorization !== expectedAuth)
      return send(res, 401, { error: true, message: "Unauthorized" });
    const failure = failures.shift();
    if (failure)
      return send(
        res,
        failure.status,
        { error: true, message: "Temporarily unavailable" },
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {},
      );
    if (!/application\/json/i.test(String(req.headers["content-type"] ?? "")))
      return send(res, 400, { error: true, message: "Content-Type must be application/json" });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(res, 400, { error: true, message: "The body is not JSON" });
    }
    if (req.method === "PUT") {
      const statementId = url.searchParams.get("statementId");
      if (!statementId || !UUID.test(statementId) || !isObject(parsed))
        return send(res, 400, { error: true, message: "PUT needs statementId and one statement" });
      if (parsed.id !== undefined && parsed.id !== statementId)
        return send(res, 400, { error: true, message: "The statement id differs from statementId" });
      if (store([{ ...parsed, id: statementId }], res)) send(res, 204);
      return;
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (!list.every(isObject)) return send(res, 400, { error: true, message: "Statements must be objects" });
    const ids = store(list, res);
    if (ids) send(res, 200, ids);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    key,
    secret,
    ...lrs,
    failNext(count, status = 503, retryAfterSeconds) {
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
        });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
