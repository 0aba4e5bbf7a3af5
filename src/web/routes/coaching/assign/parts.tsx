import { useId } from "react";
import type { OrgRole, Schemas } from "../../../api/client.ts";
import { coachingKeys } from "../../../lib/coaching.ts";

/**
 * Small pieces shared by the coach pool, program coaching, my coaching and insights pages. Labels, types
 * and query keys common to every coaching page are in lib/coaching.ts.
 */

export type Shortlist = Schemas["CoachShortlist"];
export type ShortlistItem = Shortlist["items"][number];
export type Insights = Schemas["CoachingInsights"];

export interface Ref {
  id: string;
  name: string;
}

/** Org admins and program managers run coaching; sponsors assign and read; members do neither. */
export const runsCoaching = (role: OrgRole) => role === "org_admin" || role === "program_manager";
export const assignsCoaching = (role: OrgRole) => runsCoaching(role) || role === "sponsor";

/** What an engagement waits on the viewer for, as a next step. */
export const AWAITING_LABELS: Record<string, string> = {
  choose_coach: "Choose your coach after the chemistry calls",
  set_objectives: "Set the objectives",
  agree_objectives: "Agree the objectives",
  schedule_session: "Schedule the next session",
};
export const awaitingLabel = (a: string) => AWAITING_LABELS[a] ?? a.replace(/_/g, " ");

/** Query keys of these pages, under the shared ones so that invalidating those refreshes these too. */
export const pageKeys = {
  mine: (filter: Record<string, string | undefined>) =>
    [...coachingKeys.engagements, "mine", filter] as const,
  program: (programId: string) => [...coachingKeys.engagements, "program", programId] as const,
  asSponsor: (programId: string) => [...coachingKeys.engagements, "as-sponsor", programId] as const,
  shortlist: (programId: string, coacheeId: string, focus: string) =>
    ["coaching", "shortlist", programId, coacheeId, focus] as const,
  summary: (engagementId: string) => coachingKeys.part(engagementId, "summary"),
  actionsThisWeek: [...coachingKeys.myActions, "week"] as const,
  insights: (programId: string, department: string) =>
    [...coachingKeys.insights, programId, department] as const,
};

/** A date (YYYY-MM-DD) some months later, kept within the month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export const pct = (share: number) => Math.round(Math.max(0, Math.min(1, share)) * 100);

const fills: Record<"green" | "amber" | "red" | "slate", string> = {
  green: "bg-emerald-700",
  amber: "bg-amber-600",
  red: "bg-red-700",
  slate: "bg-slate-500",
};

/**
 * A labelled horizontal bar for a value out of a maximum (a load, a budget, a score), exposed to assistive
 * technology as a meter whose value text says it in words.
 */
export function Meter({
  label,
  value,
  max,
  valueText,
  tone = "green",
  visibleLabel = true,
}: {
  label: string;
  value: number;
  max: number;
  valueText: string;
  tone?: keyof typeof fills;
  visibleLabel?: boolean;
}) {
  const id = useId();
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return (
    <div className="min-w-32 space-y-1">
      <div className={visibleLabel ? "flex flex-wrap justify-between gap-2 text-sm" : "sr-only"}>
        <span id={`${id}-label`} className="font-medium text-slate-800">
          {label}
        </span>
        <span className="text-slate-700" aria-hidden="true">
          {valueText}
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; a native <meter> cannot be styled the same way in every browser */}
      <div
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={valueText}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${fills[tone]}`}
          style={{ width: `${Math.round(share * 100)}%` }}
        />
      </div>
    </div>
  );
}

/** Sessions used (held or missed) against the budget, with those booked. */
export function BudgetMeter({
  budget,
  visibleLabel = true,
  label = "Sessions used",
}: {
  budget: Schemas["SessionBudget"];
  visibleLabel?: boolean;
  label?: string;
}) {
  const text = `${budget.used} of ${budget.total} used${budget.booked ? `, ${budget.booked} booked` : ""}`;
  return (
    <Meter
      label={label}
      value={budget.used}
      max={budget.total}
      valueText={text}
      tone={budget.remaining === 0 ? "amber" : "green"}
      visibleLabel={visibleLabel}
    />
  );
}
