import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api, fieldErrorsOf, type Program, unwrap } from "../../api/client.ts";
import { ButtonLink, SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Card, Section } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { mentoringKeys } from "../../lib/mentoring.ts";

function CapacityForm({
  programId,
  capacity,
  programCapacity,
  activeMentees,
}: {
  programId: string;
  capacity: number | null;
  programCapacity: number;
  activeMentees: number;
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const [value, setValue] = useState(capacity === null ? "" : String(capacity));
  const save = useMutation({
    mutationFn: (next: number | null) =>
      unwrap(
        api.PATCH("/api/programs/{id}/mentoring/me", {
          params: { path: { id: programId } },
          body: { capacity: next },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(mentoringKeys.participation(programId), p);
      toast(
        p.capacity === null
          ? `You take up to ${p.programCapacity} mentees, the program's default.`
          : `You take up to ${p.capacity} ${p.capacity === 1 ? "mentee" : "mentees"} at a time.`,
      );
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(value === "" ? null : Number(value));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Your mentee capacity">
      <FormAlert error={save.error} title="Your capacity could not be saved" />
      <SelectField
        label="How many mentees can you take on at once?"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={`The program's default (${programCapacity})`}
        options={Array.from({ length: 10 }, (_, i) => ({
          value: String(i + 1),
          label: `${i + 1} ${i === 0 ? "mentee" : "mentees"}`,
        }))}
        hint={`You mentor ${activeMentees} of ${capacity ?? programCapacity} now. When you reach it, mentees see you as “Full” and cannot send you requests.`}
        error={fieldErrorsOf(save.error).capacity}
      />
      <SubmitButton pending={save.isPending}>Save capacity</SubmitButton>
    </form>
  );
}

/** The mentoring part of a program page: find a mentor (mentees), capacity (mentors), links for the team. */
export function MentoringPanel({ program }: { program: Program }) {
  const enrolled = program.me.enrolledAs.length > 0;
  const participation = useQuery({
    queryKey: mentoringKeys.participation(program.id),
    queryFn: () =>
      unwrap(api.GET("/api/programs/{id}/mentoring/me", { params: { path: { id: program.id } } })),
    enabled: enrolled,
  });
  if (!enrolled && !program.me.canEdit) return null;
  return (
    <Section title="Mentoring">
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {enrolled ? (
          participation.isPending ? (
            <Loading label="Loading your mentoring…" />
          ) : participation.isError ? (
            <ErrorState error={participation.error} onRetry={() => void participation.refetch()} />
          ) : (
            <>
              {participation.data.roles.includes("mentee") ? (
                <Card className="space-y-3">
                  <h3 className="font-semibold">As a mentee</h3>
                  <p className="text-sm text-slate-800">
                    Say which skills you want to learn, compare mentors ranked by how well they fit you, and
                    ask the one you choose.
                  </p>
                  <ButtonLink to={`/programs/${program.id}/mentors`}>Find a mentor</ButtonLink>
                  <p className="text-sm">
                    <Link to="/mentoring/requests">Requests you sent</Link> ·{" "}
                    <Link to="/mentoring">Your mentoring</Link>
                  </p>
                </Card>
              ) : null}
              {participation.data.roles.includes("mentor") ? (
                <Card className="space-y-3">
                  <h3 className="font-semibold">As a mentor</h3>
                  <CapacityForm
                    programId={program.id}
                    capacity={participation.data.capacity}
                    programCapacity={participation.data.programCapacity}
                    activeMentees={participation.data.activeMentees}
                  />
                  <p className="text-sm">
                    <Link to="/mentoring/requests">Requests you received</Link> ·{" "}
                    <Link to="/mentoring">Your mentoring</Link>
                  </p>
                </Card>
              ) : null}
            </>
          )
        ) : null}
        {program.me.canEdit ? (
          <Card className="space-y-3">
            <h3 className="font-semibold">For the program team</h3>
            <p className="text-sm text-slate-800">
              Follow participants, requests and relationship health, match pairs yourself, and set how
              matching works. Confidential content (journals, meeting notes, goals) is never shown to you.
            </p>
            <div className="flex flex-wrap gap-2">
              <ButtonLink to={`/programs/${program.id}/mentoring`}>Mentoring overview</ButtonLink>
              <ButtonLink to={`/programs/${program.id}/mentoring/settings`} variant="secondary">
                Mentoring settings
              </ButtonLink>
            </div>
          </Card>
        ) : null}
      </div>
    </Section>
  );
}
