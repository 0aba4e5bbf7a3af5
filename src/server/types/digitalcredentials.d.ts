// The Digital Credentials Consortium packages ship JavaScript only; these are the parts Trellis calls.
declare module "@digitalcredentials/ed25519-verification-key-2020" {
  export class Ed25519VerificationKey2020 {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    privateKeyMultibase?: string;
    static generate(options?: { seed?: Uint8Array }): Promise<Ed25519VerificationKey2020>;
    static from(options: {
      id: string;
      controller: string;
      publicKeyMultibase: string;
      privateKeyMultibase?: string;
    }): Promise<Ed25519VerificationKey2020>;
    fingerprint(): string;
  }
}

declare module "@digitalcredentials/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: {
      key?: unknown;
      signer?: { id: string; algorithm?: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
      /** The proof's `created`; the current time when left out. */
      date?: Date;
    });
  }
}

declare module "@digitalcredentials/security-document-loader" {
  export function securityLoader(options?: { fetchRemoteContexts?: boolean }): {
    build(): (url: string) => Promise<unknown>;
  };
}

declare module "@digitalcredentials/vc" {
  export interface VerifyResult {
    verified: boolean;
    error?: { message?: string; errors?: { message?: string }[] };
    results?: { verified: boolean; error?: { message?: string } }[];
  }
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: unknown;
    now?: Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: unknown;
    now?: Date;
  }): Promise<VerifyResult>;
}
