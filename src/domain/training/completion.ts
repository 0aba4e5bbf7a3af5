/** A course's completion rule (DESIGN §1 Training: "attendance ≥ 80 %, every assessment passed, and every lesson done"). */
export interface CompletionRule {
  /** 0 means attendance is not required. */
  minAttendancePct: number;
  requiredLessons: readonly { id: string; title: string }[];
  requiredAssessments: readonly { id: string; title: string }[];
}

export interface CompletionFacts {
  /** Attendance over every scheduled session (see attendanceTowardCompletion); null when none are scheduled. */
  attendancePct: number | null;
  lessonsDone: ReadonlySet<string>;
  assessmentsPassed: ReadonlySet<string>;
}

export interface Requirement {
  kind: "attendance" | "lesson" | "assessment";
  id: string | null;
  label: string;
  met: boolean;
}

export interface CompletionState {
  met: boolean;
  requirements: Requirement[];
  /** Share of requirements met, 0–1. */
  progress: number;
}

export function evaluateCompletion(rule: CompletionRule, facts: CompletionFacts): CompletionState {
  const requirements: Requirement[] = [];
  if (rule.minAttendancePct > 0) {
    requirements.push({
      kind: "attendance",
      id: null,
      label: `Attend at least ${rule.minAttendancePct} % of the sessions`,
      // A cohort with no scheduled sessions has nothing to attend, so the attendance part cannot hold anyone back.
      met: facts.attendancePct === null || facts.attendancePct >= rule.minAttendancePct,
    });
  }
  for (const l of rule.requiredLessons) {
    requirements.push({
      kind: "lesson",
      id: l.id,
      label: `Complete "${l.title}"`,
      met: facts.lessonsDone.has(l.id),
    });
  }
  for (const a of rule.requiredAssessments) {
    requirements.push({
      kind: "assessment",
      id: a.id,
      label: `Pass "${a.title}"`,
      met: facts.assessmentsPassed.has(a.id),
    });
  }
  const metCount = requirements.filter((r) => r.met).length;
  return {
    met: metCount === requirements.length,
    requirements,
    progress: requirements.length === 0 ? 1 : metCount / requirements.length,
  };
}
