import type { MiddlewareHandler } from "hono";
import type { DataChanges } from "../db/data-changes.ts";
import { dataChangesOf } from "../db/kysely.ts";
import {
  type ContentEncoding,
  compressBody,
  MIN_COMPRESSED_BYTES,
  preferredEncoding,
} from "./content-encoding.ts";
import type { Actor, AppEnv, Deps } from "./context.ts";

interface Entry<T> {
  value: T;
  /** DataChanges' number when the computation began. */
  since: number;
  tables: ReadonlySet<string> | null;
  expiresAt: number;
  bytes: number;
}

/**
 * Results of reads, kept until a table they read is written or `expiresAt` passes, whichever comes first.
 * Which tables a result read is recorded while it is computed (DataChanges.tracking), so no caller lists
 * them by hand. Bounded by entries and bytes; the least recently used go first.
 */
export class ReadCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #flights = new Map<
    string,
    Promise<{ value: T; since: number; tables: ReadonlySet<string> | null; kept: boolean }>
  >();
  #bytes = 0;

  constructor(
    private readonly changes: DataChanges,
    private readonly limits: { maxEntries: number; maxBytes: number },
  ) {}

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now || !this.changes.unchangedSince(entry.since, entry.tables)) {
      this.#drop(key, entry);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /**
   * Computes a value and keeps it when `keep` says so. The sequence number is read before the computation,
   * so a write that lands while it runs leaves the entry already out of date. Callers that arrive while the
   * same key is being computed wait for that computation and share its value when it is one to keep and
   * nothing it read has changed since it began; otherwise they compute their own.
   */
  async compute(
    key: string,
    fn: () => Promise<T>,
    keep: (value: T) => { ttlMs: number; bytes: number } | null,
  ): Promise<T> {
    const flight = this.#flights.get(key);
    if (flight) {
      const shared = await flight.catch(() => undefined);
      if (shared?.kept && this.changes.unchangedSince(shared.since, shared.tables)) return shared.value;
    }
    const since = this.changes.now();
    const run = this.changes.tracking(fn).then(({ value, tables }) => {
      const kept = keep(value);
      if (kept && kept.ttlMs > 0 && this.changes.unchangedSince(since, tables)) {
        const old = this.#entries.get(key);
        if (old) this.#drop(key, old);
        this.#entries.set(key, {
          value,
          since,
          tables,
          expiresAt: Date.now() + kept.ttlMs,
          bytes: kept.bytes,
        });
        this.#bytes += kept.bytes;
        for (const [oldestKey, oldest] of this.#entries) {
          if (this.#entries.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
          this.#drop(oldestKey, oldest);
        }
      }
      return { value, since, tables, kept: kept !== null };
    });
    if (!this.#flights.has(key)) {
      this.#flights.set(key, run);
      const land = () => {
        if (this.#flights.get(key) === run) this.#flights.delete(key);
      };
      run.then(land, land);
    }
    return (await run).value;
  }

  get size() {
    return this.#entries.size;
  }

  #drop(key: string, entry: Entry<T>) {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  /** A Uint8Array, which @hono/node-server writes out directly; other bodies go through a stream. */
  body: Uint8Array<ArrayBuffer> | null;
  /**
   * The headers the answer left the app with, after every middleware had added its own (security headers,
   * Cache-Control); set by `servedFromMemoryFirst` once one such answer went out.
   */
  sent?: Record<string, string>;
  /** The body compressed, made the first time a caller accepts each encoding. */
  encoded?: Partial<Record<ContentEncoding, Uint8Array<ArrayBuffer>>>;
}

const RESPONSE_CACHE_LIMITS = { maxEntries: 20_000, maxBytes: 128 * 1024 * 1024 };
const responseCaches = new WeakMap<Deps, ReadCache<CachedResponse>>();

function responseCacheOf(deps: Deps): ReadCache<CachedResponse> | null {
  const changes = dataChangesOf(deps.db);
  if (!changes || !deps.config.readCache) return null;
  let cache = responseCaches.get(deps);
  if (!cache) {
    cache = new ReadCache(changes, RESPONSE_CACHE_LIMITS);
    responseCaches.set(deps, cache);
  }
  return cache;
}

