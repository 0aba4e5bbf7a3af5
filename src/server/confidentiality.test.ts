import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "./db/backup.ts";
import { isPostgres, sqlitePath } from "./db/kysely.ts";
import { accessRegistry } from "./lib/access.ts";
import { activeEngagement, addCoach, heldBody, scheduleAt } from "./testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";
import { activePair } from "./testing/mentoring.ts";
import { pdfText } from "./testing/pdf.ts";

type ActorName =
  | "anonymous"
  | "member"
  | "sponsor"
  | "program_manager"
  | "org_admin"
  | "other_org_admin"
  | "mentor"
  | "ended_mentor"
  | "completed_mentor"
  | "mentee"
  | "coach"
  | "coachee";

const tag = Math.random().toString(36).slice(2, 10).toUpperCase();
/** One canary per confidential field, and who alone may ever read it. */
const CANARIES = {
  journal: { text: `CANARY-JOURNAL-${tag}`, readers: ["mentor", "mentee"] },
  meetingNotes: { text: `CANARY-MEETING-${tag}`, readers: ["mentor", "mentee"] },
  meetingTopic: { text: `CANARY-TOPIC-${tag}`, readers: ["mentor", "mentee"] },
  reflection: { text: `CANARY-REFLECTION-${tag}`, readers: ["completed_mentor", "mentee"] },
  earlyEnd: { text: `CANARY-EARLYEND-${tag}`, readers: ["ended_mentor", "mentee"] },
  coachPrivateNotes: { text: `CANARY-PRIVATENOTES-${tag}`, readers: ["coach"] },
  coachPrivateGrow: { text: `CANARY-PRIVATEGROW-${tag}`, readers: ["coach"] },
} satisfies Record<string, { text: string; readers: ActorName[] }>;
const ALL_CANARIES = Object.values(CANARIES).map((c) => c.text);

const found = (haystack: string) => ALL_CANARIES.filter((c) => haystack.includes(c));
/** The canaries in `haystack` that `actor` may not read. */
const leakedTo = (actor: ActorName, haystack: string) =>
  Object.values(CANARIES)
    .filter((c) => !(c.readers as ActorName[]).includes(actor) && haystack.includes(c.text))
    .map((c) => c.text);

let ctx: TestContext;
const cookies: Partial<Record<ActorName, string>> = {};
const ids: Record<string, string> = {};
const logged: string[] = [];
const restoreLogs: (() => void)[] = [];

function captureServerLogs() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return write(chunk, ...rest);
    }) as typeof stream.write;
    restoreLogs.push(() => {
      stream.write = write;
    });
  }
}

