import { createHmac } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { type Transaction, TransactionBuilder } from "kysely";
import type { Db } from "../db/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { AppEnv } from "./context.ts";
import { decryptText, encryptText } from "./crypto.ts";
import { errorBody } from "./errors.ts";
import * as repo from "./idempotency.repository.ts";
import { newId } from "./ids.ts";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
/** How long a key and its answer are kept. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long the first request holds its key. After it, a retry may take over a key whose request has not
 * committed (its process died); should the first request still be running, its commit is refused.
 */
export const LOCK_MS = 10 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * Retries of a signed-in write with the same Idempotency-Key get the first answer instead of writing again.
 * The key is reserved before the request runs and marked in the same transaction as the request's write,
 * so a retry never writes twice: it replays the stored answer, waits while the first request runs (409
 * idempotency.in_progress), or, when the process died between the commit and storing the answer, is told
 * the write was made (409 idempotency.response_lost).
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const actor = c.get("actor");
    if (
      key === undefined ||
      !WRITE_METHODS.has(c.req.method) ||
      c.req.path.startsWith("/api/auth/") ||
      !actor
    ) {
      return next();
    }
    if (!KEY_PATTERN.test(key)) {
      return c.json(
        errorBody(
          "idempotency.invalid_key",
          "An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.",
        ),
        400,
      );
    }
    const deps = c.get("deps");
    const scope: repo.KeyScope = { personId: actor.personId, method: c.req.method, path: c.req.path, key };
    const url = new URL(c.req.url);
    const requestHash = createHmac("sha256", deps.masterKey)
      .update(`${scope.method}\n${scope.path}${url.search}\n`)
      .update(await c.req.raw.clone().text())
      .digest("hex");

    const claimed = await claim(deps.db, deps.masterKey, scope, requestHash);
    if (claimed instanceof Response) return claimed;
    const { id, token } = claimed;

    c.set("deps", {
      ...deps,
      db: markingCommits(deps.db, (trx) => repo.markCommitted(trx, id, token, new Date().toISOString())),
    });
    await next();

    const res = c.res;
    const row = await repo.committedAt(deps.db, id);
    if ((res.status >= 200 && res.status < 300) || row?.committed_at) {
      const body = await res.clone().text();
      await repo.storeResponse(deps.db, id, token, {
        status: res.status,
        type: res.headers.get("content-type"),
        body: encryptText(deps.masterKey, body, id),
        at: new Date().toISOString(),
      });
    } else {
      await repo.releaseKey(deps.db, id, token);
    }
  };
}

const inProgress = (key: string, seconds: number) =>
  json(
    409,
    errorBody(
      "idempotency.in_progress",
      "A request with this Idempotency-Key is still being handled. Retry after it finishes.",
      { key, retryAfterSeconds: seconds },
    ),
    { "Retry-After": String(seconds) },
  );

async function claim(
  db: Db,
  masterKey: Buffer,
  scope: repo.KeyScope,
  requestHash: string,
): Promise<{ id: string; token: string } | Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date().toISOString();
    const token = newId();
    const existing = await repo.findKey(db, scope);
    if (!existing) {
      const id = newId();
      const reserved = await repo.reserveKey(db, {
        id,
        person_id: scope.personId,
        method: scope.method,
        path: scope.path,
        key: scope.key,
        request_hash: requestHash,
        lock_token: token,
        locked_until: later(LOCK_MS),
        committed_at: null,
        response_status: null,
        response_type: null,
        response_body: null,
        created_at: now,
        expires_at: later(KEY_TTL_MS),
      });
      if (reserved) return { id, token };
      continue;
    }
    if (existing.expires_at <= now) {
      await repo.deleteKey(db, existing.id);
      continue;
    }
    if (existing.request_hash !== requestHash) {
      return json(
        422,
        errorBody(
          "idempotency.key_reused",
          "This Idempotency-Key was already used for a different request; use a new key for a new request.",
          { key: scope.key },
        ),
      );
    }
    if (existing.response_status !== null && existing.response_body !== null) {
      return replay(masterKey, existing);
    }
    if (existing.locked_until > now) {
      const seconds = Math.ceil((Date.parse(existing.locked_until) - Date.now()) / 1000);
      return inProgress(scope.key, Math.min(Math.max(seconds, 1), 5));
    }
    if (existing.committed_at !== null) {
      return json(
        409,
        errorBody(
          "idempotency.response_lost",
          "The request with this Idempotency-Key was carried out, but the server stopped before it answered. Read the current state instead of retrying.",
          { key: scope.key, committedAt: existing.committed_at },
        ),
      );
    }
    if (await repo.takeOverKey(db, existing, { token, until: later(LOCK_MS), requestHash })) {
      return { id: existing.id, token };
    }
  }
  return inProgress(scope.key, 1);
}

function replay(masterKey: Buffer, row: repo.IdempotencyRow): Response {
  const headers = new Headers({ [REPLAYED_HEADER]: "true" });
  if (row.response_type) headers.set("content-type", row.response_type);
  const body = row.response_body === null ? "" : decryptText(masterKey, row.response_body, row.id);
  return new Response(body, { status: row.response_status ?? 200, headers });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * The app's database, except that every transaction also marks the key as committed before it commits,
 * so the write and the mark land together or not at all.
 */
function markingCommits(db: Db, mark: (trx: Transaction<Database>) => Promise<void>): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "transaction") return () => markingBuilder(target.transaction(), mark);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function markingBuilder(
  builder: TransactionBuilder<Database>,
  mark: (trx: Transaction<Database>) => Promise<void>,
): TransactionBuilder<Database> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === "execute") {
        return <T>(fn: (trx: Transaction<Database>) => Promise<T>) =>
          target.execute(async (trx) => {
            const result = await fn(trx);
            await mark(trx);
            return result;
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof TransactionBuilder ? markingBuilder(result, mark) : result;
      };
    },
  });
}
