import { munkres } from "munkres";
import type { AssignmentProblem, EdgeArrays, EdgeTuple } from "../../src/domain/matching/assign.ts";

/**
 * The independent reference: the `munkres` package (Hungarian algorithm) on the capacity-expanded dense
 * matrix, one column per mentor seat. A forbidden pair costs the same as staying unmatched.
 * Only for one mentor per mentee: with more slots the expansion could give a mentee the same mentor twice.
 */
export function munkresTotal(problem: AssignmentProblem): { total: number; pairs: [number, number][] } {
  const n = problem.slots.length;
  const m = problem.capacities.length;
  for (let i = 0; i < n; i++) {
    if ((problem.slots[i] as number) > 1) throw new Error("The reference handles one mentor per mentee.");
  }
  const seatOwner: number[] = [];
  const firstSeat = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    const c = Math.max(0, Math.floor(problem.capacities[j] as number));
    for (let s = 0; s < c; s++) seatOwner.push(j);
    firstSeat[j + 1] = seatOwner.length;
  }
  // The best score of each pair in an n × m array (a Map stops at 2^24 entries, fewer than a large program has).
  const best = new Float64Array(n * m);
  let top = 0;
  const put = (u: number, v: number, w: number) => {
    if (!(w > 0) || (problem.slots[u] as number) <= 0) return;
    const key = u * m + v;
    if (w > (best[key] as number)) best[key] = w;
    if (w > top) top = w;
  };
  if (Array.isArray(problem.edges)) for (const [u, v, w] of problem.edges as EdgeTuple[]) put(u, v, w);
  else {
    const e = problem.edges as EdgeArrays;
    for (let i = 0; i < e.score.length; i++)
      put(e.mentee[i] as number, e.mentor[i] as number, e.score[i] as number);
  }
  if (seatOwner.length === 0 || n === 0) return { total: 0, pairs: [] };
  const matrix: Float64Array[] = [];
  for (let u = 0; u < n; u++) {
    const row = new Float64Array(seatOwner.length).fill(top);
    for (let v = 0; v < m; v++) {
      const w = best[u * m + v] as number;
      if (w > 0) row.fill(top - w, firstSeat[v] as number, firstSeat[v + 1] as number);
    }
    matrix.push(row);
  }
  let total = 0;
  const pairs: [number, number][] = [];
  for (const [u, seat] of munkres(matrix)) {
    const v = seatOwner[seat] as number;
    const w = best[u * m + v] as number;
    if (!(w > 0)) continue;
    total += w;
    pairs.push([u, v]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { total, pairs };
}
