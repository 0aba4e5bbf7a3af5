import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { parseJson } from "../../lib/json.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { listAuditActions, listAuditEvents } from "./audit.repository.ts";

export async function readAuditLog(
  db: Db,
  actor: Actor,
  query: { action?: string | undefined } & PageRequest,
) {
  const [{ rows, nextCursor, total }, actions] = await Promise.all([
    listAuditEvents(db, actor.organizationId, query),
    listAuditActions(db, actor.organizationId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      action: r.action,
      actor: r.actor_person_id ? { id: r.actor_person_id, name: r.actor_name ?? "Unknown" } : null,
      target:
        r.target_type && r.target_id
          ? { type: r.target_type, id: r.target_id, name: r.target_name ?? null }
          : null,
      ipAddress: r.ip_address,
      details: parseJson<Record<string, unknown>>(r.details, {}),
      createdAt: r.created_at,
    })),
    nextCursor,
    total,
    actions,
  };
}
