import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dense, random } from "../../../bench/matching/instances.ts";
import { munkresTotal } from "../../../bench/matching/munkres-reference.ts";
import { type Assignment, assign, assignInSlices, certify, type EdgeTuple } from "./assign.ts";

interface TupleProblem {
  capacities: number[];
  slots: number[];
  edges: EdgeTuple[];
}

/** The best total by trying every subset of edges: the independent check for tiny instances. */
function bruteForce(p: TupleProblem): number {
  const edges = p.edges.filter(([, , w]) => w > 0);
  let best = 0;
  const usedU = new Int32Array(p.slots.length);
  const usedV = new Int32Array(p.capacities.length);
  const walk = (i: number, total: number) => {
    if (i === edges.length) {
      if (total > best) best = total;
      return;
    }
    walk(i + 1, total);
    const [u, v, w] = edges[i] as EdgeTuple;
    if ((usedU[u] as number) < (p.slots[u] as number) && (usedV[v] as number) < (p.capacities[v] as number)) {
      usedU[u] = (usedU[u] as number) + 1;
      usedV[v] = (usedV[v] as number) + 1;
      walk(i + 1, total + w);
      usedU[u] = (usedU[u] as number) - 1;
      usedV[v] = (usedV[v] as number) - 1;
    }
  };
  walk(0, 0);
  return best;
}

const tiny = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, m }) =>
    fc.record({
      slots: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      edges: fc.uniqueArray(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: m - 1 }),
          fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true })),
        ),
        { maxLength: 12, selector: ([u, v]) => `${u}:${v}` },
      ),
    }),
  );

/** A random instance with one mentor per mentee, of the size the Hungarian reference handles quickly. */
function medium(seed: number): TupleProblem {
  const rnd = random(seed);
  const n = 5 + Math.floor(rnd() * 60);
  const m = 2 + Math.floor(rnd() * 25);
  const density = 0.2 + rnd() * 0.8;
  const integers = rnd() < 0.3;
  const edges: EdgeTuple[] = [];
  for (let u = 0; u < n; u++)
    for (let v = 0; v < m; v++)
      if (rnd() < density)
        edges.push([u, v, integers ? Math.floor(rnd() * 6) : Math.round(rnd() * 1e4) / 1e4]);
  return {
    capacities: Array.from({ length: m }, () => 1 + Math.floor(rnd() * 4)),
    slots: Array.from({ length: n }, () => 1),
    edges,
  };
}

function totalOf(p: TupleProblem, pairs: [number, number][]) {
  return pairs.reduce((s, [u, v]) => s + (p.edges.find(([a, b]) => a === u && b === v)?.[2] ?? 0), 0);
}

function checkFeasible(p: TupleProblem, result: Assignment) {
  const byU = new Map<number, number>();
  const byV = new Map<number, number>();
  const seen = new Set<string>();
  for (const [u, v] of result.pairs) {
    expect(p.edges.some(([a, b, w]) => a === u && b === v && w > 0)).toBe(true);
    expect(seen.has(`${u}:${v}`)).toBe(false);
    seen.add(`${u}:${v}`);
    byU.set(u, (byU.get(u) ?? 0) + 1);
    byV.set(v, (byV.get(v) ?? 0) + 1);
  }
  for (const [u, c] of byU) expect(c).toBeLessThanOrEqual(p.slots[u] as number);
  for (const [v, c] of byV) expect(c).toBeLessThanOrEqual(p.capacities[v] as number);
  expect(result.total).toBeCloseTo(totalOf(p, result.pairs), 9);
}

