import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { type Db, isPostgres } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { PersonTable } from "../../db/schema.ts";
import { anyContains, containsPattern, escapeLike } from "../../db/text-match.ts";
import { countRows, pageWithTotal, type SortKey } from "../../lib/pagination.ts";

export type PersonRow = PersonTable;

/**
 * A person with an empty profile, as invitations, single sign-on, SCIM, imports and an erasure's stand-in
 * first write one.
 */
export function newPersonRow(
  fields: Pick<PersonTable, "id" | "organization_id" | "email" | "name" | "status" | "created_at"> &
    Partial<PersonTable>,
): PersonTable {
  return {
    user_id: null,
    title: null,
    department: null,
    seniority: null,
    manager_id: null,
    location: null,
    time_zone: "UTC",
    languages: "[]",
    skills: "[]",
    interests: "[]",
    career_goals: null,
    org_role: "member",
    updated_at: fields.created_at,
    ...fields,
  };
}

export function findPerson(db: Db, organizationId: string, id: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom("person")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findActivePersonByUser(db: Db, userId: string) {
  return db
    .selectFrom("person")
    .innerJoin("organization", "organization.id", "person.organization_id")
    .select([
      "person.id",
      "person.organization_id",
      "person.org_role",
      "person.name",
      "person.email",
      "organization.name as organization_name",
    ])
    .where("person.user_id", "=", userId)
    .where("person.status", "=", "active")
    .executeTakeFirst();
}

export function findPersonByEmail(db: Db, email: string) {
  return db
    .selectFrom("person")
    .select(["id", "organization_id", "status"])
    .where("email", "=", email.toLowerCase())
    .orderBy("created_at")
    .executeTakeFirst();
}

export function findPeopleRefs(db: Db, organizationId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("person")
    .select(["id", "name"])
    .where("organization_id", "=", organizationId)
    .where("id", "in", ids)
    .execute();
}

/** How many direct reports a profile names; the rest are counted. */
export const DIRECT_REPORTS_SHOWN = 20;

/** The first direct reports by name (not deactivated), and how many there are in all. */
const directReports = (db: Db, organizationId: string, managerId: string) =>
  db
    .selectFrom("person")
    .where("organization_id", "=", organizationId)
    .where("manager_id", "=", managerId)
    .where("status", "!=", "deactivated");

export async function directReportsOf(db: Db, organizationId: string, managerId: string) {
  const q = directReports(db, organizationId, managerId);
  const shown = await q
    .select(["id", "name"])
    .orderBy("name")
    .orderBy("id")
    .limit(DIRECT_REPORTS_SHOWN)
    .execute();
  return {
    shown,
    total: shown.length < DIRECT_REPORTS_SHOWN ? shown.length : await countRows(q.select("id")),
  };
}

/**
 * Name, email, title or department contains `text`, case-insensitively. Three characters or more go through
 * the search index of migration 0009; shorter ones are too unselective for it and scan.
 */
function containsText(db: Db, text: string) {
  const lowered = text.toLowerCase();
  if (isPostgres(db)) {
    return sql<SqlBool>`lower(name || ' ' || email || ' ' || coalesce(title, '') || ' ' || coalesce(department, '')) like ${containsPattern(text)} escape '\\'`;
  }
  if ([...lowered].length >= 3) {
    const phrase = `"${lowered.replaceAll('"', '""')}"`;
    return sql<SqlBool>`id in (select person_id from person_search where person_search match ${phrase})`;
  }
  return anyContains(["name", "email", "title", "department"], text);
}

export interface PeopleFilter {
  q?: string | undefined;
  department?: string | undefined;
  role?: PersonRow["org_role"] | undefined;
  status?: PersonRow["status"] | undefined;
  location?: string | undefined;
  language?: string | undefined;
  /** Only people below this person in the reporting line. */
  belowId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listPeople(db: Db, organizationId: string, f: PeopleFilter) {
  let q = db.selectFrom("person").where("organization_id", "=", organizationId);
  if (f.q) q = q.where(containsText(db, f.q));
  if (f.department) q = q.where("department", "=", f.department);
  if (f.role) q = q.where("org_role", "=", f.role);
  if (f.status) q = q.where("status", "=", f.status);
  else q = q.where("status", "!=", "deactivated");
  if (f.location) q = q.where("location", "=", f.location);
  if (f.language) q = q.where("languages", "like", `%${escapeLike(JSON.stringify(f.language))}%`);
  if (f.belowId) q = q.where(idsBelow(organizationId, f.belowId));
  const keys: SortKey[] = [
    { column: "name", direction: "asc" },
    { column: "id", direction: "asc" },
  ];
  return pageWithTotal(db, q.selectAll(), keys, f, (r) => [r.name, r.id]);
}

export type Facet = "department" | "location" | "language";

/**
 * One row per value of a facet with the number of people (any status) who have it, as the derived table
 * `f(value, n)`. A person's languages are a JSON array, unnested per engine.
 */
function facetValues(db: Db, organizationId: string, facet: Facet) {
  let source: RawBuilder<{ value: string; n: number | string }>;
  if (facet === "language") {
    source = isPostgres(db)
      ? sql`(select j.value as value, count(*) as n from person p
          cross join lateral jsonb_array_elements_text(p.languages::jsonb) as j(value)
          where p.organization_id = ${organizationId} group by j.value)`
      : sql`(select j.value as value, count(*) as n from person p, json_each(p.languages) j
          where p.organization_id = ${organizationId} and j.type = 'text' group by j.value)`;
  } else {
    const col = sql.ref(facet);
    source = sql`(select ${col} as value, count(*) as n from person
      where organization_id = ${organizationId} and ${col} is not null group by ${col})`;
  }
  return db
    .selectFrom(source.as("f"))
    .select([sql<string>`f.value`.as("value"), sql<number | string>`f.n`.as("n")]);
}

/** The most common first, then by value; the value is unique within a facet, so it ends the keyset. */
const FACET_KEYS: SortKey[] = [
  { column: "f.n", direction: "desc" },
  { column: "f.value", direction: "asc" },
];

/** A page of a facet's values containing `q` (ignoring case), the most common first, and how many match. */
export async function facetPage(
  db: Db,
  organizationId: string,
  facet: Facet,
  f: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  let q = facetValues(db, organizationId, facet);
  if (f.q) q = q.where(anyContains(["f.value"], f.q));
  const page = await pageWithTotal(db, q, FACET_KEYS, f, (r) => [toCount(r.n), r.value]);
  return { ...page, rows: page.rows.map((r) => ({ value: r.value, count: toCount(r.n) })) };
}

/**
 * The people `start` selects (their `id, manager_id`) and everyone above them in the reporting line, so that
 * `managerChain` can walk up from any of them without loading the whole organization. UNION (not UNION ALL)
 * stops at a loop in the reporting line and walks a shared manager once; the manager is looked up per row, so
 * PostgreSQL seeks the primary key rather than hashing every person. Built with Kysely rather than raw SQL so
 * that the read cache can name the tables it read.
 */
export async function reportingLines<DB, TB extends keyof DB>(
  db: Db,
  organizationId: string,
  start: SelectQueryBuilder<DB, TB, { id: string; manager_id: string | null }>,
): Promise<Map<string, string | null>> {
  const rows = await db
    .withRecursive("chain(id, manager_id)", (qc) =>
      start.union(
        qc
          .selectFrom("chain as c")
          .where("c.manager_id", "is not", null)
          .select((eb) => [
            eb.ref("c.manager_id").$castTo<string>().as("id"),
            eb
              .selectFrom("person as p")
              .select("p.manager_id")
              .whereRef("p.id", "=", "c.manager_id")
              .where("p.organization_id", "=", organizationId)
              .as("manager_id"),
          ]),
      ),
    )
    .selectFrom("chain")
    .select(["chain.id", "chain.manager_id"])
    .execute();
  return new Map(rows.map((r) => [r.id, r.manager_id]));
}

/** The manager chain above `personId`, nearest first, via a recursive query both engines understand. */
export async function managerChainRows(db: Db, organizationId: string, personId: string) {
  const result = await sql<{ id: string; manager_id: string | null }>`
    with recursive chain(id, manager_id, depth) as (
      select id, manager_id, 0 from person where id = ${personId} and organization_id = ${organizationId}
      union all
      select p.id, p.manager_id, c.depth + 1 from person p join chain c on p.id = c.manager_id
      where c.depth < 200 and p.organization_id = ${organizationId}
    )
    select id, manager_id from chain`.execute(db);
  return result.rows;
}

export async function updatePerson(db: Db, organizationId: string, id: string, patch: Partial<PersonRow>) {
  await db
    .updateTable("person")
    .set(patch)
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .execute();
}

export function countActiveAdmins(db: Db, organizationId: string) {
  return db
    .selectFrom("person")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("organization_id", "=", organizationId)
    .where("org_role", "=", "org_admin")
    .where("status", "=", "active")
    .executeTakeFirst()
    .then((r) => toCount(r?.n as string | number | undefined));
}

export async function revokeSessionsOfUser(db: Db, userId: string) {
  await db.deleteFrom("auth_session").where("user_id", "=", userId).execute();
}

/** Ids of everyone below `managerId` in the reporting line, direct and indirect (a subquery for `id in`). */
export function idsBelow(organizationId: string, managerId: string) {
  return sql<SqlBool>`id in (
    with recursive below(id, depth) as (
      select id, 0 from person where manager_id = ${managerId} and organization_id = ${organizationId}
      union all
      select p.id, b.depth + 1 from person p join below b on p.manager_id = b.id
      where b.depth < 200 and p.organization_id = ${organizationId}
    )
    select id from below where id <> ${managerId})`;
}

/** Whether anyone not deactivated reports to `managerId` directly. */
export async function hasReports(db: Db, organizationId: string, managerId: string) {
  return (
    (await directReports(db, organizationId, managerId).select("id").limit(1).executeTakeFirst()) !==
    undefined
  );
}
