import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePath } from "../../db/kysely.ts";
import { activeEngagement, addCoach, growNote, heldBody, scheduleAt } from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

/**
 * The canary: a unique string written into every confidential field of a mentoring relationship and into
 * every coach-private field of a coaching engagement. It must appear nowhere but in the pair's (or the
 * coach's) own API responses: not in the database at rest, not in what any other role can fetch, not in
 * the audit log, not in any mail.
 */
const CANARY = `canary-${crypto.randomUUID()}`;

let ctx: TestContext;
let relId: string;
let programId: string;
const others: { label: string; as: ReturnType<typeof client>; personId: string }[] = [];
let mentee: ReturnType<typeof client>;
let mentor: ReturnType<typeof client>;
let coach: ReturnType<typeof client>;
let coachee: ReturnType<typeof client>;
let engagementId: string;
let coachingProgramId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const pm = await makePerson(ctx.db, org, { role: "program_manager" });
  const people = {
    mentor: await makePerson(ctx.db, org, { seniority: 4 }),
    mentee: await makePerson(ctx.db, org, { seniority: 1 }),
    admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    member: await makePerson(ctx.db, org),
    otherOrgAdmin: await makePerson(ctx.db, await makeOrganization(ctx.db, "Other"), { role: "org_admin" }),
  };
  mentor = client(ctx.app, await signIn(ctx.app, people.mentor.email));
  mentee = client(ctx.app, await signIn(ctx.app, people.mentee.email));
  others.push(
    { label: "program manager", as: client(ctx.app, await signIn(ctx.app, pm.email)), personId: pm.id },
    {
      label: "org admin",
      as: client(ctx.app, await signIn(ctx.app, people.admin.email)),
      personId: people.admin.id,
    },
    {
      label: "sponsor",
      as: client(ctx.app, await signIn(ctx.app, people.sponsor.email)),
      personId: people.sponsor.id,
    },
    {
      label: "member",
      as: client(ctx.app, await signIn(ctx.app, people.member.email)),
      personId: people.member.id,
    },
    {
      label: "admin of another organization",
      as: client(ctx.app, await signIn(ctx.app, people.otherOrgAdmin.email)),
      personId: people.otherOrgAdmin.id,
    },
  );
  programId = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
  await mentor.post(`/api/programs/${programId}/enrolments`, { role: "mentor", answers: {} });
  await mentee.post(`/api/programs/${programId}/enrolments`, { role: "mentee", answers: {} });
  const request = await mentee.post(`/api/programs/${programId}/mentoring/requests`, {
    mentorId: people.mentor.id,
    message: "Would you mentor me?",
  });
  relId = (await mentor.post(`/api/mentoring/requests/${request.body.id}/accept`)).body.relationshipId;
  await mentee.put(`/api/mentoring/relationships/${relId}/agreement`, {
    goals: "Grow",
    cadence: "Monthly",
    channel: "Call",
    confidentiality: "Between us",
    durationMonths: 6,
  });
  await mentee.post(`/api/mentoring/relationships/${relId}/agreement/sign`);
  await mentor.post(`/api/mentoring/relationships/${relId}/agreement/sign`);

  const writes = [
    await mentee.post(`/api/mentoring/relationships/${relId}/journal`, { text: `Journal: ${CANARY}` }),
    await mentor.post(`/api/mentoring/relationships/${relId}/meetings`, {
      metOn: new Date().toISOString().slice(0, 10),
      durationMinutes: 30,
      topics: [`Topic ${CANARY}`],
      notes: `Notes: ${CANARY}`,
    }),
    await mentee.post(`/api/mentoring/relationships/${relId}/end`, { reason: `Private reason: ${CANARY}` }),
    await mentor.post(`/api/mentoring/relationships/${relId}/reflection`, {
      text: `Reflection: ${CANARY}`,
      rating: 4,
    }),
  ];
  for (const w of writes) expect(w.status, JSON.stringify(w.body)).toBeLessThan(300);

  // Coaching: the sponsor of the list above sponsors it; the mentee is the coachee.
  const coachPerson = await makePerson(ctx.db, org);
  coach = client(ctx.app, await signIn(ctx.app, coachPerson.email));
  coachee = mentee;
  const asPm = client(ctx.app, await signIn(ctx.app, pm.email));
  await addCoach(asPm, coachPerson.id);
  coachingProgramId = await makeProgram(ctx.db, org, pm.id, { kind: "coaching" });
  const sponsor = others.find((o) => o.label === "sponsor");
  if (!sponsor) throw new Error("no sponsor");
  const engagement = await activeEngagement(
    {
      manager: asPm,
      sponsor: sponsor.as,
      coach,
      coachee,
      coachId: coachPerson.id,
      coacheeId: people.mentee.id,
    },
    coachingProgramId,
  );
  engagementId = engagement.id;
  const session = await scheduleAt(coach, engagementId, 3);
  const held = await coach.post(
    `/api/coaching/engagements/${engagementId}/sessions/${session}/record`,
    heldBody({
      goal: growNote(`Goal: ${CANARY}`, "coach_private"),
      reality: growNote(`Reality: ${CANARY}`, "coach_private"),
      options: growNote(`Options: ${CANARY}`, "coach_private"),
      will: growNote(`Will: ${CANARY}`, "coach_private"),
      privateNotes: `Private notes: ${CANARY}`,
    }),
  );
  expect(held.status, JSON.stringify(held.body)).toBe(200);
});
afterAll(() => ctx.close());

