import type { Kysely } from "kysely";

/**
 * Webhooks: endpoints an organization registers, the outbox of events, and one delivery per event and
 * endpoint with a row per attempt. Events carry ids and states only, never names or content.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("webhook_endpoint")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("disabled_reason", "text")
    // The signing secret, encrypted with the master key (the endpoint id is the AAD).
    .addColumn("secret_encrypted", "text", (c) => c.notNull())
    .addColumn("secret_rotated_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_endpoint_org_idx")
    .on("webhook_endpoint")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("webhook_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_event_org_idx")
    .on("webhook_event")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("webhook_delivery")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("endpoint_id", "text", (c) =>
      c.notNull().references("webhook_endpoint.id").onDelete("cascade"),
    )
    .addColumn("event_id", "text", (c) => c.notNull().references("webhook_event.id"))
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .addColumn("next_retry_at", "text")
    .addColumn("request_body", "text", (c) => c.notNull())
    .addColumn("response_excerpt", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_delivery_endpoint_idx")
    .on("webhook_delivery")
    .columns(["endpoint_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("webhook_delivery_event_idx")
    .on("webhook_delivery")
    .column("event_id")
    .execute();
  await db.schema
    .createIndex("webhook_delivery_completed_idx")
    .on("webhook_delivery")
    .column("completed_at")
    .execute();
  await db.schema.createIndex("webhook_event_created_idx").on("webhook_event").column("created_at").execute();

  await db.schema
    .createTable("webhook_delivery_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("delivery_id", "text", (c) =>
      c.notNull().references("webhook_delivery.id").onDelete("cascade"),
    )
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .addColumn("response_excerpt", "text")
    .addColumn("next_retry_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_delivery_attempt_delivery_idx")
    .on("webhook_delivery_attempt")
    .columns(["delivery_id", "attempt"])
    .execute();
}
