import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("auth_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("email_verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("image", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("auth_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip_address", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_session_user_idx").on("auth_session").column("user_id").execute();

  await db.schema
    .createTable("auth_account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("access_token", "text")
    .addColumn("refresh_token", "text")
    .addColumn("access_token_expires_at", "text")
    .addColumn("refresh_token_expires_at", "text")
    .addColumn("scope", "text")
    .addColumn("id_token", "text")
    .addColumn("password", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_account_user_idx").on("auth_account").column("user_id").execute();

  await db.schema
    .createTable("auth_verification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("auth_verification_identifier_idx")
    .on("auth_verification")
    .column("identifier")
    .execute();

  await db.schema
    .createTable("person")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("user_id", "text", (c) => c.unique().references("auth_user.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("department", "text")
    .addColumn("seniority", "integer")
    .addColumn("manager_id", "text", (c) => c.references("person.id"))
    .addColumn("location", "text")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .addColumn("languages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("skills", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("interests", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("career_goals", "text")
    .addColumn("org_role", "text", (c) => c.notNull().defaultTo("member"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("invited"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("person_org_email_uq", ["organization_id", "email"])
    .execute();
  await db.schema
    .createIndex("person_org_name_idx")
    .on("person")
    .columns(["organization_id", "name"])
    .execute();
  await db.schema
    .createIndex("person_org_department_idx")
    .on("person")
    .columns(["organization_id", "department"])
    .execute();
  await db.schema.createIndex("person_manager_idx").on("person").column("manager_id").execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("invitation_org_idx")
    .on("invitation")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("program")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("enrolment_opens_at", "text", (c) => c.notNull())
    .addColumn("enrolment_closes_at", "text", (c) => c.notNull())
    .addColumn("eligibility", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("questionnaire", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("program_org_idx")
    .on("program")
    .columns(["organization_id", "status"])
    .execute();

  await db.schema
    .createTable("enrolment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("enrolment_program_person_role_uq", ["program_id", "person_id", "role"])
    .execute();
  await db.schema
    .createIndex("enrolment_person_idx")
    .on("enrolment")
    .columns(["organization_id", "person_id"])
    .execute();

  await db.schema
    .createTable("audit_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.references("organization.id"))
    .addColumn("actor_person_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("ip_address", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_event_org_created_idx")
    .on("audit_event")
    .columns(["organization_id", "created_at"])
    .execute();
}
