import { sql } from "kysely";
import type { ExistingPerson } from "../../../domain/people/import-plan.ts";
import type { Db } from "../../db/kysely.ts";
import type { PeopleImportTable, PersonTable } from "../../db/schema.ts";
import { parseJson } from "../../lib/json.ts";

/** Rows per query when a list of emails is looked up: well inside both engines' limits on parameters. */
const LOOKUP_CHUNK = 1000;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export type PeopleImportRow = Omit<PeopleImportTable, "planned" | "progress_done" | "progress_total"> & {
  planned: number;
  progress_done: number;
  progress_total: number;
};

const IMPORT_COLUMNS = [
  "id",
  "organization_id",
  "created_by",
  "status",
  "file_name",
  "columns",
  "total_rows",
  "to_create",
  "to_update",
  "unchanged",
  "with_errors",
  "planned",
  "progress_done",
  "progress_total",
  "failure",
  "created_at",
  "updated_at",
  "committed_at",
  "finished_at",
] as const;

export async function insertImport(
  db: Db,
  row: Omit<PeopleImportRow, "planned" | "progress_done" | "progress_total">,
  data: { errors: string; rows: string | null },
): Promise<void> {
  await db.insertInto("people_import").values(row).execute();
  await db
    .insertInto("people_import_data")
    .values({ import_id: row.id, ...data })
    .execute();
}

export async function findImportData(db: Db, id: string) {
  return db
    .selectFrom("people_import_data")
    .select(["errors", "rows"])
    .where("import_id", "=", id)
    .executeTakeFirst();
}

export async function importErrors(db: Db, id: string) {
  return (
    await db.selectFrom("people_import_data").select("errors").where("import_id", "=", id).executeTakeFirst()
  )?.errors;
}

export async function hasRows(db: Db, id: string) {
  const row = await db
    .selectFrom("people_import_data")
    .select("import_id")
    .where("import_id", "=", id)
    .where("rows", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateImportData(db: Db, id: string, patch: { errors?: string; rows?: null }) {
  await db.updateTable("people_import_data").set(patch).where("import_id", "=", id).execute();
}

export async function findImport(db: Db, organizationId: string, id: string) {
  const row = await db
    .selectFrom("people_import")
    .select(IMPORT_COLUMNS)
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? normalize(row) : undefined;
}

export async function findImportById(db: Db, id: string) {
  const row = await db
    .selectFrom("people_import")
    .select(IMPORT_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? normalize(row) : undefined;
}

const normalize = (r: PeopleImportRow): PeopleImportRow => ({
  ...r,
  total_rows: Number(r.total_rows),
  to_create: Number(r.to_create),
  to_update: Number(r.to_update),
  unchanged: Number(r.unchanged),
  with_errors: Number(r.with_errors),
  planned: Number(r.planned),
  progress_done: Number(r.progress_done),
  progress_total: Number(r.progress_total),
});

export async function updateImport(
  db: Db,
  id: string,
  patch: Partial<Omit<PeopleImportRow, "id" | "organization_id">>,
): Promise<void> {
  await db.updateTable("people_import").set(patch).where("id", "=", id).execute();
}

/** Moves an import on only from the status it is in, so that two commits cannot both queue it. */
export async function transitionImport(
  db: Db,
  id: string,
  from: PeopleImportRow["status"],
  patch: Partial<Omit<PeopleImportRow, "id" | "organization_id">>,
): Promise<boolean> {
  const res = await db
    .updateTable("people_import")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const toExisting = (p: {
  id: string;
  email: string;
  name: string;
  title: string | null;
  department: string | null;
  seniority: number | null;
  manager_id: string | null;
  location: string | null;
  time_zone: string;
  languages: string;
  org_role: PersonTable["org_role"];
}): ExistingPerson => ({
  id: p.id,
  email: p.email.toLowerCase(),
  name: p.name,
  title: p.title,
  department: p.department,
  seniority: p.seniority === null ? null : Number(p.seniority),
  managerId: p.manager_id,
  location: p.location,
  timeZone: p.time_zone,
  languages: parseJson<string[]>(p.languages, []),
  role: p.org_role,
});

const PROFILE = [
  "id",
  "email",
  "name",
  "title",
  "department",
  "seniority",
  "manager_id",
  "location",
  "time_zone",
  "languages",
  "org_role",
] as const;

/** Everyone in the organization, as the import compares them (one query). */
export async function organizationPeople(db: Db, organizationId: string): Promise<ExistingPerson[]> {
  const rows = await db
    .selectFrom("person")
    .select(PROFILE)
    .where("organization_id", "=", organizationId)
    .execute();
  return rows.map(toExisting);
}

/** The people of the organization with these (lower-case) emails. */
export async function peopleByEmail(db: Db, organizationId: string, emails: readonly string[]) {
  const found = new Map<string, ExistingPerson>();
  for (const part of chunks([...new Set(emails)], LOOKUP_CHUNK)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom("person")
      .select(PROFILE)
      .where("organization_id", "=", organizationId)
      .where("email", "in", part)
      .execute();
    for (const r of rows) found.set(r.email.toLowerCase(), toExisting(r));
  }
  return found;
}

/** Which of these emails already belong to a sign-in account. */
export async function emailsWithAccount(db: Db, emails: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(emails, LOOKUP_CHUNK)) {
    const rows = await db.selectFrom("auth_user").select("email").where("email", "in", part).execute();
    for (const r of rows) found.add(r.email.toLowerCase());
  }
  return found;
}

export async function personEmail(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom("person").select("email").where("id", "=", id).executeTakeFirst())?.email;
}

/**
 * Creates or updates people by email in one statement. A person already there keeps their id, account,
 * status, manager, skills, interests and career goals; the profile columns take the given values.
 */
export async function upsertPeople(db: Db, people: PersonTable[]): Promise<void> {
  for (const part of chunks(people, LOOKUP_CHUNK)) await upsertChunk(db, part);
}

async function upsertChunk(db: Db, people: PersonTable[]): Promise<void> {
  await db
    .insertInto("person")
    .values(people)
    .onConflict((oc) =>
      oc.columns(["organization_id", "email"]).doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        title: eb.ref("excluded.title"),
        department: eb.ref("excluded.department"),
        seniority: eb.ref("excluded.seniority"),
        location: eb.ref("excluded.location"),
        time_zone: eb.ref("excluded.time_zone"),
        languages: eb.ref("excluded.languages"),
        org_role: eb.ref("excluded.org_role"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

/** Sets each person's manager, a thousand to a statement (both engines name the columns of a VALUES list column1, column2). */
export async function setManagers(
  db: Db,
  organizationId: string,
  links: readonly { id: string; managerId: string | null }[],
  at: string,
): Promise<void> {
  for (const part of chunks(links, LOOKUP_CHUNK)) {
    const values = sql.join(part.map((l) => sql`(${l.id}, cast(${l.managerId} as text))`));
    await sql`update person set manager_id = v.column2, updated_at = ${at}
    from (values ${values}) as v
    where person.id = v.column1 and person.organization_id = ${organizationId}`.execute(db);
  }
}
