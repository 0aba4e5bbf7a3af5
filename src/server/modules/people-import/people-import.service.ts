import {
  type ExistingPerson,
  type ImportRow,
  planImport,
  type RowError,
  rowChanges,
} from "../../../domain/people/import-plan.ts";
import type { Db } from "../../db/kysely.ts";
import type { PersonTable } from "../../db/schema.ts";
import { enqueueJob, type JobInfo, PermanentJobError, registerJobHandler } from "../../jobs/queue.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { AppError, errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { newPersonRow } from "../people/people.repository.ts";
import { type EventData, emitEvents } from "../webhooks/events.ts";
import { parsePeopleCsv } from "./people-import.csv.ts";
import * as repo from "./people-import.repository.ts";
import type { PeopleImportDto } from "./people-import.schemas.ts";

export const PEOPLE_IMPORT_JOB = "people.import";
/**
 * People written per transaction; each batch records the import's progress in the same transaction. Few large
 * transactions: each commit waits for the disk (SQLite runs with synchronous = FULL).
 */
export const IMPORT_BATCH_SIZE = 5000;
const ERRORS_SHOWN = 200;

/** Lets a test make the job fail between two batches, as a crash would. */
export const importTestHooks: { afterBatch?: (importId: string, done: number) => void } = {};

const isFatal = (errs: readonly RowError[]) => errs.some((e) => e.row === 1);

function toDto(r: repo.PeopleImportRow, errorsJson: string | undefined, hasRows: boolean): PeopleImportDto {
  const errs = parseJson<RowError[]>(errorsJson, []);
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    columns: parseJson<string[]>(r.columns, []),
    totalRows: r.total_rows,
    summary: {
      toCreate: r.to_create,
      toUpdate: r.to_update,
      unchanged: r.unchanged,
      withErrors: r.with_errors,
    },
    canCommit: r.status === "preview" && hasRows && !isFatal(errs),
    errors: errs.slice(0, ERRORS_SHOWN),
    errorCount: errs.length,
    progress: { done: r.progress_done, total: r.progress_total },
    failure: r.failure,
    createdAt: r.created_at,
    committedAt: r.committed_at,
    finishedAt: r.finished_at,
  };
}

function requireAdmin(actor: Actor) {
  if (actor.role !== "org_admin") throw errors.forbidden("Only org admins import people.");
}

/** Plans the rows against the organization as it is now: what each row does and which rows cannot be imported. */
async function planAgainst(
  db: Db,
  organizationId: string,
  rows: ImportRow[],
  importerEmail: string | undefined,
) {
  const existing = await repo.organizationPeople(db, organizationId);
  const known = new Set(existing.map((p) => p.email));
  const fresh = [...new Set(rows.map((r) => r.email).filter((e) => !known.has(e)))];
  const withAccount = await repo.emailsWithAccount(db, fresh);
  return planImport(rows, {
    existing,
    emailsWithAccount: withAccount,
    ...(importerEmail ? { importerEmail } : {}),
  });
}

const byRow = (a: RowError, b: RowError) => a.row - b.row;

export async function preview(
  deps: Deps,
  actor: Actor,
  text: string,
  fileName: string | undefined,
): Promise<PeopleImportDto> {
  requireAdmin(actor);
  if (text.includes("\u0000")) {
    throw new AppError(400, "request.invalid_characters", "The file contains a NUL character.");
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    throw errors.unprocessable("people_import.empty", "The file is empty: it needs a header row and people.");
  }
  const parsed = parsePeopleCsv(text);
  const counts = { toCreate: 0, toUpdate: 0, unchanged: 0 };
  let rowErrors = parsed.errors;
  if (!parsed.fatal) {
    const plan = await planAgainst(deps.db, actor.organizationId, parsed.rows, actor.email);
    Object.assign(counts, plan.counts);
    rowErrors = [...parsed.errors, ...plan.errors].sort(byRow);
  }
  const now = nowIso();
  const id = newId();
  const valid = counts.toCreate + counts.toUpdate + counts.unchanged;
  await repo.insertImport(
    deps.db,
    {
      id,
      organization_id: actor.organizationId,
      created_by: actor.personId,
      status: "preview",
      file_name: fileName ?? null,
      columns: JSON.stringify(parsed.columns),
      total_rows: parsed.totalRows,
      to_create: counts.toCreate,
      to_update: counts.toUpdate,
      unchanged: counts.unchanged,
      with_errors: parsed.fatal ? parsed.totalRows : parsed.totalRows - valid,
      failure: null,
      created_at: now,
      updated_at: now,
      committed_at: null,
      finished_at: null,
    },
    { errors: JSON.stringify(rowErrors), rows: parsed.fatal ? null : JSON.stringify(parsed.rows) },
  );
  return get(deps.db, actor, id);
}

