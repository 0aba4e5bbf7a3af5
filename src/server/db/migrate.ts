import { type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { type Db, isPostgres } from "./kysely.ts";
import * as m0001 from "./migrations/0001_foundation.ts";
import * as m0002 from "./migrations/0002_audit_append_only.ts";
import * as m0003 from "./migrations/0003_mentoring.ts";
import * as m0004 from "./migrations/0004_coaching.ts";
import * as m0005 from "./migrations/0005_matching.ts";
import * as m0006 from "./migrations/0006_training.ts";
import * as m0007 from "./migrations/0007_insights.ts";
import * as m0008 from "./migrations/0008_scale.ts";
import * as m0009 from "./migrations/0009_people_search.ts";
import * as m0010 from "./migrations/0010_mentoring_lists.ts";
import * as m0011 from "./migrations/0011_list_order.ts";
import * as m0012 from "./migrations/0012_idempotency.ts";
import * as m0013 from "./migrations/0013_person_erasure.ts";
import * as m0014 from "./migrations/0014_two_factor.ts";
import * as m0015 from "./migrations/0015_jobs.ts";
import * as m0016 from "./migrations/0016_notification_preferences.ts";
import * as m0017 from "./migrations/0017_calendar.ts";
import * as m0018 from "./migrations/0018_single_sign_on.ts";
import * as m0019 from "./migrations/0019_scim.ts";
import * as m0020 from "./migrations/0020_people_import.ts";
import * as m0021 from "./migrations/0021_webhooks.ts";
import * as m0022 from "./migrations/0022_xapi.ts";

/** Migrations only add things. Each new file is registered here in order. */
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_audit_append_only": m0002,
  "0003_mentoring": m0003,
  "0004_coaching": m0004,
  "0005_matching": m0005,
  "0006_training": m0006,
  "0007_insights": m0007,
  "0008_scale": m0008,
  "0009_people_search": m0009,
  "0010_mentoring_lists": m0010,
  "0011_list_order": m0011,
  "0012_idempotency": m0012,
  "0013_person_erasure": m0013,
  "0014_two_factor": m0014,
  "0015_jobs": m0015,
  "0016_notification_preferences": m0016,
  "0017_calendar": m0017,
  "0018_single_sign_on": m0018,
  "0019_scim": m0019,
  "0020_people_import": m0020,
  "0021_webhooks": m0021,
  "0022_xapi": m0022,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Kysely looks for its own tables in every schema; on a PostgreSQL shared by several schemas (each test file
  // has one) it would find another schema's and skip creating its own, so name the current one.
  const schema = isPostgres(db)
    ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
    : undefined;
  const migrator = new Migrator({
    db,
    provider,
    // Migrations only add things, so one written alongside another may land after it on a database
    // that already ran the later-numbered one.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
