import type { Db } from "../../db/kysely.ts";
import type { InvitationTable, PersonTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

export async function insertInvitedPerson(db: Db, person: PersonTable, invitation: InvitationTable) {
  await db.insertInto("person").values(person).execute();
  await db.insertInto("invitation").values(invitation).execute();
}

export function findPersonByEmailInOrg(db: Db, organizationId: string, email: string) {
  return db
    .selectFrom("person")
    .select(["id", "status"])
    .where("organization_id", "=", organizationId)
    .where("email", "=", email)
    .executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom("auth_user").select(["id"]).where("email", "=", email).executeTakeFirst();
}

function invitationRows(db: Db, organizationId: string) {
  return db
    .selectFrom("invitation as i")
    .innerJoin("person as p", "p.id", "i.person_id")
    .innerJoin("person as by", "by.id", "i.invited_by")
    .select([
      "i.id",
      "i.person_id",
      "i.email",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
      "i.created_at",
      "p.name",
      "p.org_role",
      "by.id as invited_by_id",
      "by.name as invited_by_name",
    ])
    .where("i.organization_id", "=", organizationId);
}

const newestFirst: SortKey[] = [
  { column: "i.created_at", direction: "desc" },
  { column: "i.id", direction: "desc" },
];

/** Newest first; `open` keeps those not yet accepted or revoked (pending and expired). */
export async function listInvitations(
  db: Db,
  organizationId: string,
  filter: { open: boolean } & PageRequest,
) {
  let q = invitationRows(db, organizationId);
  if (filter.open) q = q.where("i.accepted_at", "is", null).where("i.revoked_at", "is", null);
  return pageOf(await keyset(q, newestFirst, filter).execute(), filter, (r) => [r.created_at, r.id]);
}

export function findInvitationRow(db: Db, organizationId: string, id: string) {
  return invitationRows(db, organizationId).where("i.id", "=", id).executeTakeFirst();
}

export type InvitationListRow = NonNullable<Awaited<ReturnType<typeof findInvitationRow>>>;

export function findInvitation(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("invitation")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("invitation as i")
    .innerJoin("person as p", "p.id", "i.person_id")
    .innerJoin("organization as o", "o.id", "i.organization_id")
    .select([
      "i.id",
      "i.organization_id",
      "i.person_id",
      "i.email",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
      "p.name",
      "p.status as person_status",
      "o.name as organization_name",
    ])
    .where("i.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function replaceToken(db: Db, id: string, tokenHash: string, expiresAt: string) {
  await db
    .updateTable("invitation")
    .set({ token_hash: tokenHash, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function markRevoked(db: Db, id: string, at: string) {
  await db.updateTable("invitation").set({ revoked_at: at }).where("id", "=", id).execute();
}

export async function markAccepted(db: Db, id: string, at: string) {
  await db.updateTable("invitation").set({ accepted_at: at }).where("id", "=", id).execute();
}

export async function insertCredentialUser(
  db: Db,
  user: { id: string; accountId: string; name: string; email: string; passwordHash: string; at: string },
) {
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
  await db
    .insertInto("auth_account")
    .values({
      id: user.accountId,
      user_id: user.id,
      account_id: user.id,
      provider_id: "credential",
      access_token: null,
      refresh_token: null,
      access_token_expires_at: null,
      refresh_token_expires_at: null,
      scope: null,
      id_token: null,
      password: user.passwordHash,
      created_at: user.at,
      updated_at: user.at,
    })
    .execute();
}

export async function activatePerson(db: Db, personId: string, userId: string, name: string, at: string) {
  await db
    .updateTable("person")
    .set({ user_id: userId, name, status: "active", updated_at: at })
    .where("id", "=", personId)
    .execute();
}
