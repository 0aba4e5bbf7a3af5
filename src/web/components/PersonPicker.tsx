import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, type Schemas, unwrap } from "../api/client.ts";
import { describedBy, FieldError, fieldIds, inputClass } from "./Field.tsx";

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
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: ["people", "picker", query],
    queryFn: () =>
      unwrap(api.GET("/api/people", { params: { query: { q: query, status: "active", limit: 8 } } })),
    enabled: query.length >= 2,
  });
  const items = (results.data?.items ?? []).filter((p) => p.id !== excludeId);
  const { hintId, errorId } = fieldIds(id);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p className="text-sm text-slate-800" aria-live="polite">
        {value ? (
          <>
            Selected: <strong>{value.name}</strong>{" "}
            <button
              type="button"
              className="ml-2 font-semibold text-emerald-800 underline"
              onClick={() => onChange(null)}
            >
              Remove<span className="sr-only"> {value.name}</span>
            </button>
          </>
        ) : (
          "No one selected."
        )}
      </p>
      <label htmlFor={id} className="sr-only">
        Search for {label.toLowerCase()}
      </label>
      <input
        id={id}
        type="search"
        className={inputClass}
        placeholder="Type at least 2 letters of a name"
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
      {query.length >= 2 ? (
        <div aria-live="polite">
          {results.isPending ? (
            <p className="text-sm text-slate-700">Searching…</p>
          ) : items.length === 0 ? (
            <p className="text-sm text-slate-700">No one found for “{query}”.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
              {items.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                  <span>
                    {p.name}
                    {p.title ? <span className="text-slate-700"> · {p.title}</span> : null}
                  </span>
                  <button
                    type="button"
                    className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50"
                    onClick={() => {
                      onChange({ id: p.id, name: p.name });
                      setQ("");
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
