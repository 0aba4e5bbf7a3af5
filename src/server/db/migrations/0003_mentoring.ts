import type { CreateTableBuilder, Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const common = (t: CreateTableBuilder<string, never>) =>
    t
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"));

  await db.schema
    .createTable("mentoring_settings")
    .addColumn("program_id", "text", (c) => c.primaryKey().references("program.id"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("format", "text", (c) => c.notNull().defaultTo("one_to_one"))
    .addColumn("match_modes", "text", (c) => c.notNull().defaultTo('["self","admin"]'))
    .addColumn("mentor_capacity", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("max_open_requests", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("request_expiry_days", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("default_duration_months", "integer", (c) => c.notNull().defaultTo(9))
    .addColumn("allow_both_roles", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("not_in_reporting_line", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("mentor_more_senior", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("shared_language", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_time_zone_gap_hours", "integer")
    .addColumn("checkin_interval_months", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("weights", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await common(db.schema.createTable("mentoring_participant"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("capacity", "integer")
    .addColumn("skills_wanted", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mentoring_participant_uq", ["program_id", "person_id", "role"])
    .execute();

  await common(db.schema.createTable("mentoring_request"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("response_reason", "text")
    .addColumn("response_comment", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_request_program_idx")
    .on("mentoring_request")
    .columns(["program_id", "status"])
    .execute();
  await db.schema
    .createIndex("mentoring_request_mentor_idx")
    .on("mentoring_request")
    .columns(["mentor_id", "status"])
    .execute();
  await db.schema
    .createIndex("mentoring_request_mentee_idx")
    .on("mentoring_request")
    .columns(["mentee_id", "status"])
    .execute();

  await common(db.schema.createTable("mentoring_relationship"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("proposed"))
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("request_id", "text")
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("planned_end_date", "text")
    .addColumn("ended_at", "text")
    .addColumn("last_meeting_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_relationship_program_idx")
    .on("mentoring_relationship")
    .columns(["program_id", "status"])
    .execute();
  await db.schema
    .createIndex("mentoring_relationship_mentor_idx")
    .on("mentoring_relationship")
    .columns(["mentor_id", "status"])
    .execute();
  await db.schema
    .createIndex("mentoring_relationship_mentee_idx")
    .on("mentoring_relationship")
    .columns(["mentee_id", "status"])
    .execute();

  await db.schema
    .createTable("mentoring_agreement")
    .addColumn("relationship_id", "text", (c) => c.primaryKey().references("mentoring_relationship.id"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("goals", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("confidentiality", "text", (c) => c.notNull())
    .addColumn("duration_months", "integer", (c) => c.notNull())
    .addColumn("mentor_signed_at", "text")
    .addColumn("mentee_signed_at", "text")
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await common(db.schema.createTable("mentoring_closure"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("rating", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mentoring_closure_uq", ["relationship_id", "person_id", "kind"])
    .execute();

  await common(db.schema.createTable("mentoring_meeting"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("met_on", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_meeting_rel_idx")
    .on("mentoring_meeting")
    .columns(["relationship_id", "met_on"])
    .execute();

  await common(db.schema.createTable("mentoring_journal_entry"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_journal_rel_idx")
    .on("mentoring_journal_entry")
    .columns(["relationship_id", "created_at"])
    .execute();

  await common(db.schema.createTable("mentoring_goal"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("not_started"))
    .addColumn("target_date", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_goal_rel_idx")
    .on("mentoring_goal")
    .column("relationship_id")
    .execute();

  await common(db.schema.createTable("mentoring_milestone"))
    .addColumn("goal_id", "text", (c) => c.notNull().references("mentoring_goal.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("done_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_milestone_goal_idx")
    .on("mentoring_milestone")
    .column("goal_id")
    .execute();

  await common(db.schema.createTable("mentoring_goal_comment"))
    .addColumn("goal_id", "text", (c) => c.notNull().references("mentoring_goal.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await common(db.schema.createTable("mentoring_checkin"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("period", "integer", (c) => c.notNull())
    .addColumn("satisfaction", "integer", (c) => c.notNull())
    .addColumn("learned", "text", (c) => c.notNull())
    .addColumn("would_change", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mentoring_checkin_uq", ["relationship_id", "author_id", "period"])
    .execute();

  await common(db.schema.createTable("mentoring_introduction"))
    .addColumn("relationship_id", "text", (c) => c.notNull().references("mentoring_relationship.id"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mentoring_introduction_contact_idx")
    .on("mentoring_introduction")
    .columns(["contact_id", "status"])
    .execute();
}
