import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, api, unwrap } from "../../../api/client.ts";
import {
  applyChoice,
  type MentorChoiceChange,
  type MentorChoices,
  type MentorRecommendation,
  mentoringKeys,
  type Participation,
} from "../../../lib/mentoring.ts";

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The ids a failed save named as not (or no longer) mentors of the program. */
function notMentorIds(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== "mentoring.not_a_mentor") return [];
  const d = err.details as { ids?: unknown } | null;
  return Array.isArray(d?.ids) ? d.ids.filter((x): x is string => typeof x === "string") : [];
}

/** The element to focus after a change, by id (the buttons and headings carry ids built from mentor ids). */
export const choiceIds = {
  rankToggle: (mentorId: string) => `rank-toggle-${mentorId}`,
  moveUp: (mentorId: string) => `move-up-${mentorId}`,
  moveDown: (mentorId: string) => `move-down-${mentorId}`,
  unavoid: (mentorId: string) => `unavoid-${mentorId}`,
  rankingHeading: "my-ranking-heading",
  avoidedHeading: "avoided-heading",
};

/**
 * A mentee's ranking and avoided mentors, saved as they change.
 *
 * The lists shown are the ones the mentee last chose, kept in component state set by the click itself, so
 * they never flip back while a save is on its way. Saves run one after another (a mutation scope), so the
 * server always ends with the last choice; the shown lists go back to the server's once the last save has
 * answered (or, if it failed, to the last saved ones).
 */
export function useMentorChoices(
  programId: string,
  saved: Participation | undefined,
  recommendations: MentorRecommendation[] | undefined,
) {
  const qc = useQueryClient();
  const [local, setLocal] = useState<MentorChoices | null>(null);
  const [message, setMessage] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  const latest = useRef(0);
  const choices: MentorChoices = local ?? { ranking: saved?.ranking ?? [], avoid: saved?.avoid ?? [] };

  // Names of the mentors seen in the recommendations, kept after an avoided mentor drops out of them.
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!recommendations) return;
    setKnown((k) =>
      recommendations.every((r) => k[r.mentor.id] === r.mentor.name)
        ? k
        : { ...k, ...Object.fromEntries(recommendations.map((r) => [r.mentor.id, r.mentor.name])) },
    );
  }, [recommendations]);
  const fromRecs = new Map(recommendations?.map((r) => [r.mentor.id, r.mentor.name]) ?? []);
  // Anyone chosen but never seen here (e.g. avoided before this visit) is looked up in the directory.
  const unknown = [...choices.ranking, ...choices.avoid].filter((id) => !fromRecs.has(id) && !known[id]);
  const people = useQueries({
    queries: unknown.map((id) => ({
      queryKey: ["person", id],
      queryFn: () => unwrap(api.GET("/api/people/{id}", { params: { path: { id } } })),
      enabled: recommendations !== undefined,
      staleTime: 5 * 60_000,
    })),
  });
  const looked = new Map(people.flatMap((q) => (q.data ? [[q.data.id, q.data.name] as const] : [])));
  const nameOf = (id: string): string | null => fromRecs.get(id) ?? known[id] ?? looked.get(id) ?? null;

  const save = useMutation({
    mutationFn: ({ next }: { next: MentorChoices; seq: number }) =>
      unwrap(
        api.PATCH("/api/programs/{id}/mentoring/me", {
          params: { path: { id: programId } },
          body: { ranking: next.ranking, avoid: next.avoid },
        }),
      ),
    scope: { id: `mentoring-choices-${programId}` },
    onSuccess: (p, { seq }) => {
      qc.setQueryData(mentoringKeys.participation(programId), p);
      void qc.invalidateQueries({ queryKey: mentoringKeys.recommendations(programId) });
      if (seq !== latest.current) return; // a later change is still being saved
      setLocal((l) => (l && sameList(l.ranking, p.ranking) && sameList(l.avoid, p.avoid) ? null : l));
    },
    onError: (err, { next, seq }) => {
      if (seq !== latest.current) return;
      const gone = notMentorIds(err);
      if (gone.length) {
        // A chosen mentor left the program: take them off the lists and save the rest.
        const cleaned = {
          ranking: next.ranking.filter((x) => !gone.includes(x)),
          avoid: next.avoid.filter((x) => !gone.includes(x)),
        };
        if (!sameList(cleaned.ranking, next.ranking) || !sameList(cleaned.avoid, next.avoid)) {
          setMessage(
            gone.length === 1
              ? "One mentor you chose is no longer a mentor in this program, so they were taken off your lists."
              : `${gone.length} mentors you chose are no longer mentors in this program, so they were taken off your lists.`,
          );
          setLocal(cleaned);
          const again = ++latest.current;
          save.mutate({ next: cleaned, seq: again });
          return;
        }
      }
      setLocal(null);
      setMessage("");
    },
  });

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const change = (c: MentorChoiceChange) => {
    const next = applyChoice(choices, c);
    if (next === choices) return;
    const name = nameOf(c.mentorId) ?? "The mentor";
    const place = next.ranking.indexOf(c.mentorId) + 1;
    switch (c.kind) {
      case "rank":
        setMessage(`${name} is number ${place} in your ranking.`);
        break;
      case "unrank":
        setMessage(`${name} is no longer in your ranking.`);
        setFocusId(choiceIds.rankingHeading);
        break;
      case "move": {
        setMessage(`${name} is now number ${place} in your ranking.`);
        // Keep the focus on the moved mentor; at either end the other move button takes it.
        const atEnd = c.by < 0 ? place === 1 : place === next.ranking.length;
        setFocusId(c.by < 0 !== atEnd ? choiceIds.moveUp(c.mentorId) : choiceIds.moveDown(c.mentorId));
        break;
      }
      case "avoid":
        setMessage(`You will not be matched with ${name}.`);
        setFocusId(choiceIds.unavoid(c.mentorId));
        break;
      case "unavoid":
        setMessage(`${name} can be matched with you again.`);
        setFocusId(choiceIds.avoidedHeading);
        break;
    }
    setLocal(next);
    const seq = ++latest.current;
    save.mutate({ next, seq });
  };

  return {
    choices,
    nameOf,
    change,
    message,
    saving: save.isPending,
    saved: save.isSuccess,
    error: save.isPending ? null : save.error,
  };
}

export type MentorChoicesState = ReturnType<typeof useMentorChoices>;
