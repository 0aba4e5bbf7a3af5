import { describe, expect, it } from "vitest";
import { random } from "../../../bench/matching/instances.ts";
import type { EdgeTuple } from "./assign.ts";
import { fairRecommendations } from "./recommend.ts";

const firstChoiceCounts = (recs: { firstChoice: number | null }[], mentors: number) => {
  const counts = new Array<number>(mentors).fill(0);
  for (const r of recs) if (r.firstChoice !== null) counts[r.firstChoice] = (counts[r.firstChoice] ?? 0) + 1;
  return counts;
};

describe("fair recommendations", () => {
  it("spreads the star mentor: a plain sort puts them first for everyone, fair exposure only as often as they have seats", () => {
    // Mentor 0 is everyone's best match but has two seats; mentors 1–4 have two seats each.
    const mentees = 10;
    const edges: EdgeTuple[] = [];
    for (let u = 0; u < mentees; u++) {
      edges.push([u, 0, 0.95]);
      for (let v = 1; v <= 4; v++) edges.push([u, v, 0.5 + ((u * 7 + v * 3) % 10) / 40]);
    }
    const plainFirst = Array.from(
      { length: mentees },
      (_, u) => edges.filter(([a]) => a === u).sort((a, b) => b[2] - a[2])[0]?.[1],
    );
    expect(plainFirst.every((v) => v === 0)).toBe(true);

    const recs = fairRecommendations({ capacities: [2, 2, 2, 2, 2], mentees, edges, k: 3 });
    expect(firstChoiceCounts(recs, 5)).toEqual([2, 2, 2, 2, 2]);
    for (const r of recs) {
      expect(r.firstChoice).not.toBeNull();
      expect(r.others).toHaveLength(2);
      expect(r.others).not.toContain(r.firstChoice);
    }
    // The star still shows up lower in the lists of those who did not get them first.
    expect(recs.filter((r) => r.others.includes(0))).toHaveLength(8);
  });

  it("never shows a mentor first more often than their seats on random programs, and skips forbidden pairs", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const n = 3 + Math.floor(rnd() * 30);
      const m = 1 + Math.floor(rnd() * 8);
      const capacities = Array.from({ length: m }, () => Math.floor(rnd() * 3));
      const edges: EdgeTuple[] = [];
      for (let u = 0; u < n; u++) for (let v = 0; v < m; v++) if (rnd() < 0.7) edges.push([u, v, rnd()]);
      const recs = fairRecommendations({ capacities, mentees: n, edges, k: 3 });
      const counts = firstChoiceCounts(recs, m);
      for (const [v, c] of counts.entries()) expect(c).toBeLessThanOrEqual(capacities[v] as number);
      recs.forEach((r, u) => {
        for (const v of [r.firstChoice, ...r.others]) {
          if (v !== null) expect(edges.some(([a, b]) => a === u && b === v)).toBe(true);
        }
        expect(r.others.length + (r.firstChoice === null ? 0 : 1)).toBeLessThanOrEqual(3);
      });
    }
  });

  it("leaves the first choice empty when every allowed mentor's seats are taken, and still lists them", () => {
    const recs = fairRecommendations({
      capacities: [1],
      mentees: 2,
      edges: [
        [0, 0, 0.9],
        [1, 0, 0.4],
      ],
      k: 2,
    });
    expect(recs).toEqual([
      { firstChoice: 0, others: [] },
      { firstChoice: null, others: [0] },
    ]);
  });
});
