import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { api, type Schemas, unwrap } from "../api/client.ts";
import { describedBy, FieldError, fieldIds, inputClass } from "./Field.tsx";

type Ref = NonNullable<Schemas["PersonRef"]>;

/**
 * The search behind the person pickers: active people in the directory (with a role, or among the caller's
 * reports, if given) whose name matches what was typed, once at least `minLength` characters were.
 */
export function usePersonSearch({
  role,
  reportsTo,
  minLength,
}: {
  role?: "sponsor";
  reportsTo?: "me";
  minLength: number;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: ["people", "picker", role ?? "", reportsTo ?? "", query],
    queryFn: () =>
      unwrap(
        api.GET("/api/people", {
          params: {
            query: {
              q: query || undefined,
              ...(role ? { role } : {}),
              ...(reportsTo ? { reportsTo } : {}),
              status: "active",
              limit: 8,
            },
          },
        }),
      ),
    enabled: query.length >= minLength,
  });
  return { id, q, setQ, query, results, items: results.data?.items ?? [] };
}

export type PersonSearch = ReturnType<typeof usePersonSearch>;
export type PersonHit = PersonSearch["items"][number];

/** " · title, department" after a name found by a person search, when either is known. */
export function titleAndDepartment(p: PersonHit) {
  return p.title || p.department ? (
    <span className="text-slate-700"> · {[p.title, p.department].filter(Boolean).join(", ")}</span>
  ) : null;
}

/** The chosen person of a single-person picker, with a button to remove them. */
export function SelectedPerson({ value, onRemove }: { value: Ref | null; onRemove: () => void }) {
  return (
    <p className="text-sm text-slate-800" aria-live="polite">
      {value ? (
        <>
          Selected: <strong>{value.name}</strong>{" "}
          <button type="button" className="ml-2 font-semibold text-emerald-800 underline" onClick={onRemove}>
            Remove<span className="sr-only"> {value.name}</span>
          </button>
        </>
      ) : (
        "No one selected."
      )}
    </p>
  );
}

/** The search box of a person picker, with its (visually hidden) label, hint and error. */
export function PersonSearchInput({
  search,
  label,
  placeholder,
  disabled,
  hint,
  error,
}: {
  search: Pick<PersonSearch, "id" | "q" | "setQ">;
  label: string;
  placeholder: string;
  disabled?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const { id } = search;
  const { hintId, errorId } = fieldIds(id);
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Search for {label.toLowerCase()}
      </label>
      <input
        id={id}
        type="search"
        className={inputClass}
        placeholder={placeholder}
        disabled={disabled}
        value={search.q}
        onChange={(e) => search.setQ(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </>
  );
}

/**
 * What the search found, announced as it changes: "Searching…", a failure (when `failed` is given), `none`
 * when nobody matched, or the people found, each with a Choose button.
 */
export function PersonResults({
  search,
  items,
  failed,
  none,
  listLabel,
  scrolls = false,
  details,
  chooseSuffix = "",
  onChoose,
}: {
  search: PersonSearch;
  items: PersonHit[];
  failed?: string;
  none: ReactNode;
  listLabel?: string;
  /** Caps the list's height and scrolls it, for a search that lists people before anything is typed. */
  scrolls?: boolean;
  /** What follows the name of someone found (title, department). */
  details: (p: PersonHit) => ReactNode;
  /** Added to the Choose button's hidden text, after the name. */
  chooseSuffix?: string;
  onChoose: (p: PersonHit) => void;
}) {
  return (
    <div aria-live="polite">
      {search.results.isPending ? (
        <p className="text-sm text-slate-700">Searching…</p>
      ) : failed !== undefined && search.results.isError ? (
        <p className="text-sm text-red-800">{failed}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-700">{none}</p>
      ) : (
        <ul
          aria-label={listLabel}
          className={`${scrolls ? "max-h-56 overflow-y-auto " : ""}divide-y divide-slate-200 rounded-md border border-slate-300 bg-white`}
        >
          {items.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                {p.name}
                {details(p)}
              </span>
              <button
                type="button"
                className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50"
                onClick={() => {
                  onChoose(p);
                  search.setQ("");
                }}
              >
                Choose
                <span className="sr-only">
                  {" "}
                  {p.name}
                  {chooseSuffix}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
