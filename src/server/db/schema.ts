export type OrgRole = "org_admin" | "program_manager" | "sponsor" | "member";
export type PersonStatus = "invited" | "active" | "deactivated";
export type ProgramKind = "mentoring" | "coaching" | "training";
export type ProgramStatus = "draft" | "published" | "archived";

export interface OrganizationTable {
  id: string;
  name: string;
  slug: string;
  created_at: string;
  updated_at: string;
}

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: number;
  image: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: string;
  ip_address: string | null;
  user_agent: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuthAccountTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  access_token_expires_at: string | null;
  refresh_token_expires_at: string | null;
  scope: string | null;
  id_token: string | null;
  password: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuthVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  organization_id: string;
  user_id: string | null;
  email: string;
  name: string;
  title: string | null;
  department: string | null;
  seniority: number | null;
  manager_id: string | null;
  location: string | null;
  time_zone: string;
  /** JSON text: string[] */
  languages: string;
  /** JSON text: { name: string; level: number }[] */
  skills: string;
  /** JSON text: string[] */
  interests: string;
  career_goals: string | null;
  org_role: OrgRole;
  status: PersonStatus;
  created_at: string;
  updated_at: string;
}

export interface InvitationTable {
  id: string;
  organization_id: string;
  person_id: string;
  email: string;
  token_hash: string;
  invited_by: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface ProgramTable {
  id: string;
  organization_id: string;
  kind: ProgramKind;
  name: string;
  description: string;
  owner_id: string;
  status: ProgramStatus;
  enrolment_opens_at: string;
  enrolment_closes_at: string;
  /** JSON text: Eligibility */
  eligibility: string;
  /** JSON text: Question[] */
  questionnaire: string;
  created_at: string;
  updated_at: string;
}

export interface EnrolmentTable {
  id: string;
  organization_id: string;
  program_id: string;
  person_id: string;
  role: string;
  /** JSON text: Record<questionId, answer> */
  answers: string;
  status: "active" | "withdrawn";
  created_at: string;
  updated_at: string;
}

export interface AuditEventTable {
  id: string;
  organization_id: string | null;
  actor_person_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip_address: string | null;
  /** JSON text */
  details: string;
  created_at: string;
}

export interface Database {
  organization: OrganizationTable;
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  person: PersonTable;
  invitation: InvitationTable;
  program: ProgramTable;
  enrolment: EnrolmentTable;
  audit_event: AuditEventTable;
}
