import type { EdgeArrays } from "../../src/domain/matching/assign.ts";

export interface Instance {
  size: string;
  capacities: Int32Array;
  slots: Int32Array;
  edges: EdgeArrays;
}

/** A small, fast, seeded generator (mulberry32), so every run measures the same instances. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scores as the scorer gives them: in (0, 1] with four decimals. */
const scoreFrom = (r: number) => Math.max(1, Math.round(r * 10_000)) / 10_000;

export function dense(options: {
  mentees: number;
  mentors: number;
  forbiddenShare?: number;
  seed: number;
  size?: string;
}): Instance {
  const { mentees: n, mentors: m, forbiddenShare = 0, seed } = options;
  const rnd = random(seed);
  const capacities = Int32Array.from({ length: m }, () => 1 + Math.floor(rnd() * 5));
  const slots = new Int32Array(n).fill(1);
  const cap = n * m;
  const mentee = new Int32Array(cap);
  const mentor = new Int32Array(cap);
  const score = new Float64Array(cap);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const w = rnd();
      if (forbiddenShare > 0 && rnd() < forbiddenShare) continue;
      mentee[e] = i;
      mentor[e] = j;
      score[e] = scoreFrom(w);
      e++;
    }
  }
  return {
    size: options.size ?? `${n} x ${m}`,
    capacities,
    slots,
    edges: { mentee: mentee.slice(0, e), mentor: mentor.slice(0, e), score: score.slice(0, e) },
  };
}

/** Each mentee with its `candidates` best-scoring mentors only, as a recommender would hand them over. */
export function sparse(options: {
  mentees: number;
  mentors: number;
  candidates: number;
  seed: number;
}): Instance {
  const { mentees: n, mentors: m, candidates: k, seed } = options;
  const rnd = random(seed);
  const capacities = Int32Array.from({ length: m }, () => 1 + Math.floor(rnd() * 5));
  const slots = new Int32Array(n).fill(1);
  const mentee = new Int32Array(n * k);
  const mentor = new Int32Array(n * k);
  const score = new Float64Array(n * k);
  const picked = new Int32Array(m).fill(-1);
  let e = 0;
  for (let i = 0; i < n; i++) {
    let got = 0;
    while (got < k) {
      const j = Math.floor(rnd() * m);
      if (picked[j] === i) continue;
      picked[j] = i;
      mentee[e] = i;
      mentor[e] = j;
      score[e] = scoreFrom(rnd());
      e++;
      got++;
    }
  }
  return {
    size: `${n} x ${m} sparse (${k} per mentee)`,
    capacities,
    slots,
    edges: { mentee, mentor, score },
  };
}
