import { timeZoneGapHours } from "./timezone.ts";

export type MentoringFormat = "one_to_one" | "group" | "peer" | "reverse" | "flash";

export interface Skill {
  name: string;
  level: number;
}

/** What the scorer knows of a person. `managerChain` is everyone above them in the reporting line. */
export interface MatchProfile {
  id: string;
  department: string | null;
  seniority: number | null;
  managerChain: readonly string[];
  languages: readonly string[];
  timeZone: string;
  skills: readonly Skill[];
  interests: readonly string[];
}

export interface MenteeProfile extends MatchProfile {
  skillsWanted: readonly Skill[];
  /** Mentor ids in the mentee's order of preference (best first). */
  ranking: readonly string[];
  /** Mentor ids the mentee must not be matched with. */
  avoid: readonly string[];
  /** Mentor ids the mentee was matched with before. */
  previousMentors: readonly string[];
}

export interface MatchWeights {
  skills: number;
  interests: number;
  seniority: number;
  language: number;
  timeZone: number;
  ranking: number;
  departmentDiversity: number;
}

export interface HardConstraints {
  notInReportingLine: boolean;
  mentorMoreSenior: boolean;
  sharedLanguage: boolean;
  /** null: no limit. */
  maxTimeZoneGapHours: number | null;
}

export interface MatchSettings {
  format: MentoringFormat;
  weights: MatchWeights;
  constraints: HardConstraints;
  /** The seniority gap (mentor minus mentee) that scores best, inclusive. */
  idealSeniorityGap: { min: number; max: number };
}

export const DEFAULT_WEIGHTS: MatchWeights = {
  skills: 3,
  interests: 2,
  seniority: 1,
  language: 1,
  timeZone: 1,
  ranking: 2,
  departmentDiversity: 0,
};

export function defaultConstraints(format: MentoringFormat): HardConstraints {
  return {
    notInReportingLine: true,
    mentorMoreSenior: format !== "peer" && format !== "reverse",
    sharedLanguage: true,
    maxTimeZoneGapHours: null,
  };
}

export type CriterionKey = keyof MatchWeights;

export interface CriterionScore {
  key: CriterionKey;
  label: string;
  value: number;
  weight: number;
  explanation: string;
}

export type ExclusionCode =
  | "same_person"
  | "reporting_line"
  | "seniority"
  | "no_shared_language"
  | "time_zone_gap"
  | "matched_before"
  | "avoided";

export interface Exclusion {
  code: ExclusionCode;
  reason: string;
}

export interface PairScore {
  menteeId: string;
  mentorId: string;
  /** Weighted mean of the criteria, 0–1; 0 when excluded. */
  total: number;
  excluded: Exclusion[];
  criteria: CriterionScore[];
}

const norm = (s: string) => s.trim().toLowerCase();
const list = (items: readonly string[]) => (items.length ? items.join(", ") : "none");

/** What every pair of a person needs, normalized once (a bulk match scores each person thousands of times). */
interface Prepared {
  skills: Map<string, number>;
  interests: Set<string>;
  languages: Set<string>;
}
const preparedOf = new WeakMap<MatchProfile, Prepared>();
function prep(p: MatchProfile): Prepared {
  let out = preparedOf.get(p);
  if (!out) {
    out = {
      skills: new Map(p.skills.map((s) => [norm(s.name), s.level])),
      interests: new Set(p.interests.map(norm)),
      languages: new Set(p.languages.map(norm)),
    };
    preparedOf.set(p, out);
  }
  return out;
}

const sharesLanguage = (a: MatchProfile, b: MatchProfile) => {
  const theirs = prep(b).languages;
  for (const l of prep(a).languages) if (theirs.has(l)) return true;
  return false;
};

function skillsValue(mentee: MenteeProfile, mentor: MatchProfile): number {
  if (mentee.skillsWanted.length === 0) return 0.5;
  const offered = prep(mentor).skills;
  let sum = 0;
  for (const want of mentee.skillsWanted) {
    const level = offered.get(norm(want.name));
    // Full credit when the mentor's level reaches what the mentee wants to reach.
    if (level !== undefined) sum += Math.min(1, level / Math.max(1, want.level));
  }
  return sum / mentee.skillsWanted.length;
}

