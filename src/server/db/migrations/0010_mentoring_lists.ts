import type { Kysely } from "kysely";

/**
 * Indexes for the mentoring program team's counts and pages on large programs: a program's enrolments by
 * role (covering, so counting never reads the rows), a person's status and name next to the id (what a join
 * to person usually needs), and a program's relationships of one status, newest first.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("enrolment_program_role_idx")
    .on("enrolment")
    .columns(["program_id", "role", "status", "organization_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("person_status_name_idx")
    .on("person")
    .columns(["id", "status", "name"])
    .execute();
  await db.schema
    .createIndex("mentoring_relationship_program_created_idx")
    .on("mentoring_relationship")
    .columns(["program_id", "status", "created_at", "id"])
    .execute();
}
