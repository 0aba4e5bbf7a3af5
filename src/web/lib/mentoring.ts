import type { Schemas } from "../api/client.ts";

export type MentoringSettings = Schemas["MentoringSettings"];
export type MentoringFormat = Schemas["MentoringFormat"];
export type MatchWeights = Schemas["MatchWeights"];
export type MentorRecommendation = Schemas["MentorRecommendation"];
export type Participation = Schemas["MentoringParticipation"];
export type MentoringRequest = Schemas["MentoringRequest"];
export type Relationship = Schemas["MentoringRelationship"];
export type RelationshipSummary = Schemas["MentoringRelationshipSummary"];
export type RelationshipStatus = Relationship["status"];
export type MentoringGoal = Schemas["MentoringGoal"];
export type GoalCategory = MentoringGoal["category"];
export type GoalStatus = MentoringGoal["status"];
export type Introduction = Schemas["MentoringIntroduction"];
export type DeclineReason = Schemas["MentoringDecline"]["reason"];
export type MatchMode = MentoringSettings["matchModes"][number];

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const FORMAT_LABELS: Record<MentoringFormat, string> = {
  one_to_one: "One to one",
  group: "Group (one mentor, a small circle)",
  peer: "Peer",
  reverse: "Reverse (the junior person mentors)",
  flash: "Flash (a single meeting)",
};

export const MATCH_MODE_LABELS: Record<MatchMode, { label: string; hint: string }> = {
  self: { label: "Self-match", hint: "Mentees browse ranked mentors and send requests." },
  admin: { label: "Admin match", hint: "The program team pairs a mentee with a mentor." },
  bulk: {
    label: "Bulk match by the program team (best total score)",
    hint: "The program team runs the matching algorithm for everyone at once, then reviews the draft pairs before publishing them.",
  },
};

export const WEIGHT_LABELS: Record<keyof MatchWeights, string> = {
  skills: "Skills wanted and offered",
  interests: "Shared goals and interests",
  seniority: "Seniority gap",
  language: "Shared language",
  timeZone: "Time-zone distance",
  ranking: "Mentee's ranking",
  departmentDiversity: "Different department",
};

export const WEIGHT_KEYS = Object.keys(WEIGHT_LABELS) as (keyof MatchWeights)[];

export const STATUS_LABELS: Record<RelationshipStatus, string> = {
  proposed: "Proposed",
  active: "Active",
  completed: "Completed",
  ended_early: "Ended early",
};

export const STATUS_TONES: Record<RelationshipStatus, Tone> = {
  proposed: "amber",
  active: "green",
  completed: "blue",
  ended_early: "slate",
};

export const statusLabel = (s: string) => STATUS_LABELS[s as RelationshipStatus] ?? s;
export const statusTone = (s: string): Tone => STATUS_TONES[s as RelationshipStatus] ?? "slate";

export const REQUEST_STATUS: Record<MentoringRequest["status"], { label: string; tone: Tone }> = {
  open: { label: "Waiting for an answer", tone: "amber" },
  accepted: { label: "Accepted", tone: "green" },
  declined: { label: "Declined", tone: "red" },
  withdrawn: { label: "Withdrawn", tone: "slate" },
  expired: { label: "Expired", tone: "slate" },
};

/** The reasons a mentor can give for declining; the server holds the same list. */
export const DECLINE_REASONS: Record<DeclineReason, string> = {
  no_capacity: "I don't have room for another mentee right now",
  not_a_good_fit: "I don't think I'm the right mentor for these goals",
  timing: "The timing doesn't work for me",
  other: "Another reason",
};

export const GOAL_CATEGORIES: Record<GoalCategory, { label: string; hint: string }> = {
  career: { label: "Career", hint: "A role, a move or a promotion you are working towards." },
  skill: { label: "Skill", hint: "Something you want to be able to do." },
  network: { label: "Network", hint: "People and communities you want to know." },
  holistic: { label: "Holistic", hint: "Confidence, balance, well-being and how you work." },
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  achieved: "Achieved",
  dropped: "Dropped",
};

export const INTRODUCTION_STATUS: Record<Introduction["status"], { label: string; tone: Tone }> = {
  pending: { label: "Waiting for an answer", tone: "amber" },
  accepted: { label: "Accepted", tone: "green" },
  declined: { label: "Declined", tone: "slate" },
};

