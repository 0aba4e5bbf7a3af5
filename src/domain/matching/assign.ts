/**
 * Exact maximum-weight assignment of mentees to mentors with capacities (a bipartite b-matching), as a
 * min-cost flow solved by successive shortest paths with potentials:
 *
 *   source → mentee (capacity: slots) → mentor (one unit per pair, cost −score) → sink (capacity: capacity)
 *   mentee → sink directly (cost 0: "stays unmatched", so no pair is ever forced in)
 *
 * Capacities are used as they are, never expanded into copies. Two things keep it fast on dense
 * programs: a mentee whose best reduced-cost mentor still has room is placed without a search, and the
 * search first runs on each mentee's best few candidates. The LP duals of that sparse optimum are then
 * priced against every allowed pair; a pair they undervalue joins the candidates and the sparse problem is
 * solved again, so the answer is the optimum of the whole problem, with the duals as its certificate.
 */

export type EdgeTuple = readonly [mentee: number, mentor: number, score: number];

/** Allowed pairs as parallel typed arrays: the compact form for large problems. */
export interface EdgeArrays {
  mentee: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
}

export interface AssignmentProblem {
  /** Mentor capacities (≥ 0). */
  capacities: ArrayLike<number>;
  /** Mentee slots: how many mentors each mentee may get (≥ 0). */
  slots: ArrayLike<number>;
  /** Allowed pairs. A pair not listed is forbidden. Pairs with a score ≤ 0 are never assigned. */
  edges: ReadonlyArray<EdgeTuple> | EdgeArrays;
}

export type UnmatchedReason = "no_feasible_mentor" | "capacity_exhausted";

export interface Assignment {
  /** [mentee, mentor] pairs, sorted. */
  pairs: [number, number][];
  total: number;
  /** For every mentee with an unused slot: why. */
  unmatched: { mentee: number; reason: UnmatchedReason }[];
  /** Optimal LP duals (a mentee's value, a mentor's price): the certificate `certify` checks. */
  duals: { mentee: Float64Array; mentor: Float64Array };
}

export interface SolveProgress {
  /** 0–1 over all passes. */
  fraction: number;
  pass: number;
}

const SPARSE_CANDIDATES = 12;

/** Rows of allowed pairs by mentee (compressed sparse rows), duplicates merged to their best score. */
interface Rows {
  n: number;
  m: number;
  start: Int32Array;
  col: Int32Array;
  score: Float64Array;
}

function forEachEdge(edges: AssignmentProblem["edges"], fn: (u: number, v: number, w: number) => void) {
  if (Array.isArray(edges)) {
    for (const [u, v, w] of edges as ReadonlyArray<EdgeTuple>) fn(u, v, w);
    return;
  }
  const { mentee, mentor, score } = edges as EdgeArrays;
  for (let i = 0; i < score.length; i++) fn(mentee[i] as number, mentor[i] as number, score[i] as number);
}

const badScore = (u: number, v: number) =>
  new RangeError(`Edge [${u}, ${v}] has a score that is not a finite number.`);
const outOfRange = (u: number, v: number) => new RangeError(`Edge [${u}, ${v}] is out of range.`);

/** Typed-array edges already grouped by mentee, all allowed and without repeats, become rows as they are. */
function rowsInPlace(edges: EdgeArrays, n: number, m: number): Rows | null {
  const { mentee, mentor, score } = edges;
  const start = new Int32Array(n + 1);
  let grouped = true;
  let previous = 0;
  for (let e = 0; e < score.length; e++) {
    const u = mentee[e] as number;
    const v = mentor[e] as number;
    if (!(u >= 0 && u < n && v >= 0 && v < m)) throw outOfRange(u, v);
    const w = score[e] as number;
    if (!Number.isFinite(w)) throw badScore(u, v);
    if (!(w > 0) || u < previous) grouped = false;
    previous = u;
    start[u + 1] = (start[u + 1] as number) + 1;
  }
  if (!grouped) return null;
  for (let u = 0; u < n; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
  const seenBy = new Int32Array(m).fill(-1);
  for (let u = 0; u < n; u++) {
    for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
      const v = mentor[e] as number;
      if (seenBy[v] === u) return null;
      seenBy[v] = u;
    }
  }
  return { n, m, start, col: mentor, score };
}

