import type { Db } from "../../db/kysely.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";

/** The events an endpoint can subscribe to, with what each means; `webhook.test` is sent on request only. */
export const WEBHOOK_EVENTS = {
  "person.created": "A person was added to the organization (invited, or provisioned over SCIM).",
  "person.deactivated": "A person was deactivated.",
  "mentoring.request.created": "A mentee asked a mentor for mentoring.",
  "mentoring.request.accepted": "A mentor accepted a request.",
  "mentoring.request.declined": "A mentor declined a request.",
  "mentoring.relationship.started": "A mentoring relationship became active (both signed the agreement).",
  "mentoring.relationship.ended": "A mentoring relationship was completed or ended early.",
  "coaching.engagement.created": "A coach was assigned to a coachee.",
  "coaching.session.completed": "A coaching session was recorded as held.",
  "coaching.engagement.completed": "A coaching engagement was completed.",
  "training.enrolment.created": "A person took a seat in a training cohort.",
  "training.cohort.completed":
    "A trainee completed a training cohort: they met the course's completion rule.",
  "training.certificate.issued": "A certificate was issued to a trainee.",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];
export const TEST_EVENT = "webhook.test";

/**
 * What a payload may carry: ids, kinds, states, counts and times. Deliberately no nested objects, so
 * free text (notes, topics, reflections, reasons) cannot ride along by accident.
 */
export type EventData = Record<string, string | number | boolean | null>;

export const JOB_KIND = "webhook.deliver";
export const MAX_ATTEMPTS = 8;

export interface DeliveryJob {
  deliveryId: string;
}

export const deliveryBody = (event: {
  id: string;
  type: string;
  organizationId: string;
  createdAt: string;
  data: EventData;
}) =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    organizationId: event.organizationId,
    data: event.data,
  });

/** Stores the event and queues one delivery per endpoint that receives it (`only`: that endpoint alone). */
export async function recordEvent(
  db: Db,
  organizationId: string,
  type: string,
  data: EventData,
  endpoints: { id: string }[],
): Promise<string[]> {
  if (endpoints.length === 0) return [];
  const now = nowIso();
  const event = { id: newId(), organization_id: organizationId, type, data: toJson(data), created_at: now };
  await db.insertInto("webhook_event").values(event).execute();
  const body = deliveryBody({ id: event.id, type, organizationId, createdAt: now, data });
  const ids: string[] = [];
  for (const endpoint of endpoints) {
    const id = newId();
    await db
      .insertInto("webhook_delivery")
      .values({
        id,
        organization_id: organizationId,
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: type,
        status: "pending",
        http_status: null,
        error: null,
        next_retry_at: null,
        request_body: body,
        response_excerpt: null,
        created_at: now,
        updated_at: now,
        completed_at: null,
      })
      .execute();
    await enqueueJob(db, {
      kind: JOB_KIND,
      payload: { deliveryId: id } satisfies DeliveryJob,
      organizationId,
      maxAttempts: MAX_ATTEMPTS,
      dedupeKey: `webhook:${id}`,
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Emits a webhook event. Pass the transaction of the change, so the event exists exactly when the
 * change does; costs one indexed read when no endpoint of the organization listens.
 */
export async function emitEvent(
  db: Db,
  organizationId: string,
  type: WebhookEventType,
  data: EventData,
): Promise<void> {
  await emitEvents(db, organizationId, type, [data]);
}

/** Emits one event of a type per entry of `data` (a batch of imported people), reading the endpoints once. */
export async function emitEvents(
  db: Db,
  organizationId: string,
  type: WebhookEventType,
  data: readonly EventData[],
): Promise<void> {
  if (data.length === 0) return;
  const endpoints = await db
    .selectFrom("webhook_endpoint")
    .select(["id", "events"])
    .where("organization_id", "=", organizationId)
    .where("enabled", "=", 1)
    .execute();
  const listening = endpoints.filter((e) => parseJson<string[]>(e.events, []).includes(type));
  if (listening.length === 0) return;
  for (const d of data) await recordEvent(db, organizationId, type, d, listening);
}
