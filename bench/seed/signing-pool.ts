import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { credentialSigner, type KeyMaterial } from "./credential-signing.ts";
import type { SignJob } from "./sign-worker.ts";

const BATCH = 100;

/**
 * Signs credentials on worker threads (or in this thread when `workers` is 0), while the caller goes on
 * writing the rest of the database. `credential(id)` resolves once that credential is signed.
 */
export class SigningPool {
  readonly #done = new Map<string, string>();
  readonly #waiting = new Map<string, (json: string) => void>();
  readonly #workers: Worker[] = [];
  #failure: Error | null = null;
  readonly finished: Promise<void>;

  constructor(key: KeyMaterial, jobs: SignJob[], workers: number) {
    this.finished = workers > 0 ? this.#onWorkers(key, jobs, workers) : this.#inline(key, jobs);
    this.finished.catch((err: unknown) => {
      this.#failure = err instanceof Error ? err : new Error(String(err));
    });
  }

  async credential(id: string): Promise<string> {
    const done = this.#done.get(id);
    if (done !== undefined) {
      this.#done.delete(id);
      return done;
    }
    if (this.#failure) throw this.#failure;
    return new Promise<string>((resolve, reject) => {
      this.#waiting.set(id, resolve);
      this.finished.then(() => {
        if (this.#waiting.has(id)) reject(new Error(`Credential ${id} was never signed.`));
      }, reject);
    });
  }

  #deliver(id: string, json: string) {
    const waiter = this.#waiting.get(id);
    if (waiter) {
      this.#waiting.delete(id);
      waiter(json);
    } else this.#done.set(id, json);
  }

  async #inline(key: KeyMaterial, jobs: SignJob[]) {
    const signOne = await credentialSigner(key);
    for (const job of jobs) {
      this.#deliver(job.id, await signOne(job.credential, job.issuedAt));
      // Let the writer run between signatures.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async #onWorkers(key: KeyMaterial, jobs: SignJob[], count: number) {
    // Every batch is posted up front: the writer on this thread runs synchronous SQLite statements for long
    // stretches, and a worker waiting for this thread to hand it its next batch would sit idle meanwhile.
    const batches: SignJob[][] = [];
    for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
    await Promise.all(
      Array.from({ length: count }, (_, w) => {
        const mine = batches.filter((_, b) => b % count === w);
        const worker = startWorker(key);
        this.#workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let left = mine.length;
          worker.on("error", reject);
          worker.on("message", (message: "ready" | [string, string][]) => {
            if (message !== "ready") {
              for (const [id, json] of message) this.#deliver(id, json);
              left--;
            }
            if (left === 0) void worker.terminate().then(() => resolve());
          });
          for (const batch of mine) worker.postMessage(batch);
        });
      }),
    );
  }

  async close() {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** A worker that runs the TypeScript worker module through tsx, which a worker does not inherit. */
function startWorker(key: KeyMaterial): Worker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  const entry = new URL("./sign-worker.ts", import.meta.url).href;
  // jsonld copies its active context over and over for each credential; a larger young generation collects
  // that garbage less often (about a tenth less CPU per signature).
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, execArgv: [], workerData: key, resourceLimits: { maxYoungGenerationSizeMb: 256 } },
  );
}