function interestsValue(mentee: MatchProfile, mentor: MatchProfile): number {
  const a = prep(mentee).interests;
  const b = prep(mentor).interests;
  let shared = 0;
  for (const i of a) if (b.has(i)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function seniorityGap(mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings): number | null {
  if (mentee.seniority === null || mentor.seniority === null) return null;
  return settings.format === "reverse"
    ? mentee.seniority - mentor.seniority
    : mentor.seniority - mentee.seniority;
}

function seniorityValue(gap: number | null, settings: MatchSettings): number {
  if (gap === null) return 0.5;
  const { min, max } = settings.idealSeniorityGap;
  const distance = gap < min ? min - gap : gap > max ? gap - max : 0;
  return Math.max(0, 1 - distance / 3);
}

function rankingValue(mentee: MenteeProfile, mentorId: string): number {
  const position = mentee.ranking.indexOf(mentorId);
  return position < 0 ? 0 : 1 - position / Math.max(1, mentee.ranking.length);
}

const differentDepartment = (mentee: MatchProfile, mentor: MatchProfile) =>
  mentee.department !== null && mentor.department !== null && mentee.department !== mentor.department;

export function hardExclusions(
  mentee: MenteeProfile,
  mentor: MatchProfile,
  settings: MatchSettings,
  at: Date,
): Exclusion[] {
  const out: Exclusion[] = [];
  const c = settings.constraints;
  if (mentee.id === mentor.id)
    out.push({ code: "same_person", reason: "A person cannot mentor themselves." });
  if (
    c.notInReportingLine &&
    (mentee.managerChain.includes(mentor.id) || mentor.managerChain.includes(mentee.id))
  ) {
    out.push({
      code: "reporting_line",
      reason: "They are in the same reporting line; mentoring stays outside it so that it is free of power.",
    });
  }
  if (c.mentorMoreSenior) {
    const ok =
      settings.format === "reverse"
        ? mentor.seniority !== null && mentee.seniority !== null && mentor.seniority < mentee.seniority
        : mentor.seniority !== null && mentee.seniority !== null && mentor.seniority > mentee.seniority;
    if (!ok) {
      out.push({
        code: "seniority",
        reason:
          settings.format === "reverse"
            ? "In reverse mentoring the mentor must be more junior than the mentee."
            : "The mentor must be more senior than the mentee.",
      });
    }
  }
  if (c.sharedLanguage && !sharesLanguage(mentee, mentor)) {
    out.push({ code: "no_shared_language", reason: "They share no language." });
  }
  if (c.maxTimeZoneGapHours !== null) {
    const gap = timeZoneGapHours(mentee.timeZone, mentor.timeZone, at);
    if (gap > c.maxTimeZoneGapHours) {
      out.push({
        code: "time_zone_gap",
        reason: `Their time zones are ${gap} h apart; the program allows ${c.maxTimeZoneGapHours} h.`,
      });
    }
  }
  if (mentee.previousMentors.includes(mentor.id)) {
    out.push({ code: "matched_before", reason: "They were matched together before." });
  }
  if (mentee.avoid.includes(mentor.id))
    out.push({ code: "avoided", reason: "The mentee asked not to be matched with this mentor." });
  return out;
}

function skillsCriterion(mentee: MenteeProfile, mentor: MatchProfile): Omit<CriterionScore, "weight"> {
  const label = "Skills wanted and offered";
  const value = skillsValue(mentee, mentor);
  if (mentee.skillsWanted.length === 0) {
    return { key: "skills", label, value, explanation: "The mentee listed no skills to learn." };
  }
  const offered = prep(mentor).skills;
  const covered = mentee.skillsWanted.flatMap((want) => {
    const level = offered.get(norm(want.name));
    return level === undefined ? [] : [`${want.name} (${level}/5)`];
  });
  return {
    key: "skills",
    label,
    value,
    explanation: covered.length
      ? `Offers ${covered.length} of ${mentee.skillsWanted.length} wanted skills: ${covered.join(", ")}.`
      : `Offers none of the wanted skills (${list(mentee.skillsWanted.map((s) => s.name))}).`,
  };
}

function interestsCriterion(mentee: MatchProfile, mentor: MatchProfile): Omit<CriterionScore, "weight"> {
  const theirs = prep(mentor).interests;
  const shared = mentee.interests.filter((i) => theirs.has(norm(i)));
  return {
    key: "interests",
    label: "Shared goals and interests",
    value: interestsValue(mentee, mentor),
    explanation: shared.length ? `Both care about ${shared.join(", ")}.` : "No shared interests listed.",
  };
}

function seniorityCriterion(
  mentee: MatchProfile,
  mentor: MatchProfile,
  settings: MatchSettings,
): Omit<CriterionScore, "weight"> {
  const label = "Seniority gap";
  const gap = seniorityGap(mentee, mentor, settings);
  if (gap === null) {
    return { key: "seniority", label, value: 0.5, explanation: "Seniority is not known for both." };
  }
  const { min, max } = settings.idealSeniorityGap;
  const ideal = min === max ? `${min}` : `${min}–${max}`;
  return {
    key: "seniority",
    label,
    value: seniorityValue(gap, settings),
    explanation: `${gap >= 0 ? gap : -gap} level${Math.abs(gap) === 1 ? "" : "s"} ${gap >= 0 ? "apart" : "the wrong way"}; ideal is ${ideal}.`,
  };
}

function languageCriterion(mentee: MatchProfile, mentor: MatchProfile): Omit<CriterionScore, "weight"> {
  const theirs = prep(mentor).languages;
  const shared = mentee.languages.filter((l) => theirs.has(norm(l)));
  return {
    key: "language",
    label: "Shared language",
    value: shared.length ? 1 : 0,
    explanation: shared.length ? `Both speak ${shared.join(", ")}.` : "No shared language.",
  };
}

function timeZoneCriterion(
  mentee: MatchProfile,
  mentor: MatchProfile,
  at: Date,
): Omit<CriterionScore, "weight"> {
  const gap = timeZoneGapHours(mentee.timeZone, mentor.timeZone, at);
  return {
    key: "timeZone",
    label: "Time-zone distance",
    value: 1 - gap / 12,
    explanation:
      gap === 0 ? "Same time zone offset." : `${gap} h apart (${mentee.timeZone} and ${mentor.timeZone}).`,
  };
}

function rankingCriterion(mentee: MenteeProfile, mentor: MatchProfile): Omit<CriterionScore, "weight"> {
  const position = mentee.ranking.indexOf(mentor.id);
  const label = "Mentee's ranking";
  if (position < 0) {
    return {
      key: "ranking",
      label,
      value: 0,
      explanation: mentee.ranking.length
        ? "Not among the mentee's picks."
        : "The mentee ranked no mentors, so this does not count.",
    };
  }
  return {
    key: "ranking",
    label,
    value: rankingValue(mentee, mentor.id),
    explanation: `The mentee's choice number ${position + 1} of ${mentee.ranking.length}.`,
  };
}

function departmentCriterion(mentee: MatchProfile, mentor: MatchProfile): Omit<CriterionScore, "weight"> {
  const different = differentDepartment(mentee, mentor);
  return {
    key: "departmentDiversity",
    label: "Different department",
    value: different ? 1 : 0,
    explanation: different
      ? `Brings a view from ${mentor.department} to someone in ${mentee.department}.`
      : "Same department (or not known).",
  };
}

/** The compatibility of one mentee–mentor pair: each weighted criterion with its explanation, and any exclusion. */
export function scorePair(
  mentee: MenteeProfile,
  mentor: MatchProfile,
  settings: MatchSettings,
  at: Date,
): PairScore {
  const parts = [
    skillsCriterion(mentee, mentor),
    interestsCriterion(mentee, mentor),
    seniorityCriterion(mentee, mentor, settings),
    languageCriterion(mentee, mentor),
    timeZoneCriterion(mentee, mentor, at),
    rankingCriterion(mentee, mentor),
    departmentCriterion(mentee, mentor),
  ];
  // A ranking only means something once the mentee has ranked mentors; until then it does not count.
  const applies = (key: CriterionKey) => key !== "ranking" || mentee.ranking.length > 0;
  const criteria = parts.map((p) => ({ ...p, weight: applies(p.key) ? settings.weights[p.key] : 0 }));
  const weightSum = criteria.reduce((s, c) => s + c.weight, 0);
  const excluded = hardExclusions(mentee, mentor, settings, at);
  const total =
    excluded.length || weightSum === 0 ? 0 : criteria.reduce((s, c) => s + c.value * c.weight, 0) / weightSum;
  return {
    menteeId: mentee.id,
    mentorId: mentor.id,
    total: Math.round(total * 10_000) / 10_000,
    excluded,
    criteria,
  };
}

/**
 * The same total as `scorePair`, without the explanations: what a bulk match computes for every pair.
 * Null when a hard constraint excludes the pair.
 */
export function scoreTotal(
  mentee: MenteeProfile,
  mentor: MatchProfile,
  settings: MatchSettings,
  at: Date,
): number | null {
  if (hardExclusions(mentee, mentor, settings, at).length) return null;
  const w = settings.weights;
  const ranking = mentee.ranking.length > 0 ? w.ranking : 0;
  const weightSum =
    w.skills + w.interests + w.seniority + w.language + w.timeZone + ranking + w.departmentDiversity;
  if (weightSum === 0) return 0;
  const sum =
    skillsValue(mentee, mentor) * w.skills +
    interestsValue(mentee, mentor) * w.interests +
    seniorityValue(seniorityGap(mentee, mentor, settings), settings) * w.seniority +
    (sharesLanguage(mentee, mentor) ? 1 : 0) * w.language +
    (1 - timeZoneGapHours(mentee.timeZone, mentor.timeZone, at) / 12) * w.timeZone +
    rankingValue(mentee, mentor.id) * ranking +
    (differentDepartment(mentee, mentor) ? 1 : 0) * w.departmentDiversity;
  return Math.round((sum / weightSum) * 10_000) / 10_000;
}
