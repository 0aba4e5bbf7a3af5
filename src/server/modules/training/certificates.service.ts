import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { UUID_PATTERN } from "../../lib/ids.ts";
import { parseJson } from "../../lib/json.ts";
import { checkSignature, credentialUrl } from "./credentials.ts";
import * as repo from "./training.repository.ts";

export function certificateDto(publicUrl: string, c: repo.CertificateRow, now = new Date()) {
  const status = c.revoked_at
    ? "revoked"
    : c.expires_at && Date.parse(c.expires_at) <= now.getTime()
      ? "expired"
      : "valid";
  return {
    id: c.id,
    course: { id: c.course_id, title: c.course_title },
    cohortId: c.cohort_id,
    person: { id: c.person_id, name: c.person_name },
    issuedAt: c.issued_at,
    expiresAt: c.expires_at,
    status: status as "valid" | "expired" | "revoked",
    credentialUrl: credentialUrl(publicUrl, c.id),
    verifyUrl: `${publicUrl}/verify/${c.id}`,
  };
}

export async function myCertificates(deps: Deps, actor: Actor) {
  const rows = await repo.certificatesOfPerson(deps.db, actor.organizationId, actor.personId);
  return rows.map((c) => certificateDto(deps.config.publicUrl, c));
}

/** The signed credential as issued. It is public: whoever holds the link may check it, as with any badge. */
export async function publicCredential(db: Db, id: string) {
  const row = await repo.findCredential(db, id);
  if (!row) throw errors.notFound("Credential");
  return parseJson<Record<string, unknown>>(row.credential, {});
}

export async function verifyStored(db: Db, id: string) {
  return verifyCredential(db, await publicCredential(db, id));
}

/** Canonicalizing JSON-LD is costly, and the endpoint is public, so only credential-sized documents are checked. */
const MAX_CREDENTIAL_CHARS = 64_000;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function describe(credential: Record<string, unknown>) {
  const issuer = typeof credential.issuer === "string" ? { id: credential.issuer } : obj(credential.issuer);
  const subject = obj(credential.credentialSubject);
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier.map(obj) : [];
  const achievement = obj(subject.achievement);
  return {
    id: str(credential.id),
    name: str(credential.name) ?? str(achievement.name),
    recipient: str(identifiers.find((i) => i.identityType === "name" && i.hashed === false)?.identityHash),
    issuer: str(issuer.name) ?? str(issuer.id),
    issuerId: str(issuer.id),
    validFrom: str(credential.validFrom),
    validUntil: str(credential.validUntil),
    competencies: Array.isArray(achievement.tag)
      ? achievement.tag.filter((t): t is string => typeof t === "string")
      : [],
  };
}

/**
 * Checks a credential four ways: the Ed25519 proof over its content, that the signing key belongs to an
 * organization here, that it has not expired, and that it has not been revoked.
 */
export async function verifyCredential(db: Db, credential: Record<string, unknown>, now = new Date()) {
  if (JSON.stringify(credential).length > MAX_CREDENTIAL_CHARS) {
    throw errors.unprocessable(
      "credentials.too_large",
      `A certificate credential is a few kilobytes; this one is over ${MAX_CREDENTIAL_CHARS / 1000} kB, so it is not one of ours.`,
    );
  }
  const info = describe(credential);
  const signature = await checkSignature(credential);
  const key = info.issuerId ? await repo.organizationOfSigningKey(db, info.issuerId) : undefined;
  const issuer = key
    ? { ok: true, message: `Signed with the key of ${key.name}.` }
    : { ok: false, message: "The signing key does not belong to any organization on this Trellis." };
  const expired = info.validUntil !== null && Date.parse(info.validUntil) <= now.getTime();
  const expiry = info.validUntil
    ? expired
      ? { ok: false, message: `Expired on ${info.validUntil.slice(0, 10)}.` }
      : { ok: true, message: `Valid until ${info.validUntil.slice(0, 10)}.` }
    : { ok: true, message: "Does not expire." };
  const storedId = info.id?.split("/").at(-1) ?? "";
  const stored = UUID_PATTERN.test(storedId) ? await repo.findCredential(db, storedId) : undefined;
  const revocation =
    stored && key && stored.organization_id === key.id
      ? stored.revoked_at
        ? { ok: false, message: `Revoked on ${stored.revoked_at.slice(0, 10)}.` }
        : { ok: true, message: "Not revoked." }
      : { ok: false, message: "No certificate with this id was issued here." };
  const { issuerId: _issuerId, ...shown } = info;
  return {
    verified: signature.valid && issuer.ok && expiry.ok && revocation.ok,
    checks: { signature: { ok: signature.valid, message: signature.message }, issuer, expiry, revocation },
    credential: shown,
  };
}
