import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { Database, ScimIdentityTable, ScimTokenTable } from "../../db/schema.ts";
import { newId } from "../../lib/ids.ts";

// Tokens

export const insertToken = (db: Db, row: ScimTokenTable) => db.insertInto("scim_token").values(row).execute();

function tokenRows(db: Db, organizationId: string) {
  return db
    .selectFrom("scim_token as t")
    .innerJoin("person as p", "p.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.created_at",
      "t.last_used_at",
      "p.id as created_by_id",
      "p.name as created_by_name",
    ])
    .where("t.organization_id", "=", organizationId)
    .where("t.revoked_at", "is", null);
}

/** The organization's tokens not revoked, newest first. */
export const listTokens = (db: Db, organizationId: string) =>
  tokenRows(db, organizationId).orderBy("t.created_at", "desc").orderBy("t.id", "desc").limit(500).execute();

export type TokenListRow = Awaited<ReturnType<typeof listTokens>>[number];

export const findTokenRow = (db: Db, organizationId: string, id: string) =>
  tokenRows(db, organizationId).where("t.id", "=", id).executeTakeFirst();

export function findActiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom("scim_token")
    .select(["id", "name", "organization_id", "created_by", "last_used_at"])
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function touchToken(db: Db, id: string, at: string) {
  await db.updateTable("scim_token").set({ last_used_at: at }).where("id", "=", id).execute();
}

export async function revokeToken(db: Db, organizationId: string, id: string, at: string) {
  const r = await db
    .updateTable("scim_token")
    .set({ revoked_at: at })
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// Users

/** One comparison of a user filter; `none` never matches (an attribute value no user can have). */
export type UserCondition =
  | { kind: "id" | "userName" | "externalId" | "email" | "displayName"; value: string }
  | { kind: "active"; value: boolean }
  | { kind: "none" };

/** OR of ANDs; an empty list selects everyone. */
export type UserQuery = UserCondition[][];

type PersonScope = ExpressionBuilder<
  Database & { p: Database["person"]; i: Database["scim_identity"] },
  "p" | "i"
>;

function userCondition(eb: PersonScope, c: UserCondition): Expression<SqlBool> {
  switch (c.kind) {
    case "id":
      return eb("p.id", "=", c.value);
    case "userName":
      return eb.or([
        eb("i.user_name", "=", c.value.toLowerCase()),
        eb.and([eb("i.user_name", "is", null), eb("p.email", "=", c.value.toLowerCase())]),
      ]);
    case "externalId":
      return eb("i.external_id", "=", c.value);
    case "email":
      return eb("p.email", "=", c.value.toLowerCase());
    case "displayName":
      return eb("p.name", "=", c.value);
    case "active":
      return c.value ? eb("p.status", "in", ["active", "invited"]) : eb("p.status", "=", "deactivated");
    case "none":
      return sql<SqlBool>`1 = 0`;
  }
}

function userBase(db: Db, organizationId: string) {
  return db
    .selectFrom("person as p")
    .leftJoin("scim_identity as i", "i.person_id", "p.id")
    .where("p.organization_id", "=", organizationId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("person_erasure as e").select("e.id").whereRef("e.id", "=", "p.id"))),
    );
}

function userSelect(db: Db, organizationId: string) {
  return userBase(db, organizationId)
    .leftJoin("person as m", "m.id", "p.manager_id")
    .leftJoin("scim_group as g", (j) =>
      j.onRef("g.organization_id", "=", "p.organization_id").onRef("g.display_name", "=", "p.department"),
    )
    .select([
      "p.id",
      "p.organization_id",
      "p.user_id",
      "p.email",
      "p.name",
      "p.title",
      "p.department",
      "p.manager_id",
      "p.time_zone",
      "p.status",
      "p.org_role",
      "p.created_at",
      "p.updated_at",
      "i.external_id",
      "i.user_name",
      "i.given_name",
      "i.family_name",
      "i.updated_at as identity_updated_at",
      "m.name as manager_name",
      "g.id as group_id",
    ]);
}

export type ScimUserRow = Awaited<ReturnType<typeof findUser>> & {};

export const findUser = (db: Db, organizationId: string, id: string) =>
  userSelect(db, organizationId).where("p.id", "=", id).executeTakeFirst();

export async function listUsers(
  db: Db,
  organizationId: string,
  query: UserQuery,
  offset: number,
  limit: number,
) {
  const where = (eb: PersonScope) => eb.or(query.map((all) => eb.and(all.map((c) => userCondition(eb, c)))));
  const base = userBase(db, organizationId);
  const filtered = query.length > 0 ? base.where(where) : base;
  const total = await filtered.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
  const rows =
    limit === 0
      ? []
      : await userSelect(db, organizationId)
          .$if(query.length > 0, (q) => q.where(where))
          .orderBy("p.created_at")
          .orderBy("p.id")
          .offset(offset)
          .limit(limit)
          .execute();
  return { rows: rows as ScimUserRow[], total: toCount(total?.n as string | number | undefined) };
}

export function findPersonIdByEmail(db: Db, organizationId: string, email: string) {
  return db
    .selectFrom("person")
    .select(["id"])
    .where("organization_id", "=", organizationId)
    .where("email", "=", email)
    .executeTakeFirst();
}

