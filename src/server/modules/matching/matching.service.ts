import { assignInSlices, type EdgeTuple } from "../../../domain/matching/assign.ts";
import { blockingPairs, stableMatch } from "../../../domain/matching/stable.ts";
import type { Db } from "../../db/kysely.ts";
import type { MatchRunTable } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson } from "../../lib/json.ts";
import { byNameThenId, type PageRequest, pageByName } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as mentoringRepo from "../mentoring/mentoring.repository.ts";
import {
  insertProposedRelationship,
  loadSettings,
  matchPeople,
  matchPool,
  notifyNewMatch,
  pairExclusions,
  requireManagedProgram,
} from "../mentoring/mentoring.service.ts";
import { findPerson } from "../people/people.repository.ts";
import * as repo from "./matching.repository.ts";

export type RunMode = MatchRunTable["mode"];
export type UnmatchedReason =
  | "no_feasible_mentor"
  | "below_minimum_score"
  | "capacity_exhausted"
  | "removed_by_hand";

interface StoredUnmatched {
  menteeId: string;
  menteeName: string;
  reason: UnmatchedReason;
}

const PROGRESS_EVERY_MS = 100;
const HISTOGRAM_BUCKETS = 10;

async function requireRun(db: Db, actor: Actor, programId: string, runId: string) {
  await requireManagedProgram(db, actor, programId);
  const run = await repo.findRun(db, actor.organizationId, programId, runId);
  if (!run) throw errors.notFound("Match run");
  return run;
}

async function requireDraft(db: Db, actor: Actor, programId: string, runId: string) {
  const run = await requireRun(db, actor, programId, runId);
  if (run.status !== "draft") {
    throw errors.conflict(
      "matching.not_a_draft",
      `This match run is ${run.status}; only a draft can change.`,
      {
        status: run.status,
      },
    );
  }
  return run;
}