beforeAll(async () => {
  captureServerLogs();
  ctx = await createTestContext();
  const db = ctx.db;
  const org = await makeOrganization(db, "Canary Org");
  const other = await makeOrganization(db, "Elsewhere");
  const people = {
    org_admin: await makePerson(db, org, { role: "org_admin" }),
    program_manager: await makePerson(db, org, { role: "program_manager" }),
    sponsor: await makePerson(db, org, { role: "sponsor" }),
    member: await makePerson(db, org),
    mentor: await makePerson(db, org, { seniority: 6 }),
    ended_mentor: await makePerson(db, org, { seniority: 6 }),
    completed_mentor: await makePerson(db, org, { seniority: 6 }),
    mentee: await makePerson(db, org, { seniority: 2 }),
    coach: await makePerson(db, org, { department: "People" }),
    coachee: await makePerson(db, org),
    other_org_admin: await makePerson(db, other, { role: "org_admin" }),
  };
  for (const [name, p] of Object.entries(people)) {
    cookies[name as ActorName] = await signIn(ctx.app, p.email);
    ids[`person:${name}`] = p.id;
  }
  const as = (name: ActorName) => client(ctx.app, cookies[name]);
  const ok = (res: { status: number; body: unknown }) =>
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

  // Mentoring: an active pair with a journal and a meeting; one ended early; one completed and reflected on.
  const pm = people.program_manager.id;
  const programs = [];
  for (let i = 0; i < 3; i++) programs.push(await makeProgram(db, org, pm, { kind: "mentoring" }));
  const [active, ended, completed] = programs as [string, string, string];
  ids.mentoringProgram = active;
  ids.relationship = await activePair(as("mentor"), as("mentee"), active, people.mentor.id);
  ok(
    await as("mentee").post(`/api/mentoring/relationships/${ids.relationship}/journal`, {
      text: `Worried about my manager. ${CANARIES.journal.text}`,
    }),
  );
  ok(
    await as("mentor").post(`/api/mentoring/relationships/${ids.relationship}/meetings`, {
      metOn: new Date().toISOString().slice(0, 10),
      durationMinutes: 45,
      topics: [CANARIES.meetingTopic.text],
      notes: `We talked about leaving. ${CANARIES.meetingNotes.text}`,
    }),
  );
  ids.endedRelationship = await activePair(as("ended_mentor"), as("mentee"), ended, people.ended_mentor.id);
  ok(
    await as("mentee").post(`/api/mentoring/relationships/${ids.endedRelationship}/end`, {
      reason: `It got personal. ${CANARIES.earlyEnd.text}`,
    }),
  );
  ids.completedRelationship = await activePair(
    as("completed_mentor"),
    as("mentee"),
    completed,
    people.completed_mentor.id,
  );
  ok(await as("completed_mentor").post(`/api/mentoring/relationships/${ids.completedRelationship}/complete`));
  ok(
    await as("mentee").post(`/api/mentoring/relationships/${ids.completedRelationship}/reflection`, {
      text: `What I learned. ${CANARIES.reflection.text}`,
      rating: 5,
    }),
  );

  // Coaching: a held session with coach-private notes and a coach-private GROW field.
  await addCoach(as("program_manager"), people.coach.id);
  ids.coachingProgram = await makeProgram(db, org, pm, { kind: "coaching" });
  const engagement = await activeEngagement(
    {
      manager: as("program_manager"),
      sponsor: as("sponsor"),
      coach: as("coach"),
      coachee: as("coachee"),
      coachId: people.coach.id,
      coacheeId: people.coachee.id,
    },
    ids.coachingProgram,
  );
  ids.engagement = engagement.id;
  ids.session = await scheduleAt(as("coach"), engagement.id, 2);
  ok(
    await as("coach").post(
      `/api/coaching/engagements/${engagement.id}/sessions/${ids.session}/record`,
      heldBody({
        reality: {
          text: `Struggles at home. ${CANARIES.coachPrivateGrow.text}`,
          visibility: "coach_private",
        },
        privateNotes: `Hypothesis: burnout. ${CANARIES.coachPrivateNotes.text}`,
        sponsorSummary: "Good progress on the objectives.",
      }),
    ),
  );
}, 120_000);

afterAll(async () => {
  for (const restore of restoreLogs) restore();
  await ctx?.close();
});

const ACTORS: ActorName[] = [
  "anonymous",
  "member",
  "sponsor",
  "program_manager",
  "org_admin",
  "other_org_admin",
  "mentor",
  "ended_mentor",
  "completed_mentor",
  "mentee",
  "coach",
  "coachee",
];

async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("pdf")) return pdfText(Buffer.from(await res.arrayBuffer()));
  return res.text();
}

