import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { claimJobs, purgeFinishedJobs } from "./jobs.repository.ts";
import {
  backoffMs,
  enqueueJob,
  type JobInfo,
  PermanentJobError,
  RetryJobError,
  registerJobHandler,
} from "./queue.ts";
import { startJobWorker } from "./worker.ts";

let ctx: TestContext;
const runs: { payload: { n: number }; job: JobInfo }[] = [];
const failures = new Map<number, number>();

registerJobHandler<{ n: number }>("test.record", async (_deps, payload, job) => {
  runs.push({ payload, job });
  const left = failures.get(payload.n) ?? 0;
  if (left > 0) {
    failures.set(payload.n, left - 1);
    throw new Error(`planned failure of ${payload.n}`);
  }
});
registerJobHandler<{ n: number }>("test.permanent", async () => {
  throw new PermanentJobError("cannot ever work");
});
registerJobHandler<{ n: number }>("test.retry-after", async (_deps, _payload, job) => {
  if (job.attempt === 1) throw new RetryJobError("busy", 90_000);
});

const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const jobRows = () => ctx.db.selectFrom("job").selectAll().orderBy("created_at").execute();

beforeAll(async () => {
  ctx = await createTestContext({ backgroundJobs: false });
});
afterAll(() => ctx.close());
beforeEach(async () => {
  runs.length = 0;
  failures.clear();
  await ctx.db.deleteFrom("job").execute();
});

