import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  api,
  assertValid,
  type FieldErrors,
  fieldErrorsOf,
  type Schemas,
  unwrap,
} from "../../../api/client.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { FormAlert } from "../../../components/Feedback.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { exclusionsOf, type MatchRun, storeRun } from "./shared.ts";

type Participant = Schemas["MentoringOverview"]["participants"][number];

/** The rules a rejected pair breaks, announced and focused when they appear. */
function ExclusionAlert({ reasons }: { reasons: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 focus:outline-2 focus:outline-red-700"
    >
      <p className="font-semibold">This pair breaks the program's rules, so it cannot be added:</p>
      <ul className="mt-1 list-disc pl-5">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
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
  const [clientError, setClientError] = useState<unknown>(null);
  const mentees = participants.filter((p) => p.role === "mentee");
  const mentors = participants.filter((p) => p.role === "mentor");
  const nameOf = (id: string) => participants.find((p) => p.person.id === id)?.person.name ?? "";
  const inDraft = (id: string, side: "mentee" | "mentor") =>
    run.pairs.filter((p) => p[side].id === id).length;
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!menteeId) errors.menteeId = "Choose a mentee.";
    if (!mentorId) errors.mentorId = "Choose a mentor.";
    try {
      assertValid(errors);
    } catch (err) {
      setClientError(err);
      return;
    }
    setClientError(null);
    add.mutate({ menteeId, mentorId });
  };
  const change = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setClientError(null);
    add.reset();
  };
  const exclusions = exclusionsOf(add.error).map((x) => x.reason);
  const fields = fieldErrorsOf(clientError ?? add.error);
  return (
    <form onSubmit={submit} noValidate aria-label="Add a pair" className="space-y-4">
      {exclusions.length && !clientError ? (
        <ExclusionAlert reasons={exclusions} />
      ) : (
        <FormAlert error={clientError ?? add.error} title="The pair could not be added" />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Mentee"
          required
          value={menteeId}
          onChange={change(setMenteeId)}
          placeholder="Choose a mentee"
          options={mentees.map((m) => {
            const n = inDraft(m.person.id, "mentee");
            return {
              value: m.person.id,
              label: n ? `${m.person.name} (paired in this draft)` : m.person.name,
            };
          })}
          error={fields.menteeId}
        />
        <SelectField
          label="Mentor"
          required
          value={mentorId}
          onChange={change(setMentorId)}
          placeholder="Choose a mentor"
          options={mentors.map((m) => {
            const n = inDraft(m.person.id, "mentor");
            return {
              value: m.person.id,
              label: `${m.person.name} (${n} ${n === 1 ? "mentee" : "mentees"} in this draft)`,
            };
          })}
          error={fields.mentorId}
        />
      </div>
      <SubmitButton pending={add.isPending} pendingLabel="Adding…">
        Add pair
      </SubmitButton>
    </form>
  );
}
