/**
 * Counts events per key in a sliding window, in this process's memory. Trellis runs as one process;
 * a restart forgets the counts, which only ever lets someone try again sooner.
 */
export class SlidingWindowLimiter {
  readonly #events = new Map<string, number[]>();
  #sinceSweep = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `key` may act again, or 0 when it is under the limit. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.max) return 0;
    const oldest = recent[recent.length - this.max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  record(key: string, now = Date.now()): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#events.set(key, recent);
    if (++this.#sinceSweep >= 10_000) this.#sweep(now);
  }

  reset(key: string): void {
    this.#events.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const times = this.#events.get(key);
    if (!times) return [];
    const from = now - this.windowMs;
    const kept = times.filter((t) => t > from);
    if (kept.length) this.#events.set(key, kept);
    else this.#events.delete(key);
    return kept;
  }

  #sweep(now: number): void {
    this.#sinceSweep = 0;
    for (const key of [...this.#events.keys()]) this.#recent(key, now);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const LIMITS = {
  /** Failed sign-ins, counted per account and per client address. */
  signInFailures: { max: 10, windowMs: MINUTE },
  /** Password-reset emails asked for one account. */
  passwordResetsPerAccount: { max: 5, windowMs: HOUR },
  /** Password-reset emails asked for from one client address (an office shares one). */
  passwordResetsPerAddress: { max: 30, windowMs: HOUR },
  /** Invitation emails sent (new and resent), per inviting person. */
  invitations: { max: 200, windowMs: HOUR },
};

/** The limits Trellis applies; each app instance has its own counters. Tests may lower a maximum. */
export function createRateLimits(max: Partial<Record<keyof typeof LIMITS, number>> = {}) {
  const limiter = (name: keyof typeof LIMITS) =>
    new SlidingWindowLimiter(max[name] ?? LIMITS[name].max, LIMITS[name].windowMs);
  return {
    signInFailures: limiter("signInFailures"),
    passwordResetsPerAccount: limiter("passwordResetsPerAccount"),
    passwordResetsPerAddress: limiter("passwordResetsPerAddress"),
    invitations: limiter("invitations"),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
