import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink, SubmitButton } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { inputClass } from "../../components/Field.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import {
  type Assessment,
  type Cohort,
  liveQuery,
  pctText,
  type QuizAttempt,
  type QuizQuestion,
  type QuizResult,
  trainingKeys,
  verifyPath,
} from "../../lib/training.ts";
import { Mark, TrainingAlert } from "./cohort/parts.tsx";
import { useCourse, useGradebook, useRefreshTraining } from "./cohort/shared.ts";

type Draft = Record<string, string | string[]>;

/** Answers typed so far are kept in the tab, so a reload or a lost connection does not lose them. */
const draftKey = (attemptId: string) => `trellis:quiz-attempt:${attemptId}`;
function loadDraft(attemptId: string): Draft {
  try {
    const raw = sessionStorage.getItem(draftKey(attemptId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Draft) : {};
  } catch {
    return {};
  }
}
function saveDraft(attemptId: string, draft: Draft) {
  try {
    sessionStorage.setItem(draftKey(attemptId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the answers still live in the page.
  }
}
function clearDraft(attemptId: string) {
  try {
    sessionStorage.removeItem(draftKey(attemptId));
  } catch {
    // Nothing to clear.
  }
}

/** The answers as the server reads them: option ids, a list of option ids, a number or a text. */
function toAnswers(questions: QuizQuestion[], draft: Draft) {
  const answers: Record<string, string | string[] | number | null> = {};
  for (const q of questions) {
    const v = draft[q.id];
    if (q.kind === "multiple") answers[q.id] = Array.isArray(v) ? v : [];
    else if (q.kind === "numeric") {
      const text = typeof v === "string" ? v.trim().replace(",", ".") : "";
      const n = Number(text);
      answers[q.id] = text !== "" && Number.isFinite(n) ? n : null;
    } else answers[q.id] = typeof v === "string" && v.trim() !== "" ? v : null;
  }
  return answers;
}

const answered = (q: QuizQuestion, draft: Draft) => {
  const v = draft[q.id];
  return Array.isArray(v) ? v.length > 0 : typeof v === "string" && v.trim() !== "";
};

/** Taking a quiz: an introduction, the attempt (with a countdown when timed), then the result. */
export default function QuizPage() {
  const { id = "", assessmentId = "" } = useParams();
  const { person } = useSession();
  const refresh = useRefreshTraining();
  const cohort = useQuery({
    queryKey: trainingKeys.cohort(id),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/training/cohorts/{id}", { params: { path: { id } } })) as Promise<Cohort>,
  });
  const course = useCourse(cohort.data?.course.id);
  const book = useGradebook(id, cohort.data?.enrolment?.status === "enrolled" ? person.id : null);
  const quiz = course.data?.assessments.find((a) => a.id === assessmentId && a.kind === "quiz");
  usePageTitle(quiz ? quiz.title : "Quiz");
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  const [result, setResult] = useState<QuizResult | null>(null);
  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/assessments/{assessmentId}/attempts", {
          params: { path: { id, assessmentId } },
        }),
      ),
    onSuccess: (a) => {
      setResult(null);
      setAttempt(a);
    },
  });
  const back = `/training/cohorts/${id}?tab=assessments`;

  if (
    cohort.isPending ||
    (cohort.isSuccess && (course.isPending || (book.isPending && book.fetchStatus !== "idle")))
  )
    return <Loading label="Loading the quiz…" />;
  const failed = cohort.error ?? course.error ?? book.error;
  if (failed || !cohort.data) {
    return (
      <>
        <BackLink to={`/training/cohorts/${id}`}>Back to the cohort</BackLink>
        <PageHeader title="Quiz" />
        <ErrorState error={failed} onRetry={() => void cohort.refetch()} />
      </>
    );
  }
  const c = cohort.data;
  if (!quiz) {
    return (
      <>
        <BackLink to={`/training/cohorts/${id}`}>{c.name}</BackLink>
        <PageHeader title="Quiz" />
        <EmptyState title="This quiz is not part of the course">
          <p>
            It may have been removed. See the <Link to={back}>cohort's assessments</Link>.
          </p>
        </EmptyState>
      </>
    );
  }
  if (c.enrolment?.status !== "enrolled") {
    return (
      <>
        <BackLink to={`/training/cohorts/${id}`}>{c.name}</BackLink>
        <PageHeader title={quiz.title} />
        <EmptyState title="Only enrolled trainees take this quiz">
          <p>
            Enrol in <Link to={`/training/cohorts/${id}`}>{c.name}</Link> to take part in its assessments.
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <BackLink to={back}>{c.name}: assessments</BackLink>
      {result ? (
        <ResultView
          quiz={quiz}
          attempt={attempt}
          result={result}
          back={back}
          onRetry={() => {
            setResult(null);
            setAttempt(null);
            start.reset();
          }}
        />
      ) : attempt ? (
        <AttemptView
          quiz={quiz}
          attempt={attempt}
          onSubmitted={(r) => {
            setResult(r);
            void refresh();
          }}
        />
      ) : (
        <Intro
          quiz={quiz}
          attempts={book.data?.assessments.find((a) => a.id === quiz.id)?.attempts ?? []}
          bestScore={book.data?.assessments.find((a) => a.id === quiz.id)?.scorePct ?? null}
          passed={book.data?.assessments.find((a) => a.id === quiz.id)?.passed ?? null}
          timeZone={person.timeZone}
          starting={start.isPending}
          error={start.error}
          onStart={() => start.mutate()}
          back={back}
        />
      )}
    </>
  );
}

