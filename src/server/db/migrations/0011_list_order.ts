import type { Kysely } from "kysely";

/**
 * Indexes in the order the pages read them, so a page is a seek and a short walk however long the list:
 * a relationship's meetings newest first (a busy pair logs thousands), and each engagement's amendments,
 * which every session budget sums.
 */
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  {
    name: "mentoring_meeting_rel_order_idx",
    table: "mentoring_meeting",
    columns: ["relationship_id", "met_on", "created_at", "id"],
  },
  {
    name: "coaching_amendment_engagement_idx",
    table: "coaching_amendment",
    columns: ["engagement_id", "added_sessions"],
  },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const { name, table, columns } of INDEXES)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}
