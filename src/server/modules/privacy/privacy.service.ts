import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { decryptText, unwrapKey } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import {
  PERSONAL_DATA,
  type PersonalTable,
  personalTables,
  type Row,
  type TableName,
} from "./personal-data.ts";
import { checkErasure } from "./privacy.policy.ts";
import * as repo from "./privacy.repository.ts";

export const EXPORT_FORMAT = "trellis.personal-data/1";
export const FORMER_MEMBER = "Former member";

/** The column that names a row: `id`, except for the agreement, which is one per relationship. */
export const keyOf = (table: TableName): string =>
  table === "mentoring_agreement" ? "relationship_id" : "id";

export interface Subject {
  personId: string;
  userId: string | null;
}

interface Found {
  row: Row;
  /** Every personal column is the subject's to read (their own row, or one they read through a parent). */
  full: boolean;
  /** Columns that name the subject in a row that is someone else's. */
  mentions: Set<string>;
  parent: Row | undefined;
}

export type Collected = Map<TableName, Map<string, Found>>;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Every row of the personal tables that belongs to the subject, names them, or that they read through a
 * relationship or engagement they take part in: what personal-data.ts declares, table by table.
 */
export async function collect(db: Db, subject: Subject & { organizationId: string }): Promise<Collected> {
  const found: Collected = new Map();
  const resolve = async (table: TableName): Promise<Map<string, Found>> => {
    const done = found.get(table);
    if (done) return done;
    const decl = PERSONAL_DATA[table];
    const rows = new Map<string, Found>();
    found.set(table, rows);
    if (!decl.personal) return rows;
    const d = decl as PersonalTable<TableName>;
    const key = keyOf(table);
    const value = d.subjectKey === "user" ? subject.userId : subject.personId;
    if (value !== null) {
      for (const s of d.subjects) {
        for (const row of await repo.rowsWhereIn(db, table, s.column, [value])) {
          const k = String(row[key]);
          const f = rows.get(k) ?? { row, full: false, mentions: new Set<string>(), parent: undefined };
          if (s.role === "owner") f.full = true;
          else f.mentions.add(s.column);
          rows.set(k, f);
        }
      }
    }
    for (const column of d.mentionedIn ?? []) {
      for (const row of await repo.rowsMentioning(
        db,
        table,
        column,
        subject.organizationId,
        subject.personId,
      )) {
        const k = String(row[key]);
        const f = rows.get(k) ?? { row, full: false, mentions: new Set<string>(), parent: undefined };
        f.mentions.add(column);
        rows.set(k, f);
      }
    }
    if (d.via) {
      const { column, parent, as } = d.via;
      const parents = await resolve(parent);
      const readable = new Map<string, Row>();
      for (const [k, p] of parents) {
        if (!p.full) continue;
        if (as.length === 0 || as.some((c) => p.row[c] === subject.personId)) readable.set(k, p.row);
      }
      for (const row of await repo.rowsWhereIn(db, table, column, [...readable.keys()])) {
        const k = String(row[key]);
        const parentRow = readable.get(String(row[column]));
        const f = rows.get(k) ?? { row, full: false, mentions: new Set<string>(), parent: parentRow };
        f.full = true;
        f.parent = parentRow;
        rows.set(k, f);
      }
    }
    return rows;
  };
  for (const [table] of personalTables()) await resolve(table);
  return found;
}

/** The columns of a found row the subject gets, and those withheld as another person's private content. */
export function exportedColumns(
  decl: PersonalTable<TableName>,
  f: Found,
  subjectId: string,
): { shown: string[]; withheld: string[] } {
  if (!f.full) return { shown: [...f.mentions], withheld: [] };
  const withheld = decl.withhold ? [...decl.withhold(f.row, subjectId, f.parent)] : [];
  return { shown: decl.personalColumns.filter((c) => !withheld.includes(c)), withheld };
}

/** Decrypts content under the relationship's or engagement's key, as the pair's own pages do. */
function contentKeys(deps: Deps) {
  const keys = new Map<string, Buffer | null>();
  return async (
    table: "mentoring_relationship" | "coaching_engagement",
    id: string,
  ): Promise<Buffer | null> => {
    const cacheKey = `${table}:${id}`;
    const cached = keys.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = (await repo.rowsWhereIn(deps.db, table, "id", [id]))[0];
    const wrapped = str(row?.wrapped_key);
    let key: Buffer | null = null;
    try {
      key = wrapped ? unwrapKey(deps.masterKey, wrapped, id) : null;
    } catch {
      key = null;
    }
    keys.set(cacheKey, key);
    return key;
  };
}

