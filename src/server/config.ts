import { z } from "zod";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().default("file:./data/trellis.db"),
  PUBLIC_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  MASTER_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Trellis <no-reply@trellis.local>"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO_SEED: z.enum(["on", "off"]).default("on"),
  MATCH_RUN_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  OUTBOUND_ALLOWED_HOSTS: z.string().default(""),
  OUTBOUND_CA_FILE: z.string().optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  READ_CACHE: z.enum(["on", "off"]).default("on"),
});

export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  /** Origins whose browsers may make state-changing calls: the public URL, and its loopback twins locally. */
  trustedOrigins: string[];
  authSecret: string | undefined;
  /** base64 of 32 bytes; wraps the per-relationship keys of confidential content. */
  masterKey: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  env: "development" | "production" | "test";
  demoSeed: boolean;
  /** How long starting a bulk match waits for the solve before it answers "running" (the page then polls). */
  matchRunWaitMs: number;
  /** Whether the client address comes from X-Forwarded-For (behind a reverse proxy) or from the socket. */
  trustProxy: boolean;
  /**
   * Host names, IP addresses and CIDR ranges that outbound calls (webhooks, LRS) may reach although
   * they are private or loopback; plain http is allowed only to them.
   */
  outboundAllowedHosts: string[];
  /** A PEM file of extra certificate authorities trusted by outbound https calls (a private CA). */
  outboundCaFile: string | undefined;
  /** How long a webhook receiver has to answer before the attempt counts as failed. */
  webhookTimeoutMs: number;
  /**
   * Whether sessions and the busiest reads are kept in memory until a table they read is written
   * (lib/read-cache.ts). Writes by other processes are seen through SQLite's data_version, or on PostgreSQL
   * through pg_notify announcements, a few milliseconds after they commit.
   */
  readCache: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    publicUrl,
    trustedOrigins: trustedOrigins(publicUrl),
    authSecret: c.AUTH_SECRET,
    masterKey: c.MASTER_KEY,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    env: c.NODE_ENV,
    demoSeed: c.DEMO_SEED === "on",
    matchRunWaitMs: c.MATCH_RUN_WAIT_MS,
    trustProxy: c.TRUST_PROXY === "on",
    outboundAllowedHosts: c.OUTBOUND_ALLOWED_HOSTS.split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    outboundCaFile: c.OUTBOUND_CA_FILE,
    webhookTimeoutMs: c.WEBHOOK_TIMEOUT_MS,
    readCache: c.READ_CACHE === "on",
  };
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

function trustedOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!LOOPBACK.includes(url.hostname)) return [url.origin];
  return LOOPBACK.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`);
}