function Intro({
  quiz,
  attempts,
  bestScore,
  passed,
  timeZone,
  starting,
  error,
  onStart,
  back,
}: {
  quiz: Assessment;
  attempts: { number: number; status: string; scorePct: number | null; submittedAt: string | null }[];
  bestScore: number | null;
  passed: boolean | null;
  timeZone: string;
  starting: boolean;
  error: unknown;
  onStart: () => void;
  back: string;
}) {
  const open = attempts.find((a) => a.status === "in_progress");
  const left = quiz.maxAttempts === null ? null : quiz.maxAttempts - attempts.length;
  const noneLeft = !open && left !== null && left <= 0;
  const noAttemptsError = error instanceof ApiError && error.code === "training.no_attempts_left";
  return (
    <>
      <PageHeader
        title={quiz.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="violet">Quiz</Badge>
            {passed === true ? <Badge tone="green">Passed</Badge> : null}
            {passed === false ? <Badge tone="red">Not passed yet</Badge> : null}
          </span>
        }
      />
      <Card className="max-w-2xl space-y-4">
        {quiz.instructions ? <p className="whitespace-pre-line">{quiz.instructions}</p> : null}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium text-slate-700">Questions</dt>
          <dd>{quiz.questionCount}</dd>
          <dt className="font-medium text-slate-700">Pass mark</dt>
          <dd>{quiz.passMarkPct} %</dd>
          <dt className="font-medium text-slate-700">Time limit</dt>
          <dd>
            {quiz.timeLimitMinutes
              ? `${quiz.timeLimitMinutes} minutes from when you start; your answers are submitted when time runs out`
              : "None"}
          </dd>
          <dt className="font-medium text-slate-700">Attempts</dt>
          <dd>
            {quiz.maxAttempts === null
              ? `${attempts.length} used, no limit`
              : `${attempts.length} of ${quiz.maxAttempts} used`}
          </dd>
          <dt className="font-medium text-slate-700">Best score</dt>
          <dd>{pctText(bestScore)}</dd>
        </dl>
        {attempts.length ? (
          <ul className="text-sm text-slate-800">
            {attempts
              .filter((a) => a.status !== "in_progress")
              .map((a) => (
                <li key={a.number}>
                  Attempt {a.number}: {pctText(a.scorePct)}
                  {a.submittedAt ? `, ${formatDateTime(a.submittedAt, timeZone)}` : ""}
                  {a.status === "expired" ? " (time ran out)" : ""}
                </li>
              ))}
          </ul>
        ) : null}
        <TrainingAlert error={error} title="The quiz could not be started" />
        {noneLeft || noAttemptsError ? (
          <p className="rounded-md border border-slate-300 bg-slate-100 p-3 text-sm">
            You have used all your attempts at this quiz. Your best score counts. If you need another try, ask
            your trainer.
          </p>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button onClick={onStart} disabled={starting}>
              {starting
                ? "Starting…"
                : open
                  ? "Resume your attempt"
                  : `Start attempt ${attempts.length + 1}${quiz.maxAttempts ? ` of ${quiz.maxAttempts}` : ""}`}
            </Button>
            <ButtonLink to={back} variant="secondary">
              Not now
            </ButtonLink>
          </div>
        )}
      </Card>
    </>
  );
}

