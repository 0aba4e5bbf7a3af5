/**
 * Rotates the master key that wraps every relationship's and engagement's data key:
 * `npm run rotate-master-key [-- --new-key BASE64] [-- --database-url URL]`. Stop the app first.
 * With MASTER_KEY in the environment, pass the new key (openssl rand -base64 32) and set MASTER_KEY to it
 * afterwards; with the generated key file in the data directory, the file is replaced. Prints one JSON object.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDb } from "../src/server/db/kysely.ts";
import { newDataKey, parseMasterKey } from "../src/server/lib/crypto.ts";
import { rotateMasterKey } from "../src/server/lib/key-rotation.ts";
import { dataDirFor, MASTER_KEY_FILE } from "../src/server/lib/persisted-secret.ts";
import { ROOT } from "../src/server/web-build.ts";

const USAGE = "usage: npm run rotate-master-key -- [--new-key BASE64] [--database-url URL]";

function fail(message: string, code = 1): never {
  process.stderr.write(`rotate-master-key: ${message}\n`);
  process.exit(code);
}

async function main() {
  let values: { "new-key"?: string | undefined; "database-url"?: string | undefined };
  try {
    ({ values } = parseArgs({
      options: { "new-key": { type: "string" }, "database-url": { type: "string" } },
    }));
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  const url = values["database-url"] ?? process.env.DATABASE_URL ?? "file:./data/trellis.db";
  const fromEnv = process.env.MASTER_KEY;
  const keyFile = join(dataDirFor(url, ROOT), MASTER_KEY_FILE);
  if (fromEnv && !values["new-key"]) {
    fail(
      "MASTER_KEY is set in the environment: pass the new key with --new-key (openssl rand -base64 32).",
      2,
    );
  }
  if (!fromEnv && !existsSync(keyFile))
    fail(`No master key: MASTER_KEY is not set and ${keyFile} does not exist.`);
  let oldKey: Buffer;
  let newKey: Buffer;
  try {
    oldKey = parseMasterKey(fromEnv ?? readFileSync(keyFile, "utf8").trim());
    newKey = values["new-key"] ? parseMasterKey(values["new-key"]) : newDataKey();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), 2);
  }

  // The new key is on disk before the data is under it, so that no moment leaves data no key file opens.
  const pending = `${keyFile}.next`;
  if (!fromEnv) writeFileSync(pending, newKey.toString("base64"), { mode: 0o600 });
  const handle = openDb(url);
  const started = Date.now();
  try {
    const report = await rotateMasterKey(handle.db, oldKey, newKey);
    if (!fromEnv) renameSync(pending, keyFile);
    process.stdout.write(
      `${JSON.stringify({ ...report, ms: Date.now() - started, keyFile: fromEnv ? null : keyFile })}\n`,
    );
    if (fromEnv) process.stderr.write("Done. Set MASTER_KEY to the new key before starting the app.\n");
  } catch (err) {
    if (!fromEnv) rmSync(pending, { force: true });
    fail(`nothing was changed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await handle.close();
  }
}

void main();
