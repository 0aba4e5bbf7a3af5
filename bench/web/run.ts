/**
 * `npm run --silent bench:web [-- --runs 5] [-- --pages home,directory,dashboard,analytics] [-- --no-build]
 * [-- --bundle-only]`: the web first-load budget.
 *
 * 1. Builds the SPA (Vite, with a manifest) into dist/web and reports, per route, the gzipped JavaScript a
 *    first load of that route needs: the entry, the lazy modules of the route (layouts and page) and their
 *    static imports, following the manifest's import graph. Dynamic imports a page makes later (a chart
 *    panel) are reported apart as `deferredGzipKb`.
 * 2. Starts the app in production mode on the benchmark organization (data/bench, from `npm run bench:seed`)
 *    or, when that is missing, on the demo organization in a temporary SQLite file, and loads pages in real
 *    Chromium as realistic roles: LCP and time to interactive (defined in page-timing.ts), medians of cold
 *    loads, with a static HTML page and the sign-in page measured in the same run as references.
 *
 * One JSON object on stdout, progress on stderr. A measurement, not a test: nothing here passes or fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContextOptions, request } from "playwright-core";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../src/server/seed/demo.ts";
import { ROOT, WEB_DIST } from "../../src/server/web-build.ts";
import { launchBrowser } from "../../tests/e2e/browser.ts";
import { buildWeb, bundleReport, type Manifest, readRoutes } from "./bundle.ts";
import { failedRun, measureLoad, type PageRun, QUIET_MS } from "./page-timing.ts";

const BUDGET_KB = 200;
const FIRST_ROUTE = "/";

const log = (message: string) => process.stderr.write(`bench:web: ${message}\n`);

function fail(message: string): never {
  log(message);
  process.exit(2);
}

const PAGE_KEYS = ["home", "directory", "dashboard", "analytics"] as const;
type PageKey = (typeof PAGE_KEYS)[number];

function parseArgs(argv: string[]) {
  const args = { runs: 5, build: true, browser: true, pages: new Set<PageKey>(PAGE_KEYS) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--runs") {
      const k = Number(argv[++i]);
      if (!Number.isInteger(k) || k < 1) fail("--runs needs a whole number ≥ 1");
      args.runs = k;
    } else if (flag === "--pages") {
      const keys = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = keys.filter((k) => !(PAGE_KEYS as readonly string[]).includes(k));
      if (!keys.length || unknown.length)
        fail(`--pages takes a comma-separated list of ${PAGE_KEYS.join(", ")}`);
      args.pages = new Set(keys as PageKey[]);
    } else if (flag === "--no-build") args.build = false;
    else if (flag === "--bundle-only") args.browser = false;
    else if (flag === "--people")
      i++; // The seed's flag, accepted so both scripts can share arguments.
    else
      fail(
        `unknown flag ${flag} (flags: --runs N, --pages ${PAGE_KEYS.join(",")}, --no-build, --bundle-only)`,
      );
  }
  return args;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

type Account = { email: string; password: string; role: string };
type Org = {
  org: "bench" | "demo";
  databaseUrl: string;
  demoSeed: "on" | "off";
  accounts: { member: Account; manager: Account; admin: Account };
  /** The big mentoring program's id, when the organization names one. */
  dashboardProgramId: string | null;
  people: number | null;
  cleanup: () => void;
};

/** What `npm run bench:seed` writes next to the database (bench/seed/generate.ts). */
type BenchManifest = {
  databaseUrl?: string;
  people?: number;
  password?: string;
  accounts?: { name?: string; email: string; password?: string; role: string }[];
  ids?: { flagshipProgramId?: string | null };
};

/**
 * The benchmark organization: data/bench (SQLite) or, with a PostgreSQL DATABASE_URL, data/bench-pg, as
 * `npm run bench:seed` writes them. Null when it has not been generated.
 */
function benchOrg(): Org | null {
  const fromEnv = process.env.DATABASE_URL;
  const postgres = fromEnv !== undefined && /^postgres(ql)?:/.test(fromEnv);
  const manifestPath = join(ROOT, postgres ? "data/bench-pg" : "data/bench", "manifest.json");
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BenchManifest;
  const databaseUrl = fromEnv ?? manifest.databaseUrl ?? `file:${join(ROOT, "data/bench/trellis.db")}`;
  // A relative SQLite path is relative to the repository, where the app is started.
  if (databaseUrl.startsWith("file:") && !existsSync(resolve(ROOT, databaseUrl.slice("file:".length))))
    return null;
  const accounts = manifest.accounts ?? [];
  const pick = (name: string, role: string): Account | undefined => {
    const a = accounts.find((x) => x.name === name) ?? accounts.find((x) => x.role === role);
    const password = a?.password ?? manifest.password;
    return a && password ? { email: a.email, password, role: a.role } : undefined;
  };
  const member = pick("member", "member");
  const manager = pick("pm", "program_manager");
  const admin = pick("admin", "org_admin");
  if (!member || !manager || !admin) {
    log(`${manifestPath} lists no member, program manager and admin accounts; using the demo organization`);
    return null;
  }
  return {
    org: "bench",
    databaseUrl,
    demoSeed: "off",
    accounts: { member, manager, admin },
    dashboardProgramId: manifest.ids?.flagshipProgramId ?? null,
    people: typeof manifest.people === "number" ? manifest.people : null,
    cleanup: () => {},
  };
}