export const SATISFACTION_LABELS: Record<number, string> = {
  1: "1 — very unhappy",
  2: "2 — unhappy",
  3: "3 — neutral",
  4: "4 — happy",
  5: "5 — very happy",
};

/** How many mentors a mentee may rank, and avoid; the server holds the same limits. */
export const MAX_RANKED = 10;
export const MAX_AVOIDED = 20;

/** A mentee's choices about mentors: the ranking (best first) and the mentors never to be matched with. */
export interface MentorChoices {
  ranking: string[];
  avoid: string[];
}

/** A change to a mentee's choices. */
export type MentorChoiceChange =
  | { kind: "rank"; mentorId: string }
  | { kind: "unrank"; mentorId: string }
  | { kind: "move"; mentorId: string; by: -1 | 1 }
  | { kind: "avoid"; mentorId: string }
  | { kind: "unavoid"; mentorId: string };

/**
 * The choices after a change. A mentor is never both ranked and avoided (the server refuses it): avoiding
 * a ranked mentor takes them off the ranking. Limits and impossible moves leave the choices as they are.
 */
export function applyChoice(choices: MentorChoices, change: MentorChoiceChange): MentorChoices {
  const { ranking, avoid } = choices;
  const id = change.mentorId;
  switch (change.kind) {
    case "rank":
      if (ranking.includes(id) || ranking.length >= MAX_RANKED) return choices;
      return { ranking: [...ranking, id], avoid: avoid.filter((x) => x !== id) };
    case "unrank":
      return { ranking: ranking.filter((x) => x !== id), avoid };
    case "move": {
      const i = ranking.indexOf(id);
      const j = i + change.by;
      if (i < 0 || j < 0 || j >= ranking.length) return choices;
      const next = [...ranking];
      next[i] = next[j] as string;
      next[j] = id;
      return { ranking: next, avoid };
    }
    case "avoid":
      if (avoid.includes(id) || avoid.length >= MAX_AVOIDED) return choices;
      return { ranking: ranking.filter((x) => x !== id), avoid: [...avoid, id] };
    case "unavoid":
      return { ranking, avoid: avoid.filter((x) => x !== id) };
  }
}

export const percent = (value: number) => Math.round(Math.max(0, Math.min(1, value)) * 100);

/** Today's date (YYYY-MM-DD) in a time zone, for date inputs. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** A calendar date (YYYY-MM-DD) as "12 Mar 2026", without shifting it through a time zone. */
export function formatDay(isoDate: string | null | undefined): string {
  if (!isoDate) return "—";
  const d = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(d);
}

/** Query keys shared by the mentoring pages, so a change in one refreshes the others (keys are prefixes). */
export const mentoringKeys = {
  relationships: ["mentoring", "relationships"] as const,
  relationshipList: (filter: Record<string, string | undefined>) =>
    ["mentoring", "relationships", filter] as const,
  relationship: (id: string) => ["mentoring", "relationship", id] as const,
  part: (id: string, part: string) => ["mentoring", "relationship", id, part] as const,
  requests: ["mentoring", "requests"] as const,
  requestBox: (box: "sent" | "received", limit?: number) => ["mentoring", "requests", box, limit] as const,
  introductions: ["mentoring", "introductions"] as const,
  introductionList: (filter: Record<string, string | number | undefined>) =>
    ["mentoring", "introductions", filter] as const,
  participation: (programId: string) => ["mentoring", "participation", programId] as const,
  settings: (programId: string) => ["mentoring", "settings", programId] as const,
  recommendations: (programId: string) => ["mentoring", "recommendations", programId] as const,
  overview: (programId: string) => ["mentoring", "overview", programId] as const,
  /** One of the program team's lists (participants, relationships, open requests); refreshed with the overview. */
  programList: (programId: string, list: string, filter: Record<string, string | undefined> = {}) =>
    ["mentoring", "overview", programId, list, filter] as const,
};

/** How many rows a mentoring list shows before "Show more". */
export const LIST_PAGE_SIZE = 20;

/** A list's cached pages after a write that answered with the list's first page. */
export const firstPageOnly = <P>(page: P) => ({ pages: [page], pageParams: [undefined] });

/**
 * Options for queries whose data the other person changes (requests, relationships, the journal…):
 * refetched whenever a page shows them or the window regains focus, so nobody acts on a stale view.
 */
export const liveQuery = { staleTime: 0, refetchOnWindowFocus: true } as const;
