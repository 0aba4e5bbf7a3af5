import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { FormAlert } from "../../../components/Feedback.tsx";
import { CheckboxField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { PersonPicker } from "../../../components/PersonPicker.tsx";
import { TagListEditor } from "../../../components/TagListEditor.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { COACH_KIND_LABELS, type Coach, type CoachKind, coachingKeys } from "../../../lib/coaching.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import type { Ref } from "../assign/parts.tsx";

type CoachInput = Schemas["CoachProfileInput"];

const KIND_HINTS: Record<CoachKind, string> = {
  internal: "A colleague trained to coach, outside the coachee's reporting line.",
  external: "A professional coach from outside the organization, with a Trellis account.",
};

export const MAX_CAPACITY = 30;

/**
 * Adds a person to the coach pool, or edits a coach's profile (`coach` given): kind, specialties, languages,
 * how many coachees at once, a short bio, and whether they take new coachees.
 */
export function CoachForm({ coach, onDone }: { coach: Coach | null; onDone: () => void }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [person, setPerson] = useState<Ref | null>(coach?.person ?? null);
  const [kind, setKind] = useState<CoachKind>(coach?.kind ?? "internal");
  const [specialties, setSpecialties] = useState<string[]>(coach?.specialties ?? []);
  const [languages, setLanguages] = useState<string[]>(coach?.languages ?? []);
  const [capacity, setCapacity] = useState(String(coach?.capacity ?? 5));
  const [bio, setBio] = useState(coach?.bio ?? "");
  const [active, setActive] = useState(coach?.active ?? true);
  // The picked person's coach profile, when they are in the pool already.
  const [inPool, setInPool] = useState<Coach | null>(null);
  const picked = useRef<string | null>(null);
  const existing = coach ?? (person && inPool?.person.id === person.id ? inPool : null);

  const save = useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: CoachInput }) =>
      unwrap(api.PUT("/api/coaching/coaches/{personId}", { params: { path: { personId } }, body })),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: coachingKeys.coaches });
      toast(
        existing
          ? `Saved ${saved.person.name}'s coach profile.`
          : `Added ${saved.person.name} to the coach pool.`,
      );
      onDone();
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);

  /** A newly picked person: start from their profile's languages, or their coach profile if they have one. */
  const pick = async (p: Ref | null) => {
    setPerson(p);
    setInPool(null);
    picked.current = p?.id ?? null;
    if (!p) return;
    try {
      const found = await unwrap(
        api.GET("/api/coaching/coaches", { params: { query: { personId: p.id, limit: 1 } } }),
      );
      const profile = found.items[0];
      if (picked.current !== p.id) return; // another person was picked meanwhile
      if (profile) {
        setInPool(profile);
        setKind(profile.kind);
        setSpecialties(profile.specialties);
        setLanguages(profile.languages);
        setCapacity(String(profile.capacity));
        setBio(profile.bio);
        setActive(profile.active);
        return;
      }
    } catch {
      // Not knowing, the form adds them; saving an existing coach changes their profile all the same.
    }
    try {
      const profile = await unwrap(api.GET("/api/people/{id}", { params: { path: { id: p.id } } }));
      setLanguages((current) => (current.length ? current : profile.languages));
    } catch {
      // The languages stay for the person filling in the form to add.
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const cap = Number(capacity);
    if (!person) errors.personId = "Choose the person to add as a coach.";
    if (languages.length === 0) errors.languages = "Add at least one language the coach coaches in.";
    if (!Number.isInteger(cap) || cap < 1 || cap > MAX_CAPACITY)
      errors.capacity = `Enter a whole number from 1 to ${MAX_CAPACITY}.`;
    if (!validate(errors) || !person) return;
    save.mutate({
      personId: person.id,
      body: { kind, specialties, languages, capacity: cap, bio: bio.trim(), active },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Coach profile">
      <FormAlert error={shownError} title="The coach profile was not saved" />
      {coach ? null : (
        <PersonPicker
          label="Person"
          value={person}
          onChange={(p) => void pick(p)}
          hint="Anyone with a Trellis account. External coaches need an invitation first."
          error={fields.personId}
        />
      )}
      {!coach && existing ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
          {existing.person.name} is already in the pool. Saving changes their profile.
        </p>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Kind of coach</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(Object.keys(COACH_KIND_LABELS) as CoachKind[]).map((k) => (
            <label
              key={k}
              className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
                kind === k ? "border-emerald-700 bg-emerald-50" : "border-slate-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name="coach-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="mt-1"
              />
              <span>
                <span className="block font-semibold">{COACH_KIND_LABELS[k]}</span>
                <span className="text-slate-700">{KIND_HINTS[k]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <TagListEditor
        label="Specialties"
        values={specialties}
        onChange={setSpecialties}
        max={20}
        placeholder="e.g. Delegation"
        hint="What they coach on. Coaches whose specialties match the coachee's focus rank higher."
        error={fields.specialties}
      />
      <TagListEditor
        label="Languages"
        values={languages}
        onChange={setLanguages}
        max={10}
        placeholder="e.g. English"
        hint="At least one. Coachees are matched only with coaches who share a language."
        error={fields.languages}
      />
      <TextField
        label="Capacity"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_CAPACITY}
        required
        value={capacity}
        onChange={(e) => setCapacity(e.target.value)}
        hint={`How many coachees at once, from 1 to ${MAX_CAPACITY}. A full coach cannot be assigned.`}
        error={fields.capacity}
      />
      <TextAreaField
        label="Bio"
        rows={4}
        maxLength={2000}
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        hint="Background and approach, shown to coachees choosing after a chemistry call. Up to 2000 characters."
        error={fields.bio}
      />
      <CheckboxField
        label="Takes new coachees"
        hint="Untick to keep the coach in the pool without new assignments; current engagements go on."
        checked={active}
        onChange={(e) => setActive(e.target.checked)}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={save.isPending}>{existing ? "Save coach" : "Add to the pool"}</SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
