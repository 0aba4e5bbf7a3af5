import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { ErrorAlertBox, FormAlert } from "../../../components/Feedback.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import { ExclusionList } from "../parts.tsx";
import { type Exclusion, exclusionsOf, type MatchRun, storeRun } from "./shared.ts";

type Participant = Schemas["MentoringOverview"]["participants"][number];

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

/** Adds a pair to a draft by hand; it is locked so a re-run keeps it. */
export function AddPairForm({
  programId,
  run,
  participants,
}: {
  programId: string;
  run: MatchRun;
  participants: Participant[];
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const [menteeId, setMenteeId] = useState("");
  const [mentorId, setMentorId] = useState("");
  const mentees = participants.filter((p) => p.role === "mentee");
  const mentors = participants.filter((p) => p.role === "mentor");
  const nameOf = (id: string) => participants.find((p) => p.person.id === id)?.person.name ?? "";
  /** The people of one side as options, each labelled with how often they are paired in this draft. */
  const optionsOf = (
    people: Participant[],
    side: "mentee" | "mentor",
    label: (name: string, inDraft: number) => string,
  ) =>
    people.map((m) => ({
      value: m.person.id,
      label: label(m.person.name, run.pairs.filter((p) => p[side].id === m.person.id).length),
    }));
  const add = useMutation({
    mutationFn: (body: { menteeId: string; mentorId: string }) =>
      unwrap(
        api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/pairs", {
          params: { path: { id: programId, runId: run.id } },
          body,
        }),
      ),
    onSuccess: (next, body) => {
      storeRun(qc, programId, next);
      toast(`Added ${nameOf(body.menteeId)} with ${nameOf(body.mentorId)}. The pair is locked.`);
      setMenteeId("");
      setMentorId("");
    },
  });
  const { shownError, clientError, validate, clearClientError } = useClientValidation(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!menteeId) errors.menteeId = "Choose a mentee.";
    if (!mentorId) errors.mentorId = "Choose a mentor.";
    if (validate(errors)) add.mutate({ menteeId, mentorId });
  };
  const change = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
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
        <SelectField
          label="Mentee"
          required
          value={menteeId}
          onChange={change(setMenteeId)}
          placeholder="Choose a mentee"
          options={optionsOf(mentees, "mentee", (name, n) => (n ? `${name} (paired in this draft)` : name))}
          error={fields.menteeId}
        />
        <SelectField
          label="Mentor"
          required
          value={mentorId}
          onChange={change(setMentorId)}
          placeholder="Choose a mentor"
          options={optionsOf(
            mentors,
            "mentor",
            (name, n) => `${name} (${n} ${n === 1 ? "mentee" : "mentees"} in this draft)`,
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
