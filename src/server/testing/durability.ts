import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import Sqlite from "libsql";
import pg from "pg";
import { openDb, pgConnection } from "../db/kysely.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { newDataKey, newToken } from "../lib/crypto.ts";
import { CAREER_ANSWERS } from "./advisor.ts";
import { makeOrganization, makePerson, TEST_PASSWORD } from "./factories.ts";

export interface DurabilityOptions {
  cycles: number;
  /** Concurrent writers. */
  workers?: number;
  /** Seeds the kill moments, so a run can be repeated. */
  seed?: number;
  /** The kill comes this many milliseconds after the writes start, drawn uniformly. */
  killAfterMs?: [number, number];
  log?: (line: string) => void;
}

export interface DurabilityReport {
  engine: "sqlite" | "postgres";
  seed: number;
  killCycles: number;
  /** Writes the server answered 201, each with the id it returned. */
  acknowledgedWrites: number;
  /** Acknowledged ids missing after a restart. */
  lostWrites: number;
  /** Writes cut off by a kill, retried with the same Idempotency-Key after the last restart. */
  inDoubtWrites: number;
  /**
   * What the retries found: the write never committed and ran now; it committed and its stored answer was
   * replayed; or it committed but the kill came before its answer was stored.
   */
  inDoubtOutcome: { executedOnRetry: number; replayed: number; committedAnswerLost: number };
  /** Rows beyond one per acknowledged or committed key: writes made twice. */
  duplicateWrites: number;
  rowsWritten: number;
  otherAnswers: Record<string, number>;
  /** `PRAGMA integrity_check` after each restart ("ok"), or "n/a" on PostgreSQL. */
  integrityChecks: { ok: number; failed: string[] };
  elapsedMs: number;
}

