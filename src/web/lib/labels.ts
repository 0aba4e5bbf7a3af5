import type { OrgRole, Program, ProgramKind } from "../api/client.ts";

export const ROLE_LABELS: Record<OrgRole, string> = {
  org_admin: "Org admin",
  program_manager: "Program manager",
  sponsor: "Sponsor",
  member: "Member",
};

export const ORG_ROLES: OrgRole[] = ["member", "program_manager", "sponsor", "org_admin"];

/** The organization roles as options for a select. */
export const ROLE_OPTIONS = ORG_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const KIND_LABELS: Record<ProgramKind, string> = {
  mentoring: "Mentoring",
  coaching: "Coaching",
  training: "Training",
};

export const PROGRAM_KINDS: ProgramKind[] = ["mentoring", "coaching", "training"];

export const ENROLMENT_ROLE_LABELS: Record<string, string> = {
  mentee: "Mentee",
  mentor: "Mentor",
  coachee: "Coachee",
  trainee: "Trainee",
};

export const roleLabel = (role: string) => ENROLMENT_ROLE_LABELS[role] ?? role;

export const STATE_LABELS: Record<Program["enrolmentState"], string> = {
  not_yet_open: "Opens soon",
  open: "Enrolment open",
  closed: "Enrolment closed",
};

export const managesPrograms = (role: OrgRole) => role === "org_admin" || role === "program_manager";
export const seesStats = (role: OrgRole) =>
  role === "org_admin" || role === "program_manager" || role === "sponsor";

export const SKILL_LEVELS: Record<number, string> = {
  1: "1 — learning",
  2: "2 — working knowledge",
  3: "3 — practitioner",
  4: "4 — advanced",
  5: "5 — expert",
};

/** Turns an audit action such as `person.invitation_revoked` into "Person invitation revoked". */
export function humanize(action: string): string {
  const s = action.replace(/[._]/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
