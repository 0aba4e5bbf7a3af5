import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_PASSWORD, generate } from "../../../bench/seed/generate.ts";
import { hashPassword } from "../lib/crypto.ts";
import { client, signIn } from "../testing/factories.ts";
import { createTestContext, type TestContext } from "../testing/harness.ts";

/** Tables that grow with the organization; reading one of these whole on a hot path is a bug. */
const LARGE = new Set([
  "person",
  "enrolment",
  "audit_event",
  "auth_user",
  "auth_session",
  "auth_account",
  "mentoring_participant",
  "mentoring_request",
  "mentoring_relationship",
  "mentoring_meeting",
  "mentoring_checkin",
  "mentoring_goal",
  "coaching_engagement",
  "coaching_session",
  "coaching_action",
  "coaching_objective",
  "training_enrolment",
  "training_session",
  "training_attendance",
  "training_certificate",
  "training_assignee",
  "training_submission",
  "training_quiz_attempt",
]);

let ctx: TestContext;
let capturing = false;
const captured: CompiledQuery[] = [];
type Manifest = Awaited<ReturnType<typeof generate>>["manifest"];
let manifest: Manifest;

beforeAll(async () => {
  ctx = await createTestContext({
    onQuery: (q) => capturing && captured.push(q),
    backgroundJobs: false,
    env: { READ_CACHE: "off" },
  });
  ({ manifest } = await generate({
    databaseUrl: "",
    handle: { db: ctx.db, engine: ctx.engine, close: async () => {} },
    people: 300,
    seed: 11,
    now: new Date(),
    publicUrl: ctx.config.publicUrl,
    masterKey: ctx.masterKey,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    signed: 0,
    signWorkers: 0,
    rawSqlite: false,
  }));
}, 120_000);
afterAll(() => ctx.close());

/** The tables a plan reads whole, without an index. */
async function fullScans(query: CompiledQuery): Promise<string[]> {
  if (ctx.engine === "sqlite") {
    const aliases = new Map<string, string>();
    for (const m of query.sql.matchAll(/"(\w+)" as "(\w+)"/g)) aliases.set(m[2] as string, m[1] as string);
    const plan = await ctx.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return plan.rows
      .map((r) => /^SCAN (\w+)(?! USING)/.exec(r.detail)?.[1])
      .filter((t): t is string => t !== undefined)
      .map((t) => aliases.get(t) ?? t)
      .filter((t) => LARGE.has(t));
  }
  return ctx.db.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw("set enable_seqscan = off"));
    try {
      const result = await conn.executeQuery<{ "QUERY PLAN": unknown }>(
        CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
      );
      const scans: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        if (node["Node Type"] === "Seq Scan" && LARGE.has(String(node["Relation Name"])))
          scans.push(String(node["Relation Name"]));
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      const root = (result.rows[0]?.["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0];
      if (root) walk(root.Plan);
      return scans;
    } finally {
      await conn.executeQuery(CompiledQuery.raw("reset enable_seqscan"));
    }
  });
}

describe("hot queries use an index", () => {
  it("notices a full scan when it sees one", async () => {
    const unindexed = ctx.db
      .selectFrom("person as p")
      .select("p.id")
      .where("p.title", "=", "Engineer")
      .compile();
    expect(await fullScans(unindexed)).toEqual(["person"]);
    const indexed = ctx.db.selectFrom("person").select("id").where("manager_id", "=", "x").compile();
    expect(await fullScans(indexed)).toEqual([]);
  });

  it("reads no large table whole on the pages people use most", async () => {
    const { ids } = manifest;
    const as = async (name: string) => {
      const account = manifest.accounts.find((a) => a.name === name);
      if (!account) throw new Error(`no ${name} account`);
      return client(ctx.app, await signIn(ctx.app, account.email, BENCH_PASSWORD));
    };
    const member = await as("member");
    const mentee = await as("mentee");
    const pm = await as("pm");
    const trainer = await as("trainer");
    const admin = await as("admin");
    const sheet = await trainer.get(`/api/training/sessions/${ids.trainingSessionId}/attendance`);
    const requests: [ReturnType<typeof client>, string, string, unknown?][] = [
      [member, "GET", "/api/me"],
      [member, "GET", "/api/me/next-steps"],
      [member, "GET", `/api/people?q=${encodeURIComponent(ids.directorySearch)}`],
      [member, "GET", "/api/people"],
      [member, "GET", "/api/mentoring/relationships"],
      [member, "GET", `/api/mentoring/relationships/${ids.memberRelationshipId}/meetings`],
      [member, "GET", "/api/coaching/actions"],
      [member, "GET", "/api/training/me"],
      [mentee, "GET", `/api/programs/${ids.recommendations.programId}/mentoring/recommendations`],
      [pm, "GET", `/api/programs/${ids.flagshipProgramId}/mentoring/overview`],
      [trainer, "GET", `/api/training/cohorts/${ids.gradebookCohortId}/gradebook`],
      [admin, "GET", "/api/analytics/organization"],
      [admin, "GET", "/api/audit"],
      [
        member,
        "POST",
        `/api/mentoring/relationships/${ids.memberRelationshipId}/meetings`,
        { metOn: "2026-11-20", durationMinutes: 30, topics: ["Plans"], notes: "Plans" },
      ],
      [
        trainer,
        "PUT",
        `/api/training/sessions/${ids.trainingSessionId}/attendance`,
        {
          marks: (sheet.body.rows as { person: { id: string } }[])
            .slice(0, 5)
            .map((r) => ({ personId: r.person.id, status: "present" })),
        },
      ],
    ];
    const problems: string[] = [];
    let checked = 0;
    for (const [who, method, path, body] of requests) {
      captured.length = 0;
      capturing = true;
      const res = await who.call(method, path, body);
      capturing = false;
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      const selects = captured.filter((q) => /^\s*(with|select)\b/i.test(q.sql));
      for (const query of selects) {
        checked++;
        const scans = await fullScans(query);
        if (scans.length) problems.push(`${method} ${path} scans ${scans.join(", ")}:\n  ${query.sql}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, 120_000);
});