function toRows(problem: AssignmentProblem): Rows {
  const n = problem.slots.length;
  const m = problem.capacities.length;
  if (!Array.isArray(problem.edges)) {
    const rows = rowsInPlace(problem.edges as EdgeArrays, n, m);
    if (rows) return rows;
  }
  const count = new Int32Array(n + 1);
  forEachEdge(problem.edges, (u, v, w) => {
    if (!(Number.isInteger(u) && u >= 0 && u < n && Number.isInteger(v) && v >= 0 && v < m))
      throw outOfRange(u, v);
    if (!Number.isFinite(w)) throw badScore(u, v);
    if (w > 0) count[u + 1] = (count[u + 1] as number) + 1;
  });
  for (let u = 0; u < n; u++) count[u + 1] = (count[u + 1] as number) + (count[u] as number);
  const fill = count.slice(0, n);
  const total = count[n] as number;
  const col = new Int32Array(total);
  const score = new Float64Array(total);
  forEachEdge(problem.edges, (u, v, w) => {
    if (!(w > 0)) return;
    const e = fill[u] as number;
    fill[u] = e + 1;
    col[e] = v;
    score[e] = w;
  });
  // Merge duplicate pairs, keeping the best score.
  const seenAt = new Int32Array(m).fill(-1);
  const start = new Int32Array(n + 1);
  let out = 0;
  for (let u = 0; u < n; u++) {
    const rowOut = out;
    for (let e = count[u] as number; e < (count[u + 1] as number); e++) {
      const v = col[e] as number;
      const w = score[e] as number;
      const at = seenAt[v] as number;
      if (at >= rowOut) {
        if (w > (score[at] as number)) score[at] = w;
        continue;
      }
      seenAt[v] = out;
      col[out] = v;
      score[out] = w;
      out++;
    }
    start[u + 1] = out;
  }
  return { n, m, start, col: col.subarray(0, out), score: score.subarray(0, out) };
}

/** Each mentee's `k` best-scoring candidates, plus every pair in `extra` (flagged per edge of `full`). */
function candidateRows(full: Rows, k: number, extra: Uint8Array | null): { rows: Rows; keep: Uint8Array } {
  const { n, m } = full;
  const start = new Int32Array(n + 1);
  const keep = new Uint8Array(full.col.length);
  // The k best of a row by insertion into a short sorted buffer: one pass, most pairs rejected at once.
  const topEdge = new Int32Array(k);
  const topScore = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    const a = full.start[u] as number;
    const b = full.start[u + 1] as number;
    if (b - a <= k) {
      keep.fill(1, a, b);
      continue;
    }
    let filled = 0;
    for (let e = a; e < b; e++) {
      const w = full.score[e] as number;
      if (filled === k) {
        const last = topScore[k - 1] as number;
        if (w < last) continue;
        // Equal scores go to the lower mentor index, so the candidates never depend on the input order.
        if (w === last && (full.col[topEdge[k - 1] as number] as number) < (full.col[e] as number)) continue;
      }
      let i = filled < k ? filled++ : k - 1;
      while (
        i > 0 &&
        ((topScore[i - 1] as number) < w ||
          ((topScore[i - 1] as number) === w &&
            (full.col[topEdge[i - 1] as number] as number) > (full.col[e] as number)))
      ) {
        topScore[i] = topScore[i - 1] as number;
        topEdge[i] = topEdge[i - 1] as number;
        i--;
      }
      topScore[i] = w;
      topEdge[i] = e;
    }
    for (let i = 0; i < k; i++) keep[topEdge[i] as number] = 1;
    if (extra) for (let e = a; e < b; e++) if (extra[e]) keep[e] = 1;
  }
  let size = 0;
  for (let u = 0; u < n; u++) {
    for (let e = full.start[u] as number; e < (full.start[u + 1] as number); e++) if (keep[e]) size++;
    start[u + 1] = size;
  }
  const col = new Int32Array(size);
  const score = new Float64Array(size);
  let out = 0;
  for (let e = 0; e < full.col.length; e++) {
    if (!keep[e]) continue;
    col[out] = full.col[e] as number;
    score[out] = full.score[e] as number;
    out++;
  }
  return { rows: { n, m, start, col, score }, keep };
}

