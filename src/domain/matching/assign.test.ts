import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignmentProblem, assign } from "./assign.ts";

/** The best total by trying every subset of edges: the independent check for tiny instances. */
function bruteForce(p: AssignmentProblem): number {
  const edges = p.edges.filter(([, , w]) => w > 1e-9);
  let best = 0;
  const usedU = new Int32Array(p.slots.length);
  const usedV = new Int32Array(p.capacities.length);
  const walk = (i: number, total: number) => {
    if (i === edges.length) {
      if (total > best) best = total;
      return;
    }
    walk(i + 1, total);
    const [u, v, w] = edges[i] as [number, number, number];
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

const instance = fc
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

function checkFeasible(p: AssignmentProblem, pairs: [number, number][]) {
  const byU = new Map<number, number>();
  const byV = new Map<number, number>();
  const seen = new Set<string>();
  for (const [u, v] of pairs) {
    expect(p.edges.some(([a, b, w]) => a === u && b === v && w > 0)).toBe(true);
    expect(seen.has(`${u}:${v}`)).toBe(false);
    seen.add(`${u}:${v}`);
    byU.set(u, (byU.get(u) ?? 0) + 1);
    byV.set(v, (byV.get(v) ?? 0) + 1);
  }
  for (const [u, c] of byU) expect(c).toBeLessThanOrEqual(p.slots[u] as number);
  for (const [v, c] of byV) expect(c).toBeLessThanOrEqual(p.capacities[v] as number);
}

describe("exact capacitated assignment", () => {
  it("matches brute force on random tiny instances", () => {
    fc.assert(
      fc.property(instance, (p) => {
        const result = assign(p);
        checkFeasible(p, result.pairs);
        const total = result.pairs.reduce(
          (s, [u, v]) => s + (p.edges.find(([a, b]) => a === u && b === v)?.[2] ?? 0),
          0,
        );
        expect(result.total).toBeCloseTo(total, 9);
        expect(result.total).toBeCloseTo(bruteForce(p), 9);
      }),
      { numRuns: 3000 },
    );
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

  it("gives the same answer for the same input, ties included", () => {
    const p: AssignmentProblem = {
      capacities: [1, 1, 1],
      slots: [1, 1, 1, 1],
      edges: [0, 1, 2, 3].flatMap((u) => [0, 1, 2].map((v) => [u, v, 1] as [number, number, number])),
    };
    const first = assign(p);
    expect(first.total).toBe(3);
    for (let i = 0; i < 5; i++) expect(assign(p)).toEqual(first);
  });
});