export interface ExportedTable {
  holds: string;
  rows: Record<string, unknown>[];
  /** How many values were left out as another person's private content. */
  withheld: number;
}

export interface PersonalDataExport {
  format: string;
  exportedAt: string;
  subject: { personId: string; userId: string | null; organizationId: string; name: string; email: string };
  notes: string[];
  tables: Record<string, ExportedTable>;
}

const NOTES = [
  "Every table that holds personal data is listed, with the rows that are yours, name you, or that you read in a mentoring relationship or coaching engagement you take part in.",
  "Confidential mentoring and coaching content is decrypted as you read it in the app. Another person's private content (a coach's private notes and coach-private session fields, the other side's reason for ending a relationship early, the IP address of someone acting on your profile) is left out and counted in `withheld`.",
  "Credentials (password hash, session tokens, reset tokens) are never exported.",
];

export async function exportPersonalData(deps: Deps, actor: Actor): Promise<PersonalDataExport> {
  return deps.db.transaction().execute(async (trx) => {
    const person = await repo.findPerson(trx, actor.organizationId, actor.personId);
    if (!person) throw errors.notFound("Person");
    const subject = { personId: person.id, userId: person.user_id };
    const found = await collect(trx, { ...subject, organizationId: person.organization_id });
    const keyFor = contentKeys({ ...deps, db: trx });
    const tables: Record<string, ExportedTable> = {};
    for (const [table, decl] of personalTables()) {
      const rows: Record<string, unknown>[] = [];
      let withheldCount = 0;
      const key = keyOf(table);
      for (const f of found.get(table)?.values() ?? []) {
        const { shown, withheld } = exportedColumns(decl, f, person.id);
        withheldCount += withheld.filter((c) => f.row[c] !== null && f.row[c] !== undefined).length;
        const out: Record<string, unknown> = { [key]: f.row[key] };
        for (const c of shown) out[c] = await exportValue(decl, f.row, c, keyFor);
        rows.push(out);
      }
      tables[table] = { holds: decl.holds, rows, withheld: withheldCount };
    }
    return {
      format: EXPORT_FORMAT,
      exportedAt: nowIso(),
      subject: { ...subject, organizationId: person.organization_id, name: person.name, email: person.email },
      notes: NOTES,
      tables,
    };
  });
}

/** A column's value as exported: decrypted when it is confidential content, parsed when it is JSON. */
export async function exportValue(
  decl: PersonalTable<TableName>,
  row: Row,
  column: string,
  keyFor: (table: "mentoring_relationship" | "coaching_engagement", id: string) => Promise<Buffer | null>,
): Promise<unknown> {
  let value = row[column];
  const enc = decl.encrypted;
  if (enc && typeof value === "string" && (enc.columns as readonly string[]).includes(column)) {
    const id = String(row[enc.keyColumn]);
    const key = await keyFor(enc.keyTable, id);
    try {
      value = key ? decryptText(key, value, id) : null;
    } catch {
      value = null;
    }
  }
  if (typeof value === "string" && (decl.json as readonly string[] | undefined)?.includes(column))
    return parseJson<unknown>(value, value);
  return value;
}

/** The file name of a download: `trellis-personal-data-2026-03-01.json`. */
export const exportFileName = (exportedAt: string) => `trellis-personal-data-${exportedAt.slice(0, 10)}.json`;

// Erasure

export interface ErasureResult {
  erased: true;
  /** The id that now stands for the person in the records kept for others. */
  formerMemberId: string;
  /** Rows changed per table: deleted, pointed at the tombstone, or redacted. */
  rows: Record<string, number>;
}

/** Strings in audit details: the subject's ids become the tombstone's; their email and name are scrubbed. */
function scrub(
  value: unknown,
  subject: { ids: string[]; email: string; name: string },
  tombstone: string,
): unknown {
  if (typeof value === "string") {
    let s = value;
    for (const id of subject.ids) s = s.split(id).join(tombstone);
    if (subject.email) s = s.replace(new RegExp(escapeRegExp(subject.email), "gi"), "[erased]");
    if (subject.name.trim().length >= 3)
      s = s.replace(new RegExp(escapeRegExp(subject.name.trim()), "gi"), FORMER_MEMBER);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, subject, tombstone));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, subject, tombstone)]));
  return value;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Erases a person (GDPR Art. 17) in one transaction, as personal-data.ts declares for each table: their own rows
 * are deleted; shared records (relationships, engagements, meeting logs, cohorts they teach) are kept for the
 * other party and point at a new "Former member" tombstone; the audit log is redacted, never deleted. Nothing
 * is decrypted, so no content reaches the admin.
 */
