import type { Db } from "../db/kysely.ts";
import { decryptText, encryptText, unwrapKey, wrapKey } from "./crypto.ts";

export interface RotationReport {
  mentoringRelationships: number;
  coachingEngagements: number;
  signingKeys: number;
  /** LRS (xAPI) Basic auth secrets. */
  lrsSecrets: number;
  /** Single sign-on client secrets. */
  ssoSecrets: number;
  /** Webhook endpoints' signing secrets. */
  webhookSecrets: number;
  /** Idempotency records are bound to the old key (their request fingerprints are keyed MACs), so they go. */
  idempotencyKeysCleared: number;
}

/**
 * Re-wraps every data key and re-encrypts every value held under the master key, in one transaction:
 * either all of it is under the new key or none of it is. The content each data key protects is untouched.
 * A wrong old key fails on the first row and changes nothing.
 */
export async function rotateMasterKey(db: Db, oldKey: Buffer, newKey: Buffer): Promise<RotationReport> {
  if (oldKey.equals(newKey)) throw new Error("The new master key is the same as the current one.");
  return db.transaction().execute(async (trx) => {
    const rewrap = (wrapped: string, id: string) => wrapKey(newKey, unwrapKey(oldKey, wrapped, id), id);

    const relationships = await trx
      .selectFrom("mentoring_relationship")
      .select(["id", "wrapped_key"])
      .execute();
    for (const r of relationships) {
      await trx
        .updateTable("mentoring_relationship")
        .set({ wrapped_key: rewrap(r.wrapped_key, r.id) })
        .where("id", "=", r.id)
        .execute();
    }
    const engagements = await trx.selectFrom("coaching_engagement").select(["id", "wrapped_key"]).execute();
    for (const e of engagements) {
      await trx
        .updateTable("coaching_engagement")
        .set({ wrapped_key: rewrap(e.wrapped_key, e.id) })
        .where("id", "=", e.id)
        .execute();
    }
    const signingKeys = await trx
      .selectFrom("organization_signing_key")
      .select(["id", "organization_id", "private_key_encrypted"])
      .execute();
    for (const k of signingKeys) {
      const aad = `signing-key:${k.organization_id}`;
      await trx
        .updateTable("organization_signing_key")
        .set({
          private_key_encrypted: encryptText(newKey, decryptText(oldKey, k.private_key_encrypted, aad), aad),
        })
        .where("id", "=", k.id)
        .execute();
    }
    const lrs = await trx
      .selectFrom("xapi_connection")
      .select(["organization_id", "auth_secret_encrypted"])
      .execute();
    for (const c of lrs) {
      const aad = `xapi:${c.organization_id}`;
      await trx
        .updateTable("xapi_connection")
        .set({
          auth_secret_encrypted: encryptText(newKey, decryptText(oldKey, c.auth_secret_encrypted, aad), aad),
        })
        .where("organization_id", "=", c.organization_id)
        .execute();
    }
    const sso = await trx
      .selectFrom("sso_connection")
      .select(["organization_id", "client_secret_encrypted"])
      .execute();
    for (const c of sso) {
      const aad = `sso:${c.organization_id}`;
      await trx
        .updateTable("sso_connection")
        .set({
          client_secret_encrypted: encryptText(
            newKey,
            decryptText(oldKey, c.client_secret_encrypted, aad),
            aad,
          ),
        })
        .where("organization_id", "=", c.organization_id)
        .execute();
    }
    const webhooks = await trx.selectFrom("webhook_endpoint").select(["id", "secret_encrypted"]).execute();
    for (const w of webhooks) {
      const aad = `webhook:${w.id}`;
      await trx
        .updateTable("webhook_endpoint")
        .set({ secret_encrypted: encryptText(newKey, decryptText(oldKey, w.secret_encrypted, aad), aad) })
        .where("id", "=", w.id)
        .execute();
    }
    const cleared = await trx.deleteFrom("idempotency_key").executeTakeFirst();
    return {
      mentoringRelationships: relationships.length,
      coachingEngagements: engagements.length,
      signingKeys: signingKeys.length,
      lrsSecrets: lrs.length,
      ssoSecrets: sso.length,
      webhookSecrets: webhooks.length,
      idempotencyKeysCleared: Number(cleared.numDeletedRows),
    };
  });
}
