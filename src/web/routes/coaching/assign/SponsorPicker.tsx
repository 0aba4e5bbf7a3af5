import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { describedBy, FieldError, fieldIds, inputClass } from "../../../components/Field.tsx";
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
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: ["people", "picker", "sponsor", query],
    queryFn: () =>
      unwrap(
        api.GET("/api/people", {
          params: { query: { q: query || undefined, role: "sponsor", status: "active", limit: 8 } },
        }),
      ),
  });
  const items = results.data?.items ?? [];
  const { hintId, errorId } = fieldIds(id);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </legend>
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
        placeholder="Search sponsors by name"
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
      <div aria-live="polite">
        {results.isPending ? (
          <p className="text-sm text-slate-700">Searching…</p>
        ) : results.isError ? (
          <p className="text-sm text-red-800">Could not search the sponsors. Try again.</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-700">
            {query ? `No sponsor found for “${query}”.` : "No one has the sponsor role yet."}
          </p>
        ) : (
          <ul
            aria-label="Sponsors"
            className="max-h-56 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-300 bg-white"
          >
            {items.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  {p.name}
                  {p.title || p.department ? (
                    <span className="text-slate-700">
                      {" "}
                      · {[p.title, p.department].filter(Boolean).join(", ")}
                    </span>
                  ) : null}
                </span>
                <button
                  type="button"
                  className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50"
                  onClick={() => {
                    onChange({ id: p.id, name: p.name });
                    setQ("");
                  }}
                >
                  Choose<span className="sr-only"> {p.name} as sponsor</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
