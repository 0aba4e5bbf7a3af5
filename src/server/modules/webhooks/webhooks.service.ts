import type { Db } from "../../db/kysely.ts";
import type { WebhookDeliveryStatus } from "../../db/schema.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { encryptText } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { assertPublicUrl } from "../../lib/outbound-url.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import {
  type DeliveryJob,
  JOB_KIND,
  MAX_ATTEMPTS,
  recordEvent,
  TEST_EVENT,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_EVENTS,
  type WebhookEventType,
} from "./events.ts";
import { secretAad } from "./webhooks.delivery.ts";
import * as repo from "./webhooks.repository.ts";
import { newSigningSecret } from "./webhooks.signature.ts";

export interface EndpointInput {
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
}

type Stats = Awaited<ReturnType<typeof repo.deliveryStats>>;

const knownEvents = (stored: string) =>
  parseJson<string[]>(stored, []).filter((e): e is WebhookEventType =>
    (WEBHOOK_EVENT_TYPES as string[]).includes(e),
  );

function toEndpointDto(row: repo.EndpointRow, stats: Stats) {
  const mine = stats.filter((s) => s.endpoint_id === row.id);
  const count = (status: WebhookDeliveryStatus) => mine.find((s) => s.status === status)?.n ?? 0;
  const lastAt = mine.reduce<string | null>(
    (last, s) => (s.last_at && (!last || s.last_at > last) ? s.last_at : last),
    null,
  );
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: knownEvents(row.events),
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    secretRotatedAt: row.secret_rotated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveries: {
      pending: count("pending"),
      succeeded: count("succeeded"),
      failed: count("failed"),
      lastAt,
    },
  };
}

type AttemptRow = Awaited<ReturnType<typeof repo.attemptsOf>>[number];

function toDeliveryDto(row: repo.DeliveryRow, attempts: AttemptRow[]) {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    httpStatus: row.http_status,
    error: row.error,
    nextRetryAt: row.next_retry_at,
    requestBody: row.request_body,
    responseExcerpt: row.response_excerpt,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    attemptLog: attempts
      .filter((a) => a.delivery_id === row.id)
      .map((a) => ({
        attempt: a.attempt,
        startedAt: a.started_at,
        durationMs: a.duration_ms,
        outcome: a.outcome,
        httpStatus: a.http_status,
        error: a.error,
        responseExcerpt: a.response_excerpt,
        nextRetryAt: a.next_retry_at,
      })),
  };
}

async function requireEndpoint(db: Db, actor: Actor, id: string) {
  const row = await repo.findEndpoint(db, actor.organizationId, id);
  if (!row) throw errors.notFound("Webhook endpoint");
  return row;
}

async function endpointDto(db: Db, actor: Actor, id: string) {
  const row = await requireEndpoint(db, actor, id);
  return toEndpointDto(row, await repo.deliveryStats(db, actor.organizationId));
}

export const eventTypes = () => ({
  items: WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENTS[type] })),
});

export async function listEndpoints(db: Db, actor: Actor) {
  const [rows, stats] = await Promise.all([
    repo.listEndpoints(db, actor.organizationId),
    repo.deliveryStats(db, actor.organizationId),
  ]);
  return { items: rows.map((r) => toEndpointDto(r, stats)) };
}

export const getEndpoint = (db: Db, actor: Actor, id: string) => endpointDto(db, actor, id);

const unique = (events: WebhookEventType[]) => WEBHOOK_EVENT_TYPES.filter((e) => events.includes(e));

export async function createEndpoint(deps: Deps, actor: Actor, input: EndpointInput, ip: string | null) {
  await assertPublicUrl(input.url, deps.config);
  const id = newId();
  const secret = newSigningSecret();
  const now = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertEndpoint(trx, {
      id,
      organization_id: actor.organizationId,
      url: input.url,
      description: input.description,
      events: toJson(unique(input.events)),
      enabled: input.enabled ? 1 : 0,
      disabled_reason: null,
      secret_encrypted: encryptText(deps.masterKey, secret, secretAad(id)),
      secret_rotated_at: now,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "webhook.created",
      targetType: "webhook_endpoint",
      targetId: id,
      ipAddress: ip,
      details: { url: input.url, events: unique(input.events) },
    });
  });
  return { endpoint: await endpointDto(deps.db, actor, id), secret };
}

