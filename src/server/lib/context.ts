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
    deps: Deps;
    ip: string | null;
    limits: RateLimits;
  };
};