/** A binary min-heap of node ids keyed by distance, with decrease-key; ties go to the lower node id. */
class NodeHeap {
  readonly nodes: Int32Array;
  readonly pos: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.nodes = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  private less(a: number, b: number) {
    const ka = this.key[a] as number;
    const kb = this.key[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  private up(i: number) {
    const { nodes, pos } = this;
    const x = nodes[i] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const y = nodes[p] as number;
      if (!this.less(x, y)) break;
      nodes[i] = y;
      pos[y] = i;
      i = p;
    }
    nodes[i] = x;
    pos[x] = i;
  }

  /** Inserts the node, or moves it up after its key dropped. */
  push(x: number) {
    const at = this.pos[x] as number;
    if (at >= 0) {
      this.up(at);
      return;
    }
    const i = this.size++;
    this.nodes[i] = x;
    this.pos[x] = i;
    this.up(i);
  }

  pop(): number {
    const { nodes, pos } = this;
    const top = nodes[0] as number;
    pos[top] = -1;
    const last = nodes[--this.size] as number;
    const n = this.size;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(nodes[c + 1] as number, nodes[c] as number)) c++;
      const y = nodes[c] as number;
      if (!this.less(y, last)) break;
      nodes[i] = y;
      pos[y] = i;
      i = c;
    }
    nodes[i] = last;
    pos[last] = i;
    return top;
  }

  clear() {
    for (let i = 0; i < this.size; i++) this.pos[this.nodes[i] as number] = -1;
    this.size = 0;
  }
}

interface Solution {
  /** Per edge of the rows solved: 1 when the pair is assigned. */
  used: Uint8Array;
  /** Potentials: mentees 0..n−1, then mentors n..n+m−1; the sink's stays 0. */
  pot: Float64Array;
}

/**
 * Successive shortest paths on `rows`. A generator so that a caller can report progress (and let other
 * work run) between mentees; it yields the number of mentees placed so far.
 */
