import type { Db } from "../../db/kysely.ts";
import type { MatchRunPairTable, MatchRunTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

export const insertRun = (db: Db, row: MatchRunTable) => db.insertInto("match_run").values(row).execute();

export const updateRun = (db: Db, id: string, patch: Partial<MatchRunTable>) =>
  db.updateTable("match_run").set(patch).where("id", "=", id).execute();

export const findRun = (db: Db, organizationId: string, programId: string, id: string) =>
  db
    .selectFrom("match_run")
    .selectAll()
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .where("program_id", "=", programId)
    .executeTakeFirst();

export const runningRun = (db: Db, programId: string) =>
  db
    .selectFrom("match_run")
    .select("id")
    .where("program_id", "=", programId)
    .where("status", "=", "running")
    .executeTakeFirst();

/** A page of a program's runs, newest first, with each run's pair count and total as they stand. */
export async function runPage(db: Db, organizationId: string, programId: string, page: PageRequest) {
  const q = db
    .selectFrom("match_run as r")
    .innerJoin("person as p", "p.id", "r.created_by")
    .select([
      "r.id",
      "r.mode",
      "r.status",
      "r.progress",
      "r.created_at",
      "r.published_at",
      "p.name as created_by_name",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.program_id", "=", programId);
  const keys: SortKey[] = [
    { column: "r.created_at", direction: "desc" },
    { column: "r.id", direction: "desc" },
  ];
  const { rows, nextCursor } = pageOf(await keyset(q, keys, page).execute(), page, (r) => [
    r.created_at,
    r.id,
  ]);
  const ids = rows.map((r) => r.id);
  const sums = ids.length
    ? await db
        .selectFrom("match_run_pair")
        .select([
          "run_id",
          (eb) => eb.fn.countAll().as("n"),
          (eb) => eb.fn.sum<number | string | null>("score").as("s"),
        ])
        .where("run_id", "in", ids)
        .groupBy("run_id")
        .execute()
    : [];
  const sumOf = new Map(sums.map((s) => [s.run_id, s]));
  return {
    rows: rows.map((r) => ({
      ...r,
      pairs: Number(sumOf.get(r.id)?.n ?? 0),
      pair_total: Number(sumOf.get(r.id)?.s ?? 0),
    })),
    nextCursor,
  };
}

export const pairsOfRun = (db: Db, runId: string) =>
  db
    .selectFrom("match_run_pair as mp")
    .innerJoin("person as e", "e.id", "mp.mentee_id")
    .innerJoin("person as r", "r.id", "mp.mentor_id")
    .select([
      "mp.id",
      "mp.mentee_id",
      "mp.mentor_id",
      "mp.score",
      "mp.locked",
      "mp.origin",
      "e.name as mentee_name",
      "r.name as mentor_name",
    ])
    .where("mp.run_id", "=", runId)
    .orderBy("e.name")
    .orderBy("r.name")
    .execute();

export type RunPair = Awaited<ReturnType<typeof pairsOfRun>>[number];

export const findPair = (db: Db, runId: string, id: string) =>
  db
    .selectFrom("match_run_pair")
    .selectAll()
    .where("run_id", "=", runId)
    .where("id", "=", id)
    .executeTakeFirst();

export const insertPairs = async (db: Db, rows: MatchRunPairTable[]) => {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("match_run_pair")
      .values(rows.slice(i, i + 500))
      .execute();
};

export const updatePair = (db: Db, id: string, patch: Partial<MatchRunPairTable>) =>
  db.updateTable("match_run_pair").set(patch).where("id", "=", id).execute();

export const deletePair = (db: Db, id: string) =>
  db.deleteFrom("match_run_pair").where("id", "=", id).execute();

export const deleteUnlockedPairs = (db: Db, runId: string) =>
  db.deleteFrom("match_run_pair").where("run_id", "=", runId).where("locked", "=", 0).execute();

/** Runs a stopped server left "running": nothing will finish them, and they would block new runs. */
export async function failInterruptedRuns(db: Db, at: string): Promise<number> {
  const result = await db
    .updateTable("match_run")
    .set({
      status: "failed",
      error: "The server restarted while this run was solving. Start a new run.",
      updated_at: at,
    })
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
