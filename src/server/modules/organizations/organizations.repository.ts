import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";

export function findOrganization(db: Db, id: string) {
  return db.selectFrom("organization").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function renameOrganization(db: Db, id: string, name: string, at: string) {
  await db.updateTable("organization").set({ name, updated_at: at }).where("id", "=", id).execute();
}

export async function countPeopleBy(
  db: Db,
  organizationId: string,
  column: "status" | "department" | "seniority",
) {
  const rows = await db
    .selectFrom("person")
    .select([column, (eb) => eb.fn.countAll().as("n")])
    .where("organization_id", "=", organizationId)
    .where("status", "!=", "deactivated")
    .groupBy(column)
    .orderBy(column)
    .execute();
  return rows.map((r) => ({
    key: r[column] as string | number | null,
    count: toCount(r.n as string | number),
  }));
}

function programEnrolments(db: Db, organizationId: string) {
  return db
    .selectFrom("program as p")
    .leftJoin("enrolment as e", (j) => j.onRef("e.program_id", "=", "p.id").on("e.status", "=", "active"))
    .where("p.organization_id", "=", organizationId)
    .where("p.status", "!=", "archived");
}

/** The `limit` programs (not archived) with the most active enrolments, then by name. */
export async function mostEnrolledPrograms(db: Db, organizationId: string, limit: number) {
  const rows = await programEnrolments(db, organizationId)
    .select(["p.id", "p.name", "p.kind", "p.status", (eb) => eb.fn.count("e.id").as("n")])
    .groupBy(["p.id", "p.name", "p.kind", "p.status"])
    .orderBy((eb) => eb.fn.count("e.id"), "desc")
    .orderBy("p.name")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    enrolled: toCount(r.n),
  }));
}

/** How many programs are not archived, and their active enrolments. */
export async function programTotals(db: Db, organizationId: string) {
  const row = await programEnrolments(db, organizationId)
    .select((eb) => [eb.fn.count("p.id").distinct().as("programs"), eb.fn.count("e.id").as("enrolments")])
    .executeTakeFirst();
  return { programs: toCount(row?.programs ?? 0), enrolments: toCount(row?.enrolments ?? 0) };
}
