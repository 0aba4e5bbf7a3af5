import type { Kysely } from "kysely";

/**
 * The durable background job queue: emails, imports, webhook and xAPI deliveries. A job is claimed with a
 * lease, so one whose worker died is taken up again once the lease lapses.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("job_due_idx").on("job").columns(["status", "run_at"]).execute();
  await db.schema.createIndex("job_lease_idx").on("job").columns(["status", "locked_until"]).execute();
  await db.schema.createIndex("job_finished_idx").on("job").columns(["status", "finished_at"]).execute();
}
