import type { ControlledTransaction, Insertable } from "kysely";
import type Sqlite from "libsql";
import type { Db, Engine } from "../../src/server/db/kysely.ts";
import type { Database } from "../../src/server/db/schema.ts";

export type Table = keyof Database;
export type Row<T extends Table> = Insertable<Database[T]>;

/** Bound parameters per statement: SQLite's SQLITE_MAX_VARIABLE_NUMBER and PostgreSQL's wire-protocol limit. */
const PARAMETER_LIMIT: Record<Engine, number> = { sqlite: 32_766, postgres: 65_535 };

/**
 * Buffers rows per table and writes them as multi-row inserts, inside one transaction per phase. Before a
 * table's buffer is written, every table first given rows before it is written too, so a row's parent
 * (always made before the row) is in the database first.
 */
export class RowWriter {
  readonly #buffers = new Map<Table, { columns: string[]; rows: Record<string, unknown>[] }>();
  readonly #counts = new Map<Table, number>();

  private constructor(
    private readonly target: Target,
    private readonly engine: Engine,
    private readonly maxRowsPerStatement: number,
    private readonly onRows: (table: Table, count: number) => void,
  ) {}

  /** Kysely multi-row inserts: the same code on both engines. */
  static kysely(db: Db, engine: Engine, onRows: (table: Table, count: number) => void = () => {}) {
    return new RowWriter(new KyselyTarget(db), engine, engine === "sqlite" ? 500 : 1000, onRows);
  }

  /** Cached multi-row prepared statements on a raw libsql connection (SQLite only). */
  static sqlite(database: Sqlite.Database, onRows: (table: Table, count: number) => void = () => {}) {
    return new RowWriter(new SqliteTarget(database), "sqlite", 100, onRows);
  }

  count(table: Table): number {
    return this.#counts.get(table) ?? 0;
  }

  get counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  async add<T extends Table>(table: T, row: Row<T>): Promise<void> {
    let buffer = this.#buffers.get(table);
    if (!buffer) {
      buffer = { columns: Object.keys(row), rows: [] };
      this.#buffers.set(table, buffer);
    }
    buffer.rows.push(row as Record<string, unknown>);
    this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
    if (buffer.rows.length >= this.#rowsPerStatement(buffer.columns.length)) await this.#writeThrough(table);
  }

  #rowsPerStatement(columns: number): number {
    return Math.max(
      1,
      Math.min(this.maxRowsPerStatement, Math.floor(PARAMETER_LIMIT[this.engine] / columns)),
    );
  }

  /** Writes `table`'s buffer, after the buffers of every table first seen before it. */
  async #writeThrough(table: Table): Promise<void> {
    for (const name of this.#buffers.keys()) {
      await this.#write(name);
      if (name === table) return;
    }
  }

  async #write(table: Table): Promise<void> {
    const buffer = this.#buffers.get(table);
    if (!buffer || buffer.rows.length === 0) return;
    const rows = buffer.rows;
    buffer.rows = [];
    const per = this.#rowsPerStatement(buffer.columns.length);
    for (let i = 0; i < rows.length; i += per) {
      await this.target.insert(table, buffer.columns, rows.slice(i, i + per));
    }
    this.onRows(table, rows.length);
  }

  async flush(): Promise<void> {
    for (const name of this.#buffers.keys()) await this.#write(name);
  }

  /** Runs one phase in a transaction; everything it added is written before the commit. */
  async transaction(body: () => Promise<void>): Promise<void> {
    await this.target.begin();
    await body();
    await this.flush();
    await this.target.commit();
  }
}

interface Target {
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(table: Table, columns: string[], rows: Record<string, unknown>[]): Promise<void>;
}

class KyselyTarget implements Target {
  #trx: ControlledTransaction<Database> | null = null;

  constructor(private readonly db: Db) {}

  async begin() {
    this.#trx = await this.db.startTransaction().execute();
  }

  async commit() {
    await this.#trx?.commit().execute();
    this.#trx = null;
  }

  async insert(table: Table, _columns: string[], rows: Record<string, unknown>[]) {
    await (this.#trx ?? this.db)
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

class SqliteTarget implements Target {
  readonly #statements = new Map<string, Sqlite.Statement>();

  constructor(private readonly database: Sqlite.Database) {}

  async begin() {
    this.database.exec("begin");
  }

  async commit() {
    this.database.exec("commit");
  }

  async insert(table: Table, columns: string[], rows: Record<string, unknown>[]) {
    const key = `${table}:${rows.length}`;
    let statement = this.#statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => "?").join(",")})`;
      statement = this.database.prepare(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(",")}) values ${Array(rows.length).fill(tuple).join(",")}`,
      );
      this.#statements.set(key, statement);
    }
    const params: unknown[] = [];
    for (const row of rows) for (const c of columns) params.push(row[c] ?? null);
    statement.run(params);
  }
}
