import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApiTypes } from "../../scripts/generate-api-types.ts";
import { openApiDocument } from "./openapi-document.ts";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { description?: string; summary?: string }>>;
};

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and states who may call every operation", async () => {
    const doc = (await openApiDocument()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { key, op } of operations) {
      expect(op.summary, key).toBeTruthy();
      expect(op.description, key).toMatch(/Access: /);
    }
  });

  it("matches the web client's generated types (run `npm run gen:api` after changing a route)", async () => {
    const committed = readFileSync(new URL("../web/api/schema.d.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generateApiTypes());
  });
});
