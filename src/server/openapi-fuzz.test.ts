import { afterAll, beforeAll, expect, it } from "vitest";
import { fuzzRuns } from "./testing/fuzz.ts";
import { buildFuzzFixtures } from "./testing/fuzz-fixtures.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";
import { type FuzzFixtures, fuzzOpenApi, type OpenApiDocument } from "./testing/openapi-fuzz.ts";

/** In total, over every operation of the document; FUZZ_SCALE multiplies it like the other fuzz tests. */
const REQUESTS = fuzzRuns(3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20260);

let ctx: TestContext;
let fixtures: FuzzFixtures;
let doc: OpenApiDocument;

beforeAll(async () => {
  ctx = await createTestContext();
  fixtures = await buildFuzzFixtures(ctx);
  doc = (await (await ctx.app.request("/api/openapi.json")).json()) as OpenApiDocument;
});
afterAll(() => ctx.close());

it(`${REQUESTS} requests generated from the OpenAPI document: no 5xx, no stack trace, every answer as declared`, async () => {
  const report = await fuzzOpenApi(ctx.app, doc, fixtures, { requests: REQUESTS, seed: SEED });
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  expect(report.summary.routes).toBe(operations);
  expect(report.findings.slice(0, 20), JSON.stringify(report.summary)).toEqual([]);
  expect(report.summary.serverErrors + report.summary.stackTraces + report.summary.schemaViolations).toBe(0);
  // The happy path ran on most routes, not only validation.
  expect(report.summary.routesReaching2xx / report.summary.routes).toBeGreaterThan(0.6);
}, 240_000);
