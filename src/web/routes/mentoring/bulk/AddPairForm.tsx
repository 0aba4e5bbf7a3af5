import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { ErrorAlertBox, FormAlert } from "../../../components/Feedback.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import { ParticipantPicker } from "../ParticipantPicker.tsx";
import { ExclusionList } from "../parts.tsx";
import { type Exclusion, exclusionsOf, type MatchRun, matchingKeys, storeRun } from "./shared.ts";

type Ref = Schemas["PersonRef"];

/** The rules a rejected pair breaks, announced and focused when they appear. */
function ExclusionAlert({ exclusions }: { exclusions: Exclusion[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <ErrorAlertBox ref={ref}>
      <p className="font-semibold">This pair breaks the program's rules, so it cannot be added:</p>
      <ExclusionList exclusions={exclusions} className="mt-1 list-disc pl-5" />
    </ErrorAlertBox>
  );
}

/** How often someone is paired in this draft, asked of the server (a draft's pairs come a page at a time). */
function InDraft({
  programId,
  runId,
  side,
  personId,
}: {
  programId: string;
  runId: string;
  side: "mentee" | "mentor";
  personId: string;
}) {
  const filter = side === "mentee" ? { menteeId: personId } : { mentorId: personId };
  const count = useQuery({
    queryKey: matchingKeys.inDraft(programId, runId, side, personId),
    queryFn: () =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/match-runs/{runId}/pairs", {
          params: { path: { id: programId, runId }, query: { ...filter, limit: 1 } },
        }),
      ),
    select: (page) => page.total,
  });
  if (count.isPending) return <>checking this draft…</>;
  if (count.isError) return <>not known for this draft</>;
  const n = count.data;
  if (side === "mentee") return <>{n ? "paired in this draft" : "not in this draft"}</>;
  return <>{`${n} ${n === 1 ? "mentee" : "mentees"} in this draft`}</>;
}

/** Adds a pair to a draft by hand; it is locked so a re-run keeps it. */
export function AddPairForm({ programId, run }: { programId: string; run: MatchRun }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [mentee, setMentee] = useState<Ref | null>(null);
  const [mentor, setMentor] = useState<Ref | null>(null);
  const add = useMutation({
    mutationFn: (body: { menteeId: string; mentorId: string }) =>
      unwrap(
        api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/pairs", {
          params: { path: { id: programId, runId: run.id } },
          body,
        }),
      ),
    onSuccess: (next) => {
      storeRun(qc, programId, next);
      toast(`Added ${mentee?.name ?? ""} with ${mentor?.name ?? ""}. The pair is locked.`);
      setMentee(null);
      setMentor(null);
    },
  });
  const { shownError, clientError, validate, clearClientError } = useClientValidation(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!mentee) errors.menteeId = "Choose a mentee.";
    if (!mentor) errors.mentorId = "Choose a mentor.";
    if (validate(errors) && mentee && mentor) add.mutate({ menteeId: mentee.id, mentorId: mentor.id });
  };
  const change = (set: (v: Ref | null) => void) => (value: Ref | null) => {
    set(value);
    clearClientError();
    add.reset();
  };
  const exclusions = exclusionsOf(add.error);
  const fields = fieldErrorsOf(shownError);
  return (
    <form onSubmit={submit} noValidate aria-label="Add a pair" className="space-y-4">
      {exclusions.length && !clientError ? (
        <ExclusionAlert exclusions={exclusions} />
      ) : (
        <FormAlert error={shownError} title="The pair could not be added" />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <ParticipantPicker
          programId={programId}
          side="mentee"
          label="Mentee"
          value={mentee}
          onChange={change(setMentee)}
          details={(m) => (
            <InDraft programId={programId} runId={run.id} side="mentee" personId={m.person.id} />
          )}
          error={fields.menteeId}
        />
        <ParticipantPicker
          programId={programId}
          side="mentor"
          label="Mentor"
          value={mentor}
          onChange={change(setMentor)}
          details={(m) => (
            <InDraft programId={programId} runId={run.id} side="mentor" personId={m.person.id} />
          )}
          error={fields.mentorId}
        />
      </div>
      <SubmitButton pending={add.isPending} pendingLabel="Adding…">
        Add pair
      </SubmitButton>
    </form>
  );
}
