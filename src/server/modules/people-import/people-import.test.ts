import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  client,
  makeOrganization,
  makePerson,
  makeWebhookEndpoint,
  signIn,
} from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { IMPORT_BATCH_SIZE, importTestHooks } from "./people-import.service.ts";

let ctx: TestContext;
let org: string;
let admin: { id: string; email: string };
let asAdmin: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;
let asOtherAdmin: ReturnType<typeof client>;
let boss: { id: string; email: string };

const CSV = { "content-type": "text/csv" };
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  ctx = await createTestContext({ backgroundJobs: false });
  org = await makeOrganization(ctx.db);
  admin = await makePerson(ctx.db, org, { role: "org_admin", email: "importer@acme.test" });
  boss = await makePerson(ctx.db, org, { name: "Existing Boss", email: "boss@acme.test", seniority: 6 });
  const member = await makePerson(ctx.db, org);
  const other = await makeOrganization(ctx.db, "Other");
  const otherAdmin = await makePerson(ctx.db, other, { role: "org_admin" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
  asOtherAdmin = client(ctx.app, await signIn(ctx.app, otherAdmin.email));
});
afterAll(() => ctx.close());

const upload = (text: string, as = asAdmin) => as.post("/api/people/imports?fileName=people.csv", text, CSV);

async function importToEnd(text: string) {
  const preview = await upload(text);
  expect(preview.status, JSON.stringify(preview.body)).toBe(201);
  const commit = await asAdmin.post(`/api/people/imports/${preview.body.id}/commit`);
  expect(commit.status, JSON.stringify(commit.body)).toBe(202);
  await ctx.jobs.drain();
  const done = await asAdmin.get(`/api/people/imports/${preview.body.id}`);
  return { preview: preview.body, done: done.body };
}

const personByEmail = (email: string) =>
  ctx.db
    .selectFrom("person")
    .selectAll()
    .where("organization_id", "=", org)
    .where("email", "=", email)
    .executeTakeFirst();

