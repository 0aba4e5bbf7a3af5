import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAREER_ANSWERS } from "../testing/advisor.ts";
import { client, makeOrganization, makePerson, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import type { BackupManifest, RestoreResult } from "./backup.ts";
import { openDb, pgConnection } from "./kysely.ts";
import { migrateToLatest } from "./migrate.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Runs `npm run backup` / `npm run restore` as their scripts, in a process of their own. */
function script(name: "backup" | "restore", args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", `${name}.ts`), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let ctx: TestContext;
let dir: string;
let schema: string | undefined;
let restoreUrl: string;
let dropRestoreTarget: () => Promise<void> = async () => {};

beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), "trellis-backup-"));
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (ctx.engine === "postgres" && pgUrl) {
    schema = (await sql<{ name: string }>`select current_schema() as name`.execute(ctx.db)).rows[0]?.name;
    const database = `restore_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client(pgConnection(pgUrl));
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const target = new URL(pgUrl);
    target.pathname = `/${database}`;
    restoreUrl = target.toString();
    dropRestoreTarget = async () => {
      const c = new pg.Client(pgConnection(pgUrl));
      await c.connect();
      await c.query(`drop database if exists ${database} with (force)`);
      await c.end();
    };
  } else {
    restoreUrl = `file:${join(dir, "restored", "trellis.db")}`;
  }
});

afterAll(async () => {
  await ctx?.close();
  await dropRestoreTarget();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("backs up while the app takes writes, restores into a stopped app's database and checks it", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const asMember = client(ctx.app, await signIn(ctx.app, member.email));
    const acknowledged: string[] = [];
    const failures: number[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        // In-process requests never wait on a socket; without this turn of the event loop, four writers
        // answered from memory would starve the timers this test waits on.
        await new Promise((resolve) => setImmediate(resolve));
        const res = await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
        if (res.status === 201) acknowledged.push(res.body.id);
        else failures.push(res.status);
      }
    });
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const before = [...acknowledged];
    const out = join(dir, "trellis-backup.db");
    const backup = await script("backup", [
      "--database-url",
      ctx.config.databaseUrl,
      "--out",
      out,
      ...(schema ? ["--schema", schema] : []),
    ]);
    const duringBackup = acknowledged.length - before.length;
    stop = true;
    await Promise.all(writers);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const report = JSON.parse(backup.stdout) as { bytes: number; ms: number; tables: Record<string, number> };
    console.log(
      `backup under load (${ctx.engine}): ${report.bytes} bytes in ${report.ms} ms, ${duringBackup} writes acknowledged meanwhile`,
    );
    expect(failures).toEqual([]);
    expect(duringBackup).toBeGreaterThan(0);
    const backedUp = report.tables.advisor_response ?? 0;
    expect(backedUp).toBeGreaterThanOrEqual(before.length);
    expect(backedUp).toBeLessThanOrEqual(acknowledged.length);

    const restore = await script("restore", [
      "--from",
      out,
      "--database-url",
      restoreUrl,
      ...(schema ? ["--schema", schema] : []),
    ]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const restored = JSON.parse(restore.stdout) as RestoreResult;
    expect(restored.integrity).toBe("ok");
    expect(restored.tables).toEqual(report.tables);

    const target = openDb(restoreUrl, schema ? { schema } : {});
    try {
      if (target.engine === "sqlite") {
        const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(target.db);
        expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
      }
      expect(await migrateToLatest(target.db)).toEqual([]);
      const ids = new Set(
        (await target.db.selectFrom("advisor_response").select("id").execute()).map((r) => r.id),
      );
      expect(ids.size).toBe(backedUp);
      for (const id of before) expect(ids.has(id)).toBe(true);
      for (const id of ids) expect(acknowledged).toContain(id);
      const people = await target.db.selectFrom("person").select("email").execute();
      expect(people.map((p) => p.email)).toContain(member.email);
    } finally {
      await target.close();
    }
  });

  it("refuses to replace a database that holds data unless told to, and checks the backup first", async () => {
    const out = join(dir, "trellis-backup.db");
    const args = ["--from", out, "--database-url", restoreUrl, ...(schema ? ["--schema", schema] : [])];
    const refused = await script("restore", args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--force/);

    const forced = await script("restore", [...args, "--force"]);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as RestoreResult).integrity).toBe("ok");

    const again = await script("backup", [
      "--database-url",
      ctx.config.databaseUrl,
      "--out",
      out,
      ...(schema ? ["--schema", schema] : []),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  });

  it("refuses a backup that does not match its manifest", async () => {
    const out = join(dir, "trellis-backup.db");
    const manifest = JSON.parse(readFileSync(`${out}.json`, "utf8")) as BackupManifest;
    writeFileSync(`${out}.json`, JSON.stringify({ ...manifest, sha256: "0".repeat(64) }));
    try {
      const res = await script("restore", [
        "--from",
        out,
        "--database-url",
        restoreUrl,
        "--force",
        ...(schema ? ["--schema", schema] : []),
      ]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/checksum/);
    } finally {
      writeFileSync(`${out}.json`, JSON.stringify(manifest));
    }
  });
});
