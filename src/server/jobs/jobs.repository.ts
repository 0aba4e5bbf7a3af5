import { type Kysely, sql } from "kysely";
import { isPostgres } from "../db/kysely.ts";
import type { Database, JobTable } from "../db/schema.ts";
import { newId } from "../lib/ids.ts";

export type JobRow = Omit<JobTable, "attempts"> & { attempts: number };

export interface JobInsert {
  kind: string;
  payload: string;
  organizationId: string | null;
  runAt: string;
  dedupeKey: string | null;
  maxAttempts: number;
  createdAt: string;
}

export async function insertJob(db: Kysely<Database>, job: JobInsert): Promise<void> {
  await db
    .insertInto("job")
    .values({
      id: newId(),
      organization_id: job.organizationId,
      kind: job.kind,
      payload: job.payload,
      status: "queued",
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: job.dedupeKey,
      created_at: job.createdAt,
      finished_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

/**
 * Takes up to `limit` jobs of the given kinds that are due, or whose worker's lease has lapsed, and leases them
 * to `worker`. PostgreSQL skips rows another worker is claiming at the same moment; SQLite has one writer.
 */
export async function claimJobs(
  db: Kysely<Database>,
  kinds: readonly string[],
  worker: string,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<JobRow[]> {
  if (kinds.length === 0) return [];
  const due = db
    .selectFrom("job")
    .select("id")
    .where("kind", "in", kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<=", now)]),
      ]),
    )
    .orderBy("run_at")
    .limit(limit);
  const rows = await db
    .updateTable("job")
    .set({
      status: "running",
      locked_by: worker,
      locked_until: leaseUntil,
      attempts: sql`attempts + 1`,
    })
    .where("id", "in", isPostgres(db) ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
  return rows
    .map((r) => ({ ...r, attempts: Number(r.attempts), max_attempts: Number(r.max_attempts) }))
    .sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : 0));
}

/** Marks a job done, unless its lease passed to another worker meanwhile. */
export async function finishJob(db: Kysely<Database>, id: string, worker: string, at: string): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "done", finished_at: at, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}

export async function rescheduleJob(
  db: Kysely<Database>,
  id: string,
  worker: string,
  runAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "queued", run_at: runAt, last_error: error, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}

export async function buryJob(
  db: Kysely<Database>,
  id: string,
  worker: string,
  at: string,
  error: string,
): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "dead", finished_at: at, last_error: error, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}

/** Done jobs are kept a week and dead ones a month, for looking into what happened. */
export async function purgeFinishedJobs(
  db: Kysely<Database>,
  doneBefore: string,
  deadBefore: string,
): Promise<number> {
  const done = await db
    .deleteFrom("job")
    .where("status", "=", "done")
    .where("finished_at", "<", doneBefore)
    .executeTakeFirst();
  const dead = await db
    .deleteFrom("job")
    .where("status", "=", "dead")
    .where("finished_at", "<", deadBefore)
    .executeTakeFirst();
  return Number(done.numDeletedRows) + Number(dead.numDeletedRows);
}