function* shortestPaths(rows: Rows, capacity: Int32Array, slots: Int32Array): Generator<number, Solution> {
  const { n, m, start, col, score } = rows;
  const E = col.length;
  const pot = new Float64Array(n + m);
  const used = new Uint8Array(E);
  const menteeOf = new Int32Array(E);
  for (let u = 0; u < n; u++) menteeOf.fill(u, start[u] as number, start[u + 1] as number);

  // Holders of each mentor, in a fixed block sized by what it can actually take.
  const inDegree = new Int32Array(m);
  for (let e = 0; e < E; e++) inDegree[col[e] as number] = (inDegree[col[e] as number] as number) + 1;
  const cap = new Int32Array(m);
  const holdStart = new Int32Array(m + 1);
  for (let v = 0; v < m; v++) {
    cap[v] = Math.min(capacity[v] as number, inDegree[v] as number);
    holdStart[v + 1] = (holdStart[v] as number) + (cap[v] as number);
  }
  const holders = new Int32Array(holdStart[m] as number);
  const load = new Int32Array(m);
  const held = new Int32Array(n);

  const size = n + m;
  const dist = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const state = new Uint8Array(size); // 0 untouched, 1 labelled, 2 scanned
  const prevNode = new Int32Array(size);
  const prevEdge = new Int32Array(size);
  const touched = new Int32Array(size);
  let touchedCount = 0;
  const heap = new NodeHeap(size, dist);

  const relax = (x: number, d: number, from: number, e: number) => {
    if (d < (dist[x] as number)) {
      if (state[x] === 0) {
        state[x] = 1;
        touched[touchedCount++] = x;
      }
      dist[x] = d;
      prevNode[x] = from;
      prevEdge[x] = e;
      heap.push(x);
    }
  };

  const removeHolder = (v: number, e: number) => {
    const a = holdStart[v] as number;
    const last = a + (load[v] as number) - 1;
    for (let h = a; h <= last; h++) {
      if (holders[h] === e) {
        holders[h] = holders[last] as number;
        break;
      }
    }
    load[v] = (load[v] as number) - 1;
  };
  const addHolder = (v: number, e: number) => {
    holders[(holdStart[v] as number) + (load[v] as number)] = e;
    load[v] = (load[v] as number) + 1;
  };

  const best = new Float64Array(n);
  for (let u = 0; u < n; u++)
    for (let e = start[u] as number; e < (start[u + 1] as number); e++)
      if ((score[e] as number) > (best[u] as number)) best[u] = score[e] as number;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // Mentees with the strongest pairs first: later ones then displace fewer, so the searches stay short.
  order.sort((a, b) => (best[b] as number) - (best[a] as number) || a - b);
  for (let step = 0; step < n; step++) {
    const u0 = order[step] as number;
    if ((step & 255) === 0) yield step;
    const a0 = start[u0] as number;
    const b0 = start[u0 + 1] as number;
    if (a0 === b0) continue;
    let p0 = 0;
    for (let e = a0; e < b0; e++) {
      const c = (score[e] as number) + (pot[n + (col[e] as number)] as number);
      if (c > p0) p0 = c;
    }
    pot[u0] = p0;
    const units = Math.min(slots[u0] as number, b0 - a0);

    for (let unit = 0; unit < units; unit++) {
      // Placed without a search when the cheapest first step already ends at a mentor with room.
      let bestEdge = -1;
      let bestRc = Number.POSITIVE_INFINITY;
      const pu = pot[u0] as number;
      for (let e = a0; e < b0; e++) {
        if (used[e]) continue;
        const rc = pu - (score[e] as number) - (pot[n + (col[e] as number)] as number);
        if (rc < bestRc || (rc === bestRc && (col[e] as number) < (col[bestEdge] as number))) {
          bestRc = rc;
          bestEdge = e;
        }
      }
      if (bestEdge < 0 || pu <= bestRc) break;
      const bestMentor = col[bestEdge] as number;
      if ((load[bestMentor] as number) < (cap[bestMentor] as number) && pot[n + bestMentor] === 0) {
        used[bestEdge] = 1;
        addHolder(bestMentor, bestEdge);
        held[u0] = (held[u0] as number) + 1;
        if (bestRc > 0) pot[u0] = pu - bestRc;
        continue;
      }

      let dSink = Number.POSITIVE_INFINITY;
      let sinkFrom = -1;
      dist[u0] = 0;
      state[u0] = 1;
      touched[touchedCount++] = u0;
      heap.push(u0);
      while (heap.size > 0) {
        const x = heap.pop();
        const d = dist[x] as number;
        if (d >= dSink) break;
        state[x] = 2;
        if (x < n) {
          const px = pot[x] as number;
          const viaDummy = d + (px > 0 ? px : 0);
          if (viaDummy < dSink) {
            dSink = viaDummy;
            sinkFrom = x;
          }
          for (let e = start[x] as number; e < (start[x + 1] as number); e++) {
            if (used[e]) continue;
            const y = n + (col[e] as number);
            if (state[y] === 2) continue;
            const rc = px - (score[e] as number) - (pot[y] as number);
            relax(y, d + (rc > 0 ? rc : 0), x, e);
          }
        } else {
          const v = x - n;
          if ((load[v] as number) < (cap[v] as number)) {
            const rc = pot[x] as number;
            const viaMentor = d + (rc > 0 ? rc : 0);
            if (viaMentor < dSink) {
              dSink = viaMentor;
              sinkFrom = x;
            }
            continue;
          }
          const px = pot[x] as number;
          for (let h = holdStart[v] as number; h < (holdStart[v] as number) + (load[v] as number); h++) {
            const e = holders[h] as number;
            const i = menteeOf[e] as number;
            if (state[i] === 2) continue;
            const rc = (score[e] as number) + px - (pot[i] as number);
            relax(i, d + (rc > 0 ? rc : 0), x, e);
          }
        }
      }
      heap.clear();

      for (let t = 0; t < touchedCount; t++) {
        const x = touched[t] as number;
        if (state[x] === 2 && (dist[x] as number) < dSink)
          pot[x] = (pot[x] as number) + (dist[x] as number) - dSink;
      }
      // Walk the path back from the sink: every give-back first, then every take, so blocks never overflow.
      let x = sinkFrom;
      let x2 = sinkFrom;
      while (x2 !== u0) {
        const from = prevNode[x2] as number;
        const e = prevEdge[x2] as number;
        if (x2 < n) {
          used[e] = 0;
          removeHolder(from - n, e);
          held[x2] = (held[x2] as number) - 1;
        }
        x2 = from;
      }
      while (x !== u0) {
        const from = prevNode[x] as number;
        const e = prevEdge[x] as number;
        if (x >= n) {
          used[e] = 1;
          addHolder(x - n, e);
          held[from] = (held[from] as number) + 1;
        }
        x = from;
      }
      for (let t = 0; t < touchedCount; t++) {
        const y = touched[t] as number;
        dist[y] = Number.POSITIVE_INFINITY;
        state[y] = 0;
      }
      touchedCount = 0;
      if (sinkFrom === u0) break;
    }
    // Every pair of this mentee is taken and a slot is still open: an open slot carries no value.
    if ((held[u0] as number) < (slots[u0] as number)) pot[u0] = 0;
  }
  return { used, pot };
}

