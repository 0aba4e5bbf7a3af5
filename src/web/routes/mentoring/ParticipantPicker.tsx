import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { PersonSearchInput, SelectedPerson } from "../../components/PersonSearch.tsx";
import { mentoringKeys } from "../../lib/mentoring.ts";

type Ref = Schemas["PersonRef"];
export type Participant = Schemas["MentoringParticipant"];

/** How many participants the picker lists at a time; typing narrows them down. */
const SHOWN = 8;

/**
 * Picks one of a program's mentors or mentees by name. A program can have thousands, so the first few are
 * listed by name and typing part of a name finds the others.
 */
export function ParticipantPicker({
  programId,
  side: role,
  label,
  value,
  onChange,
  details,
  hint,
  error,
}: {
  programId: string;
  side: "mentor" | "mentee";
  label: string;
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  /** What follows the name of someone listed (e.g. how many relationships they have). */
  details: (p: Participant) => ReactNode;
  hint?: string;
  error?: string | undefined;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: mentoringKeys.programList(programId, "picker", { role, q: query }),
    queryFn: () =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/participants", {
          params: { path: { id: programId }, query: { role, q: query || undefined, limit: SHOWN } },
        }),
      ),
    staleTime: 0,
  });
  const items = results.data?.items ?? [];
  const plural = `${role}s`;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        <span className="text-red-700" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      <SelectedPerson value={value} onRemove={() => onChange(null)} />
      <PersonSearchInput
        search={{ id, q, setQ }}
        label={plural}
        placeholder={`Part of a ${role}'s name`}
        hint={hint}
        error={error}
      />
      <div aria-live="polite">
        {results.isPending ? (
          <p className="text-sm text-slate-700">Searching…</p>
        ) : results.isError ? (
          <p className="text-sm text-red-800">The {plural} could not be loaded. Try again.</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-700">
            {query ? `No ${role} found for “${query}”.` : `No ${plural} in this program yet.`}
          </p>
        ) : (
          <>
            <ul
              aria-label={`${label} choices`}
              className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white"
            >
              {items.map((p) => (
                <li key={p.person.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                  <span>
                    <span className={p.person.id === value?.id ? "font-semibold" : undefined}>
                      {p.person.name}
                    </span>
                    <span className="text-slate-700"> · {details(p)}</span>
                  </span>
                  <button
                    type="button"
                    className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50 disabled:opacity-50"
                    disabled={p.person.id === value?.id}
                    onClick={() => onChange(p.person)}
                  >
                    Choose
                    <span className="sr-only">
                      {" "}
                      {p.person.name} as {role}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {results.data?.nextCursor ? (
              <p className="text-sm text-slate-700">
                The first {SHOWN} {plural} by name; type part of a name to find others.
              </p>
            ) : null}
          </>
        )}
      </div>
    </fieldset>
  );
}
