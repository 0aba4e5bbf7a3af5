import type { Kysely } from "kysely";

/**
 * CSV imports of people. A preview stores the file's validated rows and their errors; committing queues a
 * `people.import` job that writes the rows in batches and records its checkpoint (`progress_done`) in each
 * batch's transaction, so a retried job resumes after the last batch that committed. The rows are cleared
 * once the import has finished: only the counts and the row errors stay.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("people_import")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("columns", "text", (c) => c.notNull())
    .addColumn("total_rows", "integer", (c) => c.notNull())
    .addColumn("to_create", "integer", (c) => c.notNull())
    .addColumn("to_update", "integer", (c) => c.notNull())
    .addColumn("unchanged", "integer", (c) => c.notNull())
    .addColumn("with_errors", "integer", (c) => c.notNull())
    .addColumn("planned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("people_import_org_idx")
    .on("people_import")
    .columns(["organization_id", "created_at"])
    .execute();
  // The file's rows and errors sit apart from the import's status, which every batch updates: rewriting
  // megabytes of rows with each progress update would cost more than the batch itself.
  await db.schema
    .createTable("people_import_data")
    .addColumn("import_id", "text", (c) => c.primaryKey().references("people_import.id"))
    .addColumn("errors", "text", (c) => c.notNull())
    .addColumn("rows", "text")
    .execute();
  await db.schema.createIndex("people_import_creator_idx").on("people_import").column("created_by").execute();
}
