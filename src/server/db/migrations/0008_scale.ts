import type { Kysely } from "kysely";

/**
 * Indexes for a large organization, each with the queries it serves. Several hold every column a query
 * reads, so SQLite answers from the index without visiting the table's (wide) rows.
 */
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // Analytics: a program's enrolments by role, with what the participation figures read.
  {
    name: "enrolment_program_role_joined_idx",
    table: "enrolment",
    columns: ["program_id", "role", "person_id", "status", "created_at"],
  },
  // Analytics: each mentee's relationships in a program, grouped.
  {
    name: "mentoring_relationship_program_mentee_idx",
    table: "mentoring_relationship",
    columns: ["program_id", "mentee_id", "status", "created_at", "ended_at"],
  },
  // Analytics: a cohort's places with their state and dates.
  {
    name: "training_enrolment_cohort_person_idx",
    table: "training_enrolment",
    columns: ["cohort_id", "person_id", "status", "created_at", "completed_at"],
  },
  // Analytics: whether a program's trainee holds a place in one of its cohorts.
  {
    name: "training_enrolment_person_cohort_idx",
    table: "training_enrolment",
    columns: ["person_id", "cohort_id"],
  },
  // Analytics: whether a cohort place earned a certificate that stands.
  {
    name: "training_certificate_cohort_person_idx",
    table: "training_certificate",
    columns: ["cohort_id", "person_id", "revoked_at", "issued_at"],
  },
  // Analytics: attendance marks per cohort, by person and status.
  {
    name: "training_attendance_cohort_status_idx",
    table: "training_attendance",
    columns: ["cohort_id", "person_id", "status"],
  },
  // Analytics: participants by department and seniority.
  { name: "person_id_department_seniority_idx", table: "person", columns: ["id", "department", "seniority"] },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const { name, table, columns } of INDEXES)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}
