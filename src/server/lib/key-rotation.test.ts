import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../db/kysely.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { signingKey } from "../modules/training/credentials.ts";
import { activeEngagement, addCoach, heldBody, scheduleAt } from "../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";
import { newDataKey, unwrapKey } from "./crypto.ts";
import { rotateMasterKey } from "./key-rotation.ts";

const run = promisify(execFile);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Client = ReturnType<typeof client>;
const ok = (res: { status: number; body: unknown }) =>
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

async function journalPair(org: string, pm: string) {
  const mentor = await makePerson(ctx.db, org, { seniority: 6 });
  const mentee = await makePerson(ctx.db, org, { seniority: 2 });
  const asMentor = client(ctx.app, await signIn(ctx.app, mentor.email));
  const asMentee = client(ctx.app, await signIn(ctx.app, mentee.email));
  const program = await makeProgram(ctx.db, org, pm, { kind: "mentoring" });
  ok(await asMentor.post(`/api/programs/${program}/enrolments`, { role: "mentor", answers: {} }));
  ok(await asMentee.post(`/api/programs/${program}/enrolments`, { role: "mentee", answers: {} }));
  const request = await asMentee.post(`/api/programs/${program}/mentoring/requests`, {
    mentorId: mentor.id,
    message: "Hello",
  });
  const rel: string = (await asMentor.post(`/api/mentoring/requests/${request.body.id}/accept`)).body
    .relationshipId;
  const agreement = { goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 };
  ok(await asMentee.put(`/api/mentoring/relationships/${rel}/agreement`, agreement));
  ok(await asMentee.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  ok(await asMentor.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  ok(
    await asMentee.call(
      "POST",
      `/api/mentoring/relationships/${rel}/journal`,
      { text: "Only for us two" },
      {
        "idempotency-key": "journal-1",
      },
    ),
  );
  return { rel, menteeCookie: await signIn(ctx.app, mentee.email) };
}

const wrappedKeys = async () => ({
  relationships: await ctx.db.selectFrom("mentoring_relationship").select(["id", "wrapped_key"]).execute(),
  engagements: await ctx.db.selectFrom("coaching_engagement").select(["id", "wrapped_key"]).execute(),
  signing: await ctx.db.selectFrom("organization_signing_key").select(["private_key_encrypted"]).execute(),
});

describe("rotating the master key", () => {
  it("re-wraps every data key in one go; the content reads the same under the new key and not the old", async () => {
    const org = await makeOrganization(ctx.db);
    const pm = await makePerson(ctx.db, org, { role: "program_manager" });
    const sponsor = await makePerson(ctx.db, org, { role: "sponsor" });
    const coach = await makePerson(ctx.db, org);
    const coachee = await makePerson(ctx.db, org);
    const { rel, menteeCookie } = await journalPair(org, pm.id);
    const as = (email: string): Promise<Client> => signIn(ctx.app, email).then((c) => client(ctx.app, c));
    const asCoach = await as(coach.email);
    await addCoach(await as(pm.email), coach.id);
    const program = await makeProgram(ctx.db, org, pm.id, { kind: "coaching" });
    const engagement = await activeEngagement(
      {
        manager: await as(pm.email),
        sponsor: await as(sponsor.email),
        coach: asCoach,
        coachee: await as(coachee.email),
        coachId: coach.id,
        coacheeId: coachee.id,
      },
      program,
    );
    const session = await scheduleAt(asCoach, engagement.id, 1);
    ok(
      await asCoach.post(
        `/api/coaching/engagements/${engagement.id}/sessions/${session}/record`,
        heldBody({ privateNotes: "Coach's eyes only" }),
      ),
    );
    const issuer = await signingKey(ctx.db, ctx.masterKey, org);
    const before = await wrappedKeys();

    const newKey = newDataKey();
    const report = await rotateMasterKey(ctx.db, ctx.masterKey, newKey);
    expect(report).toMatchObject({ mentoringRelationships: 1, coachingEngagements: 1, signingKeys: 1 });
    expect(report.idempotencyKeysCleared).toBeGreaterThan(0);
    const after = await wrappedKeys();
    for (const r of after.relationships) {
      expect(() => unwrapKey(ctx.masterKey, r.wrapped_key, r.id)).toThrow();
      const old = before.relationships.find((b) => b.id === r.id);
      expect(unwrapKey(newKey, r.wrapped_key, r.id)).toEqual(
        unwrapKey(ctx.masterKey, old?.wrapped_key ?? "", r.id),
      );
    }

    const rotated = ctx.appWithMasterKey(newKey);
    const journal = await client(rotated, menteeCookie).get(`/api/mentoring/relationships/${rel}/journal`);
    expect(journal.body.items.map((e: { text: string }) => e.text)).toEqual(["Only for us two"]);
    const coachCookie = await signIn(rotated, coach.email);
    const sessions = await client(rotated, coachCookie).get(
      `/api/coaching/engagements/${engagement.id}/sessions`,
    );
    expect(JSON.stringify(sessions.body)).toContain("Coach's eyes only");
    const reissued = await signingKey(ctx.db, newKey, org);
    expect(reissued.controller).toBe(issuer.controller);
    expect(reissued.publicKeyMultibase).toBe(issuer.publicKeyMultibase);
    await expect(signingKey(ctx.db, ctx.masterKey, org)).rejects.toThrow();

    // A wrong current key fails on the first row and leaves every row as it was.
    await expect(rotateMasterKey(ctx.db, newDataKey(), newDataKey())).rejects.toThrow();
    expect(await wrappedKeys()).toEqual(after);
  });

  it("npm run rotate-master-key replaces the key file beside a SQLite database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rotate-"));
    try {
      const url = `file:${join(dir, "trellis.db")}`;
      const handle = openDb(url);
      await migrateToLatest(handle.db);
      const org = await makeOrganization(handle.db);
      const oldKey = newDataKey();
      const issuer = await signingKey(handle.db, oldKey, org);
      await handle.close();
      const keyFile = join(dir, ".master-key");
      writeFileSync(keyFile, oldKey.toString("base64"));

      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
      delete env.MASTER_KEY;
      const { stdout } = await run("npx", ["tsx", "scripts/rotate-master-key.ts"], { env });
      expect(JSON.parse(stdout)).toMatchObject({ signingKeys: 1, keyFile });
      const newKey = Buffer.from(readFileSync(keyFile, "utf8"), "base64");
      expect(newKey.equals(oldKey)).toBe(false);
      const reopened = openDb(url);
      try {
        expect((await signingKey(reopened.db, newKey, org)).controller).toBe(issuer.controller);
      } finally {
        await reopened.close();
      }

      const refused = await run("npx", ["tsx", "scripts/rotate-master-key.ts"], {
        env: { ...env, MASTER_KEY: newKey.toString("base64") },
      }).catch((err: { code: number; stderr: string }) => err);
      expect(refused).toMatchObject({ code: 2 });
      expect((refused as { stderr: string }).stderr).toMatch(/--new-key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