async function solveRun(deps: Deps, actor: Actor, programId: string, runId: string, mode: RunMode) {
  const { db } = deps;
  try {
    const started = performance.now();
    let lastWrite = started;
    /** Scoring is the first half of the bar, solving the second. */
    const report = async (fraction: number) => {
      if (performance.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = performance.now();
      await repo.updateRun(db, runId, { progress: Math.min(0.99, fraction), updated_at: nowIso() });
    };
    const pool = await matchPool(db, actor, programId, (f) => report(f / 2));
    const locked = (await repo.pairsOfRun(db, runId)).filter((p) => p.locked === 1);
    const menteeIndex = new Map(pool.mentees.map((m, i) => [m.person.id, i]));
    const mentorIndex = new Map(pool.mentors.map((m, i) => [m.person.id, i]));
    const slots = pool.mentees.map((m) => (mode === "stable" ? Math.min(1, m.slots) : m.slots));
    const seats = pool.mentors.map((m) => m.seats);
    const lockedPairs = new Set<string>();
    for (const p of locked) {
      const u = menteeIndex.get(p.mentee_id);
      const v = mentorIndex.get(p.mentor_id);
      if (u !== undefined) slots[u] = Math.max(0, (slots[u] as number) - 1);
      if (v !== undefined) seats[v] = Math.max(0, (seats[v] as number) - 1);
      lockedPairs.add(`${p.mentee_id}:${p.mentor_id}`);
    }
    const minimum = pool.settings.minimumScore;
    const edges: EdgeTuple[] = pool.allowed.filter(
      ([u, v, w]) =>
        w >= minimum &&
        (slots[u] as number) > 0 &&
        !lockedPairs.has(`${pool.mentees[u]?.person.id}:${pool.mentors[v]?.person.id}`),
    );

    let pairs: [number, number][];
    let blocking: number | null = null;
    if (mode === "optimal") {
      const result = await assignInSlices({ capacities: seats, slots, edges }, (p) =>
        report(0.5 + p.fraction / 2),
      );
      pairs = result.pairs;
    } else {
      const problem = {
        capacities: seats,
        mentees: pool.mentees.length,
        edges,
        rankings: pool.mentees.map((m) =>
          m.profile.ranking.flatMap((id) => {
            const v = mentorIndex.get(id);
            return v === undefined ? [] : [v];
          }),
        ),
      };
      pairs = stableMatch(problem).pairs;
      blocking = blockingPairs(problem, pairs).length;
    }

    const matched = new Map<number, number>();
    for (const [u] of pairs) matched.set(u, (matched.get(u) ?? 0) + 1);
    const hasAllowed = new Set(pool.allowed.map(([u]) => u));
    const hasEnough = new Set(pool.allowed.filter(([, , w]) => w >= minimum).map(([u]) => u));
    const unmatched: StoredUnmatched[] = [];
    pool.mentees.forEach((m, u) => {
      if ((matched.get(u) ?? 0) >= (slots[u] as number)) return;
      unmatched.push({
        menteeId: m.person.id,
        menteeName: m.person.name,
        reason: !hasAllowed.has(u)
          ? "no_feasible_mentor"
          : !hasEnough.has(u)
            ? "below_minimum_score"
            : "capacity_exhausted",
      });
    });
    const solved = pairs.map(([u, v]) => ({
      id: newId(),
      run_id: runId,
      mentee_id: pool.mentees[u]?.person.id as string,
      mentor_id: pool.mentors[v]?.person.id as string,
      score: pool.scoreOf(u, v),
      locked: 0,
      origin: "solver" as const,
    }));
    const solveMs = Math.round(performance.now() - started);
    await db.transaction().execute(async (trx) => {
      await repo.deleteUnlockedPairs(trx, runId);
      await repo.insertPairs(trx, solved);
      await repo.updateRun(trx, runId, {
        status: "draft",
        progress: 1,
        total: [...solved, ...locked].reduce((s, p) => s + p.score, 0),
        unmatched: JSON.stringify(unmatched),
        blocking_pairs: blocking,
        solve_ms: solveMs,
        updated_at: nowIso(),
      });
    });
  } catch (error) {
    console.error(`Match run ${runId} failed:`, error);
    await repo
      .updateRun(db, runId, {
        status: "failed",
        error: "The match run stopped before it finished. Start a new run.",
        updated_at: nowIso(),
      })
      .catch(() => undefined);
  }
}

/** One run solves at a time per program. */
async function refuseWhileRunning(db: Db, programId: string) {
  const running = await repo.runningRun(db, programId);
  if (running) {
    throw errors.conflict("matching.run_in_progress", "A match run is already running for this program.", {
      runId: running.id,
    });
  }
}

async function launch(deps: Deps, actor: Actor, programId: string, runId: string, mode: RunMode) {
  const solve = () => solveRun(deps, actor, programId, runId, mode);
  const waitMs = deps.config.matchRunWaitMs;
  if (waitMs === 0) {
    setImmediate(solve);
    return;
  }
  // Small programs come back solved; bigger ones keep solving and the page shows progress.
  await Promise.race([solve(), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

export async function startRun(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: { mode: RunMode },
  ip: string | null,
) {
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await requireManagedProgram(trx, actor, programId);
    const settings = await loadSettings(trx, programId);
    if (!settings.matchModes.includes("bulk")) {
      throw errors.unprocessable(
        "matching.bulk_disabled",
        "Bulk matching is turned off for this program. Turn it on in the program's matching settings.",
      );
    }
    await refuseWhileRunning(trx, programId);
    const now = nowIso();
    await repo.insertRun(trx, {
      id,
      organization_id: actor.organizationId,
      program_id: programId,
      mode: input.mode,
      status: "running",
      progress: 0,
      total: null,
      unmatched: "[]",
      blocking_pairs: null,
      solve_ms: null,
      error: null,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
      published_at: null,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "matching.run_started",
      targetType: "program",
      targetId: programId,
      ipAddress: ip,
      details: { runId: id, mode: input.mode },
    });
  });
  await launch(deps, actor, programId, id, input.mode);
  return getRun(deps.db, actor, programId, id);
}

export async function rerun(deps: Deps, actor: Actor, programId: string, runId: string) {
  const run = await deps.db.transaction().execute(async (trx) => {
    const run = await requireDraft(trx, actor, programId, runId);
    await refuseWhileRunning(trx, programId);
    await repo.updateRun(trx, runId, { status: "running", progress: 0, updated_at: nowIso() });
    return run;
  });
  await launch(deps, actor, programId, runId, run.mode);
  return getRun(deps.db, actor, programId, runId);
}

export async function listRuns(db: Db, actor: Actor, programId: string, page: PageRequest) {
  await requireManagedProgram(db, actor, programId);
  const { rows, nextCursor } = await repo.runPage(db, actor.organizationId, programId, page);
  return {
    nextCursor,
    items: rows.map((r) => ({
      id: r.id,
      mode: r.mode,
      status: r.status,
      progress: r.progress,
      // The pairs as they stand, hand edits included; nothing while it is still solving.
      total: r.status === "running" ? null : Math.round(r.pair_total * 10_000) / 10_000,
      pairs: r.pairs,
      createdAt: r.created_at,
      createdBy: r.created_by_name,
      publishedAt: r.published_at,
    })),
  };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** The score histogram, total, pair count and locked count of a run, from its per-bucket sums. */
function pairSummary(buckets: Awaited<ReturnType<typeof repo.pairBuckets>>) {
  const counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  let pairs = 0;
  let total = 0;
  let locked = 0;
  for (const b of buckets) {
    const i = Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, b.bucket));
    counts[i] = (counts[i] ?? 0) + b.count;
    pairs += b.count;
    total += b.total;
    locked += b.locked;
  }
  return {
    pairs,
    locked,
    total,
    histogram: counts.map((count, i) => ({
      from: i / HISTOGRAM_BUCKETS,
      to: (i + 1) / HISTOGRAM_BUCKETS,
      count,
    })),
  };
}

/** The stored unmatched mentees who still have no pair (a hand-made pair takes a mentee off the list). */
async function stillUnmatched(db: Db, run: { id: string; unmatched: string }) {
  const stored = parseJson<StoredUnmatched[]>(run.unmatched, []);
  if (stored.length === 0) return stored;
  const paired = await repo.pairedMentees(db, run.id);
  return stored.filter((u) => !paired.has(u.menteeId));
}

/**
 * A run's summary: its status and progress, and the totals, score distribution and counts of its pairs and
 * unmatched mentees. The pairs and the unmatched mentees themselves page through `pairPage` and
 * `unmatchedPage`.
 */
export async function getRun(db: Db, actor: Actor, programId: string, runId: string) {
  const run = await requireRun(db, actor, programId, runId);
  const [buckets, unmatched, settings] = await Promise.all([
    repo.pairBuckets(db, run.id, HISTOGRAM_BUCKETS),
    stillUnmatched(db, run),
    loadSettings(db, programId),
  ]);
  const summary = pairSummary(buckets);
  return {
    id: run.id,
    mode: run.mode,
    status: run.status,
    progress: run.progress,
    error: run.error,
    createdAt: run.created_at,
    publishedAt: run.published_at,
    solveMs: run.solve_ms,
    blockingPairs: run.blocking_pairs,
    minimumScore: settings.minimumScore,
    total: round4(summary.total),
    averageScore: summary.pairs ? round4(summary.total / summary.pairs) : null,
    histogram: summary.histogram,
    pairs: summary.pairs,
    lockedPairs: summary.locked,
    unmatched: unmatched.length,
  };
}

/** A page of a run's pairs by mentee then mentor, searched by name or narrowed to one mentee or mentor. */
export async function pairPage(
  db: Db,
  actor: Actor,
  programId: string,
  runId: string,
  f: PageRequest & { q?: string | undefined; menteeId?: string | undefined; mentorId?: string | undefined },
) {
  const run = await requireRun(db, actor, programId, runId);
  const { rows, nextCursor, total } = await repo.pairPage(db, run.id, f);
  return {
    items: rows.map((p) => ({
      id: p.id,
      mentee: { id: p.mentee_id, name: p.mentee_name },
      mentor: { id: p.mentor_id, name: p.mentor_name },
      score: p.score,
      locked: p.locked === 1,
      origin: p.origin,
    })),
    nextCursor,
    total,
  };
}

/**
 * A page of the mentees a run left unmatched, by name then id. They are stored with the run (one list
 * written when it is solved), so the page is cut from that list after the cursor's mentee.
 */
export async function unmatchedPage(
  db: Db,
  actor: Actor,
  programId: string,
  runId: string,
  page: PageRequest,
) {
  const run = await requireRun(db, actor, programId, runId);
  const all = (await stillUnmatched(db, run))
    .map((u) => ({ name: u.menteeName, id: u.menteeId, reason: u.reason }))
    .sort(byNameThenId);
  const { rows, nextCursor } = pageByName(all, page);
  return {
    items: rows.map((u) => ({ mentee: { id: u.id, name: u.name }, reason: u.reason })),
    nextCursor,
    total: all.length,
  };
}

async function allowedPair(db: Db, actor: Actor, programId: string, menteeId: string, mentorId: string) {
  const { exclusions, score } = await pairExclusions(db, actor, programId, menteeId, mentorId);
  if (exclusions.length) {
    throw errors.unprocessable(
      "matching.excluded",
      exclusions[0]?.reason ?? "This pair breaks a hard constraint of the program.",
      { exclusions },
    );
  }
  return score.total;
}

export async function addPair(
  db: Db,
  actor: Actor,
  programId: string,
  runId: string,
  input: { menteeId: string; mentorId: string },
) {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, actor, programId, runId);
    const score = await allowedPair(trx, actor, programId, input.menteeId, input.mentorId);
    const pool = await matchPeople(trx, actor, programId);
    const mentee = pool.mentees.find((m) => m.person.id === input.menteeId);
    const mentor = pool.mentors.find((m) => m.person.id === input.mentorId);
    const pairs = await repo.pairsOfRun(trx, runId);
    if (pairs.some((p) => p.mentee_id === input.menteeId && p.mentor_id === input.mentorId))
      throw errors.conflict("matching.pair_exists", "This pair is already in the draft.");
    if (pairs.filter((p) => p.mentee_id === input.menteeId).length >= (mentee?.slots ?? 0)) {
      throw errors.conflict(
        "matching.mentee_full",
        "This mentee already has as many mentors as the program allows. Remove or swap their pair first.",
      );
    }
    if (pairs.filter((p) => p.mentor_id === input.mentorId).length >= (mentor?.seats ?? 0)) {
      throw errors.conflict(
        "matching.mentor_full",
        "This mentor has no seat left in this draft. Remove or swap one of their pairs first.",
      );
    }
    await repo.insertPairs(trx, [
      {
        id: newId(),
        run_id: runId,
        mentee_id: input.menteeId,
        mentor_id: input.mentorId,
        score,
        locked: 1,
        origin: "manual",
      },
    ]);
  });
  return getRun(db, actor, programId, runId);
}

