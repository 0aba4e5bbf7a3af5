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
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins,
      ...(log ? { log } : {}),
    });
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
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({
      database: withStatementCache(database) as unknown as SqliteDialectConfig["database"],
    }),
    plugins,
    ...(log ? { log } : {}),
  });
  return { db, engine: "sqlite", close: () => db.destroy() };
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
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

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
