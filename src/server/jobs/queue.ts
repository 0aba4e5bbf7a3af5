import { EventEmitter } from "node:events";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { Deps } from "../lib/context.ts";
import { nowIso } from "../lib/time.ts";
import { insertJob } from "./jobs.repository.ts";

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  organizationId?: string | null;
  /** When the job may run first (ISO time); now when left out. */
  runAt?: string;
  /** A second job with the same key is ignored, so a scan that runs twice queues one job. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobInfo {
  id: string;
  kind: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  organizationId: string | null;
  /** The worker's clock when it took the job: the real time, or the time a test drains at. */
  now: string;
}

export type JobHandler<P> = (deps: Deps, payload: P, job: JobInfo) => Promise<void>;

export interface JobKindOptions {
  /** How long a run may take before another worker may take the job up as abandoned. */
  leaseMs?: number;
  /** Delay before retry `attempt + 1`, after run `attempt` failed. */
  retryDelayMs?: (attempt: number) => number;
}

/** Fails the job at once: retrying cannot help (a refused address, a missing record). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** Retries the job, after `delayMs` when given (a server's Retry-After), else after the kind's backoff. */
export class RetryJobError extends Error {
  override name = "RetryJobError";
  constructor(
    message: string,
    readonly delayMs?: number,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 6 h, each stretched by up to a fifth so that failed jobs spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(base * (1 + random() * 0.2));
}

interface Registered {
  // biome-ignore lint/suspicious/noExplicitAny: each kind's payload type is known only to its own handler
  handler: JobHandler<any>;
  options: JobKindOptions;
}

const handlers = new Map<string, Registered>();

export function registerJobHandler<P>(kind: string, handler: JobHandler<P>, options: JobKindOptions = {}) {
  handlers.set(kind, { handler, options });
}

export const registeredJobKinds = (): string[] => [...handlers.keys()];
export const jobHandler = (kind: string): Registered | undefined => handlers.get(kind);

/** Wakes the workers of this process when a job is queued, so it need not wait for the next poll. */
export const jobSignals = new EventEmitter();
jobSignals.setMaxListeners(0);

/**
 * Queues a job. Pass the transaction of the change that calls for it, so the job exists exactly when the
 * change does.
 */
export async function enqueueJob(db: Kysely<Database>, job: NewJob): Promise<void> {
  await insertJob(db, {
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    organizationId: job.organizationId ?? null,
    runAt: job.runAt ?? nowIso(),
    dedupeKey: job.dedupeKey ?? null,
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    createdAt: nowIso(),
  });
  jobSignals.emit("queued");
}
