import { RequiredMark } from "../../../components/Field.tsx";
import {
  PersonResults,
  PersonSearchInput,
  SelectedPerson,
  titleAndDepartment,
  usePersonSearch,
} from "../../../components/PersonSearch.tsx";
import type { Ref } from "./parts.tsx";

/**
 * Picks a sponsor: like the directory person picker, but it searches only active people with the sponsor
 * role, since nobody else can fund coaching.
 */
export function SponsorPicker({
  label,
  value,
  onChange,
  hint,
  error,
  required,
}: {
  label: string;
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const search = usePersonSearch({ role: "sponsor", minLength: 0 });
  const { query } = search;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        <RequiredMark required={required} />
      </legend>
      <SelectedPerson value={value} onRemove={() => onChange(null)} />
      <PersonSearchInput
        search={search}
        label={label}
        placeholder="Search sponsors by name"
        hint={hint}
        error={error}
      />
      <PersonResults
        search={search}
        items={search.items}
        failed="Could not search the sponsors. Try again."
        none={query ? `No sponsor found for “${query}”.` : "No one has the sponsor role yet."}
        listLabel="Sponsors"
        scrolls
        details={titleAndDepartment}
        chooseSuffix=" as sponsor"
        onChoose={(p) => onChange({ id: p.id, name: p.name })}
      />
    </fieldset>
  );
}
