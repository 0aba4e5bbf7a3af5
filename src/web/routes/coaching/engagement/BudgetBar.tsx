import { useId } from "react";
import type { Engagement } from "../../../lib/coaching.ts";

/**
 * Sessions used against the budget as one bar: used (dark), booked (light) and remaining (empty). It is
 * exposed as a meter whose text says all three numbers; the legend repeats them for sighted readers.
 */
export function BudgetBar({
  budget,
  heading = "Sessions used against budget",
  level = 2,
}: {
  budget: Engagement["budget"];
  heading?: string;
  level?: 2 | 3;
}) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  const { total, used, booked, remaining } = budget;
  const share = (n: number) => (total > 0 ? `${Math.min(100, (n / total) * 100)}%` : "0%");
  const text = `${used} of ${total} sessions used, ${booked} booked, ${remaining} remaining`;
  return (
    <div>
      <Heading id={`${id}-label`} className="text-sm font-semibold text-slate-900">
        {heading}
      </Heading>
      <p className="mb-2 text-2xl font-bold text-slate-900" aria-hidden="true">
        {used} <span className="text-base font-normal text-slate-700">of {total} used</span>
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a stacked bar (used and booked) that a native <meter> cannot draw */}
      <div
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={Math.min(used, total)}
        aria-valuetext={text}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-emerald-800" style={{ width: share(used) }} />
        <div className="h-full bg-emerald-300" style={{ width: share(booked) }} />
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" aria-hidden="true">
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-emerald-800" /> {used} used
        </li>
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-emerald-300" /> {booked} booked
        </li>
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm border border-slate-400 bg-slate-200" />{" "}
          {remaining} remaining
        </li>
      </ul>
      <p className="mt-1 text-xs text-slate-700">
        Held sessions and no-shows use the budget; a scheduled session is booked against it.
      </p>
    </div>
  );
}
