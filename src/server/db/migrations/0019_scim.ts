import type { Kysely } from "kysely";

/**
 * SCIM 2.0 provisioning. `scim_token`: an organization's bearer tokens (only a SHA-256 of each is kept).
 * `scim_identity`: what an identity provider says about a person beyond the profile: its externalId, the
 * userName when it is not the email, and the given and family names that the profile's one name joins.
 * `scim_group`: a stable id for each department (which stays a text column on person), so that a group keeps
 * its id when it is renamed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scim_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("scim_token_org_idx")
    .on("scim_token")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("scim_identity")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("person_id", "text", (c) => c.notNull().unique().references("person.id"))
    .addColumn("external_id", "text")
    .addColumn("user_name", "text")
    .addColumn("given_name", "text")
    .addColumn("family_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("scim_identity_external_idx")
    .on("scim_identity")
    .columns(["organization_id", "external_id"])
    .execute();
  await db.schema
    .createIndex("scim_identity_user_name_idx")
    .on("scim_identity")
    .columns(["organization_id", "user_name"])
    .execute();

  await db.schema
    .createTable("scim_group")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("external_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("scim_group_name_uq", ["organization_id", "display_name"])
    .execute();
}