function demoOrg(): Org {
  const dir = mkdtempSync(join(tmpdir(), "trellis-bench-web-"));
  const account = (role: string) => {
    const a = DEMO_ACCOUNTS.find((x) => x.role === role && !x.label);
    if (!a) throw new Error(`The demo organization has no ${role}`);
    return { email: a.email, password: DEMO_PASSWORD, role };
  };
  return {
    org: "demo",
    databaseUrl: `file:${join(dir, "trellis.db")}`,
    demoSeed: "on",
    accounts: { member: account("member"), manager: account("program_manager"), admin: account("org_admin") },
    dashboardProgramId: null,
    people: null,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function startApp(org: Org): Promise<{ url: string; engine: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATABASE_URL: org.databaseUrl,
      DEMO_SEED: org.demoSeed,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log(`[app] ${line}`);
  };
  child.stdout?.on("data", relay);
  child.stderr?.on("data", relay);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} while starting`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { engine: string };
        return { url, engine: body.engine, child };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error("The app did not answer /api/health within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

const STATIC_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Static reference page</h1><p>A tiny HTML page with no script, served over loopback.</p></main></body></html>`;

async function startStaticServer(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(STATIC_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, server };
}

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

/** Signs in once per account through the API; each measured load then starts from a new, cold context. */
async function signIn(baseURL: string, account: Account): Promise<StorageState> {
  const ctx = await request.newContext({ baseURL });
  try {
    const res = await ctx.post("/api/auth/sign-in/email", {
      data: { email: account.email, password: account.password },
      headers: { origin: baseURL },
    });
    if (!res.ok()) throw new Error(`Sign-in as ${account.email} failed: ${res.status()} ${await res.text()}`);
    return await ctx.storageState();
  } finally {
    await ctx.dispose();
  }
}

/** The mentoring program with the most participants the program manager can see, for the demo organization. */
async function pickMentoringProgram(baseURL: string, state: StorageState): Promise<string | null> {
  const ctx = await request.newContext({ baseURL, storageState: state });
  try {
    const res = await ctx.get("/api/programs?kind=mentoring");
    if (!res.ok()) return null;
    const body = (await res.json()) as unknown;
    const items = (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as Record<
      string,
      unknown
    >[];
    const size = (p: Record<string, unknown>) =>
      Number(p.participantCount ?? p.enrolledCount ?? p.enrolmentCount ?? p.participants ?? 0);
    const best = [...items].sort((a, b) => size(b) - size(a))[0];
    return typeof best?.id === "string" ? best.id : null;
  } finally {
    await ctx.dispose();
  }
}

type PageSpec = { page: string; url: string; role: string; state?: StorageState };

function summarize(spec: PageSpec, runs: PageRun[]) {
  const ok = runs.filter((r) => !r.error);
  const num = (pick: (r: PageRun) => number | null) =>
    round1(median(ok.map(pick).filter((x): x is number => x !== null)));
  return {
    page: spec.page,
    url: spec.url,
    role: spec.role,
    lcpMsMedian: num((r) => r.lcpMs),
    ttiMsMedian: num((r) => r.ttiMs),
    contentMsMedian: num((r) => r.contentMs),
    fcpMsMedian: num((r) => r.fcpMs),
    jsTransferKbMedian: num((r) => r.jsTransferKb),
    lcpElement: ok[ok.length - 1]?.lcpElement ?? null,
    failedRuns: runs.length - ok.length,
    runs: runs.map((r) => ({
      lcpMs: round1(r.lcpMs),
      ttiMs: round1(r.ttiMs),
      contentMs: round1(r.contentMs),
      longTasks: r.longTasks,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
}

/**
 * Waits until the app answers /api/health within 20 ms (at most 10 s), so that work a previous page left
 * running on the server (its context is closed, its queries are not) does not slow the next page's load.
 */
async function settle(appUrl: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${appUrl}/api/health`).catch(() => undefined);
    if (performance.now() - started < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measurePages(
  browser: Browser,
  specs: PageSpec[],
  runs: number,
  app: { url: string; child: ChildProcess },
) {
  const load = async (spec: PageSpec): Promise<PageRun> => {
    if (app.child.exitCode !== null) {
      throw new Error(
        `the app exited with code ${app.child.exitCode} during the measurements; its output is above`,
      );
    }
    await settle(app.url);
    try {
      return await measureLoad(browser, spec.url, spec.state);
    } catch (err) {
      return failedRun(err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err));
    }
  };
  const results = new Map<string, PageRun[]>(specs.map((s) => [s.page, []]));
  log(
    "warm-up load of each page (not counted), so the server's caches are warm and only the browser is cold",
  );
  for (const spec of specs) await load(spec);
  for (let run = 1; run <= runs; run++) {
    for (const spec of specs) {
      const r = await load(spec);
      results.get(spec.page)?.push(r);
      log(
        `run ${run}/${runs} ${spec.page}: ${
          r.error ?? `LCP ${r.lcpMs?.toFixed(0)} ms, TTI ${r.ttiMs?.toFixed(0)} ms, ${r.jsTransferKb} kB JS`
        }`,
      );
    }
  }
  return specs.map((s) => summarize(s, results.get(s.page) ?? []));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const routes = readRoutes(ROOT);
  let manifest: Manifest;
  if (args.build) {
    log(`building the web app into ${WEB_DIST}`);
    manifest = await buildWeb(ROOT, WEB_DIST);
  } else {
    const path = join(WEB_DIST, ".vite/manifest.json");
    if (!existsSync(path)) fail(`--no-build needs an earlier build with a manifest (${path})`);
    manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  }
  const bundle = bundleReport(WEB_DIST, manifest, routes);
  const firstRoute = bundle.routes.find((r) => r.route === FIRST_ROUTE);
  log(`first route ${FIRST_ROUTE}: ${firstRoute?.gzipKb} kB gzipped JS (budget ${BUDGET_KB} kB)`);

  const out: Record<string, unknown> = {
    budgetKb: BUDGET_KB,
    firstRoute: FIRST_ROUTE,
    firstRouteGzipKb: firstRoute?.gzipKb ?? null,
    totals: bundle.totals,
    routes: bundle.routes,
    units: "kB = 1000 bytes, gzip at zlib's default level (as the server compresses /assets)",
  };
  if (!args.browser) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  const org = benchOrg() ?? demoOrg();
  log(`starting the app in production mode on the ${org.org} organization (${org.databaseUrl})`);
  const app = await startApp(org);
  const reference = await startStaticServer();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const [member, manager, admin] = await Promise.all([
      signIn(app.url, org.accounts.member),
      signIn(app.url, org.accounts.manager),
      signIn(app.url, org.accounts.admin),
    ]);
    const programId = org.dashboardProgramId ?? (await pickMentoringProgram(app.url, manager));
    const candidates: (PageSpec & { key: PageKey })[] = [
      { key: "home", page: "home", url: `${app.url}/`, role: org.accounts.member.role, state: member },
      {
        key: "directory",
        page: "people directory",
        url: `${app.url}/people`,
        role: org.accounts.member.role,
        state: member,
      },
      ...(programId
        ? [
            {
              key: "dashboard" as const,
              page: "program manager dashboard (mentoring)",
              url: `${app.url}/programs/${programId}/mentoring`,
              role: org.accounts.manager.role,
              state: manager,
            },
          ]
        : []),
      {
        key: "analytics",
        page: "analytics",
        url: `${app.url}/analytics`,
        role: org.accounts.admin.role,
        state: admin,
      },
    ];
    const pages: PageSpec[] = candidates.filter((p) => args.pages.has(p.key)).map(({ key: _, ...p }) => p);
    const references: PageSpec[] = [
      { page: "static HTML (no script)", url: reference.url, role: "none" },
      { page: "sign-in (signed out)", url: `${app.url}/sign-in`, role: "none" },
    ];
    const measured = await measurePages(browser, [...references, ...pages], args.runs, app);
    const refs = measured.slice(0, references.length);
    const staticRef = refs[0];
    const ratio = (x: number | null, ref: number | null | undefined) =>
      x === null || !ref ? null : Math.round((x / ref) * 100) / 100;
    out.pages = measured.slice(references.length).map((p) => ({
      ...p,
      lcpRatioToSignIn: ratio(p.lcpMsMedian, refs[1]?.lcpMsMedian),
      lcpRatioToStaticHtml: ratio(p.lcpMsMedian, staticRef?.lcpMsMedian),
    }));
    out.reference = { staticHtml: refs[0], signIn: refs[1] };
    out.org = org.org;
    if (org.people) out.people = org.people;
    out.engine = app.engine;
    out.browser = `Chromium ${browser.version()}`;
    out.runsPerPage = args.runs;
    out.method = {
      cache: "every run is a new browser context: empty HTTP cache, only the session cookie carried over",
      server:
        "one warm-up load per page first, not counted; before each load, the app answers /api/health within 20 ms",
      lcp: "startTime of the last 'largest-contentful-paint' entry (buffered PerformanceObserver) at TTI",
      tti: `the later of 'main content complete' (the first frame painted with <main>'s h1 and no loading indicator) and the end of the last long task after it, once the main thread has then had no 'longtask' entry for ${QUIET_MS} ms; milliseconds from navigation start`,
      viewport: "1280x800, no CPU or network throttling, loopback",
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await browser?.close().catch(() => {});
    reference.server.close();
    if (app.child.exitCode === null) {
      const exited = new Promise((r) => app.child.once("exit", r));
      app.child.kill("SIGTERM");
      await exited;
    }
    org.cleanup();
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