function AttemptView({
  quiz,
  attempt,
  onSubmitted,
}: {
  quiz: Assessment;
  attempt: QuizAttempt;
  onSubmitted: (r: QuizResult) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(attempt.id));
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const setAnswer = (questionId: string, value: string | string[]) =>
    setDraft((d) => {
      const next = { ...d, [questionId]: value };
      saveDraft(attempt.id, next);
      return next;
    });
  const submit = useMutation({
    mutationFn: (answers: Record<string, string | string[] | number | null>) =>
      unwrap(
        api.POST("/api/training/attempts/{id}/submit", {
          params: { path: { id: attempt.id } },
          body: { answers },
        }),
      ),
    onSuccess: (r) => {
      clearDraft(attempt.id);
      onSubmitted(r);
    },
  });
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const send = () => {
    setConfirming(false);
    if (!submit.isPending) submit.mutate(toAnswers(attempt.questions, latestDraft.current));
  };
  const unanswered = attempt.questions.filter((q) => !answered(q, draft)).length;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (unanswered > 0) setConfirming(true);
    else send();
  };
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none">
            {quiz.title}
          </h1>
          <p className="mt-1 text-slate-700">
            Attempt {attempt.attemptNumber}
            {attempt.maxAttempts ? ` of ${attempt.maxAttempts}` : ""} · pass mark {quiz.passMarkPct} %
          </p>
        </div>
        {attempt.deadlineAt ? <Countdown deadlineAt={attempt.deadlineAt} onExpire={send} /> : null}
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={`${quiz.title}, attempt ${attempt.attemptNumber}`}
        className="max-w-3xl space-y-4"
      >
        <ol className="space-y-4">
          {attempt.questions.map((q, i) => (
            <QuestionField
              key={q.id}
              question={q}
              number={i + 1}
              total={attempt.questions.length}
              value={draft[q.id]}
              onChange={(v) => setAnswer(q.id, v)}
            />
          ))}
        </ol>
        <TrainingAlert error={submit.error} title="Your answers could not be submitted" />
        <p className="text-sm text-slate-800" aria-live="polite">
          {unanswered === 0
            ? "Every question is answered."
            : `${unanswered} of ${attempt.questions.length} ${attempt.questions.length === 1 ? "question" : "questions"} not answered yet.`}
        </p>
        <SubmitButton pending={submit.isPending} pendingLabel="Submitting…">
          Submit answers
        </SubmitButton>
      </form>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Submit with unanswered questions?"
        description={`${unanswered} ${unanswered === 1 ? "question has" : "questions have"} no answer and will score nothing. You cannot change your answers after submitting.`}
      >
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep answering
          </Button>
          <Button onClick={send}>Submit anyway</Button>
        </div>
      </Dialog>
    </>
  );
}

