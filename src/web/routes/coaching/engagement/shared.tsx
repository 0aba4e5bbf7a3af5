import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../../api/client.ts";
import { FormAlert } from "../../../components/Feedback.tsx";
import { COACHING_ERROR_TITLES, coachingKeys, type Engagement } from "../../../lib/coaching.ts";

export interface TabProps {
  engagement: Engagement;
  timeZone: string;
}

/** Options for the parts of an engagement that the other people change: refetched whenever shown. */
export const liveQuery = { staleTime: 0, refetchOnWindowFocus: true } as const;

/** Stores an engagement the server sent back and refreshes everything derived from it. */
export function useSetEngagement(id: string) {
  const qc = useQueryClient();
  return (e: Engagement) => {
    qc.setQueryData(coachingKeys.engagement(id), e);
    void qc.invalidateQueries({ queryKey: coachingKeys.engagements });
    void qc.invalidateQueries({
      predicate: (q) =>
        q.queryKey[0] === "coaching" &&
        q.queryKey[1] === "engagement" &&
        q.queryKey[2] === id &&
        q.queryKey.length > 3,
    });
  };
}

/** Refreshes the engagement and all its parts (after a session is recorded, an action ticked…). */
export function useRefreshEngagement(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: coachingKeys.engagement(id) });
    void qc.invalidateQueries({ queryKey: coachingKeys.engagements });
  };
}

/**
 * The form-level error of a coaching call. Rule errors (budget used up, objectives not agreed…) get a
 * heading that names the problem; the server's message under it says what to do next.
 */
export function CoachingAlert({ error, title }: { error: unknown; title: string }) {
  const known = error instanceof ApiError ? COACHING_ERROR_TITLES[error.code] : undefined;
  return <FormAlert error={error} title={known ?? title} />;
}

/** A person's name, with "(you)" when it is the viewer. */
export function nameOf(person: { id: string; name: string } | null, me: string, fallback = "—") {
  if (!person) return fallback;
  return person.id === me ? `${person.name} (you)` : person.name;
}

export const seesContent = (e: Engagement) => e.viewer === "coach" || e.viewer === "coachee";
