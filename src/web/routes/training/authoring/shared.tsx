import { useEffect, useId, useRef } from "react";
import { ApiError, type Schemas } from "../../../api/client.ts";
import { ErrorAlertBox, FormAlert } from "../../../components/Feedback.tsx";
import { ASSIGNMENT_STATUS as TRAINEE_ASSIGNMENT_STATUS } from "../../../lib/training.ts";

/**
 * Types, query keys, labels and small pieces shared by the course catalog, the course page, mandatory
 * training and a program's training page.
 */

export type Course = Schemas["Course"];
export type CourseSummary = Schemas["CourseSummary"];
export type CourseStatus = Schemas["CourseStatus"];
export type CourseModule = Schemas["CourseModule"];
export type Lesson = Schemas["Lesson"];
export type Assessment = Schemas["Assessment"];
export type QuizQuestion = Schemas["QuizQuestion"];
export type QuestionKind = QuizQuestion["kind"];
export type RubricCriterion = Schemas["RubricCriterion"];
export type CohortSummary = Schemas["CohortSummary"];
export type Assignment = Schemas["Assignment"];
export type AssignmentDetail = Schemas["AssignmentDetail"];
export type AssignmentTarget = Schemas["AssignmentTarget"];
export type AssignmentStatus = Schemas["AssignmentStatus"];
export type TrainingDashboard = Schemas["TrainingDashboard"];

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const COURSE_STATUS: Record<CourseStatus, { label: string; tone: Tone; hint: string }> = {
  draft: {
    label: "Draft",
    tone: "amber",
    hint: "Only org admins and program managers see it. Publish it to open cohorts and assign it.",
  },
  published: {
    label: "Published",
    tone: "green",
    hint: "In the catalog for everyone. Cohorts can be opened and the course can be assigned.",
  },
  archived: {
    label: "Archived",
    tone: "slate",
    hint: "Out of the catalog. Existing cohorts and certificates carry on; no new cohorts can be opened.",
  },
};

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  numeric: "Number",
  short: "Short answer",
};

export const ASSESSMENT_KIND_LABELS: Record<Assessment["kind"], string> = {
  quiz: "Quiz",
  practical: "Practical evaluation",
};

