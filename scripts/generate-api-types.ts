import { writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "../src/server/openapi-document.ts";

export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS((await openApiDocument()) as Parameters<typeof openapiTS>[0]);
  return `// Generated from /api/openapi.json by \`npm run gen:api\`. Do not edit.\n${astToString(ast)}`;
}

if (process.argv[1]?.endsWith("generate-api-types.ts")) {
  writeFileSync(new URL("../src/web/api/schema.d.ts", import.meta.url), await generateApiTypes());
  console.log("Wrote src/web/api/schema.d.ts");
}