async function requirePair(db: Db, runId: string, pairId: string) {
  const pair = await repo.findPair(db, runId, pairId);
  if (!pair) throw errors.notFound("Pair");
  return pair;
}

export async function setLocked(
  db: Db,
  actor: Actor,
  programId: string,
  runId: string,
  pairId: string,
  locked: boolean,
) {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, actor, programId, runId);
    await requirePair(trx, runId, pairId);
    await repo.updatePair(trx, pairId, { locked: locked ? 1 : 0 });
  });
  return getRun(db, actor, programId, runId);
}

export async function removePair(db: Db, actor: Actor, programId: string, runId: string, pairId: string) {
  await db.transaction().execute(async (trx) => {
    const run = await requireDraft(trx, actor, programId, runId);
    const pair = await requirePair(trx, runId, pairId);
    await repo.deletePair(trx, pairId);
    const left = (await repo.pairsOfRun(trx, runId)).some((p) => p.mentee_id === pair.mentee_id);
    if (!left) {
      const unmatched = parseJson<StoredUnmatched[]>(run.unmatched, []).filter(
        (u) => u.menteeId !== pair.mentee_id,
      );
      const name = (await findPerson(trx, actor.organizationId, pair.mentee_id))?.name;
      unmatched.push({ menteeId: pair.mentee_id, menteeName: name ?? "", reason: "removed_by_hand" });
      await repo.updateRun(trx, runId, { unmatched: JSON.stringify(unmatched), updated_at: nowIso() });
    }
  });
  return getRun(db, actor, programId, runId);
}

