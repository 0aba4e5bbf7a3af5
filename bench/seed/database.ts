import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import Sqlite from "libsql";
import { type Engine, engineOf, openDb, sqlitePath } from "../../src/server/db/kysely.ts";
import { ROOT } from "../../src/server/web-build.ts";

export const BENCH_SLUG = "benchmark-corp";

export interface Target {
  url: string;
  engine: Engine;
  /** Where the app keeps `.master-key` and `.auth-secret` for this database (as `main.ts` decides). */
  dataDir: string;
  manifestPath: string;
}

export function targetOf(url: string): Target {
  const engine = engineOf(url);
  const dataDir = engine === "sqlite" ? dirname(sqlitePath(url)) : join(ROOT, "data");
  const manifestDir = engine === "sqlite" ? dataDir : join(ROOT, "data", "bench-pg");
  return { url, engine, dataDir, manifestPath: join(manifestDir, "manifest.json") };
}

/** The organizations' slugs, or null when the database has no organization table yet (empty). */
async function slugsIn(target: Target): Promise<string[] | null> {
  if (target.engine === "sqlite") {
    const path = sqlitePath(target.url);
    if (!existsSync(path)) return null;
    const database = new Sqlite(path, { readonly: true });
    try {
      const table = database
        .prepare("select name from sqlite_master where type = 'table' and name = 'organization'")
        .get();
      if (!table) return null;
      return (database.prepare("select slug from organization").all() as { slug: string }[]).map(
        (r) => r.slug,
      );
    } finally {
      database.close();
    }
  }
  const handle = openDb(target.url);
  try {
    const exists = await sql<{ n: string }>`
      select count(*) as n from information_schema.tables
      where table_schema = current_schema() and table_name = 'organization'`.execute(handle.db);
    if (Number(exists.rows[0]?.n ?? 0) === 0) return null;
    const rows = await sql<{ slug: string }>`select slug from organization`.execute(handle.db);
    return rows.rows.map((r) => r.slug);
  } finally {
    await handle.close();
  }
}

/**
 * Empties the target so that the real migrations build it from scratch: the SQLite file (and its -wal, -shm)
 * is deleted; on PostgreSQL the current schema is dropped and created again. A database that holds anything
 * but an earlier benchmark organization is left alone unless `force` (--reset) is given.
 */
export async function resetDatabase(target: Target, force: boolean): Promise<void> {
  const slugs = await slugsIn(target);
  const ours = slugs === null || slugs.every((s) => s === BENCH_SLUG);
  if (!ours && !force) {
    throw new Error(
      `${target.url} holds other organizations (${slugs?.slice(0, 3).join(", ")}); pass --reset to replace it with the benchmark organization.`,
    );
  }
  if (target.engine === "sqlite") {
    const path = sqlitePath(target.url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
    return;
  }
  const handle = openDb(target.url);
  try {
    const schema = (await sql<{ name: string }>`select current_schema() as name`.execute(handle.db)).rows[0]
      ?.name;
    if (!schema) throw new Error("No current schema on the PostgreSQL connection.");
    await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
    await sql`create schema ${sql.id(schema)}`.execute(handle.db);
  } finally {
    await handle.close();
  }
}
