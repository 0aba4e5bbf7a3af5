import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, signIn } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";

let ctx: TestContext;
let asAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const admin = await makePerson(ctx.db, org, { role: "org_admin" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
});
afterAll(() => ctx.close());

const expectError = (
  res: { status: number; body: { error?: { code?: string } } },
  status: number,
  code: string,
) => {
  expect(res.status).toBe(status);
  expect(res.body.error?.code).toBe(code);
  expect(res.body.error).toHaveProperty("message");
  expect(res.body.error).toHaveProperty("details");
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
};

describe("errors", () => {
  it("answers 404 with the error shape for an unknown API route", async () => {
    expectError(await asAdmin.get("/api/nothing-here"), 404, "not_found");
    expectError(await client(ctx.app).get("/api/nothing-here"), 404, "not_found");
  });

  it("answers 400 with field details for a zod failure", async () => {
    const res = await asAdmin.post("/api/programs", { kind: "juggling" });
    expectError(res, 400, "validation.failed");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "kind" }),
        expect.objectContaining({ path: "name" }),
      ]),
    );
  });

  it("answers 415 for a body that is not JSON", async () => {
    expectError(
      await asAdmin.post("/api/programs", "name=x", { "content-type": "application/x-www-form-urlencoded" }),
      415,
      "request.unsupported_media_type",
    );
    expectError(
      await asAdmin.post("/api/programs", "<xml/>", { "content-type": "text/xml" }),
      415,
      "request.unsupported_media_type",
    );
  });

  it("answers 400 for malformed JSON and for NUL characters", async () => {
    expectError(await asAdmin.post("/api/programs", "{nope"), 400, "request.malformed");
    expectError(
      await asAdmin.patch("/api/organization", { name: "a\u0000b" }),
      400,
      "request.invalid_characters",
    );
    expectError(await asAdmin.get("/api/people?q=%00"), 400, "request.invalid_characters");
  });

  it("answers 400 for a malformed id and 404 for an unknown one", async () => {
    expectError(await asAdmin.get("/api/people/not-a-uuid"), 400, "validation.failed");
    expectError(await asAdmin.get("/api/people/01939d3e-0000-7000-8000-000000000000"), 404, "not_found");
  });

  it("survives malformed percent-encoding", async () => {
    const res = await asAdmin.get("/api/people?q=%E0%A4%A");
    expect(res.status).toBeLessThan(500);
  });

  it("answers 413 for a body over 1 MB", async () => {
    const res = await asAdmin.patch("/api/me/profile", { careerGoals: "x".repeat(1_100_000) });
    expectError(res, 413, "request.too_large");
  });

  it("refuses state-changing calls from another site's pages", async () => {
    const res = await asAdmin.call("PATCH", "/api/organization", JSON.stringify({ name: "Hijacked" }), {
      "content-type": "application/json",
      origin: "https://evil.example",
    });
    expectError(res, 403, "auth.untrusted_origin");
    expect((await asAdmin.get("/api/organization")).body.name).not.toBe("Hijacked");
  });

  it("answers 401 before validating when signed out", async () => {
    expectError(await client(ctx.app).post("/api/programs", { nonsense: true }), 401, "auth.unauthenticated");
  });
});
