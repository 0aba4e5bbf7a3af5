import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Erasure (GDPR Art. 17). `person_erasure` records each erasure by the id of its tombstone, the "Former member"
 * person that stands in for the erased one in shared records; nothing in it leads back to who was erased.
 *
 * The audit log stays append-only with one exception: an erasure may redact a row. A redaction keeps the row's
 * id, organization, action, target type and time; it may drop the IP address, may point the actor or the target
 * at the erasure's tombstone, and must name a recorded erasure in `details.erasure`. Deletes stay forbidden.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("person_erasure")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("erased_at", "text", (c) => c.notNull())
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create or replace function audit_event_append_only() returns trigger language plpgsql as $$
      declare
        erasure text;
      begin
        if tg_op = 'UPDATE' then
          begin
            erasure := new.details::jsonb ->> 'erasure';
          exception when others then
            erasure := null;
          end;
          if erasure is not null
            and exists (select 1 from person_erasure pe where pe.id = erasure)
            and new.id = old.id
            and new.organization_id is not distinct from old.organization_id
            and new.action = old.action
            and new.target_type is not distinct from old.target_type
            and new.created_at = old.created_at
            and (new.ip_address is null or new.ip_address = old.ip_address)
            and (new.actor_person_id is not distinct from old.actor_person_id or new.actor_person_id = erasure)
            and (new.target_id is not distinct from old.target_id or new.target_id = erasure)
          then
            return new;
          end if;
        end if;
        raise exception 'audit_event is append-only';
      end;
      $$`.execute(db);
    return;
  }
  await sql`drop trigger audit_event_no_update`.execute(db);
  await sql`
    create trigger audit_event_no_update before update on audit_event
    when not (
      json_valid(new.details)
      and exists (select 1 from person_erasure pe where pe.id = json_extract(new.details, '$.erasure'))
      and new.id = old.id
      and new.organization_id is old.organization_id
      and new.action = old.action
      and new.target_type is old.target_type
      and new.created_at = old.created_at
      and (new.ip_address is null or new.ip_address = old.ip_address)
      and (new.actor_person_id is old.actor_person_id
        or new.actor_person_id = json_extract(new.details, '$.erasure'))
      and (new.target_id is old.target_id or new.target_id = json_extract(new.details, '$.erasure'))
    )
    begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
}
