import type { Database } from "../../db/schema.ts";

export type TableName = keyof Database;
type Column<T extends TableName> = keyof Database[T] & string;
export type Row = Record<string, unknown>;

/**
 * What erasure does with a row whose column holds the subject's id:
 * `delete` the row; point the column at the erasure's `tombstone` ("Former member"), so a shared record stays
 * whole for the other party; set it to `null`; point it at the subject's own `manager` (the reporting line
 * closes over the gap); or `redact` (the audit log, see privacy.repository.ts).
 */
export type Erasure = "delete" | "tombstone" | "null" | "manager" | "redact";

export interface SubjectColumn<T extends TableName> {
  column: Column<T>;
  /**
   * `owner`: the row is the subject's own data (or shared data of theirs, like a relationship), and the export
   * holds every personal column of it. `mention`: the row is someone else's and only names the subject (who
   * graded, who recorded, who created), so the export holds that column alone.
   */
  role: "owner" | "mention";
  erase: Erasure;
  /** Columns overwritten when this column matched and the row is kept: free text the subject wrote. */
  clear?: Partial<Record<Column<T>, string | null>>;
}

/** Content encrypted with a relationship's or an engagement's data key (see lib/crypto.ts). */
export interface Encrypted<T extends TableName> {
  columns: readonly Column<T>[];
  /** The column holding the id of the row whose wrapped key encrypts the content (and is its AAD). */
  keyColumn: Column<T>;
  keyTable: "mentoring_relationship" | "coaching_engagement";
}

export interface PersonalTable<T extends TableName> {
  personal: true;
  /** Whose data, in words. */
  holds: string;
  /** `user`: the subject columns hold the sign-in account's id (auth_user.id), not the person's. */
  subjectKey?: "person" | "user";
  subjects: readonly SubjectColumn<T>[];
  /**
   * Rows the subject reads through a parent row they take part in (a meeting through its relationship):
   * exported with every personal column; erasure keeps them beside the parent, which names the tombstone.
   */
  via?: { column: Column<T>; parent: TableName; as: readonly string[] };
  /** The columns that hold personal data: the export carries every one of them. */
  personalColumns: readonly Column<T>[];
  /** JSON text, exported parsed. */
  json?: readonly Column<T>[];
  encrypted?: Encrypted<T>;
  /**
   * JSON text that may list the subject's id among other people's (a mentee's ranking of mentors): erasure swaps
   * it for the tombstone's. Not exported: the rest of such a row is the other person's.
   */
  idLists?: readonly Column<T>[];
  /** JSON text that may name the subject in a row that is not theirs: exported as a mention of that column. */
  mentionedIn?: readonly Column<T>[];
  /**
   * Columns of this row that hold another person's private content the subject may not read; the export
   * leaves them out. `parent` is the `via` parent row, when there is one.
   */
  withhold?: (row: Row, subjectId: string, parent: Row | undefined) => readonly Column<T>[];
}

export interface NonPersonalTable {
  personal: false;
  why: string;
}

export type TableDeclaration<T extends TableName> = PersonalTable<T> | NonPersonalTable;

const GROW = ["goal", "reality", "options", "will"] as const;

/**
 * Every table of the database, and whether it holds personal data (GDPR Art. 4(1)). personal-data.test.ts
 * fails when a table of the live database has no entry here, and proves the export and the erasure against it.
 * Credentials (password hashes, session tokens, invitation token hashes, wrapped keys) are never personal
 * columns here: they leave with their row and are never exported.
 */
