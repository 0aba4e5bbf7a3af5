import type { Schemas } from "../api/client.ts";

export type Figure = Schemas["Figure"];
export type Bucket = Schemas["Distribution"][number];
export type TrendPoint = Schemas["TrendPoint"];
export type KindDetails = Schemas["KindAnalyticsDetails"];
export type Participation = Schemas["Participation"];
export type OrganizationAnalytics = Schemas["OrganizationAnalytics"];
export type ProgramAnalytics = Schemas["ProgramAnalytics"];
export type KindAnalytics = Schemas["KindAnalytics"];
export type SuccessionRow = Schemas["SuccessionRow"];

/** The group size below which a figure is withheld (the server says so too, in `minGroupSize`). */
export const MIN_GROUP = 5;
export const FEWER_THAN = `fewer than ${MIN_GROUP}`;

export const analyticsKeys = {
  organization: ["analytics", "organization"] as const,
  program: (id: string) => ["analytics", "program", id] as const,
  succession: ["analytics", "succession"] as const,
};

/** The figure's value, or null when it is withheld or there is nothing to compute. */
export const shownValue = (f: Figure | null | undefined): number | null =>
  f && !f.suppressed ? f.value : null;

/** A figure as text: "fewer than 5" when withheld, "—" when there is nothing yet, else the formatted value. */
export function figureText(f: Figure | null | undefined, format: (v: number) => string = String): string {
  if (!f) return "—";
  if (f.suppressed) return FEWER_THAN;
  return f.value === null ? "—" : format(f.value);
}

export const asPercent = (v: number) => `${Math.round(v * 100)}%`;
export const asNumber = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** "2026-01" as "Jan 2026" (or "Jan" when `short`). */
export function monthLabel(month: string, short = false): string {
  const d = new Date(`${month}-01T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    month: "short",
    ...(short ? {} : { year: "numeric" }),
  }).format(d);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A department or seniority bucket's label. */
export const bucketLabel = (key: string | null, kind: "department" | "seniority") =>
  key === null ? "Not set" : kind === "seniority" ? `Level ${key}` : key;
