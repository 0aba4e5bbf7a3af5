/**
 * Stable matching of mentees to mentors with capacities (the hospitals/residents problem), by
 * mentee-proposing deferred acceptance (Gale–Shapley, Roth).
 *
 * Every free mentee proposes to its next acceptable mentor, best first. A mentor holds its best proposals up
 * to its capacity and rejects the rest; a rejected mentee proposes again. The result is the stable matching
 * every mentee likes at least as much as any other stable matching, and it does not depend on the order of
 * the proposals. Each mentor keeps its held mentees in a max-heap on its own rank of them, so its worst held
 * mentee is found in O(1) and replaced in O(log capacity).
 */

export interface StableProblem {
  /** Mentor capacities (≥ 0). */
  capacities: ArrayLike<number>;
  /** Number of mentees. */
  mentees: number;
  /** Acceptable pairs with their compatibility score: [mentee, mentor, score]. Pairs not listed, or with score ≤ 0, are unacceptable to both sides. */
  edges: ReadonlyArray<readonly [number, number, number]>;
  /** Optional: per mentee, the mentors it ranked, best first (indices). Ranked acceptable mentors come first in that order, then the remaining acceptable mentors by score (desc), ties by lower mentor index. Ranked mentors that are not acceptable are ignored. */
  rankings?: ReadonlyArray<ReadonlyArray<number>>;
}

export interface StableMatching {
  /** [mentee, mentor] pairs sorted by mentee then mentor. */
  pairs: [number, number][];
  /** Sum of the scores of the pairs. */
  total: number;
  /** Mentees left without a mentor. */
  unmatched: number[];
}

/** The acceptable pairs, deduplicated, with both sides' preferences as edge ids. */
interface Prepared {
  n: number;
  m: number;
  capacity: Int32Array;
  /** Edge id by `mentee * m + mentor`. */
  edgeOf: Map<number, number>;
  edgeMentee: Int32Array;
  edgeMentor: Int32Array;
  edgeScore: Float64Array;
  /** Mentee i's acceptable edges, best first, are `menteePref[menteeStart[i] .. menteeStart[i + 1])`. */
  menteeStart: Int32Array;
  menteePref: Int32Array;
  /** Position of the edge's mentee in its mentor's preference list (0 = best). */
  mentorRank: Int32Array;
  /** Number of acceptable mentees of each mentor. */
  mentorDegree: Int32Array;
}

function capacities(p: StableProblem): Int32Array {
  return Int32Array.from(p.capacities, (c) => Math.max(0, Math.floor(c)));
}

function checkMentees(n: number): void {
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`Mentee count ${n} is not a non-negative integer.`);
}

function inRange(x: number, size: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < size;
}

