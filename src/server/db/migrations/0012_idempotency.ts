import type { Kysely } from "kysely";

/**
 * Idempotency keys of retried writes: one row per (person, method, path, key), holding the first answer so
 * that a retry gets it again instead of writing twice. The response body is encrypted with the master key,
 * because an answer can carry confidential content.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("idempotency_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    // No foreign key: a row lapses within a day and must not stand in the way of erasing a person.
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("lock_token", "text", (c) => c.notNull())
    .addColumn("locked_until", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .addColumn("response_status", "integer")
    .addColumn("response_type", "text")
    .addColumn("response_body", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addUniqueConstraint("idempotency_key_scope_uq", ["person_id", "method", "path", "key"])
    .execute();
  await db.schema
    .createIndex("idempotency_key_expires_idx")
    .on("idempotency_key")
    .column("expires_at")
    .execute();
}
