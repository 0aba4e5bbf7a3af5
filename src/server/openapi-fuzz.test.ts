import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzRuns } from "./testing/fuzz.ts";
import { buildFuzzFixtures } from "./testing/fuzz-fixtures.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";
import {
  checkAnswer,
  type FuzzFixtures,
  fuzzOpenApi,
  type OpenApiDocument,
  ResponseValidator,
} from "./testing/openapi-fuzz.ts";

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

describe("the checker catches what it is there to catch", () => {
  const json = (status: number, body: unknown) => ({
    status,
    contentType: "application/json",
    text: JSON.stringify(body),
  });
  const check = (status: number, body: unknown) => {
    const operation = doc.paths["/api/organization"]?.get;
    if (!operation) throw new Error("GET /api/organization is not in the document");
    return checkAnswer(
      new ResponseValidator(doc),
      "GET /api/organization",
      operation,
      json(status, body),
    ).map((f) => f.kind);
  };
  const error = { error: { code: "not_found", message: "No.", details: null } };

  it("accepts a declared error", () => {
    expect(check(404, error)).toEqual([]);
  });
  it("flags a 5xx, a status the operation does not declare, and a body off its schema", () => {
    expect(check(500, error)).toEqual(["server_error", "schema_violation"]);
    expect(check(418, error)).toEqual(["schema_violation"]);
    expect(check(404, { message: "not found" })).toEqual(["schema_violation"]);
    expect(check(200, { id: 42 })).toEqual(["schema_violation"]);
  });
  it("flags a stack trace", () => {
    const stack = `TypeError: x is undefined\n    at handler (/work/main/src/server/app.ts:10:5)`;
    expect(check(400, { error: { code: "bad", message: stack, details: null } })).toEqual(["stack_trace"]);
    const dependency = "at /srv/node_modules/kysely/dist/esm/index.js:1:2";
    expect(check(409, { error: { code: "bad", message: "x", details: dependency } })).toEqual([
      "stack_trace",
    ]);
  });
});
