/**
 * An online backup of the app's database: `npm run backup [-- --out FILE] [-- --database-url URL] [-- --schema NAME]`.
 * The app may keep serving. Prints one JSON object; on failure one line on stderr and exit code 1 (2 for usage).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "../src/server/db/backup.ts";
import { engineOf } from "../src/server/db/kysely.ts";

const USAGE =
  "usage: npm run backup -- [--out FILE] [--database-url URL] [--schema NAME (PostgreSQL, default public)]";

async function main() {
  let values: { out?: string | undefined; "database-url"?: string | undefined; schema?: string | undefined };
  try {
    ({ values } = parseArgs({
      options: { out: { type: "string" }, "database-url": { type: "string" }, schema: { type: "string" } },
    }));
  } catch (err) {
    process.stderr.write(`backup: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const url = values["database-url"] ?? process.env.DATABASE_URL ?? "file:./data/trellis.db";
  const stamp = new Date()
    .toISOString()
    .replaceAll(":", "-")
    .replace(/\.\d+Z$/, "Z");
  const out =
    values.out ?? join("data", "backups", `trellis-${stamp}.${engineOf(url) === "sqlite" ? "db" : "dump"}`);
  const result = await backupDatabase(url, out, { schema: values.schema });
  process.stdout.write(
    `${JSON.stringify({
      file: result.file,
      manifest: result.manifestFile,
      engine: result.manifest.engine,
      bytes: result.manifest.bytes,
      ms: result.ms,
      rows: Object.values(result.manifest.tables).reduce((a, b) => a + b, 0),
      tables: result.manifest.tables,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`backup: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
