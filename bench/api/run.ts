import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { engineOf, openDb, sqlitePath } from "../../src/server/db/kysely.ts";
import { ROOT } from "../../src/server/web-build.ts";
import { firstAnswer, type LoadRequest, type LoadResult, load } from "./load.ts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    rate: { type: "string", default: "500" },
    only: { type: "string" },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const rate = Number(args.rate);

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/bench/trellis.db";
const engine = engineOf(databaseUrl);
const dataDir = engine === "sqlite" ? dirname(sqlitePath(databaseUrl)) : join(ROOT, "data", "bench-pg");
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Starts a server script on a free port and resolves with the process and the port it printed. */
function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", ...env, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)|\(port (\d+),/.exec(output);
      if (port) resolve({ child, port: Number(port[1] ?? port[2]) });
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every Linux build. */
const CLOCK_TICKS = 100;

/** CPU seconds a process has used, user and system; null where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) " start at the third, state; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * A load run with the share of one core the server used meanwhile: near 100 the server was the limit; well
 * below, the load generator was.
 */
async function withServerCpu(child: ChildProcess, run: () => Promise<LoadResult>, runSeconds: number) {
  const before = cpuSeconds(child.pid);
  const result = await run();
  const after = cpuSeconds(child.pid);
  const serverCpuPct =
    before === null || after === null ? null : Math.round((100 * (after - before)) / runSeconds);
  return { ...result, serverCpuPct };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  for (;;) {
    const res = await trySignIn(base, email, password);
    if (res.status !== 429) return cookieOf(res, email);
    const wait = Number(res.headers.get("x-retry-after") ?? res.headers.get("retry-after") ?? "5");
    log(`Sign-in rate limit reached; waiting ${wait} s.`);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
  }
}

function trySignIn(base: string, email: string, password: string) {
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
}

