import type { Schemas } from "../api/client.ts";
import { PersonResults, PersonSearchInput, SelectedPerson, usePersonSearch } from "./PersonSearch.tsx";

type Ref = NonNullable<Schemas["PersonRef"]>;

/** Picks one person from the directory by searching for them (e.g. a manager). */
export function PersonPicker({
  label,
  value,
  onChange,
  excludeId,
  hint,
  error,
}: {
  label: string;
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  excludeId?: string;
  hint?: string;
  error?: string | undefined;
}) {
  const search = usePersonSearch({ minLength: 2 });
  const { query } = search;
  const items = search.items.filter((p) => p.id !== excludeId);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <SelectedPerson value={value} onRemove={() => onChange(null)} />
      <PersonSearchInput
        search={search}
        label={label}
        placeholder="Type at least 2 letters of a name"
        hint={hint}
        error={error}
      />
      {query.length >= 2 ? (
        <PersonResults
          search={search}
          items={items}
          none={<>No one found for “{query}”.</>}
          details={(p) => (p.title ? <span className="text-slate-700"> · {p.title}</span> : null)}
          onChoose={(p) => onChange({ id: p.id, name: p.name })}
        />
      ) : null}
    </fieldset>
  );
}
