import { sql } from "kysely";
import { type Db, isPostgres } from "../../db/kysely.ts";
import { newPersonRow } from "../people/people.repository.ts";
import type { Row, TableName } from "./personal-data.ts";

/** Bound parameters per `in (…)` list, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

export async function rowsWhereIn(db: Db, table: TableName, column: string, values: readonly string[]) {
  const out: Row[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const part = values.slice(i, i + CHUNK);
    const { rows } = await sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(
      part,
    )})`.execute(db);
    out.push(...rows);
  }
  return out;
}

/** Rows whose JSON text column names `id` (ids are UUIDs: the quoted text matches nothing else). */
export async function rowsMentioning(
  db: Db,
  table: TableName,
  column: string,
  organizationId: string,
  id: string,
) {
  const { rows } = await sql<Row>`select * from ${sql.table(table)}
    where organization_id = ${organizationId} and ${sql.ref(column)} like ${`%"${id}"%`}`.execute(db);
  return rows;
}

export const findPerson = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("person")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export const isTombstone = (db: Db, id: string) =>
  db
    .selectFrom("person_erasure")
    .select("id")
    .where("id", "=", id)
    .executeTakeFirst()
    .then((r) => r !== undefined);

/** Active org admins other than `exceptId`. */
export const otherActiveAdmins = (db: Db, organizationId: string, exceptId: string) =>
  db
    .selectFrom("person")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("org_role", "=", "org_admin")
    .where("status", "=", "active")
    .where("id", "!=", exceptId)
    .limit(1)
    .execute()
    .then((rows) => rows.length);

/** The person that stands in for an erased one in the records kept for others. */
export async function insertTombstone(db: Db, organizationId: string, id: string, at: string) {
  const tombstone = newPersonRow({
    id,
    organization_id: organizationId,
    email: `former-member.${id}@erased.invalid`,
    name: "Former member",
    status: "deactivated",
    created_at: at,
  });
  await db.insertInto("person").values(tombstone).execute();
  await db
    .insertInto("person_erasure")
    .values({ id, organization_id: organizationId, erased_at: at })
    .execute();
}

export async function deleteWhere(db: Db, table: TableName, column: string, value: string) {
  const r = await sql`delete from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Deletes the rows of `child` whose `childColumn` names a row of `parent` matched by `parentColumn = value`. */
export async function deleteChildrenOf(
  db: Db,
  child: TableName,
  childColumn: string,
  parent: TableName,
  parentKey: string,
  parentColumn: string,
  value: string,
) {
  const r = await sql`delete from ${sql.table(child)} where ${sql.ref(childColumn)} in (
    select ${sql.ref(parentKey)} from ${sql.table(parent)} where ${sql.ref(parentColumn)} = ${value})`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0);
}

export async function updateWhere(
  db: Db,
  table: TableName,
  column: string,
  value: string,
  patch: Record<string, string | null>,
) {
  const sets = Object.entries(patch).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
  const r =
    await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.ref(column)} = ${value}`.execute(
      db,
    );
  return Number(r.numAffectedRows ?? 0);
}

/** Swaps an id inside JSON text (ids are UUIDs, so the quoted text cannot match anything else). */
export async function replaceIdInText(
  db: Db,
  table: TableName,
  column: string,
  organizationId: string,
  from: string,
  to: string,
) {
  const r =
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = replace(${sql.ref(column)}, ${`"${from}"`}, ${`"${to}"`})
    where organization_id = ${organizationId} and ${sql.ref(column)} like ${`%"${from}"%`}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Notes the coach kept to themselves leave with the coach. */
export async function clearCoachPrivateNotes(db: Db, coachId: string) {
  const r = await db
    .updateTable("coaching_session")
    .set({ private_notes: null })
    .where("private_notes", "is not", null)
    .where(
      "engagement_id",
      "in",
      db.selectFrom("coaching_engagement").select("id").where("coach_id", "=", coachId),
    )
    .execute();
  return r.reduce((n, x) => n + Number(x.numUpdatedRows), 0);
}

/** Audit rows of the organization (or of no organization, like failed sign-ins) that may name the subject. */
export function auditRowsNaming(db: Db, organizationId: string, needles: { ids: string[]; email: string }) {
  return db
    .selectFrom("audit_event")
    .selectAll()
    .where((eb) =>
      eb.and([
        eb.or([eb("organization_id", "=", organizationId), eb("organization_id", "is", null)]),
        eb.or([
          ...needles.ids.flatMap((id) => [
            eb("actor_person_id", "=", id),
            eb("target_id", "=", id),
            eb("details", "like", `%${id}%`),
          ]),
          eb(eb.fn("lower", ["details"]), "like", `%${needles.email.toLowerCase()}%`),
        ]),
      ]),
    )
    .execute();
}

export async function redactAuditRow(
  db: Db,
  id: string,
  patch: {
    actor_person_id: string | null;
    target_id: string | null;
    ip_address: string | null;
    details: string;
  },
) {
  await db.updateTable("audit_event").set(patch).where("id", "=", id).execute();
}

/** SQLite's directory index keeps deleted text in its segments until they merge; merge them now. */
export async function compactSearchIndex(db: Db) {
  if (isPostgres(db)) return;
  await sql`insert into person_search (person_search) values ('optimize')`.execute(db);
}
