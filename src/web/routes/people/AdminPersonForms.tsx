import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import {
  api,
  assertValid,
  type FieldErrors,
  fieldErrorsOf,
  type OrgRole,
  type Person,
  unwrap,
} from "../../api/client.ts";
import { meKey } from "../../api/session.ts";
import { Button, SubmitButton } from "../../components/Button.tsx";
import { FacetDatalist } from "../../components/FacetSearch.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Card, Section } from "../../components/Page.tsx";
import { PersonPicker } from "../../components/PersonPicker.tsx";
import { TimeZoneField } from "../../components/TimeZoneField.tsx";
import { useToast } from "../../components/Toast.tsx";
import { ROLE_LABELS, ROLE_OPTIONS } from "../../lib/labels.ts";
import { ErasePersonCard } from "./ErasePersonCard.tsx";

export const SENIORITY_OPTIONS = Array.from({ length: 10 }, (_, i) => ({
  value: String(i + 1),
  label: `Level ${i + 1}`,
}));

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function useInvalidatePerson(id: string, isSelf: boolean) {
  const qc = useQueryClient();
  return (person: Person) => {
    qc.setQueryData(["person", id], person);
    void qc.invalidateQueries({ queryKey: ["people"] });
    void qc.invalidateQueries({ queryKey: ["people-facets"] });
    if (isSelf) void qc.invalidateQueries({ queryKey: meKey });
  };
}

/** What an org admin can change about someone: profile facts, manager, role and whether they are active. */
export function AdminPersonForms({ person, isSelf }: { person: Person; isSelf: boolean }) {
  return (
    <Section title="Administration">
      <div className="grid gap-6 lg:grid-cols-2">
        <AdminProfileForm person={person} isSelf={isSelf} />
        <div className="space-y-6">
          <RoleForm person={person} isSelf={isSelf} />
          <StatusForm person={person} isSelf={isSelf} />
          {isSelf ? null : <ErasePersonCard person={person} />}
        </div>
      </div>
    </Section>
  );
}

function AdminProfileForm({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const toast = useToast();
  const onSaved = useInvalidatePerson(person.id, isSelf);
  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
  });
  const departmentsId = useId();
  const [name, setName] = useState(person.name);
  const [title, setTitle] = useState(person.title ?? "");
  const [department, setDepartment] = useState(person.department ?? "");
  const [seniority, setSeniority] = useState(person.seniority === null ? "" : String(person.seniority));
  const [manager, setManager] = useState(person.manager);
  const [location, setLocation] = useState(person.location ?? "");
  const [timeZone, setTimeZone] = useState(person.timeZone);

  const save = useMutation({
    mutationFn: async () => {
      const errors: FieldErrors = {};
      if (!name.trim()) errors.name = "Enter a name.";
      assertValid(errors);
      return unwrap(
        api.PATCH("/api/people/{id}", {
          params: { path: { id: person.id } },
          body: {
            name: name.trim(),
            title: orNull(title),
            department: orNull(department),
            seniority: seniority ? Number(seniority) : null,
            managerId: manager?.id ?? null,
            location: orNull(location),
            timeZone,
          },
        }),
      );
    },
    onSuccess: (p) => {
      onSaved(p);
      toast(`Saved ${p.name}'s profile.`);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const fields = fieldErrorsOf(save.error);
  return (
    <Card>
      <h3 className="mb-3 text-base font-semibold">Edit profile</h3>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Edit ${person.name}'s profile`}>
        <FormAlert error={save.error} />
        <TextField
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
        />
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fields.title}
        />
        <TextField
          label="Department"
          value={department}
          list={departmentsId}
          onChange={(e) => setDepartment(e.target.value)}
          error={fields.department}
        />
        <FacetDatalist
          id={departmentsId}
          facet="department"
          summary={facets.data?.departments}
          text={department}
        />
        <SelectField
          label="Seniority level"
          hint="1 is the most junior, 10 the most senior. Used for program eligibility and matching."
          value={seniority}
          onChange={(e) => setSeniority(e.target.value)}
          placeholder="Not set"
          options={SENIORITY_OPTIONS}
          error={fields.seniority}
        />
        <PersonPicker
          label="Manager"
          value={manager}
          onChange={setManager}
          excludeId={person.id}
          error={fields.managerId}
          hint="The reporting line keeps mentors out of their mentee's management chain."
        />
        <TextField
          label="Location"
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={fields.location}
        />
        <TimeZoneField value={timeZone} onChange={setTimeZone} error={fields.timeZone} />
        <SubmitButton pending={save.isPending}>Save profile</SubmitButton>
      </form>
    </Card>
  );
}

function RoleForm({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const toast = useToast();
  const onSaved = useInvalidatePerson(person.id, isSelf);
  const [role, setRole] = useState<OrgRole>(person.orgRole);
  const change = useMutation({
    mutationFn: () =>
      unwrap(api.PUT("/api/people/{id}/role", { params: { path: { id: person.id } }, body: { role } })),
    onSuccess: (p) => {
      onSaved(p);
      toast(`${p.name} is now ${ROLE_LABELS[p.orgRole].toLowerCase()}.`);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <Card>
      <h3 className="mb-3 text-base font-semibold">Organization role</h3>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Change ${person.name}'s role`}>
        <FormAlert error={change.error} />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as OrgRole)}
          options={ROLE_OPTIONS}
          hint="Admins configure the organization; program managers run programs; sponsors see aggregates."
        />
        <SubmitButton pending={change.isPending} variant="secondary">
          Change role
        </SubmitButton>
      </form>
    </Card>
  );
}

function StatusForm({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const toast = useToast();
  const onSaved = useInvalidatePerson(person.id, isSelf);
  const [confirming, setConfirming] = useState(false);
  const next = person.status === "active" ? "deactivated" : "active";
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/people/{id}/status", { params: { path: { id: person.id } }, body: { status: next } }),
      ),
    onSuccess: (p) => {
      setConfirming(false);
      onSaved(p);
      toast(
        p.status === "active" ? `${p.name} is active again.` : `${p.name} is deactivated and signed out.`,
      );
    },
  });
  if (person.status === "invited") {
    return (
      <Card>
        <h3 className="mb-2 text-base font-semibold">Account</h3>
        <p className="text-sm text-slate-700">
          {person.name} has not accepted the invitation yet. Resend or revoke it on the Invitations page.
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h3 className="mb-2 text-base font-semibold">Account</h3>
      <FormAlert error={change.error} />
      {person.status === "active" ? (
        <p className="mb-3 text-sm text-slate-700">
          Deactivating signs {person.name} out everywhere and stops them signing in. Their history is kept.
        </p>
      ) : (
        <p className="mb-3 text-sm text-slate-700">{person.name} is deactivated and cannot sign in.</p>
      )}
      {confirming ? (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Confirm deactivation</legend>
          <Button variant="danger" onClick={() => change.mutate()} disabled={change.isPending}>
            {change.isPending ? "Deactivating…" : `Yes, deactivate ${person.name}`}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </fieldset>
      ) : person.status === "active" ? (
        <Button variant="danger" onClick={() => setConfirming(true)} disabled={isSelf}>
          Deactivate…
        </Button>
      ) : (
        <Button onClick={() => change.mutate()} disabled={change.isPending}>
          {change.isPending ? "Reactivating…" : "Reactivate"}
        </Button>
      )}
    </Card>
  );
}