/** Per edge of `full` left out of the candidates: 1 when the duals undervalue it. */
function undervalued(
  full: Rows,
  inRows: Uint8Array,
  u: Float64Array,
  p: Float64Array,
  tol: number,
): Uint8Array | null {
  let any = false;
  const flags = new Uint8Array(full.col.length);
  for (let i = 0; i < full.n; i++) {
    const ui = u[i] as number;
    for (let e = full.start[i] as number; e < (full.start[i + 1] as number); e++) {
      if (!inRows[e] && (full.score[e] as number) - ui - (p[full.col[e] as number] as number) > tol) {
        flags[e] = 1;
        any = true;
      }
    }
  }
  return any ? flags : null;
}

function* solve(problem: AssignmentProblem): Generator<SolveProgress, Assignment> {
  const full = toRows(problem);
  let maxScore = 0;
  for (const w of full.score) if (w > maxScore) maxScore = w;
  const tol = 1e-9 * Math.max(1, maxScore);
  const { n, m } = full;
  const capacity = Int32Array.from(problem.capacities, (c) => Math.max(0, Math.floor(c)));
  const slots = Int32Array.from(problem.slots, (k) => Math.max(0, Math.floor(k)));

  let maxSlots = 1;
  for (let u = 0; u < n; u++) if ((slots[u] as number) > maxSlots) maxSlots = slots[u] as number;
  const k = SPARSE_CANDIDATES * maxSlots;
  const sparse = full.col.length > 2 * k * n;
  let { rows, keep } = sparse ? candidateRows(full, k, null) : { rows: full, keep: new Uint8Array(0) };
  let extra: Uint8Array | null = null;
  let pass = 0;
  for (;;) {
    pass++;
    const steps = shortestPaths(rows, capacity, slots);
    let step = steps.next();
    while (!step.done) {
      yield { fraction: Math.min(0.99, (pass - 1) * 0.1 + (step.value / Math.max(1, n)) * 0.9), pass };
      step = steps.next();
    }
    const { used, pot } = step.value;
    const u = new Float64Array(n);
    const p = new Float64Array(m);
    for (let i = 0; i < n; i++) u[i] = Math.max(0, pot[i] as number);
    for (let j = 0; j < m; j++) p[j] = Math.max(0, -(pot[n + j] as number));
    const missing = sparse ? undervalued(full, keep, u, p, tol) : null;
    if (missing) {
      if (extra)
        for (let e = 0; e < extra.length; e++) extra[e] = (extra[e] as number) | (missing[e] as number);
      else extra = missing;
      ({ rows, keep } = candidateRows(full, k, extra));
      continue;
    }
    const pairs: [number, number][] = [];
    let total = 0;
    const count = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let e = rows.start[i] as number; e < (rows.start[i + 1] as number); e++) {
        if (!used[e]) continue;
        pairs.push([i, rows.col[e] as number]);
        total += rows.score[e] as number;
        count[i] = (count[i] as number) + 1;
      }
    }
    const unmatched: Assignment["unmatched"] = [];
    for (let i = 0; i < n; i++) {
      if ((count[i] as number) < (slots[i] as number)) {
        unmatched.push({
          mentee: i,
          reason:
            (full.start[i + 1] as number) > (full.start[i] as number)
              ? "capacity_exhausted"
              : "no_feasible_mentor",
        });
      }
    }
    return { pairs, total, unmatched, duals: { mentee: u, mentor: p } };
  }
}