export async function get(db: Db, actor: Actor, id: string): Promise<PeopleImportDto> {
  requireAdmin(actor);
  const row = await repo.findImport(db, actor.organizationId, id);
  if (!row) throw errors.notFound("Import");
  const [errs, hasRows] = await Promise.all([repo.importErrors(db, id), repo.hasRows(db, id)]);
  return toDto(row, errs, hasRows);
}

export async function commit(deps: Deps, actor: Actor, id: string, ip: string | null) {
  requireAdmin(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findImport(trx, actor.organizationId, id);
    if (!row) throw errors.notFound("Import");
    if (row.status !== "preview") {
      throw errors.conflict("people_import.already_committed", `This import is already ${row.status}.`);
    }
    const data = await repo.findImportData(trx, id);
    if (!data || data.rows === null || isFatal(parseJson<RowError[]>(data.errors, []))) {
      throw errors.unprocessable(
        "people_import.invalid_file",
        "This file cannot be imported; fix the errors on row 1 and upload it again.",
      );
    }
    const now = nowIso();
    if (
      !(await repo.transitionImport(trx, id, "preview", {
        status: "queued",
        committed_at: now,
        updated_at: now,
      }))
    ) {
      throw errors.conflict("people_import.already_committed", "This import is already under way.");
    }
    await enqueueJob(trx, {
      kind: PEOPLE_IMPORT_JOB,
      payload: { importId: id },
      organizationId: actor.organizationId,
      dedupeKey: `${PEOPLE_IMPORT_JOB}:${id}`,
      maxAttempts: 5,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "people.import_started",
      targetType: "people_import",
      targetId: id,
      ipAddress: ip,
      details: { rows: row.total_rows, toCreate: row.to_create, toUpdate: row.to_update },
    });
  });
  return { id, status: "queued" as const };
}

// The job

/** Pass one: creates and updates the batch's people (their managers wait for pass two). */
async function writePeople(db: Db, organizationId: string, batch: readonly ImportRow[], at: string) {
  const current = await repo.peopleByEmail(
    db,
    organizationId,
    batch.map((r) => r.email),
  );
  const writes: PersonTable[] = [];
  const created: EventData[] = [];
  for (const row of batch) {
    const { managerEmail: _manager, ...profile } = row;
    const p: ExistingPerson | undefined = current.get(row.email);
    if (p && !rowChanges(profile, p, () => undefined)) continue;
    const id = p?.id ?? newId();
    if (!p)
      created.push({
        personId: id,
        role: row.role ?? "member",
        status: "invited",
        source: "import",
        createdAt: at,
      });
    writes.push(
      newPersonRow({
        status: "invited",
        id,
        organization_id: organizationId,
        email: row.email,
        name: row.name,
        title: row.title !== undefined ? row.title : (p?.title ?? null),
        department: row.department !== undefined ? row.department : (p?.department ?? null),
        seniority: row.seniority !== undefined ? row.seniority : (p?.seniority ?? null),
        location: row.location !== undefined ? row.location : (p?.location ?? null),
        time_zone: row.timeZone ?? p?.timeZone ?? "UTC",
        languages: JSON.stringify(row.languages ?? p?.languages ?? []),
        org_role: row.role ?? p?.role ?? "member",
        created_at: at,
      }),
    );
  }
  await repo.upsertPeople(db, writes);
  await emitEvents(db, organizationId, "person.created", created);
}

/** Pass two: points each person of the batch at their manager, now that everyone in the file exists. */
async function linkManagers(db: Db, organizationId: string, batch: readonly ImportRow[], at: string) {
  const emails = batch.flatMap((r) => (r.managerEmail ? [r.email, r.managerEmail] : [r.email]));
  const people = await repo.peopleByEmail(db, organizationId, emails);
  const links: { id: string; managerId: string | null }[] = [];
  for (const row of batch) {
    const p = people.get(row.email);
    if (!p) continue;
    const managerId = row.managerEmail ? people.get(row.managerEmail)?.id : null;
    if (managerId === undefined) continue;
    if (p.managerId !== managerId) links.push({ id: p.id, managerId });
  }
  await repo.setManagers(db, organizationId, links, at);
}

