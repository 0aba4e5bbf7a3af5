import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { userInfo } from "node:os";
import { dirname } from "node:path";
import Sqlite from "libsql";
import pg from "pg";
import { type Engine, engineOf, pgConnection, sqlitePath } from "./kysely.ts";

/** Written beside every backup as `<backup>.json`; restore checks the restored rows against it. */
export interface BackupManifest {
  format: "trellis-backup/1";
  engine: Engine;
  createdAt: string;
  /** PostgreSQL: the schema the dump holds. */
  schema: string | null;
  /** PostgreSQL: extensions the schema's objects may use (a schema's dump leaves them out), with their schema. */
  extensions: { name: string; schema: string }[];
  /** Rows per table, counted in the same snapshot the backup copied. */
  tables: Record<string, number>;
  bytes: number;
  sha256: string;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
  ms: number;
}

export interface RestoreResult {
  engine: Engine;
  from: string;
  /** `ok`, or what `PRAGMA integrity_check` found; PostgreSQL: `ok` when every table's count matches. */
  integrity: string;
  tables: Record<string, number>;
  ms: number;
}

export class BackupError extends Error {
  override name = "BackupError";
}

export const manifestPath = (backupFile: string) => `${backupFile}.json`;

/**
 * Copies the database while the app keeps serving. SQLite: `VACUUM INTO` from a second connection reads one
 * snapshot (WAL lets writers go on) into a new, compact file (libsql has no backup API). PostgreSQL: pg_dump
 * in the custom format, sharing an exported snapshot with the row counts of the manifest.
 */
