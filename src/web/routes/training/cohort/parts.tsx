import { type ReactNode, useId } from "react";
import { Link } from "react-router";
import { ApiError } from "../../../api/client.ts";
import { AddToCalendarLink } from "../../../components/AddToCalendar.tsx";
import { Badge, FormAlert } from "../../../components/Feedback.tsx";
import {
  CERTIFICATE_STATUS,
  type Certificate,
  SESSION_KIND_LABELS,
  sameWallClock,
  sessionRange,
  TRAINING_ERROR_TITLES,
  type TrainingSession,
  verifyPath,
} from "../../../lib/training.ts";

/**
 * A labelled progress bar. Screen readers get it as a progressbar with its value and a text that says
 * what it counts; the visible text repeats it.
 */
export function ProgressBar({
  label,
  value,
  max = 100,
  valueText,
  hideLabel = false,
  tone = "green",
}: {
  label: string;
  value: number;
  max?: number;
  valueText: string;
  hideLabel?: boolean;
  tone?: "green" | "sky";
}) {
  const id = useId();
  const clamped = Math.max(0, Math.min(value, max));
  const share = max > 0 ? `${(clamped / max) * 100}%` : "0%";
  return (
    <div>
      <div className={`mb-1 flex flex-wrap justify-between gap-2 text-sm ${hideLabel ? "sr-only" : ""}`}>
        <span id={`${id}-label`} className="font-medium text-slate-800">
          {label}
        </span>
        <span className="text-slate-700" aria-hidden="true">
          {valueText}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={valueText}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${tone === "green" ? "bg-emerald-700" : "bg-sky-700"}`}
          style={{ width: share }}
        />
      </div>
    </div>
  );
}

/**
 * When a session happens, in the session's own time zone; when the viewer's zone shows another time, that
 * time follows.
 */
export function SessionTime({ session, viewerZone }: { session: TrainingSession; viewerZone: string }) {
  const here = sameWallClock(session.startsAt, session.timeZone, viewerZone);
  return (
    <span>
      <time dateTime={session.startsAt}>
        {sessionRange(session.startsAt, session.endsAt, session.timeZone)}
      </time>{" "}
      <span className="text-slate-700">{session.timeZone}</span>
      {here ? null : (
        <span className="block text-sm text-slate-700">
          Your time: {sessionRange(session.startsAt, session.endsAt, viewerZone)}
        </span>
      )}
    </span>
  );
}

/** Where a session happens: its room and its video link. */
export function SessionWhere({ session }: { session: TrainingSession }) {
  if (!session.location && !session.link)
    return <span className="text-slate-700">Place to be announced</span>;
  return (
    <span className="space-x-2">
      {session.location ? <span>{session.location}</span> : null}
      {session.link ? (
        <a href={session.link} target="_blank" rel="noopener noreferrer">
          Join online<span className="sr-only"> for {session.title} (opens in a new tab)</span>
        </a>
      ) : null}
    </span>
  );
}

/** One session as a list item: kind, title, time, place, and whether it was cancelled. */
export function SessionSummary({
  session: s,
  viewerZone,
  actions,
  calendar = false,
}: {
  session: TrainingSession;
  viewerZone: string;
  actions?: ReactNode;
  /** Offer the session as an .ics file (to its trainers, trainees and program staff). */
  calendar?: boolean;
}) {
  const cancelled = s.cancelledAt !== null;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className={cancelled ? "text-slate-700" : ""}>
        <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
          <span className={cancelled ? "line-through" : ""}>{s.title}</span>
          <Badge tone="violet">{SESSION_KIND_LABELS[s.kind]}</Badge>
          {cancelled ? <Badge tone="red">Cancelled</Badge> : null}
          {s.attendanceTaken ? <Badge tone="green">Attendance taken</Badge> : null}
        </p>
        <p className="text-sm">
          <SessionTime session={s} viewerZone={viewerZone} />
        </p>
        {cancelled ? null : (
          <p className="text-sm">
            <SessionWhere session={s} />
          </p>
        )}
        {calendar ? (
          <p className="mt-1">
            <AddToCalendarLink
              href={`/api/training/sessions/${s.id}/calendar.ics`}
              what={cancelled ? `cancellation of ${s.title}` : s.title}
              cancelled={cancelled}
            />
          </p>
        ) : null}
      </div>
      {actions}
    </div>
  );
}

/**
 * The form-level error of a training call. Rule errors (no attempts left, not in the program…) get a
 * heading that names the problem; the server's message under it says what to do next.
 */
export function TrainingAlert({ error, title }: { error: unknown; title: string }) {
  const known = error instanceof ApiError ? TRAINING_ERROR_TITLES[error.code] : undefined;
  return <FormAlert error={error} title={known ?? title} />;
}

/** A certificate's status and its public page. */
export function CertificateLink({ certificate: c }: { certificate: Pick<Certificate, "id" | "status"> }) {
  const status = CERTIFICATE_STATUS[c.status];
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Badge tone={status.tone}>{status.label}</Badge>
      <Link to={verifyPath(c.id)}>View and verify the certificate</Link>
    </span>
  );
}

/** A tick or a cross with words, for requirements and pass/fail cells (never colour alone). */
export function Mark({ ok, yes, no }: { ok: boolean | null; yes: string; no: string }) {
  if (ok === null) return <span className="text-slate-700">—</span>;
  return ok ? (
    <span className="font-semibold text-emerald-800">
      <span aria-hidden="true">✓ </span>
      {yes}
    </span>
  ) : (
    <span className="font-semibold text-red-800">
      <span aria-hidden="true">✗ </span>
      {no}
    </span>
  );
}

/** A definition list of facts in two columns. */
export function Facts({ children }: { children: ReactNode }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white p-4 text-sm">
      {children}
    </dl>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
