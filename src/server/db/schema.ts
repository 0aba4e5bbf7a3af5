import type { Generated } from "kysely";

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
  two_factor_enabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AuthTwoFactorTable {
  id: string;
  user_id: string;
  secret: string;
  backup_codes: string;
  verified: Generated<number>;
  failed_verification_count: Generated<number>;
  locked_until: string | null;
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
  /** A leadership-track program feeds the succession view. */
  leadership_track: number;
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

export type MentoringFormat = "one_to_one" | "group" | "peer" | "reverse" | "flash";
export type RequestStatus = "open" | "accepted" | "declined" | "withdrawn" | "expired";
export type RelationshipStatus = "proposed" | "active" | "completed" | "ended_early";

export interface MentoringSettingsTable {
  program_id: string;
  organization_id: string;
  format: MentoringFormat;
  /** JSON text: ("self" | "admin" | "bulk")[] */
  match_modes: string;
  mentor_capacity: number;
  max_open_requests: number;
  request_expiry_days: number;
  default_duration_months: number;
  allow_both_roles: number;
  not_in_reporting_line: number;
  mentor_more_senior: number;
  shared_language: number;
  max_time_zone_gap_hours: number | null;
  checkin_interval_months: number;
  /** JSON text: Partial<MatchWeights> */
  weights: string;
  ideal_seniority_min: number | null;
  ideal_seniority_max: number | null;
  mentors_per_mentee: number;
  minimum_score: number;
  created_at: string;
  updated_at: string;
}

export interface MentoringParticipantTable {
  id: string;
  organization_id: string;
  program_id: string;
  person_id: string;
  role: "mentor" | "mentee";
  capacity: number | null;
  /** JSON text: Skill[] */
  skills_wanted: string;
  /** JSON text: mentor person ids, best first (mentees only) */
  ranking: string;
  /** JSON text: mentor person ids the mentee must not be matched with */
  avoid: string;
  updated_at: string;
}

export type MatchRunStatus = "running" | "draft" | "published" | "discarded" | "failed";

export interface MatchRunTable {
  id: string;
  organization_id: string;
  program_id: string;
  mode: "optimal" | "stable";
  status: MatchRunStatus;
  /** 0–1 while running */
  progress: number;
  total: number | null;
  /** JSON text: { menteeId, reason }[] */
  unmatched: string;
  blocking_pairs: number | null;
  solve_ms: number | null;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface MatchRunPairTable {
  id: string;
  run_id: string;
  mentee_id: string;
  mentor_id: string;
  score: number;
  locked: number;
  origin: "solver" | "manual";
}

export interface MentoringRequestTable {
  id: string;
  organization_id: string;
  program_id: string;
  mentee_id: string;
  mentor_id: string;
  message: string;
  status: RequestStatus;
  response_reason: string | null;
  response_comment: string | null;
  expires_at: string;
  responded_at: string | null;
  created_at: string;
}

export interface MentoringRelationshipTable {
  id: string;
  organization_id: string;
  program_id: string;
  mentor_id: string;
  mentee_id: string;
  status: RelationshipStatus;
  origin: "self" | "admin" | "bulk";
  request_id: string | null;
  /** The relationship's data key, encrypted with the master key. */
  wrapped_key: string;
  start_date: string | null;
  planned_end_date: string | null;
  ended_at: string | null;
  last_meeting_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MentoringAgreementTable {
  relationship_id: string;
  organization_id: string;
  goals: string;
  cadence: string;
  channel: string;
  confidentiality: string;
  duration_months: number;
  mentor_signed_at: string | null;
  mentee_signed_at: string | null;
  updated_by: string;
  updated_at: string;
}

export interface MentoringClosureTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  person_id: string;
  kind: "ended_early" | "reflection";
  /** Encrypted with the relationship key. */
  content: string;
  rating: number | null;
  created_at: string;
}

export interface MentoringMeetingTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  author_id: string;
  met_on: string;
  duration_minutes: number;
  /** Encrypted JSON { topics: string[]; notes: string }. */
  content: string;
  created_at: string;
  /**
   * iCalendar SEQUENCE: raised when the meeting's time or status changes. Optional because rows of this table
   * are passed around whole and the database defaults it to 0 on insert.
   */
  sequence?: number;
}

export interface MentoringJournalEntryTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  author_id: string;
  /** Encrypted text. */
  content: string;
  created_at: string;
}

