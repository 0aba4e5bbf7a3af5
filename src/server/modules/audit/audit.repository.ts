import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import { newId } from "../../lib/ids.ts";
import { toJson } from "../../lib/json.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";

export interface AuditEntry {
  organizationId: string | null;
  actorPersonId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ipAddress?: string | null;
  details?: Record<string, unknown>;
}

/** The audit table is append-only: this module inserts and reads, and nothing updates or deletes. */
export async function insertAuditEvent(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      id: newId(),
      organization_id: entry.organizationId,
      actor_person_id: entry.actorPersonId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip_address: entry.ipAddress ?? null,
      details: toJson(entry.details ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

export async function listAuditEvents(
  db: Db,
  organizationId: string,
  filter: { action?: string | undefined } & PageRequest,
) {
  let q = db
    .selectFrom("audit_event as a")
    .leftJoin("person as actor", "actor.id", "a.actor_person_id")
    .leftJoin("person as target", (j) =>
      j.onRef("target.id", "=", "a.target_id").on("a.target_type", "=", "person"),
    )
    .where("a.organization_id", "=", organizationId);
  if (filter.action) q = q.where("a.action", "=", filter.action);
  const keys: SortKey[] = [
    { column: "a.created_at", direction: "desc" },
    { column: "a.id", direction: "desc" },
  ];
  const [rows, total] = await Promise.all([
    keyset(
      q.select([
        "a.id",
        "a.action",
        "a.target_type",
        "a.target_id",
        "a.ip_address",
        "a.details",
        "a.created_at",
        "a.actor_person_id",
        "actor.name as actor_name",
        "target.name as target_name",
      ]),
      keys,
      filter,
    ).execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  return {
    ...pageOf(rows, filter, (r) => [r.created_at, r.id]),
    total: toCount(total?.n as string | number | undefined),
  };
}

export async function listAuditActions(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_event")
    .select("action")
    .distinct()
    .where("organization_id", "=", organizationId)
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}
