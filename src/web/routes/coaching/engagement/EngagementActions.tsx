import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { coachingKeys, type Engagement } from "../../../lib/coaching.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { formatDay } from "../../../lib/mentoring.ts";
import { CoachingAlert, useRefreshEngagement, useSetEngagement } from "./shared.tsx";

/** The buttons in the page header: complete (the coach), amend and cancel (the sponsor and program staff). */
export function EngagementActions({
  engagement: e,
  onCompleted,
}: {
  engagement: Engagement;
  onCompleted: () => void;
}) {
  const [open, setOpen] = useState<"complete" | "amend" | "cancel" | null>(null);
  const close = () => setOpen(null);
  const runs = e.viewer === "sponsor" || e.viewer === "manager";
  const isOpen = e.status === "setup" || e.status === "active";
  if (!isOpen) return null;
  return (
    <>
      {e.viewer === "coach" && e.status === "active" ? (
        <Button onClick={() => setOpen("complete")}>Complete engagement</Button>
      ) : null}
      {runs ? (
        <>
          <Button variant="secondary" onClick={() => setOpen("amend")}>
            Amend budget or dates
          </Button>
          <Button variant="danger" onClick={() => setOpen("cancel")}>
            Cancel engagement
          </Button>
        </>
      ) : null}
      <Dialog
        open={open === "complete"}
        onClose={close}
        title="Complete the engagement"
        description="Completing closes the engagement and makes the closing report final. Every scheduled session must be recorded, and the coachee must have done the post-assessment."
      >
        {open === "complete" ? (
          <CompleteForm engagement={e} onDone={close} onCompleted={onCompleted} />
        ) : null}
      </Dialog>
      <Dialog
        open={open === "amend"}
        onClose={close}
        title="Amend the engagement"
        description="Add sessions to the budget, move the end date, or both. The coach and the coachee see the amendment and its reason."
      >
        {open === "amend" ? <AmendForm engagement={e} onDone={close} /> : null}
      </Dialog>
      <Dialog
        open={open === "cancel"}
        onClose={close}
        title="Cancel the engagement"
        description="Cancelling ends the coaching now. The coach and the coachee are told, with your reason. This cannot be undone."
      >
        {open === "cancel" ? <CancelForm engagement={e} onDone={close} /> : null}
      </Dialog>
    </>
  );
}

function CompleteForm({
  engagement: e,
  onDone,
  onCompleted,
}: {
  engagement: Engagement;
  onDone: () => void;
  onCompleted: () => void;
}) {
  const toast = useToast();
  const qc = useQueryClient();
  const refresh = useRefreshEngagement(e.id);
  const complete = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/coaching/engagements/{id}/complete", { params: { path: { id: e.id } } })),
    onSuccess: (report) => {
      qc.setQueryData(coachingKeys.part(e.id, "report"), report);
      refresh();
      onDone();
      onCompleted();
      toast("Engagement completed. The closing report is final.");
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    complete.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <CoachingAlert error={complete.error} title="The engagement could not be completed" />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={complete.isPending} pendingLabel="Completing…">
          Complete engagement
        </SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Not now
        </Button>
      </div>
    </form>
  );
}

function AmendForm({ engagement: e, onDone }: { engagement: Engagement; onDone: () => void }) {
  const toast = useToast();
  const setEngagement = useSetEngagement(e.id);
  const [addSessions, setAddSessions] = useState("0");
  const [newEndDate, setNewEndDate] = useState(e.endDate);
  const [reason, setReason] = useState("");
  const amend = useMutation({
    mutationFn: (body: { addSessions: number; newEndDate?: string; reason: string }) =>
      unwrap(api.POST("/api/coaching/engagements/{id}/amendments", { params: { path: { id: e.id } }, body })),
    onSuccess: (next) => {
      setEngagement(next as Engagement);
      onDone();
      toast("Engagement amended.");
    },
  });
  const { shownError, validate } = useClientValidation(amend.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    const n = Number(addSessions);
    const moved = newEndDate !== e.endDate;
    if (!Number.isInteger(n) || n < 0 || n > 20) errors.addSessions = "Enter a whole number from 0 to 20.";
    else if (n === 0 && !moved) errors.addSessions = "Add sessions, move the end date, or both.";
    if (moved && !/^\d{4}-\d{2}-\d{2}$/.test(newEndDate)) errors.newEndDate = "Pick the new end date.";
    else if (moved && newEndDate <= e.startDate)
      errors.newEndDate = "The end date must be after the start date.";
    if (!reason.trim()) errors.reason = "Say why, so the coach and the coachee understand the change.";
    if (!validate(errors)) return;
    amend.mutate({ addSessions: n, ...(moved ? { newEndDate } : {}), reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <CoachingAlert error={shownError} title="The engagement could not be amended" />
      <TextField
        label="Sessions to add"
        type="number"
        inputMode="numeric"
        min={0}
        max={20}
        value={addSessions}
        onChange={(ev) => setAddSessions(ev.target.value)}
        hint={`The budget is ${e.budget.total} sessions now; ${e.budget.remaining} remain.`}
        error={fields.addSessions}
      />
      <TextField
        label="End date"
        type="date"
        min={e.startDate}
        value={newEndDate}
        onChange={(ev) => setNewEndDate(ev.target.value)}
        hint={`Now ${formatDay(e.endDate)}. Leave it to keep the date.`}
        error={fields.newEndDate}
      />
      <TextAreaField
        label="Reason"
        required
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(ev) => setReason(ev.target.value)}
        error={fields.reason}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={amend.isPending}>Save the amendment</SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function CancelForm({ engagement: e, onDone }: { engagement: Engagement; onDone: () => void }) {
  const toast = useToast();
  const setEngagement = useSetEngagement(e.id);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: (body: { reason: string }) =>
      unwrap(api.POST("/api/coaching/engagements/{id}/cancel", { params: { path: { id: e.id } }, body })),
    onSuccess: (next) => {
      setEngagement(next as Engagement);
      onDone();
      toast("Engagement cancelled.");
    },
  });
  const { shownError, validate } = useClientValidation(cancel.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!validate(reason.trim() ? {} : { reason: "Say why the engagement is cancelled." })) return;
    cancel.mutate({ reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <CoachingAlert error={shownError} title="The engagement could not be cancelled" />
      <TextAreaField
        label="Reason"
        required
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(ev) => setReason(ev.target.value)}
        error={fields.reason}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pending={cancel.isPending} pendingLabel="Cancelling…">
          Cancel the engagement
        </SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Keep it
        </Button>
      </div>
    </form>
  );
}
