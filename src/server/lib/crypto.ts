import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** argon2id with OWASP's recommended minimum parameters. */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

export const newToken = (): string => randomBytes(32).toString("base64url");

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

/**
 * AES-256-GCM. The output is `v1.` + base64url(iv ‖ tag ‖ ciphertext); `aad` binds the text to its place
 * (e.g. the relationship id), so a ciphertext copied elsewhere does not decrypt.
 */
export function encryptText(key: Buffer, plaintext: string, aad = ""): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function decryptText(key: Buffer, payload: string, aad = ""): string {
  if (!payload.startsWith("v1.")) throw new Error("Unknown ciphertext version");
  const raw = Buffer.from(payload.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export const newDataKey = (): Buffer => randomBytes(32);

/** A per-object data key, encrypted ("wrapped") with the master key for storage next to the object. */
export const wrapKey = (master: Buffer, dataKey: Buffer, aad: string): string =>
  encryptText(master, dataKey.toString("base64"), aad);

export const unwrapKey = (master: Buffer, wrapped: string, aad: string): Buffer =>
  Buffer.from(decryptText(master, wrapped, aad), "base64");

export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32)
    throw new Error("MASTER_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
  return key;
}
