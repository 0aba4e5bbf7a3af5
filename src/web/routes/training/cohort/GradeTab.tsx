import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, api, type FieldErrors, type Schemas, unwrap } from "../../../api/client.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { SelectField, TextAreaField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { ROSTER_PICKER_SHOWN, RosterPicker } from "../../../components/RosterPicker.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { type Assessment, type Gradebook, scoreRubric, trainingKeys } from "../../../lib/training.ts";
import { Mark, TrainingAlert } from "./parts.tsx";
import { type CohortTabProps, useCourse, useGradebook, useRefreshTraining } from "./shared.ts";

/** Grading a practical evaluation: pick the assessment and the trainee, then a level per rubric criterion. */
export function GradeTab({ cohort: c, timeZone }: CohortTabProps) {
  const [params, setParams] = useSearchParams();
  const course = useCourse(c.course.id);
  const practicals = (course.data?.assessments ?? []).filter((a) => a.kind === "practical");
  const assessmentId =
    practicals.find((a) => a.id === params.get("assessment"))?.id ?? practicals[0]?.id ?? "";
  const personId = params.get("person") ?? "";
  const book = useGradebook(c.id, personId || null);
  const [picked, setPicked] = useState<Schemas["PersonRef"] | null>(null);
  const notEnrolled = book.error instanceof ApiError && book.error.status === 404;
  const choose = (key: "assessment" | "person", value: string) => {
    const next = new URLSearchParams(params);
    next.set("tab", "grade");
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true, preventScrollReset: true });
  };

  if (course.isPending) return <Loading label="Loading the practical evaluations…" />;
  if (course.isError) return <ErrorState error={course.error} onRetry={() => void course.refetch()} />;
  if (practicals.length === 0) {
    return (
      <EmptyState title="No practical evaluations in this course">
        <p>Quizzes are graded automatically; see the Gradebook tab for their scores.</p>
      </EmptyState>
    );
  }
  const assessment = practicals.find((a) => a.id === assessmentId);
  return (
    <div className="space-y-6">
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <SelectField
          label="Practical evaluation"
          value={assessmentId}
          onChange={(ev) => choose("assessment", ev.target.value)}
          options={practicals.map((a) => ({ value: a.id, label: a.title }))}
        />
        <RosterPicker
          queryKey={trainingKeys.part(c.id, "gradebook")}
          fetchMatches={(q) =>
            unwrap(
              api.GET("/api/training/cohorts/{id}/gradebook", {
                params: { path: { id: c.id }, query: { q, limit: ROSTER_PICKER_SHOWN } },
              }),
            )
          }
          noun={{ one: "trainee", many: "trainees" }}
          none="Nobody is enrolled yet: enrol trainees on the Roster tab first."
          label="Trainee"
          value={book.data?.person ?? (picked?.id === personId ? picked : null)}
          onChange={(p) => {
            setPicked(p);
            choose("person", p?.id ?? "");
          }}
          details={(r) =>
            r.cells.find((x) => x.assessmentId === assessmentId)?.passed != null ? "graded" : "not graded yet"
          }
          chooseSuffix=" to grade"
        />
      </div>
      {!assessment ? null : !personId || notEnrolled ? (
        <p className="text-sm text-slate-800">
          {notEnrolled ? "The trainee of this link is no longer enrolled in the cohort. " : ""}
          Choose the trainee to grade. Trainees still to grade for this evaluation are also listed in the{" "}
          <Link to="/training/grading">grading queue</Link>.
        </p>
      ) : book.isPending ? (
        <Loading label="Loading the trainee's grade…" />
      ) : book.isError ? (
        <ErrorState error={book.error} onRetry={() => void book.refetch()} />
      ) : (
        <RubricForm
          key={`${assessment.id}:${personId}:${book.data.assessments.find((a) => a.id === assessment.id)?.practical?.gradedAt ?? "new"}`}
          cohortId={c.id}
          assessment={assessment}
          gradebook={book.data}
          timeZone={timeZone}
        />
      )}
    </div>
  );
}

