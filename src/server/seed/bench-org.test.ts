import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../../bench/seed/generate.ts";
import { derivedSecret } from "../../../bench/seed/random.ts";
import { createApp } from "../app.ts";
import { createAuth } from "../auth/auth.ts";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/kysely.ts";
import { hashPassword } from "../lib/crypto.ts";
import { startDevSmtp } from "../mail/dev-smtp.ts";
import { createMailer } from "../mail/mailer.ts";
import { client, signIn } from "../testing/factories.ts";

const files: string[] = [];
afterAll(() => {
  if (!process.env.KEEP)
    for (const f of files) for (const s of ["", "-wal", "-shm"]) rmSync(`${f}${s}`, { force: true });
});

const masterKey = derivedSecret("7", "master-key");
const passwordHash = await hashPassword("benchmark-2026");

async function run(signWorkers: number) {
  const file = join(tmpdir(), `bench-org-${process.pid}-${files.length}.db`);
  files.push(file);
  const url = `file:${file}`;
  const result = await generate({
    databaseUrl: url,
    people: 500,
    seed: 7,
    now: new Date("2026-03-02T00:00:00.000Z"),
    publicUrl: "http://localhost:3000",
    masterKey,
    passwordHash,
    signed: 20,
    signWorkers,
    rawSqlite: signWorkers > 0,
  });
  return { ...result, url, file };
}

/**
 * Every row of every table, sorted; the password hash (salted afresh by argon2) and the planner's
 * statistics (sampled from rows in the order each writer stored them) left out.
 */
function checksum(file: string): string {
  const db = new Sqlite(file, { readonly: true });
  const hash = createHash("sha256");
  const tables = db
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite_stat%' order by name",
    )
    .all() as { name: string; sql: string }[];
  // A full-text index's own tables are laid out by how the rows arrived in batches; its rows are compared.
  const virtual = tables.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => `${t.name}_`);
  for (const { name } of tables) {
    if (virtual.some((prefix) => name.startsWith(prefix))) continue;
    const rows = (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) =>
      JSON.stringify(name === "auth_account" ? { ...row, password: null } : row),
    );
    for (const row of rows.sort()) hash.update(`${name}:${row}\n`);
  }
  db.close();
  return hash.digest("hex");
}

describe("benchmark organization generator", () => {
  it("scales every count with --people, writes the same rows from the same seed, and the app serves them", async () => {
    const first = await run(1);
    const second = await run(0);
    const s = first.summary;
    expect(s).toMatchObject({
      people: 500,
      relationships: 100,
      meetings: 1200,
      engagements: 30,
      coachingSessions: 150,
      cohorts: 5,
      enrolments: 400,
      certificates: 200,
      signedCertificates: 20,
    });
    expect(s.programs).toBeGreaterThanOrEqual(6);
    expect(s.attendance).toBeGreaterThan(2_400);
    expect(s.attendance).toBeLessThan(3_600);
    expect(second.manifest.ids).toEqual(first.manifest.ids);
    expect(checksum(second.file)).toBe(checksum(first.file));

    const handle = openDb(first.url);
    const smtp = await startDevSmtp();
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: first.url, SMTP_URL: smtp.url });
    const mailer = createMailer(smtp.url, config.mailFrom);
    const auth = createAuth(
      handle.db,
      config,
      mailer,
      derivedSecret("7", "auth-secret").toString("base64url"),
    );
    const app = createApp({ db: handle.db, engine: handle.engine, config, mailer, auth, masterKey });
    try {
      const { ids, accounts } = first.manifest;
      const email = (name: string) => accounts.find((a) => a.name === name)?.email ?? "";
      const member = client(app, await signIn(app, email("member"), "benchmark-2026"));
      const relationships = await member.get("/api/mentoring/relationships");
      expect(relationships.status).toBe(200);
      const meetings = await member.get(`/api/mentoring/relationships/${ids.memberRelationshipId}/meetings`);
      expect(meetings.status).toBe(200);
      expect(meetings.body.items.length).toBeGreaterThan(0);
      expect(meetings.body.items[0].topics.length).toBeGreaterThan(0);
      expect((await member.get("/api/me/next-steps")).status).toBe(200);

      const mentee = client(app, await signIn(app, email("mentee"), "benchmark-2026"));
      const recommended = await mentee.get(
        `/api/programs/${ids.recommendations.programId}/mentoring/recommendations`,
      );
      expect(recommended.status).toBe(200);
      expect(recommended.body.items.length).toBeGreaterThan(0);

      const trainer = client(app, await signIn(app, email("trainer"), "benchmark-2026"));
      const gradebook = await trainer.get(`/api/training/cohorts/${ids.gradebookCohortId}/gradebook`);
      expect(gradebook.status).toBe(200);

      const anyone = client(app);
      const signed = await anyone.get(`/api/credentials/${ids.signedCertificateId}/verification`);
      expect(signed.body.verified).toBe(true);
      const unsigned = await anyone.get(`/api/credentials/${ids.unsignedCertificateId}/verification`);
      expect(unsigned.body.verified).toBe(false);
      expect(unsigned.body.checks.signature.ok).toBe(false);
    } finally {
      mailer.close();
      await smtp.close();
      await handle.close();
    }
  }, 60_000);
});