describe("exact capacitated assignment", () => {
  it("matches brute force on random tiny instances, several mentors per mentee included", () => {
    fc.assert(
      fc.property(tiny, (p) => {
        const result = assign(p);
        checkFeasible(p, result);
        expect(result.total).toBeCloseTo(bruteForce(p), 9);
        expect(certify(p, result).optimal).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("matches the Hungarian algorithm on the capacity-expanded matrix for medium instances", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const p = medium(seed);
      const result = assign(p);
      checkFeasible(p, result);
      expect(result.total, `seed ${seed}`).toBeCloseTo(munkresTotal(p).total, 9);
      expect(certify(p, result).optimal).toBe(true);
    }
  });

  it("stays exact when the best candidates of every mentee are the same few mentors", () => {
    // Everyone's twelve best are mentors 0–11, one seat each, so most mentees must go beyond their
    // candidates: the pricing step has to bring the other pairs in.
    const n = 60;
    const m = 40;
    const rnd = random(7);
    const edges: EdgeTuple[] = [];
    for (let u = 0; u < n; u++)
      for (let v = 0; v < m; v++)
        edges.push([u, v, v < 12 ? 0.9 + rnd() / 10 : Math.round(rnd() * 800) / 1000]);
    const p: TupleProblem = { capacities: Array(m).fill(1), slots: Array(n).fill(1), edges };
    const result = assign(p);
    checkFeasible(p, result);
    expect(result.pairs).toHaveLength(m);
    expect(result.total).toBeCloseTo(munkresTotal(p).total, 9);
    expect(certify(p, result).optimal).toBe(true);
  });

  it("solves a generated dense program and proves it with the dual certificate", () => {
    const instance = dense({ mentees: 400, mentors: 120, seed: 11 });
    const result = assign(instance);
    const certificate = certify(instance, result);
    expect(certificate).toMatchObject({ feasible: true, optimal: true });
    expect(result.total).toBeCloseTo(munkresTotal(instance).total, 6);
  });

  it("the certificate rejects an assignment that is feasible but not optimal", () => {
    const p: TupleProblem = {
      capacities: [1, 1],
      slots: [1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 8],
      ],
    };
    const best = assign(p);
    expect(certify(p, best).optimal).toBe(true);
    const greedy = certify(p, { pairs: [[0, 0]], duals: best.duals });
    expect(greedy).toMatchObject({ feasible: true, optimal: false, primal: 10 });
    expect(certify(p, { pairs: [[1, 1]], duals: best.duals }).feasible).toBe(false);
  });

  it("prefers the better total over the greedy choice", () => {
    // Greedy gives mentee 0 the 10 and leaves mentee 1 with nothing; the optimum is 9 + 8.
    const r = assign({
      capacities: [1, 1],
      slots: [1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 8],
      ],
    });
    expect(r.total).toBe(17);
    expect(r.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("uses capacities and slots, and says why a mentee is left out", () => {
    const r = assign({
      capacities: [2],
      slots: [1, 1, 1, 2],
      edges: [
        [0, 0, 1],
        [1, 0, 3],
        [2, 0, 2],
        [3, 0, 0],
      ],
    });
    expect(r.pairs).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(r.unmatched).toEqual([
      { mentee: 0, reason: "capacity_exhausted" },
      { mentee: 3, reason: "no_feasible_mentor" },
    ]);
  });

  it("gives the same answer for the same input, ties and edge order included", () => {
    const edges = [0, 1, 2, 3].flatMap((u) => [0, 1, 2].map((v) => [u, v, 1] as EdgeTuple));
    const p = { capacities: [1, 1, 1], slots: [1, 1, 1, 1], edges };
    const first = assign(p);
    expect(first.total).toBe(3);
    for (let i = 0; i < 5; i++) expect(assign(p).pairs).toEqual(first.pairs);
    expect(assign({ ...p, edges: [...edges].reverse() }).pairs).toEqual(first.pairs);
  });

  it("takes typed arrays and merges a repeated pair to its best score", () => {
    const tuples = medium(3);
    const typed = {
      capacities: tuples.capacities,
      slots: tuples.slots,
      edges: {
        mentee: Int32Array.from(tuples.edges, ([u]) => u),
        mentor: Int32Array.from(tuples.edges, ([, v]) => v),
        score: Float64Array.from(tuples.edges, ([, , w]) => w),
      },
    };
    expect(assign(typed).pairs).toEqual(assign(tuples).pairs);
    const repeated = assign({
      capacities: [1],
      slots: [1],
      edges: [
        [0, 0, 1],
        [0, 0, 4],
      ],
    });
    expect(repeated).toMatchObject({ pairs: [[0, 0]], total: 4 });
  });

  it("rejects pairs out of range and scores that are not numbers", () => {
    expect(() => assign({ capacities: [1], slots: [1], edges: [[0, 1, 1]] })).toThrow(RangeError);
    expect(() => assign({ capacities: [1], slots: [1], edges: [[0, 0, Number.NaN]] })).toThrow(RangeError);
  });

  it("solves in slices with progress, to the same answer", async () => {
    const instance = dense({ mentees: 2000, mentors: 300, seed: 5 });
    const seen: number[] = [];
    const sliced = await assignInSlices(instance, (p) => void seen.push(p.fraction), 0);
    expect(sliced.pairs).toEqual(assign(instance).pairs);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((f, i) => f >= 0 && f < 1 && (i === 0 || f >= (seen[i - 1] as number)))).toBe(true);
  });
});
