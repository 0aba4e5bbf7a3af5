import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { engineOf, sqlitePath } from "../db/kysely.ts";

/** A secret from the environment, or one generated on first start and kept in the data directory. */
export function persistedSecret(
  configured: string | undefined,
  dataDir: string,
  file: string,
  generate: () => string,
): string {
  if (configured) return configured;
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = generate();
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export const MASTER_KEY_FILE = ".master-key";

/** Where generated secrets live: beside the SQLite file, or `<root>/data` for PostgreSQL. */
export const dataDirFor = (databaseUrl: string, root: string) =>
  engineOf(databaseUrl) === "sqlite" ? dirname(sqlitePath(databaseUrl)) : join(root, "data");
