import { describe, expect, it } from "vitest";
import {
  DEFAULT_WEIGHTS,
  defaultConstraints,
  type MatchSettings,
  type MenteeProfile,
  scorePair,
} from "./score.ts";
import { timeZoneGapHours } from "./timezone.ts";

const at = new Date("2026-01-15T12:00:00Z");
const settings = (over: Partial<MatchSettings> = {}): MatchSettings => ({
  format: "one_to_one",
  weights: DEFAULT_WEIGHTS,
  constraints: defaultConstraints("one_to_one"),
  idealSeniorityGap: { min: 1, max: 2 },
  ...over,
});
const mentee = (over: Partial<MenteeProfile> = {}): MenteeProfile => ({
  id: "mentee",
  department: "Sales",
  seniority: 1,
  managerChain: ["lead", "head"],
  languages: ["English"],
  timeZone: "Europe/London",
  skills: [],
  interests: ["Writing", "Leadership"],
  skillsWanted: [{ name: "Negotiation", level: 4 }],
  ranking: [],
  avoid: [],
  previousMentors: [],
  ...over,
});
const mentor = {
  id: "mentor",
  department: "Engineering",
  seniority: 3,
  managerChain: ["cto"],
  languages: ["english", "German"],
  timeZone: "Europe/Berlin",
  skills: [{ name: "negotiation", level: 5 }],
  interests: ["Writing"],
};

describe("compatibility score", () => {
  it("explains every criterion with a value in [0, 1]", () => {
    const s = scorePair(mentee(), mentor, settings(), at);
    expect(s.excluded).toEqual([]);
    expect(s.criteria.map((c) => c.key)).toEqual([
      "skills",
      "interests",
      "seniority",
      "language",
      "timeZone",
      "ranking",
      "departmentDiversity",
    ]);
    for (const c of s.criteria) {
      expect(c.value).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeLessThanOrEqual(1);
      expect(c.explanation.length).toBeGreaterThan(5);
    }
    expect(s.criteria.find((c) => c.key === "skills")?.value).toBe(1);
    expect(s.criteria.find((c) => c.key === "interests")?.value).toBeCloseTo(1 / 2);
    expect(s.total).toBeGreaterThan(0.5);
  });

  it("does not count the ranking until the mentee ranked someone", () => {
    const unranked = scorePair(mentee(), mentor, settings(), at);
    expect(unranked.criteria.find((c) => c.key === "ranking")?.weight).toBe(0);
    const first = scorePair(mentee({ ranking: ["mentor", "x"] }), mentor, settings(), at);
    expect(first.criteria.find((c) => c.key === "ranking")).toMatchObject({ value: 1, weight: 2 });
    const second = scorePair(mentee({ ranking: ["x", "mentor"] }), mentor, settings(), at);
    expect(second.total).toBeLessThan(first.total);
  });

  it("excludes pairs that break a hard constraint and names the reason", () => {
    const codes = (m: MenteeProfile, s = settings(), mo: typeof mentor = mentor) =>
      scorePair(m, mo, s, at).excluded.map((e) => e.code);
    expect(codes(mentee({ managerChain: ["mentor"] }))).toEqual(["reporting_line"]);
    expect(codes(mentee(), settings(), { ...mentor, managerChain: ["mentee"] })).toEqual(["reporting_line"]);
    expect(codes(mentee({ seniority: 3 }))).toEqual(["seniority"]);
    expect(codes(mentee({ languages: ["French"] }))).toEqual(["no_shared_language"]);
    expect(codes(mentee({ previousMentors: ["mentor"] }))).toEqual(["matched_before"]);
    expect(codes(mentee({ avoid: ["mentor"] }))).toEqual(["avoided"]);
    const tight = settings({ constraints: { ...defaultConstraints("one_to_one"), maxTimeZoneGapHours: 0 } });
    expect(codes(mentee(), tight)).toEqual(["time_zone_gap"]);
    expect(scorePair(mentee({ avoid: ["mentor"] }), mentor, settings(), at).total).toBe(0);
  });

  it("peer and reverse formats change the seniority rule", () => {
    expect(defaultConstraints("peer").mentorMoreSenior).toBe(false);
    const reverse = settings({ format: "reverse", constraints: { ...defaultConstraints("one_to_one") } });
    expect(scorePair(mentee({ seniority: 5 }), mentor, reverse, at).excluded).toEqual([]);
    expect(scorePair(mentee({ seniority: 1 }), mentor, reverse, at).excluded[0]?.code).toBe("seniority");
  });

  it("measures time-zone gaps the short way round, with daylight saving", () => {
    expect(timeZoneGapHours("Europe/London", "Europe/Berlin", at)).toBe(1);
    expect(timeZoneGapHours("Pacific/Auckland", "Pacific/Honolulu", at)).toBe(1);
    expect(timeZoneGapHours("America/New_York", "Europe/London", new Date("2026-07-01T12:00:00Z"))).toBe(5);
    expect(timeZoneGapHours("Asia/Kolkata", "UTC", at)).toBe(5.5);
  });
});

describe("scoreTotal", () => {
  it("gives exactly the total of scorePair, and null where scorePair excludes", async () => {
    const { scoreTotal } = await import("./score.ts");
    const { random } = await import("../../../bench/matching/instances.ts");
    const rnd = random(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const skills = ["Leadership", "TypeScript", "negotiation", "Writing "];
    const zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Berlin"];
    const person = (id: string) => ({
      id,
      department: rnd() < 0.2 ? null : pick(["Sales", "Engineering", "People"]),
      seniority: rnd() < 0.1 ? null : Math.floor(rnd() * 6),
      managerChain: rnd() < 0.2 ? ["m0"] : [],
      languages: rnd() < 0.2 ? ["German"] : ["English", pick(["french", "German"])],
      timeZone: pick(zones),
      skills: skills.filter(() => rnd() < 0.5).map((name) => ({ name, level: 1 + Math.floor(rnd() * 5) })),
      interests: skills.filter(() => rnd() < 0.4),
    });
    for (let i = 0; i < 400; i++) {
      const r = person(rnd() < 0.1 ? "m0" : `r${i}`);
      const e: MenteeProfile = {
        ...person(`e${i}`),
        skillsWanted: skills
          .filter(() => rnd() < 0.4)
          .map((name) => ({ name: name.toUpperCase(), level: 3 })),
        ranking: rnd() < 0.5 ? [r.id, "x"].sort(() => rnd() - 0.5) : [],
        avoid: rnd() < 0.05 ? [r.id] : [],
        previousMentors: [],
      };
      const s = settings({
        format: pick(["one_to_one", "peer", "reverse"] as const),
        weights: { ...DEFAULT_WEIGHTS, departmentDiversity: Math.floor(rnd() * 3) },
        constraints: { ...defaultConstraints("one_to_one"), maxTimeZoneGapHours: rnd() < 0.5 ? 6 : null },
      });
      const full = scorePair(e, r, s, at);
      expect(scoreTotal(e, r, s, at)).toBe(full.excluded.length ? null : full.total);
    }
  });
});
