import { assign, type EdgeTuple } from "./assign.ts";

export interface RecommendationProblem {
  /** Seats each mentor still has (capacity minus current mentees). */
  capacities: ArrayLike<number>;
  mentees: number;
  /** Allowed pairs with their score; a pair not listed breaks a hard constraint. */
  edges: ReadonlyArray<EdgeTuple>;
  /** How many mentors to show each mentee in all. */
  k: number;
}

export interface MenteeRecommendations {
  /** The mentor shown first, or null when every allowed mentor's seats are already someone's first choice. */
  firstChoice: number | null;
  /** Further mentors by score, best first. */
  others: number[];
}

/**
 * Top-k recommendations with fair exposure. A plain sort by score would put the same star mentor first for
 * everyone; here the first choices are an optimal assignment of mentees to the seats left, so no mentor is
 * anyone's first choice more often than they have seats, and the first choices together score the most.
 */
export function fairRecommendations(p: RecommendationProblem): MenteeRecommendations[] {
  const firsts = assign({
    capacities: p.capacities,
    slots: new Int32Array(p.mentees).fill(1),
    edges: p.edges as EdgeTuple[],
  });
  const firstOf = new Int32Array(p.mentees).fill(-1);
  for (const [u, v] of firsts.pairs) firstOf[u] = v;
  const byMentee: [number, number][][] = Array.from({ length: p.mentees }, () => []);
  for (const [u, v, w] of p.edges) if (w > 0) (byMentee[u] as [number, number][]).push([v, w]);
  return byMentee.map((candidates, u) => {
    const first = firstOf[u] as number;
    const others = candidates
      .filter(([v]) => v !== first)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, Math.max(0, p.k - (first >= 0 ? 1 : 0)))
      .map(([v]) => v);
    return { firstChoice: first >= 0 ? first : null, others };
  });
}