describe("confidential mentoring content (canary)", () => {
  it("reaches the pair", async () => {
    expect(
      JSON.stringify((await mentor.get(`/api/mentoring/relationships/${relId}/journal`)).body),
    ).toContain(CANARY);
    expect(
      JSON.stringify((await mentee.get(`/api/mentoring/relationships/${relId}/meetings`)).body),
    ).toContain(CANARY);
  });

  it("coach-private notes reach the coach, and not the coachee", async () => {
    const path = `/api/coaching/engagements/${engagementId}/sessions`;
    expect(JSON.stringify((await coach.get(path)).body)).toContain(CANARY);
    for (const tail of ["", "/sessions", "/summary", "/report", "/actions", "/assessments"]) {
      const res = await coachee.get(`/api/coaching/engagements/${engagementId}${tail}`);
      expect(res.status, tail).toBe(200);
      expect(JSON.stringify(res.body), tail).not.toContain(CANARY);
    }
  });

  it("is encrypted at rest: the canary is nowhere in the database", async () => {
    if (ctx.engine === "sqlite") {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db);
      const file = sqlitePath(ctx.config.databaseUrl);
      for (const path of [file, `${file}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from(CANARY)), path).toBe(false);
        expect(bytes.includes(Buffer.from(CANARY, "utf16le")), path).toBe(false);
      }
    } else {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = current_schema()`.execute(
        ctx.db,
      );
      expect(tables.rows.length).toBeGreaterThan(10);
      for (const { table_name } of tables.rows) {
        const rows = await sql`select * from ${sql.table(table_name)}`.execute(ctx.db);
        expect(JSON.stringify(rows.rows), table_name).not.toContain(CANARY);
      }
    }
  });

  it("reaches no other role through any API response", async () => {
    const paths = [
      `/api/mentoring/relationships/${relId}`,
      `/api/mentoring/relationships/${relId}/journal`,
      `/api/mentoring/relationships/${relId}/meetings`,
      `/api/mentoring/relationships/${relId}/goals`,
      `/api/mentoring/relationships/${relId}/checkins`,
      "/api/mentoring/relationships",
      "/api/mentoring/requests?box=sent",
      "/api/mentoring/requests?box=received",
      "/api/mentoring/introductions",
      `/api/programs/${programId}/mentoring/overview`,
      `/api/programs/${programId}/mentoring/relationships`,
      `/api/programs/${programId}/mentoring/requests`,
      `/api/programs/${programId}/mentoring/participants?role=mentee`,
      `/api/programs/${programId}/enrolments`,
      `/api/programs/${programId}`,
      "/api/programs",
      "/api/audit?limit=200",
      "/api/organization/stats",
      "/api/people?limit=200",
      `/api/coaching/engagements/${engagementId}`,
      `/api/coaching/engagements/${engagementId}/sessions`,
      `/api/coaching/engagements/${engagementId}/summary`,
      `/api/coaching/engagements/${engagementId}/report`,
      `/api/coaching/engagements/${engagementId}/objectives`,
      `/api/coaching/engagements/${engagementId}/actions`,
      "/api/coaching/engagements",
      "/api/coaching/insights",
      `/api/programs/${coachingProgramId}/coaching/engagements`,
    ];
    for (const other of others) {
      for (const path of paths) {
        const res = await other.as.get(path);
        expect(res.status, `${other.label} ${path}`).toBeLessThan(500);
        expect(JSON.stringify(res.body), `${other.label} ${path}`).not.toContain(CANARY);
      }
      const profile = await other.as.get(`/api/people/${other.personId}`);
      expect(JSON.stringify(profile.body)).not.toContain(CANARY);
    }
  });

  it("is not in the audit log", async () => {
    const rows = await ctx.db.selectFrom("audit_event").selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(CANARY);
  });

  it("is not in any mail", async () => {
    // In-process requests never wait on a socket, so the worker's SMTP conversation may still be under way.
    await ctx.jobs.drain();
    expect(ctx.smtp.inbox.length).toBeGreaterThan(0);
    expect(JSON.stringify(ctx.smtp.inbox)).not.toContain(CANARY);
  });

  it("a tampered ciphertext is refused, not decrypted into something else", async () => {
    const entry = await ctx.db.selectFrom("mentoring_journal_entry").selectAll().executeTakeFirstOrThrow();
    expect(entry.content.startsWith("v1.")).toBe(true);
    await ctx.db
      .updateTable("mentoring_journal_entry")
      .set({ content: `${entry.content.slice(0, -4)}AAAA` })
      .where("id", "=", entry.id)
      .execute();
    const res = await mentee.get(`/api/mentoring/relationships/${relId}/journal`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("internal");
    expect(JSON.stringify(res.body)).not.toContain(CANARY);
  });
});