export async function swap(
  db: Db,
  actor: Actor,
  programId: string,
  runId: string,
  input: { pairIds: [string, string] },
) {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, actor, programId, runId);
    const [a, b] = await Promise.all(input.pairIds.map((id) => requirePair(trx, runId, id)));
    if (!a || !b || a.id === b.id)
      throw errors.unprocessable("matching.swap_same", "Pick two different pairs.");
    if (a.mentee_id === b.mentee_id || a.mentor_id === b.mentor_id) {
      throw errors.unprocessable(
        "matching.swap_same",
        "Swapping these two pairs would change nothing: they share a person.",
      );
    }
    const pairs = await repo.pairsOfRun(trx, runId);
    const taken = (menteeId: string, mentorId: string) =>
      pairs.some((p) => p.mentee_id === menteeId && p.mentor_id === mentorId);
    if (taken(a.mentee_id, b.mentor_id) || taken(b.mentee_id, a.mentor_id)) {
      throw errors.conflict("matching.pair_exists", "One of the swapped pairs is already in the draft.");
    }
    const scoreA = await allowedPair(trx, actor, programId, a.mentee_id, b.mentor_id);
    const scoreB = await allowedPair(trx, actor, programId, b.mentee_id, a.mentor_id);
    await repo.updatePair(trx, a.id, { mentor_id: b.mentor_id, score: scoreA, locked: 1, origin: "manual" });
    await repo.updatePair(trx, b.id, { mentor_id: a.mentor_id, score: scoreB, locked: 1, origin: "manual" });
  });
  return getRun(db, actor, programId, runId);
}