describe("preview", () => {
  it("checks every row and answers the errors with row, column and message, writing nobody", async () => {
    const before = await ctx.db
      .selectFrom("person")
      .select("id")
      .where("organization_id", "=", org)
      .execute();
    const file = [
      "Email,Name,Title,Department,Level,Manager,Time Zone,Languages,Role",
      "Ann@Acme.test,Ann Able,Engineer,Engineering,3,lead@acme.test,Europe/Berlin,English;German,member", // 2: manager later in the file
      "not-an-email,Bad Email,,,,,,,", // 3
      "carl@acme.test,Carl,,,,nobody@acme.test,,,", // 4: unknown manager
      "ann@acme.test,Ann Again,,,,,,,", // 5: duplicate of row 2
      "dee@acme.test,Dee,,,,eve@acme.test,,,", // 6: cycle with 7
      "eve@acme.test,Eve,,,,dee@acme.test,,,", // 7
      "fay@acme.test,Fay,,,,,Mars/Olympus,,", // 8: bad time zone
      "lead@acme.test,Lee Lead,Lead,Engineering,5,boss@acme.test,,English,sponsor", // 9
      "boss@acme.test,Existing Boss,,,,,,,", // 10: an update (clears nothing it had... title stays null)
      "gus@acme.test,Gus,,,11,,,,wizard", // 11: seniority and role
    ].join("\n");
    const res = await upload(file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const errs = res.body.errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errs.filter((e) => e.row === row).map((e) => e.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(["email"]);
    expect(at(4)).toEqual(["manager_email"]);
    expect(errs.find((e) => e.row === 4)?.message).toMatch(/matches nobody/);
    expect(at(5)).toEqual(["email"]);
    expect(errs.find((e) => e.row === 5)?.message).toMatch(/row 2/);
    expect(at(6)).toEqual(["manager_email"]);
    expect(at(7)).toEqual(["manager_email"]);
    expect(errs.find((e) => e.row === 6)?.message).toMatch(/loop/);
    expect(at(8)).toEqual(["time_zone"]);
    expect(at(9)).toEqual([]);
    expect(at(10)).toEqual([]);
    expect(at(11).sort()).toEqual(["role", "seniority"]);
    expect(res.body).toMatchObject({
      status: "preview",
      fileName: "people.csv",
      totalRows: 10,
      canCommit: true,
      summary: { toCreate: 2, toUpdate: 1, unchanged: 0, withErrors: 7 },
      progress: { done: 0, total: 0 },
    });
    expect(res.body.columns).toEqual([
      "email",
      "name",
      "title",
      "department",
      "seniority",
      "manager_email",
      "time_zone",
      "languages",
      "role",
    ]);
    const after = await ctx.db.selectFrom("person").select("id").where("organization_id", "=", org).execute();
    expect(after.length).toBe(before.length);
    expect((await asAdmin.get(`/api/people/imports/${res.body.id}`)).body).toEqual(res.body);
  });

  it("refuses a file without a required column, and committing it", async () => {
    const res = await upload("email,title\nx@acme.test,Boss\n");
    expect(res.status).toBe(201);
    expect(res.body.canCommit).toBe(false);
    expect(res.body.errors).toEqual([{ row: 1, column: "name", message: "The file has no name column." }]);
    const commit = await asAdmin.post(`/api/people/imports/${res.body.id}/commit`);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe("people_import.invalid_file");
  });

  it("takes only text/csv, up to 20 MB, from org admins of the organization", async () => {
    const json = await asAdmin.post("/api/people/imports", { email: "x@acme.test" });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe("request.unsupported_media_type");
    const big = `email,name\n${"a".repeat(21 * 1024 * 1024)}`;
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/20 MB/);
    // A file over 1 MB passes the JSON limit's place.
    const rows = Array.from({ length: 30_000 }, (_, i) => `bulk${i}@acme.test,Bulk Person ${i}`).join("\n");
    const large = await upload(`email,name\n${rows}`);
    expect(large.status).toBe(201);
    expect(large.body.summary.toCreate).toBe(30_000);
    expect((await upload("email,name\nx@acme.test,X", asMember)).status).toBe(403);
    expect((await asMember.get(`/api/people/imports/${large.body.id}`)).status).toBe(403);
    expect((await asMember.post(`/api/people/imports/${large.body.id}/commit`)).status).toBe(403);
    expect((await asOtherAdmin.get(`/api/people/imports/${large.body.id}`)).status).toBe(404);
    expect((await asOtherAdmin.post(`/api/people/imports/${large.body.id}/commit`)).status).toBe(404);
    const cross = await ctx.app.request("/api/people/imports", {
      method: "POST",
      headers: { "content-type": "text/csv", origin: "https://evil.example" },
      body: "email,name\nx@acme.test,X",
    });
    expect(cross.status).toBe(403);
    const anonymous = await client(ctx.app).post("/api/people/imports", "email,name\nx@acme.test,X", CSV);
    expect(anonymous.status).toBe(401);
  });

  it("offers a template that previews cleanly", async () => {
    const template = await ctx.app.request("/api/people/imports/template.csv", {
      headers: { cookie: "" },
    });
    expect(template.status).toBe(401);
    const res = await asAdmin.get("/api/people/imports/template.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.csv"/);
    const preview = await upload(res.body as string);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.summary.toCreate).toBe(2);
  });
});