export async function emailHasAccount(db: Db, email: string, exceptUserId: string | null) {
  let q = db.selectFrom("auth_user").select("id").where("email", "=", email);
  if (exceptUserId) q = q.where("id", "!=", exceptUserId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function updateAccountEmail(db: Db, userId: string, email: string, at: string) {
  await db.updateTable("auth_user").set({ email, updated_at: at }).where("id", "=", userId).execute();
}

export async function saveIdentity(
  db: Db,
  organizationId: string,
  personId: string,
  fields: Pick<ScimIdentityTable, "external_id" | "user_name" | "given_name" | "family_name">,
  at: string,
) {
  const updated = await db
    .updateTable("scim_identity")
    .set({ ...fields, updated_at: at })
    .where("person_id", "=", personId)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto("scim_identity")
    .values({
      id: newId(),
      organization_id: organizationId,
      person_id: personId,
      ...fields,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

// Groups

export type GroupCondition =
  | { kind: "id" | "displayName" | "externalId" | "member"; value: string }
  | { kind: "none" };

export type GroupQuery = GroupCondition[][];

type GroupScope = ExpressionBuilder<Database & { g: Database["scim_group"] }, "g">;

function groupCondition(eb: GroupScope, c: GroupCondition): Expression<SqlBool> {
  switch (c.kind) {
    case "id":
      return eb("g.id", "=", c.value);
    case "displayName":
      return eb(eb.fn("lower", ["g.display_name"]), "=", c.value.toLowerCase());
    case "externalId":
      return eb("g.external_id", "=", c.value);
    case "member":
      return eb.exists(
        eb
          .selectFrom("person as p")
          .select("p.id")
          .whereRef("p.organization_id", "=", "g.organization_id")
          .whereRef("p.department", "=", "g.display_name")
          .where("p.id", "=", c.value),
      );
    case "none":
      return sql<SqlBool>`1 = 0`;
  }
}

/** Every department named on a person gets its group row (and so its stable id) the first time SCIM looks. */
export async function ensureDepartmentGroups(db: Db, organizationId: string, at: string) {
  const missing = await db
    .selectFrom("person as p")
    .select("p.department")
    .distinct()
    .where("p.organization_id", "=", organizationId)
    .where("p.department", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("scim_group as g")
            .select("g.id")
            .whereRef("g.organization_id", "=", "p.organization_id")
            .whereRef("g.display_name", "=", "p.department"),
        ),
      ),
    )
    .execute();
  for (const { department } of missing) {
    if (!department) continue;
    await db
      .insertInto("scim_group")
      .values({
        id: newId(),
        organization_id: organizationId,
        display_name: department,
        external_id: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["organization_id", "display_name"]).doNothing())
      .execute();
  }
}

const groupBase = (db: Db, organizationId: string) =>
  db.selectFrom("scim_group as g").selectAll("g").where("g.organization_id", "=", organizationId);

export const findGroup = (db: Db, organizationId: string, id: string) =>
  groupBase(db, organizationId).where("g.id", "=", id).executeTakeFirst();

export type ScimGroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

export const findGroupByName = (db: Db, organizationId: string, displayName: string) =>
  groupBase(db, organizationId)
    .where((eb) => eb(eb.fn("lower", ["g.display_name"]), "=", displayName.toLowerCase()))
    .executeTakeFirst();

export async function listGroups(
  db: Db,
  organizationId: string,
  query: GroupQuery,
  offset: number,
  limit: number,
) {
  const where = (eb: GroupScope) => eb.or(query.map((all) => eb.and(all.map((c) => groupCondition(eb, c)))));
  const base = groupBase(db, organizationId).$if(query.length > 0, (q) => q.where(where));
  const total = await db
    .selectFrom("scim_group as g")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("g.organization_id", "=", organizationId)
    .$if(query.length > 0, (q) => q.where(where))
    .executeTakeFirst();
  const rows =
    limit === 0
      ? []
      : await base.orderBy("g.created_at").orderBy("g.id").offset(offset).limit(limit).execute();
  return { rows, total: toCount(total?.n as string | number | undefined) };
}

/** The people of each department, by group id. */
export async function membersOf(
  db: Db,
  organizationId: string,
  groups: { id: string; display_name: string }[],
) {
  const out = new Map<string, { id: string; name: string }[]>(groups.map((g) => [g.id, []]));
  if (groups.length === 0) return out;
  const byName = new Map(groups.map((g) => [g.display_name, g.id]));
  const rows = await userBase(db, organizationId)
    .select(["p.id", "p.name", "p.department"])
    .where("p.department", "in", [...byName.keys()])
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
  for (const r of rows) {
    const id = r.department ? byName.get(r.department) : undefined;
    if (id) out.get(id)?.push({ id: r.id, name: r.name });
  }
  return out;
}

export async function insertGroup(
  db: Db,
  row: { id: string; organization_id: string; display_name: string; external_id: string | null; at: string },
) {
  await db
    .insertInto("scim_group")
    .values({
      id: row.id,
      organization_id: row.organization_id,
      display_name: row.display_name,
      external_id: row.external_id,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export async function updateGroup(
  db: Db,
  organizationId: string,
  id: string,
  patch: { display_name: string; external_id: string | null; updated_at: string },
) {
  await db
    .updateTable("scim_group")
    .set(patch)
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .execute();
}

export async function deleteGroup(db: Db, organizationId: string, id: string) {
  await db
    .deleteFrom("scim_group")
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .execute();
}

/** Renames a department on everyone in it. */
export async function renameDepartment(db: Db, organizationId: string, from: string, to: string, at: string) {
  await db
    .updateTable("person")
    .set({ department: to, updated_at: at })
    .where("organization_id", "=", organizationId)
    .where("department", "=", from)
    .execute();
}

export async function setDepartment(
  db: Db,
  organizationId: string,
  personIds: string[],
  department: string | null,
  at: string,
) {
  if (personIds.length === 0) return;
  await db
    .updateTable("person")
    .set({ department, updated_at: at })
    .where("organization_id", "=", organizationId)
    .where("id", "in", personIds)
    .execute();
}

/** Which of `ids` are people of the organization (not erased). */
export async function existingPeople(db: Db, organizationId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await userBase(db, organizationId).select("p.id").where("p.id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}
