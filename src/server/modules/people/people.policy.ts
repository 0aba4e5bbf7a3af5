import type { Actor } from "../../lib/context.ts";

/** Seniority and career goals are personal: the person, org admins and program managers (who match people) see them. */
export const seesFullProfile = (viewer: Actor, personId: string): boolean =>
  viewer.personId === personId || viewer.role === "org_admin" || viewer.role === "program_manager";

/** Reads of someone else's full profile by an admin role are audited. */
export const isAuditedProfileRead = (viewer: Actor, personId: string): boolean =>
  viewer.personId !== personId && (viewer.role === "org_admin" || viewer.role === "program_manager");
