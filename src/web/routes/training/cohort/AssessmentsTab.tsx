import { useSession } from "../../../api/session.ts";
import { ButtonLink } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { type Assessment, type Gradebook, pctText, type RubricCriterion } from "../../../lib/training.ts";
import { Mark } from "./parts.tsx";
import { type CohortTabProps, useCourse, useGradebook } from "./shared.ts";

type Result = Gradebook["assessments"][number];

/** The trainee's quizzes and practical evaluations with their best score, attempts and rubric grades. */
export function AssessmentsTab({ cohort: c, timeZone }: CohortTabProps) {
  const { person } = useSession();
  const course = useCourse(c.course.id);
  const book = useGradebook(c.id, person.id);
  if (course.isPending || book.isPending) return <Loading label="Loading your assessments…" />;
  if (course.isError) return <ErrorState error={course.error} onRetry={() => void course.refetch()} />;
  if (book.isError) return <ErrorState error={book.error} onRetry={() => void book.refetch()} />;
  const results = new Map(book.data.assessments.map((a) => [a.id, a]));
  const assessments = course.data.assessments;
  if (assessments.length === 0) {
    return (
      <EmptyState title="No assessments in this course">
        <p>Complete the lessons and attend the sessions to finish the course.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="space-y-4">
      {assessments.map((a) => (
        <AssessmentCard
          key={a.id}
          cohortId={c.id}
          assessment={a}
          result={results.get(a.id)}
          timeZone={timeZone}
        />
      ))}
    </ul>
  );
}

export function resultBadge(r: Pick<Result, "passed" | "scorePct"> | undefined) {
  if (!r || r.passed === null) return <Badge tone="slate">Not attempted</Badge>;
  return r.passed ? <Badge tone="green">Passed</Badge> : <Badge tone="red">Not passed yet</Badge>;
}

function AssessmentCard({
  cohortId,
  assessment: a,
  result: r,
  timeZone,
}: {
  cohortId: string;
  assessment: Assessment;
  result: Result | undefined;
  timeZone: string;
}) {
  const headingId = `assessment-${a.id}`;
  return (
    <li aria-labelledby={headingId} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            {a.title}
            <Badge tone="violet">{a.kind === "quiz" ? "Quiz" : "Practical evaluation"}</Badge>
            {a.required ? null : <Badge tone="slate">Optional</Badge>}
            {resultBadge(r)}
          </h2>
          <p className="text-sm text-slate-700">
            Pass mark {a.passMarkPct} %
            {a.kind === "quiz"
              ? ` · ${a.questionCount} ${a.questionCount === 1 ? "question" : "questions"}` +
                (a.timeLimitMinutes ? ` · ${a.timeLimitMinutes} minutes` : " · no time limit") +
                (a.maxAttempts ? ` · ${r?.attempts.length ?? 0} of ${a.maxAttempts} attempts used` : "")
              : " · graded by your trainer against a rubric"}
          </p>
        </div>
        {a.kind === "quiz" ? <QuizAction cohortId={cohortId} assessment={a} result={r} /> : null}
      </div>
      {a.instructions ? <p className="mt-2 whitespace-pre-line text-sm">{a.instructions}</p> : null}
      <p className="mt-2 text-sm">
        Best score: <strong>{pctText(r?.scorePct)}</strong>
      </p>
      {a.kind === "quiz" ? (
        <Attempts result={r} timeZone={timeZone} />
      ) : (
        <PracticalResult rubric={a.rubric} result={r} timeZone={timeZone} />
      )}
    </li>
  );
}

function QuizAction({
  cohortId,
  assessment: a,
  result: r,
}: {
  cohortId: string;
  assessment: Assessment;
  result: Result | undefined;
}) {
  const attempts = r?.attempts ?? [];
  const open = attempts.some((x) => x.status === "in_progress");
  const left = a.maxAttempts === null ? null : a.maxAttempts - attempts.length;
  const to = `/training/cohorts/${cohortId}/quiz/${a.id}`;
  if (open)
    return (
      <ButtonLink to={to}>
        Resume the quiz<span className="sr-only"> “{a.title}”</span>
      </ButtonLink>
    );
  if (left !== null && left <= 0)
    return <p className="text-sm font-medium text-slate-800">No attempts left</p>;
  return (
    <ButtonLink to={to} variant={r?.passed ? "secondary" : "primary"}>
      {attempts.length ? "Try again" : "Start quiz"}
      <span className="sr-only"> “{a.title}”</span>
    </ButtonLink>
  );
}

const ATTEMPT_STATUS: Record<string, string> = {
  in_progress: "In progress",
  submitted: "Submitted",
  expired: "Time ran out",
};

export function Attempts({ result: r, timeZone }: { result: Result | undefined; timeZone: string }) {
  const attempts = r?.attempts ?? [];
  if (attempts.length === 0) return <p className="mt-1 text-sm text-slate-700">No attempts yet.</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Attempts at {r?.title}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Attempt
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Score
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Result
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Submitted
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {attempts.map((x) => (
            <tr key={x.number}>
              <th scope="row" className="px-3 py-1.5 font-medium">
                {x.number}
              </th>
              <td className="px-3 py-1.5">{pctText(x.scorePct)}</td>
              <td className="px-3 py-1.5">
                {x.status === "in_progress" ? (
                  ATTEMPT_STATUS.in_progress
                ) : (
                  <Mark ok={x.passed} yes="Passed" no="Not passed" />
                )}
                {x.status === "expired" ? ` (${ATTEMPT_STATUS.expired})` : ""}
              </td>
              <td className="px-3 py-1.5">{x.submittedAt ? formatDateTime(x.submittedAt, timeZone) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A practical evaluation's rubric, with the level the trainer chose for each criterion once graded. */
export function PracticalResult({
  rubric,
  result: r,
  timeZone,
}: {
  rubric: RubricCriterion[];
  result: Result | undefined;
  timeZone: string;
}) {
  const g = r?.practical ?? null;
  return (
    <div className="mt-3 space-y-2 text-sm">
      {g ? (
        <p>
          Graded by {g.gradedBy.name} on {formatDateTime(g.gradedAt, timeZone)}.
        </p>
      ) : (
        <p className="text-slate-700">Not graded yet. Your trainer grades it against these criteria:</p>
      )}
      <ul className="space-y-2">
        {rubric.map((c) => {
          const chosen = g ? c.levels.find((l) => l.id === g.levels[c.id]) : undefined;
          const best = Math.max(0, ...c.levels.map((l) => l.points));
          const comment = g?.comments[c.id];
          return (
            <li key={c.id} className="rounded border border-slate-200 p-2">
              <p className="font-medium">{c.title}</p>
              {g ? (
                <p>
                  {chosen ? `${chosen.label} (${chosen.points} of ${best} points)` : "No level chosen"}
                  {comment ? <span className="block text-slate-800">“{comment}”</span> : null}
                </p>
              ) : (
                <p className="text-slate-700">
                  Levels: {c.levels.map((l) => `${l.label} (${l.points})`).join(" · ")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {g?.overallComment ? (
        <p>
          <span className="font-medium">Overall comment: </span>
          {g.overallComment}
        </p>
      ) : null}
    </div>
  );
}
