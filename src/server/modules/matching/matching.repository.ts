import type { Db } from "../../db/kysely.ts";
import type { MatchRunPairTable, MatchRunTable } from "../../db/schema.ts";

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

export const runsOfProgram = (db: Db, organizationId: string, programId: string) =>
  db
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
      (eb) =>
        eb
          .selectFrom("match_run_pair as mp")
          .whereRef("mp.run_id", "=", "r.id")
          .select((e) => e.fn.countAll().as("n"))
          .as("pairs"),
      (eb) =>
        eb
          .selectFrom("match_run_pair as mp")
          .whereRef("mp.run_id", "=", "r.id")
          .select((e) => e.fn.sum<number | string | null>("mp.score").as("s"))
          .as("pair_total"),
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.program_id", "=", programId)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(50)
    .execute();

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
