import type { XapiConnectionTable } from "../../db/schema.ts";
import { PermanentJobError, RetryJobError, registerJobHandler } from "../../jobs/queue.ts";
import { decryptText } from "../../lib/crypto.ts";
import { parseJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";
import { type LrsTarget, sendStatement } from "./lrs-client.ts";
import * as repo from "./xapi.repository.ts";

export const XAPI_SEND_JOB = "xapi.send";

export const secretAad = (organizationId: string) => `xapi:${organizationId}`;

export function lrsTarget(masterKey: Buffer, c: XapiConnectionTable): LrsTarget {
  return {
    endpoint: c.endpoint,
    key: c.auth_key,
    secret: decryptText(masterKey, c.auth_secret_encrypted, secretAad(c.organization_id)),
  };
}

/**
 * Sends one recorded statement, exactly as it was recorded (same id), so an LRS that already stored it
 * from an earlier try keeps one copy. The statement's row tells the log how it went.
 */
registerJobHandler<{ statementRowId: string }>(XAPI_SEND_JOB, async (deps, payload, job) => {
  const row = await repo.findStatement(deps.db, payload.statementRowId);
  // Erased with its person, or sent by an earlier run whose job record was not updated.
  if (!row || row.status === "sent") return;
  const fail = async (message: string) => {
    await repo.updateStatement(deps.db, row.id, {
      status: "failed",
      attempts: job.attempt,
      last_error: message,
      updated_at: nowIso(),
    });
    throw new PermanentJobError(message);
  };
  const conn = await repo.findConnection(deps.db, row.organization_id);
  if (!conn || conn.enabled !== 1)
    return fail("The LRS connection was turned off before this statement was sent.");
  const outcome = await sendStatement(
    lrsTarget(deps.masterKey, conn),
    parseJson(row.statement, {} as never),
    deps.config,
  );
  const now = nowIso();
  if (outcome.ok) {
    await repo.updateStatement(deps.db, row.id, {
      status: "sent",
      attempts: job.attempt,
      last_error: null,
      updated_at: now,
      sent_at: now,
    });
    return;
  }
  if (!outcome.retryable || job.attempt >= job.maxAttempts) return fail(outcome.message);
  await repo.updateStatement(deps.db, row.id, {
    status: "queued",
    attempts: job.attempt,
    last_error: outcome.message,
    updated_at: now,
  });
  throw new RetryJobError(outcome.message, outcome.retryAfterMs);
});