function RubricForm({
  cohortId,
  assessment: a,
  gradebook: g,
  timeZone,
}: {
  cohortId: string;
  assessment: Assessment;
  gradebook: Gradebook;
  timeZone: string;
}) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const existing = g.assessments.find((x) => x.id === a.id)?.practical ?? null;
  const [levels, setLevels] = useState<Record<string, string>>(() => ({ ...(existing?.levels ?? {}) }));
  const [comments, setComments] = useState<Record<string, string>>(() => ({ ...(existing?.comments ?? {}) }));
  const [overall, setOverall] = useState(existing?.overallComment ?? "");
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/training/cohorts/{id}/assessments/{assessmentId}/grades/{personId}", {
          params: { path: { id: cohortId, assessmentId: a.id, personId: g.person.id } },
          body: {
            levels,
            comments: Object.fromEntries(
              Object.entries(comments)
                .map(([k, v]) => [k, v.trim()] as const)
                .filter(([k, v]) => v !== "" && a.rubric.some((c) => c.id === k)),
            ),
            overallComment: overall.trim(),
          },
        }),
      ),
    onSuccess: (grade) => {
      void refresh();
      toast(
        `Grade saved for ${g.person.name}: ${grade.scorePct} %, ${grade.passed ? "passed" : "not passed"}.` +
          (grade.certificateId && !g.certificateId
            ? " They completed the course: the certificate is issued."
            : ""),
      );
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const missing = a.rubric.filter((c) => !levels[c.id]);
  const score = scoreRubric(a.rubric, levels, a.passMarkPct);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    for (const c of missing) errors[`levels.${c.id}`] = `Choose a level for “${c.title}”.`;
    if (!validate(errors)) return;
    save.mutate();
  };
  const errorFor = (id: string) =>
    shownError && missing.some((c) => c.id === id) ? `Choose a level for this criterion.` : undefined;
  return (
    <Card>
      <form
        onSubmit={submit}
        noValidate
        className="space-y-5"
        aria-label={`Grade ${a.title} for ${g.person.name}`}
      >
        <div>
          <h2 className="text-lg font-semibold">
            {a.title}: {g.person.name}
          </h2>
          <p className="text-sm text-slate-700">
            Pass mark {a.passMarkPct} %.{" "}
            {existing
              ? `Graded by ${existing.gradedBy.name} on ${formatDateTime(existing.gradedAt, timeZone)}; saving replaces the grade.`
              : "Not graded yet."}
          </p>
          {a.instructions ? <p className="mt-1 whitespace-pre-line text-sm">{a.instructions}</p> : null}
        </div>
        <TrainingAlert error={shownError} title="The grade could not be saved" />
        {a.rubric.map((c) => {
          const err = errorFor(c.id);
          return (
            <fieldset
              key={c.id}
              className="space-y-2 rounded-md border border-slate-300 p-3"
              aria-describedby={err ? `criterion-${c.id}-error` : undefined}
            >
              <legend className="px-1 font-semibold text-slate-900">{c.title}</legend>
              {err ? (
                <p id={`criterion-${c.id}-error`} className="text-sm font-medium text-red-700">
                  {err}
                </p>
              ) : null}
              <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
                {c.levels.map((l) => {
                  const checked = levels[c.id] === l.id;
                  return (
                    <label
                      key={l.id}
                      className={`flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm ${
                        checked
                          ? "border-emerald-700 bg-emerald-50"
                          : "border-slate-300 bg-white hover:bg-slate-50"
                      }`}
                    >
                      <input
                        type="radio"
                        name={`level-${c.id}`}
                        value={l.id}
                        checked={checked}
                        onChange={() => setLevels((s) => ({ ...s, [c.id]: l.id }))}
                        className="mt-0.5 h-4 w-4 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
                      />
                      <span>
                        <span className="font-medium">{l.label}</span>{" "}
                        <span className="text-slate-700">
                          ({l.points} {l.points === 1 ? "point" : "points"})
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
              <TextAreaField
                label={`Comment on ${c.title}`}
                rows={2}
                maxLength={2000}
                value={comments[c.id] ?? ""}
                onChange={(ev) => {
                  const value = ev.target.value;
                  setComments((s) => ({ ...s, [c.id]: value }));
                }}
              />
            </fieldset>
          );
        })}
        <TextAreaField
          label="Overall comment"
          maxLength={4000}
          value={overall}
          onChange={(ev) => setOverall(ev.target.value)}
          hint={`${g.person.name} sees the levels and comments in their gradebook.`}
        />
        <p className="text-sm" aria-live="polite">
          {missing.length ? (
            `${missing.length} of ${a.rubric.length} ${a.rubric.length === 1 ? "criterion" : "criteria"} still to grade.`
          ) : (
            <>
              Score: <strong>{score.scorePct} %</strong> ({score.points} of {score.maxPoints} points) ·{" "}
              <Mark ok={score.passed} yes="Passes" no="Does not pass" />
            </>
          )}
        </p>
        <SubmitButton pending={save.isPending} pendingLabel="Saving the grade…">
          Save the grade
        </SubmitButton>
      </form>
    </Card>
  );
}