const keyOf = (actor: Actor, url: string) => `${actor.userId}\n${actor.personId}\n${actor.role}\n${url}`;

/**
 * A kept answer as a response: compressed when the caller accepts it and the body is big enough. The
 * compressed body is kept with the answer, so each is compressed once, not once per request.
 */
function answer(kept: CachedResponse, headers: Record<string, string>, acceptEncoding: string | undefined) {
  const encoding = preferredEncoding(acceptEncoding);
  if (!encoding || !kept.body || kept.body.byteLength < MIN_COMPRESSED_BYTES) {
    return new Response(kept.body, { status: kept.status, headers: { ...headers, vary: "Accept-Encoding" } });
  }
  kept.encoded ??= {};
  kept.encoded[encoding] ??= compressBody(kept.body, encoding);
  const body = kept.encoded[encoding];
  return new Response(body, {
    status: kept.status,
    headers: { ...headers, "content-encoding": encoding, vary: "Accept-Encoding" },
  });
}

/**
 * Serves a signed-in GET from memory while nothing it read has changed, for at most `seconds` (the bound on
 * anything else it depends on, such as the clock). The key is the caller (user, person and role) and the
 * whole URL, so an entry only ever goes back to the caller it was computed for, by the same route code and
 * the same access checks. Only 200 JSON answers are kept.
 */
export function cachedRead(seconds: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get("actor");
    const cache = c.req.method === "GET" && actor ? responseCacheOf(c.get("deps")) : null;
    if (!cache || !actor) return next();
    const key = keyOf(actor, c.req.url);
    const accept = c.req.header("accept-encoding");
    const hit = cache.get(key);
    if (hit) return answer(hit, hit.headers, accept);
    let ran = false;
    const kept = await cache.compute(
      key,
      async () => {
        ran = true;
        await next();
        const res = c.res;
        const cacheable =
          res.status === 200 &&
          /^application\/json\b/.test(res.headers.get("content-type") ?? "") &&
          !res.headers.has("set-cookie");
        const body = cacheable ? new Uint8Array(await res.arrayBuffer()) : null;
        return { status: res.status, headers: Object.fromEntries(res.headers), body };
      },
      // A compressed copy is a small part of the body's size; half of it covers both encodings.
      (kept) =>
        kept.body ? { ttlMs: seconds * 1000, bytes: 1.5 * kept.body.byteLength + key.length + 200 } : null,
    );
    if (!ran) return answer(kept, kept.headers, accept);
    if (kept.body) c.res = answer(kept, kept.headers, accept);
  };
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/** Whether a full URL's path is under /api/ and outside the sign-in routes, without parsing the URL. */
function cacheableApiPath(url: string) {
  const path = url.indexOf("/", url.indexOf("//") + 2);
  return path !== -1 && url.startsWith("/api/", path) && !url.startsWith("/api/auth/", path);
}

/**
 * Wraps the app's fetch: a GET that `cachedRead` kept for this caller and URL is answered before routing,
 * with the headers the same answer left the app with the first time, so neither the router nor any
 * middleware runs again for it. Every other request goes to the app, and a kept answer's headers are noted
 * on its way out.
 */
export function servedFromMemoryFirst<F extends Fetch>(
  deps: Deps,
  actorOf: (headers: Headers) => Promise<Actor | null>,
  fetch: F,
): F {
  const cache = responseCacheOf(deps);
  if (!cache) return fetch;
  const front = async (request: Request, ...rest: never[]) => {
    if (request.method !== "GET" || !cacheableApiPath(request.url)) return fetch(request, ...rest);
    // A failed lookup (a busy database) is the app's to answer, with its error handler.
    const actor = await actorOf(request.headers).catch(() => null);
    if (!actor) return fetch(request, ...rest);
    const key = keyOf(actor, request.url);
    const hit = cache.get(key);
    if (hit?.sent) return answer(hit, hit.sent, request.headers.get("accept-encoding") ?? undefined);
    const res = await fetch(request, ...rest);
    const kept = hit ?? cache.get(key);
    if (kept?.body && !kept.sent && res.status === 200 && !res.headers.has("set-cookie")) {
      const { "content-encoding": _, ...sent } = Object.fromEntries(res.headers);
      kept.sent = sent;
    }
    return res;
  };
  return front as F;
}
