import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import pg from "pg";
import { type App, createApp } from "../app.ts";
import { createAuth } from "../auth/auth.ts";
import { type AppConfig, loadConfig } from "../config.ts";
import { type Db, type Engine, type OpenDbOptions, openDb, pgConnection } from "../db/kysely.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { type JobWorker, startJobWorker } from "../jobs/worker.ts";
import type { Deps } from "../lib/context.ts";
import { newDataKey, newToken } from "../lib/crypto.ts";
import type { RateLimits } from "../lib/rate-limit.ts";
import { type DevSmtpServer, startDevSmtp } from "../mail/dev-smtp.ts";
import { createMailer } from "../mail/mailer.ts";

export interface TestContext {
  app: App;
  db: Db;
  engine: Engine;
  smtp: DevSmtpServer;
  config: AppConfig;
  masterKey: Buffer;
  /** What the app was built with, for code under test that runs outside a request (jobs, scans). */
  deps: Deps;
  /** The background job queue's worker; `drain({ now })` runs every job due by then. */
  jobs: JobWorker;
  /** The same database, mail and sessions served by an app holding another master key. */
  appWithMasterKey(masterKey: Buffer): App;
  close(): Promise<void>;
}

const uniqueName = () =>
  `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or its own schema on the
 * PostgreSQL named by TEST_DATABASE_URL. Both are dropped on close.
 */
async function freshDatabase(options: OpenDbOptions = {}) {
  const url = process.env.TEST_DATABASE_URL;
  const name = uniqueName();
  if (url) {
    const admin = new pg.Client(pgConnection(url));
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.end();
    const handle = openDb(url, { ...options, schema: name });
    return {
      handle,
      url,
      drop: async () => {
        await handle.close();
        const c = new pg.Client(pgConnection(url));
        await c.connect();
        await c.query(`drop schema if exists ${name} cascade`);
        await c.end();
      },
    };
  }
  const file = join(tmpdir(), `${name}.db`);
  const handle = openDb(`file:${file}`, options);
  return {
    handle,
    url: `file:${file}`,
    drop: async () => {
      await handle.close();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

export interface TestContextOptions {
  publicUrl?: string;
  webDist?: string;
  /** Rate limits with test-sized thresholds; the defaults otherwise. */
  rateLimits?: RateLimits;
  /** Further configuration, as environment variables. */
  env?: Record<string, string>;
  onQuery?: OpenDbOptions["onQuery"];
  /** Whether a worker runs queued jobs in the background (the default); without, only `jobs.drain()` runs them. */
  backgroundJobs?: boolean;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const { handle, url, drop } = await freshDatabase(options.onQuery ? { onQuery: options.onQuery } : {});
  await migrateToLatest(handle.db);
  const smtp = await startDevSmtp();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: url,
    PUBLIC_URL: options.publicUrl ?? "http://localhost:3000",
    SMTP_URL: smtp.url,
    ...options.env,
  });
  const mailer = createMailer(smtp.url, config.mailFrom);
  const auth = createAuth(handle.db, config, mailer, newToken() + newToken());
  const masterKey = newDataKey();
  const deps: Deps = { db: handle.db, engine: handle.engine, config, mailer, auth, masterKey };
  const jobs = startJobWorker(deps, { pollMs: options.backgroundJobs === false ? 0 : 50 });
  const appWithMasterKey = (key: Buffer) =>
    createApp(
      { db: handle.db, engine: handle.engine, config, mailer, auth, masterKey: key },
      { webDist: options.webDist, rateLimits: options.rateLimits },
    );
  return {
    app: appWithMasterKey(masterKey),
    appWithMasterKey,
    db: handle.db,
    engine: handle.engine,
    smtp,
    config,
    masterKey,
    deps,
    jobs,
    async close() {
      await jobs.stop();
      mailer.close();
      await smtp.close();
      await drop();
    },
  };
}

export interface TestServer extends TestContext {
  url: string;
}

/** A real HTTP server on a free port, serving the API and (with `webDist`) the built SPA. */
export async function startTestServer(
  options: { webDist?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  let handler: App | null = null;
  const server = serve({
    fetch: (req) => (handler ? handler.fetch(req) : new Response("starting", { status: 503 })),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) =>
    server.listening ? resolve() : server.once("listening", () => resolve()),
  );
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const ctx = await createTestContext({
    publicUrl: url,
    webDist: options.webDist,
    ...(options.env ? { env: options.env } : {}),
  });
  handler = ctx.app;
  return {
    ...ctx,
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}
