import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { Button } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { FormAlert } from "../../../components/Feedback.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { mentoringKeys } from "../../../lib/mentoring.ts";
import { focusRunStatus, type MatchRun, plural, staleOf, storeRun } from "./shared.ts";

/** Re-run (keeping locked pairs), publish (after a confirmation) or discard a draft. */
export function RunActions({ programId, run }: { programId: string; run: MatchRun }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [confirm, setConfirm] = useState<"publish" | "discard" | null>(null);
  const path = { id: programId, runId: run.id };
  const locked = run.lockedPairs;

  const rerun = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/rerun", { params: { path } })),
    onSuccess: (next) => {
      storeRun(qc, programId, next);
      setConfirm(null);
      publish.reset();
      if (next.status === "draft")
        toast(`Matched again. ${plural(locked, "locked pair")} kept as they were.`);
    },
  });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/publish", { params: { path } })),
    onSuccess: (next) => {
      storeRun(qc, programId, next);
      void qc.invalidateQueries({ queryKey: mentoringKeys.overview(programId) });
      setConfirm(null);
      focusRunStatus();
      toast(
        `Published. ${plural(next.relationships, "mentoring relationship")} proposed; everyone in them was emailed.`,
      );
    },
  });
  const discard = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/discard", { params: { path } })),
    onSuccess: (next) => {
      storeRun(qc, programId, next);
      setConfirm(null);
      focusRunStatus();
      toast("The draft was discarded. Nobody was told about it.");
    },
  });
  const busy = rerun.isPending || publish.isPending || discard.isPending;
  const stale = staleOf(publish.error);
  const close = () => {
    setConfirm(null);
    publish.reset();
    discard.reset();
  };
  const pairs = run.pairs;
  return (
    <div className="space-y-4">
      <FormAlert error={rerun.error} title="The draft could not be matched again" />
      <p className="text-sm text-slate-700">
        A re-run matches everyone again with the program's current people and settings, and keeps the{" "}
        {plural(locked, "locked pair")}. Publishing proposes every pair as a mentoring relationship.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={busy} onClick={() => rerun.mutate()}>
          {rerun.isPending ? "Re-running…" : "Re-run (keeps locked pairs)"}
        </Button>
        <Button disabled={busy || pairs === 0} onClick={() => setConfirm("publish")}>
          Publish
        </Button>
        <Button variant="danger" disabled={busy} onClick={() => setConfirm("discard")}>
          Discard
        </Button>
      </div>
      {pairs === 0 ? (
        <p className="text-sm text-slate-700">A draft needs at least one pair to publish.</p>
      ) : null}
      <Dialog
        open={confirm === "publish"}
        onClose={close}
        title={`Publish ${plural(pairs, "pair")}?`}
        description={
          <>
            <p>
              {plural(pairs, "mentoring relationship")} will be proposed. Both people in each pair get an
              email and then agree together on how they will work.
            </p>
            {run.unmatched ? (
              <p className="mt-2">
                {plural(run.unmatched, "mentee")} {run.unmatched === 1 ? "stays" : "stay"} unmatched; you can
                match them by hand later.
              </p>
            ) : null}
          </>
        }
      >
        {stale.length ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">{publish.error?.message}</p>
            <ul className="mt-1 list-disc pl-5">
              {stale.map((s) => (
                <li key={s.pairId}>{s.reason}</li>
              ))}
            </ul>
          </div>
        ) : (
          <FormAlert error={publish.error} title="The draft could not be published" />
        )}
        {stale.length ? <FormAlert error={rerun.error} title="The draft could not be matched again" /> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          {stale.length ? (
            <Button disabled={rerun.isPending} onClick={() => rerun.mutate()}>
              {rerun.isPending ? "Re-running…" : "Re-run the draft"}
            </Button>
          ) : (
            <Button disabled={publish.isPending} onClick={() => publish.mutate()}>
              {publish.isPending ? "Publishing…" : `Publish ${plural(pairs, "pair")}`}
            </Button>
          )}
        </div>
      </Dialog>
      <Dialog
        open={confirm === "discard"}
        onClose={close}
        title="Discard this draft?"
        description="Nobody is told about a discarded draft. You can start a new one at any time."
      >
        <FormAlert error={discard.error} title="The draft could not be discarded" />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Keep the draft
          </Button>
          <Button variant="danger" disabled={discard.isPending} onClick={() => discard.mutate()}>
            {discard.isPending ? "Discarding…" : "Discard the draft"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