function QuestionField({
  question: q,
  number,
  total,
  value,
  onChange,
}: {
  question: QuizQuestion;
  number: number;
  total: number;
  value: string | string[] | undefined;
  onChange: (value: string | string[]) => void;
}) {
  const id = useId();
  const points = `${q.points} ${q.points === 1 ? "point" : "points"}`;
  const hint =
    q.kind === "multiple"
      ? "Choose every answer that applies."
      : q.kind === "numeric"
        ? "Enter a number."
        : q.kind === "short"
          ? "Type a short answer."
          : "Choose one answer.";
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <fieldset aria-describedby={`${id}-hint`}>
        <legend className="font-semibold text-slate-900">
          <span className="block text-sm font-normal text-slate-700">
            Question {number} of {total} · {points}
          </span>
          <span className="whitespace-pre-line">{q.prompt}</span>
        </legend>
        <p id={`${id}-hint`} className="mt-1 mb-2 text-sm text-slate-700">
          {hint}
        </p>
        {q.kind === "single" || q.kind === "multiple" ? (
          <div className="space-y-2">
            {(q.options ?? []).map((o) => {
              const checked =
                q.kind === "single" ? value === o.id : Array.isArray(value) && value.includes(o.id);
              return (
                <label key={o.id} className="flex items-start gap-2">
                  <input
                    type={q.kind === "single" ? "radio" : "checkbox"}
                    name={`${id}-options`}
                    value={o.id}
                    checked={checked}
                    onChange={(ev) => {
                      if (q.kind === "single") onChange(o.id);
                      else {
                        const current = Array.isArray(value) ? value : [];
                        onChange(ev.target.checked ? [...current, o.id] : current.filter((x) => x !== o.id));
                      }
                    }}
                    className="mt-1 h-4 w-4 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
                  />
                  <span>{o.text}</span>
                </label>
              );
            })}
          </div>
        ) : (
          <div className="max-w-sm space-y-1">
            <label htmlFor={`${id}-answer`} className="block text-sm font-medium text-slate-800">
              Your answer
            </label>
            <input
              id={`${id}-answer`}
              className={inputClass}
              type={q.kind === "numeric" ? "number" : "text"}
              step={q.kind === "numeric" ? "any" : undefined}
              inputMode={q.kind === "numeric" ? "decimal" : "text"}
              autoComplete="off"
              maxLength={q.kind === "numeric" ? 40 : 2000}
              value={typeof value === "string" ? value : ""}
              onChange={(ev) => onChange(ev.target.value)}
            />
          </div>
        )}
      </fieldset>
    </li>
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
function clock(ms: number) {
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The moments a screen reader hears how much time is left (not every second). */
const MILESTONES = [30, 15, 10, 5, 2, 1].map((m) => m * 60_000).concat([30_000]);
const inWords = (ms: number) =>
  ms >= 60_000
    ? `${Math.round(ms / 60_000)} ${Math.round(ms / 60_000) === 1 ? "minute" : "minutes"}`
    : "30 seconds";

/**
 * The time left, shown every second as a timer, announced politely at a few milestones; when it runs out
 * the attempt is submitted with the answers given so far.
 */
function Countdown({ deadlineAt, onExpire }: { deadlineAt: string; onExpire: () => void }) {
  const deadline = Date.parse(deadlineAt);
  const [now, setNow] = useState(() => Date.now());
  const [said, setSaid] = useState(() => {
    const left = deadline - Date.now();
    return `You have ${inWords(Math.max(30_000, left))} to answer.`;
  });
  const announced = useRef(new Set<number>(MILESTONES.filter((m) => m >= deadline - Date.now())));
  const expired = useRef(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.max(0, deadline - now);
  useEffect(() => {
    if (left === 0) {
      if (!expired.current) {
        expired.current = true;
        setSaid("Time is up. Your answers are being submitted.");
        expire.current();
      }
      return;
    }
    const crossed = MILESTONES.find((m) => left <= m && !announced.current.has(m));
    if (crossed !== undefined) {
      for (const m of MILESTONES) if (m >= crossed) announced.current.add(m);
      setSaid(`${inWords(crossed)} left.`);
    }
  }, [left]);
  const urgent = left <= 60_000;
  return (
    <div
      className={`rounded-md border px-4 py-2 text-right ${
        urgent ? "border-red-400 bg-red-50 text-red-900" : "border-slate-300 bg-white text-slate-900"
      }`}
    >
      <p className="text-xs font-medium uppercase tracking-wide">Time left</p>
      <p role="timer" aria-label="Time left" className="font-mono text-2xl font-bold tabular-nums">
        {clock(left)}
      </p>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

function ResultView({
  quiz,
  attempt,
  result: r,
  back,
  onRetry,
}: {
  quiz: Assessment;
  attempt: QuizAttempt | null;
  result: QuizResult;
  back: string;
  onRetry: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const prompts = new Map((attempt?.questions ?? []).map((q, i) => [q.id, { n: i + 1, prompt: q.prompt }]));
  const right = r.questions.filter((q) => q.correct).length;
  return (
    <>
      <div className="mb-6">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none">
          {quiz.title}: {r.passed ? "passed" : "not passed"}
        </h1>
        <p className="mt-1 text-slate-700">Attempt {r.attemptNumber}</p>
      </div>
      <div className="max-w-3xl space-y-6">
        <Card className="space-y-2">
          <p className="text-3xl font-bold">
            {pctText(r.scorePct)}{" "}
            {r.passed ? <Badge tone="green">Passed</Badge> : <Badge tone="red">Not passed</Badge>}
          </p>
          <p>
            {r.points} of {r.maxPoints} points · {right} of {r.questions.length} questions right · pass mark{" "}
            {quiz.passMarkPct} %
          </p>
          {r.status === "expired" ? (
            <p className="text-red-800">
              Time ran out before the answers arrived, so this attempt scores nothing.
            </p>
          ) : null}
          <p>
            {r.attemptsLeft === null
              ? "You can try again as often as you like; your best score counts."
              : r.attemptsLeft === 0
                ? "No attempts left. Your best score counts."
                : `${r.attemptsLeft} ${r.attemptsLeft === 1 ? "attempt" : "attempts"} left; your best score counts.`}
          </p>
        </Card>
        {r.certificateId ? (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
            <strong>You completed the course.</strong> Your certificate is issued:{" "}
            <Link to={verifyPath(r.certificateId)}>view and share your certificate</Link>.
          </p>
        ) : r.passed && !r.completion.met ? (
          <p className="text-sm text-slate-800">
            Still to do for the certificate:{" "}
            {r.completion.requirements
              .filter((x) => !x.met)
              .map((x) => x.label)
              .join("; ")}
            .
          </p>
        ) : null}
        <section aria-labelledby="quiz-questions">
          <h2 id="quiz-questions" className="mb-2 text-lg font-semibold">
            Your answers
          </h2>
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
            {r.questions.map((q) => {
              const p = prompts.get(q.id);
              return (
                <li key={q.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                  <span>
                    <span className="text-sm text-slate-700">Question {p?.n ?? "?"}: </span>
                    {p?.prompt ?? q.id}
                  </span>
                  <Mark ok={q.correct} yes="Right" no="Wrong" />
                </li>
              );
            })}
          </ol>
        </section>
        <div className="flex flex-wrap gap-2">
          <ButtonLink to={back} variant={r.passed ? "primary" : "secondary"}>
            Back to the assessments
          </ButtonLink>
          {!r.passed && r.attemptsLeft !== 0 ? <Button onClick={onRetry}>Try again</Button> : null}
        </div>
      </div>
    </>
  );
}
