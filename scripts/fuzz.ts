/**
 * The OpenAPI fuzzer at full size: `npm run fuzz [-- --requests 100000] [-- --seed N] [-- --findings FILE]`.
 * Builds the fixtures in a fresh test database (a temporary SQLite file, or a schema on the PostgreSQL of
 * TEST_DATABASE_URL), sends the requests and prints the summary as JSON. Exit code 1 on any 5xx, stack
 * trace or schema violation (the first of them on stderr), 2 for a bad flag.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildFuzzFixtures } from "../src/server/testing/fuzz-fixtures.ts";
import { createTestContext } from "../src/server/testing/harness.ts";
import { fuzzOpenApi, type OpenApiDocument } from "../src/server/testing/openapi-fuzz.ts";

const USAGE = "usage: npm run fuzz -- [--requests N (default 100000)] [--seed N] [--findings FILE]";

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${text}"`);
  return n;
}

async function main() {
  let requests: number;
  let seed: number;
  let findingsFile: string | undefined;
  try {
    const { values } = parseArgs({
      options: {
        requests: { type: "string" },
        seed: { type: "string" },
        findings: { type: "string" },
      },
    });
    requests = positiveInteger("requests", values.requests, 100_000);
    seed = positiveInteger("seed", values.seed, Math.floor(Math.random() * 2 ** 31));
    findingsFile = values.findings;
  } catch (err) {
    process.stderr.write(`fuzz: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const ctx = await createTestContext();
  try {
    const fixtures = await buildFuzzFixtures(ctx);
    const doc = (await (await ctx.app.request("/api/openapi.json")).json()) as OpenApiDocument;
    const report = await fuzzOpenApi(ctx.app, doc, fixtures, {
      requests,
      seed,
      progressEvery: 10_000,
      onProgress: (sent) => process.stderr.write(`fuzz: ${sent} requests sent\n`),
    });
    if (findingsFile) {
      writeFileSync(
        findingsFile,
        `${JSON.stringify({ findings: report.findings, unreached: report.unreached }, null, 2)}\n`,
      );
    }
    for (const finding of report.findings.slice(0, 20)) process.stderr.write(`${JSON.stringify(finding)}\n`);
    const { serverErrors, stackTraces, schemaViolations } = report.summary;
    process.stdout.write(`${JSON.stringify({ ...report.summary, engine: ctx.engine })}\n`);
    if (serverErrors + stackTraces + schemaViolations > 0) process.exitCode = 1;
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
