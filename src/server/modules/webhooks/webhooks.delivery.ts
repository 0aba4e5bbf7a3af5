import { backoffMs, type JobInfo, RetryJobError, registerJobHandler } from "../../jobs/queue.ts";
import type { Deps } from "../../lib/context.ts";
import { decryptText } from "../../lib/crypto.ts";
import { AppError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { assertPublicUrl, OutboundError, sendOutbound } from "../../lib/outbound-url.ts";
import { nowIso } from "../../lib/time.ts";
import { type DeliveryJob, JOB_KIND } from "./events.ts";
import * as repo from "./webhooks.repository.ts";
import { signatureOf } from "./webhooks.signature.ts";

/** How much of a receiver's answer the log keeps. */
export const RESPONSE_EXCERPT_CHARS = 1024;

export const secretAad = (endpointId: string) => `webhook:${endpointId}`;

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

interface Outcome {
  httpStatus: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

async function attempt(deps: Deps, url: string, secret: string, deliveryId: string, body: string) {
  let target: Awaited<ReturnType<typeof assertPublicUrl>>;
  try {
    target = await assertPublicUrl(url, deps.config);
  } catch (err) {
    if (err instanceof AppError) return { refused: err.message };
    throw err;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await sendOutbound(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Trellis-Webhooks/1",
          "trellis-webhook-id": deliveryId,
          "trellis-webhook-timestamp": String(timestamp),
          "trellis-webhook-signature": signatureOf(secret, timestamp, body),
        },
        body,
        timeoutMs: deps.config.webhookTimeoutMs,
        maxResponseBytes: RESPONSE_EXCERPT_CHARS * 4,
      },
      deps.config,
    );
    const ok = res.status >= 200 && res.status < 300;
    return {
      outcome: {
        httpStatus: res.status,
        error: ok ? null : `The receiver answered HTTP ${res.status}.`,
        excerpt: res.body.slice(0, RESPONSE_EXCERPT_CHARS) || null,
        durationMs: res.durationMs,
      } satisfies Outcome,
    };
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    return {
      outcome: {
        httpStatus: null,
        error: err.kind === "timeout" ? `Timed out: ${err.message}` : `Network error: ${err.message}`,
        excerpt: null,
        durationMs: err.durationMs,
      } satisfies Outcome,
    };
  }
}

/**
 * Sends one delivery. A 2xx succeeds; 410 Gone fails it and turns the endpoint off; a refused address
 * fails it; anything else is retried with backoff until the job's last attempt, which fails it.
 */
export async function deliver(deps: Deps, payload: DeliveryJob, job: JobInfo): Promise<void> {
  const delivery = await repo.findDeliveryToSend(deps.db, payload.deliveryId);
  if (!delivery || delivery.status !== "pending") return;
  const startedAt = nowIso();
  const number = delivery.attempts + 1;
  const log = (outcome: Outcome, result: "succeeded" | "retrying" | "failed", nextRetryAt: string | null) =>
    repo.recordAttempt(
      deps.db,
      {
        id: newId(),
        delivery_id: delivery.id,
        attempt: number,
        started_at: startedAt,
        duration_ms: outcome.durationMs,
        outcome: result,
        http_status: outcome.httpStatus,
        error: outcome.error,
        response_excerpt: outcome.excerpt,
        next_retry_at: nextRetryAt,
      },
      result === "retrying" ? null : nowIso(),
    );

  if (!delivery.enabled) {
    await log(
      {
        httpStatus: null,
        error: "The endpoint is disabled; nothing was sent.",
        excerpt: null,
        durationMs: 0,
      },
      "failed",
      null,
    );
    return;
  }
  const secret = decryptText(deps.masterKey, delivery.secret_encrypted, secretAad(delivery.endpoint_id));
  const result = await attempt(deps, delivery.url, secret, delivery.id, delivery.request_body);
  if ("refused" in result) {
    await log(
      { httpStatus: null, error: `Not sent: ${result.refused}`, excerpt: null, durationMs: 0 },
      "failed",
      null,
    );
    return;
  }
  const { outcome } = result;
  if (outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
    await log(outcome, "succeeded", null);
    return;
  }
  if (outcome.httpStatus === 410) {
    const at = nowIso();
    await deps.db.transaction().execute(async (trx) => {
      await repo.recordAttempt(
        trx,
        {
          id: newId(),
          delivery_id: delivery.id,
          attempt: number,
          started_at: startedAt,
          duration_ms: outcome.durationMs,
          outcome: "failed",
          http_status: 410,
          error: "The receiver answered 410 Gone: the endpoint was disabled and will get no more deliveries.",
          response_excerpt: outcome.excerpt,
          next_retry_at: null,
        },
        at,
      );
      await repo.updateEndpoint(trx, delivery.endpoint_id, {
        enabled: 0,
        disabled_reason: `The receiver answered 410 Gone at ${at}.`,
        updated_at: at,
      });
    });
    return;
  }
  if (job.attempt >= job.maxAttempts) {
    await log(
      { ...outcome, error: `${outcome.error ?? "Failed."} Gave up after ${job.attempt} attempts.` },
      "failed",
      null,
    );
    return;
  }
  const delayMs = backoffMs(job.attempt);
  await log(outcome, "retrying", plusMs(nowIso(), delayMs));
  throw new RetryJobError(outcome.error ?? "Delivery failed.", delayMs);
}

registerJobHandler<DeliveryJob>(JOB_KIND, deliver);
