import { type Kysely, PostgresAdapter, sql } from "kysely";

/** The audit log is append-only in the database itself, not only by convention in the code. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only';
      end;
      $$`.execute(db);
    await sql`
      create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_append_only()`.execute(db);
    return;
  }
  await sql`
    create trigger audit_event_no_update before update on audit_event
    begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
  await sql`
    create trigger audit_event_no_delete before delete on audit_event
    begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
}
