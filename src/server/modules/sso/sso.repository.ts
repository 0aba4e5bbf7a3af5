import type { Db } from "../../db/kysely.ts";
import type { PersonTable, SsoConnectionTable } from "../../db/schema.ts";

export type SsoConnectionRow = SsoConnectionTable;

export function findConnection(db: Db, organizationId: string) {
  return db
    .selectFrom("sso_connection")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
}

export async function insertConnection(db: Db, row: SsoConnectionRow) {
  await db.insertInto("sso_connection").values(row).execute();
}

export async function updateConnection(
  db: Db,
  organizationId: string,
  patch: Omit<SsoConnectionRow, "id" | "organization_id" | "created_at">,
) {
  await db.updateTable("sso_connection").set(patch).where("organization_id", "=", organizationId).execute();
}

export async function deleteConnection(db: Db, organizationId: string) {
  await db.deleteFrom("sso_connection").where("organization_id", "=", organizationId).execute();
}

/** Every switched-on connection with its organization's slug, to find an organization by email domain. */
export function listEnabledConnections(db: Db) {
  return db
    .selectFrom("sso_connection")
    .select(["organization_id", "allowed_domains"])
    .where("enabled", "=", 1)
    .execute();
}

export function findOrganizationIdBySlug(db: Db, slug: string) {
  return db.selectFrom("organization").select("id").where("slug", "=", slug).executeTakeFirst();
}

/** The organizations in which someone has this email, and their status there. */
export function organizationsOfEmail(db: Db, email: string) {
  return db.selectFrom("person").select(["organization_id", "status"]).where("email", "=", email).execute();
}

const personColumns = [
  "person.id",
  "person.user_id",
  "person.status",
  "person.name",
  "person.email",
] as const;

/** The person of this organization whose sign-in account is linked to the identity provider's subject. */
export function findPersonBySubject(db: Db, organizationId: string, providerId: string, subject: string) {
  return db
    .selectFrom("auth_account")
    .innerJoin("person", "person.user_id", "auth_account.user_id")
    .select(personColumns)
    .where("auth_account.provider_id", "=", providerId)
    .where("auth_account.account_id", "=", subject)
    .where("person.organization_id", "=", organizationId)
    .executeTakeFirst();
}

/** Emails are stored lower-case (invitations, profiles and the seed all lower-case them). */
export function findPersonByEmail(db: Db, organizationId: string, email: string) {
  return db
    .selectFrom("person")
    .select(personColumns)
    .where("organization_id", "=", organizationId)
    .where("email", "=", email)
    .executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom("auth_user").select("id").where("email", "=", email).executeTakeFirst();
}

export function findAccount(db: Db, userId: string, providerId: string) {
  return db
    .selectFrom("auth_account")
    .select(["id", "account_id"])
    .where("user_id", "=", userId)
    .where("provider_id", "=", providerId)
    .executeTakeFirst();
}

export async function insertUser(db: Db, user: { id: string; name: string; email: string; at: string }) {
  await db
    .insertInto("auth_user")
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      email_verified: 1,
      image: null,
      created_at: user.at,
      updated_at: user.at,
    })
    .execute();
}

/** The link between a sign-in account and the identity provider's subject; no tokens are kept. */
export async function insertAccount(
  db: Db,
  account: { id: string; userId: string; providerId: string; subject: string; at: string },
) {
  await db
    .insertInto("auth_account")
    .values({
      id: account.id,
      user_id: account.userId,
      account_id: account.subject,
      provider_id: account.providerId,
      access_token: null,
      refresh_token: null,
      access_token_expires_at: null,
      refresh_token_expires_at: null,
      scope: "openid email profile",
      id_token: null,
      password: null,
      created_at: account.at,
      updated_at: account.at,
    })
    .execute();
}

export async function insertPerson(db: Db, person: PersonTable) {
  await db.insertInto("person").values(person).execute();
}

/** An invited person signing in for the first time: their open invitations count as accepted. */
export async function activateInvitedPerson(db: Db, personId: string, userId: string, at: string) {
  await db
    .updateTable("person")
    .set({ user_id: userId, status: "active", updated_at: at })
    .where("id", "=", personId)
    .execute();
  await db
    .updateTable("invitation")
    .set({ accepted_at: at })
    .where("person_id", "=", personId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
}
