import { sql } from "kysely";
import type { DbHandle } from "./kysely.ts";

/**
 * Keeps the query planner's table statistics current. Without them SQLite guesses that every index is
 * selective, and in a single large organization an index led by organization_id is not, so it walks all
 * of the organization's rows. PostgreSQL's autovacuum does this on its own; after a bulk load, call
 * `analyze` for both.
 */
export async function refreshStatistics(handle: DbHandle, mode: "analyze" | "optimize" = "optimize") {
  if (handle.engine === "postgres") {
    if (mode === "analyze") await sql`analyze`.execute(handle.db);
    return;
  }
  const hasStatistics = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(handle.db);
  await sql`pragma analysis_limit = 2000`.execute(handle.db);
  if (mode === "analyze" || hasStatistics.rows.length === 0) await sql`analyze`.execute(handle.db);
  else await sql`pragma optimize`.execute(handle.db);
}
