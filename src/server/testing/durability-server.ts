/**
 * The real app over HTTP for the crash-durability harness, as main.ts builds it but without the web app,
 * the demo seed or the hourly jobs. It prints `listening <port>` once it accepts requests, and is meant to
 * be killed (SIGKILL) at any moment. Environment: DATABASE_URL, AUTH_SECRET, MASTER_KEY, and DATABASE_SCHEMA
 * for a PostgreSQL test schema.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../app.ts";
import { createAuth } from "../auth/auth.ts";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/kysely.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseMasterKey } from "../lib/crypto.ts";
import { createMailer } from "../mail/mailer.ts";

const config = loadConfig({ ...process.env, DEMO_SEED: "off", PUBLIC_URL: "http://localhost:3000" });
const { authSecret, masterKey } = config;
if (!authSecret || !masterKey) throw new Error("Set AUTH_SECRET and MASTER_KEY.");
const schema = process.env.DATABASE_SCHEMA;
const handle = openDb(config.databaseUrl, schema ? { schema } : {});
await migrateToLatest(handle.db);
// Nothing the harness calls sends mail; the address only has to parse.
const mailer = createMailer("smtp://127.0.0.1:9", config.mailFrom);
const auth = createAuth(handle.db, config, mailer, authSecret);
const app = createApp({
  db: handle.db,
  engine: handle.engine,
  config,
  mailer,
  auth,
  masterKey: parseMasterKey(masterKey),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
