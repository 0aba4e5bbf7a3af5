import type { Actor } from "../../lib/context.ts";

export type Side = "mentor" | "mentee";

/**
 * The pair alone reaches a relationship's content: anyone else, whatever their role, is told it does not exist.
 */
export function sideOf(actor: Actor, rel: { mentor_id: string; mentee_id: string }): Side | null {
  if (rel.mentor_id === actor.personId) return "mentor";
  if (rel.mentee_id === actor.personId) return "mentee";
  return null;
}
