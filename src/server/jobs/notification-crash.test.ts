import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb, pgConnection } from "../db/kysely.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { type DevSmtpServer, startDevSmtp } from "../mail/dev-smtp.ts";
import { NOTIFICATION_EMAIL, notifyPerson } from "../mail/notify.ts";
import { makeOrganization, makePerson } from "../testing/factories.ts";

/**
 * Crash test of the email queue at the SMTP boundary. A few hundred notification emails are queued; the job
 * worker runs in a child process and is SIGKILLed at random moments while it sends, several times; then a
 * fresh worker finishes. Delivery is at-least-once: a kill between the SMTP server's 250 reply and the job's
 * "done" commit cannot be told apart from a kill before the 250, so that message is sent again under the same
 * Message-ID. What is asserted:
 * - none lost: the set of Message-IDs the SMTP server received equals the set of queued jobs (`<job id@host>`),
 *   and every job ended `done`;
 * - repeats are bounded: the raw count of received messages minus the distinct Message-IDs is at most one per
 *   kill (a killed worker had at most one message in flight), and the figure is printed.
 */

const JOBS = 240;
const KILLS = 5;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("../testing/notification-worker.ts", import.meta.url));
/** Each worker generation's clock runs ahead by this much more, past the 5-minute leases of the one killed. */
const GENERATION_SKEW_MS = 6 * 60_000;

interface Target {
  url: string;
  schema: string | undefined;
  drop(): Promise<void>;
}

async function prepareTarget(): Promise<Target> {
  const name = `notification_crash_${process.pid}_${Date.now().toString(36)}`;
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const admin = new pg.Client(pgConnection(pgUrl));
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.end();
    return {
      url: pgUrl,
      schema: name,
      async drop() {
        const client = new pg.Client(pgConnection(pgUrl));
        await client.connect();
        await client.query(`drop schema if exists ${name} cascade`);
        await client.end();
      },
    };
  }
  const file = join(tmpdir(), `${name}.db`);
  return {
    url: `file:${file}`,
    schema: undefined,
    async drop() {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

async function bundleWorker(): Promise<string> {
  const file = join(
    ROOT,
    "node_modules",
    ".cache",
    "trellis-durability",
    `notification-worker-${process.pid}.mjs`,
  );
  await build({
    entryPoints: [ENTRY],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return file;
}

interface Child {
  process: ChildProcess;
  exited: Promise<void>;
}

async function startWorker(
  file: string,
  target: Target,
  smtp: DevSmtpServer,
  generation: number,
): Promise<Child> {
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: target.url,
      ...(target.schema ? { DATABASE_SCHEMA: target.schema } : {}),
      SMTP_URL: `${smtp.url}?pool=true`,
      CLOCK_SKEW_MS: String(generation * GENERATION_SKEW_MS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The worker did not start in 30 s.\n${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("working")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The worker exited before it ran.\n${stderr}`));
    });
  });
  return { process: child, exited };
}

describe("notification emails survive a killed worker", () => {
  let target: Target;
  let handle: DbHandle;
  let smtp: DevSmtpServer;
  let file: string;
  let onMail: () => void = () => {};

  beforeAll(async () => {
    target = await prepareTarget();
    handle = openDb(target.url, target.schema ? { schema: target.schema } : {});
    await migrateToLatest(handle.db);
    smtp = await startDevSmtp({ inboxLimit: 100_000, onMail: () => onMail() });
    file = await bundleWorker();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await smtp?.close();
    await target?.drop();
    if (file) rmSync(file, { force: true });
  });

  it(`${JOBS} queued emails, ${KILLS} SIGKILLs mid-batch: every one delivered, repeats at most one per kill`, async () => {
    const started = Date.now();
    const org = await makeOrganization(handle.db, "Crash");
    const people: Awaited<ReturnType<typeof makePerson>>[] = [];
    for (let i = 0; i < 10; i++) people.push(await makePerson(handle.db, org));
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < JOBS; i++) {
        const to = people[i % people.length];
        if (!to) continue;
        await notifyPerson(
          { db: trx },
          org,
          to.id,
          "requests",
          { subject: `Notice ${i}`, intro: "Something needs your answer.", path: "/" },
          { db: trx },
        );
      }
    });
    const jobs = await handle.db
      .selectFrom("job")
      .select("id")
      .where("kind", "=", NOTIFICATION_EMAIL)
      .execute();
    expect(jobs).toHaveLength(JOBS);

    const kills: { afterMails: number; delayMs: number; receivedBefore: number }[] = [];
    for (let generation = 0; generation < KILLS; generation++) {
      const child = await startWorker(file, target, smtp, generation);
      const receivedAtStart = smtp.inbox.length;
      // Kill once this worker has delivered a random number of mails, a random few milliseconds after the last
      // one reached the server (0 ms: before its 250 reply reaches the worker).
      const afterMails = 15 + Math.floor(Math.random() * 30);
      const delayMs = Math.floor(Math.random() * 15);
      await new Promise<void>((resolve) => {
        onMail = () => {
          if (smtp.inbox.length - receivedAtStart < afterMails) return;
          onMail = () => {};
          const kill = () => {
            child.process.kill("SIGKILL");
            resolve();
          };
          if (delayMs === 0) kill();
          else setTimeout(kill, delayMs);
        };
        void child.exited.then(() => resolve());
      });
      await child.exited;
      kills.push({ afterMails, delayMs, receivedBefore: smtp.inbox.length });
    }

    const finisher = await startWorker(file, target, smtp, KILLS);
    // A send that fails under load is retried after the queue's backoff (30–36 s), so allow for two; the first
    // such wait is logged with the job's error, to tell what failed.
    const deadline = Date.now() + 120_000;
    let reported = false;
    for (;;) {
      const open = await handle.db
        .selectFrom("job")
        .select(["status", "attempts", "run_at", "last_error"])
        .where("status", "!=", "done")
        .execute();
      if (open.length === 0) break;
      if (!reported && Date.now() > deadline - 100_000) {
        reported = true;
        console.log(`notification crash test: waiting for retries of ${JSON.stringify(open.slice(0, 3))}`);
      }
      if (Date.now() > deadline)
        throw new Error(`${open.length} jobs still open after 120 s: ${JSON.stringify(open.slice(0, 3))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    finisher.process.kill("SIGKILL");
    await finisher.exited;

    const expected = new Set(jobs.map((j) => `<${j.id}@localhost>`));
    const received = smtp.inbox.map((m) => m.messageId);
    const distinct = new Set(received);
    const repeats = received.length - distinct.size;
    const report = {
      engine: handle.engine,
      jobs: JOBS,
      kills: KILLS,
      killedAfter: kills,
      received: received.length,
      distinctMessageIds: distinct.size,
      lost: [...expected].filter((id) => !distinct.has(id)).length,
      unexpected: [...distinct].filter((id) => !expected.has(id)).length,
      repeats,
      elapsedMs: Date.now() - started,
    };
    console.log(`notification crash test: ${JSON.stringify(report)}`);
    expect(report.lost).toBe(0);
    expect(report.unexpected).toBe(0);
    expect(distinct).toEqual(expected);
    expect(repeats).toBeLessThanOrEqual(KILLS);
    const statuses = await handle.db.selectFrom("job").select("status").distinct().execute();
    expect(statuses.map((s) => s.status)).toEqual(["done"]);
  }, 240_000);
});
