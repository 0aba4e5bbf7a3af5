import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { describedBy, FieldError, fieldIds, inputClass } from "../../../components/Field.tsx";

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
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: ["people", "picker", query],
    queryFn: () =>
      unwrap(api.GET("/api/people", { params: { query: { q: query, status: "active", limit: 8 } } })),
    enabled: query.length >= 2,
  });
  const items = (results.data?.items ?? []).filter((p) => !values.some((v) => v.id === p.id));
  const full = max !== undefined && values.length >= max;
  const { hintId, errorId } = fieldIds(id);
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
      <label htmlFor={id} className="sr-only">
        Search for {label.toLowerCase()}
      </label>
      <input
        id={id}
        type="search"
        className={inputClass}
        placeholder={full ? `At most ${max}` : "Type at least 2 letters of a name"}
        disabled={full}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
      {query.length >= 2 && !full ? (
        <div aria-live="polite">
          {results.isPending ? (
            <p className="text-sm text-slate-700">Searching…</p>
          ) : results.isError ? (
            <p className="text-sm text-red-800">The search failed. Try again.</p>
          ) : items.length === 0 ? (
            <p className="text-sm text-slate-700">No one found for “{query}”.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
              {items.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                  <span>
                    {p.name}
                    {p.title ? <span className="text-slate-700"> · {p.title}</span> : null}
                    {p.department ? <span className="text-slate-700"> · {p.department}</span> : null}
                  </span>
                  <button
                    type="button"
                    className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50"
                    onClick={() => {
                      onChange([...values, { id: p.id, name: p.name }]);
                      setQ("");
                      document.getElementById(id)?.focus();
                    }}
                  >
                    Choose<span className="sr-only"> {p.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
