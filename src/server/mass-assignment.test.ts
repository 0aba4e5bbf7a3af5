import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgRole } from "./db/schema.ts";
import { accessRegistry, routeKey } from "./lib/access.ts";
import { client, makeOrganization, makePerson, signIn } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Fields through which a caller could try to plant ownership, tenancy or privilege. */
const PLANTED = {
  organizationId: "01900000-0000-7000-8000-00000000a001",
  organization_id: "01900000-0000-7000-8000-00000000a001",
  ownerId: "01900000-0000-7000-8000-00000000a002",
  createdBy: "01900000-0000-7000-8000-00000000a002",
  authorId: "01900000-0000-7000-8000-00000000a002",
  userId: "01900000-0000-7000-8000-00000000a002",
  orgRole: "org_admin",
  isAdmin: true,
  status: "active",
  id: "01900000-0000-7000-8000-00000000a003",
};

let ctx: TestContext;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const cookies: Partial<Record<OrgRole, string>> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await (await ctx.app.request("/api/openapi.json")).json()) as typeof doc;
  const org = await makeOrganization(ctx.db);
  for (const role of ["org_admin", "program_manager", "sponsor", "member"] as const) {
    const p = await makePerson(ctx.db, org, { role });
    cookies[role] = await signIn(ctx.app, p.email);
  }
});
afterAll(() => ctx.close());

const deref = (s: JsonSchema): JsonSchema =>
  s.$ref ? deref(doc.components.schemas[s.$ref.replace("#/components/schemas/", "")] ?? {}) : s;

/** The object variants a body may take (a union lists several). */
function objectVariants(schema: JsonSchema): JsonSchema[] {
  const s = deref(schema);
  const branches = s.anyOf ?? s.oneOf ?? s.allOf;
  if (branches) return branches.flatMap(objectVariants);
  return s.properties || s.type === "object" ? [s] : [];
}

function writableBodies() {
  const out: { method: string; path: string; variants: JsonSchema[] }[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      // Verifying takes any credential document as it was issued, and writes nothing.
      if (!schema || path === "/api/credentials/verify") continue;
      out.push({ method: method.toUpperCase(), path, variants: objectVariants(schema) });
    }
  }
  return out;
}

describe("mass assignment", () => {
  it("every writable resource's body is closed: undeclared fields are refused, not ignored", () => {
    const bodies = writableBodies();
    expect(bodies.length).toBeGreaterThan(60);
    const open = bodies
      .filter((b) => b.variants.length === 0 || b.variants.some((v) => v.additionalProperties !== false))
      .map((b) => `${b.method} ${b.path}`);
    expect(open).toEqual([]);
  });

  it("planting organization, owner, author or role fields answers 400 on every writable route", async () => {
    const results: string[] = [];
    let tried = 0;
    for (const { method, path, variants } of writableBodies()) {
      const rule = accessRegistry().get(routeKey(method, path));
      const role: OrgRole | null =
        rule?.who === "anyone"
          ? null
          : rule?.who === "signed_in" || !rule
            ? "member"
            : (rule.who[0] as OrgRole);
      const declared = new Set(variants.flatMap((v) => Object.keys(v.properties ?? {})));
      const planted = Object.fromEntries(Object.entries(PLANTED).filter(([k]) => !declared.has(k)));
      // A union picks its branch by a tag; name the first branch, so that the branch's own check runs.
      const tags = Object.entries(variants[0]?.properties ?? {}).flatMap(([k, v]) => {
        const d = deref(v);
        return d.const !== undefined ? [[k, d.const]] : d.enum?.length === 1 ? [[k, d.enum[0]]] : [];
      });
      const body = { ...Object.fromEntries(tags), ...planted };
      const concrete = path
        .replace("{phase}", "pre")
        .replace(/\{\w+\}/g, "01900000-0000-7000-8000-00000000b000");
      const res = await client(ctx.app, role ? cookies[role] : undefined).call(method, concrete, body);
      tried++;
      const unrecognized = (res.body?.error?.details ?? []).some(
        (d: { code?: string }) => d.code === "unrecognized_keys",
      );
      if (res.status !== 400 || !unrecognized) results.push(`${method} ${path}: ${res.status}`);
    }
    expect(results).toEqual([]);
    expect(tried).toBeGreaterThan(60);
  });

  it("a planted role or organization changes nothing on the caller's own profile", async () => {
    const org = await makeOrganization(ctx.db);
    const member = await makePerson(ctx.db, org);
    const asMember = client(ctx.app, await signIn(ctx.app, member.email));
    const res = await asMember.patch("/api/me/profile", {
      interests: ["Writing"],
      orgRole: "org_admin",
      organizationId: PLANTED.organizationId,
    });
    expect(res.status).toBe(400);
    const row = await ctx.db
      .selectFrom("person")
      .select(["org_role", "organization_id", "interests"])
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_role: "member", organization_id: org });
    expect(row.interests).not.toContain("Writing");
  });
});
