import type { Actor } from "../../lib/context.ts";
import { managesPrograms } from "../programs/programs.policy.ts";

export type CohortRole = "trainer" | "trainee" | "manager" | "visitor";

/**
 * How the caller relates to a cohort. Trainers come first: a program manager who also teaches the cohort
 * acts as its trainer. A trainee is anyone on its roster or waitlist.
 */
export function cohortRole(actor: Actor, trainerIds: readonly string[], enrolled: boolean): CohortRole {
  if (trainerIds.includes(actor.personId)) return "trainer";
  if (enrolled) return "trainee";
  if (managesPrograms(actor)) return "manager";
  return "visitor";
}

/** Trainers and program staff take attendance, grade and read the roster and gradebook. */
export const teaches = (role: CohortRole): boolean => role === "trainer" || role === "manager";

export const COURSE_AUTHORS =
  "Org admins and program managers author courses; everyone signed in reads published ones.";
export const COHORT_STAFF =
  "The cohort's trainers, program managers and org admins; trainees and others get 403, other organizations 404.";
export const COHORT_TRAINEE = "A trainee enrolled in the cohort acts for themself; anyone else gets 403.";
