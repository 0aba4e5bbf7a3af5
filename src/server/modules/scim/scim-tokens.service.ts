import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { newToken, sha256 } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as repo from "./scim.repository.ts";

/** Tokens start with this, so that a leaked one is easy to recognise (and to search for in logs and repositories). */
export const TOKEN_PREFIX = "trellis_scim_";

/** How often a token's "last used" time is written; more often would be a write per provisioning request. */
export const LAST_USED_PRECISION_MS = 60_000;

const toDto = (r: repo.TokenListRow) => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  createdBy: { id: r.created_by_id, name: r.created_by_name },
});

export const scimBaseUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, "")}/scim/v2`;

export async function list(db: Db, actor: Actor, publicUrl: string) {
  const rows = await repo.listTokens(db, actor.organizationId);
  return { baseUrl: scimBaseUrl(publicUrl), items: rows.map(toDto) };
}

/** The secret is in this answer only: the database keeps its SHA-256. */
export async function create(db: Db, actor: Actor, name: string, ip: string | null) {
  const secret = `${TOKEN_PREFIX}${newToken()}`;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, {
      id,
      organization_id: actor.organizationId,
      name,
      token_hash: sha256(secret),
      created_by: actor.personId,
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "scim.token_created",
      targetType: "scim_token",
      targetId: id,
      ipAddress: ip,
      details: { name },
    });
  });
  const row = await repo.findTokenRow(db, actor.organizationId, id);
  if (!row) throw errors.notFound("Token");
  return { token: toDto(row), secret };
}

export async function revoke(db: Db, actor: Actor, id: string, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findTokenRow(trx, actor.organizationId, id);
    if (!row || !(await repo.revokeToken(trx, actor.organizationId, id, nowIso())))
      throw errors.notFound("Token");
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "scim.token_revoked",
      targetType: "scim_token",
      targetId: id,
      ipAddress: ip,
      details: { name: row.name },
    });
  });
}

/** The organization and name of a live token, recording when it was last used. */
export async function authenticate(db: Db, secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await repo.findActiveToken(db, sha256(secret));
  if (!token) return null;
  const now = nowIso();
  if (!token.last_used_at || Date.parse(now) - Date.parse(token.last_used_at) >= LAST_USED_PRECISION_MS)
    await repo.touchToken(db, token.id, now);
  return {
    tokenId: token.id,
    tokenName: token.name,
    organizationId: token.organization_id,
    createdBy: token.created_by,
  };
}
