import { sql } from "kysely";
import Sqlite from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../lib/ids.ts";
import { makeOrganization, makePerson } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import type { DataChanges } from "./data-changes.ts";
import { dataChangesOf, openDb, sqlitePath } from "./kysely.ts";

let ctx: TestContext;
let changes: DataChanges;
let organizationId: string;

beforeAll(async () => {
  ctx = await createTestContext({ backgroundJobs: false });
  changes = dataChangesOf(ctx.db) as DataChanges;
  await changes.ready();
  organizationId = await makeOrganization(ctx.db);
});
afterAll(() => ctx.close());

const programNames = () =>
  ctx.db.selectFrom("program").select("name").where("organization_id", "=", organizationId).execute();

describe("which tables a computation read, and whether they changed since", () => {
  it("names the tables of a query, joins and subqueries included", async () => {
    const { tables } = await changes.tracking(() =>
      ctx.db
        .selectFrom("person")
        .innerJoin("organization", "organization.id", "person.organization_id")
        .select((eb) => [
          "person.id",
          eb
            .selectFrom("enrolment")
            .select(eb.fn.countAll().as("n"))
            .whereRef("enrolment.person_id", "=", "person.id")
            .as("n"),
        ])
        .execute(),
    );
    expect([...(tables ?? [])].sort()).toEqual(["enrolment", "organization", "person"]);
  });

  it("a write to a table it read changes it; a write to another table does not", async () => {
    const since = changes.now();
    const { tables } = await changes.tracking(programNames);
    await makePerson(ctx.db, organizationId, { name: "Ada Other" });
    expect(changes.unchangedSince(since, tables)).toBe(true);
    await ctx.db
      .updateTable("organization")
      .set({ name: "Acme 2" })
      .where("id", "=", organizationId)
      .execute();
    expect(changes.unchangedSince(since, tables)).toBe(true);
    await ctx.db.deleteFrom("program").where("id", "=", newId()).execute();
    expect(changes.unchangedSince(since, tables)).toBe(false);
  });

  it("a write inside a transaction counts again when it commits, and when it rolls back", async () => {
    const { tables } = await changes.tracking(programNames);
    let during = 0;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("program").where("id", "=", newId()).execute();
      during = changes.now();
    });
    expect(changes.unchangedSince(during, tables)).toBe(false);

    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom("program").where("id", "=", newId()).execute();
        during = changes.now();
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(changes.unchangedSince(during, tables)).toBe(false);
  });

  it("writing a person changes the search index its trigger keeps", async () => {
    const since = changes.now();
    await makePerson(ctx.db, organizationId, { name: "Grace Searched" });
    expect(changes.unchangedSince(since, new Set(["person_search"]))).toBe(false);
  });

  it("raw SQL whose text names tables depends on every write, and a raw write changes everything", async () => {
    const { tables } = await changes.tracking(() =>
      sql`select count(*) as n from program where organization_id = ${organizationId}`.execute(ctx.db),
    );
    expect(tables).toBeNull();
    let since = changes.now();
    await makePerson(ctx.db, organizationId, { name: "Lin Raw" });
    expect(changes.unchangedSince(since, tables)).toBe(false);

    since = changes.now();
    await sql`update organization set name = name where id = ${organizationId}`.execute(ctx.db);
    expect(changes.unchangedSince(since, new Set(["program"]))).toBe(false);
  });

  it("raw SQL that names each table with sql.table() depends on those tables only", async () => {
    const named = await changes.tracking(() =>
      sql`select count(*) as n from ${sql.table("program")} g where exists (select 1 from ${sql.table(
        "enrolment",
      )} where enrolment.program_id = g.id)`.execute(ctx.db),
    );
    expect([...(named.tables ?? [])].sort()).toEqual(["enrolment", "program"]);
    const since = changes.now();
    await makePerson(ctx.db, organizationId, { name: "Noor Named" });
    expect(changes.unchangedSince(since, named.tables)).toBe(true);

    for (const hidden of [
      sql`select count(*) as n from ${sql.table("program")} join enrolment on enrolment.program_id = program.id`,
      sql`select count(*) as n from ${sql.raw("program")}`,
      sql`select count(*) as n from ${sql`program`}`,
    ]) {
      expect((await changes.tracking(() => hidden.execute(ctx.db))).tables).toBeNull();
    }
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    "SQLite: a commit by another connection (another process, a script) changes every table",
    async () => {
      const { tables } = await changes.tracking(programNames);
      const since = changes.now();
      expect(changes.unchangedSince(since, tables)).toBe(true);
      const other = new Sqlite(sqlitePath(ctx.config.databaseUrl));
      other.prepare("update organization set name = name || ' (renamed)' where id = ?").run(organizationId);
      other.close();
      await new Promise((r) => setTimeout(r, 5));
      expect(changes.unchangedSince(since, tables)).toBe(false);
    },
  );

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "PostgreSQL: another process's writes are heard, a transaction's once it commits",
    async () => {
      await changes.ready();
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db);
      const other = openDb(ctx.config.databaseUrl, { schema: rows[0]?.schema as string });
      try {
        const { tables } = await changes.tracking(programNames);
        let since = changes.now();
        await other.db.deleteFrom("program").where("id", "=", newId()).execute();
        await until(() => !changes.unchangedSince(since, tables));

        since = changes.now();
        await other.db.transaction().execute(async (trx) => {
          await trx.deleteFrom("program").where("id", "=", newId()).execute();
          await new Promise((r) => setTimeout(r, 200));
          expect(changes.unchangedSince(since, tables)).toBe(true);
        });
        await until(() => !changes.unchangedSince(since, tables));
      } finally {
        await other.close();
      }
    },
  );
});

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("Not heard within 5 s.");
    await new Promise((r) => setTimeout(r, 10));
  }
}
