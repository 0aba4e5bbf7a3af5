import { type ReactNode, useEffect } from "react";
import { Link, useSearchParams } from "react-router";

/** Sets the document title for the current page. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Trellis`;
  }, [title]);
}

/** The page's heading (focused after navigation by the layout) with optional actions. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none">
          {title}
        </h1>
        {description ? <p className="mt-1 text-slate-700">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** The small "← Parent" link above a page's heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link to={to}>← {children}</Link>
    </p>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div className={`rounded-lg border border-slate-300 bg-white p-5 shadow-sm ${className}`}>{children}</div>
  );
}

export function Section({
  title,
  children,
  actions,
  id,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  const headingId = id ?? `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="mb-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The list offset kept in the URL's "offset" parameter (left out when 0), and its setter for <Pagination>. */
export function useOffsetParam(): [offset: number, setOffset: (offset: number) => void] {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get("offset") ?? "0") || 0);
  const setOffset = (o: number) => {
    const next = new URLSearchParams(params);
    if (o) next.set("offset", String(o));
    else next.delete("offset");
    setParams(next);
  };
  return [offset, setOffset];
}

/** Previous/next pagination with a "showing x–y of n" summary. */
export function Pagination({
  offset,
  limit,
  total,
  onChange,
  label = "Pagination",
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label?: string;
}) {
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav
      aria-label={label}
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700"
    >
      <p>
        Showing {from}–{to} of {total} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 disabled:opacity-50"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous
        </button>
        <button
          type="button"
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 disabled:opacity-50"
          disabled={to >= total}
          onClick={() => onChange(offset + limit)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
