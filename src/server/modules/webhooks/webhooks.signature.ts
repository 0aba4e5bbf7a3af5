import { createHmac, randomBytes } from "node:crypto";

export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

/** `v1=` + hex HMAC-SHA256, keyed with the whole secret string, of `<unix seconds>.<raw body>`. */
export const signatureOf = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
