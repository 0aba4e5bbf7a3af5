import type { Kysely } from "kysely";

/**
 * Email notification preferences (one row per person and category that was changed; a missing row means on),
 * and the indexes the reminder scans read by: each scan asks for rows whose scheduled time or due date falls in
 * a short window, so it stays cheap on a large organization.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_preference")
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preference_pk", ["person_id", "category"])
    .execute();

  await db.schema
    .createIndex("coaching_session_scheduled_idx")
    .on("coaching_session")
    .columns(["scheduled_at"])
    .execute();
  await db.schema
    .createIndex("coaching_session_created_idx")
    .on("coaching_session")
    .columns(["created_at"])
    .execute();
  await db.schema
    .createIndex("training_session_starts_idx")
    .on("training_session")
    .columns(["starts_at"])
    .execute();
  await db.schema
    .createIndex("training_session_updated_idx")
    .on("training_session")
    .columns(["updated_at"])
    .execute();
  await db.schema
    .createIndex("coaching_action_due_idx")
    .on("coaching_action")
    .columns(["due_date"])
    .execute();
  await db.schema
    .createIndex("coaching_assessment_created_idx")
    .on("coaching_assessment")
    .columns(["created_at"])
    .execute();
  await db.schema
    .createIndex("training_certificate_expires_idx")
    .on("training_certificate")
    .columns(["expires_at"])
    .execute();
}
