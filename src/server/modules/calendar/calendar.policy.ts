import type { Actor } from "../../lib/context.ts";
import { seesContent, viewerOf } from "../coaching/coaching.policy.ts";
import { sideOf } from "../mentoring/mentoring.policy.ts";
import { managesPrograms } from "../programs/programs.policy.ts";

/**
 * Who may download an event's invitation: `yes`, `hidden` (404: they may not know it exists) or `denied` (403:
 * they see the event elsewhere in Trellis, but it is not theirs to put in a calendar).
 */
export type EventAccess = "yes" | "hidden" | "denied";

/** The pair alone, like the rest of the relationship. */
export const meetingAccess = (actor: Actor, rel: { mentor_id: string; mentee_id: string }): EventAccess =>
  sideOf(actor, rel) ? "yes" : "hidden";

/** The coach and the coachee; the sponsor and program staff see the engagement but not its sessions' detail. */
export function coachingSessionAccess(
  actor: Actor,
  e: { coach_id: string | null; coachee_id: string; sponsor_id: string },
): EventAccess {
  const viewer = viewerOf(actor, e);
  if (!viewer) return "hidden";
  return seesContent(viewer) ? "yes" : "denied";
}

export type TrainingAudience = "trainer" | "trainee" | "manager";

/** The cohort's trainers, its enrolled trainees, and program managers and org admins, as in the training module. */
export function trainingSessionAudience(
  actor: Actor,
  trainerIds: readonly string[],
  traineeIds: readonly string[],
): TrainingAudience | null {
  if (trainerIds.includes(actor.personId)) return "trainer";
  if (traineeIds.includes(actor.personId)) return "trainee";
  if (managesPrograms(actor)) return "manager";
  return null;
}

export const MEETING_RULE = "The mentor and the mentee of the relationship; anyone else gets 404.";
export const COACHING_RULE =
  "The coach and the coachee; the sponsor, program managers and org admins get 403, anyone else 404.";
export const TRAINING_RULE =
  "The cohort's trainers and enrolled trainees, program managers and org admins; other members get 403.";
export const FEED_RULE = "The caller's own calendar feed.";
