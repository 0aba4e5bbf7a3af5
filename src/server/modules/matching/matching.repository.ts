import { sql } from "kysely";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { MatchRunPairTable, MatchRunTable } from "../../db/schema.ts";
import { anyContains } from "../../db/text-match.ts";
import { keyset, type PageRequest, pageOf, pageWithTotal, type SortKey } from "../../lib/pagination.ts";

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

/** A run's pairs with both names. */
const pairsQuery = (db: Db, runId: string) =>
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
    .where("mp.run_id", "=", runId);

/** Every pair of a run, for the use cases that check or publish the whole draft (never a response). */
export const pairsOfRun = (db: Db, runId: string) =>
  pairsQuery(db, runId).orderBy("e.name").orderBy("r.name").orderBy("mp.id").execute();

const byMentee: SortKey[] = [
  { column: "e.name", direction: "asc" },
  { column: "r.name", direction: "asc" },
  { column: "mp.id", direction: "asc" },
];

/** A page of a run's pairs by mentee then mentor, optionally one person's or those whose names contain `q`. */
export function pairPage(
  db: Db,
  runId: string,
  f: PageRequest & { q?: string | undefined; menteeId?: string | undefined; mentorId?: string | undefined },
) {
  let q = pairsQuery(db, runId);
  if (f.q) q = q.where(anyContains(["e.name", "r.name"], f.q));
  if (f.menteeId) q = q.where("mp.mentee_id", "=", f.menteeId);
  if (f.mentorId) q = q.where("mp.mentor_id", "=", f.mentorId);
  return pageWithTotal(db, q, byMentee, f, (p) => [p.mentee_name, p.mentor_name, p.id]);
}

/**
 * How a run's pairs add up, in one statement: per band of the score range (`floor(score * buckets)`), how
 * many pairs, their score sum and how many are locked.
 */
export async function pairBuckets(db: Db, runId: string, buckets: number) {
  const band = sql<number | string>`floor(score * ${sql.lit(buckets)})`;
  const rows = await db
    .selectFrom("match_run_pair")
    .select([
      band.as("bucket"),
      (eb) => eb.fn.countAll<number | string>().as("n"),
      (eb) => eb.fn.sum<number | string>("score").as("s"),
      (eb) => eb.fn.sum<number | string>("locked").as("locked"),
    ])
    .where("run_id", "=", runId)
    .groupBy(band)
    .execute();
  return rows.map((r) => ({
    bucket: Number(r.bucket),
    count: toCount(r.n),
    total: Number(r.s),
    locked: toCount(r.locked),
  }));
}

/** The mentees who have at least one pair in a run (ids only). */
export async function pairedMentees(db: Db, runId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("match_run_pair")
    .select("mentee_id")
    .distinct()
    .where("run_id", "=", runId)
    .execute();
  return new Set(rows.map((r) => r.mentee_id));
}

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
