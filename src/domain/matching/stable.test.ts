import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockingPairs,
  menteePreferences,
  mentorPrefers,
  type StableProblem,
  stableMatch,
} from "./stable.ts";

// Reference versions of the preferences, written straight from the definitions, for tiny instances.

/** The score of a pair (the highest listed), or 0 when it is unacceptable. */
function refScore(p: StableProblem, i: number, j: number): number {
  let best = 0;
  for (const [a, b, w] of p.edges) if (a === i && b === j && w > best) best = w;
  return best;
}

/** Per mentee, its acceptable mentors best first. */
function refMenteeOrder(p: StableProblem): number[][] {
  const m = p.capacities.length;
  return Array.from({ length: p.mentees }, (_, i) => {
    const acceptable = Array.from({ length: m }, (_, j) => j).filter((j) => refScore(p, i, j) > 0);
    const ranked: number[] = [];
    for (const j of p.rankings?.[i] ?? []) if (acceptable.includes(j) && !ranked.includes(j)) ranked.push(j);
    const rest = acceptable
      .filter((j) => !ranked.includes(j))
      .sort((a, b) => refScore(p, i, b) - refScore(p, i, a) || a - b);
    return [...ranked, ...rest];
  });
}

function refMentorPrefers(p: StableProblem, j: number, a: number, b: number): boolean {
  const sa = refScore(p, a, j);
  const sb = refScore(p, b, j);
  if (sa <= 0) return false;
  if (sb <= 0) return true;
  return sa > sb || (sa === sb && a < b);
}

/** Position of a mentor in the mentee's list; being unmatched (-1) is worst. */
function rankOf(order: number[][], i: number, j: number): number {
  if (j === -1) return Number.POSITIVE_INFINITY;
  const k = (order[i] as number[]).indexOf(j);
  return k === -1 ? Number.POSITIVE_INFINITY : k;
}

/** Blocking pairs by the definition, with "prefers i to its worst current mentee" as "prefers i to some current mentee". */
function refBlocking(p: StableProblem, mentorOf: number[]): [number, number][] {
  const order = refMenteeOrder(p);
  const out: [number, number][] = [];
  for (let i = 0; i < p.mentees; i++) {
    for (let j = 0; j < p.capacities.length; j++) {
      if (refScore(p, i, j) <= 0) continue;
      if (rankOf(order, i, j) >= rankOf(order, i, mentorOf[i] as number)) continue;
      const held = mentorOf.flatMap((v, k) => (v === j ? [k] : []));
      if (held.length < (p.capacities[j] as number) || held.some((h) => refMentorPrefers(p, j, i, h)))
        out.push([i, j]);
    }
  }
  return out;
}

/** Every feasible matching as "mentor of each mentee" (-1 for none). */
function allMatchings(p: StableProblem): number[][] {
  const m = p.capacities.length;
  const used = new Array<number>(m).fill(0);
  const current: number[] = [];
  const out: number[][] = [];
  const walk = (i: number) => {
    if (i === p.mentees) {
      out.push([...current]);
      return;
    }
    current.push(-1);
    walk(i + 1);
    current.pop();
    for (let j = 0; j < m; j++) {
      if (refScore(p, i, j) <= 0 || (used[j] as number) >= (p.capacities[j] as number)) continue;
      used[j] = (used[j] as number) + 1;
      current.push(j);
      walk(i + 1);
      current.pop();
      used[j] = (used[j] as number) - 1;
    }
  };
  walk(0);
  return out;
}

function toPairs(mentorOf: number[]): [number, number][] {
  return mentorOf.flatMap((j, i) => (j === -1 ? [] : [[i, j] as [number, number]]));
}

function toMentorOf(p: StableProblem, pairs: ReadonlyArray<readonly [number, number]>): number[] {
  const mentorOf = new Array<number>(p.mentees).fill(-1);
  for (const [i, j] of pairs) mentorOf[i] = j;
  return mentorOf;
}

function checkFeasible(p: StableProblem, pairs: [number, number][]) {
  const seen = new Set<number>();
  const load = new Map<number, number>();
  for (const [i, j] of pairs) {
    expect(seen.has(i)).toBe(false);
    seen.add(i);
    expect(refScore(p, i, j)).toBeGreaterThan(0);
    load.set(j, (load.get(j) ?? 0) + 1);
  }
  for (const [j, c] of load) expect(c).toBeLessThanOrEqual(p.capacities[j] as number);
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  expect(pairs).toEqual(sorted);
}

const instance: fc.Arbitrary<StableProblem> = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, m }) =>
    fc.record({
      mentees: fc.constant(n),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      edges: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: m - 1 }),
          fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double({ min: 0, max: 5, noNaN: true })),
        ),
        { maxLength: 16 },
      ),
      rankings: fc.option(
        fc.array(fc.array(fc.integer({ min: 0, max: m - 1 }), { maxLength: m + 1 }), { maxLength: n }),
        { nil: undefined },
      ),
    }),
  );