export const PERSONAL_DATA: { [T in TableName]: TableDeclaration<T> } = {
  organization: { personal: false, why: "The tenant: its name and slug." },
  auth_user: {
    personal: true,
    holds: "The sign-in account: name, email, avatar.",
    subjectKey: "user",
    subjects: [{ column: "id", role: "owner", erase: "delete" }],
    personalColumns: [
      "id",
      "name",
      "email",
      "email_verified",
      "image",
      "two_factor_enabled",
      "created_at",
      "updated_at",
    ],
  },
  auth_two_factor: {
    personal: true,
    holds: "Whether the person confirmed an authenticator app (the secret and backup codes are credentials).",
    subjectKey: "user",
    subjects: [{ column: "user_id", role: "owner", erase: "delete" }],
    personalColumns: ["user_id", "verified"],
  },
  auth_session: {
    personal: true,
    holds: "Signed-in sessions: IP address and browser.",
    subjectKey: "user",
    subjects: [{ column: "user_id", role: "owner", erase: "delete" }],
    personalColumns: ["user_id", "expires_at", "ip_address", "user_agent", "created_at", "updated_at"],
  },
  auth_account: {
    personal: true,
    holds: "How the person signs in (the password hash is a credential: deleted, never exported).",
    subjectKey: "user",
    subjects: [{ column: "user_id", role: "owner", erase: "delete" }],
    personalColumns: ["user_id", "account_id", "provider_id", "scope", "created_at", "updated_at"],
  },
  auth_verification: {
    personal: true,
    holds: "Pending password resets; `value` is the account id (the identifier holds the reset token).",
    subjectKey: "user",
    subjects: [{ column: "value", role: "owner", erase: "delete" }],
    personalColumns: ["value", "expires_at", "created_at", "updated_at"],
  },
  person: {
    personal: true,
    holds: "The profile.",
    subjects: [
      { column: "id", role: "owner", erase: "delete" },
      { column: "manager_id", role: "mention", erase: "manager" },
    ],
    personalColumns: [
      "id",
      "user_id",
      "email",
      "name",
      "title",
      "department",
      "seniority",
      "manager_id",
      "location",
      "time_zone",
      "languages",
      "skills",
      "interests",
      "career_goals",
      "org_role",
      "status",
      "created_at",
      "updated_at",
    ],
    json: ["languages", "skills", "interests"],
  },
  invitation: {
    personal: true,
    holds: "Invitations to join: the invitee's email; who invited.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "invited_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "person_id",
      "email",
      "invited_by",
      "expires_at",
      "accepted_at",
      "revoked_at",
      "created_at",
    ],
  },
  program: {
    personal: true,
    holds: "Programs the person owns.",
    subjects: [{ column: "owner_id", role: "mention", erase: "tombstone" }],
    personalColumns: ["owner_id"],
  },
  enrolment: {
    personal: true,
    holds: "Program enrolments and intake answers.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["program_id", "person_id", "role", "answers", "status", "created_at", "updated_at"],
    json: ["answers"],
  },
  audit_event: {
    personal: true,
    holds:
      "What the person did and what was done to their profile. Append-only: erasure redacts (ids become the tombstone's, the IP is dropped, names and emails are scrubbed from the details), it never deletes.",
    subjects: [
      { column: "actor_person_id", role: "owner", erase: "redact" },
      { column: "target_id", role: "owner", erase: "redact" },
    ],
    personalColumns: [
      "actor_person_id",
      "action",
      "target_type",
      "target_id",
      "ip_address",
      "details",
      "created_at",
    ],
    json: ["details"],
    mentionedIn: ["details"],
    withhold: (row, subjectId) => (row.actor_person_id === subjectId ? [] : ["ip_address"]),
  },
  mentoring_settings: { personal: false, why: "A mentoring program's settings." },
  mentoring_participant: {
    personal: true,
    holds: "Mentoring participation: capacity, skills wanted, the mentee's ranking and avoid list.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "program_id",
      "person_id",
      "role",
      "capacity",
      "skills_wanted",
      "ranking",
      "avoid",
      "updated_at",
    ],
    json: ["skills_wanted", "ranking", "avoid"],
    idLists: ["ranking", "avoid"],
  },
  match_run: {
    personal: true,
    holds: "Bulk match runs the person started; the unmatched mentees of a run.",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    personalColumns: ["created_by"],
    idLists: ["unmatched"],
  },
  match_run_pair: {
    personal: true,
    holds: "Draft pairs of a bulk match.",
    subjects: [
      { column: "mentee_id", role: "owner", erase: "tombstone" },
      { column: "mentor_id", role: "owner", erase: "tombstone" },
    ],
    personalColumns: ["run_id", "mentee_id", "mentor_id", "score", "locked", "origin"],
  },
  mentoring_request: {
    personal: true,
    holds: "Mentoring requests sent and received.",
    subjects: [
      { column: "mentee_id", role: "owner", erase: "tombstone", clear: { message: "" } },
      { column: "mentor_id", role: "owner", erase: "tombstone", clear: { response_comment: null } },
    ],
    personalColumns: [
      "program_id",
      "mentee_id",
      "mentor_id",
      "message",
      "status",
      "response_reason",
      "response_comment",
      "expires_at",
      "responded_at",
      "created_at",
    ],
  },
  mentoring_relationship: {
    personal: true,
    holds: "Mentoring relationships, kept for the other party with the erased side shown as a former member.",
    subjects: [
      { column: "mentor_id", role: "owner", erase: "tombstone" },
      { column: "mentee_id", role: "owner", erase: "tombstone" },
    ],
    personalColumns: [
      "program_id",
      "mentor_id",
      "mentee_id",
      "status",
      "origin",
      "start_date",
      "planned_end_date",
      "ended_at",
      "last_meeting_at",
      "created_at",
      "updated_at",
    ],
  },
  mentoring_agreement: {
    personal: true,
    holds: "The pair's agreement.",
    subjects: [{ column: "updated_by", role: "mention", erase: "tombstone" }],
    via: { column: "relationship_id", parent: "mentoring_relationship", as: ["mentor_id", "mentee_id"] },
    personalColumns: [
      "relationship_id",
      "goals",
      "cadence",
      "channel",
      "confidentiality",
      "duration_months",
      "mentor_signed_at",
      "mentee_signed_at",
      "updated_by",
      "updated_at",
    ],
  },
  mentoring_closure: {
    personal: true,
    holds: "Closing reflections (the pair's) and reasons for ending early (the author's alone).",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    via: { column: "relationship_id", parent: "mentoring_relationship", as: ["mentor_id", "mentee_id"] },
    personalColumns: ["relationship_id", "person_id", "kind", "content", "rating", "created_at"],
    encrypted: { columns: ["content"], keyColumn: "relationship_id", keyTable: "mentoring_relationship" },
    withhold: (row, subjectId) =>
      row.kind === "ended_early" && row.person_id !== subjectId ? ["content"] : [],
  },
  mentoring_meeting: {
    personal: true,
    holds: "The pair's meeting log (encrypted); kept for the other party.",
    subjects: [{ column: "author_id", role: "owner", erase: "tombstone" }],
    via: { column: "relationship_id", parent: "mentoring_relationship", as: ["mentor_id", "mentee_id"] },
    personalColumns: ["relationship_id", "author_id", "met_on", "duration_minutes", "content", "created_at"],
    json: ["content"],
    encrypted: { columns: ["content"], keyColumn: "relationship_id", keyTable: "mentoring_relationship" },
  },
  mentoring_journal_entry: {
    personal: true,
    holds: "The pair's journal (encrypted); the erased person's own entries are deleted.",
    subjects: [{ column: "author_id", role: "owner", erase: "delete" }],
    via: { column: "relationship_id", parent: "mentoring_relationship", as: ["mentor_id", "mentee_id"] },
    personalColumns: ["relationship_id", "author_id", "content", "created_at"],
    encrypted: { columns: ["content"], keyColumn: "relationship_id", keyTable: "mentoring_relationship" },
  },
  mentoring_goal: {
    personal: true,
    holds: "The pair's goals.",
    subjects: [],
    via: { column: "relationship_id", parent: "mentoring_relationship", as: ["mentor_id", "mentee_id"] },
    personalColumns: [
      "relationship_id",
      "title",
      "description",
      "category",
      "status",
      "target_date",
      "created_at",
      "updated_at",
    ],
  },
  mentoring_milestone: {
    personal: true,
    holds: "Milestones of the pair's goals.",
    subjects: [],
    via: { column: "goal_id", parent: "mentoring_goal", as: [] },
    personalColumns: ["goal_id", "title", "due_date", "done_at", "created_at"],
  },
  mentoring_goal_comment: {
    personal: true,
    holds: "Comments on the pair's goals; the erased person's own are deleted.",
    subjects: [{ column: "author_id", role: "owner", erase: "delete" }],
    via: { column: "goal_id", parent: "mentoring_goal", as: [] },
    personalColumns: ["goal_id", "author_id", "body", "created_at"],
  },
  mentoring_checkin: {
    personal: true,
    holds: "Periodic check-ins, each from one side.",
    subjects: [{ column: "author_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "relationship_id",
      "author_id",
      "period",
      "satisfaction",
      "learned",
      "would_change",
      "created_at",
    ],
  },
  mentoring_introduction: {
    personal: true,
    holds: "Introductions by a mentor to a contact.",
    subjects: [
      { column: "mentor_id", role: "owner", erase: "tombstone", clear: { note: "" } },
      { column: "mentee_id", role: "owner", erase: "tombstone" },
      { column: "contact_id", role: "owner", erase: "tombstone" },
    ],
    personalColumns: [
      "relationship_id",
      "mentor_id",
      "mentee_id",
      "contact_id",
      "note",
      "status",
      "responded_at",
      "created_at",
    ],
  },
  coach_profile: {
    personal: true,
    holds: "A coach's profile.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "person_id",
      "kind",
      "specialties",
      "languages",
      "capacity",
      "bio",
      "active",
      "created_at",
      "updated_at",
    ],
    json: ["specialties", "languages"],
  },
  coaching_engagement: {
    personal: true,
    holds: "Coaching engagements, kept for the other parties with the erased one shown as a former member.",
    subjects: [
      { column: "coachee_id", role: "owner", erase: "tombstone" },
      { column: "coach_id", role: "owner", erase: "tombstone" },
      { column: "sponsor_id", role: "owner", erase: "tombstone" },
      { column: "assigned_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "program_id",
      "coachee_id",
      "coach_id",
      "sponsor_id",
      "assigned_by",
      "proposed_coach_ids",
      "status",
      "session_budget",
      "start_date",
      "end_date",
      "focus",
      "objectives_agreed_at",
      "closed_at",
      "close_reason",
      "created_at",
      "updated_at",
    ],
    json: ["proposed_coach_ids"],
    idLists: ["proposed_coach_ids"],
  },
  coaching_amendment: {
    personal: true,
    holds: "Budget amendments of an engagement.",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    via: {
      column: "engagement_id",
      parent: "coaching_engagement",
      as: ["coachee_id", "coach_id", "sponsor_id"],
    },
    personalColumns: [
      "engagement_id",
      "added_sessions",
      "previous_end_date",
      "new_end_date",
      "reason",
      "created_by",
      "created_at",
    ],
  },
  coaching_objective: {
    personal: true,
    holds: "The coachee's objectives and metrics.",
    subjects: [],
    via: {
      column: "engagement_id",
      parent: "coaching_engagement",
      as: ["coachee_id", "coach_id", "sponsor_id"],
    },
    personalColumns: [
      "engagement_id",
      "position",
      "title",
      "theme",
      "metric_name",
      "metric_unit",
      "baseline",
      "target",
      "created_at",
    ],
  },
  coaching_objective_agreement: {
    personal: true,
    holds: "Who agreed the objectives.",
    subjects: [{ column: "person_id", role: "owner", erase: "tombstone" }],
    via: {
      column: "engagement_id",
      parent: "coaching_engagement",
      as: ["coachee_id", "coach_id", "sponsor_id"],
    },
    personalColumns: ["engagement_id", "party", "person_id", "agreed_at"],
  },
  coaching_session: {
    personal: true,
    holds:
      "GROW session records (encrypted). The coachee reads the fields shared with them; coach-private fields and notes are the coach's alone.",
    subjects: [],
    via: { column: "engagement_id", parent: "coaching_engagement", as: ["coachee_id", "coach_id"] },
    personalColumns: [
      "engagement_id",
      "scheduled_at",
      "duration_minutes",
      "attendance",
      "rescheduled_to",
      "goal",
      "reality",
      "options",
      "will",
      "visibility",
      "private_notes",
      "sponsor_summary",
      "recorded_at",
      "created_at",
    ],
    json: ["visibility"],
    encrypted: {
      columns: ["goal", "reality", "options", "will", "private_notes"],
      keyColumn: "engagement_id",
      keyTable: "coaching_engagement",
    },
    withhold: (row, subjectId, parent) => {
      if (parent?.coach_id === subjectId) return [];
      let visibility: Record<string, string> = {};
      try {
        visibility = JSON.parse(String(row.visibility ?? "{}")) as Record<string, string>;
      } catch {
        visibility = {};
      }
      return ["private_notes", ...GROW.filter((f) => (visibility[f] ?? "coach_private") === "coach_private")];
    },
  },
  coaching_action: {
    personal: true,
    holds: "Action items the coachee practises between sessions.",
    subjects: [{ column: "owner_id", role: "owner", erase: "tombstone" }],
    via: { column: "engagement_id", parent: "coaching_engagement", as: ["coachee_id", "coach_id"] },
    personalColumns: [
      "engagement_id",
      "session_id",
      "owner_id",
      "text",
      "due_date",
      "status",
      "review_outcome",
      "review_comment",
      "reviewed_in_session_id",
      "created_at",
      "updated_at",
    ],
  },
  coaching_metric_value: {
    personal: true,
    holds: "Progress of the coachee's metrics.",
    subjects: [{ column: "recorded_by", role: "mention", erase: "tombstone" }],
    via: {
      column: "engagement_id",
      parent: "coaching_engagement",
      as: ["coachee_id", "coach_id", "sponsor_id"],
    },
    personalColumns: [
      "engagement_id",
      "objective_id",
      "session_id",
      "value",
      "recorded_on",
      "recorded_by",
      "created_at",
    ],
  },
  coaching_assessment: {
    personal: true,
    holds: "Pre and post ratings, by the coachee or a stakeholder.",
    subjects: [
      { column: "rater_id", role: "owner", erase: "tombstone", clear: { comment: null } },
      { column: "invited_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "engagement_id",
      "phase",
      "rater_id",
      "rater_kind",
      "ratings",
      "comment",
      "invited_by",
      "submitted_at",
      "created_at",
    ],
    json: ["ratings"],
  },
  organization_signing_key: { personal: false, why: "The organization's credential-signing key." },
  training_course: {
    personal: true,
    holds: "Courses the person authored.",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    personalColumns: ["created_by"],
  },
  training_module: { personal: false, why: "Course content." },
  training_lesson: { personal: false, why: "Course content." },
  training_assessment: { personal: false, why: "Course content: quizzes and rubrics." },
  training_cohort: { personal: false, why: "A cohort's dates, seats and time zone." },
  training_cohort_trainer: {
    personal: true,
    holds: "Who teaches a cohort; kept for the cohort with the erased trainer shown as a former member.",
    subjects: [{ column: "person_id", role: "owner", erase: "tombstone" }],
    personalColumns: ["cohort_id", "person_id", "created_at"],
  },
  training_enrolment: {
    personal: true,
    holds: "Cohort enrolments and waitlist places.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "enrolled_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "cohort_id",
      "person_id",
      "status",
      "queued_at",
      "offer_expires_at",
      "enrolled_by",
      "completed_at",
      "created_at",
      "updated_at",
    ],
  },
  training_session: { personal: false, why: "A cohort's scheduled sessions." },
  training_attendance: {
    personal: true,
    holds: "Attendance marks.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "recorded_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: ["session_id", "cohort_id", "person_id", "status", "recorded_by", "recorded_at"],
  },
  training_lesson_progress: {
    personal: true,
    holds: "Lessons completed.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["cohort_id", "lesson_id", "person_id", "completed_at"],
  },
  training_submission: {
    personal: true,
    holds: "Hands-on activity submissions and their review.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "reviewed_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "cohort_id",
      "lesson_id",
      "person_id",
      "kind",
      "body",
      "status",
      "feedback",
      "reviewed_by",
      "reviewed_at",
      "submitted_at",
    ],
  },
  training_quiz_attempt: {
    personal: true,
    holds: "Quiz attempts, answers and results.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "assessment_id",
      "cohort_id",
      "person_id",
      "attempt_number",
      "status",
      "started_at",
      "deadline_at",
      "submitted_at",
      "answers",
      "result",
      "score_pct",
      "passed",
    ],
    json: ["answers", "result"],
  },
  training_practical_grade: {
    personal: true,
    holds: "Practical evaluations against a rubric.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "graded_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: [
      "assessment_id",
      "cohort_id",
      "person_id",
      "levels",
      "comments",
      "overall_comment",
      "score_pct",
      "passed",
      "graded_by",
      "graded_at",
    ],
    json: ["levels", "comments"],
  },
  training_certificate: {
    personal: true,
    holds: "Certificates and their signed credentials (which name the holder).",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "course_id",
      "cohort_id",
      "person_id",
      "issued_at",
      "expires_at",
      "credential",
      "revoked_at",
    ],
    json: ["credential"],
  },
  training_assignment: {
    personal: true,
    holds: "Mandatory training assigned by the person; a list of people may name the subject.",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    personalColumns: ["created_by"],
    idLists: ["target"],
  },
  training_assignee: {
    personal: true,
    holds: "Mandatory training assigned to the person.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["assignment_id", "course_id", "person_id", "due_at", "created_at"],
  },
  training_reminder: {
    personal: true,
    holds: "Reminder emails sent about the person's mandatory training.",
    subjects: [],
    via: { column: "assignee_id", parent: "training_assignee", as: [] },
    personalColumns: ["assignee_id", "due_at", "kind", "sent_at"],
  },
  advisor_response: {
    personal: true,
    holds: "Development advisor questionnaires and recommendations.",
    subjects: [
      { column: "person_id", role: "owner", erase: "delete" },
      { column: "taken_by", role: "mention", erase: "tombstone" },
    ],
    personalColumns: ["person_id", "taken_by", "answers", "recommendation", "created_at"],
    json: ["answers", "recommendation"],
  },
  idempotency_key: {
    personal: true,
    holds:
      "Retried writes of the last day. The cached response (encrypted with the master key) repeats data exported from its own table; it is deleted, not exported.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["person_id", "method", "path", "created_at", "expires_at"],
  },
  notification_preference: {
    personal: true,
    holds: "Which kinds of email notification the person turned off or on again.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["person_id", "category", "enabled", "updated_at"],
  },
  person_erasure: {
    personal: false,
    why: "When an erasure happened and the id of its tombstone; nothing leads back to the erased person.",
  },
  sso_connection: {
    personal: false,
    why: "The organization's single sign-on settings: the identity provider's address, client id, encrypted client secret and allowed email domains. People signed in through it are linked in auth_account.",
  },
  webhook_endpoint: {
    personal: false,
    why: "The organization's webhook receivers: address, description, chosen event types, on/off and the encrypted signing secret.",
  },
  webhook_event: {
    personal: true,
    holds:
      "The outbox of webhook events: type, time and the ids, kinds and states of what happened, never names, emails or content. The ids may name the person; erasure swaps theirs for the tombstone's. Not exported: an event is the organization's record of a change, not the person's data.",
    subjects: [],
    personalColumns: ["data"],
    idLists: ["data"],
  },
  webhook_delivery: {
    personal: true,
    holds:
      "The delivery of a webhook event to a receiver: the body sent (the event's ids and states), the receiver's HTTP status, error and the start of its answer. Erasure swaps the person's id in the body for the tombstone's.",
    subjects: [],
    personalColumns: ["request_body"],
    idLists: ["request_body"],
  },
  webhook_delivery_attempt: {
    personal: false,
    why: "One attempt at a webhook delivery: when, how long, the HTTP status, error and the start of the receiver's answer.",
  },
  calendar_feed: {
    personal: true,
    holds:
      "The person's private calendar subscription links: when each was made, last read and revoked (the token's hash is a credential).",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: ["person_id", "created_at", "last_used_at", "revoked_at"],
  },
  job: {
    personal: true,
    holds:
      "Background work waiting or lately done: kinds, ids and delivery state, never emails or content (a job looks those up when it runs). A notification email waiting to be sent holds its recipient's id and its wording, which may name who acted; once run, only the recipient's id and the category are kept. Erasure swaps the person's id for the tombstone's, so a queued email to them is skipped. Not exported: finished jobs are deleted after a week.",
    subjects: [],
    personalColumns: ["payload"],
    idLists: ["payload"],
  },
  people_import: {
    personal: true,
    holds:
      "CSV imports of people: who started one. The uploaded rows (other people's profiles, written to their person rows) are kept only until the import finishes; the row errors name row numbers and columns, never values.",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    personalColumns: ["created_by", "created_at"],
  },
  people_import_data: {
    personal: false,
    why: "Transient: the uploaded rows (the profiles being imported, which land in person, where they are declared) are cleared when the import finishes; what stays are row errors (row numbers, columns and messages, never values).",
  },
  xapi_connection: {
    personal: false,
    why: "The organization's learning record store: its address, key and encrypted secret, whether it is on and how learners are identified in statements.",
  },
  xapi_statement: {
    personal: true,
    holds:
      "xAPI statements about the person's training (lessons completed, quizzes passed or failed, courses completed, certificates earned) as sent to the organization's learning record store, with their delivery state. Erasure deletes them here; statements already stored in the LRS are the LRS operator's to erase.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "person_id",
      "event",
      "statement_id",
      "verb_id",
      "object_id",
      "object_name",
      "statement",
      "status",
      "attempts",
      "last_error",
      "created_at",
      "sent_at",
    ],
    json: ["statement"],
  },
  scim_token: {
    personal: true,
    holds: "SCIM provisioning tokens: which admin created each (the token's hash is a credential).",
    subjects: [{ column: "created_by", role: "mention", erase: "tombstone" }],
    personalColumns: ["created_by", "created_at"],
  },
  scim_identity: {
    personal: true,
    holds:
      "How the organization's identity provider names the person: its external id, user name, given and family name.",
    subjects: [{ column: "person_id", role: "owner", erase: "delete" }],
    personalColumns: [
      "person_id",
      "external_id",
      "user_name",
      "given_name",
      "family_name",
      "created_at",
      "updated_at",
    ],
  },
  scim_group: {
    personal: false,
    why: "A department's stable SCIM group id, its name and the identity provider's id for it; who is in it is the person's department.",
  },
};

