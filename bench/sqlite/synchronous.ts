/**
 * What `PRAGMA synchronous = FULL` costs against NORMAL (both in WAL mode) on this machine's disk: committed
 * write transactions per second, one at a time as the app makes them (BEGIN IMMEDIATE, two inserts, COMMIT),
 * and through the real API (POST /api/advisor/responses from 8 concurrent clients).
 * `npm run --silent bench:sqlite-sync [-- --seconds 5]`; prints one JSON object per mode.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import Sqlite from "libsql";
import { CAREER_ANSWERS } from "../../src/server/testing/advisor.ts";
import { client, makeOrganization, makePerson, signIn } from "../../src/server/testing/factories.ts";
import { createTestContext } from "../../src/server/testing/harness.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" } } });
const seconds = Number(values.seconds);

function rawCommits(mode: "FULL" | "NORMAL"): number {
  const file = join(tmpdir(), `sync-bench-${process.pid}-${mode}.db`);
  const db = new Sqlite(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${mode}`);
  db.exec("create table t (id integer primary key, body text not null)");
  const insert = db.prepare("insert into t (body) values (?)");
  const until = Date.now() + seconds * 1000;
  let commits = 0;
  while (Date.now() < until) {
    db.exec("BEGIN IMMEDIATE");
    insert.run("x".repeat(200));
    insert.run("y".repeat(200));
    db.exec("COMMIT");
    commits++;
  }
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  return commits / seconds;
}

async function apiWrites(mode: "FULL" | "NORMAL"): Promise<number> {
  const ctx = await createTestContext();
  try {
    await sql.raw(`PRAGMA synchronous = ${mode}`).execute(ctx.db);
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const api = client(ctx.app, await signIn(ctx.app, member.email));
    for (let i = 0; i < 50; i++) await api.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
    const until = Date.now() + seconds * 1000;
    let writes = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < until) {
          const res = await api.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
          if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
          writes++;
        }
      }),
    );
    return writes / seconds;
  } finally {
    await ctx.close();
  }
}

for (const mode of ["FULL", "NORMAL"] as const) {
  const commitsPerSec = Math.round(rawCommits(mode));
  const apiWritesPerSec = Math.round(await apiWrites(mode));
  process.stdout.write(`${JSON.stringify({ synchronous: mode, commitsPerSec, apiWritesPerSec, seconds })}\n`);
}
