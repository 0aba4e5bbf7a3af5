import type { Actor } from "../../lib/context.ts";

export const MANAGES_PROGRAMS = ["org_admin", "program_manager"] as const;

export const managesPrograms = (actor: Actor): boolean =>
  actor.role === "org_admin" || actor.role === "program_manager";

/** The owner (a program manager) and org admins edit a program and read its enrolments. */
export const canEditProgram = (actor: Actor, program: { owner_id: string }): boolean =>
  actor.role === "org_admin" || (actor.role === "program_manager" && program.owner_id === actor.personId);

/** Drafts and archived programs are visible to those who manage programs; everyone sees published ones. */
export const canSeeProgram = (actor: Actor, program: { status: string }): boolean =>
  program.status === "published" || managesPrograms(actor);