export interface MentoringGoalTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  title: string;
  description: string;
  category: "career" | "skill" | "network" | "holistic";
  status: "not_started" | "in_progress" | "achieved" | "dropped";
  target_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface MentoringMilestoneTable {
  id: string;
  organization_id: string;
  goal_id: string;
  title: string;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
}

export interface MentoringGoalCommentTable {
  id: string;
  organization_id: string;
  goal_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface MentoringCheckinTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  author_id: string;
  period: number;
  satisfaction: number;
  learned: string;
  would_change: string;
  created_at: string;
}

export interface MentoringIntroductionTable {
  id: string;
  organization_id: string;
  relationship_id: string;
  mentor_id: string;
  mentee_id: string;
  contact_id: string;
  note: string;
  status: "pending" | "accepted" | "declined";
  responded_at: string | null;
  created_at: string;
}

export type CoachKind = "internal" | "external";
export type EngagementStatus = "setup" | "active" | "completed" | "cancelled";
export type Attendance = "scheduled" | "held" | "no_show" | "rescheduled";
export type ActionOutcome = "done" | "partly_done" | "not_done";
export type AssessmentPhase = "pre" | "post";

export interface CoachProfileTable {
  id: string;
  organization_id: string;
  person_id: string;
  kind: CoachKind;
  /** JSON text: string[] */
  specialties: string;
  /** JSON text: string[] */
  languages: string;
  capacity: number;
  bio: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CoachingEngagementTable {
  id: string;
  organization_id: string;
  program_id: string;
  coachee_id: string;
  /** null while the coachee chooses among the proposed coaches. */
  coach_id: string | null;
  sponsor_id: string;
  assigned_by: string;
  /** JSON text: string[], the chemistry-call candidates (empty when a coach was assigned directly). */
  proposed_coach_ids: string;
  status: EngagementStatus;
  /** The budget as first assigned; amendments add to it. */
  session_budget: number;
  start_date: string;
  end_date: string;
  focus: string;
  wrapped_key: string;
  objectives_agreed_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface CoachingAmendmentTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  added_sessions: number;
  previous_end_date: string;
  new_end_date: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface CoachingObjectiveTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  position: number;
  title: string;
  theme: string;
  metric_name: string;
  metric_unit: string;
  baseline: number;
  target: number;
  created_at: string;
}

export interface CoachingObjectiveAgreementTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  party: "coachee" | "coach" | "sponsor";
  person_id: string;
  agreed_at: string;
}

export interface CoachingSessionTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  scheduled_at: string;
  duration_minutes: number;
  attendance: Attendance;
  rescheduled_to: string | null;
  /** The four GROW fields and the private notes are ciphertext under the engagement's key. */
  goal: string | null;
  reality: string | null;
  options: string | null;
  will: string | null;
  /** JSON text: Record<GrowField, NoteVisibility> */
  visibility: string;
  private_notes: string | null;
  sponsor_summary: string | null;
  recorded_at: string | null;
  created_at: string;
  /** iCalendar SEQUENCE: raised when the session is rescheduled or cancelled. */
  sequence?: number;
}

export interface CoachingActionTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  session_id: string;
  owner_id: string;
  text: string;
  due_date: string;
  status: "open" | "done";
  review_outcome: ActionOutcome | null;
  review_comment: string | null;
  reviewed_in_session_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CoachingMetricValueTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  objective_id: string;
  session_id: string | null;
  value: number;
  recorded_on: string;
  recorded_by: string;
  created_at: string;
}

export interface CoachingAssessmentTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  phase: AssessmentPhase;
  rater_id: string;
  rater_kind: "self" | "stakeholder";
  /** JSON text: Record<objectiveId, number> */
  ratings: string;
  comment: string | null;
  invited_by: string | null;
  submitted_at: string | null;
  created_at: string;
}

export interface OrganizationSigningKeyTable {
  id: string;
  organization_id: string;
  /** The did:key that names the key; issuers of the organization's credentials. */
  controller: string;
  public_key_multibase: string;
  /** The Ed25519 private key (multibase), encrypted with the master key. */
  private_key_encrypted: string;
  created_at: string;
}

export type CourseStatus = "draft" | "published" | "archived";

