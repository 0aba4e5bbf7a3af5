import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assign, type EdgeTuple } from "../../../domain/matching/assign.ts";
import { blockingPairs } from "../../../domain/matching/stable.ts";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { insertPerson } from "../../seed/builders.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { failInterruptedRuns } from "./matching.repository.ts";

type Client = ReturnType<typeof client>;
interface Member {
  id: string;
  email: string;
  name: string;
  as: Client;
}

let ctx: TestContext;
let org: string;
let pm: Member;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db, "Matching");
  pm = await member({ role: "program_manager" });
});
afterAll(() => ctx.close());

let counter = 0;
async function member(spec: Parameters<typeof makePerson>[2] = {}, orgId = org): Promise<Member> {
  const name = spec.name ?? `Person ${++counter}`;
  const p = await makePerson(ctx.db, orgId, { ...spec, name });
  return { id: p.id, email: p.email, name, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

const SKILLS = ["Leadership", "TypeScript", "Negotiation", "Writing", "Design"];

/** A bulk-matching program: mentors with one seat each, mentees wanting different skills. */
async function program(opts: { mentors: number; mentees: number; settings?: Record<string, unknown> }) {
  const id = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
  const res = await pm.as.patch(`/api/programs/${id}/mentoring/settings`, {
    matchModes: ["self", "admin", "bulk"],
    mentorCapacity: 1,
    ...opts.settings,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const mentors: Member[] = [];
  const mentees: Member[] = [];
  for (let i = 0; i < opts.mentors; i++) {
    const m = await member({
      seniority: 4,
      department: i % 2 ? "Engineering" : "Sales",
      skills: SKILLS.map((name, k) => ({ name, level: 1 + ((i + k) % 5) })),
      interests: [SKILLS[i % SKILLS.length] as string],
    });
    await enrol(m, id, "mentor");
    mentors.push(m);
  }
  for (let i = 0; i < opts.mentees; i++) {
    const m = await member({
      seniority: 1,
      department: "Support",
      interests: [SKILLS[(i * 2) % SKILLS.length] as string],
    });
    await enrol(m, id, "mentee");
    await m.as.patch(`/api/programs/${id}/mentoring/me`, {
      skillsWanted: [{ name: SKILLS[i % SKILLS.length] as string, level: 4 }],
    });
    mentees.push(m);
  }
  return { id, mentors, mentees };
}

async function enrol(p: Member, programId: string, role: "mentor" | "mentee") {
  const res = await p.as.post(`/api/programs/${programId}/enrolments`, { role, answers: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function startRun(programId: string, mode: "optimal" | "stable" = "optimal") {
  const res = await pm.as.post(`/api/programs/${programId}/mentoring/match-runs`, { mode });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe("draft");
  return res.body;
}

const runPath = (programId: string, runId: string, rest = "") =>
  `/api/programs/${programId}/mentoring/match-runs/${runId}${rest}`;

interface Pair {
  id: string;
  mentee: { id: string; name: string };
  mentor: { id: string; name: string };
  score: number;
  locked: boolean;
  origin: string;
}
interface Unmatched {
  mentee: { id: string; name: string };
  reason: string;
}

/** Every item of a paged list of a run, following the cursors. */
async function allOf<T>(programId: string, runId: string, list: "pairs" | "unmatched"): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await pm.as.get(
      runPath(programId, runId, `/${list}?limit=200${cursor ? `&cursor=${cursor}` : ""}`),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
const pairsOf = (programId: string, runId: string) => allOf<Pair>(programId, runId, "pairs");
const unmatchedOf = (programId: string, runId: string) => allOf<Unmatched>(programId, runId, "unmatched");

/** Every pair's score as the API explains it, to compute the optimum independently. */
async function scores(p: { id: string; mentors: Member[]; mentees: Member[] }) {
  const edges: EdgeTuple[] = [];
  for (const [u, e] of p.mentees.entries()) {
    for (const [v, r] of p.mentors.entries()) {
      const res = await pm.as.get(
        `/api/programs/${p.id}/mentoring/pair-score?menteeId=${e.id}&mentorId=${r.id}`,
      );
      expect(res.status).toBe(200);
      if (res.body.excluded.length === 0 && res.body.score > 0) edges.push([u, v, res.body.score]);
    }
  }
  return edges;
}

describe("bulk match drafts", () => {
  it("an optimal draft has the highest total, never an excluded pair, and says why mentees are left out", async () => {
    const p = await program({ mentors: 3, mentees: 5 });
    // Mentor 0 manages mentee 0: a reporting line the solver must respect.
    await ctx.db
      .updateTable("person")
      .set({ manager_id: p.mentors[0]?.id as string })
      .where("id", "=", p.mentees[0]?.id as string)
      .execute();
    const edges = await scores(p);
    expect(edges.some(([u, v]) => u === 0 && v === 0)).toBe(false);
    const best = assign({ capacities: [1, 1, 1], slots: [1, 1, 1, 1, 1], edges });

    const run = await startRun(p.id);
    expect(run).toMatchObject({ pairs: 3, lockedPairs: 0, unmatched: 2 });
    expect(run.total).toBeCloseTo(best.total, 3);
    const pairs = await pairsOf(p.id, run.id);
    expect(pairs).toHaveLength(3);
    expect(pairs.some((x) => x.mentee.id === p.mentees[0]?.id && x.mentor.id === p.mentors[0]?.id)).toBe(
      false,
    );
    const unmatched = await unmatchedOf(p.id, run.id);
    expect(unmatched).toHaveLength(2);
    for (const u of unmatched) expect(u.reason).toBe("capacity_exhausted");
    // The summary is worked out over every pair by the server.
    expect(run.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(3);
    const band = (score: number) => Math.min(9, Math.floor(score * 10));
    expect(run.histogram.map((b: { count: number }) => b.count)).toEqual(
      run.histogram.map((_: unknown, i: number) => pairs.filter((x) => band(x.score) === i).length),
    );
    expect(run.total).toBeCloseTo(
      pairs.reduce((sum, x) => sum + x.score, 0),
      4,
    );
    expect(run.averageScore).toBeCloseTo(run.total / 3, 3);

    const list = await pm.as.get(`/api/programs/${p.id}/mentoring/match-runs`);
    expect(list.body.items[0]).toMatchObject({ id: run.id, status: "draft", pairs: 3 });
    expect(list.body.items[0].total).toBeCloseTo(run.total, 4);
    const edited = await pm.as.delete(runPath(p.id, run.id, `/pairs/${pairs[0]?.id}`));
    const after = await pm.as.get(`/api/programs/${p.id}/mentoring/match-runs`);
    expect(after.body.items[0]).toMatchObject({ pairs: 2 });
    expect(after.body.items[0].total).toBeCloseTo(edited.body.total, 4);
  });

  it("a minimum score keeps weak pairs out and names the reason", async () => {
    const p = await program({ mentors: 2, mentees: 2, settings: { minimumScore: 0.99 } });
    const run = await startRun(p.id);
    expect(run).toMatchObject({ pairs: 0, unmatched: 2, averageScore: null, total: 0 });
    expect((await unmatchedOf(p.id, run.id)).map((u) => u.reason)).toEqual([
      "below_minimum_score",
      "below_minimum_score",
    ]);
  });

  it("locks, swaps, hand-made pairs and removals shape the draft, and a re-run keeps what is locked", async () => {
    const p = await program({ mentors: 3, mentees: 4 });
    const run = await startRun(p.id);
    const pairs = await pairsOf(p.id, run.id);
    const [a, b, third] = pairs as [Pair, Pair, Pair];
    const swapped = await pm.as.post(runPath(p.id, run.id, "/swap"), { pairIds: [a.id, b.id] });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
    expect(swapped.body).toMatchObject({ pairs: 3, lockedPairs: 2 });
    const afterSwap = await pairsOf(p.id, run.id);
    const swappedPair = (id: string) => afterSwap.find((x) => x.id === id);
    expect(swappedPair(a.id)).toMatchObject({ mentor: { id: b.mentor.id }, locked: true });
    expect(swappedPair(b.id)).toMatchObject({ mentor: { id: a.mentor.id }, locked: true });
    expect(swapped.body.total).toBeLessThanOrEqual(run.total + 1e-9);

    const same = await pm.as.post(runPath(p.id, run.id, "/swap"), { pairIds: [a.id, a.id] });
    expect(same.status).toBe(422);

    // The left-out mentee cannot take a mentor whose seat is used in the draft.
    const left = (await unmatchedOf(p.id, run.id))[0]?.mentee.id;
    const full = await pm.as.post(runPath(p.id, run.id, "/pairs"), { menteeId: left, mentorId: a.mentor.id });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("matching.mentor_full");

    const removed = await pm.as.delete(runPath(p.id, run.id, `/pairs/${third.id}`));
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ pairs: 2, unmatched: 2 });
    expect((await unmatchedOf(p.id, run.id)).map((u) => [u.mentee.id, u.reason])).toContainEqual([
      third.mentee.id,
      "removed_by_hand",
    ]);
    const added = await pm.as.post(runPath(p.id, run.id, "/pairs"), {
      menteeId: left,
      mentorId: third.mentor.id,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    // The mentee paired by hand leaves the unmatched list.
    expect(added.body).toMatchObject({ pairs: 3, lockedPairs: 3, unmatched: 1 });
    expect((await unmatchedOf(p.id, run.id)).map((u) => u.mentee.id)).not.toContain(left);
    const manual = (await pairsOf(p.id, run.id)).find((x) => x.mentee.id === left);
    expect(manual).toMatchObject({ origin: "manual", locked: true, mentor: { id: third.mentor.id } });

    const unlocked = await pm.as.patch(runPath(p.id, run.id, `/pairs/${b.id}`), { locked: false });
    expect(unlocked.status).toBe(200);

    const rerun = await pm.as.post(runPath(p.id, run.id, "/rerun"));
    expect(rerun.status).toBe(200);
    expect(rerun.body.status).toBe("draft");
    const rerunPairs = await pairsOf(p.id, run.id);
    const kept = rerunPairs.filter((x) => x.locked);
    expect(kept.map((x) => [x.mentee.id, x.mentor.id]).sort()).toEqual(
      [
        [a.mentee.id, b.mentor.id],
        [left, third.mentor.id],
      ].sort(),
    );
    expect(rerunPairs).toHaveLength(3);
    expect(rerun.body).toMatchObject({ pairs: 3, lockedPairs: 2 });
  });

  it("a pair that breaks a hard constraint cannot be added by hand", async () => {
    const p = await program({ mentors: 2, mentees: 2 });
    const mentee = p.mentees[0] as Member;
    await mentee.as.patch(`/api/programs/${p.id}/mentoring/me`, { avoid: [p.mentors[0]?.id] });
    const run = await startRun(p.id);
    const pairs = await pairsOf(p.id, run.id);
    expect(pairs.some((x) => x.mentee.id === mentee.id && x.mentor.id === p.mentors[0]?.id)).toBe(false);
    for (const x of pairs) await pm.as.delete(runPath(p.id, run.id, `/pairs/${x.id}`));
    const res = await pm.as.post(runPath(p.id, run.id, "/pairs"), {
      menteeId: mentee.id,
      mentorId: p.mentors[0]?.id,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "matching.excluded" });
    expect(res.body.error.details.exclusions[0].code).toBe("avoided");
  });

  it("publishing proposes every pair as a relationship, tells both people, and cannot happen twice", async () => {
    const p = await program({ mentors: 2, mentees: 2 });
    const run = await startRun(p.id);
    expect(run.pairs).toBe(2);
    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const mails = p.mentees.map((m) => ctx.smtp.waitFor(m.email));
    const res = await pm.as.post(runPath(p.id, run.id, "/publish"));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "published", relationships: 2 });
    expect((await Promise.all(mails)).every((m) => /new mentor/.test(m.subject ?? ""))).toBe(true);
    const rels = await ctx.db
      .selectFrom("mentoring_relationship")
      .select(["mentee_id", "mentor_id", "status", "origin"])
      .where("program_id", "=", p.id)
      .execute();
    expect(rels).toHaveLength(2);
    for (const r of rels) expect(r).toMatchObject({ status: "proposed", origin: "bulk" });
    const again = await pm.as.post(runPath(p.id, run.id, "/publish"));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("matching.not_a_draft");
    const edit = await pm.as.post(runPath(p.id, run.id, "/rerun"));
    expect(edit.status).toBe(409);
  });

  it("a draft overtaken by a direct match cannot be published until it is re-run", async () => {
    const p = await program({ mentors: 2, mentees: 2 });
    const run = await startRun(p.id);
    const first = (await pairsOf(p.id, run.id))[0] as Pair;
    const direct = await pm.as.post(`/api/programs/${p.id}/mentoring/matches`, {
      menteeId: first.mentee.id,
      mentorId: first.mentor.id,
    });
    expect(direct.status).toBe(201);
    const stale = await pm.as.post(runPath(p.id, run.id, "/publish"));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("matching.stale_draft");
    expect(stale.body.error.details.stale[0].pairId).toBe(first.id);
    expect(
      await ctx.db.selectFrom("mentoring_relationship").select("id").where("program_id", "=", p.id).execute(),
    ).toHaveLength(1);
    const rerun = await pm.as.post(runPath(p.id, run.id, "/rerun"));
    expect(rerun.status).toBe(200);
    expect((await pairsOf(p.id, run.id)).some((x) => x.mentee.id === first.mentee.id)).toBe(false);
    expect((await pm.as.post(runPath(p.id, run.id, "/publish"))).status).toBe(200);
  });

  it("a stable draft has no blocking pair and honours the mentees' rankings", async () => {
    const p = await program({ mentors: 3, mentees: 4 });
    // Everyone ranks mentor 2 first; it has one seat, so its own preference (the score) decides.
    for (const m of p.mentees) {
      const res = await m.as.patch(`/api/programs/${p.id}/mentoring/me`, {
        ranking: [p.mentors[2]?.id, p.mentors[1]?.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const run = await startRun(p.id, "stable");
    expect(run.mode).toBe("stable");
    expect(run.blockingPairs).toBe(0);
    expect(run.pairs).toBe(3);
    const runPairs = await pairsOf(p.id, run.id);
    const edges = await scores(p);
    const index = (id: string, people: Member[]) => people.findIndex((x) => x.id === id);
    const pairs = runPairs.map(
      (x) => [index(x.mentee.id, p.mentees), index(x.mentor.id, p.mentors)] as [number, number],
    );
    const rankings = p.mentees.map(() => [2, 1]);
    expect(blockingPairs({ capacities: [1, 1, 1], mentees: 4, edges, rankings }, pairs)).toEqual([]);
    expect(runPairs.some((x) => x.mentor.id === p.mentors[2]?.id)).toBe(true);
  });

  it("is refused when bulk matching is off, while another run is solving (until a restart fails it), and for another organization", async () => {
    const off = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
    const res = await pm.as.post(`/api/programs/${off}/mentoring/match-runs`, { mode: "optimal" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("matching.bulk_disabled");

    const p = await program({ mentors: 1, mentees: 1 });
    const run = await startRun(p.id);
    await ctx.db.updateTable("match_run").set({ status: "running" }).where("id", "=", run.id).execute();
    const busy = await pm.as.post(`/api/programs/${p.id}/mentoring/match-runs`, { mode: "optimal" });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: "matching.run_in_progress", details: { runId: run.id } });

    expect(await failInterruptedRuns(ctx.db, nowIso())).toBe(1);
    const failed = await pm.as.get(runPath(p.id, run.id));
    expect(failed.body).toMatchObject({ status: "failed", error: expect.stringMatching(/restarted/) });
    expect((await pm.as.post(`/api/programs/${p.id}/mentoring/match-runs`, { mode: "optimal" })).status).toBe(
      201,
    );

    const otherOrg = await makeOrganization(ctx.db, "Elsewhere");
    const stranger = await member({ role: "org_admin" }, otherOrg);
    expect((await stranger.as.get(runPath(p.id, run.id))).status).toBe(404);
    const bad = await pm.as.post(`/api/programs/${p.id}/mentoring/match-runs`, { mode: "fastest" });
    expect(bad.status).toBe(400);
  });
});

describe("a large program", () => {
  it("keeps solving in the background, reports progress, and still answers other requests", async () => {
    // This server answers at once, as it would for any run slower than its wait.
    const quick = await createTestContext({ env: { MATCH_RUN_WAIT_MS: "0" } });
    const outer = { ctx, org, pm };
    ctx = quick;
    try {
      await largeRun();
    } finally {
      ({ ctx, org, pm } = outer);
      await quick.close();
    }
  }, 120_000);
});

async function largeRun() {
  org = await makeOrganization(ctx.db, "Large");
  pm = await member({ role: "program_manager" });
  {
    const id = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
    await pm.as.patch(`/api/programs/${id}/mentoring/settings`, { matchModes: ["bulk"], mentorCapacity: 3 });
    const now = nowIso();
    await ctx.db.transaction().execute(async (trx) => {
      for (const [role, count, seniority] of [
        ["mentor", 500, 4],
        ["mentee", 2500, 1],
      ] as const) {
        for (let i = 0; i < count; i++) {
          const personId = await insertPerson(trx, {
            organizationId: org,
            name: `Bulk ${role} ${i}`,
            email: `bulk.${role}.${i}@example.test`,
            status: "active",
            seniority,
            department: ["Sales", "Engineering", "Support"][i % 3] as string,
            interests: [SKILLS[i % SKILLS.length] as string],
            skills:
              role === "mentor" ? [{ name: SKILLS[i % SKILLS.length] as string, level: 1 + (i % 5) }] : [],
          });
          await trx
            .insertInto("enrolment")
            .values({
              id: newId(),
              organization_id: org,
              program_id: id,
              person_id: personId,
              role,
              answers: "{}",
              status: "active",
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
      }
    });
    const started = await pm.as.post(`/api/programs/${id}/mentoring/match-runs`, { mode: "optimal" });
    expect(started.status).toBe(201);
    expect(started.body.status).toBe("running");
    const seen: number[] = [started.body.progress];
    let run = started.body;
    while (run.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const list = await pm.as.get(`/api/programs/${id}/mentoring/match-runs`);
      expect(list.status).toBe(200);
      run = (await pm.as.get(runPath(id, started.body.id))).body;
      seen.push(run.progress);
    }
    expect(run.status).toBe("draft");
    expect(run).toMatchObject({ pairs: 1500, unmatched: 1000 });
    expect(run.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(1500);
    // Neither list comes back whole: each pages at most 200 at a time, and says how many there are.
    const firstPairs = await pm.as.get(runPath(id, run.id, "/pairs?limit=200"));
    expect(firstPairs.body.items).toHaveLength(200);
    expect(firstPairs.body.total).toBe(1500);
    expect((await pairsOf(id, run.id)).length).toBe(1500);
    const unmatched = await unmatchedOf(id, run.id);
    expect(new Set(unmatched.map((u) => u.mentee.id)).size).toBe(1000);
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    expect(seen.every((p, i) => i === 0 || p >= (seen[i - 1] as number))).toBe(true);
  }
}

describe("paging", () => {
  it("pages through a program's runs, newest first, each once", async () => {
    const p = await program({ mentors: 1, mentees: 1 });
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await startRun(p.id);
      started.push(run.id);
      await pm.as.post(runPath(p.id, run.id, "/discard"));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await pm.as.get(
        `/api/programs/${p.id}/mentoring/match-runs?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const r of res.body.items) expect(r).toMatchObject({ status: "discarded", pairs: 1 });
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...started].reverse());
    const bad = await pm.as.get(`/api/programs/${p.id}/mentoring/match-runs?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cursor");
  });
});

/** Reads a list of four in pages of three: a full first page with a cursor, then the last one. */
async function fourInPagesOfThree<T>(path: string): Promise<T[]> {
  const first = await pm.as.get(`${path}?limit=3`);
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(3);
  expect(first.body.total).toBe(4);
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await pm.as.get(`${path}?limit=3&cursor=${first.body.nextCursor}`);
  expect(second.status).toBe(200);
  expect(second.body.items).toHaveLength(1);
  expect(second.body.nextCursor).toBeNull();
  expect(second.body.total).toBe(4);
  return [...first.body.items, ...second.body.items];
}

describe("paging a run's pairs and unmatched mentees", () => {
  it("pairs come by mentee name, each once, with a total; search and one person's pairs narrow them", async () => {
    const p = await program({ mentors: 4, mentees: 6 });
    const run = await startRun(p.id);
    expect(run).toMatchObject({ pairs: 4, unmatched: 2 });
    const path = runPath(p.id, run.id, "/pairs");

    const seen = await fourInPagesOfThree<Pair>(path);
    expect(new Set(seen.map((x) => x.id)).size).toBe(4);
    const names = seen.map((x) => x.mentee.name);
    expect(names).toEqual([...names].sort());
    expect(seen).toEqual(await pairsOf(p.id, run.id));

    const one = seen[0] as Pair;
    const byMentee = await pm.as.get(`${path}?menteeId=${one.mentee.id}`);
    expect(byMentee.body).toMatchObject({ total: 1, nextCursor: null, items: [{ id: one.id }] });
    const byMentor = await pm.as.get(`${path}?mentorId=${one.mentor.id}&limit=1`);
    expect(byMentor.body).toMatchObject({ total: 1, nextCursor: null, items: [{ id: one.id }] });
    const unpaired = p.mentees.find((m) => !seen.some((x) => x.mentee.id === m.id)) as Member;
    expect((await pm.as.get(`${path}?menteeId=${unpaired.id}`)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    const found = await pm.as.get(`${path}?q=${encodeURIComponent(one.mentor.name.toUpperCase())}`);
    expect(found.body.items.map((x: Pair) => x.id)).toEqual([one.id]);
    expect(found.body.total).toBe(1);

    expect((await pm.as.get(`${path}?limit=201`)).status).toBe(400);
    expect((await pm.as.get(`${path}?limit=0`)).status).toBe(400);
    const bad = await pm.as.get(`${path}?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cursor");
    expect((await pm.as.get(`${path}?menteeId=not-an-id`)).status).toBe(400);
    expect((await pm.as.get(runPath(p.id, newId(), "/pairs"))).status).toBe(404);
  });

  it("unmatched mentees come by name, each once, after the cursor; a hand-made pair takes one off", async () => {
    const p = await program({ mentors: 1, mentees: 5 });
    const run = await startRun(p.id);
    expect(run).toMatchObject({ pairs: 1, unmatched: 4 });
    const path = runPath(p.id, run.id, "/unmatched");

    const seen = await fourInPagesOfThree<Unmatched>(path);
    expect(new Set(seen.map((u) => u.mentee.id)).size).toBe(4);
    const names = seen.map((u) => u.mentee.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    for (const u of seen) expect(u.reason).toBe("capacity_exhausted");
    const exact = await pm.as.get(`${path}?limit=4`);
    expect(exact.body.items).toHaveLength(4);
    expect(exact.body.nextCursor).toBeNull();

    expect((await pm.as.get(`${path}?limit=201`)).status).toBe(400);
    const bad = await pm.as.get(`${path}?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cursor");

    // Giving the mentor to the first unmatched mentee swaps who is unmatched.
    const [paired] = await pairsOf(p.id, run.id);
    await pm.as.delete(runPath(p.id, run.id, `/pairs/${paired?.id}`));
    const added = await pm.as.post(runPath(p.id, run.id, "/pairs"), {
      menteeId: seen[0]?.mentee.id,
      mentorId: paired?.mentor.id,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ pairs: 1, unmatched: 4 });
    const after = await unmatchedOf(p.id, run.id);
    expect(after.map((u) => u.mentee.id)).not.toContain(seen[0]?.mentee.id);
    expect(after.find((u) => u.mentee.id === paired?.mentee.id)?.reason).toBe("removed_by_hand");
  });

  it("is only for the program's managers, and a run of another organization is not found", async () => {
    const p = await program({ mentors: 1, mentees: 1 });
    const run = await startRun(p.id);
    const mentee = p.mentees[0] as Member;
    for (const list of ["pairs", "unmatched"]) {
      expect((await mentee.as.get(runPath(p.id, run.id, `/${list}`))).status).toBe(403);
      const otherOrg = await makeOrganization(ctx.db, "Elsewhere");
      const stranger = await member({ role: "org_admin" }, otherOrg);
      expect((await stranger.as.get(runPath(p.id, run.id, `/${list}`))).status).toBe(404);
    }
  });
});

describe("fair recommendations and mentee preferences", () => {
  it("shows the 20 best-fitting mentors and says how many fit", async () => {
    const p = await program({ mentors: 23, mentees: 1 });
    const res = await p.mentees[0]?.as.get(`/api/programs/${p.id}/mentoring/recommendations`);
    expect(res?.body.items).toHaveLength(20);
    expect(res?.body.eligible).toBe(23);
    const scores = res?.body.items.slice(1).map((i: { score: number }) => i.score) as number[];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("a star mentor with one seat is the first choice of one mentee only", async () => {
    const p = await program({ mentors: 3, mentees: 3 });
    const shown = [];
    for (const m of p.mentees) {
      const res = await m.as.get(`/api/programs/${p.id}/mentoring/recommendations`);
      expect(res.status).toBe(200);
      const first = res.body.items[0];
      expect(first.bestFit).toBe(true);
      expect(res.body.items.filter((i: { bestFit: boolean }) => i.bestFit)).toHaveLength(1);
      shown.push(first.mentor.id);
    }
    expect(new Set(shown).size).toBe(3);
  });

  it("rankings and avoid lists only name other mentors of the program, once, and never both", async () => {
    const p = await program({ mentors: 2, mentees: 1 });
    const mentee = p.mentees[0] as Member;
    const path = `/api/programs/${p.id}/mentoring/me`;
    const ok = await mentee.as.patch(path, { ranking: [p.mentors[1]?.id, p.mentors[0]?.id] });
    expect(ok.body.ranking).toEqual([p.mentors[1]?.id, p.mentors[0]?.id]);
    const rec = await mentee.as.get(`/api/programs/${p.id}/mentoring/recommendations`);
    const ranked = rec.body.items.find((i: { mentor: { id: string } }) => i.mentor.id === p.mentors[1]?.id);
    expect(ranked.criteria.find((c: { key: string }) => c.key === "ranking").explanation).toMatch(
      /choice number 1/,
    );

    const outsider = await member();
    const bad = await mentee.as.patch(path, { ranking: [outsider.id] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("mentoring.not_a_mentor");
    const twice = await mentee.as.patch(path, { avoid: [p.mentors[0]?.id, p.mentors[0]?.id] });
    expect(twice.body.error.code).toBe("mentoring.duplicate_mentor");
    const both = await mentee.as.patch(path, { ranking: [p.mentors[0]?.id], avoid: [p.mentors[0]?.id] });
    expect(both.body.error.code).toBe("mentoring.ranked_and_avoided");

    const stored = await mentee.as.patch(path, { avoid: [p.mentors[0]?.id] });
    expect(stored.body.error.code).toBe("mentoring.ranked_and_avoided");
    await mentee.as.patch(path, { ranking: [], avoid: [p.mentors[0]?.id] });
    const after = await mentee.as.get(`/api/programs/${p.id}/mentoring/recommendations`);
    expect(after.body.items.map((i: { mentor: { id: string } }) => i.mentor.id)).toEqual([p.mentors[1]?.id]);
    const breakdown = await pm.as.get(
      `/api/programs/${p.id}/mentoring/pair-score?menteeId=${mentee.id}&mentorId=${p.mentors[0]?.id}`,
    );
    expect(breakdown.body.excluded.map((e: { code: string }) => e.code)).toEqual(["avoided"]);
  });

  it("the ideal seniority gap, mentors per mentee and minimum score are program settings with checks", async () => {
    const id = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
    const path = `/api/programs/${id}/mentoring/settings`;
    const saved = await pm.as.patch(path, {
      idealSeniorityGap: { min: 2, max: 3 },
      mentorsPerMentee: 2,
      minimumScore: 0.4,
    });
    expect(saved.body).toMatchObject({
      idealSeniorityGap: { min: 2, max: 3 },
      mentorsPerMentee: 2,
      minimumScore: 0.4,
    });
    expect((await pm.as.get(path)).body.idealSeniorityGap).toEqual({ min: 2, max: 3 });
    const order = await pm.as.patch(path, { idealSeniorityGap: { min: 3, max: 1 } });
    expect(order.status).toBe(422);
    expect(order.body.error.code).toBe("mentoring.seniority_gap_order");
    expect((await pm.as.patch(path, { mentorsPerMentee: 9 })).status).toBe(400);
    expect((await pm.as.patch(path, { minimumScore: 2 })).status).toBe(400);
  });

  it("with two mentors per mentee, the bulk match gives a mentee two different mentors, and no more", async () => {
    const p = await program({ mentors: 3, mentees: 1, settings: { mentorsPerMentee: 2 } });
    const run = await startRun(p.id);
    const pairs = await pairsOf(p.id, run.id);
    expect(pairs).toHaveLength(2);
    expect(new Set(pairs.map((x) => x.mentor.id)).size).toBe(2);
    expect((await pm.as.post(runPath(p.id, run.id, "/publish"))).status).toBe(200);
    const third = p.mentors.find((m) => !pairs.some((x) => x.mentor.id === m.id));
    const more = await pm.as.post(`/api/programs/${p.id}/mentoring/matches`, {
      menteeId: p.mentees[0]?.id,
      mentorId: third?.id,
    });
    expect(more.status).toBe(409);
    expect(more.body.error.message).toMatch(/2 mentors/);
  });

  it("a mentor who leaves the program drops out of a mentee's ranking", async () => {
    const p = await program({ mentors: 2, mentees: 1 });
    const mentee = p.mentees[0] as Member;
    const path = `/api/programs/${p.id}/mentoring/me`;
    await mentee.as.patch(path, { ranking: [p.mentors[0]?.id, p.mentors[1]?.id] });
    await ctx.db
      .updateTable("enrolment")
      .set({ status: "withdrawn" })
      .where("program_id", "=", p.id)
      .where("person_id", "=", p.mentors[0]?.id as string)
      .execute();
    expect((await mentee.as.get(path)).body.ranking).toEqual([p.mentors[1]?.id]);
  });
});
