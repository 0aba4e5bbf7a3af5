import type { Auth } from "../auth/auth.ts";
import type { AppConfig } from "../config.ts";
import type { Db, Engine } from "../db/kysely.ts";
import type { OrgRole } from "../db/schema.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { RateLimits } from "./rate-limit.ts";

export interface Actor {
  userId: string;
  personId: string;
  organizationId: string;
  role: OrgRole;
  name: string;
  email: string;
}

/** The caller of a SCIM route: an organization's provisioning token. */
export interface ScimClient {
  tokenId: string;
  tokenName: string;
  organizationId: string;
  /** The admin who created the token; invitations sent through it name them. */
  createdBy: string;
}

export interface Deps {
  db: Db;
  engine: Engine;
  config: AppConfig;
  mailer: Mailer;
  auth: Auth;
  /** Wraps per-relationship data keys (AES-256-GCM). */
  masterKey: Buffer;
}

export type AppEnv = {
  Variables: {
    actor: Actor | null;
    /** Set on SCIM routes only, from the bearer token; session cookies never set it. */
    scim: ScimClient | null;
    deps: Deps;
    ip: string | null;
    limits: RateLimits;
  };
};
