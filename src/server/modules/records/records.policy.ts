import type { Actor } from "../../lib/context.ts";
import { viewerOf } from "../coaching/coaching.policy.ts";
import { seesFullProfile } from "../people/people.policy.ts";
import type { RecordViewer } from "./records.schemas.ts";

/**
 * Who may read a person's development record, and as whom: the person (`self`), an org admin (`admin`), or
 * anyone above them in the reporting line, directly or not (`manager`). When several apply the one that sees
 * most wins, in the order self, admin, manager: an admin sees every engagement's objectives, a manager only
 * those the coaching rules already show them. Anyone else, whatever their role, gets null (and a 404).
 */
export function recordViewer(
  actor: Actor,
  personId: string,
  chainAbove: readonly string[],
): RecordViewer | null {
  if (actor.personId === personId) return "self";
  if (actor.role === "org_admin") return "admin";
  if (chainAbove.includes(actor.personId)) return "manager";
  return null;
}

/** Mentoring goals and milestones are the pair's; of the viewers of a record, only the person is in the pair. */
export const seesMentoringGoals = (viewer: RecordViewer): boolean => viewer === "self";

/** Actions are coaching content (coach and coachee) or mentoring milestones (the pair): the others get counts. */
export const seesActionItems = (viewer: RecordViewer): boolean => viewer === "self";

/** Meeting counts and dates are the pair's metadata. */
export const seesMeetingFacts = (viewer: RecordViewer): boolean => viewer === "self";

/**
 * An engagement's objectives, as the coaching rules allow: the coachee, and whoever the engagement's own policy
 * lets in (its coach and sponsor, program managers and org admins). A line manager who is none of these does not.
 */
export const seesObjectives = (
  viewer: RecordViewer,
  actor: Actor,
  engagement: { coach_id: string | null; coachee_id: string; sponsor_id: string },
): boolean => viewer === "self" || viewerOf(actor, engagement) !== null;

/** Seniority and career goals follow the profile's rule. */
export const seesPersonalProfile = (actor: Actor, personId: string): boolean =>
  seesFullProfile(actor, personId);

export const RECORD_ACCESS =
  "The person themselves, anyone above them in the reporting line (direct or indirect manager) and org admins; anyone else in the organization gets 404, as does an id from another organization. What each viewer sees follows the mentoring, coaching and profile privacy rules.";