export async function backupDatabase(
  url: string,
  out: string,
  options: { schema?: string | undefined } = {},
): Promise<BackupResult> {
  const started = Date.now();
  if (existsSync(out)) throw new BackupError(`${out} exists already; name a new file.`);
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const engine = engineOf(url);
  let tables: Record<string, number>;
  let schema: string | null = null;
  let extensions: BackupManifest["extensions"] = [];
  if (engine === "sqlite") {
    const source = sqlitePath(url);
    if (!existsSync(source)) throw new BackupError(`No database at ${source}.`);
    const db = new Sqlite(source);
    try {
      db.exec("PRAGMA busy_timeout = 5000");
      db.exec(`VACUUM INTO '${partial.replaceAll("'", "''")}'`);
    } finally {
      db.close();
    }
    const copy = new Sqlite(partial);
    try {
      const integrity = sqliteIntegrity(copy);
      if (integrity !== "ok") throw new BackupError(`The copy fails its integrity check: ${integrity}`);
      tables = sqliteCounts(copy);
    } finally {
      copy.close();
    }
  } else {
    schema = options.schema ?? "public";
    const client = new pg.Client(pgConnection(url, schema));
    await client.connect();
    try {
      await client.query("begin isolation level repeatable read read only");
      const snapshot = (await client.query<{ id: string }>("select pg_export_snapshot() as id")).rows[0]?.id;
      if (!snapshot) throw new BackupError("PostgreSQL exported no snapshot.");
      tables = await pgCounts(client, schema);
      extensions = (
        await client.query<{ name: string; schema: string }>(
          "select e.extname as name, n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql' order by e.extname",
        )
      ).rows;
      await run("pg_dump", [
        `--dbname=${withUser(url)}`,
        `--snapshot=${snapshot}`,
        `--schema=${schema}`,
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--file=${partial}`,
      ]);
      await client.query("commit");
    } finally {
      await client.end();
    }
  }
  syncFile(partial);
  renameSync(partial, out);
  syncFile(dirname(out));
  const manifest: BackupManifest = {
    format: "trellis-backup/1",
    engine,
    createdAt: new Date().toISOString(),
    schema,
    extensions,
    tables,
    bytes: statSync(out).size,
    sha256: await fileSha256(out),
  };
  const manifestFile = manifestPath(out);
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  syncFile(manifestFile);
  return { file: out, manifestFile, manifest, ms: Date.now() - started };
}

/**
 * Restores a backup into the database of a stopped app. It refuses to replace a database that holds tables
 * unless `force`, checks the backup against its manifest first and the restored database after.
 */
export async function restoreDatabase(
  url: string,
  from: string,
  options: { force?: boolean; schema?: string | undefined } = {},
): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(from)) throw new BackupError(`No backup at ${from}.`);
  const manifest = readManifest(from);
  const engine = engineOf(url);
  if (manifest.engine !== engine) {
    throw new BackupError(`${from} is a ${manifest.engine} backup; the target is ${engine}.`);
  }
  if ((await fileSha256(from)) !== manifest.sha256) {
    throw new BackupError(`${from} does not match the checksum in its manifest; it is damaged.`);
  }
  let tables: Record<string, number>;
  let integrity: string;
  if (engine === "sqlite") {
    const target = sqlitePath(url);
    if (existsSync(target) && statSync(target).size > 0 && !options.force) {
      throw new BackupError(`${target} exists already; pass --force to replace it (stop the app first).`);
    }
    mkdirSync(dirname(target), { recursive: true });
    const incoming = `${target}.restoring`;
    copyFileSync(from, incoming);
    syncFile(incoming);
    // The old database's WAL must go with it: left beside the restored file, SQLite would replay it there.
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${target}${suffix}`, { force: true });
    renameSync(incoming, target);
    syncFile(dirname(target));
    const db = new Sqlite(target);
    try {
      db.exec("PRAGMA journal_mode = WAL");
      integrity = sqliteIntegrity(db);
      const foreignKeys = db.prepare("PRAGMA foreign_key_check").all();
      if (integrity === "ok" && foreignKeys.length > 0) {
        integrity = `${foreignKeys.length} rows break a foreign key`;
      }
      tables = sqliteCounts(db);
    } finally {
      db.close();
    }
  } else {
    const schema = options.schema ?? manifest.schema ?? "public";
    if (manifest.schema && schema !== manifest.schema) {
      throw new BackupError(`${from} holds schema ${manifest.schema}; it restores only under that name.`);
    }
    const client = new pg.Client(pgConnection(url, schema));
    await client.connect();
    try {
      const existing = await pgCounts(client, schema);
      if (Object.keys(existing).length > 0) {
        if (!options.force) {
          throw new BackupError(
            `Schema ${schema} holds ${Object.keys(existing).length} tables; pass --force to replace them (stop the app first).`,
          );
        }
        await client.query(`drop schema ${pgIdentifier(schema)} cascade`);
      }
      // The schema may exist already (public always does), so it is made here and left out of the restore.
      await client.query(`create schema if not exists ${pgIdentifier(schema)}`);
      for (const extension of manifest.extensions ?? []) {
        await client.query(`create schema if not exists ${pgIdentifier(extension.schema)}`);
        await client.query(
          `create extension if not exists ${pgIdentifier(extension.name)} with schema ${pgIdentifier(extension.schema)}`,
        );
      }
      const contents = await capture("pg_restore", ["--list", from]);
      const list = `${from}.list`;
      writeFileSync(
        list,
        contents
          .split("\n")
          .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?\S+ /.test(line))
          .join("\n"),
      );
      try {
        await run("pg_restore", [
          `--dbname=${withUser(url)}`,
          `--use-list=${list}`,
          "--no-owner",
          "--no-privileges",
          "--single-transaction",
          "--exit-on-error",
          from,
        ]);
      } finally {
        rmSync(list, { force: true });
      }
      tables = await pgCounts(client, schema);
      integrity = "ok";
    } finally {
      await client.end();
    }
  }
  const mismatched = Object.entries(manifest.tables)
    .filter(([table, n]) => tables[table] !== n)
    .map(([table, n]) => `${table}: ${tables[table] ?? "missing"} rows, the backup had ${n}`);
  if (integrity === "ok" && mismatched.length > 0) integrity = mismatched.join("; ");
  if (integrity !== "ok") throw new BackupError(`The restored database fails its check: ${integrity}`);
  return { engine, from, integrity, tables, ms: Date.now() - started };
}

function readManifest(from: string): BackupManifest {
  const file = manifestPath(from);
  if (!existsSync(file)) throw new BackupError(`${file} is missing; it is written beside every backup.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Partial<BackupManifest>;
  if (manifest.format !== "trellis-backup/1" || !manifest.tables || !manifest.sha256 || !manifest.engine) {
    throw new BackupError(`${file} is not a Trellis backup manifest.`);
  }
  return manifest as BackupManifest;
}

function sqliteIntegrity(db: Sqlite.Database): string {
  const rows = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join("; ");
}

function sqliteCounts(db: Sqlite.Database): Record<string, number> {
  const names = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of names) {
    const row = db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as {
      n: number;
    };
    counts[name] = Number(row.n);
  }
  return counts;
}

async function pgCounts(client: pg.Client, schema: string): Promise<Record<string, number>> {
  const names = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name",
    [schema],
  );
  const counts: Record<string, number> = {};
  for (const { name } of names.rows) {
    const row = await client.query<{ n: string }>(
      `select count(*) as n from ${pgIdentifier(schema)}.${pgIdentifier(name)}`,
    );
    counts[name] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}

const pgIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** pg_dump and pg_restore take the user from the URL or from the OS, as the app's pool does. */
function withUser(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER ?? userInfo().username;
  return parsed.toString();
}

async function run(command: string, args: string[]): Promise<void> {
  await capture(command, args);
}

function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (err) =>
      reject(new BackupError(`Could not run ${command} (${err.message}); install the PostgreSQL client.`)),
    );
    child.on("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

function syncFile(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
