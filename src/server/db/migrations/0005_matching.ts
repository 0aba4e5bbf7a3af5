import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("mentoring_participant")
    .addColumn("ranking", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("mentoring_participant")
    .addColumn("avoid", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("mentoring_settings").addColumn("ideal_seniority_min", "integer").execute();
  await db.schema.alterTable("mentoring_settings").addColumn("ideal_seniority_max", "integer").execute();
  await db.schema
    .alterTable("mentoring_settings")
    .addColumn("mentors_per_mentee", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("mentoring_settings")
    .addColumn("minimum_score", "double precision", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("match_run")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "double precision")
    .addColumn("unmatched", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("blocking_pairs", "integer")
    .addColumn("solve_ms", "integer")
    .addColumn("error", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema
    .createIndex("match_run_program_idx")
    .on("match_run")
    .columns(["program_id", "created_at"])
    .execute();

  await db.schema
    .createTable("match_run_pair")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull().references("match_run.id"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("origin", "text", (c) => c.notNull())
    .addUniqueConstraint("match_run_pair_uq", ["run_id", "mentee_id", "mentor_id"])
    .execute();
  await db.schema.createIndex("match_run_pair_run_idx").on("match_run_pair").column("run_id").execute();
}
