import { PersonResults, PersonSearchInput, usePersonSearch } from "../../../components/PersonSearch.tsx";

export interface PersonRef {
  id: string;
  name: string;
}

/**
 * Picks several people from the directory by searching for them (trainers of a cohort, people to assign
 * a course to). Like PersonPicker, for a list: each chosen person is listed with a Remove button.
 */
export function PeoplePicker({
  label,
  values,
  onChange,
  max,
  hint,
  error,
}: {
  label: string;
  values: PersonRef[];
  onChange: (values: PersonRef[]) => void;
  max?: number;
  hint?: string;
  error?: string | undefined;
}) {
  const search = usePersonSearch({ minLength: 2 });
  const { id, query } = search;
  const items = search.items.filter((p) => !values.some((v) => v.id === p.id));
  const full = max !== undefined && values.length >= max;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div aria-live="polite">
        {values.length ? (
          <ul className="flex flex-wrap gap-2">
            {values.map((p) => (
              <li
                key={p.id}
                className="inline-flex items-center gap-1 rounded-full bg-slate-200 py-1 pr-1 pl-3 text-sm text-slate-900"
              >
                {p.name}
                <button
                  type="button"
                  onClick={() => onChange(values.filter((x) => x.id !== p.id))}
                  className="rounded-full px-2 text-slate-800 hover:bg-slate-300"
                  aria-label={`Remove ${p.name}`}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No one chosen yet.</p>
        )}
      </div>
      <PersonSearchInput
        search={search}
        label={label}
        placeholder={full ? `At most ${max}` : "Type at least 2 letters of a name"}
        disabled={full}
        hint={hint}
        error={error}
      />
      {query.length >= 2 && !full ? (
        <PersonResults
          search={search}
          items={items}
          failed="The search failed. Try again."
          none={<>No one found for “{query}”.</>}
          details={(p) => (
            <>
              {p.title ? <span className="text-slate-700"> · {p.title}</span> : null}
              {p.department ? <span className="text-slate-700"> · {p.department}</span> : null}
            </>
          )}
          onChoose={(p) => {
            onChange([...values, { id: p.id, name: p.name }]);
            document.getElementById(id)?.focus();
          }}
        />
      ) : null}
    </fieldset>
  );
}
