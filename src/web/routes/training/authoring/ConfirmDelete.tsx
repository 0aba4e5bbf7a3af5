import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../../components/Button.tsx";
import { ProblemAlert, smallDangerButton } from "./shared.tsx";

/**
 * A "Delete" button that asks first, in place. A refusal from the server (e.g. cohorts already use the
 * course) is shown under it.
 */
export function ConfirmDelete({
  what,
  name,
  consequence,
  onConfirm,
  pending,
  error,
  onCancel,
}: {
  /** "module", "lesson", "assessment" */
  what: string;
  name: string;
  consequence?: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  onCancel?: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const yesId = useId();
  const deleteId = useId();
  const asked = useRef(false);
  // The question replaces the Delete button and the other way round: focus follows, so that keyboard users
  // are not sent back to the top of the page.
  useEffect(() => {
    if (confirming) asked.current = true;
    if (asked.current) document.getElementById(confirming ? yesId : deleteId)?.focus();
  }, [confirming, yesId, deleteId]);
  if (!confirming) {
    return (
      <button id={deleteId} type="button" className={smallDangerButton} onClick={() => setConfirming(true)}>
        Delete
        <span className="sr-only">
          {" "}
          {what} {name}
        </span>
      </button>
    );
  }
  return (
    <div className="w-full space-y-2 rounded-md border border-red-300 bg-red-50 p-3">
      <ProblemAlert error={error} title={`The ${what} was not deleted`} />
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="float-left mr-2 text-sm text-red-950">
          Delete the {what} “{name}”?{consequence ? ` ${consequence}` : ""}
        </legend>
        <Button id={yesId} variant="danger" className="px-3 py-1" onClick={onConfirm} disabled={pending}>
          {pending ? "Deleting…" : `Yes, delete the ${what}`}
        </Button>
        <Button
          variant="secondary"
          className="px-3 py-1"
          onClick={() => {
            setConfirming(false);
            onCancel?.();
          }}
        >
          Keep it
        </Button>
      </fieldset>
    </div>
  );
}
