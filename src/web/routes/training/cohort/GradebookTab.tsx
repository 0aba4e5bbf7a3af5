import { lazy, Suspense, useDeferredValue, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { Button } from "../../../components/Button.tsx";
import { EmptyState, Loading, QueryList } from "../../../components/Feedback.tsx";
import { TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Section } from "../../../components/Page.tsx";
import { type GradebookMatrix, liveQuery, pctText, trainingKeys, verifyPath } from "../../../lib/training.ts";
import { PersonalGradebook } from "./PersonalGradebook.tsx";
import { Mark } from "./parts.tsx";
import type { CohortTabProps } from "./shared.ts";

/** Recharts loads only when a gradebook is shown. */
const GradebookCharts = lazy(() => import("./charts.tsx"));

/** Trainees per page of the gradebook; "Show more" loads the next. */
const PAGE_SIZE = 50;

const cellTone = (passed: boolean | null) => (passed === null ? "" : passed ? "bg-emerald-50" : "bg-red-50");

/** The cohort's gradebook: trainees × assessments, attendance and lessons, with one trainee's detail. */
export function GradebookTab({ cohort: c }: CohortTabProps) {
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const matrix = useCursorList({
    queryKey: [...trainingKeys.part(c.id, "gradebook"), q],
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/training/cohorts/{id}/gradebook", {
          params: { path: { id: c.id }, query: { q: q || undefined, cursor, limit: PAGE_SIZE } },
        }),
      ) as Promise<GradebookMatrix>,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const detailRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (selected) detailRef.current?.focus();
  }, [selected]);
  const m = matrix.first;
  const rows = matrix.items;
  const chosen = rows.find((r) => r.person.id === selected);
  const everyone = m?.summary.trainees ?? 0;
  return (
    <div className="space-y-8">
      {everyone > 0 ? (
        <TextField
          className="w-full space-y-1 sm:w-72"
          label="Find a trainee"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Part of a name"
        />
      ) : null}
      <output className="sr-only block">
        {!q || !m
          ? ""
          : matrix.isPlaceholderData
            ? "Searching…"
            : m.total === 0
              ? `No trainee's name contains “${q}”.`
              : `${m.total} ${m.total === 1 ? "trainee matches" : "trainees match"} “${q}”.`}
      </output>
      <QueryList
        query={matrix}
        loadingLabel="Loading the gradebook…"
        isEmpty={rows.length === 0}
        empty={
          everyone > 0 ? (
            <EmptyState title="No trainee matches">
              <p>
                No trainee's name contains “{q}”. Clear the search to see all {everyone} trainees.
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No trainees yet">
              <p>Once trainees are enrolled, their scores, attendance and lessons appear here.</p>
            </EmptyState>
          )
        }
      >
        {m ? (
          <>
            <p className="text-sm text-slate-700">
              Each cell shows the best score; green passed, red not passed yet, blank not attempted.{" "}
              {m.summary.completed} of {everyone} {everyone === 1 ? "trainee has" : "trainees have"} completed
              the course.
            </p>
            <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
                <caption className="sr-only">Gradebook of {c.name}</caption>
                <thead className="bg-slate-100">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Trainee
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Attendance
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Lessons
                    </th>
                    {m.assessments.map((a) => (
                      <th key={a.id} scope="col" className="px-3 py-2 font-semibold">
                        {a.title}
                        <span className="block text-xs font-normal text-slate-700">
                          {a.kind === "quiz" ? "Quiz" : "Practical"} · pass {a.passMarkPct} %
                          {a.required ? "" : " · optional"}
                        </span>
                      </th>
                    ))}
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Completed
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      <span className="sr-only">Details</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {rows.map((r) => (
                    <tr key={r.person.id} className={selected === r.person.id ? "bg-sky-50" : ""}>
                      <th scope="row" className="px-3 py-2 font-medium">
                        {r.person.name}
                      </th>
                      <td className="px-3 py-2">{pctText(r.attendancePct)}</td>
                      <td className="px-3 py-2">
                        {r.lessonsDone} of {r.lessonsTotal}
                      </td>
                      {m.assessments.map((a) => {
                        const cell = r.cells.find((x) => x.assessmentId === a.id);
                        const passed = cell?.passed ?? null;
                        return (
                          <td key={a.id} className={`px-3 py-2 ${cellTone(passed)}`}>
                            {cell && cell.scorePct !== null ? (
                              <>
                                {pctText(cell.scorePct)}{" "}
                                <span className="block">
                                  <Mark ok={passed} yes="Passed" no="Not passed" />
                                </span>
                                {a.kind === "quiz" ? (
                                  <span className="block text-xs text-slate-700">
                                    {cell.attempts} {cell.attempts === 1 ? "attempt" : "attempts"}
                                  </span>
                                ) : null}
                              </>
                            ) : (
                              <span className="text-slate-700">
                                {a.kind === "quiz"
                                  ? cell?.attempts
                                    ? "In progress"
                                    : "Not attempted"
                                  : "Not graded"}
                              </span>
                            )}
                          </td>
                        );
                      })}
                      <td className="px-3 py-2">
                        {r.certificateId ? (
                          <Link to={verifyPath(r.certificateId)}>
                            Certificate<span className="sr-only"> of {r.person.name}</span>
                          </Link>
                        ) : (
                          <Mark ok={false} yes="" no="Not yet" />
                        )}
                      </td>
                      <td className="px-3 py-2">
                        <Button
                          variant="secondary"
                          className="px-3 py-1"
                          aria-expanded={selected === r.person.id}
                          aria-controls="gradebook-detail"
                          onClick={() => setSelected((s) => (s === r.person.id ? null : r.person.id))}
                        >
                          {selected === r.person.id ? "Hide details" : "Details"}
                          <span className="sr-only"> for {r.person.name}</span>
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              shown={rows.length}
              total={m.total}
              noun={m.total === 1 ? "trainee" : "trainees"}
              hasMore={matrix.hasNextPage}
              loading={matrix.isFetchingNextPage}
              onLoad={() => void matrix.fetchNextPage()}
            />
          </>
        ) : null}
      </QueryList>
      <section
        id="gradebook-detail"
        ref={detailRef}
        tabIndex={-1}
        aria-label={chosen ? `Gradebook of ${chosen.person.name}` : "Trainee details"}
        className="focus:outline-none"
      >
        {chosen ? (
          <>
            <h2 className="mb-3 text-lg font-semibold">Gradebook of {chosen.person.name}</h2>
            <PersonalGradebook cohortId={c.id} personId={chosen.person.id} forStaff headingLevel={3} />
          </>
        ) : null}
      </section>
      {m && rows.length ? (
        <Section title="Charts" id="gradebook-charts">
          <Suspense fallback={<Loading label="Loading the charts…" />}>
            <GradebookCharts summary={m.summary} shown={rows} />
          </Suspense>
        </Section>
      ) : null}
    </div>
  );
}
