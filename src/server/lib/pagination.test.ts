import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { keyset, type PageRequest, pageOf, pageWithTotal, type SortKey } from "./pagination.ts";

let ctx: TestContext;
let org: string;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  for (const name of ["Bea", "Ann", "Cy", "Ann", "Dee", "Ann", "Bea"])
    await makePerson(ctx.db, org, { name });
});
afterAll(() => ctx.close());

async function walk(keys: SortKey[], limit: number) {
  const seen: { id: string; name: string }[] = [];
  let page: PageRequest = { limit };
  for (;;) {
    const rows = await keyset(
      ctx.db.selectFrom("person").select(["id", "name"]).where("organization_id", "=", org),
      keys,
      page,
    ).execute();
    const result = pageOf(rows, page, (r) => [r.name, r.id]);
    expect(result.rows.length).toBeLessThanOrEqual(limit);
    seen.push(...result.rows);
    if (!result.nextCursor) return seen;
    page = { limit, cursor: result.nextCursor };
  }
}

describe("keyset pages", () => {
  const byNameThenId = (a: { id: string; name: string }, b: { id: string; name: string }) =>
    a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);

  it("visit every row once, in order, across ties in the leading key", async () => {
    const all = await ctx.db
      .selectFrom("person")
      .select(["id", "name"])
      .where("organization_id", "=", org)
      .execute();
    const expected = [...all].sort(byNameThenId);
    for (const limit of [1, 2, 3, 7, 50]) {
      expect(
        await walk(
          [
            { column: "name", direction: "asc" },
            { column: "id", direction: "asc" },
          ],
          limit,
        ),
      ).toEqual(expected);
    }
    expect(
      await walk(
        [
          { column: "name", direction: "desc" },
          { column: "id", direction: "desc" },
        ],
        2,
      ),
    ).toEqual([...expected].reverse());
  });

  it("mix directions: names descending, ties by id ascending", async () => {
    const all = await ctx.db
      .selectFrom("person")
      .select(["id", "name"])
      .where("organization_id", "=", org)
      .execute();
    const expected = [...all].sort((a, b) => b.name.localeCompare(a.name) || (a.id < b.id ? -1 : 1));
    expect(
      await walk(
        [
          { column: "name", direction: "desc" },
          { column: "id", direction: "asc" },
        ],
        2,
      ),
    ).toEqual(expected);
  });
});

describe("pages with a total", () => {
  it("give every page the number of matching rows, and no extra column on the rows", async () => {
    const keys: SortKey[] = [
      { column: "name", direction: "asc" },
      { column: "id", direction: "asc" },
    ];
    const annsAndBeas = () =>
      ctx.db
        .selectFrom("person")
        .select(["id", "name"])
        .where("organization_id", "=", org)
        .where("name", "in", ["Ann", "Bea"]);
    let page: PageRequest = { limit: 2 };
    const names: string[] = [];
    for (;;) {
      const result = await pageWithTotal(ctx.db, annsAndBeas(), keys, page, (r) => [r.name, r.id]);
      expect(result.total).toBe(5);
      for (const row of result.rows) expect(Object.keys(row).sort()).toEqual(["id", "name"]);
      names.push(...result.rows.map((r) => r.name));
      if (!result.nextCursor) break;
      page = { limit: 2, cursor: result.nextCursor };
    }
    expect(names).toEqual(["Ann", "Ann", "Ann", "Bea", "Bea"]);
    const none = await pageWithTotal(
      ctx.db,
      annsAndBeas().where("name", "=", "Zed"),
      keys,
      { limit: 2 },
      (r) => [r.name, r.id],
    );
    expect(none).toEqual({ rows: [], nextCursor: null, total: 0 });
  });
});
