/**
 * How fast pairs are scored: the full breakdown (`scorePair`, what one pair's explanation shows) against the
 * total alone (`scoreTotal`, what a bulk match computes for every pair). Prints one JSON object.
 */
import {
  DEFAULT_WEIGHTS,
  defaultConstraints,
  type MatchProfile,
  type MatchSettings,
  type MenteeProfile,
  scorePair,
  scoreTotal,
} from "../../src/domain/matching/score.ts";
import { random } from "./instances.ts";

const MENTEES = 1000;
const MENTORS = 300;
const RUNS = 5;

const rnd = random(9);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
const SKILLS = ["Leadership", "TypeScript", "Negotiation", "Writing", "Design", "Finance", "Sales", "Hiring"];
const ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles"];
const person = (id: string): MatchProfile => ({
  id,
  department: pick(["Sales", "Engineering", "People", "Finance", "Support"]),
  seniority: Math.floor(rnd() * 6),
  managerChain: [`m${Math.floor(rnd() * 50)}`, `m${Math.floor(rnd() * 10)}`],
  languages: ["English", pick(["French", "German", "Spanish"])],
  timeZone: pick(ZONES),
  skills: SKILLS.filter(() => rnd() < 0.4).map((name) => ({ name, level: 1 + Math.floor(rnd() * 5) })),
  interests: SKILLS.filter(() => rnd() < 0.3),
});
const mentors = Array.from({ length: MENTORS }, (_, i) => person(`r${i}`));
const mentees: MenteeProfile[] = Array.from({ length: MENTEES }, (_, i) => ({
  ...person(`e${i}`),
  skillsWanted: SKILLS.filter(() => rnd() < 0.3).map((name) => ({ name, level: 3 + Math.floor(rnd() * 3) })),
  ranking: mentors.filter(() => rnd() < 0.01).map((m) => m.id),
  avoid: [],
  previousMentors: [],
}));
const settings: MatchSettings = {
  format: "one_to_one",
  weights: { ...DEFAULT_WEIGHTS, departmentDiversity: 1 },
  constraints: { ...defaultConstraints("one_to_one"), maxTimeZoneGapHours: 8 },
  idealSeniorityGap: { min: 1, max: 2 },
};
const at = new Date();

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => number) {
  const runs: number[] = [];
  let check = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    check = fn();
    runs.push(performance.now() - t);
  }
  return { ms: Math.round(median(runs) * 10) / 10, check };
}

const full = time(() => {
  let s = 0;
  for (const e of mentees) for (const r of mentors) s += scorePair(e, r, settings, at).total;
  return s;
});
const total = time(() => {
  let s = 0;
  for (const e of mentees) for (const r of mentors) s += scoreTotal(e, r, settings, at) ?? 0;
  return s;
});
const pairs = MENTEES * MENTORS;
console.log(
  JSON.stringify({
    pairs,
    runs: RUNS,
    scorePairMs: full.ms,
    scoreTotalMs: total.ms,
    scorePairMicrosPerPair: Math.round((full.ms * 1000 * 100) / pairs) / 100,
    scoreTotalMicrosPerPair: Math.round((total.ms * 1000 * 100) / pairs) / 100,
    ratio: Math.round((full.ms / total.ms) * 10) / 10,
    sameTotals: Math.abs(full.check - total.check) < 1e-6,
  }),
);
