import { createPrivateKey, sign } from "node:crypto";
import { Ed25519Signature2020 } from "@digitalcredentials/ed25519-signature-2020";
import { Ed25519VerificationKey2020 } from "@digitalcredentials/ed25519-verification-key-2020";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import * as vc from "@digitalcredentials/vc";

/** The organization's Ed25519 key, as the workers receive it. */
export interface KeyMaterial {
  seed: Uint8Array;
  controller: string;
  publicKeyMultibase: string;
  privateKeyMultibase: string;
}

/** An Ed25519 key from a 32-byte seed, as `signingKey` in the app would make it (there from random bytes). */
export async function keyFromSeed(seed: Uint8Array): Promise<KeyMaterial> {
  const generated = await Ed25519VerificationKey2020.generate({ seed });
  return {
    seed,
    controller: `did:key:${generated.fingerprint()}`,
    publicKeyMultibase: generated.publicKeyMultibase,
    privateKeyMultibase: generated.privateKeyMultibase ?? "",
  };
}

/** PKCS#8 DER header of an Ed25519 private key, followed by the 32-byte seed (RFC 8410). */
const DER_PRIVATE_KEY_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * Signs credentials exactly as `signCertificate` does (`vc.issue`, Ed25519Signature2020, the bundled contexts,
 * `now` = the issue time). Two differences: the proof's `created` is the issue time too (the app signs at
 * that moment; here it keeps the output the same from run to run), and the key object is built once instead of
 * from the raw bytes for every signature, which only saves time: Ed25519 signatures are deterministic.
 */
export async function credentialSigner(key: KeyMaterial) {
  const fingerprint = key.controller.slice("did:key:".length);
  const verificationKey = await Ed25519VerificationKey2020.from({
    id: `${key.controller}#${fingerprint}`,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    privateKeyMultibase: key.privateKeyMultibase,
  });
  const privateKey = createPrivateKey({
    key: Buffer.concat([DER_PRIVATE_KEY_PREFIX, Buffer.from(key.seed)]),
    format: "der",
    type: "pkcs8",
  });
  const signer = {
    id: verificationKey.id,
    algorithm: "Ed25519",
    sign: async ({ data }: { data: Uint8Array }) => new Uint8Array(sign(null, data, privateKey)),
  };
  const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();
  return async (credential: Record<string, unknown>, issuedAt: string): Promise<string> =>
    JSON.stringify(
      await vc.issue({
        credential,
        // With a `key`, the suite would use the key's own signer; the signer alone names the same key.
        suite: new Ed25519Signature2020({ signer, date: new Date(issuedAt) }),
        documentLoader,
        now: new Date(issuedAt),
      }),
    );
}
