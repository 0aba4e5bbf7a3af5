import { type QueryKey, useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import type { Schemas } from "../api/client.ts";
import { RequiredMark } from "./Field.tsx";
import { PersonSearchInput, SelectedPerson } from "./PersonSearch.tsx";

type Ref = Schemas["PersonRef"];

/** How many people the picker lists at a time; typing narrows them down. */
export const ROSTER_PICKER_SHOWN = 8;

/**
 * Picks one person of a list that can hold thousands (a program's mentors, a cohort's trainees) by name:
 * the first few are listed, and typing part of a name asks the server for the others.
 */
export function RosterPicker<T extends { person: Ref }>({
  queryKey,
  fetchMatches,
  noun,
  none,
  label,
  value,
  onChange,
  details,
  chooseSuffix,
  required = false,
  hint,
  error,
}: {
  /** Identifies the list; what was typed is added to it. */
  queryKey: QueryKey;
  /** The first `ROSTER_PICKER_SHOWN` people whose name contains `q` (everyone's, if empty), by name. */
  fetchMatches: (q: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>;
  noun: { one: string; many: string };
  /** Said when the list is empty and nothing was typed. */
  none: string;
  label: string;
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  /** What follows the name of someone listed (e.g. how many relationships they have). */
  details: (item: T) => ReactNode;
  /** Added to a Choose button's hidden text, after the name. */
  chooseSuffix: string;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: [...queryKey, "picker", query],
    queryFn: () => fetchMatches(query || undefined),
    staleTime: 0,
  });
  const items = results.data?.items ?? [];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        <RequiredMark required={required} />
      </legend>
      <SelectedPerson value={value} onRemove={() => onChange(null)} />
      <PersonSearchInput
        search={{ id, q, setQ }}
        label={noun.many}
        placeholder={`Part of a ${noun.one}'s name`}
        hint={hint}
        error={error}
      />
      <div aria-live="polite">
        {results.isPending ? (
          <p className="text-sm text-slate-700">Searching…</p>
        ) : results.isError ? (
          <p className="text-sm text-red-800">The {noun.many} could not be loaded. Try again.</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-700">{query ? `No ${noun.one} found for “${query}”.` : none}</p>
        ) : (
          <>
            <ul
              aria-label={`${label} choices`}
              className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white"
            >
              {items.map((item) => (
                <li
                  key={item.person.id}
                  className="flex items-center justify-between gap-2 px-3 py-2 text-sm"
                >
                  <span>
                    <span className={item.person.id === value?.id ? "font-semibold" : undefined}>
                      {item.person.name}
                    </span>
                    <span className="text-slate-700"> · {details(item)}</span>
                  </span>
                  <button
                    type="button"
                    className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50 disabled:opacity-50"
                    disabled={item.person.id === value?.id}
                    onClick={() => onChange(item.person)}
                  >
                    Choose
                    <span className="sr-only">
                      {" "}
                      {item.person.name}
                      {chooseSuffix}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {results.data?.nextCursor ? (
              <p className="text-sm text-slate-700">
                The first {ROSTER_PICKER_SHOWN} {noun.many} by name; type part of a name to find others.
              </p>
            ) : null}
          </>
        )}
      </div>
    </fieldset>
  );
}
