import type { Db } from "../../db/kysely.ts";
import type { WebhookDeliveryStatus, WebhookEndpointTable } from "../../db/schema.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";

const endpointColumns = [
  "id",
  "organization_id",
  "url",
  "description",
  "events",
  "enabled",
  "disabled_reason",
  "secret_rotated_at",
  "created_at",
  "updated_at",
] as const;

export async function insertEndpoint(db: Db, row: WebhookEndpointTable) {
  await db.insertInto("webhook_endpoint").values(row).execute();
}

export function listEndpoints(db: Db, organizationId: string) {
  return db
    .selectFrom("webhook_endpoint")
    .select(endpointColumns)
    .where("organization_id", "=", organizationId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

export function findEndpoint(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("webhook_endpoint")
    .select(endpointColumns)
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type EndpointRow = NonNullable<Awaited<ReturnType<typeof findEndpoint>>>;

export async function updateEndpoint(
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      WebhookEndpointTable,
      | "url"
      | "description"
      | "events"
      | "enabled"
      | "disabled_reason"
      | "secret_encrypted"
      | "secret_rotated_at"
      | "updated_at"
    >
  >,
) {
  await db.updateTable("webhook_endpoint").set(patch).where("id", "=", id).execute();
}

export async function deleteEndpoint(db: Db, id: string) {
  await db.deleteFrom("webhook_endpoint").where("id", "=", id).execute();
}

/** Summary counts per endpoint of an organization: deliveries failed and pending, and the last delivery's time. */
export async function deliveryStats(db: Db, organizationId: string) {
  const rows = await db
    .selectFrom("webhook_delivery")
    .select((eb) => [
      "endpoint_id",
      "status",
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.max("created_at").as("last_at"),
    ])
    .where("organization_id", "=", organizationId)
    .groupBy(["endpoint_id", "status"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

const deliveryColumns = [
  "d.id",
  "d.endpoint_id",
  "d.event_id",
  "d.event_type",
  "d.status",
  "d.attempts",
  "d.http_status",
  "d.error",
  "d.next_retry_at",
  "d.request_body",
  "d.response_excerpt",
  "d.created_at",
  "d.updated_at",
  "d.completed_at",
] as const;

const newestFirst: SortKey[] = [
  { column: "d.created_at", direction: "desc" },
  { column: "d.id", direction: "desc" },
];

export async function listDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  filter: { status?: WebhookDeliveryStatus | undefined } & PageRequest,
) {
  let q = db
    .selectFrom("webhook_delivery as d")
    .select(deliveryColumns)
    .where("d.organization_id", "=", organizationId)
    .where("d.endpoint_id", "=", endpointId);
  if (filter.status) q = q.where("d.status", "=", filter.status);
  return pageOf(await keyset(q, newestFirst, filter).execute(), filter, (r) => [r.created_at, r.id]);
}

export function findDelivery(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom("webhook_delivery as d")
    .select(deliveryColumns)
    .where("d.organization_id", "=", organizationId)
    .where("d.id", "=", id)
    .executeTakeFirst();
}

export type DeliveryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

export function attemptsOf(db: Db, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("webhook_delivery_attempt")
    .selectAll()
    .where("delivery_id", "in", deliveryIds)
    .orderBy("attempt", "asc")
    .execute();
}

/** What the delivery job needs: the delivery, and its endpoint's address, state and encrypted secret. */
export function findDeliveryToSend(db: Db, id: string) {
  return db
    .selectFrom("webhook_delivery as d")
    .innerJoin("webhook_endpoint as e", "e.id", "d.endpoint_id")
    .select([
      "d.id",
      "d.organization_id",
      "d.endpoint_id",
      "d.status",
      "d.attempts",
      "d.request_body",
      "e.url",
      "e.enabled",
      "e.secret_encrypted",
    ])
    .where("d.id", "=", id)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  attempt: {
    id: string;
    delivery_id: string;
    attempt: number;
    started_at: string;
    duration_ms: number;
    outcome: "succeeded" | "retrying" | "failed";
    http_status: number | null;
    error: string | null;
    response_excerpt: string | null;
    next_retry_at: string | null;
  },
  completedAt: string | null,
) {
  await db.insertInto("webhook_delivery_attempt").values(attempt).execute();
  await db
    .updateTable("webhook_delivery")
    .set({
      status: attempt.outcome === "retrying" ? "pending" : attempt.outcome,
      attempts: attempt.attempt,
      http_status: attempt.http_status,
      error: attempt.error,
      response_excerpt: attempt.response_excerpt,
      next_retry_at: attempt.next_retry_at,
      updated_at: attempt.started_at,
      completed_at: completedAt,
    })
    .where("id", "=", attempt.delivery_id)
    .execute();
}

export async function markDeliveryFailed(db: Db, id: string, error: string, at: string) {
  await db
    .updateTable("webhook_delivery")
    .set({ status: "failed", error, next_retry_at: null, updated_at: at, completed_at: at })
    .where("id", "=", id)
    .execute();
}

export async function reopenDelivery(db: Db, id: string, at: string) {
  await db
    .updateTable("webhook_delivery")
    .set({ status: "pending", next_retry_at: null, updated_at: at, completed_at: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .execute();
}

/** The delivery log keeps finished deliveries (with their attempts) and their events for a while, then lets go. */
export async function purgeDeliveryLog(db: Db, before: string): Promise<number> {
  const deliveries = await db
    .deleteFrom("webhook_delivery")
    .where("completed_at", "<", before)
    .executeTakeFirst();
  await db
    .deleteFrom("webhook_event")
    .where("created_at", "<", before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("webhook_delivery")
            .select("webhook_delivery.id")
            .whereRef("webhook_delivery.event_id", "=", "webhook_event.id"),
        ),
      ),
    )
    .execute();
  return Number(deliveries.numDeletedRows);
}
