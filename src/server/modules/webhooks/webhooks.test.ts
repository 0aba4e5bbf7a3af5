import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptText, newDataKey } from "../../lib/crypto.ts";
import { rotateMasterKey } from "../../lib/key-rotation.ts";
import { activeEngagement, addCoach, growNote, heldBody, scheduleAt } from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { purgeDeliveryLog } from "./webhooks.repository.ts";

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver over real TLS with a certificate made for this run; each path answers from its own script. */
async function startReceiver(dir: string) {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (path.startsWith("/slow")) {
        setTimeout(() => res.writeHead(200).end("late"), 1500);
        return;
      }
      const status = scripts.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${status} ${"x".repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    caFile: cert,
    url: (path: string) => `https://127.0.0.1:${port}${path}`,
    received,
    script: (path: string, statuses: number[]) => scripts.set(path, statuses),
    at: (path: string) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The receiver's check, written independently of the server code, as the README documents it. */
function verify(secret: string, r: Received, toleranceSeconds = 300): boolean {
  const timestamp = String(r.headers["trellis-webhook-timestamp"]);
  const signature = String(r.headers["trellis-webhook-signature"]);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = `v1=${createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("hex")}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

const HOUR = 3_600_000;
let clock = Date.now();
/** Runs the jobs due an hour later than the last call, so every scheduled retry comes due. */
const laterDrain = (ctx: TestContext) => {
  clock += 6 * HOUR;
  return ctx.jobs.drain({ now: new Date(clock).toISOString() });
};

let dir: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ctx: TestContext;
let strict: TestContext;
let org: string;
let admin: ReturnType<typeof client>;
let member: ReturnType<typeof client>;
let otherAdmin: ReturnType<typeof client>;
let strictAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "trellis-webhooks-"));
  receiver = await startReceiver(dir);
  ctx = await createTestContext({
    backgroundJobs: false,
    env: {
      OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
      OUTBOUND_CA_FILE: receiver.caFile,
      WEBHOOK_TIMEOUT_MS: "400",
    },
  });
  strict = await createTestContext({ backgroundJobs: false });
  org = await makeOrganization(ctx.db, "Hooks Org");
  const other = await makeOrganization(ctx.db, "Other Org");
  const a = await makePerson(ctx.db, org, { role: "org_admin" });
  const m = await makePerson(ctx.db, org, { role: "member" });
  const o = await makePerson(ctx.db, other, { role: "org_admin" });
  admin = client(ctx.app, await signIn(ctx.app, a.email));
  member = client(ctx.app, await signIn(ctx.app, m.email));
  otherAdmin = client(ctx.app, await signIn(ctx.app, o.email));
  const strictOrg = await makeOrganization(strict.db, "Strict Org");
  const s = await makePerson(strict.db, strictOrg, { role: "org_admin" });
  strictAdmin = client(strict.app, await signIn(strict.app, s.email));
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  await strict?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function register(path: string, events: string[] = ["mentoring.request.created"]) {
  const res = await admin.post("/api/webhooks/endpoints", {
    url: receiver.url(path),
    description: `Receiver ${path}`,
    events,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.endpoint.id as string, secret: res.body.secret as string };
}

describe("endpoints", () => {
  it("registers an endpoint, shows the secret once and never again", async () => {
    const { id, secret } = await register("/registered");
    expect(secret).toMatch(/^whsec_[\w-]{40,}$/);
    const got = await admin.get(`/api/webhooks/endpoints/${id}`);
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(secret);
    const list = await admin.get("/api/webhooks/endpoints");
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const stored = await ctx.db
      .selectFrom("webhook_endpoint")
      .select("secret_encrypted")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain(secret);
  });

  it("answers 403 to a member and 404 to another organization's admin", async () => {
    const { id } = await register("/guarded");
    expect((await member.get("/api/webhooks/endpoints")).status).toBe(403);
    expect(
      (await member.post("/api/webhooks/endpoints", { url: receiver.url("/x"), events: ["person.created"] }))
        .status,
    ).toBe(403);
    expect((await otherAdmin.get(`/api/webhooks/endpoints/${id}`)).status).toBe(404);
    expect((await otherAdmin.patch(`/api/webhooks/endpoints/${id}`, { enabled: false })).status).toBe(404);
    expect((await otherAdmin.delete(`/api/webhooks/endpoints/${id}`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/webhooks/endpoints/${id}/test`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/webhooks/endpoints/${id}/rotate-secret`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/webhooks/endpoints/${id}/deliveries`)).status).toBe(404);
    expect((await otherAdmin.get("/api/webhooks/endpoints")).body.items).toEqual([]);
  });

  it("rejects unknown fields and events", async () => {
    const extra = await admin.post("/api/webhooks/endpoints", {
      url: receiver.url("/x"),
      events: ["person.created"],
      secret: "mine",
    });
    expect(extra.status).toBe(400);
    const unknown = await admin.post("/api/webhooks/endpoints", {
      url: receiver.url("/x"),
      events: ["nope"],
    });
    expect(unknown.status).toBe(400);
  });
});

