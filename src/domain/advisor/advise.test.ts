import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advise, COMBINATION_MINIMUM, maxScores, type RecommendationOption } from "./advise.ts";
import { CRITERIA } from "./criteria.ts";
import { type Answers, answerSpace, QUESTIONS } from "./questions.ts";
import { COMBINATIONS, type Facts, type Mode, RULES, ruleApplies } from "./rules.ts";

/** A need with no pull in any direction but the answers a test sets. */
const NEUTRAL: Facts = {
  horizon: "months",
  focus: "performance_goal",
  curriculum: "unsure",
  been_there: "no",
  measurable: "no",
  transition: "neither",
  identity: "no",
  mandatory: "no",
  initiator: "self",
};

const facts = (over: Partial<Facts>): Facts => ({ ...NEUTRAL, ...over });
const top = (f: Facts) => advise(f).options[0] as RecommendationOption;
const option = (f: Facts, ...modes: Mode[]) => {
  const found = advise(f).options.find((o) => o.modes.join("+") === modes.join("+"));
  if (!found) throw new Error(`no option ${modes.join("+")}`);
  return found;
};
const score = (f: Facts, mode: Mode) => option(f, mode).score;
const cites = (o: RecommendationOption, criterionId: string) =>
  [...o.reasons, ...o.against].some((r) => r.criterion.id === criterionId);

describe("seed 003: use mentoring when", () => {
  it("you're looking for career guidance or long-term personal growth", () => {
    const f = facts({ focus: "career_growth", horizon: "years" });
    expect(top(f).modes).toEqual(["mentoring"]);
    expect(cites(top(f), CRITERIA.careerGuidance.id)).toBe(true);
    expect(score(f, "mentoring")).toBeGreaterThan(score(facts({ horizon: "years" }), "mentoring"));
  });

  it("you want to learn from someone who's been there before", () => {
    const before = facts({ focus: "skill_gap", horizon: "months" });
    const after = { ...before, been_there: "yes" as const };
    expect(score(after, "mentoring")).toBeGreaterThan(score(before, "mentoring"));
    expect(cites(option(after, "mentoring"), CRITERIA.beenThere.id)).toBe(true);
    expect(top(facts({ been_there: "yes", focus: "network" })).modes).toEqual(["mentoring"]);
  });

  it("you're exploring your identity, goals, or values", () => {
    const f = facts({ identity: "yes", focus: "career_growth" });
    expect(top(f).modes).toEqual(["mentoring"]);
    expect(top(f).reasons[0]?.strength).toBe("strong");
    expect(cites(top(f), CRITERIA.identity.id)).toBe(true);
    expect(score(f, "mentoring")).toBeGreaterThan(score({ ...f, identity: "no" }, "mentoring"));
  });
});

describe("seed 003: use coaching when", () => {
  it("you have specific performance goals or skill gaps to address", () => {
    for (const focus of ["performance_goal", "skill_gap"] as const) {
      const f = facts({ focus, curriculum: "none", measurable: "somewhat" });
      expect(top(f).modes).toEqual(["coaching"]);
      expect(cites(top(f), CRITERIA.performanceGoals.id)).toBe(true);
    }
  });

  it("you want to improve quickly and measurably in a focused area", () => {
    const f = facts({ measurable: "yes" });
    expect(top(f).modes).toEqual(["coaching"]);
    expect(top(f).strength).toBe("strong");
    expect(score(f, "coaching")).toBeGreaterThan(score(NEUTRAL, "coaching"));
    expect(cites(top(f), CRITERIA.quickAndMeasurable.id)).toBe(true);
  });

  it("you're navigating a challenging project or leadership transition", () => {
    const project = facts({ transition: "challenging_project" });
    expect(top(project).modes).toEqual(["coaching"]);
    expect(cites(top(project), CRITERIA.transition.id)).toBe(true);
    const transition = facts({ transition: "leadership_transition", focus: "skill_gap", curriculum: "none" });
    expect(option(transition, "coaching").score).toBeGreaterThan(option(transition, "mentoring").score);
    expect(cites(option(transition, "coaching"), CRITERIA.transition.id)).toBe(true);
  });

  it("both approaches can complement each other: a leader in transition who wants to learn from someone who has been there gets both", () => {
    const f = facts({
      transition: "leadership_transition",
      been_there: "yes",
      measurable: "yes",
      horizon: "years",
    });
    const best = top(f);
    expect(best.modes).toEqual(["mentoring", "coaching"]);
    expect(best.complement.map((c) => c.id)).toEqual([CRITERIA.complement.id, CRITERIA.roi.id]);
    expect(best.reasons.some((r) => r.mode === "mentoring")).toBe(true);
    expect(best.reasons.some((r) => r.mode === "coaching")).toBe(true);
  });
});

