/**
 * The job worker alone, as a child process for the notification crash test: it sends the queued notification
 * emails to SMTP_URL and is meant to be killed (SIGKILL) at any moment. Environment: DATABASE_URL,
 * DATABASE_SCHEMA (PostgreSQL test schema), SMTP_URL, and CLOCK_SKEW_MS: this worker's clock runs that far
 * ahead, so that the leases of the jobs a killed worker held (5 minutes) have lapsed for the next one without
 * the test waiting for them. It prints `working` once it runs.
 */
import { createAuth } from "../auth/auth.ts";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/kysely.ts";
import { startJobWorker } from "../jobs/worker.ts";
import { newDataKey, newToken } from "../lib/crypto.ts";
import { createMailer } from "../mail/mailer.ts";
import "../mail/notify.ts";

const config = loadConfig({ ...process.env, DEMO_SEED: "off", PUBLIC_URL: "http://localhost:3000" });
const smtpUrl = process.env.SMTP_URL;
if (!smtpUrl) throw new Error("Set SMTP_URL.");
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const schema = process.env.DATABASE_SCHEMA;
const handle = openDb(config.databaseUrl, schema ? { schema } : {});
const mailer = createMailer(smtpUrl, config.mailFrom);
const deps = {
  db: handle.db,
  engine: handle.engine,
  config,
  mailer,
  auth: createAuth(handle.db, config, mailer, newToken() + newToken()),
  masterKey: newDataKey(),
};
const worker = startJobWorker(deps, { pollMs: 0, batchSize: 10 });
process.stdout.write("working\n");
for (;;) {
  const ran = await worker.drain({ now: new Date(Date.now() + skew).toISOString() });
  if (ran === 0) await new Promise((resolve) => setTimeout(resolve, 25));
}
