import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../../src/server/lib/crypto.ts";
import { persistedSecret } from "../../src/server/lib/persisted-secret.ts";
import { resetDatabase, targetOf } from "./database.ts";
import { BENCH_PASSWORD, generate } from "./generate.ts";
import { Progress } from "./progress.ts";
import { derivedSecret } from "./random.ts";

const USAGE = `npm run --silent bench:seed -- [--people 50000] [--seed 42] [--database-url file:./data/bench/trellis.db]
    [--reset] [--now 2026-01-15T00:00:00Z] [--public-url http://localhost:3000] [--signed 5000|all]
    [--sign-workers N] [--writer raw|kysely]`;

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "50000" },
    seed: { type: "string", default: "42" },
    "database-url": { type: "string" },
    reset: { type: "boolean", default: false },
    now: { type: "string" },
    "public-url": { type: "string" },
    // A real Open Badges signature costs ~3–4 ms of CPU (JSON-LD canonicalization), so all 20,000 take
    // ~80 CPU-seconds: more than two cores have in the 60-second budget next to writing the database.
    signed: { type: "string", default: "5000" },
    "sign-workers": { type: "string" },
    writer: { type: "string", default: "raw" },
    help: { type: "boolean", default: false },
  },
});

function integer(name: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}.`);
  return n;
}

async function main() {
  if (values.help) {
    console.error(USAGE);
    return;
  }
  const people = integer("people", values.people, 200);
  const seed = integer("seed", values.seed, 0);
  const url = values["database-url"] ?? process.env.DATABASE_URL ?? "file:./data/bench/trellis.db";
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const now = values.now ? new Date(values.now) : today;
  if (Number.isNaN(now.getTime())) throw new Error("--now must be an ISO date or timestamp.");
  const publicUrl = (values["public-url"] ?? process.env.PUBLIC_URL ?? "http://localhost:3000").replace(
    /\/$/,
    "",
  );
  const signed = values.signed === "all" ? "all" : integer("signed", values.signed, 0);
  const signWorkers = values["sign-workers"]
    ? integer("sign-workers", values["sign-workers"], 0)
    : availableParallelism();
  if (values.writer !== "raw" && values.writer !== "kysely") throw new Error("--writer is raw or kysely.");

  const target = targetOf(url);
  await resetDatabase(target, values.reset);
  const masterKey = Buffer.from(
    persistedSecret(process.env.MASTER_KEY, target.dataDir, ".master-key", () =>
      derivedSecret(String(seed), "master-key").toString("base64"),
    ),
    "base64",
  );
  if (masterKey.length !== 32) throw new Error("MASTER_KEY must be 32 bytes, base64-encoded.");
  persistedSecret(process.env.AUTH_SECRET, target.dataDir, ".auth-secret", () =>
    derivedSecret(String(seed), "auth-secret").toString("base64url"),
  );

  const { summary, manifest } = await generate({
    databaseUrl: url,
    people,
    seed,
    now,
    publicUrl,
    masterKey,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    signed,
    signWorkers,
    rawSqlite: values.writer === "raw",
    progress: new Progress(process.stderr),
  });
  mkdirSync(dirname(target.manifestPath), { recursive: true });
  writeFileSync(target.manifestPath, `${JSON.stringify({ databaseUrl: url, ...manifest }, null, 2)}\n`);
  process.stderr.write(`Manifest: ${target.manifestPath}\n`);
  if (summary.signedCertificates < summary.certificates) {
    process.stderr.write(
      `${summary.certificates - summary.signedCertificates} certificates were stored unsigned (--signed ${signed}); their verification reports an invalid signature.\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
