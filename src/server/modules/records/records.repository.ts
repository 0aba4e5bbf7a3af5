import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";

/** The person whose record it is, with their manager's name. */
export const findRecordPerson = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("person as p")
    .leftJoin("person as m", "m.id", "p.manager_id")
    .select([
      "p.id",
      "p.name",
      "p.title",
      "p.department",
      "p.seniority",
      "p.career_goals",
      "p.manager_id",
      "m.name as manager_name",
    ])
    .where("p.organization_id", "=", organizationId)
    .where("p.id", "=", id)
    .executeTakeFirst();

export type RecordPersonRow = NonNullable<Awaited<ReturnType<typeof findRecordPerson>>>;

/** How many meetings each relationship logged and the date of the latest: metadata, never their content. */
export async function meetingFacts(db: Db, relationshipIds: string[]) {
  if (relationshipIds.length === 0) return new Map<string, { count: number; lastMetOn: string | null }>();
  const rows = await db
    .selectFrom("mentoring_meeting")
    .select(["relationship_id", (eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.max("met_on").as("last")])
    .where("relationship_id", "in", relationshipIds)
    .groupBy("relationship_id")
    .execute();
  return new Map(
    rows.map((r) => [
      r.relationship_id,
      { count: toCount(r.n as string | number), lastMetOn: (r.last as string | null) ?? null },
    ]),
  );
}

/** The goals of a set of mentoring relationships, oldest first. */
export const goalsOfRelationships = (db: Db, relationshipIds: string[]) =>
  relationshipIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("mentoring_goal")
        .selectAll()
        .where("relationship_id", "in", relationshipIds)
        .orderBy("created_at")
        .execute();
