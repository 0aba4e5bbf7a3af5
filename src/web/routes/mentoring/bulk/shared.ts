import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { ApiError, isRecord, type Schemas } from "../../../api/client.ts";

export type MatchRun = Schemas["MatchRun"];
export type MatchRunSummary = Schemas["MatchRunList"]["items"][number];
export type RunMode = MatchRun["mode"];
export type RunStatus = MatchRun["status"];
export type RunPair = Schemas["MatchRunPair"];
export type UnmatchedMentee = Schemas["MatchRunUnmatched"];
export type UnmatchedReason = UnmatchedMentee["reason"];
export type PairBreakdown = Schemas["PairBreakdown"];

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const MODES: Record<RunMode, { label: string; hint: string; aim: string }> = {
  optimal: {
    label: "Best total score (optimal)",
    aim: "for the best total score",
    hint: "Finds the pairs whose scores add up to the highest total. Some people may get a slightly weaker match so that more pairs are good overall.",
  },
  stable: {
    label: "Stable (no pair would rather swap)",
    aim: "into a stable match",
    hint: "Mentees propose to mentors in order of their scores and rankings. No mentee and mentor would both rather be together than with whom they got. One mentor per mentee.",
  },
};

export const RUN_STATUS: Record<RunStatus, { label: string; tone: Tone }> = {
  running: { label: "Running", tone: "blue" },
  draft: { label: "Draft", tone: "amber" },
  published: { label: "Published", tone: "green" },
  discarded: { label: "Discarded", tone: "slate" },
  failed: { label: "Failed", tone: "red" },
};

export const UNMATCHED_REASONS: Record<UnmatchedReason, string> = {
  no_feasible_mentor: "No mentor fits the program's rules for this mentee.",
  below_minimum_score: "Every allowed mentor scores below the program's minimum score.",
  capacity_exhausted: "Every mentor who fits this mentee has no seat left in this draft.",
  removed_by_hand: "You removed this mentee's pair from the draft.",
};

export const matchingKeys = {
  runs: (programId: string) => ["matching", programId, "runs"] as const,
  run: (programId: string, runId: string) => ["matching", programId, "run", runId] as const,
  /** Every paged list of a run (its pairs, however narrowed, and its unmatched mentees). */
  runLists: (programId: string, runId: string) => ["matching", programId, "run-lists", runId] as const,
  pairs: (
    programId: string,
    runId: string,
    filter: { q?: string; menteeId?: string; mentorId?: string } = {},
  ) => ["matching", programId, "run-lists", runId, "pairs", filter] as const,
  unmatched: (programId: string, runId: string) =>
    ["matching", programId, "run-lists", runId, "unmatched"] as const,
  inDraft: (programId: string, runId: string, side: "mentee" | "mentor", personId: string) =>
    ["matching", programId, "run-lists", runId, "in-draft", side, personId] as const,
  pair: (programId: string, menteeId: string, mentorId: string) =>
    ["matching", programId, "pair", menteeId, mentorId] as const,
};

/** A pair score in [0, 1] as a whole percentage. */
export const scorePct = (score: number) => `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`;

export const pairName = (p: { mentee: { name: string }; mentor: { name: string } }) =>
  `${p.mentee.name} with ${p.mentor.name}`;

export function formatSolveTime(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export const formatCount = (n: number) => n.toLocaleString("en-GB");

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** The id of the notice that says a run was published or discarded; focus moves there after either. */
export const RUN_STATUS_ID = "bulk-run-status";

/** Moves focus to the run's status notice once it is rendered (the button that was pressed is gone). */
export const focusRunStatus = () =>
  window.setTimeout(() => document.getElementById(RUN_STATUS_ID)?.focus(), 0);

/**
 * Stores the run summary the server just answered with, and refreshes what the change may have moved: the
 * run's pages of pairs and unmatched mentees, and the list of runs (counts and status).
 */
export function storeRun(qc: QueryClient, programId: string, run: MatchRun) {
  qc.setQueryData(matchingKeys.run(programId, run.id), run);
  void qc.invalidateQueries({ queryKey: matchingKeys.runLists(programId, run.id) });
  void qc.invalidateQueries({ queryKey: matchingKeys.runs(programId) });
}

/**
 * Changes the pairs already loaded in every page of a run's pair lists, so what the server just confirmed
 * shows at once, before the refetch `storeRun` starts comes back.
 */
export function updateLoadedPairs(
  qc: QueryClient,
  programId: string,
  runId: string,
  update: (pair: RunPair) => RunPair,
) {
  qc.setQueriesData<InfiniteData<Schemas["MatchRunPairPage"]>>(
    { queryKey: [...matchingKeys.runLists(programId, runId), "pairs"] },
    (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(update) })) },
  );
}

export interface Exclusion {
  code: string;
  reason: string;
}

/** The hard constraints a rejected pair breaks (422 matching.excluded), if that is what the error is. */
export function exclusionsOf(err: unknown): Exclusion[] {
  if (!(err instanceof ApiError) || !isRecord(err.details) || !Array.isArray(err.details.exclusions))
    return [];
  return err.details.exclusions.filter(
    (x): x is Exclusion => isRecord(x) && typeof x.code === "string" && typeof x.reason === "string",
  );
}

/** The pairs a publish found out of date (409 matching.stale_draft). */
export function staleOf(err: unknown): { pairId: string; reason: string }[] {
  if (!(err instanceof ApiError) || err.code !== "matching.stale_draft" || !isRecord(err.details)) return [];
  const stale = err.details.stale;
  return Array.isArray(stale)
    ? stale.filter(
        (s): s is { pairId: string; reason: string } =>
          isRecord(s) && typeof s.pairId === "string" && typeof s.reason === "string",
      )
    : [];
}
