export type ProgramKind = "mentoring" | "coaching" | "training";

export interface Eligibility {
  /** Empty means every department. */
  departments: string[];
  minSeniority: number | null;
  maxSeniority: number | null;
}

export interface EligibilityFacts {
  department: string | null;
  seniority: number | null;
}

export interface EligibilityResult {
  eligible: boolean;
  reasons: string[];
}

export function checkEligibility(person: EligibilityFacts, rule: Eligibility): EligibilityResult {
  const reasons: string[] = [];
  if (rule.departments.length > 0 && !(person.department && rule.departments.includes(person.department))) {
    reasons.push(`Open to ${rule.departments.join(", ")} only.`);
  }
  if (rule.minSeniority !== null && (person.seniority === null || person.seniority < rule.minSeniority)) {
    reasons.push(`Requires seniority level ${rule.minSeniority} or above.`);
  }
  if (rule.maxSeniority !== null && (person.seniority === null || person.seniority > rule.maxSeniority)) {
    reasons.push(`Open to seniority level ${rule.maxSeniority} or below.`);
  }
  return { eligible: reasons.length === 0, reasons };
}

export type EnrolmentWindowState = "not_yet_open" | "open" | "closed";

export function enrolmentWindowState(opensAt: string, closesAt: string, now: Date): EnrolmentWindowState {
  const t = now.getTime();
  if (t < new Date(opensAt).getTime()) return "not_yet_open";
  if (t > new Date(closesAt).getTime()) return "closed";
  return "open";
}

/** The relationship roles a person can enrol as, by program kind. */
export const ENROLMENT_ROLES: Record<ProgramKind, readonly string[]> = {
  mentoring: ["mentee", "mentor"],
  coaching: ["coachee"],
  training: ["trainee"],
};