export function assign(problem: AssignmentProblem): Assignment {
  const run = solve(problem);
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}

/**
 * The same solve, handing the event loop back every `sliceMs` so that a server stays responsive and can
 * report progress while a large program is matched.
 */
export async function assignInSlices(
  problem: AssignmentProblem,
  onProgress: (progress: SolveProgress) => void | Promise<void>,
  sliceMs = 50,
): Promise<Assignment> {
  const run = solve(problem);
  let sliceStart = performance.now();
  let step = run.next();
  while (!step.done) {
    if (performance.now() - sliceStart > sliceMs) {
      await onProgress(step.value);
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    step = run.next();
  }
  return step.value;
}

export interface Certificate {
  feasible: boolean;
  /** The total of the assignment, recomputed from the problem. */
  primal: number;
  /** The dual objective of the duals after the smallest repair that makes them feasible. */
  dual: number;
  /** True when primal and dual agree: by LP duality the assignment is then optimal. */
  optimal: boolean;
  problems: string[];
}

/**
 * An independent proof of optimality: it checks the assignment is feasible, then completes the duals to a
 * feasible solution of the dual LP (a per-pair slack for any pair they undervalue) and compares objectives.
 */
export function certify(
  problem: AssignmentProblem,
  assignment: Pick<Assignment, "pairs" | "duals">,
  relativeTolerance = 1e-9,
): Certificate {
  const rows = toRows(problem);
  const { n, m } = rows;
  const problems: string[] = [];
  let maxAbs = 0;
  for (const w of rows.score) if (w > maxAbs) maxAbs = w;
  const scoreOf = (u: number, v: number): number | undefined => {
    if (!(u >= 0 && u < n)) return undefined;
    for (let e = rows.start[u] as number; e < (rows.start[u + 1] as number); e++)
      if (rows.col[e] === v) return rows.score[e] as number;
    return undefined;
  };
  const perMentee = new Int32Array(n);
  const perMentor = new Int32Array(m);
  const seen = new Set<number>();
  let primal = 0;
  for (const [u, v] of assignment.pairs) {
    const key = u * m + v;
    const w = scoreOf(u, v);
    if (w === undefined) problems.push(`Pair [${u}, ${v}] is not allowed.`);
    if (seen.has(key)) problems.push(`Pair [${u}, ${v}] appears twice.`);
    seen.add(key);
    primal += w ?? 0;
    perMentee[u] = (perMentee[u] as number) + 1;
    perMentor[v] = (perMentor[v] as number) + 1;
  }
  for (let u = 0; u < n; u++)
    if ((perMentee[u] as number) > (problem.slots[u] as number))
      problems.push(`Mentee ${u} has too many mentors.`);
  for (let v = 0; v < m; v++)
    if ((perMentor[v] as number) > (problem.capacities[v] as number))
      problems.push(`Mentor ${v} is over capacity.`);
  const { mentee: u, mentor: p } = assignment.duals;
  let dual = 0;
  for (let i = 0; i < n; i++) dual += Math.max(0, u[i] as number) * Math.max(0, problem.slots[i] as number);
  for (let j = 0; j < m; j++)
    dual += Math.max(0, p[j] as number) * Math.max(0, problem.capacities[j] as number);
  for (let i = 0; i < n; i++) {
    const ui = Math.max(0, u[i] as number);
    for (let e = rows.start[i] as number; e < (rows.start[i + 1] as number); e++) {
      const slack = (rows.score[e] as number) - ui - Math.max(0, p[rows.col[e] as number] as number);
      if (slack > 0) dual += slack;
    }
  }
  const feasible = problems.length === 0;
  const optimal =
    feasible && Math.abs(dual - primal) <= relativeTolerance * Math.max(1, maxAbs, Math.abs(primal));
  return { feasible, primal, dual, optimal, problems };
}
