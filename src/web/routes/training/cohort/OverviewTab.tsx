import { Link } from "react-router";
import { EmptyState } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { pctText, verifyPath } from "../../../lib/training.ts";
import { Mark, ProgressBar, SessionSummary } from "./parts.tsx";
import { type CohortTabProps, isEnrolled, isStaff, useCourse } from "./shared.ts";

/** The cohort at a glance: the caller's progress, the completion rule and the schedule. */
export function OverviewTab({ cohort: c, timeZone }: CohortTabProps) {
  const course = useCourse(c.course.id);
  const now = new Date().toISOString();
  const upcoming = c.sessions.filter((s) => s.endsAt > now);
  const past = c.sessions.filter((s) => s.endsAt <= now);
  const progress = isEnrolled(c) ? c.progress : null;
  const calendar = isStaff(c) || isEnrolled(c);
  return (
    <div className="space-y-8">
      {progress ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">Your progress</h2>
          <ProgressBar
            label="Course completion"
            value={Math.round(progress.completion.progress * 100)}
            valueText={`${progress.completion.requirements.filter((r) => r.met).length} of ${progress.completion.requirements.length} requirements met`}
          />
          <ProgressBar
            label="Lessons done"
            value={progress.lessonsDone.length}
            max={Math.max(progress.lessonsTotal, 1)}
            valueText={`${progress.lessonsDone.length} of ${progress.lessonsTotal} lessons`}
            tone="sky"
          />
          <p className="text-sm text-slate-800">
            Attendance so far: <strong>{pctText(progress.attendance.pct)}</strong>
            {progress.attendance.recorded
              ? ` (${progress.attendance.present + progress.attendance.late} of ${progress.attendance.recorded - progress.attendance.excused} sessions attended)`
              : " — no attendance taken yet"}
          </p>
          {progress.certificateId ? (
            <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
              You completed this course.{" "}
              <Link to={verifyPath(progress.certificateId)}>View your certificate</Link>
            </p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Completion requirements">
              {progress.completion.requirements.map((r) => (
                <li key={`${r.kind}-${r.id ?? "all"}`} className="flex flex-wrap gap-2">
                  <Mark ok={r.met} yes="Done" no="To do" />
                  <span>{r.label}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
      {course.data ? (
        <Section title="About the course">
          <Card className="space-y-3 text-sm">
            {course.data.summary ? <p className="whitespace-pre-line">{course.data.summary}</p> : null}
            {course.data.competencies.length ? (
              <p>
                <span className="font-semibold">Competencies: </span>
                {course.data.competencies.join(", ")}
              </p>
            ) : null}
            <div>
              <p className="font-semibold">To complete it and earn the certificate:</p>
              <ul className="mt-1 list-disc pl-5">
                {course.data.completionRule.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
            <p>
              <Link to={`/training/courses/${c.course.id}`}>Open the course page</Link>
            </p>
          </Card>
        </Section>
      ) : null}
      <Section title="Upcoming sessions">
        {upcoming.length === 0 ? (
          <EmptyState title="No upcoming sessions">
            <p>
              {isStaff(c)
                ? "Schedule the cohort's lectures, workshops, role-plays and hands-on sessions on the Sessions tab."
                : "The trainer has not scheduled more sessions yet. They will appear here, in the session's time zone."}
            </p>
          </EmptyState>
        ) : (
          <SessionList sessions={upcoming} timeZone={timeZone} calendar={calendar} />
        )}
      </Section>
      {past.length ? (
        <Section title="Past sessions">
          <SessionList sessions={[...past].reverse()} timeZone={timeZone} calendar={calendar} />
        </Section>
      ) : null}
    </div>
  );
}

function SessionList({
  sessions,
  timeZone,
  calendar,
}: {
  sessions: CohortTabProps["cohort"]["sessions"];
  timeZone: string;
  calendar: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
      {sessions.map((s) => (
        <li key={s.id} className="px-4 py-3">
          <SessionSummary session={s} viewerZone={timeZone} calendar={calendar} />
        </li>
      ))}
    </ul>
  );
}