describe("confidential text reaches its readers and no one else", () => {
  it("the readers do see it, so that the checks below look for something real", async () => {
    const asMentee = client(ctx.app, cookies.mentee);
    const journal = await asMentee.get(`/api/mentoring/relationships/${ids.relationship}/journal`);
    expect(JSON.stringify(journal.body)).toContain(CANARIES.journal.text);
    const asCoach = client(ctx.app, cookies.coach);
    const sessions = await asCoach.get(`/api/coaching/engagements/${ids.engagement}/sessions`);
    expect(JSON.stringify(sessions.body)).toContain(CANARIES.coachPrivateNotes.text);
    expect(JSON.stringify(sessions.body)).toContain(CANARIES.coachPrivateGrow.text);
  });

  it("no GET route answers a canary to anyone else, for any of the objects", async () => {
    const candidates = Object.values(ids);
    const leaks: string[] = [];
    const readBy = new Set<string>();
    let calls = 0;
    for (const key of accessRegistry().keys()) {
      const [method, template] = key.split(" ") as [string, string];
      if (method !== "GET" || template.includes("*") || template.startsWith("/api/docs")) continue;
      const paths = /\{\w+\}/.test(template)
        ? candidates.flatMap((a) =>
            /\{\w+\}.*\{\w+\}/.test(template)
              ? candidates.map((b) => template.replace(/\{\w+\}/, a).replace(/\{\w+\}/, b))
              : [template.replace(/\{\w+\}/, a)],
          )
        : [template];
      for (const path of paths) {
        for (const actor of ACTORS) {
          const cookie = cookies[actor];
          const res = await ctx.app.request(path, { headers: cookie ? { cookie } : {} });
          calls++;
          expect(res.status, `${actor} GET ${path}`).toBeLessThan(500);
          const text = await bodyText(res);
          for (const canary of leakedTo(actor, text)) leaks.push(`${actor} GET ${path}: ${canary}`);
          for (const canary of found(text)) readBy.add(canary);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(2000);
    // Each canary was reached through some route by its readers: the sweep looked where it lives.
    expect([...readBy].sort()).toEqual([...ALL_CANARIES].sort());
  }, 240_000);

  it("search finds nobody by confidential text", async () => {
    for (const actor of ACTORS) {
      for (const canary of ALL_CANARIES) {
        const res = await client(ctx.app, cookies[actor]).get(`/api/people?q=${encodeURIComponent(canary)}`);
        if (res.status === 200) expect(res.body.items).toEqual([]);
      }
    }
  });

  it("nor do the emails, the audit log or the server's logs", async () => {
    // The sweep's in-process requests, answered from memory, never wait on a socket, so the worker's SMTP
    // conversation only moves once it ends; let the worker finish what it holds.
    await ctx.jobs.drain();
    const mail = ctx.smtp.inbox.map((m) => `${m.subject}\n${m.text}`).join("\n");
    expect(ctx.smtp.inbox.length).toBeGreaterThan(0);
    expect(found(mail)).toEqual([]);
    const audit = await ctx.db.selectFrom("audit_event").selectAll().execute();
    expect(audit.length).toBeGreaterThan(10);
    expect(found(JSON.stringify(audit))).toEqual([]);
    expect(found(logged.join(""))).toEqual([]);
  });

  it("nor does any table hold it in plaintext", async () => {
    let cells = 0;
    const hits: string[] = [];
    for (const table of await ctx.db.introspection.getTables()) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(ctx.db);
      for (const row of rows.rows) {
        for (const [column, value] of Object.entries(row)) {
          cells++;
          const text =
            typeof value === "string"
              ? value
              : value instanceof Uint8Array
                ? Buffer.from(value).toString("latin1")
                : "";
          for (const canary of found(text)) hits.push(`${table.name}.${column}: ${canary}`);
        }
      }
    }
    expect(hits).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });

  it("nor the SQLite file, its WAL, or a backup of the database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "canary-backup-"));
    try {
      const out = join(dir, "backup.db");
      const schema = isPostgres(ctx.db)
        ? (await sql<{ name: string }>`select current_schema() as name`.execute(ctx.db)).rows[0]?.name
        : undefined;
      await backupDatabase(ctx.config.databaseUrl, out, { schema });
      const files = [out];
      if (!isPostgres(ctx.db)) {
        const file = sqlitePath(ctx.config.databaseUrl);
        files.push(file, `${file}-wal`);
      }
      for (const file of files.filter((f) => existsSync(f))) {
        const bytes = readFileSync(file).toString("latin1");
        expect(bytes.length, file).toBeGreaterThan(0);
        expect(found(bytes), file).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
