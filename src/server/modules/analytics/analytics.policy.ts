import type { ProgramStatus } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { MANAGES_PROGRAMS, managesPrograms } from "../programs/programs.policy.ts";

/** Aggregates only, never a person: program staff and sponsors. */
export const SEES_ANALYTICS = ["org_admin", "program_manager", "sponsor"] as const;

/** The succession view names people, so it is for those who run programs. */
export const SEES_SUCCESSION = MANAGES_PROGRAMS;

/**
 * The programs whose figures a caller gets: every program for those who run programs, published ones for
 * sponsors (as on the programs pages, where sponsors see no drafts or archived programs).
 */
export const visibleStatuses = (actor: Actor): ProgramStatus[] =>
  managesPrograms(actor) ? ["draft", "published", "archived"] : ["published"];
