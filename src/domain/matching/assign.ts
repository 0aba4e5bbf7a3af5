/**
 * Exact maximum-weight assignment of mentees to mentors with capacities (a bipartite b-matching), by
 * successive shortest paths with potentials on the flow network
 *
 *   source → mentee (capacity: slots) → mentor (one unit per pair, cost −score) → sink (capacity: capacity)
 *   mentee → sink directly (cost 0: "stays unmatched", so no pair is ever forced in)
 *
 * Mentee units are added one at a time; each finds its cheapest augmenting path with Dijkstra on reduced
 * costs, which keeps every partial solution optimal for the units added so far. Capacities are used as
 * they are, never expanded into copies, and the graph lives in typed arrays.
 */

export interface AssignmentProblem {
  /** Mentor capacities (≥ 0). */
  capacities: ArrayLike<number>;
  /** Mentee slots: how many mentors each mentee may get (≥ 0). */
  slots: ArrayLike<number>;
  /** Allowed pairs. A pair not listed is forbidden. Pairs with a score ≤ 0 are never assigned. */
  edges: ReadonlyArray<readonly [mentee: number, mentor: number, score: number]>;
}

export interface Assignment {
  /** [mentee, mentor] pairs, sorted. */
  pairs: [number, number][];
  total: number;
  /** For every mentee with an unused slot: why. */
  unmatched: { mentee: number; reason: "no_feasible_mentor" | "capacity_exhausted" }[];
}

const EPS = 1e-9;

class MinHeap {
  keys = new Float64Array(1024);
  vals = new Int32Array(1024);
  size = 0;

  clear() {
    this.size = 0;
  }

  push(key: number, val: number) {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    let i = this.size++;
    const { keys, vals } = this;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      // Ties go to the lower node index, so the same input always gives the same output.
      if (pk < key || (pk === key && (vals[p] as number) <= val)) break;
      keys[i] = pk;
      vals[i] = vals[p] as number;
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }

  /** Removes the minimum; its key and value are left in `topKey` / `topVal`. */
  topKey = 0;
  topVal = 0;
  pop() {
    const { keys, vals } = this;
    this.topKey = keys[0] as number;
    this.topVal = vals[0] as number;
    const lastK = keys[--this.size] as number;
    const lastV = vals[this.size] as number;
    let i = 0;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ck = keys[c] as number;
        const rk = keys[r] as number;
        if (rk < ck || (rk === ck && (vals[r] as number) < (vals[c] as number))) c = r;
      }
      const ck = keys[c] as number;
      if (lastK < ck || (lastK === ck && lastV <= (vals[c] as number))) break;
      keys[i] = ck;
      vals[i] = vals[c] as number;
      i = c;
    }
    keys[i] = lastK;
    vals[i] = lastV;
  }
}