describe("the address guard at registration", () => {
  const refused = async (url: string) => {
    const res = await strictAdmin.post("/api/webhooks/endpoints", { url, events: ["person.created"] });
    return `${res.status} ${res.body?.error?.code}`;
  };

  it.each([
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://10.0.0.1/hook",
    "https://172.16.5.4/hook",
    "https://192.168.0.10/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/hook",
    "https://0.0.0.0/hook",
    "https://224.0.0.251/hook",
    "https://[::1]/hook",
    "https://[fc00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://2130706433/hook",
  ])("refuses %s", async (url) => {
    expect(await refused(url)).toBe("422 outbound_url.forbidden_address");
  });

  it("wants https unless the host is allowlisted", async () => {
    expect(await refused("http://93.184.216.34/hook")).toBe("422 outbound_url.scheme");
    expect(await refused("ftp://93.184.216.34/hook")).toBe("422 outbound_url.scheme");
    const allowed = await admin.post("/api/webhooks/endpoints", {
      url: "http://127.0.0.1:9/dev",
      events: ["person.created"],
    });
    expect(allowed.status).toBe(201);
    await admin.delete(`/api/webhooks/endpoints/${allowed.body.endpoint.id}`);
  });

  it("checks a changed URL too", async () => {
    const { id } = await register("/moving");
    const res = await admin.patch(`/api/webhooks/endpoints/${id}`, { url: "https://10.1.1.1/hook" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("outbound_url.forbidden_address");
  });

  it("checks again at delivery time and sends nothing to an address that became private", async () => {
    const { id } = await register("/rebound");
    await ctx.db
      .updateTable("webhook_endpoint")
      .set({ url: "https://10.9.9.9/rebound" })
      .where("id", "=", id)
      .execute();
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    const d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body.status).toBe("failed");
    expect(d.body.error).toMatch(/Not sent: .*10\.9\.9\.9/);
    expect(receiver.at("/rebound")).toHaveLength(0);
  });
});

describe("deliveries", () => {
  it("sends a signed test event that an independent check verifies", async () => {
    const { id, secret } = await register("/signed");
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    expect(test.status).toBe(202);
    expect(test.body.status).toBe("pending");
    await ctx.jobs.drain();
    const [got] = receiver.at("/signed");
    if (!got) throw new Error("nothing received");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["trellis-webhook-id"]).toBe(test.body.id);
    expect(verify(secret, got)).toBe(true);
    expect(verify("whsec_wrong", got)).toBe(false);
    expect(verify(secret, { ...got, body: `${got.body} ` })).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: "webhook.test", organizationId: org, data: { endpointId: id } });
    const d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "succeeded", httpStatus: 200, attempts: 1 });
    expect(d.body.responseExcerpt.length).toBeLessThanOrEqual(1024);
    expect(d.body.attemptLog).toHaveLength(1);
    expect(d.body.attemptLog[0]).toMatchObject({ attempt: 1, outcome: "succeeded", httpStatus: 200 });
  });

  it("a rotated secret signs from then on", async () => {
    const { id, secret } = await register("/rotated");
    const rotated = await admin.post(`/api/webhooks/endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    const [got] = receiver.at("/rotated");
    if (!got) throw new Error("nothing received");
    expect(verify(rotated.body.secret, got)).toBe(true);
    expect(verify(secret, got)).toBe(false);
  });

  it("retries after 500s with backoff and the same delivery id, then succeeds", async () => {
    const { id } = await register("/flaky");
    receiver.script("/flaky", [500, 503]);
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    let d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "pending", attempts: 1, httpStatus: 500 });
    expect(d.body.nextRetryAt).not.toBeNull();
    expect(Date.parse(d.body.nextRetryAt) - Date.now()).toBeGreaterThan(20_000);
    expect(await ctx.jobs.drain()).toBe(0);
    await laterDrain(ctx);
    d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "pending", attempts: 2, httpStatus: 503 });
    await laterDrain(ctx);
    d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "succeeded", attempts: 3, httpStatus: 200, nextRetryAt: null });
    expect(d.body.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual([
      "retrying",
      "retrying",
      "succeeded",
    ]);
    const [first, second] = d.body.attemptLog;
    const gap1 = Date.parse(first.nextRetryAt) - Date.parse(first.startedAt);
    const gap2 = Date.parse(second.nextRetryAt) - Date.parse(second.startedAt);
    expect(gap2).toBeGreaterThan(gap1);
    const ids = receiver.at("/flaky").map((r) => r.headers["trellis-webhook-id"]);
    expect(ids).toEqual([test.body.id, test.body.id, test.body.id]);
    const bodies = new Set(receiver.at("/flaky").map((r) => r.body));
    expect(bodies.size).toBe(1);
  });

  it("gives up after the last attempt, and Redeliver sends it again", async () => {
    const { id } = await register("/down");
    receiver.script("/down", Array(8).fill(500));
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    for (let i = 0; i < 8; i++) await laterDrain(ctx);
    let d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "failed", attempts: 8, nextRetryAt: null });
    expect(d.body.error).toMatch(/Gave up after 8 attempts/);
    expect((await admin.post(`/api/webhooks/deliveries/${test.body.id}/redeliver`)).status).toBe(202);
    await ctx.jobs.drain();
    d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "succeeded", attempts: 9 });
    const again = await admin.post(`/api/webhooks/deliveries/${test.body.id}/redeliver`);
    expect(again.status).toBe(409);
    expect((await otherAdmin.post(`/api/webhooks/deliveries/${test.body.id}/redeliver`)).status).toBe(404);
  });

  it("410 Gone disables the endpoint and says so in the log", async () => {
    const { id } = await register("/gone");
    receiver.script("/gone", [410]);
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    const d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "failed", httpStatus: 410, attempts: 1 });
    expect(d.body.error).toMatch(/410 Gone.*disabled/);
    const endpoint = await admin.get(`/api/webhooks/endpoints/${id}`);
    expect(endpoint.body.enabled).toBe(false);
    expect(endpoint.body.disabledReason).toMatch(/410/);
    await laterDrain(ctx);
    expect(receiver.at("/gone")).toHaveLength(1);
    expect((await admin.post(`/api/webhooks/endpoints/${id}/test`)).status).toBe(409);
  });

  it("a receiver that does not answer in time is retried", async () => {
    const { id } = await register("/slow");
    const test = await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    const d = await admin.get(`/api/webhooks/deliveries/${test.body.id}`);
    expect(d.body).toMatchObject({ status: "pending", attempts: 1, httpStatus: null });
    expect(d.body.error).toMatch(/Timed out/);
    expect(d.body.attemptLog[0].durationMs).toBeLessThan(1400);
    await admin.delete(`/api/webhooks/endpoints/${id}`);
  });

  it("lists deliveries newest first, filtered by status", async () => {
    const { id } = await register("/listed");
    await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await admin.post(`/api/webhooks/endpoints/${id}/test`);
    await ctx.jobs.drain();
    const page = await admin.get(`/api/webhooks/endpoints/${id}/deliveries?limit=1`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).not.toBeNull();
    const failed = await admin.get(`/api/webhooks/endpoints/${id}/deliveries?status=failed`);
    expect(failed.body.items).toEqual([]);
    const endpoint = await admin.get(`/api/webhooks/endpoints/${id}`);
    expect(endpoint.body.deliveries).toMatchObject({ succeeded: 2, failed: 0, pending: 0 });
  });
});

describe("events from the services", () => {
  it("delivers only the events an endpoint chose, and no confidential text ever", async () => {
    const requests = await register("/requests", ["mentoring.request.created", "mentoring.request.accepted"]);
    const lifecycle = await register("/lifecycle", [
      "mentoring.relationship.started",
      "mentoring.relationship.ended",
      "coaching.engagement.created",
      "coaching.session.completed",
    ]);
    const quiet = await register("/quiet", ["training.certificate.issued"]);
    const manager = await makePerson(ctx.db, org, { role: "program_manager" });
    const mentor = await makePerson(ctx.db, org, { seniority: 5 });
    const mentee = await makePerson(ctx.db, org, { seniority: 1 });
    const asManager = client(ctx.app, await signIn(ctx.app, manager.email));
    const asMentor = client(ctx.app, await signIn(ctx.app, mentor.email));
    const asMentee = client(ctx.app, await signIn(ctx.app, mentee.email));
    const programId = await makeProgram(ctx.db, org, manager.id, { kind: "mentoring" });
    await asMentor.post(`/api/programs/${programId}/enrolments`, { role: "mentor", answers: {} });
    await asMentee.post(`/api/programs/${programId}/enrolments`, { role: "mentee", answers: {} });
    const CANARY = "CANARY-7f3a";
    const request = await asMentee.post(`/api/programs/${programId}/mentoring/requests`, {
      mentorId: mentor.id,
      message: `Please ${CANARY}-message`,
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const accepted = await asMentor.post(`/api/mentoring/requests/${request.body.id}/accept`);
    const rel = `/api/mentoring/relationships/${accepted.body.relationshipId}`;
    await asMentee.put(`${rel}/agreement`, {
      goals: `${CANARY}-goals`,
      cadence: "Monthly",
      channel: "Video",
      confidentiality: `${CANARY}-confidentiality`,
      durationMonths: 6,
    });
    await asMentee.post(`${rel}/agreement/sign`);
    const signed = await asMentor.post(`${rel}/agreement/sign`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const meeting = await asMentor.post(`${rel}/meetings`, {
      metOn: new Date().toISOString().slice(0, 10),
      durationMinutes: 45,
      topics: [`${CANARY}-topics`],
      notes: `${CANARY}-notes`,
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const journal = await asMentee.post(`${rel}/journal`, { text: `${CANARY}-journal` });
    expect(journal.status, JSON.stringify(journal.body)).toBe(201);
    const ended = await asMentee.post(`${rel}/end`, { reason: `${CANARY}-early-end-reason` });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    await asMentor.post(`${rel}/reflection`, { text: `${CANARY}-reflection`, rating: 4 });

    const coach = await makePerson(ctx.db, org);
    const coachee = await makePerson(ctx.db, org);
    const sponsor = await makePerson(ctx.db, org, { role: "sponsor" });
    const coachingProgram = await makeProgram(ctx.db, org, manager.id, { kind: "coaching" });
    await addCoach(asManager, coach.id, 5);
    const asCoach = client(ctx.app, await signIn(ctx.app, coach.email));
    const engagement = await activeEngagement(
      {
        manager: asManager,
        sponsor: client(ctx.app, await signIn(ctx.app, sponsor.email)),
        coach: asCoach,
        coachee: client(ctx.app, await signIn(ctx.app, coachee.email)),
        coachId: coach.id,
        coacheeId: coachee.id,
      },
      coachingProgram,
    );
    const sessionId = await scheduleAt(asCoach, engagement.id, 3);
    const held = await asCoach.post(
      `/api/coaching/engagements/${engagement.id}/sessions/${sessionId}/record`,
      heldBody({
        goal: growNote(`${CANARY}-goal`),
        will: growNote(`${CANARY}-will`, "coach_private"),
        privateNotes: `${CANARY}-coach-private`,
        sponsorSummary: `${CANARY}-summary`,
      }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);

    await ctx.jobs.drain();
    const types = (path: string) => receiver.at(path).map((r) => JSON.parse(r.body).type);
    expect(types("/requests")).toEqual(["mentoring.request.created", "mentoring.request.accepted"]);
    expect(types("/lifecycle")).toEqual([
      "mentoring.relationship.started",
      "mentoring.relationship.ended",
      "coaching.engagement.created",
      "coaching.session.completed",
    ]);
    expect(types("/quiet")).toEqual([]);
    const created = JSON.parse(receiver.at("/requests")[0]?.body ?? "{}");
    expect(created.data).toMatchObject({
      requestId: request.body.id,
      programId,
      menteeId: mentee.id,
      mentorId: mentor.id,
    });
    const endedEvent = JSON.parse(receiver.at("/lifecycle")[1]?.body ?? "{}");
    expect(endedEvent.data).toMatchObject({
      status: "ended_early",
      relationshipId: accepted.body.relationshipId,
    });
    for (const r of receiver.received) expect(r.body).not.toContain(CANARY);
    const stored = await ctx.db.selectFrom("webhook_delivery").select("request_body").execute();
    for (const s of stored) expect(s.request_body).not.toContain(CANARY);
    const events = await ctx.db.selectFrom("webhook_event").select("data").execute();
    for (const e of events) expect(e.data).not.toContain(CANARY);
    void requests;
    void lifecycle;
    void quiet;
  }, 30_000);

  it("a disabled endpoint gets nothing, and another organization's events never reach it", async () => {
    const { id } = await register("/off", ["person.created"]);
    await admin.patch(`/api/webhooks/endpoints/${id}`, { enabled: false });
    await admin.post("/api/invitations", { email: "new.person@example.test", name: "New Person" });
    await otherAdmin.post("/api/invitations", { email: "elsewhere@example.test", name: "Elsewhere" });
    await ctx.jobs.drain();
    expect(receiver.at("/off")).toHaveLength(0);
    await admin.patch(`/api/webhooks/endpoints/${id}`, { enabled: true });
    await otherAdmin.post("/api/invitations", { email: "elsewhere2@example.test", name: "Elsewhere Two" });
    await admin.post("/api/invitations", { email: "new.person2@example.test", name: "New Person Two" });
    await ctx.jobs.drain();
    const got = receiver.at("/off").map((r) => JSON.parse(r.body));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      type: "person.created",
      organizationId: org,
      data: { status: "invited" },
    });
    expect(JSON.stringify(got[0])).not.toContain("new.person2@example.test");
  });
});

describe("retention", () => {
  it("lets go of finished deliveries, their attempts and their events after the keeping time, not of pending ones", async () => {
    const { id } = await register("/retention", ["person.created"]);
    await admin.post("/api/invitations", { email: "kept.short@example.test", name: "Kept Short" });
    await ctx.jobs.drain();
    const mine = () =>
      ctx.db
        .selectFrom("webhook_delivery")
        .select(["id", "event_id"])
        .where("endpoint_id", "=", id)
        .execute();
    const [delivery] = await mine();
    expect(delivery).toBeDefined();
    const pending = new Date().toISOString();
    await ctx.db
      .updateTable("webhook_delivery")
      .set({ completed_at: null, status: "pending" })
      .where("endpoint_id", "=", id)
      .execute();
    const later = new Date(Date.now() + 31 * 86_400_000).toISOString();
    await purgeDeliveryLog(ctx.db, later);
    expect(await mine()).toHaveLength(1);
    await ctx.db
      .updateTable("webhook_delivery")
      .set({ completed_at: pending, status: "succeeded" })
      .where("endpoint_id", "=", id)
      .execute();
    await purgeDeliveryLog(ctx.db, pending);
    expect(await mine()).toHaveLength(1);
    await purgeDeliveryLog(ctx.db, later);
    expect(await mine()).toHaveLength(0);
    const attempts = await ctx.db
      .selectFrom("webhook_delivery_attempt")
      .select("id")
      .where("delivery_id", "=", delivery?.id ?? "")
      .execute();
    expect(attempts).toHaveLength(0);
    const event = await ctx.db
      .selectFrom("webhook_event")
      .select("id")
      .where("id", "=", delivery?.event_id ?? "")
      .execute();
    expect(event).toHaveLength(0);
  });
});

describe("erasure", () => {
  it("swaps an erased person's id in stored events and bodies for the tombstone's", async () => {
    await register("/erasure", ["person.created", "person.deactivated"]);
    const invited = await admin.post("/api/invitations", {
      email: "erase.me@example.test",
      name: "Erase Me",
    });
    const personId: string = invited.body.invitation.personId;
    await ctx.jobs.drain();
    const holding = async () => {
      const events = await ctx.db.selectFrom("webhook_event").select("data").execute();
      const bodies = await ctx.db.selectFrom("webhook_delivery").select("request_body").execute();
      return [...events.map((e) => e.data), ...bodies.map((b) => b.request_body)].filter((t) =>
        t.includes(personId),
      ).length;
    };
    expect(await holding()).toBeGreaterThan(0);
    const erased = await admin.post(`/api/people/${personId}/erase`, {
      confirmEmail: "erase.me@example.test",
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(await holding()).toBe(0);
  });
});

describe("master key rotation", () => {
  it("re-encrypts the signing secrets under the new key", async () => {
    const res = await strictAdmin.post("/api/webhooks/endpoints", {
      url: "https://93.184.216.34/never-called",
      events: ["person.created"],
      enabled: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const newKey = newDataKey();
    const report = await rotateMasterKey(strict.db, strict.masterKey, newKey);
    expect(report.webhookSecrets).toBe(1);
    const row = await strict.db
      .selectFrom("webhook_endpoint")
      .select(["id", "secret_encrypted"])
      .executeTakeFirstOrThrow();
    expect(decryptText(newKey, row.secret_encrypted, `webhook:${row.id}`)).toBe(res.body.secret);
  });
});
