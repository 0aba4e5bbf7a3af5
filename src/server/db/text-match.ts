import { type RawBuilder, type SqlBool, sql } from "kysely";

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A LIKE pattern matching `text` anywhere, lower-cased, with its wildcards escaped (use with `escape '\\'`). */
export const containsPattern = (text: string) => `%${escapeLike(text.toLowerCase())}%`;

/** Any of `columns` contains `text`, ignoring case, on both engines. */
export function anyContains(columns: string[], text: string): RawBuilder<SqlBool> {
  const pattern = containsPattern(text);
  return sql<SqlBool>`(${sql.join(
    columns.map((col) => sql`lower(${sql.ref(col)}) like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}
