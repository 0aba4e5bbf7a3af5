import { type ReactNode, type Ref, useEffect, useRef } from "react";
import { ApiError } from "../api/client.ts";

/** Every problem a failed call lists: field messages, or plain strings (e.g. questionnaire problems). */
function problemList(error: ApiError): string[] {
  const fromFields = Object.values(error.fieldErrors);
  if (fromFields.length) return fromFields;
  return Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === "string") : [];
}

/**
 * The form-level error, announced by screen readers when it appears (role="alert") and focused so keyboard
 * users land on it. Field errors are shown next to their fields as well.
 */
export function FormAlert({ error, title }: { error: unknown; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? problemList(error) : [];
  return (
    <ErrorAlertBox ref={ref}>
      <p className="font-semibold">{title ?? message}</p>
      {title ? <p>{message}</p> : null}
      {fields.length > 1 ? (
        <ul className="mt-1 list-disc pl-5">
          {fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
    </ErrorAlertBox>
  );
}

/**
 * The red box of a form-level error: announced by screen readers when it appears (role="alert") and
 * focusable, so the caller can move focus to it through `ref`.
 */
export function ErrorAlertBox({ ref, children }: { ref: Ref<HTMLDivElement>; children: ReactNode }) {
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 focus:outline-2 focus:outline-red-700"
    >
      {children}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <output className="block rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
      {children}
    </output>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return <output className="block py-6 text-slate-700">{label}</output>;
}

/** A failed query: says what happened and offers a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{notFound ? "Not found" : "Could not load this page"}</p>
      <p>{message}</p>
      {onRetry && !notFound ? (
        <button type="button" onClick={onRetry} className="mt-2 font-semibold underline">
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-400 bg-white p-8 text-center">
      <p className="text-lg font-semibold text-slate-900">{title}</p>
      {children ? <div className="mt-2 text-slate-700">{children}</div> : null}
    </div>
  );
}

/** A list fed by a query: loading, failed (with a retry), empty, or the list itself. */
export function QueryList({
  query,
  loadingLabel,
  isEmpty,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  loadingLabel: string;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return isEmpty ? empty : children;
}

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";
const tones: Record<Tone, string> = {
  green: "bg-emerald-100 text-emerald-900 ring-emerald-700/30",
  amber: "bg-amber-100 text-amber-900 ring-amber-700/30",
  red: "bg-red-100 text-red-900 ring-red-700/30",
  slate: "bg-slate-100 text-slate-800 ring-slate-600/30",
  blue: "bg-sky-100 text-sky-900 ring-sky-700/30",
  violet: "bg-violet-100 text-violet-900 ring-violet-700/30",
};

export function Badge({ tone = "slate", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