/** Each contrast the seeds draw between two modes, and a need on each side of it. */
describe("the contrasts of seeds 000–002", () => {
  const contrasts: {
    seed: string;
    contrast: string;
    criterion: string;
    need: Partial<Facts>;
    wins: Mode;
    over: Mode;
  }[] = [
    {
      seed: "000",
      contrast: "training is a mandatory skills education program; mentoring is a relationship",
      criterion: CRITERIA.mandatoryProgram.id,
      need: { mandatory: "yes", focus: "skill_gap", been_there: "somewhat" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "000",
      contrast: "mentoring lasts months or years, training a few weeks (long horizon)",
      criterion: CRITERIA.duration.id,
      need: { horizon: "years", focus: "network", curriculum: "exists" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "000",
      contrast: "mentoring lasts months or years, training a few weeks (short horizon)",
      criterion: CRITERIA.duration.id,
      need: { horizon: "weeks", focus: "skill_gap", curriculum: "exists", been_there: "somewhat" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "000",
      contrast: "mentors provide career advice (career)",
      criterion: CRITERIA.advice.id,
      need: { focus: "career_growth", curriculum: "exists" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "000",
      contrast: "trainers provide job advice (job skill)",
      criterion: CRITERIA.advice.id,
      need: { focus: "skill_gap", curriculum: "exists", been_there: "somewhat" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "000",
      contrast: "personal and confidential against impersonal and hierarchical",
      criterion: CRITERIA.personal.id,
      need: { been_there: "yes", curriculum: "exists", focus: "network" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "000",
      contrast: "motivation is a major objective in mentoring, not in training",
      criterion: CRITERIA.motivation.id,
      need: { identity: "somewhat", horizon: "years", curriculum: "exists", focus: "career_growth" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "000",
      contrast: "a go-to person against practical know-how",
      criterion: CRITERIA.knowHow.id,
      need: { focus: "skill_gap", curriculum: "exists" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "001",
      contrast: "trainers use structured programs or courses",
      criterion: CRITERIA.structuredCourses.id,
      need: { curriculum: "exists", horizon: "weeks" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "001",
      contrast: "a trainer works short-term with a start and an end date",
      criterion: CRITERIA.trainerTimeframe.id,
      need: { horizon: "years", curriculum: "exists", focus: "career_growth" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "001",
      contrast: "a mentor relationship lasts months or years",
      criterion: CRITERIA.mentorTimeframe.id,
      need: { horizon: "weeks", been_there: "somewhat", curriculum: "exists" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "001",
      contrast: "training is formal with measurable outcomes; mentoring informal",
      criterion: CRITERIA.formalMethod.id,
      need: { curriculum: "exists", measurable: "somewhat", been_there: "somewhat" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "001",
      contrast: "mentoring rests on trust; the trainer is the expert",
      criterion: CRITERIA.trust.id,
      need: { identity: "yes", been_there: "somewhat", curriculum: "exists" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "001",
      contrast: "trainers deliver certification",
      criterion: CRITERIA.certification.id,
      need: { mandatory: "yes", curriculum: "unsure" },
      wins: "training",
      over: "mentoring",
    },
    {
      seed: "001",
      contrast: "mentors help manage transitions",
      criterion: CRITERIA.managingTransitions.id,
      need: { transition: "leadership_transition", horizon: "years", curriculum: "exists" },
      wins: "mentoring",
      over: "training",
    },
    {
      seed: "002",
      contrast: "coaching is about shorter-term performance objectives",
      criterion: CRITERIA.shorterTerm.id,
      need: { focus: "performance_goal", horizon: "weeks", been_there: "somewhat" },
      wins: "coaching",
      over: "mentoring",
    },
    {
      seed: "002",
      contrast: "mentoring is about continuous growth of capability and potential",
      criterion: CRITERIA.continuousGrowth.id,
      need: { focus: "career_growth", horizon: "years", measurable: "somewhat" },
      wins: "mentoring",
      over: "coaching",
    },
    {
      seed: "002",
      contrast: "the coachee is usually assigned",
      criterion: CRITERIA.assigned.id,
      need: { initiator: "manager", focus: "skill_gap", been_there: "somewhat", curriculum: "none" },
      wins: "coaching",
      over: "mentoring",
    },
    {
      seed: "002",
      contrast: "the mentee often chooses the mentor",
      criterion: CRITERIA.chooses.id,
      need: { initiator: "self", been_there: "yes", focus: "career_growth" },
      wins: "mentoring",
      over: "coaching",
    },
    {
      seed: "002",
      contrast: "the mentor creates a safe place to talk freely and confidentially",
      criterion: CRITERIA.safePlace.id,
      need: { identity: "yes", measurable: "somewhat", focus: "career_growth" },
      wins: "mentoring",
      over: "coaching",
    },
    {
      seed: "002",
      contrast: "a coach's reward is improved job performance; mentoring is reciprocal (performance)",
      criterion: CRITERIA.rewards.id,
      need: { focus: "performance_goal", been_there: "somewhat" },
      wins: "coaching",
      over: "mentoring",
    },
    {
      seed: "002",
      contrast: "a coach's reward is improved job performance; mentoring is reciprocal (both learn)",
      criterion: CRITERIA.reciprocal.id,
      need: { focus: "career_growth", been_there: "somewhat", measurable: "somewhat" },
      wins: "mentoring",
      over: "coaching",
    },
    {
      seed: "002",
      contrast: "organizations use coaching for specific objectives and given tasks",
      criterion: CRITERIA.specificObjectives.id,
      need: { transition: "challenging_project", been_there: "somewhat" },
      wins: "coaching",
      over: "mentoring",
    },
    {
      seed: "002",
      contrast: "organizations use mentoring to develop managerial talent",
      criterion: CRITERIA.managerialTalent.id,
      need: { transition: "leadership_transition", horizon: "years", focus: "career_growth" },
      wins: "mentoring",
      over: "coaching",
    },
    {
      seed: "002",
      contrast: "mentors help mentees network with important business contacts",
      criterion: CRITERIA.network.id,
      need: { focus: "network", measurable: "somewhat" },
      wins: "mentoring",
      over: "coaching",
    },
  ];

  it.each(contrasts)("seed $seed: $contrast", ({ criterion, need, wins, over }) => {
    const f = facts(need);
    expect(score(f, wins)).toBeGreaterThan(score(f, over));
    const cited = advise(f).options.filter((o) => o.modes.length === 1 && cites(o, criterion));
    expect(cited.length).toBeGreaterThan(0);
    const ranked = advise(f).options.map((o) => o.modes.join("+"));
    expect(ranked.indexOf(wins)).toBeLessThan(ranked.indexOf(over));
  });

  it("every criterion of seeds 000–003 is the source of a rule or a combination, and is tested above", () => {
    const used = new Set([
      ...RULES.map((r) => r.criterion.id),
      ...COMBINATIONS.flatMap((c) => c.criteria.map((x) => x.id)),
    ]);
    for (const c of Object.values(CRITERIA)) expect(used.has(c.id), c.id).toBe(true);
    const tested = new Set(contrasts.map((c) => c.criterion));
    for (const c of Object.values(CRITERIA).filter((x) => ["000", "001", "002"].includes(x.seed))) {
      if (c.id === CRITERIA.bothCritical.id) continue;
      expect(tested.has(c.id), c.id).toBe(true);
    }
  });
});

describe("combinations", () => {
  it("recommends mentoring with training when a mandatory course and long-term career growth both matter", () => {
    const f = facts({
      mandatory: "yes",
      curriculum: "exists",
      focus: "career_growth",
      horizon: "months",
      been_there: "yes",
    });
    const pair = option(f, "mentoring", "training");
    expect(pair.complement.map((c) => c.id)).toEqual([CRITERIA.bothCritical.id]);
    expect(top(f).modes).toEqual(["mentoring", "training"]);
  });

  it("offers no combination when one mode is barely indicated", () => {
    const f = facts({ measurable: "yes", focus: "skill_gap", curriculum: "none" });
    expect(advise(f).options.every((o) => o.modes.length === 1)).toBe(true);
  });
});

describe("the rule set", () => {
  const space = [...answerSpace()];
  const all: Facts[] = space.flatMap((a: Answers) => [
    { ...a, initiator: "self" as const },
    { ...a, initiator: "manager" as const },
  ]);

  it("covers the whole answer space of the questionnaire", () => {
    expect(QUESTIONS).toHaveLength(8);
    expect(space).toHaveLength(QUESTIONS.reduce((n, q) => n * q.options.length, 1));
  });

  it("has unique rule ids, only answers the questionnaire can give, and every rule can fire", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      for (const [key, values] of Object.entries(rule.when)) {
        const allowed =
          key === "initiator"
            ? ["self", "manager"]
            : QUESTIONS.find((q) => q.id === key)?.options.map((o) => o.value);
        expect(allowed, `${rule.id}: ${key}`).toBeDefined();
        for (const v of values as string[]) expect(allowed, `${rule.id}: ${key}=${v}`).toContain(v);
      }
      expect(
        all.some((f) => ruleApplies(rule, f)),
        rule.id,
      ).toBe(true);
    }
  });

  it("ranks every answer set consistently", () => {
    const max = maxScores();
    fc.assert(
      fc.property(fc.constantFrom(...all), (f) => {
        const { options } = advise(f);
        for (let i = 1; i < options.length; i++) {
          const before = options[i - 1] as RecommendationOption;
          const after = options[i] as RecommendationOption;
          expect(before.score).toBeGreaterThanOrEqual(after.score);
          expect(before.fitPct).toBeGreaterThanOrEqual(after.fitPct);
        }
        expect(options.filter((o) => o.modes.length === 1)).toHaveLength(3);
        for (const o of options) {
          expect(o.fitPct).toBeGreaterThanOrEqual(0);
          expect(o.fitPct).toBeLessThanOrEqual(100);
          for (const r of o.reasons) expect(r.weight).toBeGreaterThan(0);
          for (const r of o.against) expect(r.weight).toBeLessThan(0);
          if (o.modes.length === 1) {
            const m = o.modes[0] as Mode;
            expect(o.score).toBeLessThanOrEqual(max[m]);
            expect(o.score).toBe([...o.reasons, ...o.against].reduce((s, r) => s + r.weight, 0));
          } else {
            for (const m of o.modes) expect(option(f, m).score).toBeGreaterThanOrEqual(COMBINATION_MINIMUM);
            expect(o.complement.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("is documented in RULES.md: every question, rule and criterion, with each rule's weight", () => {
    const doc = readFileSync(new URL("./RULES.md", import.meta.url), "utf8");
    for (const q of QUESTIONS) expect(doc, q.id).toContain(`\`${q.id}\``);
    for (const r of RULES) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${r.id}\` | ${r.mode} |`));
      expect(row, r.id).toBeDefined();
      expect(row).toContain(`| ${r.weight > 0 ? "+" : ""}${r.weight} |`);
      expect(row).toContain(`(\`${r.criterion.id}\`)`);
    }
    for (const c of Object.values(CRITERIA)) expect(doc, c.id).toContain(`\`${c.id}\``);
  });

  it("lets each mode be the top recommendation for some need", () => {
    const tops = new Set(all.map((f) => top(f).modes.join("+")));
    for (const m of ["mentoring", "coaching", "training", "mentoring+coaching", "mentoring+training"]) {
      expect(tops.has(m), m).toBe(true);
    }
  });
});
