export interface Computed<T> {
  value: T;
  computedAt: Date;
}

/**
 * Reports kept in memory for `ttlMs` after they were computed, then computed again on the next request.
 * One computation runs per key at a time: requests that arrive meanwhile wait for it, or get the previous
 * report while it is less than twice `ttlMs` old. Nothing is invalidated on writes; the report says when it
 * was computed.
 */
export class ReportCache<T> {
  private readonly done = new Map<string, Computed<T>>();
  private readonly running = new Map<string, Promise<Computed<T>>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, compute: (now: Date) => Promise<T>, now = new Date()): Promise<Computed<T>> {
    const hit = this.done.get(key);
    const age = hit ? now.getTime() - hit.computedAt.getTime() : Number.POSITIVE_INFINITY;
    if (hit && age < this.ttlMs) return Promise.resolve(hit);
    const next = this.running.get(key) ?? this.start(key, compute, now);
    return hit && age < 2 * this.ttlMs ? Promise.resolve(hit) : next;
  }

  private start(key: string, compute: (now: Date) => Promise<T>, now: Date): Promise<Computed<T>> {
    const run = compute(now).then((value) => ({ value, computedAt: now }));
    this.running.set(key, run);
    run.then(
      (computed) => {
        this.done.delete(key);
        this.done.set(key, computed);
        for (const oldest of this.done.keys()) {
          if (this.done.size <= this.maxEntries) break;
          this.done.delete(oldest);
        }
      },
      // The caller that started it gets the error; a failed computation is not kept.
      () => {},
    );
    run.finally(() => this.running.delete(key)).catch(() => {});
    return run;
  }
}