describe("commit", () => {
  it("creates and updates people in a background job, links managers in a second pass, and skips rows with errors", async () => {
    const file = [
      "email,name,title,department,seniority,manager_email,location,time_zone,languages,role",
      "kim@acme.test,Kim Report,Engineer,Engineering,2,lou@acme.test,Berlin,Europe/Berlin,English;German,member",
      "lou@acme.test,Lou Lead,Lead,Engineering,5,boss@acme.test,,,English,program_manager",
      "boss@acme.test,Existing Boss,Director,,7,,,,,",
      "bad-row@acme.test,Bad Row,,,,,,Nowhere/Else,,",
    ].join("\r\n");
    await makeWebhookEndpoint(ctx.db, org, ["person.created"]);
    const { preview, done } = await importToEnd(file);
    expect(preview.summary).toEqual({ toCreate: 2, toUpdate: 1, unchanged: 0, withErrors: 1 });
    const events = await ctx.db
      .selectFrom("webhook_event")
      .select(["type", "data"])
      .where("organization_id", "=", org)
      .execute();
    expect(events.map((e) => [e.type, JSON.parse(e.data).source]).sort()).toEqual([
      ["person.created", "import"],
      ["person.created", "import"],
    ]);
    expect(done).toMatchObject({
      status: "completed",
      summary: { toCreate: 2, toUpdate: 1, unchanged: 0, withErrors: 1 },
      progress: { done: 6, total: 6 },
      errorCount: 1,
    });
    expect(done.finishedAt).toBeTypeOf("string");
    const kim = await personByEmail("kim@acme.test");
    const lou = await personByEmail("lou@acme.test");
    const updatedBoss = await personByEmail("boss@acme.test");
    expect(kim).toMatchObject({
      name: "Kim Report",
      status: "invited",
      seniority: 2,
      time_zone: "Europe/Berlin",
      languages: JSON.stringify(["English", "German"]),
      manager_id: lou?.id,
      location: "Berlin",
    });
    expect(lou).toMatchObject({ org_role: "program_manager", manager_id: boss.id, time_zone: "UTC" });
    expect(updatedBoss).toMatchObject({ id: boss.id, title: "Director", seniority: 7, status: "active" });
    expect(await personByEmail("bad-row@acme.test")).toBeUndefined();
    const stored = await ctx.db
      .selectFrom("people_import_data")
      .select("rows")
      .where("import_id", "=", preview.id)
      .executeTakeFirstOrThrow();
    expect(stored.rows).toBeNull();

    // The same file again changes nothing.
    const stamp = (await personByEmail("kim@acme.test"))?.updated_at;
    const again = await importToEnd(file);
    expect(again.preview.summary).toEqual({ toCreate: 0, toUpdate: 0, unchanged: 3, withErrors: 1 });
    expect(again.done.status).toBe("completed");
    expect((await personByEmail("kim@acme.test"))?.updated_at).toBe(stamp);
    expect((await personByEmail("boss@acme.test"))?.updated_at).toBe(updatedBoss?.updated_at);

    const twice = await asAdmin.post(`/api/people/imports/${preview.id}/commit`);
    expect(twice.status).toBe(409);
    // Updates and unchanged rows announce nobody.
    const after = await ctx.db
      .selectFrom("webhook_event")
      .select("id")
      .where("organization_id", "=", org)
      .execute();
    expect(after).toHaveLength(2);
    await ctx.db.deleteFrom("webhook_endpoint").where("organization_id", "=", org).execute();
  });

  it("does not let the importer change their own role", async () => {
    const res = await upload(`email,name,role\n${admin.email},Me,member\n`);
    expect(res.body.errors).toEqual([
      { row: 2, column: "role", message: "You cannot change your own role." },
    ]);
  });

  it("resumes after the last committed batch when the job fails midway, without duplicates", async () => {
    const n = IMPORT_BATCH_SIZE * 2 + 500;
    const lines = ["email,name,manager_email"];
    for (let i = 0; i < n; i++) {
      lines.push(
        `resume${i}@acme.test,Resume ${i},${i === 0 ? "" : `resume${Math.floor((i - 1) / 5)}@acme.test`}`,
      );
    }
    const preview = await upload(lines.join("\n"));
    expect(preview.body.summary.toCreate).toBe(n);
    let thrown = 0;
    importTestHooks.afterBatch = (id, done) => {
      if (id === preview.body.id && done === IMPORT_BATCH_SIZE && thrown === 0) {
        thrown++;
        throw new Error("simulated crash after the first batch");
      }
    };
    try {
      expect((await asAdmin.post(`/api/people/imports/${preview.body.id}/commit`)).status).toBe(202);
      await ctx.jobs.drain();
      const midway = await asAdmin.get(`/api/people/imports/${preview.body.id}`);
      expect(midway.body.status).toBe("running");
      expect(midway.body.progress).toEqual({ done: IMPORT_BATCH_SIZE, total: n * 2 });
      const job = await ctx.db
        .selectFrom("job")
        .select(["status", "attempts", "last_error"])
        .where("kind", "=", "people.import")
        .where("payload", "like", `%${preview.body.id}%`)
        .executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: "queued", attempts: 1 });
      expect(job.last_error).toMatch(/simulated crash/);

      await ctx.jobs.drain({ now: later(1) });
      const done = await asAdmin.get(`/api/people/imports/${preview.body.id}`);
      expect(done.body).toMatchObject({ status: "completed", progress: { done: n * 2, total: n * 2 } });
    } finally {
      importTestHooks.afterBatch = undefined;
    }
    const rows = await ctx.db
      .selectFrom("person as p")
      .leftJoin("person as m", "m.id", "p.manager_id")
      .select(["p.email", "m.email as manager"])
      .where("p.organization_id", "=", org)
      .where("p.email", "like", "resume%")
      .execute();
    expect(rows.length).toBe(n);
    const managerOf = new Map(rows.map((r) => [r.email, r.manager]));
    expect(managerOf.get("resume0@acme.test")).toBeNull();
    expect(managerOf.get(`resume${n - 1}@acme.test`)).toBe(`resume${Math.floor((n - 2) / 5)}@acme.test`);
  });
});