/** Each status's label and badge tone, as on the trainee's own pages, with a colour for charts. */
const STATUS_COLORS: Record<AssignmentStatus, string> = {
  completed: "#047857",
  due: "#b45309",
  overdue: "#b91c1c",
  recertification_due: "#7f1d1d",
};
export const ASSIGNMENT_STATUS = Object.fromEntries(
  (Object.keys(STATUS_COLORS) as AssignmentStatus[]).map((k) => [
    k,
    { ...TRAINEE_ASSIGNMENT_STATUS[k], color: STATUS_COLORS[k] },
  ]),
) as Record<AssignmentStatus, { label: string; tone: Tone; color: string }>;
export const ASSIGNMENT_STATUSES = Object.keys(ASSIGNMENT_STATUS) as AssignmentStatus[];

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A percentage for display ("82.5 %" → "82.5%"), or a dash when there is nothing to measure yet. */
export const pctText = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 10) / 10}%`;

/** "6 questions · pass mark 80% · 3 attempts · 20 minutes" for a quiz. */
export function quizFacts(a: Assessment): string[] {
  return [
    plural(a.questionCount, "question"),
    `pass mark ${a.passMarkPct}%`,
    a.maxAttempts === null ? "unlimited attempts" : plural(a.maxAttempts, "attempt"),
    a.timeLimitMinutes === null ? "no time limit" : `${plural(a.timeLimitMinutes, "minute")} time limit`,
  ];
}

/**
 * The rule errors of the training API, as a heading over the server's message. Problems listed in the
 * details (a quiz or rubric that needs changes) are listed under it.
 */
export const TRAINING_ERROR_TITLES: Record<string, string> = {
  "training.invalid_quiz": "The quiz needs some changes",
  "training.invalid_rubric": "The rubric needs some changes",
  "training.course_in_use": "Cohorts already use this course",
  "training.course_empty": "The course has no lessons yet",
  "training.course_not_published": "The course is not published",
  "training.empty_group": "Nobody is in that group",
  "training.due_in_past": "The due date has passed",
  "training.invalid_range": "The seniority range is upside down",
  "training.unknown_course": "That course no longer exists",
  "training.unknown_person": "Some people cannot be assigned",
  "training.unknown_trainer": "Some trainers are not in your organization",
  "training.end_before_start": "The cohort ends before it starts",
  "training.invalid_time_zone": "Unknown time zone",
  "training.wrong_kind": "Wrong kind of assessment",
  "training.not_a_training_program": "Not a training program",
};

const stringDetails = (error: ApiError) =>
  Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === "string") : [];

/**
 * A failed call, as a form-level alert. A rule error whose details list problems (e.g. "Question 2 is
 * single choice, so exactly one option must be correct.") shows every one of them, even a single one; any
 * other error is shown as the other forms show it.
 */
export function ProblemAlert({ error, title }: { error: unknown; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const problems = error instanceof ApiError ? stringDetails(error) : [];
  const listed = error instanceof ApiError && problems.length > 0;
  useEffect(() => {
    if (listed) ref.current?.focus();
  }, [listed]);
  if (!(error instanceof ApiError)) return <FormAlert error={error} title={title} />;
  const heading = TRAINING_ERROR_TITLES[error.code] ?? title;
  if (!listed) return <FormAlert error={error} title={heading} />;
  return (
    <ErrorAlertBox ref={ref}>
      <p className="font-semibold">{heading}</p>
      {heading !== error.message ? <p>{error.message}</p> : null}
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </ErrorAlertBox>
  );
}

/**
 * Lesson content: HTML the server rendered from the author's Markdown and sanitized (only basic text tags,
 * http(s) and mailto links, https images), styled like an article.
 */
export function LessonContent({ html, label }: { html: string; label: string }) {
  if (!html.trim()) return <p className="text-sm text-slate-700">This lesson has no text yet.</p>;
  return (
    <section
      aria-label={label}
      className={[
        "max-w-prose text-slate-900",
        "[&_a]:text-emerald-800 [&_a]:underline",
        "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-4 [&_blockquote]:text-slate-800",
        "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-sm",
        "[&_h1]:mt-4 [&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-bold",
        "[&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold",
        "[&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:font-semibold [&_h4]:mt-3 [&_h4]:font-semibold",
        "[&_hr]:my-4 [&_hr]:border-slate-300 [&_img]:my-3 [&_img]:max-w-full [&_img]:rounded",
        "[&_li]:my-1 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6",
        "[&_p]:my-2 [&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-3",
        "[&_pre_code]:bg-transparent [&_pre_code]:p-0",
        "[&_table]:my-3 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1",
        "[&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left",
      ].join(" ")}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the Markdown and sanitizes the HTML (domain/training/markdown.ts); raw HTML in a lesson is shown as text
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** The smaller buttons of builders and lists (move, remove, edit). */
export const smallButton =
  "rounded-md border border-slate-400 bg-white px-2.5 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-50 " +
  "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 disabled:cursor-not-allowed disabled:opacity-50";
export const smallDangerButton = `${smallButton} text-red-800`;

/** Moves the item at `i` by one place up (-1) or down (+1); the list is unchanged at either end. */
export function moved<T>(items: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(j, 0, item);
  return next;
}

/**
 * "Move up" and "Move down" for the item at `index` of `count`; `name` (e.g. "lesson Welcome") ends each
 * button's name for screen readers. Both are disabled while `pending`, and at their end of the list.
 */
export function MoveButtons({
  name,
  index,
  count,
  pending = false,
  onMove,
}: {
  name: string;
  index: number;
  count: number;
  pending?: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  return (
    <>
      <button
        type="button"
        className={smallButton}
        disabled={index === 0 || pending}
        onClick={() => onMove(-1)}
      >
        Move up<span className="sr-only"> {name}</span>
      </button>
      <button
        type="button"
        className={smallButton}
        disabled={index === count - 1 || pending}
        onClick={() => onMove(1)}
      >
        Move down<span className="sr-only"> {name}</span>
      </button>
    </>
  );
}

/** The row of buttons under an item of a list being edited in a form: move it up or down, or remove it. */
export function ListItemActions<T>({
  name,
  items,
  index,
  onChange,
}: {
  name: string;
  items: readonly T[];
  index: number;
  onChange: (items: T[]) => void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <MoveButtons
        name={name}
        index={index}
        count={items.length}
        onMove={(by) => onChange(moved(items, index, by))}
      />
      <button
        type="button"
        className={smallDangerButton}
        onClick={() => onChange(items.filter((_, j) => j !== index))}
      >
        Remove<span className="sr-only"> {name}</span>
      </button>
    </div>
  );
}

/**
 * An id for the first field of a form that opens when someone asks for it (add, edit, rename): the field
 * gets focus when the form appears (or, with `ready`, once it is rendered), since the button that opened it
 * is gone.
 */
export function useFocusOnMount(ready = true): string {
  const id = useId();
  useEffect(() => {
    if (ready) document.getElementById(id)?.focus();
  }, [id, ready]);
  return id;
}