export async function updateEndpoint(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<EndpointInput>,
  ip: string | null,
) {
  if (patch.url !== undefined) await assertPublicUrl(patch.url, deps.config);
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireEndpoint(trx, actor, id);
    await repo.updateEndpoint(trx, id, {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.events !== undefined ? { events: toJson(unique(patch.events)) } : {}),
      ...(patch.enabled !== undefined
        ? { enabled: patch.enabled ? 1 : 0, ...(patch.enabled ? { disabled_reason: null } : {}) }
        : {}),
      updated_at: nowIso(),
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "webhook.updated",
      targetType: "webhook_endpoint",
      targetId: id,
      ipAddress: ip,
      details: { url: patch.url ?? row.url, changed: Object.keys(patch) },
    });
  });
  return endpointDto(deps.db, actor, id);
}

export async function deleteEndpoint(db: Db, actor: Actor, id: string, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const row = await requireEndpoint(trx, actor, id);
    await repo.deleteEndpoint(trx, id);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "webhook.deleted",
      targetType: "webhook_endpoint",
      targetId: id,
      ipAddress: ip,
      details: { url: row.url },
    });
  });
}

export async function rotateSecret(deps: Deps, actor: Actor, id: string, ip: string | null) {
  const secret = newSigningSecret();
  await deps.db.transaction().execute(async (trx) => {
    await requireEndpoint(trx, actor, id);
    const now = nowIso();
    await repo.updateEndpoint(trx, id, {
      secret_encrypted: encryptText(deps.masterKey, secret, secretAad(id)),
      secret_rotated_at: now,
      updated_at: now,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "webhook.secret_rotated",
      targetType: "webhook_endpoint",
      targetId: id,
      ipAddress: ip,
    });
  });
  return { endpoint: await endpointDto(deps.db, actor, id), secret };
}

/** Queues a `webhook.test` delivery to this endpoint alone, whatever it subscribes to. */
export async function sendTest(deps: Deps, actor: Actor, id: string) {
  const deliveryId = await deps.db.transaction().execute(async (trx) => {
    const row = await requireEndpoint(trx, actor, id);
    if (row.enabled !== 1)
      throw errors.conflict(
        "webhooks.endpoint_disabled",
        "Turn the endpoint on before sending a test event.",
      );
    const [created] = await recordEvent(
      trx,
      actor.organizationId,
      TEST_EVENT,
      { endpointId: id, sentBy: actor.personId },
      [{ id }],
    );
    return created;
  });
  if (!deliveryId) throw errors.notFound("Webhook delivery");
  return deliveryDto(deps.db, actor, deliveryId);
}

export async function deliveries(
  db: Db,
  actor: Actor,
  endpointId: string,
  query: { status?: WebhookDeliveryStatus | undefined } & PageRequest,
) {
  await requireEndpoint(db, actor, endpointId);
  const { rows, nextCursor } = await repo.listDeliveries(db, actor.organizationId, endpointId, query);
  const attempts = await repo.attemptsOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toDeliveryDto(r, attempts)), nextCursor };
}

export async function deliveryDto(db: Db, actor: Actor, id: string) {
  const row = await repo.findDelivery(db, actor.organizationId, id);
  if (!row) throw errors.notFound("Webhook delivery");
  return toDeliveryDto(row, await repo.attemptsOf(db, [id]));
}

/** Sends a failed delivery again, with the same id and body, as a fresh series of attempts. */
export async function redeliver(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findDelivery(trx, actor.organizationId, id);
    if (!row) throw errors.notFound("Webhook delivery");
    if (row.status !== "failed")
      throw errors.conflict("webhooks.not_failed", "Only a failed delivery can be sent again.", {
        status: row.status,
      });
    const endpoint = await requireEndpoint(trx, actor, row.endpoint_id);
    if (endpoint.enabled !== 1)
      throw errors.conflict("webhooks.endpoint_disabled", "Turn the endpoint on before sending again.");
    await repo.reopenDelivery(trx, id, nowIso());
    await enqueueJob(trx, {
      kind: JOB_KIND,
      payload: { deliveryId: id } satisfies DeliveryJob,
      organizationId: actor.organizationId,
      maxAttempts: MAX_ATTEMPTS,
      dedupeKey: `webhook:${id}:${row.attempts}`,
    });
  });
  return deliveryDto(deps.db, actor, id);
}
