import { sql, type Transaction } from "kysely";
import type { Db } from "../db/kysely.ts";
import type { Database, IdempotencyKeyTable } from "../db/schema.ts";
import { AppError } from "./errors.ts";

export type IdempotencyRow = IdempotencyKeyTable;

export interface KeyScope {
  personId: string;
  method: string;
  path: string;
  key: string;
}

export function findKey(db: Db, scope: KeyScope) {
  return db
    .selectFrom("idempotency_key")
    .selectAll()
    .where("person_id", "=", scope.personId)
    .where("method", "=", scope.method)
    .where("path", "=", scope.path)
    .where("key", "=", scope.key)
    .executeTakeFirst();
}

/** Reserves the key; false when another request holds it already. */
export async function reserveKey(db: Db, row: IdempotencyRow): Promise<boolean> {
  const inserted = await db
    .insertInto("idempotency_key")
    .values(row)
    .onConflict((oc) => oc.columns(["person_id", "method", "path", "key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes over a reservation whose request died before its write committed; false when someone else did first. */
export async function takeOverKey(
  db: Db,
  row: Pick<IdempotencyRow, "id" | "lock_token">,
  lock: { token: string; until: string; requestHash: string },
): Promise<boolean> {
  const result = await db
    .updateTable("idempotency_key")
    .set({ lock_token: lock.token, locked_until: lock.until, request_hash: lock.requestHash })
    .where("id", "=", row.id)
    .where("lock_token", "=", row.lock_token)
    .where("committed_at", "is", null)
    .where("response_status", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks the key committed inside the request's own transaction. When a retry took the key over (the first
 * request outlived its lock), the mark finds nothing and the transaction rolls back, so only one writes.
 */
export async function markCommitted(trx: Transaction<Database>, id: string, token: string, at: string) {
  const result = await trx
    .updateTable("idempotency_key")
    .set({ committed_at: sql<string>`coalesce(committed_at, ${at})` })
    .where("id", "=", id)
    .where("lock_token", "=", token)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError(
      409,
      "idempotency.superseded",
      "This request took too long and a retry with the same Idempotency-Key took its place; nothing was changed by it.",
    );
  }
}

export function committedAt(db: Db, id: string) {
  return db.selectFrom("idempotency_key").select("committed_at").where("id", "=", id).executeTakeFirst();
}

export async function storeResponse(
  db: Db,
  id: string,
  token: string,
  response: { status: number; type: string | null; body: string; at: string },
) {
  await db
    .updateTable("idempotency_key")
    .set({
      response_status: response.status,
      response_type: response.type,
      response_body: response.body,
      committed_at: sql<string>`coalesce(committed_at, ${response.at})`,
      locked_until: response.at,
    })
    .where("id", "=", id)
    .where("lock_token", "=", token)
    .execute();
}

export async function releaseKey(db: Db, id: string, token: string) {
  await db
    .deleteFrom("idempotency_key")
    .where("id", "=", id)
    .where("lock_token", "=", token)
    .where("committed_at", "is", null)
    .execute();
}

export async function deleteKey(db: Db, id: string) {
  await db.deleteFrom("idempotency_key").where("id", "=", id).execute();
}

export async function purgeExpiredKeys(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom("idempotency_key").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
