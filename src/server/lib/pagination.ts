import { z } from "@hono/zod-openapi";
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { type Db, isPostgres } from "../db/kysely.ts";
import { toCount } from "../db/plugins.ts";
import { AppError } from "./errors.ts";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const PageQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page; leave out for the first page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `Page size, at most ${MAX_PAGE_SIZE}.` }),
});

/** The `q` of a list that can be searched: trimmed, at most 100 characters, and where it is looked for. */
export const SearchText = (description: string) =>
  z.string().trim().max(100).optional().openapi({ description });

export type PageRequest = { cursor?: string | undefined; limit: number };

export const NextCursorSchema = z
  .union([z.string(), z.null()])
  .openapi({ description: "Pass as `cursor` for the next page; null on the last page." });

/** `{ items, nextCursor }` for a list endpoint that pages with a cursor. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: NextCursorSchema });
}

type CursorValue = string | number;

/** A sort key of a keyset page: the column (as written in the query) and its direction. */
export interface SortKey {
  column: string;
  direction: "asc" | "desc";
}

const invalidCursor = () =>
  new AppError(400, "validation.failed", "The cursor is not one this list gave out.", [
    { path: "cursor", code: "invalid_cursor", message: "Start again from the first page." },
  ]);

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))
  ) {
    throw invalidCursor();
  }
  return values as CursorValue[];
}

/**
 * Orders by `keys` (the last one must be unique, usually the id), starts after the cursor's row and
 * fetches one row more than the page so `pageOf` can tell whether another page follows.
 */
export function keyset<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: SortKey[],
  page: PageRequest,
): SelectQueryBuilder<DB, TB, O> {
  let q = query;
  if (page.cursor) q = q.where(after(keys, decodeCursor(page.cursor, keys.length)));
  for (const key of keys) {
    q = q.orderBy(
      key.direction === "asc" ? sql`${sql.ref(key.column)} asc` : sql`${sql.ref(key.column)} desc`,
    );
  }
  return q.limit(page.limit + 1);
}

/** Rows sorted after `values`: a row comparison when the directions agree, so both engines seek the index. */
function after(keys: SortKey[], values: CursorValue[]) {
  const columns = keys.map((k) => sql.ref(k.column));
  const direction = keys[0]?.direction;
  if (keys.every((k) => k.direction === direction)) {
    const op = direction === "asc" ? sql`>` : sql`<`;
    return sql<SqlBool>`(${sql.join(columns)}) ${op} (${sql.join(values)})`;
  }
  const branches = keys.map((key, i) => {
    const equalBefore = columns.slice(0, i).map((c, j) => sql`${c} = ${values[j]}`);
    const beyond =
      key.direction === "asc" ? sql`${columns[i]} > ${values[i]}` : sql`${columns[i]} < ${values[i]}`;
    return sql`(${sql.join([...equalBefore, beyond], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

/** The page of rows a `keyset` query returned, and the cursor of the next page if there is one. */
export function pageOf<R>(
  rows: R[],
  page: PageRequest,
  cursorOf: (row: R) => CursorValue[],
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= page.limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, page.limit);
  return { rows: kept, nextCursor: encodeCursor(cursorOf(kept[kept.length - 1] as R)) };
}

const names = new Intl.Collator("en");

/** By name as people sort them, then by id: a total order for a list of people held in memory. */
export const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  names.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A page of a list held in memory and sorted with `byNameThenId`: the rows after the cursor's name and id,
 * and the cursor of the next page. A cursor that does not hold a name and an id is refused.
 */
export function pageByName<R extends { name: string; id: string }>(
  sorted: readonly R[],
  page: PageRequest,
): { rows: R[]; nextCursor: string | null } {
  let from = 0;
  if (page.cursor) {
    const [name, id] = decodeCursor(page.cursor, 2);
    if (typeof name !== "string" || typeof id !== "string") throw invalidCursor();
    from = sorted.findIndex((r) => byNameThenId(r, { name, id }) > 0);
    if (from < 0) return { rows: [], nextCursor: null };
  }
  return pageOf(sorted.slice(from, from + page.limit + 1), page, (r) => [r.name, r.id]);
}

/**
 * A `keyset` page and the number of rows the whole query matches. On SQLite the first page counts in the
 * same statement (a window over the matched rows, before the limit), so the filter runs once. PostgreSQL
 * plans that window as a walk of the sort index over every row, so it counts in a second statement, as
 * later pages do everywhere (their cursor narrows the rows).
 */
export async function pageWithTotal<DB, TB extends keyof DB, R>(
  db: Db,
  query: SelectQueryBuilder<DB, TB, R>,
  keys: SortKey[],
  page: PageRequest,
  cursorOf: (row: R) => CursorValue[],
): Promise<{ rows: R[]; nextCursor: string | null; total: number }> {
  if (page.cursor || isPostgres(db)) {
    const [rows, total] = await Promise.all([keyset(query, keys, page).execute(), countRows(query)]);
    return { ...pageOf(rows as R[], page, cursorOf), total };
  }
  const rows = (await keyset(
    query.select(sql<string | number>`count(*) over ()`.as("matched_total")),
    keys,
    page,
  ).execute()) as (R & { matched_total?: string | number })[];
  const total = toCount(rows[0]?.matched_total);
  for (const row of rows) delete row.matched_total;
  return { ...pageOf(rows as R[], page, cursorOf), total };
}

/** How many rows `query` matches, whatever it selects. */
export async function countRows<DB, TB extends keyof DB, R>(query: SelectQueryBuilder<DB, TB, R>) {
  const row = await query.clearSelect().select(sql<string | number>`count(*)`.as("n")).executeTakeFirst();
  return toCount((row as { n?: string | number } | undefined)?.n);
}
