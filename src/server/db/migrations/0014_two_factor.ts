import type { Kysely } from "kysely";

/** Optional TOTP second factor (better-auth's two-factor plugin): a flag on the user and the enrolled secret. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("auth_user")
    .addColumn("two_factor_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("auth_two_factor")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
    // Encrypted by better-auth with the auth secret before it is stored.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("backup_codes", "text", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("failed_verification_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .execute();
  await db.schema.createIndex("auth_two_factor_user_idx").on("auth_two_factor").column("user_id").execute();
}
