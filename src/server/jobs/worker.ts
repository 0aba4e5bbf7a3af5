import { randomUUID } from "node:crypto";
import type { Deps } from "../lib/context.ts";
import { nowIso } from "../lib/time.ts";
import { buryJob, claimJobs, finishJob, type JobRow, rescheduleJob } from "./jobs.repository.ts";
import {
  backoffMs,
  DEFAULT_LEASE_MS,
  type JobInfo,
  jobHandler,
  jobSignals,
  PermanentJobError,
  RetryJobError,
  registeredJobKinds,
} from "./queue.ts";

export interface JobWorker {
  /** Runs every job due at `now` (default: the real time) until none is left; returns how many ran. */
  drain(options?: { now?: string }): Promise<number>;
  stop(): Promise<void>;
}

export interface JobWorkerOptions {
  /** How often to look for due jobs besides being woken by a new one; 0 polls never (tests that drain). */
  pollMs?: number;
  batchSize?: number;
  onError?: (job: JobInfo, error: unknown) => void;
}

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

export function startJobWorker(deps: Deps, options: JobWorkerOptions = {}): JobWorker {
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const worker = `${process.pid}-${randomUUID()}`;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | null = null;

  async function runOne(row: JobRow, now: () => string): Promise<void> {
    const info: JobInfo = {
      id: row.id,
      kind: row.kind,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      organizationId: row.organization_id,
      now: now(),
    };
    const registered = jobHandler(row.kind);
    try {
      if (!registered) throw new PermanentJobError(`No handler for jobs of kind ${row.kind}.`);
      await registered.handler(deps, JSON.parse(row.payload), info);
      await finishJob(deps.db, row.id, worker, now());
    } catch (err) {
      options.onError?.(info, err);
      const at = now();
      if (err instanceof PermanentJobError || row.attempts >= row.max_attempts) {
        await buryJob(deps.db, row.id, worker, at, message(err));
        return;
      }
      const delay =
        err instanceof RetryJobError && err.delayMs !== undefined
          ? err.delayMs
          : (registered?.options.retryDelayMs ?? backoffMs)(row.attempts);
      await rescheduleJob(deps.db, row.id, worker, plusMs(at, delay), message(err));
    }
  }

  async function pass(now: () => string): Promise<number> {
    let ran = 0;
    for (;;) {
      const at = now();
      const kinds = registeredJobKinds();
      const lease = Math.max(
        DEFAULT_LEASE_MS,
        ...kinds.map((k) => jobHandler(k)?.options.leaseMs ?? DEFAULT_LEASE_MS),
      );
      const batch = await claimJobs(deps.db, kinds, worker, at, plusMs(at, lease), batchSize);
      if (batch.length === 0) return ran;
      for (const row of batch) {
        if (stopped) return ran;
        await runOne(row, now);
        ran++;
      }
    }
  }

  /** One pass at a time: a drain waits for the background pass under way, then makes its own. */
  function schedulePass(now: () => string): Promise<number> {
    const next = running.catch(() => 0).then(() => (stopped ? 0 : pass(now)));
    running = next.catch((err: unknown) => {
      console.error("The job worker could not read the queue:", message(err));
      return 0;
    });
    return next;
  }

  function wake(delayMs: number) {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void schedulePass(nowIso).finally(() => {
        if (pollMs > 0) wake(pollMs);
      });
    }, delayMs);
    timer.unref();
  }

  const onQueued = () => {
    if (timer && pollMs > 0) {
      clearTimeout(timer);
      timer = null;
    }
    wake(5);
  };
  if (pollMs > 0) {
    jobSignals.on("queued", onQueued);
    wake(0);
  }

  return {
    drain(drainOptions = {}) {
      const fixed = drainOptions.now;
      return schedulePass(fixed ? () => fixed : nowIso);
    },
    async stop() {
      stopped = true;
      jobSignals.off("queued", onQueued);
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
