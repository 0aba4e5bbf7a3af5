import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client.ts";
import { Button } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { ErrorState, Loading } from "../../../components/Feedback.tsx";
import { CriteriaList, ExclusionList } from "../parts.tsx";
import { matchingKeys, type RunPair, scorePct } from "./shared.ts";

function Breakdown({ programId, pair }: { programId: string; pair: RunPair }) {
  const breakdown = useQuery({
    queryKey: matchingKeys.pair(programId, pair.mentee.id, pair.mentor.id),
    queryFn: () =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/pair-score", {
          params: { path: { id: programId }, query: { menteeId: pair.mentee.id, mentorId: pair.mentor.id } },
        }),
      ),
  });
  if (breakdown.isPending) return <Loading label="Loading the breakdown…" />;
  if (breakdown.isError)
    return <ErrorState error={breakdown.error} onRetry={() => void breakdown.refetch()} />;
  const b = breakdown.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-800">
        Overall score <strong className="text-lg text-slate-900">{scorePct(b.score)}</strong>, the weighted
        mean of the criteria below. The program's minimum score is {scorePct(b.minimumScore)}.
      </p>
      {b.excluded.length ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">This pair breaks the program's rules:</p>
          <ExclusionList exclusions={b.excluded} className="mt-1 list-disc pl-5" />
        </div>
      ) : null}
      {b.belowMinimum || b.mentorFull ? (
        <ul className="list-disc space-y-1 rounded-md border border-amber-400 bg-amber-50 p-3 pl-8 text-sm text-amber-950">
          {b.belowMinimum ? (
            <li>The score is below the program's minimum, so the solver would not pick this pair.</li>
          ) : null}
          {b.mentorFull ? (
            <li>The mentor has no room for another mentee outside this draft right now.</li>
          ) : null}
        </ul>
      ) : null}
      <div>
        <h3 className="mb-2 text-base font-semibold text-slate-900">Criteria</h3>
        <CriteriaList criteria={b.criteria} className="space-y-3" label="Criteria" />
      </div>
    </div>
  );
}

/** Why a pair scores what it does: each criterion with its value, weight and explanation, and any broken rule. */
export function WhyDialog({
  programId,
  pair,
  onClose,
}: {
  programId: string;
  pair: RunPair | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={pair !== null}
      onClose={onClose}
      title={pair ? `Why ${pair.mentee.name} and ${pair.mentor.name}?` : "Why this pair?"}
    >
      {pair ? <Breakdown programId={programId} pair={pair} /> : null}
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
