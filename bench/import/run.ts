/**
 * How long importing 50,000 people takes through the real API: upload and preview (`POST /api/people/imports`),
 * then commit and run the background job to the end. Each run uses a fresh database: a temporary SQLite file,
 * or a fresh schema on the PostgreSQL named by `DATABASE_URL=postgres://…`.
 * `npm run --silent bench:import [-- --rows 50000 --runs 3]`; prints one JSON object.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { client, makeOrganization, makePerson, signIn } from "../../src/server/testing/factories.ts";
import { createTestContext } from "../../src/server/testing/harness.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "50000" }, runs: { type: "string", default: "3" } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
if (process.env.DATABASE_URL?.startsWith("postgres"))
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;

const DEPARTMENTS = ["Engineering", "Product", "Sales", "People & Culture", "Operations", "Finance"];
const ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "UTC"];
const LANGUAGES = ["English", "English;German", "English;French", "Spanish;English", "Japanese;English"];

/**
 * A deterministic file: person i reports to person ⌊(i−1)/8⌋, and the rows are in a fixed shuffled order, so
 * that many managers appear after the people who report to them.
 */
export function generateCsv(n: number): string {
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const lines = ["email,name,title,department,seniority,manager_email,location,time_zone,languages,role"];
  for (const i of order) {
    const manager = i === 0 ? "" : `person${Math.floor((i - 1) / 8)}@bench.example`;
    const level = Math.max(1, 8 - Math.floor(Math.log(i + 1) / Math.log(8)) * 2);
    lines.push(
      [
        `person${i}@bench.example`,
        `Person ${i}`,
        i % 8 === 0 ? "Manager" : "Specialist",
        `"${DEPARTMENTS[i % DEPARTMENTS.length]}"`,
        level,
        manager,
        `City ${i % 40}`,
        ZONES[i % ZONES.length],
        LANGUAGES[i % LANGUAGES.length],
        i === 0 ? "sponsor" : "member",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function once(csv: string) {
  const ctx = await createTestContext({ backgroundJobs: false });
  try {
    const org = await makeOrganization(ctx.db, "Bench");
    const admin = await makePerson(ctx.db, org, { role: "org_admin" });
    const api = client(ctx.app, await signIn(ctx.app, admin.email));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const preview = await api.post("/api/people/imports", csv, { "content-type": "text/csv" });
    const t1 = performance.now();
    if (preview.status !== 201 || preview.body.summary.toCreate !== rows) {
      throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.body).slice(0, 500)}`);
    }
    const commit = await api.post(`/api/people/imports/${preview.body.id}/commit`);
    if (commit.status !== 202) throw new Error(`commit: ${commit.status} ${JSON.stringify(commit.body)}`);
    await ctx.jobs.drain();
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const done = await api.get(`/api/people/imports/${preview.body.id}`);
    if (done.body.status !== "completed")
      throw new Error(`import: ${JSON.stringify(done.body).slice(0, 500)}`);
    const linked = await ctx.db
      .selectFrom("person")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("organization_id", "=", org)
      .where("manager_id", "is not", null)
      .executeTakeFirstOrThrow();
    if (Number(linked.n) !== rows - 1) throw new Error(`managers linked: ${linked.n}`);
    return {
      engine: ctx.engine,
      previewMs: Math.round(t1 - t0),
      importMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  } finally {
    await ctx.close();
  }
}

const csv = generateCsv(rows);
const results = [];
for (let r = 0; r < runs; r++) results.push(await once(csv));
const totalMs = median(results.map((r) => r.totalMs));
console.log(
  JSON.stringify(
    {
      rows,
      engine: results[0]?.engine,
      fileBytes: Buffer.byteLength(csv),
      previewMs: median(results.map((r) => r.previewMs)),
      importMs: median(results.map((r) => r.importMs)),
      totalMs,
      rowsPerSec: Math.round(rows / (totalMs / 1000)),
      medianMs: totalMs,
      cpuMs: median(results.map((r) => r.cpuMs)),
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      runs: results,
    },
    null,
    2,
  ),
);
process.exit(0);
