import { type Kysely, PostgresAdapter, sql } from "kysely";

const SEARCHED = "name, email, title, department";

/**
 * An index for the directory's substring search. SQLite: an FTS5 trigram table kept in step by triggers
 * (its own copy of the text, keyed by person id, since VACUUM may renumber the rowids of `person`).
 * PostgreSQL: a pg_trgm GIN index on the same text. Both answer `contains` for three characters or more.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    await sql`create index person_search_trgm_idx on person using gin (
      (lower(name || ' ' || email || ' ' || coalesce(title, '') || ' ' || coalesce(department, ''))) public.gin_trgm_ops
    )`.execute(db);
    return;
  }
  await sql`create virtual table person_search using fts5(
    person_id unindexed, ${sql.raw(SEARCHED)}, tokenize = 'trigram'
  )`.execute(db);
  await sql`insert into person_search (person_id, ${sql.raw(SEARCHED)})
    select id, ${sql.raw(SEARCHED)} from person`.execute(db);
  await sql`create trigger person_search_insert after insert on person begin
    insert into person_search (person_id, ${sql.raw(SEARCHED)})
    values (new.id, new.name, new.email, new.title, new.department);
  end`.execute(db);
  await sql`create trigger person_search_update after update of ${sql.raw(SEARCHED)} on person begin
    delete from person_search where person_id = old.id;
    insert into person_search (person_id, ${sql.raw(SEARCHED)})
    values (new.id, new.name, new.email, new.title, new.department);
  end`.execute(db);
  await sql`create trigger person_search_delete after delete on person begin
    delete from person_search where person_id = old.id;
  end`.execute(db);
}
