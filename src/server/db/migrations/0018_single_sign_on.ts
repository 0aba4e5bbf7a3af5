import type { Kysely } from "kysely";

/**
 * Single sign-on with OpenID Connect: one identity provider per organization, its client secret encrypted with
 * the master key. People signed in through it are linked by an auth_account row (`oidc:<organization id>`, the
 * provider's `sub`), which the unique index keeps to one person per subject.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sso_connection")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) =>
      c.notNull().unique().references("organization.id").onDelete("cascade"),
    )
    .addColumn("issuer_url", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret_encrypted", "text", (c) => c.notNull())
    .addColumn("allowed_domains", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("jit_provisioning", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("auth_account_provider_account_uq")
    .on("auth_account")
    .columns(["provider_id", "account_id"])
    .unique()
    .execute();
}