function prepare(p: StableProblem): Prepared {
  const n = p.mentees;
  checkMentees(n);
  const capacity = capacities(p);
  const m = capacity.length;

  // Per pair, the input edge with the highest score.
  const best = new Map<number, readonly [number, number, number]>();
  for (const edge of p.edges) {
    const [i, j, w] = edge;
    if (!inRange(i, n) || !inRange(j, m)) throw new RangeError(`Edge [${i}, ${j}] is out of range.`);
    if (!(w > 0)) continue;
    const key = i * m + j;
    const old = best.get(key);
    if (old === undefined || w > old[2]) best.set(key, edge);
  }

  const edgeCount = best.size;
  const edgeMentee = new Int32Array(edgeCount);
  const edgeMentor = new Int32Array(edgeCount);
  const edgeScore = new Float64Array(edgeCount);
  const edgeOf = new Map<number, number>();
  const menteeStart = new Int32Array(n + 1);
  const mentorDegree = new Int32Array(m);
  // Edge ids in key order, so they never depend on the order of the input edges.
  const keys = Array.from(best.keys()).sort((a, b) => a - b);
  for (let e = 0; e < edgeCount; e++) {
    const key = keys[e] as number;
    const [i, j, w] = best.get(key) as readonly [number, number, number];
    edgeMentee[e] = i;
    edgeMentor[e] = j;
    edgeScore[e] = w;
    edgeOf.set(key, e);
    menteeStart[i + 1] = (menteeStart[i + 1] as number) + 1;
    mentorDegree[j] = (mentorDegree[j] as number) + 1;
  }
  for (let i = 0; i < n; i++)
    menteeStart[i + 1] = (menteeStart[i + 1] as number) + (menteeStart[i] as number);

  const rankings = p.rankings;
  if (rankings !== undefined && rankings.length > n)
    throw new RangeError(`Rankings given for ${rankings.length} mentees, but there are ${n}.`);
  const menteePref = new Int32Array(edgeCount);
  const placed = new Uint8Array(edgeCount);
  const byScore = (a: number, b: number) =>
    (edgeScore[b] as number) - (edgeScore[a] as number) ||
    (edgeMentor[a] as number) - (edgeMentor[b] as number);
  for (let i = 0; i < n; i++) {
    const start = menteeStart[i] as number;
    const end = menteeStart[i + 1] as number;
    let k = start;
    for (const j of rankings?.[i] ?? []) {
      if (!inRange(j, m)) throw new RangeError(`Mentee ${i} ranks mentor ${j}, which is out of range.`);
      const e = edgeOf.get(i * m + j);
      if (e === undefined || placed[e] === 1) continue;
      placed[e] = 1;
      menteePref[k++] = e;
    }
    const rest: number[] = [];
    for (let e = start; e < end; e++) if (placed[e] === 0) rest.push(e);
    rest.sort(byScore);
    for (const e of rest) menteePref[k++] = e;
  }

  const byMentor = Array.from({ length: edgeCount }, (_, e) => e).sort(
    (a, b) =>
      (edgeMentor[a] as number) - (edgeMentor[b] as number) ||
      (edgeScore[b] as number) - (edgeScore[a] as number) ||
      (edgeMentee[a] as number) - (edgeMentee[b] as number),
  );
  const mentorRank = new Int32Array(edgeCount);
  let rank = 0;
  for (let k = 0; k < edgeCount; k++) {
    const e = byMentor[k] as number;
    if (k > 0 && edgeMentor[byMentor[k - 1] as number] !== edgeMentor[e]) rank = 0;
    mentorRank[e] = rank++;
  }

  return {
    n,
    m,
    capacity,
    edgeOf,
    edgeMentee,
    edgeMentor,
    edgeScore,
    menteeStart,
    menteePref,
    mentorRank,
    mentorDegree,
  };
}

/** Per mentee, its acceptable mentors, best first. */
export function menteePreferences(p: StableProblem): number[][] {
  const { n, menteeStart, menteePref, edgeMentor } = prepare(p);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let k = menteeStart[i] as number; k < (menteeStart[i + 1] as number); k++)
      row.push(edgeMentor[menteePref[k] as number] as number);
    out.push(row);
  }
  return out;
}

/**
 * Whether `mentor` strictly prefers mentee `a` to mentee `b`: higher score first, ties broken by lower mentee
 * index; any acceptable mentee is preferred to an unacceptable one.
 */
export function mentorPrefers(p: StableProblem): (mentor: number, a: number, b: number) => boolean {
  const { n, m, edgeOf, edgeScore } = prepare(p);
  const score = (mentor: number, mentee: number) => {
    const e = edgeOf.get(mentee * m + mentor);
    return e === undefined ? 0 : (edgeScore[e] as number);
  };
  return (mentor, a, b) => {
    if (!inRange(mentor, m) || !inRange(a, n) || !inRange(b, n))
      throw new RangeError(`Mentor ${mentor} or mentee ${a} or ${b} is out of range.`);
    const sa = score(mentor, a);
    const sb = score(mentor, b);
    if (sa === 0) return false;
    if (sb === 0) return true;
    return sa > sb || (sa === sb && a < b);
  };
}

