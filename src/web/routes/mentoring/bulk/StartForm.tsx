import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../../api/client.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { FormAlert } from "../../../components/Feedback.tsx";
import { MODES, type RunMode, storeRun } from "./shared.ts";

const MODE_KEYS = Object.keys(MODES) as RunMode[];

/** Says that bulk matching is off, with the way to turn it on. Focused when it appears after a failed start. */
export function BulkDisabledNotice({ programId, message }: { programId: string; message?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div
      ref={ref}
      role={message ? "alert" : undefined}
      tabIndex={message ? -1 : undefined}
      className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 focus:outline-2 focus:outline-amber-700"
    >
      <p className="font-semibold">{message ?? "Bulk matching is turned off for this program."}</p>
      <p className="mt-1">
        Add “Bulk match” to the match modes in the{" "}
        <Link to={`/programs/${programId}/mentoring/settings`}>program's matching settings</Link>, then come
        back to run a draft.
      </p>
    </div>
  );
}

/** Chooses how to match and starts a draft; nothing is sent to anyone until the draft is published. */
export function StartForm({ programId, mentees }: { programId: string; mentees: number }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [mode, setMode] = useState<RunMode>("optimal");
  const start = useMutation({
    mutationFn: (body: { mode: RunMode }) =>
      unwrap(
        api.POST("/api/programs/{id}/mentoring/match-runs", { params: { path: { id: programId } }, body }),
      ),
    onSuccess: (run) => {
      storeRun(qc, programId, run);
      navigate(`/programs/${programId}/mentoring/bulk/${run.id}`);
    },
  });
  const who =
    mentees === 1
      ? "the program's 1 mentee who still needs a mentor"
      : `the program's ${mentees} mentees who still need a mentor`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ mode });
  };
  const disabled =
    start.error instanceof ApiError && start.error.code === "matching.bulk_disabled" ? start.error : null;
  return (
    <form onSubmit={submit} aria-label="Start a bulk match" className="space-y-4">
      {disabled ? (
        <BulkDisabledNotice programId={programId} message={disabled.message} />
      ) : (
        <FormAlert error={start.error} title="The draft could not be started" />
      )}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">How to match</legend>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          {MODE_KEYS.map((m) => (
            <div
              key={m}
              className={`flex items-start gap-3 rounded-lg border p-4 ${
                mode === m ? "border-emerald-800 bg-emerald-50" : "border-slate-300 bg-white"
              }`}
            >
              <input
                id={`${id}-${m}`}
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                aria-describedby={`${id}-${m}-hint`}
                className="mt-1 h-4 w-4"
              />
              <div>
                <label htmlFor={`${id}-${m}`} className="font-semibold text-slate-900">
                  {MODES[m].label}
                </label>
                <p id={`${id}-${m}-hint`} className="text-sm text-slate-700">
                  {MODES[m].hint}
                </p>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-slate-700">
        The draft pairs {who}. Nobody is told anything until you publish it.
      </p>
      <SubmitButton pending={start.isPending} pendingLabel="Starting…">
        Run draft
      </SubmitButton>
    </form>
  );
}