describe("job queue", () => {
  it("runs a queued job once, with its payload and organization", async () => {
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 1 }, organizationId: "org-1" });
    expect(await ctx.jobs.drain()).toBe(1);
    expect(await ctx.jobs.drain()).toBe(0);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.payload).toEqual({ n: 1 });
    expect(runs[0]?.job).toMatchObject({ attempt: 1, organizationId: "org-1", kind: "test.record" });
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: "done", locked_by: null });
    expect(row?.finished_at).toBeTruthy();
  });

  it("ignores a second job with the same dedupe key", async () => {
    for (let i = 0; i < 3; i++)
      await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 2 }, dedupeKey: "reminder:2" });
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 3 } });
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 4 } });
    expect(await jobRows()).toHaveLength(3);
    expect(await ctx.jobs.drain()).toBe(3);
  });

  it("holds a job until its run time", async () => {
    const now = new Date().toISOString();
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 5 }, runAt: at(now, 3_600_000) });
    expect(await ctx.jobs.drain()).toBe(0);
    expect(await ctx.jobs.drain({ now: at(now, 3_600_001) })).toBe(1);
  });

  it("retries a failing job with growing backoff, then gives up after its attempts", async () => {
    failures.set(6, 10);
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 6 }, maxAttempts: 3 });
    const start = new Date().toISOString();
    expect(await ctx.jobs.drain({ now: start })).toBe(1);
    let [row] = await jobRows();
    expect(row).toMatchObject({ status: "queued", attempts: 1, last_error: "planned failure of 6" });
    const firstDelay = Date.parse(row?.run_at ?? "") - Date.parse(start);
    expect(firstDelay).toBeGreaterThanOrEqual(30_000);
    expect(firstDelay).toBeLessThanOrEqual(36_000);
    // Not due yet: nothing runs before the backoff has passed.
    expect(await ctx.jobs.drain({ now: at(start, 29_000) })).toBe(0);
    const second = row?.run_at ?? "";
    expect(await ctx.jobs.drain({ now: second })).toBe(1);
    [row] = await jobRows();
    const secondDelay = Date.parse(row?.run_at ?? "") - Date.parse(second);
    expect(secondDelay).toBeGreaterThanOrEqual(60_000);
    expect(await ctx.jobs.drain({ now: row?.run_at ?? "" })).toBe(1);
    [row] = await jobRows();
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(runs.map((r) => r.job.attempt)).toEqual([1, 2, 3]);
    expect(await ctx.jobs.drain({ now: at(start, 365 * 86_400_000) })).toBe(0);
  });

  it("succeeds on a retry", async () => {
    failures.set(7, 1);
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 7 } });
    const start = new Date().toISOString();
    await ctx.jobs.drain({ now: start });
    expect(await ctx.jobs.drain({ now: at(start, 3_600_000) })).toBe(1);
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: "done", attempts: 2, last_error: "planned failure of 7" });
  });

  it("buries a job at once on a permanent error", async () => {
    await enqueueJob(ctx.db, { kind: "test.permanent", payload: { n: 8 } });
    await ctx.jobs.drain();
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: "dead", attempts: 1, last_error: "cannot ever work" });
  });

  it("waits as long as a handler asks before retrying", async () => {
    await enqueueJob(ctx.db, { kind: "test.retry-after", payload: { n: 9 } });
    const start = new Date().toISOString();
    await ctx.jobs.drain({ now: start });
    const [row] = await jobRows();
    expect(Date.parse(row?.run_at ?? "") - Date.parse(start)).toBe(90_000);
    expect(await ctx.jobs.drain({ now: at(start, 90_000) })).toBe(1);
  });

  it("takes up a job whose worker died, once its lease has lapsed", async () => {
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 10 } });
    const start = new Date().toISOString();
    const claimed = await claimJobs(ctx.db, ["test.record"], "dead-worker", start, at(start, 60_000), 10);
    expect(claimed).toHaveLength(1);
    expect(await ctx.jobs.drain({ now: at(start, 59_000) })).toBe(0);
    expect(await ctx.jobs.drain({ now: at(start, 60_000) })).toBe(1);
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: "done", attempts: 2 });
    expect(runs).toHaveLength(1);
  });

  it("queues nothing when the change that asked for the job rolls back", async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: "test.record", payload: { n: 11 } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobRows()).toHaveLength(0);
  });

  it("leaves jobs of kinds it has no handler for to a worker that has", async () => {
    await enqueueJob(ctx.db, { kind: "test.unknown", payload: { n: 12 } });
    expect(await ctx.jobs.drain()).toBe(0);
    const [row] = await jobRows();
    expect(row?.status).toBe("queued");
  });

  it("runs each job once when several workers drain at the same time", async () => {
    for (let n = 100; n < 160; n++) await enqueueJob(ctx.db, { kind: "test.record", payload: { n } });
    const workers = [0, 1, 2].map(() => startJobWorker(ctx.deps, { pollMs: 0, batchSize: 5 }));
    const counts = await Promise.all(workers.map((w) => w.drain()));
    await Promise.all(workers.map((w) => w.stop()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(new Set(runs.map((r) => r.payload.n)).size).toBe(60);
    expect(runs).toHaveLength(60);
  });

  it("wakes a background worker when a job is queued", async () => {
    const worker = startJobWorker(ctx.deps, { pollMs: 60_000 });
    try {
      await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 13 } });
      await expect.poll(() => runs.length, { timeout: 5_000 }).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it("purges finished jobs after their keeping time", async () => {
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 14 } });
    await enqueueJob(ctx.db, { kind: "test.permanent", payload: { n: 15 } });
    await enqueueJob(ctx.db, { kind: "test.record", payload: { n: 16 }, runAt: "2999-01-01T00:00:00.000Z" });
    await ctx.jobs.drain();
    const later = at(new Date().toISOString(), 1000);
    expect(await purgeFinishedJobs(ctx.db, later, "2000-01-01T00:00:00.000Z")).toBe(1);
    expect(await purgeFinishedJobs(ctx.db, later, later)).toBe(1);
    expect((await jobRows()).map((r) => r.status)).toEqual(["queued"]);
  });

  it("backs off 30 s doubling per attempt, capped at six hours, with up to a fifth of jitter", () => {
    expect(backoffMs(1, () => 0)).toBe(30_000);
    expect(backoffMs(2, () => 0)).toBe(60_000);
    expect(backoffMs(5, () => 0)).toBe(480_000);
    expect(backoffMs(30, () => 0)).toBe(6 * 3_600_000);
    expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(36_000);
  });
});