/** The mentee-optimal stable matching. */
export function stableMatch(p: StableProblem): StableMatching {
  const {
    n,
    m,
    capacity,
    edgeMentee,
    edgeMentor,
    edgeScore,
    menteeStart,
    menteePref,
    mentorRank,
    mentorDegree,
  } = prepare(p);

  // A mentor never holds more mentees than it finds acceptable, so the heaps fit in one array of size ≤ edges.
  const heapStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++)
    heapStart[j + 1] = (heapStart[j] as number) + Math.min(capacity[j] as number, mentorDegree[j] as number);
  const heap = new Int32Array(heapStart[m] as number);
  const heapSize = new Int32Array(m);

  const held = new Int32Array(n).fill(-1);
  const next = Int32Array.from(menteeStart.subarray(0, n));
  const free = new Int32Array(n);
  let freeCount = 0;
  for (let i = n - 1; i >= 0; i--) free[freeCount++] = i;

  while (freeCount > 0) {
    const i = free[--freeCount] as number;
    const end = menteeStart[i + 1] as number;
    while ((next[i] as number) < end) {
      const e = menteePref[next[i] as number] as number;
      next[i] = (next[i] as number) + 1;
      const j = edgeMentor[e] as number;
      const base = heapStart[j] as number;
      const room = (heapStart[j + 1] as number) - base;
      const size = heapSize[j] as number;
      if (size < room) {
        heapPush(heap, base, size, e, mentorRank);
        heapSize[j] = size + 1;
        held[i] = e;
        break;
      }
      if (room === 0) continue;
      const worst = heap[base] as number;
      if ((mentorRank[e] as number) < (mentorRank[worst] as number)) {
        heapReplaceTop(heap, base, size, e, mentorRank);
        held[i] = e;
        const out = edgeMentee[worst] as number;
        held[out] = -1;
        free[freeCount++] = out;
        break;
      }
    }
  }

  const pairs: [number, number][] = [];
  const unmatched: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = held[i] as number;
    if (e < 0) {
      unmatched.push(i);
      continue;
    }
    pairs.push([i, edgeMentor[e] as number]);
    total += edgeScore[e] as number;
  }
  return { pairs, total, unmatched };
}

/** Max-heap on `rank` in `heap[base .. base + size)`: the root is the worst held mentee. */
function heapPush(heap: Int32Array, base: number, size: number, e: number, rank: Int32Array): void {
  const r = rank[e] as number;
  let k = size;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    const pe = heap[base + parent] as number;
    if ((rank[pe] as number) >= r) break;
    heap[base + k] = pe;
    k = parent;
  }
  heap[base + k] = e;
}

function heapReplaceTop(heap: Int32Array, base: number, size: number, e: number, rank: Int32Array): void {
  const r = rank[e] as number;
  let k = 0;
  for (;;) {
    let c = 2 * k + 1;
    if (c >= size) break;
    if (
      c + 1 < size &&
      (rank[heap[base + c + 1] as number] as number) > (rank[heap[base + c] as number] as number)
    )
      c++;
    const ce = heap[base + c] as number;
    if ((rank[ce] as number) <= r) break;
    heap[base + k] = ce;
    k = c;
  }
  heap[base + k] = e;
}

/**
 * Every pair (mentee i, mentor j) that blocks the matching: acceptable, i prefers j to its current mentor (or
 * has none), and j has a free seat or prefers i to its worst current mentee. Sorted by mentee then mentor.
 */
export function blockingPairs(
  p: StableProblem,
  pairs: ReadonlyArray<readonly [number, number]>,
): [number, number][] {
  checkMentees(p.mentees);
  const n = p.mentees;
  const capacity = capacities(p);
  const m = capacity.length;
  const prefs = menteePreferences(p);
  const prefers = mentorPrefers(p);

  const current = new Int32Array(n).fill(-1);
  const members: number[][] = Array.from({ length: m }, () => []);
  for (const [i, j] of pairs) {
    if (!inRange(i, n) || !inRange(j, m)) throw new RangeError(`Pair [${i}, ${j}] is out of range.`);
    if (current[i] !== -1) throw new RangeError(`Mentee ${i} appears in more than one pair.`);
    current[i] = j;
    (members[j] as number[]).push(i);
  }
  const worst = members.map((list, j) => list.reduce((w, i) => (w === -1 || prefers(j, w, i) ? i : w), -1));

  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (const j of prefs[i] as number[]) {
      if (j === current[i]) break;
      const w = worst[j] as number;
      if ((members[j] as number[]).length < (capacity[j] as number) || (w !== -1 && prefers(j, i, w)))
        out.push([i, j]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
