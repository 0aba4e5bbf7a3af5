/** "Show more" under a list paged with a cursor; says how many are shown and announces new rows politely. */
export function LoadMore({
  shown,
  total,
  noun,
  hasMore,
  loading,
  onLoad,
}: {
  shown: number;
  total?: number | undefined;
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  if (!hasMore && total === undefined) return null;
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p aria-live="polite">
        Showing {shown.toLocaleString()}
        {total !== undefined ? ` of ${total.toLocaleString()}` : ""} {noun}
      </p>
      {hasMore ? (
        <button
          type="button"
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 disabled:opacity-50"
          disabled={loading}
          onClick={onLoad}
        >
          {loading ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </div>
  );
}
