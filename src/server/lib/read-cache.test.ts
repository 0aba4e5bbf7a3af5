import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataChangesOf } from "../db/kysely.ts";
import { client, makeOrganization, makePerson, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { ReadCache, servedFromMemoryFirst } from "./read-cache.ts";

let ctx: TestContext;
let queries = 0;
let admin: ReturnType<typeof client>;
let ada: ReturnType<typeof client>;
let grace: ReturnType<typeof client>;
let adaCookie: string;
let adaId: string;

beforeAll(async () => {
  ctx = await createTestContext({ backgroundJobs: false, onQuery: () => queries++ });
  await dataChangesOf(ctx.db)?.ready();
  const org = { id: await makeOrganization(ctx.db) };
  const boss = await makePerson(ctx.db, org.id, { role: "org_admin" });
  const a = await makePerson(ctx.db, org.id, { name: "Ada Lovelace" });
  const g = await makePerson(ctx.db, org.id, { name: "Grace Hopper" });
  adaId = a.id;
  adaCookie = await signIn(ctx.app, a.email);
  admin = client(ctx.app, await signIn(ctx.app, boss.email));
  ada = client(ctx.app, adaCookie);
  grace = client(ctx.app, await signIn(ctx.app, g.email));
});
afterAll(() => ctx.close());

async function counted<T>(fn: () => Promise<T>) {
  const before = queries;
  const value = await fn();
  return { value, queries: queries - before };
}

describe("cached reads", () => {
  it("answer a repeated read without the database, the same as the first time", async () => {
    const first = await counted(() => ada.get("/api/me"));
    expect(first.value.status).toBe(200);
    expect(first.queries).toBeGreaterThan(0);
    const headersOf = (res: { headers: Headers }) => [...res.headers].filter(([name]) => name !== "date");
    // The second answer comes from the route's cache; the third from the front of the chain, with the
    // headers the middleware gave the second.
    for (const _ of [2, 3]) {
      const again = await counted(() => ada.get("/api/me"));
      expect(again.queries).toBe(0);
      expect(again.value.body).toEqual(first.value.body);
      expect(headersOf(again.value)).toEqual(headersOf(first.value));
      expect(again.value.headers.get("content-type")).toMatch(/application\/json/);
      expect(again.value.headers.get("cache-control")).toBe("no-store");
      expect(again.value.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
  });

  it("go back only to the caller they were computed for", async () => {
    expect((await ada.get("/api/me")).body.person.name).toBe("Ada Lovelace");
    expect((await grace.get("/api/me")).body.person.name).toBe("Grace Hopper");
    expect((await ada.get("/api/me")).body.person.name).toBe("Ada Lovelace");
  });

  it("show a change at once, whoever made it", async () => {
    await ada.get("/api/me");
    expect((await ada.patch("/api/me/profile", { title: "Analyst" })).status).toBe(200);
    expect((await ada.get("/api/me")).body.person.title).toBe("Analyst");
    await ctx.db.updateTable("person").set({ title: "Engineer" }).where("id", "=", adaId).execute();
    expect((await ada.get("/api/me")).body.person.title).toBe("Engineer");
  });

  it("keep no error answer", async () => {
    const missing = "/api/programs/0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10/mentoring/overview";
    expect((await admin.get(missing)).status).toBe(404);
    const again = await counted(() => admin.get(missing));
    expect(again.value.status).toBe(404);
    expect(again.queries).toBeGreaterThan(0);
  });
});

describe("the signed-in caller", () => {
  it("is known without the database on a repeated request", async () => {
    await ada.get("/api/health");
    const again = await counted(() => ada.get("/api/me"));
    expect(again.queries).toBe(0);
  });

  it("is signed out on the next request after a deactivation, and back after reactivation", async () => {
    expect((await ada.get("/api/me")).status).toBe(200);
    expect((await admin.put(`/api/people/${adaId}/status`, { status: "deactivated" })).status).toBe(200);
    expect((await ada.get("/api/me")).status).toBe(401);
    expect((await admin.put(`/api/people/${adaId}/status`, { status: "active" })).status).toBe(200);
    adaCookie = await signIn(
      ctx.app,
      (await ctx.db.selectFrom("person").select("email").where("id", "=", adaId).executeTakeFirstOrThrow())
        .email,
    );
    ada = client(ctx.app, adaCookie);
    expect((await ada.get("/api/me")).status).toBe(200);
  });

  it("is signed out on the next request after signing out", async () => {
    expect((await ada.get("/api/me")).status).toBe(200);
    expect((await ada.post("/api/auth/sign-out", {})).status).toBe(200);
    expect((await ada.get("/api/me")).status).toBe(401);
  });
});

describe("ReadCache", () => {
  it("drops an entry when its time is up or a table it read is written, and keeps within its bounds", async () => {
    const changes = dataChangesOf(ctx.db);
    if (!changes) throw new Error("no change tracking");
    const cache = new ReadCache<number>(changes, { maxEntries: 2, maxBytes: 1000 });
    const read = () =>
      ctx.db
        .selectFrom("program")
        .select("id")
        .execute()
        .then((rows) => rows.length);
    await cache.compute("a", read, () => ({ ttlMs: 60_000, bytes: 10 }));
    expect(cache.get("a")).toBe(0);
    expect(cache.get("a", Date.now() + 61_000)).toBeUndefined();

    await cache.compute("a", read, () => ({ ttlMs: 60_000, bytes: 10 }));
    await ctx.db.deleteFrom("program").where("id", "=", "none").execute();
    expect(cache.get("a")).toBeUndefined();

    for (const key of ["a", "b", "c"]) await cache.compute(key, read, () => ({ ttlMs: 60_000, bytes: 10 }));
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    await cache.compute("big", read, () => ({ ttlMs: 60_000, bytes: 995 }));
    expect(cache.size).toBe(1);
  });

  it("computes a key once for callers that arrive together, unless a table it read changed meanwhile", async () => {
    const changes = dataChangesOf(ctx.db);
    if (!changes) throw new Error("no change tracking");
    const cache = new ReadCache<number>(changes, { maxEntries: 10, maxBytes: 1000 });
    let runs = 0;
    const read = async () => {
      runs++;
      const rows = await ctx.db.selectFrom("program").select("id").execute();
      await new Promise((r) => setTimeout(r, 20));
      return rows.length;
    };
    const keep = () => ({ ttlMs: 60_000, bytes: 10 });
    await Promise.all(Array.from({ length: 5 }, () => cache.compute("together", read, keep)));
    expect(runs).toBe(1);

    runs = 0;
    const first = cache.compute("changed", read, keep);
    await ctx.db.deleteFrom("program").where("id", "=", "none").execute();
    await Promise.all([first, cache.compute("changed", read, keep)]);
    expect(runs).toBe(2);
  });
});

describe("kept answers", () => {
  it("leave a request whose caller cannot be looked up to the app", async () => {
    const front = servedFromMemoryFirst(
      ctx.deps,
      () => Promise.reject(new Error("database is locked")),
      async (_request: Request) => new Response("from the app", { status: 503 }),
    );
    const res = await front(new Request("http://localhost/api/me", { headers: { cookie: adaCookie } }));
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("from the app");
  });

  it("go out compressed to a caller that accepts it, compressed once", async () => {
    const org = await makeOrganization(ctx.db);
    for (let i = 0; i < 30; i++) await makePerson(ctx.db, org, { name: `Colleague Number ${i}` });
    const cookie = await signIn(ctx.app, (await makePerson(ctx.db, org)).email);
    const get = (acceptEncoding?: string) =>
      ctx.app.request("/api/people?limit=50", {
        headers: { cookie, ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}) },
      });
    const plain = await get();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    for (const [accept, encoding, decode] of [
      ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
      ["br;q=0.5, gzip", "gzip", gunzipSync],
      ["br", "br", brotliDecompressSync],
    ] as const) {
      for (const _ of [1, 2]) {
        const res = await get(accept);
        expect(res.headers.get("content-encoding"), accept).toBe(encoding);
        expect(decode(Buffer.from(await res.arrayBuffer())).toString()).toBe(text);
      }
    }
    const refused = await get("br;q=0, gzip;q=0");
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(text);
    const small = await ctx.app.request("/api/me", { headers: { cookie, "accept-encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
  });
});
