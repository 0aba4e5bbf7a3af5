import type { CreateTableBuilder, Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const common = (t: CreateTableBuilder<string, never>) =>
    t
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"));

  await common(db.schema.createTable("coach_profile"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("specialties", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("languages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("coach_profile_person_uq", ["organization_id", "person_id"])
    .execute();

  await common(db.schema.createTable("coaching_engagement"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("coachee_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("coach_id", "text", (c) => c.references("person.id"))
    .addColumn("sponsor_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("assigned_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("proposed_coach_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("setup"))
    .addColumn("session_budget", "integer", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("focus", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("objectives_agreed_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("close_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  for (const col of ["coachee_id", "coach_id", "sponsor_id"]) {
    await db.schema
      .createIndex(`coaching_engagement_${col}_idx`)
      .on("coaching_engagement")
      .columns([col, "status"])
      .execute();
  }
  await db.schema
    .createIndex("coaching_engagement_program_idx")
    .on("coaching_engagement")
    .columns(["program_id", "status"])
    .execute();

  await common(db.schema.createTable("coaching_amendment"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("added_sessions", "integer", (c) => c.notNull())
    .addColumn("previous_end_date", "text", (c) => c.notNull())
    .addColumn("new_end_date", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await common(db.schema.createTable("coaching_objective"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("metric_name", "text", (c) => c.notNull())
    .addColumn("metric_unit", "text", (c) => c.notNull())
    .addColumn("baseline", "double precision", (c) => c.notNull())
    .addColumn("target", "double precision", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("coaching_objective_engagement_idx")
    .on("coaching_objective")
    .columns(["engagement_id", "position"])
    .execute();

  await common(db.schema.createTable("coaching_objective_agreement"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("party", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("agreed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("coaching_objective_agreement_uq", ["engagement_id", "party"])
    .execute();

  await common(db.schema.createTable("coaching_session"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("scheduled_at", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("attendance", "text", (c) => c.notNull().defaultTo("scheduled"))
    .addColumn("rescheduled_to", "text")
    .addColumn("goal", "text")
    .addColumn("reality", "text")
    .addColumn("options", "text")
    .addColumn("will", "text")
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("private_notes", "text")
    .addColumn("sponsor_summary", "text")
    .addColumn("recorded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("coaching_session_engagement_idx")
    .on("coaching_session")
    .columns(["engagement_id", "scheduled_at"])
    .execute();

  await common(db.schema.createTable("coaching_action"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("session_id", "text", (c) => c.notNull().references("coaching_session.id"))
    .addColumn("owner_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("review_outcome", "text")
    .addColumn("review_comment", "text")
    .addColumn("reviewed_in_session_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("coaching_action_engagement_idx")
    .on("coaching_action")
    .column("engagement_id")
    .execute();
  await db.schema
    .createIndex("coaching_action_owner_idx")
    .on("coaching_action")
    .columns(["owner_id", "status"])
    .execute();

  await common(db.schema.createTable("coaching_metric_value"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("objective_id", "text", (c) => c.notNull().references("coaching_objective.id"))
    .addColumn("session_id", "text")
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("recorded_on", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("coaching_metric_value_objective_idx")
    .on("coaching_metric_value")
    .columns(["objective_id", "recorded_on"])
    .execute();

  await common(db.schema.createTable("coaching_assessment"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("coaching_engagement.id"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("rater_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("rater_kind", "text", (c) => c.notNull())
    .addColumn("ratings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("comment", "text")
    .addColumn("invited_by", "text")
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("coaching_assessment_uq", ["engagement_id", "phase", "rater_id"])
    .execute();
  await db.schema
    .createIndex("coaching_assessment_rater_idx")
    .on("coaching_assessment")
    .columns(["rater_id", "submitted_at"])
    .execute();
}