export async function discard(db: Db, actor: Actor, programId: string, runId: string) {
  await db.transaction().execute(async (trx) => {
    await requireDraft(trx, actor, programId, runId);
    await repo.updateRun(trx, runId, { status: "discarded", updated_at: nowIso() });
  });
  return getRun(db, actor, programId, runId);
}

export async function publish(deps: Deps, actor: Actor, programId: string, runId: string, ip: string | null) {
  const { program, created } = await deps.db.transaction().execute(async (trx) => {
    const program = await requireManagedProgram(trx, actor, programId);
    await requireDraft(trx, actor, programId, runId);
    const pairs = await repo.pairsOfRun(trx, runId);
    if (pairs.length === 0) {
      throw errors.unprocessable("matching.empty_draft", "This draft has no pairs to publish.");
    }
    const pool = await matchPeople(trx, actor, programId);
    const slots = new Map(pool.mentees.map((m) => [m.person.id, m.slots]));
    const seats = new Map(pool.mentors.map((m) => [m.person.id, m.seats]));
    const stale: { pairId: string; reason: string }[] = [];
    for (const p of pairs) {
      const slot = slots.get(p.mentee_id) ?? 0;
      const seat = seats.get(p.mentor_id) ?? 0;
      if (slot <= 0)
        stale.push({ pairId: p.id, reason: `${p.mentee_name} was matched since this draft was made.` });
      else if (seat <= 0) stale.push({ pairId: p.id, reason: `${p.mentor_name} has no seat left any more.` });
      slots.set(p.mentee_id, slot - 1);
      seats.set(p.mentor_id, seat - 1);
    }
    if (stale.length) {
      throw errors.conflict(
        "matching.stale_draft",
        "Matches were made since this draft was computed. Re-run the draft, then publish.",
        { stale },
      );
    }
    const now = nowIso();
    const created: { relationshipId: string; menteeId: string; mentorId: string }[] = [];
    for (const p of pairs) {
      const relationshipId = newId();
      await insertProposedRelationship(trx, deps, actor, {
        id: relationshipId,
        programId,
        menteeId: p.mentee_id,
        mentorId: p.mentor_id,
        origin: "bulk",
        at: now,
      });
      if ((slots.get(p.mentee_id) ?? 0) <= 0)
        await mentoringRepo.withdrawOtherRequests(trx, programId, p.mentee_id, null, now);
      created.push({ relationshipId, menteeId: p.mentee_id, mentorId: p.mentor_id });
    }
    await repo.updateRun(trx, runId, { status: "published", published_at: now, updated_at: now });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "matching.run_published",
      targetType: "program",
      targetId: programId,
      ipAddress: ip,
      details: { runId, relationships: created.length },
    });
    return { program, created };
  });
  for (const c of created) await notifyNewMatch(deps, actor, program.name, c);
  return { ...(await getRun(deps.db, actor, programId, runId)), relationships: created.length };
}

/** The full breakdown of one pair, for a program manager weighing a match. */
export async function pairBreakdown(
  db: Db,
  actor: Actor,
  programId: string,
  menteeId: string,
  mentorId: string,
) {
  await requireManagedProgram(db, actor, programId);
  const { score, full, settings } = await pairExclusions(db, actor, programId, menteeId, mentorId);
  return {
    menteeId,
    mentorId,
    score: score.total,
    criteria: score.criteria,
    excluded: score.excluded,
    mentorFull: full,
    belowMinimum: score.excluded.length === 0 && score.total < settings.minimumScore,
    minimumScore: settings.minimumScore,
  };
}
