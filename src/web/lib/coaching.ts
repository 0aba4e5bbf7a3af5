import type { GrowField } from "../../domain/coaching/grow.ts";
import type { Schemas } from "../api/client.ts";

// The rules the server enforces, shared so that the forms say the same.
export { ANONYMOUS_FROM, GROW_FIELDS, SPONSOR_SUMMARY_MAX } from "../../domain/coaching/grow.ts";
export { MAX_OBJECTIVES } from "../../domain/coaching/lifecycle.ts";
export type { GrowField };

type PersonRef = Schemas["PersonRef"];

/**
 * The generated types read a nullable reference (`coach`, `reviewOutcome`) as never null; these fix them
 * so the pages handle the null the server does send (no coach yet during a chemistry call, an action not
 * reviewed yet).
 */
type WithNullableCoach<T> = Omit<T, "coach"> & { coach: PersonRef | null };

export type Engagement = WithNullableCoach<Schemas["Engagement"]>;
export type EngagementListItem = WithNullableCoach<Schemas["EngagementListItem"]>;
export type EngagementStatus = Schemas["EngagementStatus"];
export type EngagementSummary = WithNullableCoach<Schemas["EngagementSummary"]>;
export type ClosingReport = WithNullableCoach<Schemas["ClosingReport"]>;
export type Viewer = Engagement["viewer"];
export type Party = Engagement["myParties"][number];
export type Objective = Schemas["Objective"];
export type ObjectiveTheme = Schemas["ObjectiveTheme"];
export type ObjectiveInput = Schemas["ObjectivesInput"]["objectives"][number];
export type CoachingSession = Schemas["CoachingSession"];
export type SessionRecord = Schemas["SessionRecord"];
export type CoachingAction = WithNullableCoach<
  Omit<Schemas["CoachingAction"], "reviewOutcome"> & { reviewOutcome: ActionOutcome | null }
>;
export type ActionOutcome = Schemas["ActionOutcome"];
export type NoteVisibility = Schemas["NoteVisibility"];
export type Attendance = Schemas["Attendance"];
export type CoachingAssessments = Schemas["CoachingAssessments"];
export type AssessmentPhase = Schemas["AssessmentPhase"];
export type RatingRequest = Schemas["RatingRequest"];
export type Coach = Schemas["Coach"];
export type CoachKind = Schemas["CoachKind"];

type Tone = "green" | "amber" | "red" | "slate" | "blue" | "violet";

export const THEME_LABELS: Record<ObjectiveTheme, string> = {
  leadership: "Leadership",
  communication: "Communication",
  delegation: "Delegation",
  stakeholder_management: "Stakeholder management",
  strategic_thinking: "Strategic thinking",
  feedback: "Giving and receiving feedback",
  conflict: "Handling conflict",
  time_management: "Time management",
  resilience: "Resilience",
  career_transition: "Career transition",
  other: "Other",
};

export const OBJECTIVE_THEMES = Object.keys(THEME_LABELS) as ObjectiveTheme[];
export const THEME_OPTIONS = OBJECTIVE_THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }));
export const themeLabel = (t: string) => THEME_LABELS[t as ObjectiveTheme] ?? t;

export const ENGAGEMENT_STATUS: Record<EngagementStatus, { label: string; tone: Tone }> = {
  setup: { label: "Setting up", tone: "amber" },
  active: { label: "Active", tone: "green" },
  completed: { label: "Completed", tone: "blue" },
  cancelled: { label: "Cancelled", tone: "slate" },
};

export const engagementStatus = (s: string) =>
  ENGAGEMENT_STATUS[s as EngagementStatus] ?? { label: s, tone: "slate" as Tone };

export const VIEWER_LABELS: Record<Viewer, string> = {
  coach: "the coach",
  coachee: "the coachee",
  sponsor: "the sponsor",
  manager: "program staff",
};

export const PARTY_LABELS: Record<Party, string> = {
  coachee: "Coachee",
  coach: "Coach",
  sponsor: "Sponsor",
};
export const PARTIES: Party[] = ["coachee", "coach", "sponsor"];

