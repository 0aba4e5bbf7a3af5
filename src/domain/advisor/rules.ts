import { CRITERIA, type Criterion } from "./criteria.ts";
import type { Answers, QuestionId } from "./questions.ts";

export type Mode = "mentoring" | "coaching" | "training";
export const MODES: readonly Mode[] = ["mentoring", "coaching", "training"];

/** Who started the advice: the person for themselves, or their manager on their behalf. */
export type Initiator = "self" | "manager";

export interface Facts extends Answers {
  initiator: Initiator;
}

type Condition = { [Q in QuestionId | "initiator"]?: readonly Facts[Q][] };

/**
 * One rule: when every listed fact takes one of the listed values, `weight` is added to `mode`'s score.
 * Weights are 3 (strong), 2 (moderate) or 1 (supporting); a negative weight is a reason against the mode.
 * `reason` speaks to the person and says why the criterion applies to them.
 */
export interface Rule {
  id: string;
  mode: Mode;
  when: Condition;
  weight: -3 | -2 | -1 | 1 | 2 | 3;
  reason: string;
  criterion: Criterion;
}

export const RULES: readonly Rule[] = [
  // Seed 003, "Use mentoring when"
  {
    id: "mentoring.career_growth",
    mode: "mentoring",
    when: { focus: ["career_growth"] },
    weight: 3,
    reason: "The need is about career direction and long-term growth.",
    criterion: CRITERIA.careerGuidance,
  },
  {
    id: "mentoring.been_there",
    mode: "mentoring",
    when: { been_there: ["yes"] },
    weight: 3,
    reason: "Learning from someone who has been there matters most.",
    criterion: CRITERIA.beenThere,
  },
  {
    id: "mentoring.been_there_helps",
    mode: "mentoring",
    when: { been_there: ["somewhat"] },
    weight: 1,
    reason: "Someone who has been there would help.",
    criterion: CRITERIA.beenThere,
  },
  {
    id: "mentoring.identity",
    mode: "mentoring",
    when: { identity: ["yes"] },
    weight: 3,
    reason: "Identity, goals or values are being explored.",
    criterion: CRITERIA.identity,
  },
  {
    id: "mentoring.identity_partly",
    mode: "mentoring",
    when: { identity: ["somewhat"] },
    weight: 1,
    reason: "Some questions of identity, goals or values are in play.",
    criterion: CRITERIA.identity,
  },
  // Seed 003, "Use coaching when"
  {
    id: "coaching.performance_goals",
    mode: "coaching",
    when: { focus: ["skill_gap", "performance_goal"] },
    weight: 3,
    reason: "There is a specific skill gap or performance goal to address.",
    criterion: CRITERIA.performanceGoals,
  },
  {
    id: "coaching.quick_measurable",
    mode: "coaching",
    when: { measurable: ["yes"] },
    weight: 3,
    reason: "The improvement has to be quick and measurable.",
    criterion: CRITERIA.quickAndMeasurable,
  },
  {
    id: "coaching.some_measure",
    mode: "coaching",
    when: { measurable: ["somewhat"] },
    weight: 1,
    reason: "Some measure of progress would help.",
    criterion: CRITERIA.quickAndMeasurable,
  },
  {
    id: "coaching.transition",
    mode: "coaching",
    when: { transition: ["leadership_transition", "challenging_project"] },
    weight: 3,
    reason: "A leadership transition or a challenging project is under way.",
    criterion: CRITERIA.transition,
  },
  // Seed 000: mentoring against training
  {
    id: "training.mandatory",
    mode: "training",
    when: { mandatory: ["yes"] },
    weight: 3,
    reason: "The need is mandatory for the role, which is what a skills education program is for.",
    criterion: CRITERIA.mandatoryProgram,
  },
  {
    id: "mentoring.not_mandatory_programs",
    mode: "mentoring",
    when: { mandatory: ["yes"] },
    weight: -2,
    reason: "A mandatory requirement is met by a program, not by a personal relationship.",
    criterion: CRITERIA.mandatoryProgram,
  },
  {
    id: "mentoring.long_duration",
    mode: "mentoring",
    when: { horizon: ["years"] },
    weight: 2,
    reason: "The horizon is a year or more, the span of a mentoring relationship.",
    criterion: CRITERIA.duration,
  },
  {
    id: "training.short_duration",
    mode: "training",
    when: { horizon: ["weeks"] },
    weight: 2,
    reason: "The difference is needed within weeks, the span of a training course.",
    criterion: CRITERIA.duration,
  },
  {
    id: "mentoring.career_advice",
    mode: "mentoring",
    when: { focus: ["career_growth"] },
    weight: 1,
    reason: "Career advice is what a mentor gives.",
    criterion: CRITERIA.advice,
  },
  {
    id: "training.job_advice",
    mode: "training",
    when: { focus: ["skill_gap"] },
    weight: 2,
    reason: "A missing job skill calls for the job advice a trainer gives.",
    criterion: CRITERIA.advice,
  },
  {
    id: "mentoring.personal",
    mode: "mentoring",
    when: { been_there: ["yes"] },
    weight: 1,
    reason: "A personal, confidential relationship with one experienced person is wanted.",
    criterion: CRITERIA.personal,
  },
  {
    id: "training.impersonal",
    mode: "training",
    when: { been_there: ["yes"] },
    weight: -1,
    reason: "A trainer teaches a group; the relationship is impersonal rather than one to one.",
    criterion: CRITERIA.personal,
  },
  {
    id: "mentoring.motivation",
    mode: "mentoring",
    when: { identity: ["yes", "somewhat"], horizon: ["months", "years"] },
    weight: 1,
    reason: "Encouragement and motivation over time matter here.",
    criterion: CRITERIA.motivation,
  },
  {
    id: "training.know_how",
    mode: "training",
    when: { focus: ["skill_gap"], curriculum: ["exists"] },
    weight: 1,
    reason: "Practical know-how for a defined skill is what a course gives.",
    criterion: CRITERIA.knowHow,
  },
  // Seed 001: mentors against trainers
  {
    id: "training.course_exists",
    mode: "training",
    when: { curriculum: ["exists"] },
    weight: 3,
    reason: "A structured course exists for this skill.",
    criterion: CRITERIA.structuredCourses,
  },
  {
    id: "training.no_course",
    mode: "training",
    when: { curriculum: ["none"] },
    weight: -3,
    reason: "No structured course exists for this skill.",
    criterion: CRITERIA.structuredCourses,
  },
  {
    id: "training.beyond_short_term",
    mode: "training",
    when: { horizon: ["years"] },
    weight: -2,
    reason: "The horizon goes well beyond a course with a start and an end date.",
    criterion: CRITERIA.trainerTimeframe,
  },
  {
    id: "mentoring.too_short",
    mode: "mentoring",
    when: { horizon: ["weeks"] },
    weight: -2,
    reason: "A mentoring relationship runs for months or years, longer than the need.",
    criterion: CRITERIA.mentorTimeframe,
  },
  {
    id: "training.measurable_outcomes",
    mode: "training",
    when: { curriculum: ["exists"], measurable: ["yes", "somewhat"] },
    weight: 1,
    reason: "A defined curriculum comes with measurable outcomes.",
    criterion: CRITERIA.formalMethod,
  },
  {
    id: "mentoring.trust",
    mode: "mentoring",
    when: { identity: ["yes"], been_there: ["yes", "somewhat"] },
    weight: 1,
    reason: "The questions are personal and need a relationship of trust.",
    criterion: CRITERIA.trust,
  },
  {
    id: "training.certification",
    mode: "training",
    when: { mandatory: ["yes"], curriculum: ["exists", "unsure"] },
    weight: 1,
    reason: "A course can assess and certify the skill.",
    criterion: CRITERIA.certification,
  },
  {
    id: "mentoring.managing_transitions",
    mode: "mentoring",
    when: { transition: ["leadership_transition"], horizon: ["months", "years"] },
    weight: 1,
    reason: "A mentor helps manage a transition over time.",
    criterion: CRITERIA.managingTransitions,
  },
  // Seed 002: mentoring against coaching
  {
    id: "coaching.shorter_term",
    mode: "coaching",
    when: { focus: ["performance_goal"], horizon: ["weeks", "months"] },
    weight: 2,
    reason: "The performance objective is shorter-term.",
    criterion: CRITERIA.shorterTerm,
  },
  {
    id: "mentoring.continuous_growth",
    mode: "mentoring",
    when: { focus: ["career_growth"], horizon: ["years"] },
    weight: 1,
    reason: "Continuous growth of capability and potential is the aim.",
    criterion: CRITERIA.continuousGrowth,
  },
  {
    id: "coaching.assigned",
    mode: "coaching",
    when: { initiator: ["manager"], focus: ["skill_gap", "performance_goal"] },
    weight: 1,
    reason: "The manager is asking for a performance improvement, and a coachee is usually assigned.",
    criterion: CRITERIA.assigned,
  },
  {
    id: "mentoring.chooses",
    mode: "mentoring",
    when: { initiator: ["self"], been_there: ["yes", "somewhat"] },
    weight: 1,
    reason: "The person is looking for someone to learn from and can choose their mentor.",
    criterion: CRITERIA.chooses,
  },
  {
    id: "mentoring.safe_place",
    mode: "mentoring",
    when: { identity: ["yes"] },
    weight: 1,
    reason: "A safe, confidential place to talk freely is needed.",
    criterion: CRITERIA.safePlace,
  },
  {
    id: "coaching.job_performance",
    mode: "coaching",
    when: { focus: ["performance_goal"] },
    weight: 1,
    reason: "Success is improved job performance.",
    criterion: CRITERIA.rewards,
  },
  {
    id: "mentoring.reciprocal",
    mode: "mentoring",
    when: { focus: ["career_growth", "network"], been_there: ["yes", "somewhat"] },
    weight: 1,
    reason: "Both people learn from each other and grow professionally.",
    criterion: CRITERIA.reciprocal,
  },
  {
    id: "coaching.specific_objectives",
    mode: "coaching",
    when: { transition: ["challenging_project"] },
    weight: 1,
    reason: "A given task has to be achieved.",
    criterion: CRITERIA.specificObjectives,
  },
  {
    id: "mentoring.managerial_talent",
    mode: "mentoring",
    when: { transition: ["leadership_transition"] },
    weight: 2,
    reason: "Developing managerial talent is a purpose of mentoring.",
    criterion: CRITERIA.managerialTalent,
  },
  {
    id: "mentoring.network",
    mode: "mentoring",
    when: { focus: ["network"] },
    weight: 3,
    reason: "A mentor opens their network and shows how the organization works.",
    criterion: CRITERIA.network,
  },
];

/** Combinations the seeds call complementary, with the criteria that say so. */
export const COMBINATIONS: readonly { modes: readonly [Mode, Mode]; criteria: readonly Criterion[] }[] = [
  { modes: ["mentoring", "coaching"], criteria: [CRITERIA.complement, CRITERIA.roi] },
  { modes: ["mentoring", "training"], criteria: [CRITERIA.bothCritical] },
];

export function ruleApplies(rule: Rule, facts: Facts): boolean {
  return Object.entries(rule.when).every(([key, values]) =>
    (values as readonly string[]).includes(facts[key as keyof Facts]),
  );
}
