import { Ed25519Signature2020 } from "@digitalcredentials/ed25519-signature-2020";
import { Ed25519VerificationKey2020 } from "@digitalcredentials/ed25519-verification-key-2020";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import * as vc from "@digitalcredentials/vc";
import type { Db } from "../../db/kysely.ts";
import { decryptText, encryptText, sha256 } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { findSigningKey, insertSigningKey } from "./training.repository.ts";

/** Contexts come from the packages themselves; verification never reaches the network. */
const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();

export const CREDENTIAL_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

async function keyOf(
  row: { controller: string; public_key_multibase: string },
  privateKeyMultibase?: string,
) {
  const fingerprint = row.controller.slice("did:key:".length);
  return Ed25519VerificationKey2020.from({
    id: `${row.controller}#${fingerprint}`,
    controller: row.controller,
    publicKeyMultibase: row.public_key_multibase,
    ...(privateKeyMultibase ? { privateKeyMultibase } : {}),
  });
}

/** The organization's Ed25519 signing key, made on first use. Its private half is stored encrypted with the master key. */
export async function signingKey(db: Db, masterKey: Buffer, organizationId: string) {
  const found = await findSigningKey(db, organizationId);
  if (found) {
    return keyOf(found, decryptText(masterKey, found.private_key_encrypted, `signing-key:${organizationId}`));
  }
  const generated = await Ed25519VerificationKey2020.generate();
  const controller = `did:key:${generated.fingerprint()}`;
  const row = {
    id: newId(),
    organization_id: organizationId,
    controller,
    public_key_multibase: generated.publicKeyMultibase,
    private_key_encrypted: encryptText(
      masterKey,
      generated.privateKeyMultibase ?? "",
      `signing-key:${organizationId}`,
    ),
    created_at: nowIso(),
  };
  await insertSigningKey(db, row);
  return signingKey(db, masterKey, organizationId);
}

export interface CertificateFacts {
  id: string;
  publicUrl: string;
  organization: { id: string; name: string };
  recipient: { name: string; email: string };
  course: { id: string; title: string; summary: string; competencies: string[]; criteria: string };
  issuedAt: string;
  expiresAt: string | null;
}

export const credentialUrl = (publicUrl: string, id: string) => `${publicUrl}/api/credentials/${id}`;

/** The unsigned Open Badges 3.0 OpenBadgeCredential of a certificate, issued by the key's controller. */
export function certificateCredential(controller: string, f: CertificateFacts): Record<string, unknown> {
  const salt = sha256(`${f.id}:salt`).slice(0, 16);
  return {
    "@context": CREDENTIAL_CONTEXT,
    id: credentialUrl(f.publicUrl, f.id),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: controller, type: ["Profile"], name: f.organization.name, url: f.publicUrl },
    validFrom: f.issuedAt,
    ...(f.expiresAt ? { validUntil: f.expiresAt } : {}),
    name: f.course.title,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        { type: "IdentityObject", identityType: "name", hashed: false, identityHash: f.recipient.name },
        {
          type: "IdentityObject",
          identityType: "emailAddress",
          hashed: true,
          salt,
          identityHash: `sha256$${sha256(`${f.recipient.email.toLowerCase()}${salt}`)}`,
        },
      ],
      achievement: {
        id: `${f.publicUrl}/training/courses/${f.course.id}`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: f.course.title,
        description: f.course.summary || f.course.title,
        criteria: { narrative: f.course.criteria },
        ...(f.course.competencies.length > 0 ? { tag: f.course.competencies } : {}),
      },
    },
  };
}

/** An Open Badges 3.0 OpenBadgeCredential, signed with Ed25519Signature2020 by the organization's did:key. */
export async function signCertificate(db: Db, masterKey: Buffer, f: CertificateFacts) {
  const key = await signingKey(db, masterKey, f.organization.id);
  return vc.issue({
    credential: certificateCredential(key.controller, f),
    suite: new Ed25519Signature2020({ key }),
    documentLoader,
    now: new Date(f.issuedAt),
  });
}

export interface SignatureCheck {
  valid: boolean;
  message: string;
}

/**
 * Checks the proof alone. The time is set inside the validity window so that an expired credential still
 * shows whether its signature holds; expiry is reported as a separate check.
 */
export async function checkSignature(credential: unknown): Promise<SignatureCheck> {
  const validFrom =
    typeof credential === "object" && credential !== null && "validFrom" in credential
      ? Date.parse(String((credential as { validFrom: unknown }).validFrom))
      : Number.NaN;
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new Ed25519Signature2020(),
      documentLoader,
      ...(Number.isFinite(validFrom) ? { now: new Date(validFrom) } : {}),
    });
    if (result.verified) return { valid: true, message: "The signature matches the credential's content." };
    const reason =
      result.results?.find((r) => !r.verified)?.error?.message ??
      result.error?.errors?.[0]?.message ??
      result.error?.message ??
      "The signature does not match.";
    return { valid: false, message: reason };
  } catch (err) {
    return {
      valid: false,
      message: err instanceof Error ? err.message : "The credential could not be read.",
    };
  }
}
