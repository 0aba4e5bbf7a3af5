import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type KyselyConfig,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import Sqlite from "libsql";
import pg from "pg";
import { DataChanges, trackingDialect } from "./data-changes.ts";
import { BooleanAsIntegerPlugin } from "./plugins.ts";
import type { Database } from "./schema.ts";

export type Engine = "sqlite" | "postgres";

export type Db = Kysely<Database>;

/** Whether a Kysely instance (the app's, or a migration's untyped one) talks to PostgreSQL. */
export const isPostgres = (db: { getExecutor(): { adapter: unknown } }) =>
  db.getExecutor().adapter instanceof PostgresAdapter;

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

const changesOf = new WeakMap<object, DataChanges>();

/** The write tracker of a handle opened by `openDb` (see DataChanges); caches check it before serving. */
export function dataChangesOf(db: Db): DataChanges | undefined {
  return changesOf.get(db);
}

export interface OpenDbOptions {
  /** PostgreSQL only: schema to use as search_path (tests run each file in its own schema). */
  schema?: string;
  /** Called with every query run, for tests that inspect the SQL the app sends. */
  onQuery?: (query: CompiledQuery, durationMs: number) => void;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export function sqlitePath(url: string): string {
  const path = url.replace(/^file:(\/\/)?/, "").replace(/^sqlite:/, "");
  return path === ":memory:" ? path : resolve(path);
}

/** Connection settings for a postgres:// URL; without a user name, the OS user's name is used, as psql does. */
export function pgConnection(url: string, schema?: string): pg.PoolConfig {
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER ?? userInfo().username;
  return {
    connectionString: parsed.toString(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
}

export function openDb(url: string, options: OpenDbOptions = {}): DbHandle {
  const plugins = [new BooleanAsIntegerPlugin()];
  const onQuery = options.onQuery;
  const log: KyselyConfig["log"] = onQuery
    ? (event) => {
        if (event.level === "query") onQuery(event.query, event.queryDurationMillis);
      }
    : undefined;
  if (engineOf(url) === "postgres") {
    const pool = new pg.Pool({ ...pgConnection(url, options.schema), max: 10 });
    const changes = new DataChanges();
    hearOtherProcesses(changes, url, options.schema);
    const db = new Kysely<Database>({
      dialect: trackingDialect(new PostgresDialect({ pool }), changes),
      plugins,
      ...(log ? { log } : {}),
    });
    changesOf.set(db, changes);
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new Sqlite(path);
  database.exec("PRAGMA journal_mode = WAL");
  // FULL syncs the WAL on every commit, so an acknowledged write survives power loss as well as a killed
  // process; NORMAL would only survive the latter (README, "Durability").
  database.exec("PRAGMA synchronous = FULL");
  database.exec("PRAGMA foreign_keys = ON");
  database.exec("PRAGMA busy_timeout = 5000");
  const changes = new DataChanges();
  const dataVersionQuery = database.prepare("pragma data_version");
  const dataVersion = () => (dataVersionQuery.get() as { data_version: number }).data_version;
  let lastDataVersion = dataVersion();
  // Asked on every cached read; once a millisecond is enough for another process's commit to show.
  let polledAt = 0;
  changes.external = () => {
    const now = performance.now();
    if (now - polledAt < 1) return false;
    polledAt = now;
    const version = dataVersion();
    if (version === lastDataVersion) return false;
    lastDataVersion = version;
    return true;
  };
  const db = new Kysely<Database>({
    dialect: trackingDialect(
      new ImmediateSqliteDialect({
        database: withStatementCache(database) as unknown as SqliteDialectConfig["database"],
      }),
      changes,
    ),
    plugins,
    ...(log ? { log } : {}),
  });
  changesOf.set(db, changes);
  return { db, engine: "sqlite", close: () => db.destroy() };
}

const CHANGES_CHANNEL = "trellis_data_changes";

/**
 * Other app processes on the same PostgreSQL database write too. Each write is announced with pg_notify on
 * the writing connection (inside a transaction PostgreSQL delivers it with the commit), and a listening
 * connection turns the others' announcements into changes here. While that connection is down, every check
 * counts as changed, so nothing is served from memory that might be out of date.
 */
function hearOtherProcesses(changes: DataChanges, url: string, schema: string | undefined) {
  const origin = randomUUID();
  const channel = schema ? `${CHANGES_CHANNEL}_${schema}` : CHANGES_CHANNEL;
  let listening = false;
  let listener: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  changes.announce = async (connection, tables) => {
    const payload = JSON.stringify({ origin, tables });
    await connection.executeQuery(CompiledQuery.raw("select pg_notify($1, $2)", [channel, payload]));
  };
  changes.external = () => !listening;
  let heard: () => void = () => {};
  changes.listening = new Promise<void>((resolve) => {
    heard = resolve;
  });
  changes.watch = () => {
    const connect = () => {
      if (closed) return;
      const client = new pg.Client(pgConnection(url, schema));
      listener = client;
      const lost = () => {
        listening = false;
        client.removeAllListeners();
        client.end().catch(() => {});
        if (!closed && !retry) {
          retry = setTimeout(() => {
            retry = null;
            connect();
          }, 1000);
          retry.unref();
        }
      };
      client.on("error", lost);
      client.on("end", lost);
      client.on("notification", (message) => {
        if (message.channel !== channel || !message.payload) return;
        const { origin: from, tables } = JSON.parse(message.payload) as {
          origin: string;
          tables: string[] | null;
        };
        if (from !== origin) changes.written(tables);
      });
      client
        .connect()
        .then(() => client.query(`listen "${channel}"`))
        .then(() => {
          // Writes made before the listening began were not heard: count them as a change to everything.
          changes.written(null);
          listening = true;
          heard();
        })
        .catch(lost);
    };
    connect();
  };
  changes.onDestroy = async () => {
    closed = true;
    listening = false;
    if (retry) clearTimeout(retry);
    await listener?.end().catch(() => {});
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; compiling the SQL again costs more than running a small indexed
 * query. The app's statements come from a fixed set of builders, so a bounded cache of prepared statements
 * keyed by SQL text covers them. A libsql statement resets itself on each run.
 */
function withStatementCache(database: Sqlite.Database) {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = database.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * A transaction that begins with a read and then writes fails at once with SQLITE_BUSY_SNAPSHOT when another
 * connection (a second app process, a backup, the sqlite3 shell) committed in between; one that takes the
 * write lock as it begins waits its turn under busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #turns = new ConnectionTurns();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.take();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#turns.pass();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * Turns at the one connection, in the order they were asked for. libsql runs statements synchronously, so
 * a request that finds the connection free runs its queries inside the socket callback that read it, and
 * the event loop reads the next socket only after. Under a steady stream of writes, one pass over the
 * ready sockets took the whole queue, and new connections were accepted one per pass: their requests
 * waited for seconds (bench:api, take attendance at 50 connections, 10 s timeouts). So once the connection
 * has been busy for TURN_BUDGET_MS in one turn of the event loop, later callers wait for the next turn, and
 * from then on waiters are handed the connection one turn at a time, with a poll of the sockets in between.
 */
class ConnectionTurns {
  #taken = false;
  #handingOver = false;
  #turnBegan: number | null = null;
  readonly #waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.#taken && this.#waiting.length === 0 && !this.#turnSpent()) {
      this.#begin();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (!this.#taken) this.#handOver();
    });
  }

  pass() {
    this.#taken = false;
    if (this.#waiting.length === 0) return;
    if (this.#turnSpent()) this.#handOver();
    else this.#giveToNext();
  }

  #turnSpent() {
    return this.#turnBegan !== null && performance.now() - this.#turnBegan > TURN_BUDGET_MS;
  }

  #begin() {
    this.#taken = true;
    if (this.#turnBegan === null) {
      this.#turnBegan = performance.now();
      setImmediate(() => {
        this.#turnBegan = null;
      });
    }
  }

  #handOver() {
    if (this.#handingOver) return;
    this.#handingOver = true;
    setImmediate(() => {
      this.#handingOver = false;
      if (!this.#taken) this.#giveToNext();
    });
  }

  #giveToNext() {
    const next = this.#waiting.shift();
    if (!next) return;
    this.#begin();
    next();
  }
}

const TURN_BUDGET_MS = 2;

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}