/**
 * Tables outside schema.ts: the migrator's own, and SQLite's full-text index of the directory (a copy of each
 * person's name, email, title and department, kept in step with `person` by triggers, so it leaves with the
 * person row) and the FTS5 tables that hold it.
 */
export const ENGINE_TABLES: Record<string, NonPersonalTable | { personal: true; holds: string }> = {
  kysely_migration: { personal: false, why: "Which migrations ran." },
  kysely_migration_lock: { personal: false, why: "The migrator's lock." },
  person_search: {
    personal: true,
    holds: "SQLite's directory search index: name, email, title, department. Deleted with the person row.",
  },
  person_search_data: {
    personal: false,
    why: "FTS5 b-tree pages of person_search (trigrams, merged after an erasure).",
  },
  person_search_idx: { personal: false, why: "FTS5 segment index of person_search." },
  person_search_content: {
    personal: true,
    holds: "FTS5 copy of person_search's rows. Deleted with the person row.",
  },
  person_search_docsize: { personal: false, why: "FTS5 token counts of person_search." },
  person_search_config: { personal: false, why: "FTS5 settings of person_search." },
};

export const personalTables = (): [TableName, PersonalTable<TableName>][] =>
  (Object.entries(PERSONAL_DATA) as [TableName, TableDeclaration<TableName>][]).filter(
    (e): e is [TableName, PersonalTable<TableName>] => e[1].personal,
  );
