import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { ErrorAlertBox, FormAlert } from "../../components/Feedback.tsx";
import { FieldError } from "../../components/Field.tsx";
import { Card } from "../../components/Page.tsx";
import {
  type AdvisorAnswers,
  type AdvisorQuestion,
  type AdvisorQuestionnaire,
  advisorKeys,
} from "../../lib/advisor.ts";
import { type ChosenCourse, CoursePicker } from "./CoursePicker.tsx";

const fieldsetId = (qid: string) => `advisor-${qid}`;
const optionId = (qid: string, value: string) => `advisor-${qid}-${value}`;

function QuestionFieldset({
  question: q,
  index,
  total,
  onBehalf,
  value,
  error,
  onChange,
}: {
  question: AdvisorQuestion;
  index: number;
  total: number;
  onBehalf: boolean;
  value: string | undefined;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `${fieldsetId(q.id)}-error`;
  return (
    <fieldset
      id={fieldsetId(q.id)}
      aria-describedby={error ? errorId : undefined}
      className={`rounded-md border p-4 ${error ? "border-red-700" : "border-slate-300"}`}
    >
      <legend className="px-1 text-sm font-semibold text-slate-900">
        <span className="block text-xs font-medium text-slate-700">
          Question {index + 1} of {total}
        </span>
        {onBehalf ? q.onBehalf : q.label}
      </legend>
      <FieldError id={errorId} error={error} />
      <div className="mt-2 space-y-1">
        {q.options.map((o) => (
          <div key={o.value} className="flex items-center gap-2">
            <input
              id={optionId(q.id, o.value)}
              type="radio"
              name={q.id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="h-4 w-4"
            />
            <label htmlFor={optionId(q.id, o.value)} className="text-sm text-slate-900">
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The questions answered so far, as text and as a bar. */
function Progress({ answered, total }: { answered: number; total: number }) {
  return (
    <div className="space-y-1">
      <p id="advisor-progress" className="text-sm text-slate-800">
        {answered} of {total} questions answered
      </p>
      <progress
        aria-labelledby="advisor-progress"
        max={total}
        value={answered}
        className="h-2 w-full overflow-hidden rounded-full accent-emerald-800"
      />
    </div>
  );
}

/** "Answer every question": the missing ones, each a link that moves focus to its first option. */
function MissingSummary({ missing, onBehalf }: { missing: AdvisorQuestion[]; onBehalf: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <ErrorAlertBox ref={ref}>
      <p className="font-semibold">
        Answer every question to get the advice: {missing.length} {missing.length === 1 ? "is" : "are"} still
        open.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {missing.map((q) => {
          const target = optionId(q.id, q.options[0]?.value ?? "");
          return (
            <li key={q.id}>
              <a
                href={`#${target}`}
                className="text-red-900 underline"
                onClick={(e) => {
                  e.preventDefault();
                  const input = document.getElementById(target);
                  input?.scrollIntoView({ block: "center" });
                  input?.focus();
                }}
              >
                {onBehalf ? q.onBehalf : q.label}
              </a>
            </li>
          );
        })}
      </ul>
    </ErrorAlertBox>
  );
}

/**
 * The advisor's questions for the chosen person: one fieldset per question, a progress bar, and the course
 * when the person says one exists. Every question must be answered; then the advice opens on its own page.
 */
export function AdvisorForm({
  questionnaire,
  personId,
  personName,
  onBehalf,
}: {
  questionnaire: AdvisorQuestionnaire;
  personId: string;
  personName: string;
  onBehalf: boolean;
}) {
  const { questions } = questionnaire;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [course, setCourse] = useState<ChosenCourse | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const take = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/advisor/responses", {
          body: {
            ...(onBehalf ? { personId } : {}),
            answers: answers as AdvisorAnswers,
            ...(answers.curriculum === "exists" && course ? { courseId: course.id } : {}),
          },
        }),
      ),
    onSuccess: (response) => {
      qc.setQueryData(advisorKeys.response(response.id), response);
      void qc.invalidateQueries({ queryKey: advisorKeys.history(response.person.id) });
      void navigate(`/advisor/${response.id}`, { state: { fresh: true } });
    },
  });

  const missing = questions.filter((q) => !answers[q.id]);
  const answered = questions.length - missing.length;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (missing.length > 0) {
      setShowMissing(true);
      setAttempt((n) => n + 1);
      return;
    }
    setShowMissing(false);
    take.mutate();
  };

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby="advisor-form-heading" className="space-y-5">
        <div>
          <h2 id="advisor-form-heading" className="text-lg font-semibold text-slate-900">
            {onBehalf ? `${personName}'s needs` : "Your needs"}
          </h2>
          <p className="text-sm text-slate-700">
            {onBehalf
              ? `You are answering on behalf of ${personName}. The advice is saved to their history, and only they can enrol in a program.`
              : "Eight short questions. Pick the answer closest to your situation."}
          </p>
        </div>
        <Progress answered={answered} total={questions.length} />
        {showMissing && missing.length > 0 ? (
          <MissingSummary key={attempt} missing={missing} onBehalf={onBehalf} />
        ) : null}
        <FormAlert error={take.error} />
        {questions.map((q, i) => (
          <div key={q.id} className="space-y-3">
            <QuestionFieldset
              question={q}
              index={i}
              total={questions.length}
              onBehalf={onBehalf}
              value={answers[q.id]}
              error={showMissing && !answers[q.id] ? "Choose an answer." : undefined}
              onChange={(v) => {
                setAnswers((a) => ({ ...a, [q.id]: v }));
                if (q.id === "curriculum" && v !== "exists") setCourse(null);
              }}
            />
            {q.id === "curriculum" && answers.curriculum === "exists" ? (
              <CoursePicker value={course} onChange={setCourse} />
            ) : null}
          </div>
        ))}
        <SubmitButton pending={take.isPending} pendingLabel="Working out the advice…">
          {onBehalf ? `Get advice for ${personName}` : "Get my advice"}
        </SubmitButton>
      </form>
    </Card>
  );
}
