import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import { describedBy, fieldIds, inputClass } from "../../components/Field.tsx";

export interface ChosenCourse {
  id: string;
  title: string;
}

const RESULTS = 8;

/**
 * The course of the curriculum question, found by searching the organization's published courses on the
 * server (title, summary or competencies); optional. Like the "For" picker: a labelled search box with a
 * hint, the courses found announced politely, each with a Choose button, and the chosen one with Remove.
 */
export function CoursePicker({
  value,
  onChange,
}: {
  value: ChosenCourse | null;
  onChange: (course: ChosenCourse | null) => void;
}) {
  const id = useId();
  const { hintId } = fieldIds(id);
  const [q, setQ] = useState("");
  const query = q.trim();
  const results = useQuery({
    queryKey: ["training", "courses", "advisor-picker", query],
    queryFn: () =>
      unwrap(
        api.GET("/api/training/courses", {
          params: { query: { status: "published", q: query || undefined, limit: RESULTS } },
        }),
      ),
  });
  const items = (results.data?.items ?? []).filter((c) => c.id !== value?.id);
  const total = results.data?.total ?? 0;
  const noCourseAtAll = !query && total === 0 && !value;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-300 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">Which course? (optional)</legend>
      <p className="text-sm text-slate-800" aria-live="polite">
        {value ? (
          <>
            Course: <strong>{value.title}</strong>{" "}
            <button
              type="button"
              className="ml-2 font-semibold text-emerald-800 underline"
              onClick={() => onChange(null)}
            >
              Remove<span className="sr-only"> {value.title}</span>
            </button>
          </>
        ) : (
          "No course chosen: I'm not sure which one."
        )}
      </p>
      {results.isSuccess && noCourseAtAll ? (
        <p className="text-sm text-slate-700">
          Your organization has no published course yet; the advice still takes your answer into account.
        </p>
      ) : (
        <>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            Search the courses
          </label>
          <input
            id={id}
            type="search"
            className={inputClass}
            placeholder="Course title or skill"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={describedBy(id, "hint", undefined)}
          />
          <p id={hintId} className="text-sm text-slate-600">
            Naming the course puts the programs that teach it first. Type words of its title or a skill it
            builds.
          </p>
          <div aria-live="polite">
            {results.isPending ? (
              <p className="text-sm text-slate-700">Searching…</p>
            ) : results.isError ? (
              <p className="text-sm text-red-800">Could not search the courses. Try again.</p>
            ) : items.length === 0 ? (
              <p className="text-sm text-slate-700">
                {query ? `No published course matches “${query}”.` : "No other course to choose."}
              </p>
            ) : (
              <>
                <ul
                  aria-label="Courses found"
                  className="max-h-56 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-300 bg-white"
                >
                  {items.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                      <span>
                        {c.title}
                        {c.competencies.length > 0 ? (
                          <span className="text-slate-700"> · {c.competencies.slice(0, 3).join(", ")}</span>
                        ) : null}
                      </span>
                      <button
                        type="button"
                        className="rounded border border-slate-400 px-2 py-1 font-semibold text-slate-900 hover:bg-slate-50"
                        onClick={() => {
                          onChange({ id: c.id, title: c.title });
                          setQ("");
                        }}
                      >
                        Choose<span className="sr-only"> {c.title}</span>
                      </button>
                    </li>
                  ))}
                </ul>
                {total > RESULTS ? (
                  <p className="mt-1 text-sm text-slate-700">
                    Showing {RESULTS} of {total} courses; type more of the title to narrow them down.
                  </p>
                ) : null}
              </>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