/** The rows the import writes: those without errors, in file order. */
function importable(data: { errors: string; rows: string | null }): ImportRow[] {
  const failed = new Set(parseJson<RowError[]>(data.errors, []).map((e) => e.row));
  return parseJson<ImportRow[]>(data.rows, []).filter((r) => !failed.has(r.row));
}

async function runImport(deps: Deps, importId: string): Promise<void> {
  const db = deps.db;
  let row = await repo.findImportById(db, importId);
  if (!row) throw new PermanentJobError(`Import ${importId} does not exist.`);
  if (row.status === "completed" || row.status === "failed" || row.status === "preview") return;
  const data = await repo.findImportData(db, importId);
  if (!data) throw new PermanentJobError(`Import ${importId} has no file.`);

  if (!row.planned) {
    // The organization may have changed since the preview: plan again, once, and keep that plan for retries.
    const rows = parseJson<ImportRow[]>(data.rows, []);
    const inFile = new Set(rows.map((r) => r.row));
    const importerEmail = await repo.personEmail(db, row.created_by);
    const plan = await planAgainst(db, row.organization_id, rows, importerEmail);
    const cellErrors = parseJson<RowError[]>(data.errors, []).filter((e) => !inFile.has(e.row));
    const valid = plan.actions.length;
    const linked = plan.actions.filter((a) => a.row.managerEmail !== undefined).length;
    const patch = {
      status: "running" as const,
      planned: 1,
      to_create: plan.counts.toCreate,
      to_update: plan.counts.toUpdate,
      unchanged: plan.counts.unchanged,
      with_errors: row.total_rows - valid,
      progress_done: 0,
      progress_total: valid + linked,
      updated_at: nowIso(),
    };
    data.errors = JSON.stringify([...cellErrors, ...plan.errors].sort(byRow));
    await db.transaction().execute(async (trx) => {
      await repo.updateImportData(trx, importId, { errors: data.errors });
      await repo.updateImport(trx, importId, patch);
    });
    row = { ...row, ...patch };
  } else if (row.status !== "running") {
    await repo.updateImport(db, importId, { status: "running", updated_at: nowIso() });
  }

  const people = importable(data);
  const links = people.filter((r) => r.managerEmail !== undefined);
  const total = people.length + links.length;
  let done = row.progress_done;
  while (done < total) {
    const inPassOne = done < people.length;
    const batch = inPassOne
      ? people.slice(done, Math.min(done + IMPORT_BATCH_SIZE, people.length))
      : links.slice(done - people.length, done - people.length + IMPORT_BATCH_SIZE);
    const next = done + batch.length;
    await db.transaction().execute(async (trx) => {
      const at = nowIso();
      if (inPassOne) await writePeople(trx, row.organization_id, batch, at);
      else await linkManagers(trx, row.organization_id, batch, at);
      await repo.updateImport(trx, importId, { progress_done: next, updated_at: at });
    });
    done = next;
    importTestHooks.afterBatch?.(importId, done);
  }

  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    await repo.updateImport(trx, importId, {
      status: "completed",
      progress_done: total,
      progress_total: total,
      finished_at: at,
      updated_at: at,
    });
    await repo.updateImportData(trx, importId, { rows: null });
    await insertAuditEvent(trx, {
      organizationId: row.organization_id,
      actorPersonId: row.created_by,
      action: "people.import_completed",
      targetType: "people_import",
      targetId: importId,
      details: {
        created: row.to_create,
        updated: row.to_update,
        unchanged: row.unchanged,
        skipped: row.with_errors,
      },
    });
  });
}

export async function importJob(deps: Deps, payload: { importId: string }, job: JobInfo): Promise<void> {
  try {
    await runImport(deps, payload.importId);
  } catch (err) {
    if (err instanceof PermanentJobError || job.attempt >= job.maxAttempts) {
      const at = nowIso();
      await repo.updateImportData(deps.db, payload.importId, { rows: null });
      await repo.updateImport(deps.db, payload.importId, {
        status: "failed",
        failure:
          "The import stopped on an unexpected error. The people written before it stay; upload the file again to finish.",
        finished_at: at,
        updated_at: at,
      });
    }
    throw err;
  }
}

registerJobHandler(PEOPLE_IMPORT_JOB, importJob, { retryDelayMs: (attempt) => 5_000 * attempt });