export interface TrainingCourseTable {
  id: string;
  organization_id: string;
  title: string;
  summary: string;
  /** JSON text: string[] */
  competencies: string;
  min_attendance_pct: number;
  validity_months: number | null;
  status: CourseStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingModuleTable {
  id: string;
  organization_id: string;
  course_id: string;
  position: number;
  title: string;
  summary: string;
  created_at: string;
}

export interface TrainingLessonTable {
  id: string;
  organization_id: string;
  course_id: string;
  module_id: string;
  position: number;
  title: string;
  /** Markdown. */
  content: string;
  required: number;
  activity_prompt: string | null;
  created_at: string;
  updated_at: string;
}

export type TrainingAssessmentKind = "quiz" | "practical";

export interface TrainingAssessmentTable {
  id: string;
  organization_id: string;
  course_id: string;
  kind: TrainingAssessmentKind;
  position: number;
  title: string;
  instructions: string;
  required: number;
  pass_mark_pct: number;
  max_attempts: number | null;
  time_limit_minutes: number | null;
  /** JSON text: Question[] (answer key included) */
  questions: string;
  /** JSON text: RubricCriterion[] */
  rubric: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingCohortTable {
  id: string;
  organization_id: string;
  program_id: string;
  course_id: string;
  name: string;
  start_date: string;
  end_date: string;
  seats: number;
  time_zone: string;
  status: "open" | "closed" | "cancelled";
  created_at: string;
  updated_at: string;
}

export interface TrainingCohortTrainerTable {
  id: string;
  organization_id: string;
  cohort_id: string;
  person_id: string;
  created_at: string;
}

export type TrainingEnrolmentStatus = "enrolled" | "waitlisted" | "offered" | "withdrawn";

export interface TrainingEnrolmentTable {
  id: string;
  organization_id: string;
  cohort_id: string;
  person_id: string;
  status: TrainingEnrolmentStatus;
  /** When the person joined the waitlist; the waitlist is served in this order. */
  queued_at: string | null;
  offer_expires_at: string | null;
  enrolled_by: string;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type TrainingSessionKind = "lecture" | "workshop" | "role_play" | "hands_on";

export interface TrainingSessionTable {
  id: string;
  organization_id: string;
  cohort_id: string;
  kind: TrainingSessionKind;
  title: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  location: string | null;
  link: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
  /** iCalendar SEQUENCE: raised when the session's time, place or status changes. */
  sequence?: number;
}

export interface TrainingAttendanceTable {
  id: string;
  organization_id: string;
  session_id: string;
  cohort_id: string;
  person_id: string;
  status: "present" | "late" | "absent" | "excused";
  recorded_by: string;
  recorded_at: string;
}

export interface TrainingLessonProgressTable {
  id: string;
  organization_id: string;
  cohort_id: string;
  lesson_id: string;
  person_id: string;
  completed_at: string;
}

export type SubmissionStatus = "submitted" | "accepted" | "needs_revision";

export interface TrainingSubmissionTable {
  id: string;
  organization_id: string;
  cohort_id: string;
  lesson_id: string;
  person_id: string;
  kind: "text" | "link";
  body: string;
  status: SubmissionStatus;
  feedback: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  submitted_at: string;
}

export interface TrainingQuizAttemptTable {
  id: string;
  organization_id: string;
  assessment_id: string;
  cohort_id: string;
  person_id: string;
  attempt_number: number;
  status: "in_progress" | "submitted" | "expired";
  started_at: string;
  deadline_at: string | null;
  submitted_at: string | null;
  /** JSON text: Record<questionId, Answer> */
  answers: string;
  /** JSON text: QuizResult */
  result: string | null;
  score_pct: number | null;
  passed: number | null;
}

export interface TrainingPracticalGradeTable {
  id: string;
  organization_id: string;
  assessment_id: string;
  cohort_id: string;
  person_id: string;
  /** JSON text: Record<criterionId, levelId> */
  levels: string;
  /** JSON text: Record<criterionId, string> */
  comments: string;
  overall_comment: string;
  score_pct: number;
  passed: number;
  graded_by: string;
  graded_at: string;
}

export interface TrainingCertificateTable {
  id: string;
  organization_id: string;
  course_id: string;
  cohort_id: string;
  person_id: string;
  issued_at: string;
  expires_at: string | null;
  /** JSON text: the signed Open Badges 3.0 credential */
  credential: string;
  revoked_at: string | null;
}

export interface TrainingAssignmentTable {
  id: string;
  organization_id: string;
  course_id: string;
  /** JSON text: AssignmentTarget */
  target: string;
  due_at: string;
  note: string;
  created_by: string;
  created_at: string;
}

export interface TrainingAssigneeTable {
  id: string;
  organization_id: string;
  assignment_id: string;
  course_id: string;
  person_id: string;
  due_at: string;
  created_at: string;
}

export interface TrainingReminderTable {
  id: string;
  organization_id: string;
  assignee_id: string;
  due_at: string;
  kind: string;
  sent_at: string;
}

export interface AdvisorResponseTable {
  id: string;
  organization_id: string;
  /** Whose need it is. */
  person_id: string;
  /** The person themselves, or their manager answering on their behalf. */
  taken_by: string;
  /** JSON text: AdvisorAnswers */
  answers: string;
  /** JSON text: Recommendation */
  recommendation: string;
  created_at: string;
}

export interface IdempotencyKeyTable {
  id: string;
  person_id: string;
  method: string;
  path: string;
  key: string;
  /** HMAC of the method, path and body, keyed by the master key. */
  request_hash: string;
  /** Names the request that holds the key; only its transactions may mark the key committed. */
  lock_token: string;
  /** While the first request runs; a reservation left by a dead process may be taken over after it. */
  locked_until: string;
  /** Set in the same transaction as the request's write. */
  committed_at: string | null;
  response_status: number | null;
  response_type: string | null;
  /** The response body, encrypted with the master key. */
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

/** One row per erasure (GDPR Art. 17), named by the id of the tombstone that stands in for the erased person. */
export interface PersonErasureTable {
  id: string;
  organization_id: string;
  erased_at: string;
}

export type JobStatus = "queued" | "running" | "done" | "dead";

export interface JobTable {
  id: string;
  organization_id: string | null;
  kind: string;
  payload: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface SsoConnectionTable {
  id: string;
  organization_id: string;
  issuer_url: string;
  client_id: string;
  /** encryptText(master key, secret, `sso:<organization id>`) */
  client_secret_encrypted: string;
  /** JSON text: string[] of lower-case domains; empty allows any */
  allowed_domains: string;
  jit_provisioning: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export type PeopleImportStatus = "preview" | "queued" | "running" | "completed" | "failed";

export interface PeopleImportTable {
  id: string;
  organization_id: string;
  created_by: string;
  status: PeopleImportStatus;
  file_name: string | null;
  /** JSON text: the file's columns, as matched */
  columns: string;
  total_rows: number;
  to_create: number;
  to_update: number;
  unchanged: number;
  with_errors: number;
  planned: Generated<number>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  failure: string | null;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
  finished_at: string | null;
}

export type XapiActorFormat = "account" | "mbox";

export interface XapiConnectionTable {
  organization_id: string;
  endpoint: string;
  auth_key: string;
  /** encryptText(masterKey, secret, `xapi:<organization_id>`); never returned by the API. */
  auth_secret_encrypted: string;
  enabled: number;
  actor_format: XapiActorFormat;
  created_at: string;
  updated_at: string;
}

export type XapiStatementStatus = "queued" | "sent" | "failed";

export interface XapiStatementTable {
  id: string;
  organization_id: string;
  person_id: string;
  event: string;
  event_key: string;
  /** The xAPI statement id (UUID v4): the same on every retry. */
  statement_id: string;
  verb_id: string;
  object_id: string;
  object_name: string;
  /** JSON text: the xAPI statement as sent. */
  statement: string;
  status: XapiStatementStatus;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface ScimTokenTable {
  id: string;
  organization_id: string;
  /** What the admin called it ("Okta"); the audit log names SCIM changes by it. */
  name: string;
  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ScimIdentityTable {
  id: string;
  organization_id: string;
  person_id: string;
  external_id: string | null;
  /** Lower case; null when the identity provider's userName is the person's email. */
  user_name: string | null;
  /** The parts of person.name as the identity provider sent them; stale once the name is edited in Trellis. */
  given_name: string | null;
  family_name: string | null;
  created_at: string;
  updated_at: string;
}

/** A department's stable SCIM Group id; membership is person.department = display_name. */
export interface ScimGroupTable {
  id: string;
  organization_id: string;
  display_name: string;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

export interface WebhookEndpointTable {
  id: string;
  organization_id: string;
  url: string;
  description: string;
  /** JSON text: string[] of event types */
  events: string;
  enabled: number;
  /** Why Trellis turned the endpoint off itself (the receiver answered 410 Gone), or null. */
  disabled_reason: string | null;
  /** encryptText(master key, secret, `webhook:<endpoint id>`) */
  secret_encrypted: string;
  secret_rotated_at: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookEventTable {
  id: string;
  organization_id: string;
  type: string;
  /** JSON text: ids, kinds, states and times; never names, emails or content */
  data: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  http_status: number | null;
  error: string | null;
  next_retry_at: string | null;
  /** The exact JSON body sent, the same on every attempt */
  request_body: string;
  response_excerpt: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface WebhookDeliveryAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  outcome: "succeeded" | "retrying" | "failed";
  http_status: number | null;
  error: string | null;
  response_excerpt: string | null;
  next_retry_at: string | null;
}

export interface NotificationPreferenceTable {
  person_id: string;
  organization_id: string;
  /** A NotificationCategory other than `account`, which cannot be turned off. */
  category: string;
  enabled: number;
  updated_at: string;
}

/** A person's private iCalendar subscription; the token is kept only as its SHA-256. */
export interface CalendarFeedTable {
  id: string;
  organization_id: string;
  person_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** An import's file, apart from its often-updated status row. */
export interface PeopleImportDataTable {
  import_id: string;
  /** JSON text: { row: number; column: string | null; message: string }[] */
  errors: string;
  /** JSON text: the valid rows to write; null once the import has finished */
  rows: string | null;
}

export interface Database {
  organization: OrganizationTable;
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_two_factor: AuthTwoFactorTable;
  person: PersonTable;
  invitation: InvitationTable;
  program: ProgramTable;
  enrolment: EnrolmentTable;
  audit_event: AuditEventTable;
  mentoring_settings: MentoringSettingsTable;
  mentoring_participant: MentoringParticipantTable;
  match_run: MatchRunTable;
  match_run_pair: MatchRunPairTable;
  mentoring_request: MentoringRequestTable;
  mentoring_relationship: MentoringRelationshipTable;
  mentoring_agreement: MentoringAgreementTable;
  mentoring_closure: MentoringClosureTable;
  mentoring_meeting: MentoringMeetingTable;
  mentoring_journal_entry: MentoringJournalEntryTable;
  mentoring_goal: MentoringGoalTable;
  mentoring_milestone: MentoringMilestoneTable;
  mentoring_goal_comment: MentoringGoalCommentTable;
  mentoring_checkin: MentoringCheckinTable;
  mentoring_introduction: MentoringIntroductionTable;
  coach_profile: CoachProfileTable;
  coaching_engagement: CoachingEngagementTable;
  coaching_amendment: CoachingAmendmentTable;
  coaching_objective: CoachingObjectiveTable;
  coaching_objective_agreement: CoachingObjectiveAgreementTable;
  coaching_session: CoachingSessionTable;
  coaching_action: CoachingActionTable;
  coaching_metric_value: CoachingMetricValueTable;
  coaching_assessment: CoachingAssessmentTable;
  organization_signing_key: OrganizationSigningKeyTable;
  training_course: TrainingCourseTable;
  training_module: TrainingModuleTable;
  training_lesson: TrainingLessonTable;
  training_assessment: TrainingAssessmentTable;
  training_cohort: TrainingCohortTable;
  training_cohort_trainer: TrainingCohortTrainerTable;
  training_enrolment: TrainingEnrolmentTable;
  training_session: TrainingSessionTable;
  training_attendance: TrainingAttendanceTable;
  training_lesson_progress: TrainingLessonProgressTable;
  training_submission: TrainingSubmissionTable;
  training_quiz_attempt: TrainingQuizAttemptTable;
  training_practical_grade: TrainingPracticalGradeTable;
  training_certificate: TrainingCertificateTable;
  training_assignment: TrainingAssignmentTable;
  training_assignee: TrainingAssigneeTable;
  training_reminder: TrainingReminderTable;
  advisor_response: AdvisorResponseTable;
  idempotency_key: IdempotencyKeyTable;
  person_erasure: PersonErasureTable;
  sso_connection: SsoConnectionTable;
  job: JobTable;
  people_import: PeopleImportTable;
  people_import_data: PeopleImportDataTable;
  xapi_connection: XapiConnectionTable;
  xapi_statement: XapiStatementTable;
  scim_token: ScimTokenTable;
  scim_identity: ScimIdentityTable;
  scim_group: ScimGroupTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_event: WebhookEventTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_delivery_attempt: WebhookDeliveryAttemptTable;
  notification_preference: NotificationPreferenceTable;
  calendar_feed: CalendarFeedTable;
}
