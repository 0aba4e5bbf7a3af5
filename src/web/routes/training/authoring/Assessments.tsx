import { useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { Button } from "../../../components/Button.tsx";
import { Badge, EmptyState } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { AssessmentEditor } from "./AssessmentEditor.tsx";
import { optionLetter, rubricMaxPoints } from "./assessmentDraft.ts";
import { ConfirmDelete } from "./ConfirmDelete.tsx";
import {
  ASSESSMENT_KIND_LABELS,
  type Assessment,
  type Course,
  plural,
  QUESTION_KIND_LABELS,
  type QuizQuestion,
  quizFacts,
  type RubricCriterion,
  smallButton,
} from "./shared.tsx";
import { useCourseMutation } from "./useCourseMutation.ts";

/**
 * The rubric as a table: a row per criterion, a column per level. When every criterion names its levels
 * the same way, the column headers are those names; otherwise "Level 1", "Level 2"…
 */
export function RubricTable({ title, criteria }: { title: string; criteria: RubricCriterion[] }) {
  const columns = Math.max(0, ...criteria.map((c) => c.levels.length));
  const shared = Array.from({ length: columns }, (_, i) => {
    const labels = new Set(criteria.map((c) => c.levels[i]?.label));
    const only = [...labels][0];
    return labels.size === 1 && only ? only : null;
  });
  const sharedHeaders = shared.every((s) => s !== null);
  const max = rubricMaxPoints(criteria);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm text-slate-700">
          Rubric of {title}: {plural(criteria.length, "criterion", "criteria")}, {plural(max, "point")} at
          most.
        </caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Criterion
            </th>
            {Array.from({ length: columns }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are level positions
              <th key={i} scope="col" className="px-3 py-2 font-semibold">
                {sharedHeaders ? shared[i] : `Level ${i + 1}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="px-3 py-2 align-top font-medium">
                {c.title}
              </th>
              {Array.from({ length: columns }, (_, i) => {
                const level = c.levels[i];
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are level positions
                  <td key={i} className="px-3 py-2 align-top">
                    {level ? (
                      <>
                        {sharedHeaders ? null : <span className="block">{level.label}</span>}
                        <span className="text-slate-700">{plural(level.points, "point")}</span>
                      </>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function answerKey(q: QuizQuestion): string {
  switch (q.kind) {
    case "single":
    case "multiple": {
      const letters = q.options
        .map((o, i) => (q.correctOptionIds.includes(o.id) ? optionLetter(i) : null))
        .filter(Boolean);
      return `Correct: ${letters.join(", ")}`;
    }
    case "numeric":
      return q.tolerance > 0 ? `Correct: ${q.answer} ± ${q.tolerance}` : `Correct: ${q.answer}`;
    case "short":
      return `Accepted: ${q.acceptedAnswers.map((a) => `“${a}”`).join(", ")}`;
  }
}

/** An author's view of a quiz's questions with the answer key; trainees never get the key. */
function QuizKey({ questions }: { questions: QuizQuestion[] }) {
  return (
    <details className="rounded-md border border-slate-300 bg-white">
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-900">
        Questions and answer key <span className="font-normal text-slate-700">(authors only)</span>
      </summary>
      <ol className="space-y-3 border-t border-slate-200 px-3 py-3 text-sm">
        {questions.map((q, i) => (
          <li key={q.id}>
            <p className="font-medium">
              {i + 1}. {q.prompt}{" "}
              <span className="font-normal text-slate-700">
                ({QUESTION_KIND_LABELS[q.kind].toLowerCase()}, {plural(q.points, "point")})
              </span>
            </p>
            {q.kind === "single" || q.kind === "multiple" ? (
              <ol className="mt-1 space-y-0.5 pl-4">
                {q.options.map((o, j) => (
                  <li key={o.id}>
                    {optionLetter(j)}. {o.text}
                    {q.correctOptionIds.includes(o.id) ? (
                      <span className="ml-1 font-semibold text-emerald-800">(correct)</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-1 text-emerald-900">{answerKey(q)}</p>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function AssessmentItem({
  course,
  assessment: a,
  onEdit,
}: {
  course: Course;
  assessment: Assessment;
  onEdit: () => void;
}) {
  const remove = useCourseMutation(
    course.id,
    () => unwrap(api.DELETE("/api/training/assessments/{id}", { params: { path: { id: a.id } } })),
    () => `Deleted “${a.title}”.`,
  );
  return (
    <li>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-lg font-semibold">{a.title}</h3>
          <Badge tone={a.kind === "quiz" ? "blue" : "violet"}>{ASSESSMENT_KIND_LABELS[a.kind]}</Badge>
          {a.required ? (
            <Badge tone="amber">Required to complete</Badge>
          ) : (
            <Badge tone="slate">Practice, optional</Badge>
          )}
        </div>
        {a.instructions ? <p className="whitespace-pre-line text-slate-800">{a.instructions}</p> : null}
        {a.kind === "quiz" ? (
          <>
            <p className="text-sm text-slate-800">
              Auto-graded: {quizFacts(a).join(" · ")}. Trainees see their score as soon as they submit.
            </p>
            {a.questions?.length ? <QuizKey questions={a.questions} /> : null}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-800">
              Graded by the trainer against the rubric below; pass mark {a.passMarkPct}% of the points.
            </p>
            <RubricTable title={a.title} criteria={a.rubric} />
          </>
        )}
        {course.canEdit ? (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={smallButton} onClick={onEdit}>
              Edit<span className="sr-only"> {a.title}</span>
            </button>
            <ConfirmDelete
              what={a.kind === "quiz" ? "quiz" : "practical evaluation"}
              name={a.title}
              onConfirm={() => remove.mutate(undefined)}
              onCancel={() => remove.reset()}
              pending={remove.isPending}
              error={remove.error}
            />
          </div>
        ) : null}
      </Card>
    </li>
  );
}

type Editing = { kind: "quiz" | "practical"; assessment?: Assessment } | null;

/**
 * The course's assessments: quizzes (question count, pass mark, attempts, time limit) and practical
 * evaluations (the rubric). Authors add and edit them with the quiz and rubric builders.
 */
export function Assessments({ course }: { course: Course }) {
  const [editing, setEditing] = useState<Editing>(null);
  const editor = editing ? (
    <Card className="border-emerald-700">
      <AssessmentEditor
        key={editing.assessment?.id ?? `new-${editing.kind}`}
        courseId={course.id}
        kind={editing.kind}
        assessment={editing.assessment}
        onDone={() => setEditing(null)}
      />
    </Card>
  ) : null;
  return (
    <Section title="Assessments">
      {course.assessments.length === 0 ? (
        editing ? null : (
          <EmptyState title="No assessments yet">
            {course.canEdit ? (
              <p>
                Add a quiz, graded automatically, or a practical evaluation that the trainer grades against a
                rubric. Required assessments must be passed to complete the course.
              </p>
            ) : (
              <p>Completing this course does not need an assessment.</p>
            )}
          </EmptyState>
        )
      ) : (
        <ol className="space-y-4">
          {course.assessments.map((a) =>
            editing?.assessment?.id === a.id ? (
              <li key={a.id}>{editor}</li>
            ) : (
              <AssessmentItem
                key={a.id}
                course={course}
                assessment={a}
                onEdit={() => setEditing({ kind: a.kind, assessment: a })}
              />
            ),
          )}
        </ol>
      )}
      {course.canEdit ? (
        <div className="mt-4">
          {editing && !editing.assessment ? (
            editor
          ) : editing ? null : (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => setEditing({ kind: "quiz" })}>Add a quiz</Button>
              <Button variant="secondary" onClick={() => setEditing({ kind: "practical" })}>
                Add a practical evaluation
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </Section>
  );
}
