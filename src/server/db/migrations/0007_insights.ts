import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("program")
    .addColumn("leadership_track", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("advisor_response")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("taken_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("recommendation", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("advisor_response_person_idx")
    .on("advisor_response")
    .columns(["organization_id", "person_id", "created_at"])
    .execute();
}
