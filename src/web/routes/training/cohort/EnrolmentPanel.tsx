import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError, api, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import type { Cohort } from "../../../lib/training.ts";
import { TrainingAlert } from "./parts.tsx";
import { useRefreshTraining } from "./shared.ts";

const box = "mb-6 rounded-md border p-4 text-sm";

/**
 * The caller's place in the cohort and what they can do about it: enrol or join the waitlist, see their
 * waitlist position, accept or decline a seat offered to them, or withdraw.
 */
export function EnrolmentPanel({ cohort: c }: { cohort: Cohort }) {
  const { person } = useSession();
  const toast = useToast();
  const refresh = useRefreshTraining();
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { id: c.id } } };
  const enrol = useMutation({
    mutationFn: () => unwrap(api.POST("/api/training/cohorts/{id}/enrolments", { ...path, body: {} })),
    onSuccess: (e) => {
      void refresh();
      toast(
        e?.status === "enrolled"
          ? `You are enrolled in ${c.name}.`
          : `The cohort is full: you are number ${e?.waitlistPosition ?? "?"} on the waitlist.`,
      );
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/enrolments/{personId}/withdraw", {
          params: { path: { id: c.id, personId: person.id } },
        }),
      ),
    onSuccess: () => {
      setConfirming(false);
      void refresh();
      toast(c.enrolment?.status === "enrolled" ? `You left ${c.name}.` : "You left the waitlist.");
    },
  });
  const answer = useMutation({
    mutationFn: (accept: boolean) =>
      unwrap(api.POST("/api/training/cohorts/{id}/offer", { ...path, body: { accept } })),
    onSuccess: (_e, accept) => {
      void refresh();
      toast(accept ? `The seat is yours: you are enrolled in ${c.name}.` : "You let the seat go.");
    },
  });
  const error = enrol.error ?? withdraw.error ?? answer.error;
  const notInProgram = error instanceof ApiError && error.code === "training.not_in_program";
  const e = c.enrolment;
  const status = e?.status ?? "withdrawn";
  const pending = enrol.isPending || withdraw.isPending || answer.isPending;

  const alert = error ? (
    <div className="mb-4 space-y-2">
      <TrainingAlert error={error} title="That did not work" />
      {notInProgram ? (
        <p className="text-sm">
          <Link to={`/programs/${c.programId}`}>Enrol in {c.programName}</Link>, then come back to enrol in
          this cohort.
        </p>
      ) : null}
    </div>
  ) : null;

  if (status === "enrolled") {
    if (c.progress?.certificateId) return alert;
    return (
      <>
        {confirming ? null : alert}
        <Dialog
          open={confirming}
          onClose={() => {
            setConfirming(false);
            withdraw.reset();
          }}
          title={`Leave ${c.name}?`}
          description="Your seat goes to the next person on the waitlist. Your lessons and grades so far are kept if you enrol again."
        >
          <TrainingAlert error={withdraw.error} title="You could not leave the cohort" />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Stay enrolled
            </Button>
            <Button variant="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {withdraw.isPending ? "Leaving…" : "Leave the cohort"}
            </Button>
          </div>
        </Dialog>
        <p className="mb-6 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-800">
          <span>You are enrolled. Your progress, lessons and grades are in the tabs below.</span>
          <Button variant="ghost" className="px-0" onClick={() => setConfirming(true)}>
            Leave this cohort
          </Button>
        </p>
      </>
    );
  }

  if (status === "waitlisted") {
    return (
      <div className={`${box} border-amber-300 bg-amber-50 text-amber-950`}>
        {alert}
        <p className="font-semibold">You are number {e?.waitlistPosition ?? "?"} on the waitlist.</p>
        <p className="mt-1">
          When a seat frees up it is offered to the person who has waited longest. You will get an email and
          have 3 days to take it.
        </p>
        <Button variant="secondary" className="mt-3" disabled={pending} onClick={() => withdraw.mutate()}>
          Leave the waitlist
        </Button>
      </div>
    );
  }

  if (status === "offered") {
    return (
      <div className={`${box} border-sky-300 bg-sky-50 text-sky-950`}>
        {alert}
        <p className="font-semibold">A seat is free for you.</p>
        <p className="mt-1">
          It is held for you
          {e?.offerExpiresAt ? ` until ${formatDateTime(e.offerExpiresAt, person.timeZone)}` : ""}. Take it,
          or let it go to the next person on the waitlist.
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button disabled={pending} onClick={() => answer.mutate(true)}>
            Accept the seat
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => answer.mutate(false)}>
            Decline
          </Button>
        </div>
      </div>
    );
  }

  // Not on the roster (or withdrawn): staff manage the cohort from its tabs; anyone else may enrol.
  if (c.role === "trainer" || c.role === "manager") return null;
  if (c.status !== "open") {
    return (
      <p className={`${box} border-slate-300 bg-slate-100 text-slate-900`}>
        This cohort is {c.status === "cancelled" ? "cancelled" : "closed"} and not taking enrolments.{" "}
        <Link to={`/programs/${c.programId}`}>See the other cohorts of {c.programName}</Link>.
      </p>
    );
  }
  const full = c.seatsLeft === 0;
  return (
    <div className={`${box} border-emerald-300 bg-emerald-50 text-emerald-950`}>
      {alert}
      <p className="font-semibold">
        {full
          ? "This cohort is full."
          : `${c.seatsLeft} of ${c.seats} ${c.seats === 1 ? "seat" : "seats"} left.`}
      </p>
      <p className="mt-1">
        {full
          ? `Join the waitlist${c.waitlistCount ? ` (${c.waitlistCount} waiting)` : ""}: when a seat frees up it is offered to whoever has waited longest.`
          : `Enrol to take part in the sessions, lessons and assessments. You need to be enrolled in ${c.programName} as a trainee.`}
      </p>
      <Button className="mt-3" disabled={pending} onClick={() => enrol.mutate()}>
        {enrol.isPending ? "Enrolling…" : full ? "Join the waitlist" : "Enrol in this cohort"}
      </Button>
    </div>
  );
}
