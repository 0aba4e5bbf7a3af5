import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { createAuth } from "./auth/auth.ts";
import { loadConfig } from "./config.ts";
import { openDb } from "./db/kysely.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { refreshStatistics } from "./db/statistics.ts";
import { purgeFinishedJobs } from "./jobs/jobs.repository.ts";
import { startJobWorker } from "./jobs/worker.ts";
import { newDataKey, newToken, parseMasterKey } from "./lib/crypto.ts";
import { purgeExpiredKeys } from "./lib/idempotency.repository.ts";
import { dataDirFor, MASTER_KEY_FILE, persistedSecret } from "./lib/persisted-secret.ts";
import { addDays, nowIso } from "./lib/time.ts";
import { startDevSmtp } from "./mail/dev-smtp.ts";
import { createMailer } from "./mail/mailer.ts";
import { failInterruptedRuns } from "./modules/matching/matching.repository.ts";
import { expireStaleRequests } from "./modules/mentoring/mentoring.service.ts";
import { scanReminders } from "./modules/notifications/notifications.service.ts";
import { sendReminders } from "./modules/training/assignments.service.ts";
import { purgeDeliveryLog } from "./modules/webhooks/webhooks.repository.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed/demo.ts";
import { ensureWebBuild, ROOT, WEB_DIST } from "./web-build.ts";

/** How often sessions, action items, assessments and certificates are scanned for reminders that fell due. */
const REMINDER_SCAN_MS = 5 * 60 * 1000;

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const handle = openDb(config.databaseUrl);
  const applied = await migrateToLatest(handle.db);
  if (applied.length) console.log(`Migrated ${handle.engine} database: ${applied.join(", ")}`);
  await refreshStatistics(handle);
  const interrupted = await failInterruptedRuns(handle.db, nowIso());
  if (interrupted)
    console.log(`Marked ${interrupted} bulk match run(s) interrupted by the last stop as failed.`);

  let smtpUrl = config.smtpUrl;
  if (!smtpUrl) {
    const smtp = await startDevSmtp({
      onMail: (m) => {
        const links = m.text.match(/https?:\/\/\S+/g) ?? [];
        console.log(
          `✉  Mail to ${m.to.join(", ")}: ${m.subject}${links.length ? `\n   ${links.join("\n   ")}` : ""}`,
        );
      },
    });
    smtpUrl = smtp.url;
    console.log(`No SMTP_URL set: mail goes to the built-in SMTP server at ${smtp.url} and is printed here.`);
  }
  const mailer = createMailer(smtpUrl, config.mailFrom);
  const dataDir = dataDirFor(config.databaseUrl, ROOT);
  const auth = createAuth(
    handle.db,
    config,
    mailer,
    persistedSecret(config.authSecret, dataDir, ".auth-secret", () => newToken() + newToken()),
  );
  const masterKey = parseMasterKey(
    persistedSecret(config.masterKey, dataDir, MASTER_KEY_FILE, () => newDataKey().toString("base64")),
  );

  const seeded = config.demoSeed ? await seedDemo(handle.db, masterKey, config.publicUrl) : false;

  const buildStarted = Date.now();
  if (
    await ensureWebBuild(() => console.log("Building the web app (first start, or its sources changed)…"))
  ) {
    console.log(`Web app built in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s.`);
  }
  const deps = { db: handle.db, engine: handle.engine, config, mailer, auth, masterKey };
  const app = createApp(deps, { webDist: WEB_DIST });
  const worker = startJobWorker(deps, {
    onError: (job, err) =>
      console.error(
        `Job ${job.kind} ${job.id} failed (attempt ${job.attempt} of ${job.maxAttempts}):`,
        err instanceof Error ? err.message : err,
      ),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`\nTrellis is running at ${config.publicUrl} (port ${info.port}, ${handle.engine}).`);
    console.log(`API reference: ${config.publicUrl}/api/docs`);
    if (seeded || config.demoSeed) {
      console.log(
        `Demo organization "Northwind Labs"; every demo account uses the password ${DEMO_PASSWORD}`,
      );
      for (const a of DEMO_ACCOUNTS) console.log(`  ${(a.label ?? a.role).padEnd(16)} ${a.email}`);
    }
    console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });

  const expire = () =>
    expireStaleRequests(handle.db)
      .then((n) => n > 0 && console.log(`Expired ${n} unanswered mentoring request${n === 1 ? "" : "s"}.`))
      .catch((err: unknown) => console.error("Expiring mentoring requests failed:", err));
  const remind = () =>
    sendReminders(deps, null)
      .then(
        (r) =>
          r.sent > 0 &&
          console.log(`Queued ${r.sent} mandatory-training reminder${r.sent === 1 ? "" : "s"}.`),
      )
      .catch((err: unknown) => console.error("Sending training reminders failed:", err));
  const hourly = () => {
    void expire();
    void remind();
    refreshStatistics(handle).catch((err: unknown) =>
      console.error("Refreshing table statistics failed:", err),
    );
    purgeExpiredKeys(handle.db, nowIso()).catch((err: unknown) =>
      console.error("Removing expired idempotency keys failed:", err),
    );
    purgeFinishedJobs(handle.db, addDays(nowIso(), -7), addDays(nowIso(), -30)).catch((err: unknown) =>
      console.error("Removing finished jobs failed:", err),
    );
    purgeDeliveryLog(handle.db, addDays(nowIso(), -30)).catch((err: unknown) =>
      console.error("Removing old webhook deliveries failed:", err),
    );
  };
  hourly();
  const hourlyTimer = setInterval(hourly, 60 * 60 * 1000);
  const scan = () =>
    scanReminders(deps)
      .then(
        (r) => r.queued > 0 && console.log(`Queued ${r.queued} reminder email${r.queued === 1 ? "" : "s"}.`),
      )
      .catch((err: unknown) => console.error("Scanning for due reminders failed:", err));
  void scan();
  const scanTimer = setInterval(scan, REMINDER_SCAN_MS);

  const shutdown = () => {
    clearInterval(hourlyTimer);
    clearInterval(scanTimer);
    server.close();
    void worker
      .stop()
      .then(() => mailer.close())
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