describe("stable matching by deferred acceptance", () => {
  it("is feasible, has no blocking pair, and reports the total and the unmatched mentees", () => {
    fc.assert(
      fc.property(instance, (p) => {
        const r = stableMatch(p);
        checkFeasible(p, r.pairs);
        expect(blockingPairs(p, r.pairs)).toEqual([]);
        expect(refBlocking(p, toMentorOf(p, r.pairs))).toEqual([]);
        expect(r.total).toBeCloseTo(
          r.pairs.reduce((s, [i, j]) => s + refScore(p, i, j), 0),
          9,
        );
        const matched = new Set(r.pairs.map(([i]) => i));
        expect(r.unmatched).toEqual(
          Array.from({ length: p.mentees }, (_, i) => i).filter((i) => !matched.has(i)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("is mentee-optimal among all stable matchings, which all match the same mentees and fill the same seats", () => {
    fc.assert(
      fc.property(instance, (p) => {
        const order = refMenteeOrder(p);
        const da = toMentorOf(p, stableMatch(p).pairs);
        const stable = allMatchings(p).filter((mo) => blockingPairs(p, toPairs(mo)).length === 0);
        expect(stable).toContainEqual(da);
        const matched = (mo: number[]) => mo.map((j) => j !== -1);
        const load = (mo: number[]) =>
          Array.from({ length: p.capacities.length }, (_, j) => mo.filter((v) => v === j).length);
        for (const mo of stable) {
          for (let i = 0; i < p.mentees; i++)
            expect(rankOf(order, i, da[i] as number)).toBeLessThanOrEqual(rankOf(order, i, mo[i] as number));
          expect(matched(mo)).toEqual(matched(da));
          expect(load(mo)).toEqual(load(da));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the same answer for the same input, whatever the order of the edges", () => {
    fc.assert(
      fc.property(instance, (p) => {
        const first = stableMatch(p);
        expect(stableMatch(p)).toEqual(first);
        expect(stableMatch({ ...p, edges: [...p.edges].reverse() })).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it("lets mentors displace their worst held mentee", () => {
    // Mentor 0 (2 seats) first holds mentees 1 and 2, then trades 1 for 3; mentor 1 keeps 0 over 1.
    const r = stableMatch({
      capacities: [2, 1],
      mentees: 4,
      edges: [
        [0, 0, 5],
        [0, 1, 8],
        [1, 0, 7],
        [1, 1, 6],
        [2, 0, 9],
        [2, 1, 9],
        [3, 0, 8],
      ],
    });
    expect(r.pairs).toEqual([
      [0, 1],
      [2, 0],
      [3, 0],
    ]);
    expect(r.total).toBe(25);
    expect(r.unmatched).toEqual([1]);
  });

  it("breaks a mentor's ties by the lower mentee index and a mentee's by the lower mentor index", () => {
    const p: StableProblem = {
      capacities: [1, 1],
      mentees: 2,
      edges: [
        [1, 0, 5],
        [0, 0, 5],
        [1, 1, 5],
      ],
    };
    expect(stableMatch(p).pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(menteePreferences(p)).toEqual([[0], [0, 1]]);
    const prefers = mentorPrefers(p);
    expect(prefers(0, 0, 1)).toBe(true);
    expect(prefers(0, 1, 0)).toBe(false);
    expect(prefers(1, 0, 1)).toBe(false);
    expect(prefers(1, 1, 0)).toBe(true);
  });

  it("keeps the higher score of duplicate edges and never uses unacceptable pairs or empty mentors", () => {
    const r = stableMatch({
      capacities: [1, 0, 1],
      mentees: 3,
      edges: [
        [0, 0, 1],
        [0, 0, 5],
        [1, 0, 3],
        [1, 1, 9],
        [2, 2, 0],
        [2, 2, -4],
      ],
    });
    expect(r.pairs).toEqual([[0, 0]]);
    expect(r.total).toBe(5);
    expect(r.unmatched).toEqual([1, 2]);
  });

  it("honours rankings: a mentee gets the lower-scoring mentor it ranked first when that mentor has room", () => {
    const p: StableProblem = {
      capacities: [1, 1, 1],
      mentees: 2,
      edges: [
        [0, 0, 9],
        [0, 1, 2],
        [0, 2, 4],
        [1, 0, 1],
      ],
      rankings: [[1]],
    };
    expect(menteePreferences(p)).toEqual([[1, 0, 2], [0]]);
    const r = stableMatch(p);
    expect(r.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(r.total).toBe(3);
    // Without the ranking, mentee 0 takes its best-scoring mentor.
    expect(stableMatch({ ...p, rankings: undefined }).pairs).toEqual([[0, 0]]);
  });

  it("ignores ranked mentors that are not acceptable, and repeats", () => {
    const p: StableProblem = {
      capacities: [1, 1, 1, 1],
      mentees: 1,
      edges: [
        [0, 0, 3],
        [0, 1, 1],
        [0, 2, 0],
        [0, 3, 2],
      ],
      rankings: [[2, 1, 2, 1]],
    };
    expect(menteePreferences(p)).toEqual([[1, 0, 3]]);
    expect(stableMatch(p).pairs).toEqual([[0, 1]]);
  });

  it("matches the reference preferences", () => {
    fc.assert(
      fc.property(instance, (p) => {
        expect(menteePreferences(p)).toEqual(refMenteeOrder(p));
        const prefers = mentorPrefers(p);
        for (let j = 0; j < p.capacities.length; j++)
          for (let a = 0; a < p.mentees; a++)
            for (let b = 0; b < p.mentees; b++) expect(prefers(j, a, b)).toBe(refMentorPrefers(p, j, a, b));
      }),
      { numRuns: 500 },
    );
  });

  it("throws a RangeError for out-of-range indices", () => {
    const base: StableProblem = { capacities: [1], mentees: 1, edges: [[0, 0, 1]] };
    expect(() => stableMatch({ ...base, edges: [[1, 0, 1]] })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, edges: [[0, 1, 1]] })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, edges: [[-1, 0, 1]] })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, edges: [[0, 0.5, 1]] })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, mentees: -1 })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, rankings: [[1]] })).toThrow(RangeError);
    expect(() => stableMatch({ ...base, rankings: [[0], [0]] })).toThrow(RangeError);
    expect(() => menteePreferences({ ...base, edges: [[0, 2, 1]] })).toThrow(RangeError);
    expect(() => mentorPrefers(base)(1, 0, 0)).toThrow(RangeError);
    expect(() => blockingPairs(base, [[0, 1]])).toThrow(RangeError);
    expect(() => blockingPairs(base, [[1, 0]])).toThrow(RangeError);
  });
});

describe("blocking pairs", () => {
  const crossed: StableProblem = {
    capacities: [1, 1],
    mentees: 2,
    edges: [
      [0, 0, 5],
      [0, 1, 1],
      [1, 0, 3],
      [1, 1, 4],
    ],
  };

  it("finds the pairs that block a hand-made unstable matching", () => {
    expect(
      blockingPairs(crossed, [
        [0, 1],
        [1, 0],
      ]),
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(
      blockingPairs(crossed, [
        [0, 0],
        [1, 1],
      ]),
    ).toEqual([]);
  });

  it("counts a free seat and an unmatched mentee", () => {
    const p: StableProblem = {
      capacities: [2],
      mentees: 2,
      edges: [
        [0, 0, 1],
        [1, 0, 1],
      ],
    };
    expect(blockingPairs(p, [[0, 0]])).toEqual([[1, 0]]);
    expect(blockingPairs(p, [])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(blockingPairs({ ...p, capacities: [1] }, [[1, 0]])).toEqual([[0, 0]]);
    expect(blockingPairs({ ...p, capacities: [1] }, [[0, 0]])).toEqual([]);
  });

  it("rejects a mentee listed twice", () => {
    expect(() =>
      blockingPairs(crossed, [
        [0, 0],
        [0, 1],
      ]),
    ).toThrow(RangeError);
  });

  it("agrees with the definition on every feasible matching", () => {
    fc.assert(
      fc.property(instance, (p) => {
        for (const mo of allMatchings(p)) expect(blockingPairs(p, toPairs(mo))).toEqual(refBlocking(p, mo));
      }),
      { numRuns: 200 },
    );
  });
});

describe("stable matching at scale", () => {
  it("matches 2000 mentees to 400 mentors with 50 edges each, stably and deterministically", () => {
    let seed = 12345;
    const random = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const n = 2000;
    const m = 400;
    const capacities = Array.from({ length: m }, () => 1 + Math.floor(random() * 5));
    const edges: [number, number, number][] = [];
    const rankings: number[][] = [];
    for (let i = 0; i < n; i++) {
      const chosen = new Set<number>();
      while (chosen.size < 50) chosen.add(Math.floor(random() * m));
      for (const j of chosen) edges.push([i, j, 1 + Math.floor(random() * 100)]);
      rankings.push(i % 3 === 0 ? [0, 1, 2].map(() => Math.floor(random() * m)) : []);
    }
    const p: StableProblem = { capacities, mentees: n, edges, rankings };
    const r = stableMatch(p);
    expect(r.pairs.length + r.unmatched.length).toBe(n);
    const load = new Array<number>(m).fill(0);
    for (const [, j] of r.pairs) load[j] = (load[j] as number) + 1;
    for (let j = 0; j < m; j++) expect(load[j]).toBeLessThanOrEqual(capacities[j] as number);
    expect(blockingPairs(p, r.pairs)).toEqual([]);
    expect(stableMatch(p)).toEqual(r);
  });
});
