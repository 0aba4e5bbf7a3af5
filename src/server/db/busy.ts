/** SQLite result codes that mean another connection holds the lock the statement needs. */
const SQLITE_BUSY_CODES = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_LOCKED",
]);
/** PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected, lock_not_available. */
const POSTGRES_BUSY_CODES = new Set(["40001", "40P01", "55P03"]);

/** Seconds a client is asked to wait before retrying a write that lost a race for a lock. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Whether an error is the database being busy with other writers rather than a bug: the same request
 * succeeds when retried, so it answers 503 with Retry-After instead of 500.
 */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (SQLITE_BUSY_CODES.has(code) || code.startsWith("SQLITE_BUSY_")) return true;
    if (POSTGRES_BUSY_CODES.has(code)) return true;
  }
  return false;
}
