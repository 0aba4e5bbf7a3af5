import type { CreateTableBuilder, Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const common = (t: CreateTableBuilder<string, never>) =>
    t
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"));
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();

  await common(db.schema.createTable("organization_signing_key"))
    .addColumn("controller", "text", (c) => c.notNull())
    .addColumn("public_key_multibase", "text", (c) => c.notNull())
    .addColumn("private_key_encrypted", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("organization_signing_key_org_uq", ["organization_id"])
    .execute();

  await common(db.schema.createTable("training_course"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("competencies", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("min_attendance_pct", "integer", (c) => c.notNull().defaultTo(80))
    .addColumn("validity_months", "integer")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await index("training_course_org_idx", "training_course", ["organization_id", "status", "title"]);

  await common(db.schema.createTable("training_module"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await index("training_module_course_idx", "training_module", ["course_id", "position"]);

  await common(db.schema.createTable("training_lesson"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("module_id", "text", (c) => c.notNull().references("training_module.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("activity_prompt", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await index("training_lesson_module_idx", "training_lesson", ["module_id", "position"]);
  await index("training_lesson_course_idx", "training_lesson", ["course_id"]);

  await common(db.schema.createTable("training_assessment"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("instructions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("pass_mark_pct", "integer", (c) => c.notNull())
    .addColumn("max_attempts", "integer")
    .addColumn("time_limit_minutes", "integer")
    .addColumn("questions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rubric", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await index("training_assessment_course_idx", "training_assessment", ["course_id", "position"]);

  await common(db.schema.createTable("training_cohort"))
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await index("training_cohort_program_idx", "training_cohort", ["program_id", "start_date"]);
  await index("training_cohort_course_idx", "training_cohort", ["course_id"]);

  await common(db.schema.createTable("training_cohort_trainer"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_cohort_trainer_uq", ["cohort_id", "person_id"])
    .execute();
  await index("training_cohort_trainer_person_idx", "training_cohort_trainer", ["person_id"]);

  await common(db.schema.createTable("training_enrolment"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("queued_at", "text")
    .addColumn("offer_expires_at", "text")
    .addColumn("enrolled_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("completed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_enrolment_uq", ["cohort_id", "person_id"])
    .execute();
  await index("training_enrolment_cohort_idx", "training_enrolment", ["cohort_id", "status", "queued_at"]);
  await index("training_enrolment_person_idx", "training_enrolment", ["person_id", "status"]);

  await common(db.schema.createTable("training_session"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("link", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await index("training_session_cohort_idx", "training_session", ["cohort_id", "starts_at"]);

  await common(db.schema.createTable("training_attendance"))
    .addColumn("session_id", "text", (c) => c.notNull().references("training_session.id"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_attendance_uq", ["session_id", "person_id"])
    .execute();
  await index("training_attendance_cohort_idx", "training_attendance", ["cohort_id", "person_id"]);

  await common(db.schema.createTable("training_lesson_progress"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("lesson_id", "text", (c) => c.notNull().references("training_lesson.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_lesson_progress_uq", ["cohort_id", "person_id", "lesson_id"])
    .execute();

  await common(db.schema.createTable("training_submission"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("lesson_id", "text", (c) => c.notNull().references("training_lesson.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("feedback", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("person.id"))
    .addColumn("reviewed_at", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .execute();
  await index("training_submission_cohort_idx", "training_submission", ["cohort_id", "status"]);
  await index("training_submission_person_idx", "training_submission", [
    "cohort_id",
    "person_id",
    "lesson_id",
  ]);

  await common(db.schema.createTable("training_quiz_attempt"))
    .addColumn("assessment_id", "text", (c) => c.notNull().references("training_assessment.id"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("attempt_number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("result", "text")
    .addColumn("score_pct", "double precision")
    .addColumn("passed", "integer")
    .addUniqueConstraint("training_quiz_attempt_uq", [
      "assessment_id",
      "cohort_id",
      "person_id",
      "attempt_number",
    ])
    .execute();
  await index("training_quiz_attempt_cohort_idx", "training_quiz_attempt", ["cohort_id", "person_id"]);

  await common(db.schema.createTable("training_practical_grade"))
    .addColumn("assessment_id", "text", (c) => c.notNull().references("training_assessment.id"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("levels", "text", (c) => c.notNull())
    .addColumn("comments", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("overall_comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("score_pct", "double precision", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("graded_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("graded_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_practical_grade_uq", ["assessment_id", "cohort_id", "person_id"])
    .execute();
  await index("training_practical_grade_cohort_idx", "training_practical_grade", ["cohort_id", "person_id"]);

  await common(db.schema.createTable("training_certificate"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("training_cohort.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("credential", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addUniqueConstraint("training_certificate_cohort_person_uq", ["cohort_id", "person_id"])
    .execute();
  await index("training_certificate_person_idx", "training_certificate", [
    "organization_id",
    "person_id",
    "course_id",
  ]);

  await common(db.schema.createTable("training_assignment"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.notNull().references("person.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await index("training_assignment_org_idx", "training_assignment", ["organization_id", "due_at"]);

  await common(db.schema.createTable("training_assignee"))
    .addColumn("assignment_id", "text", (c) => c.notNull().references("training_assignment.id"))
    .addColumn("course_id", "text", (c) => c.notNull().references("training_course.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_assignee_uq", ["assignment_id", "person_id"])
    .execute();
  await index("training_assignee_person_idx", "training_assignee", ["organization_id", "person_id"]);
  await index("training_assignee_course_idx", "training_assignee", ["course_id"]);

  await common(db.schema.createTable("training_reminder"))
    .addColumn("assignee_id", "text", (c) => c.notNull().references("training_assignee.id"))
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_reminder_uq", ["assignee_id", "due_at", "kind"])
    .execute();
}
