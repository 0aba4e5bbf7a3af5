import type { ReactNode } from "react";

/** A data table's header row: one column header per name. */
export function TableHead({ head }: { head: readonly string[] }) {
  return (
    <thead className="bg-slate-100">
      <tr>
        {head.map((h) => (
          <th key={h} scope="col" className="px-3 py-2 font-semibold">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A bordered data table that scrolls sideways on narrow screens; the caption is for screen readers. */
export function Table({
  caption,
  head,
  children,
}: {
  caption: string;
  head: readonly string[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead head={head} />
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}
