import { FormAlert } from "../../../components/Feedback.tsx";
import { MAX_AVOIDED, MAX_RANKED } from "../../../lib/mentoring.ts";
import { choiceIds, type MentorChoicesState } from "./useMentorChoices.ts";

const smallButton =
  "rounded-md border border-slate-400 bg-white px-2.5 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-50 " +
  "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 " +
  "disabled:cursor-not-allowed disabled:opacity-50";

/** The mentee's ranking (reorderable) and the mentors they asked never to be matched with. */
export function MyChoices({ state }: { state: MentorChoicesState }) {
  const { choices, nameOf, change, message, saving, saved, error } = state;
  const { ranking, avoid } = choices;
  return (
    <div className="space-y-4">
      <div>
        <h2 id={choiceIds.rankingHeading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          My ranking
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Up to {MAX_RANKED} mentors, best first. Your ranking counts in the compatibility score and when the
          program team matches everyone at once.
        </p>
      </div>
      <FormAlert error={error} title="Your choices could not be saved" />
      {ranking.length === 0 ? (
        <p className="text-sm text-slate-700">
          You have not ranked anyone yet. Use “Add to my ranking” on the mentors you would like most.
        </p>
      ) : (
        <ol aria-labelledby={choiceIds.rankingHeading} className="space-y-2">
          {ranking.map((id, i) => {
            const name = nameOf(id) ?? "A mentor you ranked";
            return (
              <li key={id} className="rounded-md border border-slate-300 p-2">
                <p className="flex items-baseline gap-2 text-sm">
                  <span aria-hidden="true" className="w-5 shrink-0 text-right font-bold text-emerald-900">
                    {i + 1}.
                  </span>
                  <span className="font-medium text-slate-900">{name}</span>
                </p>
                <div className="mt-2 flex flex-wrap gap-2 pl-7">
                  <button
                    type="button"
                    id={choiceIds.moveUp(id)}
                    className={smallButton}
                    disabled={i === 0}
                    onClick={() => change({ kind: "move", mentorId: id, by: -1 })}
                  >
                    Move up<span className="sr-only"> ({name})</span>
                  </button>
                  <button
                    type="button"
                    id={choiceIds.moveDown(id)}
                    className={smallButton}
                    disabled={i === ranking.length - 1}
                    onClick={() => change({ kind: "move", mentorId: id, by: 1 })}
                  >
                    Move down<span className="sr-only"> ({name})</span>
                  </button>
                  <button
                    type="button"
                    className={`${smallButton} text-red-800`}
                    onClick={() => change({ kind: "unrank", mentorId: id })}
                  >
                    Remove<span className="sr-only"> {name} from my ranking</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}

      <div className="border-t border-slate-200 pt-4">
        <h3
          id={choiceIds.avoidedHeading}
          tabIndex={-1}
          className="text-base font-semibold focus:outline-none"
        >
          Avoided
        </h3>
        <p className="mt-1 text-sm text-slate-700">
          You are never matched with these mentors, and they no longer appear in your recommendations (up to{" "}
          {MAX_AVOIDED}).
        </p>
      </div>
      {avoid.length === 0 ? (
        <p className="text-sm text-slate-700">Nobody. Use “Don't match me with” on a mentor to add them.</p>
      ) : (
        <ul aria-labelledby={choiceIds.avoidedHeading} className="space-y-2">
          {avoid.map((id) => {
            const name = nameOf(id);
            return (
              <li
                key={id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 p-2 text-sm"
              >
                <span className="font-medium text-slate-900">{name ?? "A mentor you avoided"}</span>
                <button
                  type="button"
                  id={choiceIds.unavoid(id)}
                  className={smallButton}
                  onClick={() => change({ kind: "unavoid", mentorId: id })}
                >
                  Undo<span className="sr-only"> (match me with {name ?? "this mentor"} again)</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <output className="block min-h-5 text-sm text-slate-800">
        {message ? `${message} ` : ""}
        {saving ? "Saving…" : saved && !error ? "Saved." : ""}
      </output>
    </div>
  );
}
