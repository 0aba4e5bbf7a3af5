import type { Kysely } from "kysely";

/**
 * iCalendar: each person's private subscription feeds (the token is kept as its SHA-256 only; a reset revokes the
 * old row and adds a new one), and a SEQUENCE on every kind of event, raised whenever its time, place or status
 * changes, so that calendar clients replace the copy they hold.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calendar_feed")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("calendar_feed_person_idx").on("calendar_feed").column("person_id").execute();
  for (const table of ["mentoring_meeting", "coaching_session", "training_session"]) {
    await db.schema
      .alterTable(table)
      .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
}
