import { Kysely, PostgresDialect, sql } from "kysely";
import Sqlite from "libsql";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { createAuth } from "../auth/auth.ts";
import { pgConnection, sqlitePath } from "../db/kysely.ts";
import { BooleanAsIntegerPlugin } from "../db/plugins.ts";
import type { Database } from "../db/schema.ts";
import { createMailer } from "../mail/mailer.ts";
import { CAREER_ANSWERS } from "../testing/advisor.ts";
import { client, makeOrganization, makePerson, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { newToken } from "./crypto.ts";
import { markCommitted, purgeExpiredKeys } from "./idempotency.repository.ts";
import { LOCK_MS } from "./idempotency.ts";

type Client = ReturnType<typeof client>;
let ctx: TestContext;
let asMember: Client;
let asOther: Client;
let memberId: string;

const countResponses = async (personId: string) =>
  Number(
    (
      await ctx.db
        .selectFrom("advisor_response")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("person_id", "=", personId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const advise = (c: Client, key: string, answers: unknown = CAREER_ANSWERS) =>
  c.post("/api/advisor/responses", { answers }, { "Idempotency-Key": key });

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const member = await makePerson(ctx.db, org);
  const other = await makePerson(ctx.db, org);
  memberId = member.id;
  asMember = client(ctx.app, await signIn(ctx.app, member.email));
  asOther = client(ctx.app, await signIn(ctx.app, other.email));
});

afterAll(async () => {
  await ctx?.close();
});

describe("Idempotency-Key", () => {
  it("answers a retry with the first response, marked as replayed, and writes once", async () => {
    const before = await countResponses(memberId);
    const first = await advise(asMember, "retry-1");
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await advise(asMember, "retry-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await countResponses(memberId)).toBe(before + 1);
  });

  it("writes once when the same key arrives many times at once", async () => {
    const before = await countResponses(memberId);
    const results = await Promise.all(Array.from({ length: 8 }, () => advise(asMember, "burst-1")));
    const ok = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(ok.length + busy.length).toBe(8);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    for (const r of busy) {
      expect(r.body.error.code).toBe("idempotency.in_progress");
      expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
    }
    expect(await countResponses(memberId)).toBe(before + 1);
  });

  it("refuses the same key with a different body", async () => {
    expect((await advise(asMember, "reuse-1")).status).toBe(201);
    const res = await advise(asMember, "reuse-1", { ...CAREER_ANSWERS, horizon: "weeks" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("idempotency.key_reused");
  });

  it("keeps keys apart per person and per route", async () => {
    const mine = await advise(asMember, "shared-key");
    const theirs = await advise(asOther, "shared-key");
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it("does not keep a failed request's key, so a corrected retry runs", async () => {
    const bad = await asMember.post(
      "/api/advisor/responses",
      { answers: CAREER_ANSWERS, personId: "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10" },
      { "Idempotency-Key": "fails-then-fixed" },
    );
    expect(bad.status).toBe(404);
    const rows = await ctx.db
      .selectFrom("idempotency_key")
      .select("id")
      .where("key", "=", "fails-then-fixed")
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("rejects a malformed key", async () => {
    const res = await advise(asMember, "x".repeat(256));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("idempotency.invalid_key");
  });

  it("stores the answer encrypted", async () => {
    const res = await advise(asMember, "encrypted-1");
    const row = await ctx.db
      .selectFrom("idempotency_key")
      .selectAll()
      .where("key", "=", "encrypted-1")
      .executeTakeFirstOrThrow();
    expect(row.response_status).toBe(201);
    expect(row.committed_at).not.toBeNull();
    expect(row.response_body).not.toContain(res.body.id);
  });

  it("tells a retry after a crash between commit and answer that the write was made, without writing again", async () => {
    const first = await advise(asMember, "lost-answer");
    expect(first.status).toBe(201);
    // What a process killed after the commit but before storing the answer leaves behind.
    await ctx.db
      .updateTable("idempotency_key")
      .set({ response_status: null, response_body: null, response_type: null })
      .where("key", "=", "lost-answer")
      .execute();
    const before = await countResponses(memberId);
    const retry = await advise(asMember, "lost-answer");
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe("idempotency.response_lost");
    expect(await countResponses(memberId)).toBe(before);
  });

  it("lets a retry take over a key whose first request died before committing", async () => {
    const now = new Date().toISOString();
    // A reservation from a process that died before its write committed, whose lock has lapsed.
    const hash = await ctx.db
      .selectFrom("idempotency_key")
      .select("request_hash")
      .where("key", "=", "encrypted-1")
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto("idempotency_key")
      .values({
        id: "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b11",
        person_id: memberId,
        method: "POST",
        path: "/api/advisor/responses",
        key: "abandoned-2",
        request_hash: hash.request_hash,
        lock_token: "a-dead-process",
        locked_until: new Date(Date.now() - LOCK_MS).toISOString(),
        committed_at: null,
        response_status: null,
        response_type: null,
        response_body: null,
        created_at: now,
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      })
      .execute();
    const before = await countResponses(memberId);
    const retry = await advise(asMember, "abandoned-2");
    expect(retry.status).toBe(201);
    expect(await countResponses(memberId)).toBe(before + 1);
    const replay = await advise(asMember, "abandoned-2");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  it("refuses the commit of a first request whose key a retry took over", async () => {
    await advise(asMember, "fenced");
    const row = await ctx.db
      .selectFrom("idempotency_key")
      .select("id")
      .where("key", "=", "fenced")
      .executeTakeFirstOrThrow();
    const before = await countResponses(memberId);
    const attempt = ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("advisor_response").where("person_id", "=", memberId).execute();
      await markCommitted(trx, row.id, "not-the-holder", new Date().toISOString());
    });
    await expect(attempt).rejects.toMatchObject({ code: "idempotency.superseded" });
    expect(await countResponses(memberId)).toBe(before);
  });

  it("forgets keys once they expire", async () => {
    await advise(asMember, "expiring");
    await ctx.db
      .updateTable("idempotency_key")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("key", "=", "expiring")
      .execute();
    const again = await advise(asMember, "expiring");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    await ctx.db
      .updateTable("idempotency_key")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("key", "=", "expiring")
      .execute();
    expect(await purgeExpiredKeys(ctx.db, new Date().toISOString())).toBeGreaterThanOrEqual(1);
  });

  it("leaves requests without a key alone", async () => {
    const before = await countResponses(memberId);
    await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
    await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
    expect(await countResponses(memberId)).toBe(before + 2);
  });
});

describe("a busy database", () => {
  it("answers 503 with Retry-After, not 500, when another connection holds the write lock", async (t) => {
    if (ctx.engine !== "sqlite") t.skip();
    await sql`PRAGMA busy_timeout = 50`.execute(ctx.db);
    const other = new Sqlite(sqlitePath(ctx.config.databaseUrl));
    try {
      other.exec("BEGIN IMMEDIATE");
      const res = await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.body.error.code).toBe("service.busy");
      other.exec("ROLLBACK");
      const after = await asMember.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
      expect(after.status).toBe(201);
    } finally {
      other.close();
      await sql`PRAGMA busy_timeout = 5000`.execute(ctx.db);
    }
  });

  it("answers 503 with Retry-After when PostgreSQL gives up waiting for a lock", async (t) => {
    const url = process.env.TEST_DATABASE_URL;
    if (ctx.engine !== "postgres" || !url) return t.skip();
    const schema = (await sql<{ name: string }>`select current_schema() as name`.execute(ctx.db)).rows[0]
      ?.name;
    if (!schema) throw new Error("no schema");
    // The app's own pool, but giving up on a lock after 100 ms instead of waiting.
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          ...pgConnection(url),
          options: `-c search_path=${schema} -c lock_timeout=100`,
          max: 2,
        }),
      }),
      plugins: [new BooleanAsIntegerPlugin()],
    });
    const mailer = createMailer(ctx.smtp.url, ctx.config.mailFrom);
    const auth = createAuth(db, ctx.config, mailer, newToken() + newToken());
    const app = createApp({
      db,
      engine: "postgres",
      config: ctx.config,
      mailer,
      auth,
      masterKey: ctx.masterKey,
    });
    const member = await makePerson(ctx.db, await makeOrganization(ctx.db));
    const api = client(app, await signIn(app, member.email));
    const holder = new pg.Client(pgConnection(url, schema));
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table advisor_response in access exclusive mode");
      const res = await api.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.body.error.code).toBe("service.busy");
      await holder.query("rollback");
      expect((await api.post("/api/advisor/responses", { answers: CAREER_ANSWERS })).status).toBe(201);
    } finally {
      await holder.end();
      mailer.close();
      await db.destroy();
    }
  });
});