export async function erasePerson(
  deps: Deps,
  actor: Actor,
  id: string,
  confirmEmail: string,
  ip: string | null,
): Promise<ErasureResult> {
  return deps.db.transaction().execute(async (trx) => {
    const person = await repo.findPerson(trx, actor.organizationId, id);
    if (!person || (await repo.isTombstone(trx, id))) throw errors.notFound("Person");
    const violation = checkErasure(
      actor,
      person,
      confirmEmail,
      await repo.otherActiveAdmins(trx, actor.organizationId, id),
    );
    if (violation) throw violation;

    const tombstone = newId();
    const at = nowIso();
    await repo.insertTombstone(trx, actor.organizationId, tombstone, at);
    const counts: Record<string, number> = {};
    const add = (table: string, n: number) => {
      if (n > 0) counts[table] = (counts[table] ?? 0) + n;
    };

    // The audit log first, while the rows that name the subject can still be told apart.
    const needles = {
      ids: [person.id, ...(person.user_id ? [person.user_id] : [])],
      email: person.email,
      name: person.name,
    };
    for (const row of await repo.auditRowsNaming(trx, actor.organizationId, needles)) {
      const isActor = row.actor_person_id === person.id;
      const scrubbed = scrub(parseJson<unknown>(row.details, {}), needles, tombstone);
      const details = toJson({
        ...(scrubbed !== null && typeof scrubbed === "object" && !Array.isArray(scrubbed)
          ? scrubbed
          : { value: scrubbed }),
        erasure: tombstone,
      });
      const patch = {
        actor_person_id: isActor ? tombstone : row.actor_person_id,
        target_id: row.target_id === person.id ? tombstone : row.target_id,
        ip_address: isActor ? null : row.ip_address,
        details,
      };
      const changed =
        patch.actor_person_id !== row.actor_person_id ||
        patch.target_id !== row.target_id ||
        patch.ip_address !== row.ip_address ||
        toJson(scrubbed) !== toJson(parseJson<unknown>(row.details, {}));
      if (!changed) continue;
      await repo.redactAuditRow(trx, row.id, patch);
      add("audit_event", 1);
    }

    add("coaching_session", await repo.clearCoachPrivateNotes(trx, person.id));

    // People and sign-in accounts last: every other row must stop pointing at them first.
    const last: TableName[] = ["person", "auth_verification", "auth_session", "auth_account", "auth_user"];
    const ordered = [
      ...personalTables().filter(([t]) => !last.includes(t)),
      ...last.map((t) => [t, PERSONAL_DATA[t]] as [TableName, PersonalTable<TableName>]),
    ];
    for (const [table, decl] of ordered) {
      const value = decl.subjectKey === "user" ? person.user_id : person.id;
      if (value !== null) {
        // Rewrites before deletes: the people who report to the subject move to the subject's manager before
        // the subject's own row goes.
        const subjects = [...decl.subjects].sort(
          (a, b) => Number(a.erase === "delete") - Number(b.erase === "delete"),
        );
        for (const s of subjects) {
          if (s.erase === "redact") continue;
          if (s.erase === "delete") {
            for (const [child, childDecl] of personalTables())
              if (childDecl.via?.parent === table)
                add(
                  child,
                  await repo.deleteChildrenOf(
                    trx,
                    child,
                    childDecl.via.column,
                    table,
                    keyOf(table),
                    s.column,
                    value,
                  ),
                );
            add(table, await repo.deleteWhere(trx, table, s.column, value));
            continue;
          }
          const to = s.erase === "tombstone" ? tombstone : s.erase === "manager" ? person.manager_id : null;
          add(table, await repo.updateWhere(trx, table, s.column, value, { ...s.clear, [s.column]: to }));
        }
      }
      if (decl.subjects.some((s) => s.erase === "redact")) continue;
      for (const column of decl.idLists ?? [])
        add(
          table,
          await repo.replaceIdInText(trx, table, column, actor.organizationId, person.id, tombstone),
        );
    }
    await repo.compactSearchIndex(trx);

    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "person.erased",
      targetType: "person",
      targetId: tombstone,
      ipAddress: ip,
      details: { rows: counts },
    });
    return { erased: true, formerMemberId: tombstone, rows: counts };
  });
}