export function assign(problem: AssignmentProblem): Assignment {
  const n = problem.slots.length;
  const m = problem.capacities.length;

  // Compressed rows: the allowed mentors of each mentee with their scores.
  const rowStart = new Int32Array(n + 1);
  for (const [u, v, w] of problem.edges) {
    if (!(u >= 0 && u < n && v >= 0 && v < m)) throw new RangeError(`Edge [${u}, ${v}] is out of range.`);
    if (w > EPS) rowStart[u + 1] = (rowStart[u + 1] as number) + 1;
  }
  for (let u = 0; u < n; u++) rowStart[u + 1] = (rowStart[u + 1] as number) + (rowStart[u] as number);
  const fill = rowStart.slice(0, n);
  const edgeCount = rowStart[n] as number;
  const colOf = new Int32Array(edgeCount);
  const scoreOf = new Float64Array(edgeCount);
  let maxScore = 0;
  for (const [u, v, w] of problem.edges) {
    if (w <= EPS) continue;
    const e = fill[u] as number;
    fill[u] = e + 1;
    colOf[e] = v;
    scoreOf[e] = w;
    if (w > maxScore) maxScore = w;
  }

  // Node ids: mentees 0..n-1, mentors n..n+m-1, sink n+m.
  const sink = n + m;
  const pot = new Float64Array(n + m + 1);
  for (let v = 0; v < m; v++) pot[n + v] = -maxScore;
  pot[sink] = -maxScore;

  // Current assignment, as edge ids: per mentor a small list, per mentee a small list.
  const capacity = Int32Array.from(problem.capacities, (c) => Math.max(0, Math.floor(c)));
  const slots = Int32Array.from(problem.slots, (k) => Math.max(0, Math.floor(k)));
  const mentorEdges: number[][] = Array.from({ length: m }, () => []);
  const menteeEdges: number[][] = Array.from({ length: n }, () => []);
  const menteeOfEdge = new Int32Array(edgeCount);
  for (let u = 0; u < n; u++)
    for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e++) menteeOfEdge[e] = u;

  const dist = new Float64Array(n + m + 1).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n + m + 1);
  /** How a node was reached: the edge id for mentor/mentee steps, −1 for the dummy step into the sink. */
  const viaEdge = new Int32Array(n + m + 1);
  const prev = new Int32Array(n + m + 1);
  const touched: number[] = [];
  const heap = new MinHeap();

  const reach = (node: number, d: number, from: number, edge: number) => {
    if (d < (dist[node] as number) - EPS) {
      if ((dist[node] as number) === Number.POSITIVE_INFINITY) touched.push(node);
      dist[node] = d;
      prev[node] = from;
      viaEdge[node] = edge;
      heap.push(d, node);
    }
  };

  for (let u0 = 0; u0 < n; u0++) {
    const start = rowStart[u0] as number;
    const end = rowStart[u0 + 1] as number;
    if (start === end) continue;
    // A potential for the new mentee that keeps its reduced costs non-negative.
    let p0 = pot[sink] as number;
    for (let e = start; e < end; e++) {
      const candidate = (scoreOf[e] as number) + (pot[n + (colOf[e] as number)] as number);
      if (candidate > p0) p0 = candidate;
    }
    pot[u0] = p0;

    for (let unit = 0; unit < (slots[u0] as number); unit++) {
      heap.clear();
      reach(u0, 0, -1, -2);
      let found = false;
      while (heap.size > 0) {
        heap.pop();
        const node = heap.topVal;
        const d = heap.topKey;
        if (done[node] || d > (dist[node] as number) + EPS) continue;
        done[node] = 1;
        if (node === sink) {
          found = true;
          break;
        }
        if (node < n) {
          const u = node;
          const mine = menteeEdges[u] as number[];
          // Stay unmatched: the new unit always may; others only by giving back a mentor they hold.
          if (u === u0 || mine.length > 0) {
            reach(sink, d + Math.max(0, (pot[u] as number) - (pot[sink] as number)), u, -1);
          }
          for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e++) {
            if (mine.includes(e)) continue;
            const v = n + (colOf[e] as number);
            if (done[v]) continue;
            const rc = -(scoreOf[e] as number) + (pot[u] as number) - (pot[v] as number);
            reach(v, d + (rc > 0 ? rc : 0), u, e);
          }
        } else {
          const v = node - n;
          const held = mentorEdges[v] as number[];
          if (held.length < (capacity[v] as number)) {
            reach(sink, d + Math.max(0, (pot[node] as number) - (pot[sink] as number)), node, -3);
          }
          for (const e of held) {
            const u = menteeOfEdge[e] as number;
            if (done[u]) continue;
            const rc = (scoreOf[e] as number) + (pot[node] as number) - (pot[u] as number);
            reach(u, d + (rc > 0 ? rc : 0), node, e);
          }
        }
      }
      if (!found) break;
      const dSink = dist[sink] as number;
      for (const node of touched) {
        if (done[node] && (dist[node] as number) < dSink)
          pot[node] = (pot[node] as number) + (dist[node] as number) - dSink;
      }
      // Walk the path back from the sink, flipping each step.
      let node = sink;
      while (node !== u0) {
        const from = prev[node] as number;
        const e = viaEdge[node] as number;
        if (node === sink) {
          // Into the sink through a free mentor (−3) or a mentee going unmatched (−1): nothing to record.
        } else if (node >= n) {
          // Mentee `from` takes mentor `node` through edge e.
          (mentorEdges[node - n] as number[]).push(e);
          (menteeEdges[from] as number[]).push(e);
        } else {
          // Mentee `node` gives back mentor `from` (edge e).
          const mentorList = mentorEdges[from - n] as number[];
          mentorList.splice(mentorList.indexOf(e), 1);
          const menteeList = menteeEdges[node] as number[];
          menteeList.splice(menteeList.indexOf(e), 1);
        }
        node = from;
      }
      for (const t of touched) {
        dist[t] = Number.POSITIVE_INFINITY;
        done[t] = 0;
      }
      touched.length = 0;
    }
  }

  const pairs: [number, number][] = [];
  let total = 0;
  const unmatched: Assignment["unmatched"] = [];
  for (let u = 0; u < n; u++) {
    for (const e of menteeEdges[u] as number[]) {
      pairs.push([u, colOf[e] as number]);
      total += scoreOf[e] as number;
    }
    if ((menteeEdges[u] as number[]).length < (slots[u] as number)) {
      unmatched.push({
        mentee: u,
        reason:
          (rowStart[u + 1] as number) > (rowStart[u] as number) ? "capacity_exhausted" : "no_feasible_mentor",
      });
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { pairs, total, unmatched };
}
