/**
 * Restores a backup into a stopped app's database:
 * `npm run restore -- --from FILE [--database-url URL] [--schema NAME] [--force]`.
 * It refuses to replace a database that holds data without --force, and checks the result (integrity and row
 * counts against the backup's manifest). Prints one JSON object; on failure one line on stderr and exit code 1
 * (2 for usage).
 */
import { parseArgs } from "node:util";
import { restoreDatabase } from "../src/server/db/backup.ts";

const USAGE =
  "usage: npm run restore -- --from FILE [--database-url URL] [--schema NAME (PostgreSQL)] [--force]";

async function main() {
  let values: {
    from?: string | undefined;
    "database-url"?: string | undefined;
    schema?: string | undefined;
    force?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: "string" },
        "database-url": { type: "string" },
        schema: { type: "string" },
        force: { type: "boolean" },
      },
    }));
  } catch (err) {
    process.stderr.write(`restore: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (!values.from) {
    process.stderr.write(`restore: name the backup with --from\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const url = values["database-url"] ?? process.env.DATABASE_URL ?? "file:./data/trellis.db";
  const result = await restoreDatabase(url, values.from, {
    force: values.force ?? false,
    schema: values.schema,
  });
  process.stdout.write(
    `${JSON.stringify({
      ...result,
      rows: Object.values(result.tables).reduce((a, b) => a + b, 0),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`restore: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
