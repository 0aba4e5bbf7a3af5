import type { Party } from "../../../domain/coaching/lifecycle.ts";
import type { Actor } from "../../lib/context.ts";
import { managesPrograms } from "../programs/programs.policy.ts";

export type Viewer = "coach" | "coachee" | "sponsor" | "manager";

export const ASSIGNS_COACHING = ["org_admin", "program_manager", "sponsor"] as const;

interface EngagementPeople {
  coach_id: string | null;
  coachee_id: string;
  sponsor_id: string;
}

/**
 * How the caller relates to an engagement, or null when it is none of their business (they get 404).
 * Program managers and org admins see what the sponsor sees: never the content of a session.
 */
export function viewerOf(actor: Actor, e: EngagementPeople): Viewer | null {
  if (e.coach_id === actor.personId) return "coach";
  if (e.coachee_id === actor.personId) return "coachee";
  if (e.sponsor_id === actor.personId) return "sponsor";
  if (managesPrograms(actor)) return "manager";
  return null;
}

/** The parties whose agreement the objectives need, that the caller can give. */
export function partiesOf(actor: Actor, e: EngagementPeople): Party[] {
  const out: Party[] = [];
  if (e.coachee_id === actor.personId) out.push("coachee");
  if (e.coach_id === actor.personId) out.push("coach");
  if (e.sponsor_id === actor.personId) out.push("sponsor");
  return out;
}

/** Session records, actions and assessments belong to the coach and the coachee. */
export const seesContent = (viewer: Viewer): boolean => viewer === "coach" || viewer === "coachee";

const INVOLVED =
  "The coach, the coachee and the sponsor of the engagement, and program managers and org admins; anyone else gets 404.";

/** Access rules of the routes under an engagement; the service enforces the object-level part. */
export const engagementAccess = (who?: string) =>
  ({ who: "signed_in", scope: "organization", object: who ? `${INVOLVED} ${who}` : INVOLVED }) as const;