export const COACH_KIND_LABELS: Record<CoachKind, string> = {
  internal: "Internal coach",
  external: "External coach",
};

export const ATTENDANCE: Record<Attendance, { label: string; tone: Tone }> = {
  scheduled: { label: "Scheduled", tone: "amber" },
  held: { label: "Held", tone: "green" },
  no_show: { label: "No-show", tone: "red" },
  rescheduled: { label: "Rescheduled", tone: "slate" },
};

export const OUTCOME_LABELS: Record<ActionOutcome, string> = {
  done: "Done",
  partly_done: "Partly done",
  not_done: "Not done",
};
export const OUTCOMES = Object.keys(OUTCOME_LABELS) as ActionOutcome[];
export const OUTCOME_TONES: Record<ActionOutcome, Tone> = {
  done: "green",
  partly_done: "amber",
  not_done: "red",
};

export const VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  coach_private: "Private to the coach",
  shared_with_coachee: "Shared with the coachee",
};

export const GROW_LABELS: Record<GrowField, { label: string; hint: string }> = {
  goal: { label: "Goal", hint: "What the coachee wants from this session and beyond." },
  reality: { label: "Reality", hint: "Where things stand now: facts, obstacles, what has been tried." },
  options: { label: "Options", hint: "The possible ways forward you explored together." },
  will: { label: "Will", hint: "What the coachee commits to do. Add each commitment as an action below." },
};

export const PHASE_LABELS: Record<AssessmentPhase, string> = {
  pre: "Pre-assessment",
  post: "Post-assessment",
};

/**
 * Headings for the coaching rule errors, keyed by error code. The server's message under the heading says
 * the specifics and what to do next.
 */
export const COACHING_ERROR_TITLES: Record<string, string> = {
  "coaching.objectives_not_agreed": "Sessions have not started yet",
  "coaching.budget_exhausted": "The session budget is used up",
  "coaching.outside_dates": "That date is outside the engagement",
  "coaching.pre_assessment_missing": "The pre-assessment is missing",
  "coaching.actions_not_reviewed": "Review every open action first",
  "coaching.earlier_session_open": "An earlier session is still open",
  "coaching.session_in_future": "This session has not happened yet",
  "coaching.sessions_open": "Sessions are still scheduled",
  "coaching.post_assessment_missing": "The post-assessment is missing",
  "coaching.objectives_locked": "The objectives are already agreed",
  "coaching.no_coach": "No coach is chosen yet",
  "coaching.no_objectives": "There are no objectives to agree",
  "coaching.assessment_closed": "This assessment is closed",
  "coaching.ratings_incomplete": "Rate every objective",
  "coaching.coach_at_capacity": "That coach is fully booked",
  "coaching.sessions_after_end": "A session is booked after that date",
  "coaching.wrong_status": "Not possible at this stage",
};

/** A share in [0, 1] as a whole percentage. */
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);

/** A number for display, without trailing zeros ("7", "7.5"). */
export const num = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : String(Math.round(value * 100) / 100);

/** A signed change for display ("+2", "−1.5", "0"). */
export const signed = (value: number | null | undefined) => {
  if (value === null || value === undefined) return "—";
  const r = Math.round(value * 100) / 100;
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : "0";
};

/** How many rows a coaching list shows before "Show more". */
export const LIST_PAGE_SIZE = 20;

/** Query keys shared by the coaching pages, so a change in one refreshes the others (keys are prefixes). */
export const coachingKeys = {
  all: ["coaching"] as const,
  engagements: ["coaching", "engagements"] as const,
  engagement: (id: string) => ["coaching", "engagement", id] as const,
  part: (id: string, part: string) => ["coaching", "engagement", id, part] as const,
  ratingRequests: ["coaching", "rating-requests"] as const,
  myActions: ["coaching", "my-actions"] as const,
  coaches: ["coaching", "coaches"] as const,
  insights: ["coaching", "insights"] as const,
};
