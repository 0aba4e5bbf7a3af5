export const GROW_FIELDS = ["goal", "reality", "options", "will"] as const;
export type GrowField = (typeof GROW_FIELDS)[number];

/**
 * Who reads a note. `coach_private` is the coach alone; `shared_with_coachee` is the coach and the
 * coachee. The sponsor never reads GROW content: they get the separate one-sentence sponsor summary.
 */
export type NoteVisibility = "coach_private" | "shared_with_coachee";

export type ActionOutcome = "done" | "partly_done" | "not_done";

export const SPONSOR_SUMMARY_MAX = 200;

/** Stakeholder ratings are anonymous once this many colleagues are asked, and averaged only once as many answered. */
export const ANONYMOUS_FROM = 3;

/** At most one sentence: no sentence end followed by more text. */
export function isOneSentence(text: string): boolean {
  const trimmed = text.trim();
  return !/[.!?](\s+|$)(?=\S)/.test(trimmed);
}

export interface ActionForReview {
  id: string;
  review_outcome: ActionOutcome | null;
}

/**
 * The next held session opens with a review of every action still unreviewed from earlier sessions.
 * Returns the ids that the record leaves out, and the ids it names that are not up for review.
 */
export function checkReviews(
  pending: readonly ActionForReview[],
  reviewedIds: readonly string[],
): { missing: string[]; unknown: string[] } {
  const open = new Set(pending.filter((a) => a.review_outcome === null).map((a) => a.id));
  const given = new Set(reviewedIds);
  return {
    missing: [...open].filter((id) => !given.has(id)),
    unknown: [...given].filter((id) => !open.has(id)),
  };
}
