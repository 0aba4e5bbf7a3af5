import { AsyncLocalStorage } from "node:async_hooks";
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  OperationNode,
  QueryResult,
  TransactionSettings,
} from "kysely";

/** Tables written by a trigger when another table is written (migration 0009's search index on SQLite). */
const TRIGGERED: Readonly<Record<string, readonly string[]>> = { person: ["person_search"] };

/** What a statement reads or writes: named tables, or `null` when its SQL hides them (raw text). */
interface StatementTables {
  writes: boolean;
  tables: readonly string[] | null;
}

const RAW_READ = /^\s*(select|pragma|explain|values|with)\b/i;
const RAW_WRITE_IN_WITH = /\b(insert\s+into|update\s+[\w".]+\s+set|delete\s+from)\b/i;
const RAW_CONTROL =
  /^\s*(begin|commit|rollback|savepoint|release|end|set\s+(local\s+)?(search_path|lock_timeout|statement_timeout))\b/i;
/** A table keyword followed by a name written in the text: a table the query tree does not name. */
const TABLE_NAMED_IN_TEXT = /\b(from|join|into|update|table)\s+[^\s(]/i;
/** A table keyword at the end of a fragment: the table is the next parameter, named only if `sql.table()`. */
const TABLE_KEYWORD_LAST = /\b(from|join|into|update|table)\s*$/i;

interface RawParts {
  sqlFragments: readonly string[];
  parameters: readonly OperationNode[];
}

/** Whether a parameter of raw SQL is a table reference (`sql.table("person")`). */
function isTableReference(node: OperationNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === "TableNode") return true;
  if (node.kind === "AliasNode") return isTableReference((node as unknown as { node: OperationNode }).node);
  if (node.kind !== "RawNode") return false;
  const raw = node as unknown as RawParts;
  return (
    raw.parameters.length === 1 &&
    raw.sqlFragments.every((f) => f.trim() === "") &&
    isTableReference(raw.parameters[0])
  );
}

/** Whether raw SQL hides a table in its text, rather than naming each one with `sql.table()`. */
function hidesTable(raw: RawParts) {
  return raw.sqlFragments.some(
    (fragment, i) =>
      TABLE_NAMED_IN_TEXT.test(fragment) ||
      (TABLE_KEYWORD_LAST.test(fragment) && !isTableReference(raw.parameters[i])),
  );
}

function collectTables(node: unknown, into: Set<string>): boolean {
  if (!node || typeof node !== "object") return true;
  if (Array.isArray(node)) {
    let known = true;
    for (const child of node) known = collectTables(child, into) && known;
    return known;
  }
  const kind = (node as OperationNode).kind;
  if (kind === "TableNode") {
    into.add((node as unknown as { table: { identifier: { name: string } } }).table.identifier.name);
    return true;
  }
  let known = true;
  if (kind === "RawNode" && hidesTable(node as unknown as RawParts)) known = false;
  for (const value of Object.values(node)) {
    if (value && typeof value === "object") known = collectTables(value, into) && known;
  }
  return known;
}

function classify(query: CompiledQuery): StatementTables | "control" {
  const root = query.query;
  if (root.kind === "RawNode") {
    if (RAW_CONTROL.test(query.sql)) return "control";
    const writes = !RAW_READ.test(query.sql) || RAW_WRITE_IN_WITH.test(query.sql);
    const tables = new Set<string>();
    const known = collectTables(root, tables);
    return { writes, tables: known ? [...tables] : null };
  }
  const tables = new Set<string>();
  const known = collectTables(root, tables);
  const writes = root.kind !== "SelectQueryNode";
  if (writes) for (const t of [...tables]) for (const derived of TRIGGERED[t] ?? []) tables.add(derived);
  return { writes, tables: known ? [...tables] : null };
}

/**
 * Which tables changed, and when, in this process's view of the database: a sequence number that every
 * write raises, and per table the number of its last write. A statement's tables are read off the query
 * tree Kysely compiled (raw SQL that names tables in its text counts as touching every table). A write
 * counts when it starts, when it ends outside a transaction, and when its transaction ends, so a reader
 * that saw the number after a commit also sees the committed rows. Writes by other processes are caught by
 * `external` (SQLite's data_version), which counts as a write to every table.
 */
export class DataChanges {
  #seq = 0;
  #lastWriteOfAnyTable = 0;
  #lastWriteOfEveryTable = 0;
  readonly #lastWrite = new Map<string, number>();
  readonly #reads = new AsyncLocalStorage<Set<string>>();
  readonly #classified = new Map<string, StatementTables | "control">();
  external: (() => boolean) | null = null;
  /**
   * Tells other processes which tables this one wrote (PostgreSQL: pg_notify on the writing connection, so
   * inside a transaction it is delivered with the commit).
   */
  announce: ((connection: DatabaseConnection, tables: readonly string[] | null) => Promise<void>) | null =
    null;
  /** Called once when the first cache asks, to start hearing other processes' writes. */
  watch: (() => void) | null = null;
  /** Settles once other processes' writes are heard (at once where there is nothing to hear). */
  listening: Promise<void> = Promise.resolve();
  /** Called when the database handle is destroyed. */
  onDestroy: (() => Promise<void>) | null = null;

  /** Starts hearing other processes' writes and resolves once it does. */
  ready(): Promise<void> {
    this.now();
    return this.listening;
  }

  /** The current sequence number; a snapshot to compare with later. */
  now(): number {
    if (this.watch) {
      const watch = this.watch;
      this.watch = null;
      watch();
    }
    if (this.external?.()) this.written(null);
    return this.#seq;
  }

  written(tables: readonly string[] | null): void {
    const seq = ++this.#seq;
    this.#lastWriteOfAnyTable = seq;
    if (tables === null) this.#lastWriteOfEveryTable = seq;
    else for (const t of tables) this.#lastWrite.set(t, seq);
  }

  /**
   * Whether none of `tables` changed since `since`. `null` stands for tables that could not be named,
   * which any write changes.
   */
  unchangedSince(since: number, tables: ReadonlySet<string> | null): boolean {
    if (this.external?.()) this.written(null);
    if (this.#lastWriteOfEveryTable > since) return false;
    if (tables === null) return this.#lastWriteOfAnyTable <= since;
    for (const t of tables) if ((this.#lastWrite.get(t) ?? 0) > since) return false;
    return true;
  }

  /** Runs `fn` and returns the tables its queries read (null if some could not be named). */
  async tracking<T>(fn: () => Promise<T>): Promise<{ value: T; tables: ReadonlySet<string> | null }> {
    const tables = new Set<string>();
    const value = await this.#reads.run(tables, fn);
    return { value, tables: tables.has("\0unknown") ? null : tables };
  }

  /** @internal Called by the driver for every statement; returns the tables a write touches. */
  seen(query: CompiledQuery): StatementTables | "control" {
    let kind = this.#classified.get(query.sql);
    if (!kind) {
      kind = classify(query);
      if (this.#classified.size >= 2000) this.#classified.clear();
      this.#classified.set(query.sql, kind);
    }
    if (kind !== "control" && !kind.writes) {
      const reads = this.#reads.getStore();
      if (reads) {
        if (kind.tables === null) reads.add("\0unknown");
        else for (const t of kind.tables) reads.add(t);
      }
    }
    return kind;
  }
}

interface TrackedConnection extends DatabaseConnection {
  readonly inner: DatabaseConnection;
  /** Tables written in the open transaction; null while none is open. */
  pending: Set<string> | null | "unknown";
}

function track(connection: DatabaseConnection, changes: DataChanges): TrackedConnection {
  /** A transaction begun or ended in raw SQL rather than through Kysely's transaction(). */
  async function control<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (/^\s*begin\b/i.test(query.sql)) {
      const result = await connection.executeQuery<R>(query);
      tracked.pending = new Set();
      return result;
    }
    if (!/^\s*(commit|rollback|end)\b/i.test(query.sql) || /\bto\b/i.test(query.sql)) {
      return connection.executeQuery<R>(query);
    }
    const pending = tracked.pending;
    if (/^\s*(commit|end)\b/i.test(query.sql)) await announcePending(changes, connection, pending);
    try {
      return await connection.executeQuery<R>(query);
    } finally {
      tracked.pending = null;
      flush(changes, pending);
    }
  }
  const tracked: TrackedConnection = {
    inner: connection,
    pending: null,
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const seen = changes.seen(query);
      if (seen === "control") return control(query);
      if (!seen.writes) return connection.executeQuery<R>(query);
      changes.written(seen.tables);
      if (tracked.pending !== null && tracked.pending !== "unknown") {
        if (seen.tables === null) tracked.pending = "unknown";
        else for (const t of seen.tables) tracked.pending.add(t);
      }
      const result = await connection.executeQuery<R>(query).finally(() => {
        if (tracked.pending === null) changes.written(seen.tables);
      });
      if (tracked.pending === null) await changes.announce?.(connection, seen.tables);
      return result;
    },
    streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
      changes.seen(query);
      return connection.streamQuery<R>(query, chunkSize);
    },
  };
  return tracked;
}

/** Before a commit: tells other processes what the transaction wrote, delivered with the commit. */
async function announcePending(
  changes: DataChanges,
  connection: DatabaseConnection,
  pending: TrackedConnection["pending"],
) {
  if (!changes.announce || !pending || (pending !== "unknown" && !pending.size)) return;
  await changes.announce(connection, pending === "unknown" ? null : [...pending]);
}

function flush(changes: DataChanges, pending: TrackedConnection["pending"]) {
  if (pending === "unknown") changes.written(null);
  else if (pending?.size) changes.written([...pending]);
}

/** A driver that reports every statement to `changes` (see DataChanges). */
class TrackingDriver implements Driver {
  readonly #wrapped = new WeakMap<DatabaseConnection, TrackedConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly changes: DataChanges,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let tracked = this.#wrapped.get(connection);
    if (!tracked) {
      tracked = track(connection, this.changes);
      this.#wrapped.set(connection, tracked);
    }
    return tracked;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const tracked = connection as TrackedConnection;
    await this.inner.beginTransaction(tracked.inner, settings);
    tracked.pending = new Set();
  }

  async commitTransaction(connection: DatabaseConnection) {
    const tracked = connection as TrackedConnection;
    await announcePending(this.changes, tracked.inner, tracked.pending);
    await this.#end(tracked, () => this.inner.commitTransaction(tracked.inner));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await this.#end(connection as TrackedConnection, () =>
      this.inner.rollbackTransaction((connection as TrackedConnection).inner),
    );
  }

  async #end(tracked: TrackedConnection, end: () => Promise<void>) {
    const pending = tracked.pending;
    try {
      await end();
    } finally {
      tracked.pending = null;
      flush(this.changes, pending);
    }
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["savepoint"]>>[2],
  ) {
    return (
      this.inner.savepoint?.((connection as TrackedConnection).inner, name, compile) ?? Promise.resolve()
    );
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["rollbackToSavepoint"]>>[2],
  ) {
    return (
      this.inner.rollbackToSavepoint?.((connection as TrackedConnection).inner, name, compile) ??
      Promise.resolve()
    );
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver["releaseSavepoint"]>>[2],
  ) {
    return (
      this.inner.releaseSavepoint?.((connection as TrackedConnection).inner, name, compile) ??
      Promise.resolve()
    );
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection((connection as TrackedConnection).inner);
  }

  async destroy() {
    await this.changes.onDestroy?.();
    await this.inner.destroy();
  }
}

export function trackingDialect(dialect: Dialect, changes: DataChanges): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TrackingDriver(dialect.createDriver(), changes),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