const ENTRY = fileURLToPath(new URL("./durability-server.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ORIGIN = "http://localhost:3000";
const BODY = JSON.stringify({ answers: CAREER_ANSWERS });

/** Mulberry32: a small seeded generator, so the kill moments of a run can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  engine: "sqlite" | "postgres";
  url: string;
  schema: string | undefined;
  /** Every advisor response id of the person, and the integrity check's answer. */
  inspect(personId: string): Promise<{ ids: Set<string>; integrity: string }>;
  drop(): Promise<void>;
}

async function prepareTarget(): Promise<Target> {
  const name = `durability_${process.pid}_${Date.now().toString(36)}`;
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const admin = new pg.Client(pgConnection(pgUrl));
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.end();
    return {
      engine: "postgres",
      url: pgUrl,
      schema: name,
      async inspect(personId) {
        const client = new pg.Client(pgConnection(pgUrl, name));
        await client.connect();
        try {
          const rows = await client.query<{ id: string }>(
            "select id from advisor_response where person_id = $1",
            [personId],
          );
          return { ids: new Set(rows.rows.map((r) => r.id)), integrity: "n/a" };
        } finally {
          await client.end();
        }
      },
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
    engine: "sqlite",
    url: `file:${file}`,
    schema: undefined,
    async inspect(personId) {
      const db = new Sqlite(file);
      try {
        db.exec("PRAGMA busy_timeout = 5000");
        const rows = db.prepare("select id from advisor_response where person_id = ?").all(personId) as {
          id: string;
        }[];
        const check = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
        return {
          ids: new Set(rows.map((r) => r.id)),
          integrity: check.map((r) => r.integrity_check).join("; "),
        };
      } finally {
        db.close();
      }
    },
    async drop() {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/**
 * The server compiled once into one file, as tsx would compile it on each start, so that a restart costs
 * about a second instead of four. It sits under node_modules so that its imports resolve as the source's do.
 */
async function bundleServer(): Promise<{ file: string; remove(): void }> {
  const file = join(
    ROOT,
    "node_modules",
    ".cache",
    "trellis-durability",
    `server-${process.pid}-${Date.now()}.mjs`,
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
  return { file, remove: () => rmSync(file, { force: true }) };
}

interface Child {
  process: ChildProcess;
  base: string;
  exited: Promise<void>;
}

async function startServer(
  server: string,
  target: Target,
  secrets: { auth: string; master: string },
): Promise<Child> {
  const child = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: target.url,
      ...(target.schema ? { DATABASE_SCHEMA: target.schema } : {}),
      AUTH_SECRET: secrets.auth,
      MASTER_KEY: secrets.master,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s.\n${stderr}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The server exited before listening.\n${stderr}`));
    });
  });
  return { process: child, base: `http://127.0.0.1:${port}`, exited };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Outcome =
  | { kind: "acknowledged"; id: string; replayed: boolean }
  | { kind: "answered"; status: number; code: string; retryAfter: number }
  | { kind: "cut_off" };

async function write(base: string, cookie: string, key: string): Promise<Outcome> {
  try {
    const res = await fetch(`${base}/api/advisor/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, cookie, "Idempotency-Key": key },
      body: BODY,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status === 201) {
      const { id } = JSON.parse(text) as { id: string };
      return { kind: "acknowledged", id, replayed: res.headers.get("idempotent-replayed") === "true" };
    }
    let code = "";
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "";
    } catch {
      code = text.slice(0, 80);
    }
    return {
      kind: "answered",
      status: res.status,
      code,
      retryAfter: Number(res.headers.get("retry-after") ?? 0),
    };
  } catch {
    return { kind: "cut_off" };
  }
}

/**
 * Runs the real server as a child process, drives concurrent writes (each acknowledged only after its
 * commit), SIGKILLs the server at a random moment, restarts it and checks that every acknowledged write is
 * there and the database is sound; then retries every write a kill cut off with its Idempotency-Key and
 * checks that none was made twice.
 */
export async function runDurability(options: DurabilityOptions): Promise<DurabilityReport> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rand = random(seed);
  const workers = options.workers ?? 8;
  const [minKill, maxKill] = options.killAfterMs ?? [100, 1200];
  const log = options.log ?? (() => {});
  const server = await bundleServer();
  const target = await prepareTarget();
  const secrets = { auth: newToken() + newToken(), master: newDataKey().toString("base64") };

  const setup = openDb(target.url, target.schema ? { schema: target.schema } : {});
  await migrateToLatest(setup.db);
  const org = await makeOrganization(setup.db, "Durability");
  const member = await makePerson(setup.db, org);
  await setup.close();

  const acknowledged = new Map<string, string>();
  const inDoubt: string[] = [];
  const otherAnswers: Record<string, number> = {};
  const integrity = { ok: 0, failed: [] as string[] };
  let lostWrites = 0;
  let cookie = "";
  let child: Child | null = null;

  const verify = async (when: string) => {
    const { ids, integrity: result } = await target.inspect(member.id);
    const missing = [...acknowledged.values()].filter((id) => !ids.has(id));
    lostWrites = Math.max(lostWrites, missing.length);
    if (result === "ok" || result === "n/a") integrity.ok++;
    else integrity.failed.push(`${when}: ${result}`);
    return ids;
  };

  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      child = await startServer(server.file, target, secrets);
      if (!cookie) cookie = await signIn(child.base, member.email);
      await verify(`restart ${cycle}`);
      const running: Child = child;
      let stop = false;
      const loads = Array.from({ length: workers }, async () => {
        while (!stop) {
          const key = randomUUID();
          const outcome = await write(running.base, cookie, key);
          if (outcome.kind === "acknowledged") acknowledged.set(key, outcome.id);
          else if (outcome.kind === "cut_off") {
            inDoubt.push(key);
            return;
          } else {
            const name = `${outcome.status} ${outcome.code}`;
            otherAnswers[name] = (otherAnswers[name] ?? 0) + 1;
          }
        }
      });
      const delay = minKill + rand() * (maxKill - minKill);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const before = acknowledged.size;
      running.process.kill("SIGKILL");
      await running.exited;
      stop = true;
      await Promise.all(loads);
      child = null;
      log(
        `cycle ${cycle}: killed after ${Math.round(delay)} ms; ${acknowledged.size} acknowledged (${before} before the kill), ${inDoubt.length} cut off so far`,
      );
    }

    child = await startServer(server.file, target, secrets);
    await verify("final restart");
    const outcome = { executedOnRetry: 0, replayed: 0, committedAnswerLost: 0 };
    for (const key of inDoubt) {
      for (;;) {
        const result = await write(child.base, cookie, key);
        if (result.kind === "acknowledged") {
          acknowledged.set(key, result.id);
          if (result.replayed) outcome.replayed++;
          else outcome.executedOnRetry++;
        } else if (result.kind === "answered" && result.code === "idempotency.response_lost") {
          outcome.committedAnswerLost++;
        } else if (result.kind === "answered" && result.code === "idempotency.in_progress") {
          await new Promise((resolve) => setTimeout(resolve, Math.max(1, result.retryAfter) * 1000));
          continue;
        } else {
          throw new Error(`Retrying ${key} answered ${JSON.stringify(result)}`);
        }
        break;
      }
    }
    const ids = await verify("after the retries");
    const distinct = new Set(acknowledged.values());
    return {
      engine: target.engine,
      seed,
      killCycles: options.cycles,
      acknowledgedWrites: distinct.size,
      lostWrites,
      inDoubtWrites: inDoubt.length,
      inDoubtOutcome: outcome,
      duplicateWrites: ids.size - distinct.size - outcome.committedAnswerLost,
      rowsWritten: ids.size,
      otherAnswers,
      integrityChecks: integrity,
      elapsedMs: Date.now() - started,
    };
  } finally {
    if (child) {
      child.process.kill("SIGKILL");
      await child.exited;
    }
    await target.drop();
    server.remove();
  }
}
