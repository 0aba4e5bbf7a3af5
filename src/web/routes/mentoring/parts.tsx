import { type ReactNode, useId } from "react";
import { Link, useLocation } from "react-router";
import { percent } from "../../lib/mentoring.ts";

/** Said on every confidential part of a relationship: the journal, meetings, goals and check-ins. */
export function ConfidentialNotice({ children }: { children?: ReactNode }) {
  return (
    <div className="mb-4 flex gap-3 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="mt-0.5 h-5 w-5 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <rect x="4" y="11" width="16" height="10" rx="2" />
        <path d="M8 11V7a4 4 0 0 1 8 0v4" />
      </svg>
      <div>
        <p className="font-semibold">Only you two can read this.</p>
        <p>
          {children ??
            "It is encrypted and never shown to program managers, admins or sponsors, nor included in any report."}
        </p>
      </div>
    </div>
  );
}

/** A horizontal bar for a value in [0, 1], exposed to assistive technology as a meter. */
export function CriterionBar({
  label,
  value,
  weight,
  explanation,
}: {
  label: string;
  value: number;
  weight: number;
  explanation: string;
}) {
  const id = useId();
  const pct = percent(value);
  const counted = weight > 0;
  return (
    <li className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={`${id}-label`} className="font-medium text-slate-900">
          {label}
        </span>
        <span className="text-slate-700">
          {pct}% <span className="text-xs">{counted ? `· weight ${weight}` : "· not counted here"}</span>
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; a native <meter> cannot be styled the same way in every browser */}
      <div
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-explanation`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%`}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${counted ? "bg-emerald-700" : "bg-slate-500"}`}
          style={{ width: `${pct}%` }}
        />
      </div>
      <p id={`${id}-explanation`} className="text-sm text-slate-700">
        {explanation}
      </p>
    </li>
  );
}

/** One criterion behind a match score, as the server explains it. */
export interface Criterion {
  key: string;
  label: string;
  value: number;
  weight: number;
  explanation: string;
}

/** The criteria behind a match score, each as a labelled bar with its weight and explanation. */
export function CriteriaList({
  criteria,
  className,
  label,
}: {
  criteria: readonly Criterion[];
  className: string;
  /** The list's accessible name, when no heading names it. */
  label?: string;
}) {
  return (
    <ul className={className} aria-label={label}>
      {criteria.map((c) => (
        <CriterionBar
          key={c.key}
          label={c.label}
          value={c.value}
          weight={c.weight}
          explanation={c.explanation}
        />
      ))}
    </ul>
  );
}

/** The program's rules a pair breaks, one reason per item. */
export function ExclusionList({
  exclusions,
  className,
}: {
  exclusions: readonly { code: string; reason: string }[];
  className: string;
}) {
  return (
    <ul className={className}>
      {exclusions.map((x) => (
        <li key={x.code}>{x.reason}</li>
      ))}
    </ul>
  );
}

/** A progress bar for a share in [0, 1]. */
export function ProgressBar({ label, value }: { label: string; value: number }) {
  const pct = percent(value);
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% done`}
        className="h-2.5 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-emerald-700" style={{ width: `${pct}%` }} />
      </div>
      <span className="w-12 text-right text-sm text-slate-800" aria-hidden="true">
        {pct}%
      </span>
    </div>
  );
}

const subnavLinks = [
  { to: "/mentoring", label: "My relationships" },
  { to: "/mentoring/requests", label: "Requests" },
  { to: "/mentoring/introductions", label: "Introductions" },
];

/** Links between the three mentoring inboxes. */
export function MentoringNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Mentoring" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {subnavLinks.map((l) => {
          const current = pathname === l.to;
          return (
            <li key={l.to}>
              <Link
                to={l.to}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm font-semibold no-underline ${
                  current
                    ? "border-emerald-800 bg-emerald-800 text-white"
                    : "border-slate-400 bg-white text-slate-900 hover:bg-slate-50"
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