async function cookieOf(res: Response, email: string) {
  if (res.status !== 200) throw new Error(`Sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(base + path, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** What every request carries besides its cookie, as the browser sends it. */
const BROWSER = { "accept-encoding": "gzip, deflate, br, zstd" };
/** What the web gradebook asks for: its first page of trainees. */
const GRADEBOOK_PAGE = 50;

type AccountName = "admin" | "pm" | "member" | "mentee" | "trainer";

interface Manifest {
  password: string;
  people: number;
  accounts: { name: string; email: string; password: string }[];
  ids: {
    flagshipProgramId: string;
    flagshipParticipants: number;
    memberRelationshipId: string;
    recommendations: { programId: string };
    gradebookCohortId: string;
    gradebookTrainees: number;
    trainingSessionId: string;
    directorySearch: string;
  };
}

async function main() {
  const manifestPath = join(dataDir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(
      `No benchmark organization at ${dataDir}: run \`npm run bench:seed -- --people 50000\` first.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;

  log("Starting the bare Hono server (the ceiling) and Trellis in production mode…");
  const ceilingServer = await start("bench/api/ceiling-server.ts", {});
  const appPort = await freePort();
  const app = await start("src/server/main.ts", {
    PORT: String(appPort),
    PUBLIC_URL: `http://127.0.0.1:${appPort}`,
    NODE_ENV: "production",
    DEMO_SEED: "off",
    DATABASE_URL: databaseUrl,
  });
  const base = `http://127.0.0.1:${app.port}`;
  const runStarted = new Date().toISOString();
  try {
    const wanted: AccountName[] = ["admin", "pm", "member", "mentee", "trainer"];
    const cookies = {} as Record<AccountName, string>;
    for (const name of wanted) {
      const account = manifest.accounts.find((a) => a.name === name);
      if (!account) throw new Error(`The manifest names no ${name} account.`);
      cookies[name] = await signIn(base, account.email, account.password);
    }
    await jobsSettled();
    const { ids } = manifest;
    const sheet = await getJson<{ rows: { person: { id: string } }[] }>(
      base,
      `/api/training/sessions/${ids.trainingSessionId}/attendance`,
      cookies.trainer,
    );
    const statuses = ["present", "late", "absent", "excused"] as const;
    let writes = 0;
    const json = { "content-type": "application/json", origin: base };
    const as = (name: AccountName) => ({ ...BROWSER, cookie: cookies[name] });

    const endpoints = (
      [
        {
          endpoint: "home (member)",
          kind: "read",
          request: { path: "/api/me/next-steps", headers: as("member") },
        },
        {
          endpoint: "people directory search",
          kind: "read",
          request: {
            path: `/api/people?q=${encodeURIComponent(ids.directorySearch)}`,
            headers: as("member"),
          },
        },
        {
          endpoint: "mentor recommendations (mentee)",
          kind: "read",
          request: {
            path: `/api/programs/${ids.recommendations.programId}/mentoring/recommendations`,
            headers: as("mentee"),
          },
        },
        {
          endpoint: `program manager dashboard (${ids.flagshipParticipants} participants)`,
          kind: "read",
          request: {
            path: `/api/programs/${ids.flagshipProgramId}/mentoring/overview`,
            headers: as("pm"),
          },
        },
        {
          endpoint: `cohort gradebook (${ids.gradebookTrainees} trainees, first page of ${GRADEBOOK_PAGE})`,
          kind: "read",
          request: {
            path: `/api/training/cohorts/${ids.gradebookCohortId}/gradebook?limit=${GRADEBOOK_PAGE}`,
            headers: as("trainer"),
          },
        },
        {
          endpoint: "organization analytics",
          kind: "read",
          request: { path: "/api/analytics/organization", headers: as("admin") },
        },
        {
          endpoint: "log a mentoring meeting (write)",
          kind: "write",
          request: {
            method: "POST",
            path: `/api/mentoring/relationships/${ids.memberRelationshipId}/meetings`,
            headers: { ...json, ...as("member") },
            body: () =>
              JSON.stringify({
                metOn: "2026-11-20",
                durationMinutes: 45,
                topics: ["Benchmark"],
                notes: `Meeting ${++writes}`,
              }),
          },
        },
        {
          endpoint: "take attendance (write)",
          kind: "write",
          request: {
            method: "PUT",
            path: `/api/training/sessions/${ids.trainingSessionId}/attendance`,
            headers: { ...json, ...as("trainer") },
            body: () => {
              const n = ++writes;
              return JSON.stringify({
                marks: sheet.rows
                  .slice(0, 20)
                  .map((r, i) => ({ personId: r.person.id, status: statuses[(n + i) % 4] })),
              });
            },
          },
        },
      ] satisfies { endpoint: string; kind: "read" | "write"; request: LoadRequest }[]
    ).filter((e) => !args.only || e.endpoint.includes(args.only));

    const ceilingUrl = `http://127.0.0.1:${ceilingServer.port}`;
    const measureCeiling = async (when: string) => {
      await load(ceilingUrl, { path: "/", headers: BROWSER }, { seconds: 2, connections });
      log(`Ceiling (${when}): bare Hono hello world, ${seconds} s at ${connections} connections…`);
      return withServerCpu(
        ceilingServer.child,
        () => load(ceilingUrl, { path: "/", headers: BROWSER }, { seconds, connections }),
        seconds,
      );
    };
    const ceilingBefore = await measureCeiling("before");

    const results = [];
    for (const { endpoint, kind, request } of endpoints) {
      log(
        `${endpoint}: a first request, a warm-up, then ${seconds} s flat out and ${seconds} s at ${rate} req/s…`,
      );
      const first = await firstAnswer(base, request);
      await load(base, request, { seconds: 2, connections });
      const max = await withServerCpu(
        app.child,
        () => load(base, request, { seconds, connections }),
        seconds,
      );
      const atRate: LoadResult = await load(base, request, { seconds, connections: 50, rate });
      results.push({
        endpoint,
        kind,
        path: request.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "{id}"),
        reqPerSec: max.reqPerSec,
        p50Ms: atRate.p50Ms,
        p95Ms: atRate.p95Ms,
        p99Ms: atRate.p99Ms,
        errors: max.errors + atRate.errors,
        errorKinds: Object.fromEntries(
          Object.entries(max.errorKinds).map(([k, n]) => [
            k,
            n + atRate.errorKinds[k as keyof LoadResult["errorKinds"]],
          ]),
        ),
        serverCpuPct: max.serverCpuPct,
        firstAnswer: first,
        atRate: { targetReqPerSec: rate, ...atRate },
        flatOut: max,
      });
    }
    // The ceiling of a shared machine drifts over a run; the higher of its two readings keeps ratios honest.
    const ceilingAfter = await measureCeiling("after");
    const ceiling = ceilingAfter.reqPerSec > ceilingBefore.reqPerSec ? ceilingAfter : ceilingBefore;
    console.log(
      JSON.stringify(
        {
          engine,
          readCache: process.env.READ_CACHE ?? "on",
          people: manifest.people,
          seconds,
          connections,
          ceiling: {
            server: "bare Hono hello world on @hono/node-server",
            ...ceiling,
            readings: { beforeReqPerSec: ceilingBefore.reqPerSec, afterReqPerSec: ceilingAfter.reqPerSec },
          },
          endpoints: results.map((r) => ({
            ...r,
            ceilingReqPerSec: ceiling.reqPerSec,
            ratioToCeiling: Math.round((r.reqPerSec / ceiling.reqPerSec) * 1000) / 1000,
          })),
        },
        null,
        2,
      ),
    );
  } finally {
    app.child.kill();
    ceilingServer.child.kill();
    await removeLoggedMeetings(manifest.ids.memberRelationshipId, runStarted);
  }
}

/**
 * At start the app queues the reminders the organization is due (thousands of emails, sent by the job worker
 * and, without SMTP_URL, printed by the built-in mail server). Measuring while they go out would measure them.
 */
async function jobsSettled() {
  const handle = openDb(databaseUrl);
  try {
    for (let waited = 0; waited < 300; waited++) {
      const row = await handle.db
        .selectFrom("job")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "in", ["queued", "running"])
        .where("run_at", "<=", new Date().toISOString())
        .executeTakeFirstOrThrow();
      const pending = Number(row.n);
      if (pending === 0) return;
      if (waited % 5 === 0) log(`Waiting for ${pending} background jobs the start queued…`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await handle.close();
  }
}

/**
 * Takes out the meetings this run logged and puts the relationship's last meeting date back, so that every
 * run starts from the organization bench:seed made. (Attendance writes overwrite the same marks.)
 */
async function removeLoggedMeetings(relationshipId: string, since: string) {
  const handle = openDb(databaseUrl);
  try {
    await handle.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("mentoring_meeting")
        .where("relationship_id", "=", relationshipId)
        .where("created_at", ">=", since)
        .execute();
      const latest = await trx
        .selectFrom("mentoring_meeting")
        .select((eb) => eb.fn.max("met_on").as("met_on"))
        .where("relationship_id", "=", relationshipId)
        .executeTakeFirst();
      await trx
        .updateTable("mentoring_relationship")
        .set({ last_meeting_at: latest?.met_on ? `${latest.met_on}T12:00:00.000Z` : null })
        .where("id", "=", relationshipId)
        .execute();
    });
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
