import type { Kysely } from "kysely";

/**
 * xAPI: an organization's learning record store (one per organization; the Basic auth secret is encrypted
 * with the master key) and the statements Trellis made for it, kept as sent so that a retry sends the same
 * statement id and content, and shown as the statement log.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("xapi_connection")
    .addColumn("organization_id", "text", (c) => c.primaryKey().references("organization.id"))
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("auth_key", "text", (c) => c.notNull())
    .addColumn("auth_secret_encrypted", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("actor_format", "text", (c) => c.notNull().defaultTo("account"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("xapi_statement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    // No foreign key: erasing a person deletes their statements, and nothing else points here.
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    // What happened, once: a lesson completed twice or a certificate settled twice makes one statement.
    .addColumn("event_key", "text", (c) => c.notNull())
    .addColumn("statement_id", "text", (c) => c.notNull())
    .addColumn("verb_id", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("object_name", "text", (c) => c.notNull())
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addUniqueConstraint("xapi_statement_event_uq", ["organization_id", "event_key"])
    .execute();
  await db.schema
    .createIndex("xapi_statement_org_created_idx")
    .on("xapi_statement")
    .columns(["organization_id", "created_at", "id"])
    .execute();
  await db.schema.createIndex("xapi_statement_person_idx").on("xapi_statement").column("person_id").execute();
}
