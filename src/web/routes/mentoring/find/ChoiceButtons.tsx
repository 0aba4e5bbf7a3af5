import { Button } from "../../../components/Button.tsx";
import { MAX_AVOIDED, MAX_RANKED, type MentorChoiceChange } from "../../../lib/mentoring.ts";
import { choiceIds } from "./useMentorChoices.ts";

/** On a recommended mentor: add them to (or take them off) the mentee's ranking, or avoid them. */
export function ChoiceButtons({
  mentor,
  rankedAt,
  rankingFull,
  avoidFull,
  onChange,
}: {
  mentor: { id: string; name: string };
  /** The mentor's place in the ranking (1 is best), or null. */
  rankedAt: number | null;
  rankingFull: boolean;
  avoidFull: boolean;
  onChange: (change: MentorChoiceChange) => void;
}) {
  const first = mentor.name.split(" ")[0];
  const rankButton = (kind: "rank" | "unrank", text: string) => (
    <Button
      id={choiceIds.rankToggle(mentor.id)}
      variant="secondary"
      className="px-3 py-1"
      onClick={() => onChange({ kind, mentorId: mentor.id })}
    >
      <span>
        {text}
        <span className="sr-only"> ({mentor.name})</span>
      </span>
    </Button>
  );
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      {rankedAt !== null ? (
        rankButton("unrank", "Remove from my ranking")
      ) : rankingFull ? (
        <p className="text-sm text-slate-700">Your ranking is full ({MAX_RANKED} mentors).</p>
      ) : (
        rankButton("rank", "Add to my ranking")
      )}
      {avoidFull ? (
        <p className="text-sm text-slate-700">You already avoid {MAX_AVOIDED} mentors, the most allowed.</p>
      ) : (
        <Button
          variant="ghost"
          className="px-3 py-1"
          onClick={() => onChange({ kind: "avoid", mentorId: mentor.id })}
        >
          <span>
            Don't match me with {first}
            <span className="sr-only"> ({mentor.name})</span>
          </span>
        </Button>
      )}
    </div>
  );
}
