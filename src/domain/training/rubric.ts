export interface RubricLevel {
  id: string;
  label: string;
  points: number;
}

export interface RubricCriterion {
  id: string;
  title: string;
  levels: RubricLevel[];
}

export interface RubricScore {
  points: number;
  maxPoints: number;
  scorePct: number;
  passed: boolean;
}

export function rubricProblems(criteria: readonly RubricCriterion[]): string[] {
  const problems: string[] = [];
  if (criteria.length === 0) problems.push("A rubric needs at least one criterion.");
  const ids = new Set<string>();
  criteria.forEach((c, i) => {
    if (ids.has(c.id)) problems.push(`Criterion ${i + 1} repeats the id "${c.id}".`);
    ids.add(c.id);
    if (c.levels.length < 2) problems.push(`Criterion ${i + 1} needs at least two levels.`);
    if (new Set(c.levels.map((l) => l.id)).size !== c.levels.length)
      problems.push(`Criterion ${i + 1} repeats a level id.`);
  });
  return problems;
}

/** What is wrong with a grading: a criterion left out, or a level the criterion does not have. */
export function selectionProblems(
  criteria: readonly RubricCriterion[],
  selected: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const c of criteria) {
    const levelId = selected[c.id];
    if (levelId === undefined) problems.push(`Choose a level for "${c.title}".`);
    else if (!c.levels.some((l) => l.id === levelId))
      problems.push(`"${c.title}" has no level "${levelId}".`);
  }
  for (const id of Object.keys(selected)) {
    if (!criteria.some((c) => c.id === id)) problems.push(`The rubric has no criterion "${id}".`);
  }
  return problems;
}

/** Each criterion contributes its chosen level's points; the maximum is the sum of each criterion's best level. */
export function scoreRubric(
  criteria: readonly RubricCriterion[],
  selected: Readonly<Record<string, string>>,
  passMarkPct: number,
): RubricScore {
  let points = 0;
  let maxPoints = 0;
  for (const c of criteria) {
    maxPoints += Math.max(0, ...c.levels.map((l) => l.points));
    points += c.levels.find((l) => l.id === selected[c.id])?.points ?? 0;
  }
  const scorePct = maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
  return { points, maxPoints, scorePct, passed: scorePct >= passMarkPct };
}
