import { type Cell, csvLine, UTF8_BOM } from "../../../domain/csv.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { parseJson } from "../../lib/json.ts";
import { findProgram } from "../programs/programs.repository.ts";
import * as repo from "./exports.repository.ts";

export interface CsvExport {
  filename: string;
  header: readonly string[];
  /** The rows, a page at a time, so that a large export never sits in memory whole. */
  pages: () => AsyncGenerator<Cell[][]>;
}

/** A CSV download: UTF-8 with a byte order mark (for Excel), written page by page as the client reads. */
export function csvResponse(file: CsvExport): Response {
  const encoder = new TextEncoder();
  let pages: AsyncGenerator<Cell[][]> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvLine(file.header)));
    },
    async pull(controller) {
      pages ??= file.pages();
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await pages?.return(undefined);
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}

/** Pages of a keyset query: `fetch(after)` answers the next page after the last row's key. */
async function* keyset<R>(
  fetch: (after: string | null) => Promise<R[]>,
  key: (r: R) => string,
  cells: (r: R) => Cell[],
) {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length > 0) yield rows.map(cells);
    const last = rows.at(-1);
    if (rows.length < repo.EXPORT_PAGE || !last) return;
    after = key(last);
  }
}

const today = () => new Date().toISOString().slice(0, 10);
const flag = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Number(v) ? "yes" : "no";
const num = (v: number | string | bigint | null | undefined) =>
  v === null || v === undefined ? null : Number(v);

/**
 * Whose programs the caller may export: an org admin all of the organization's, a program manager those they
 * own (as for a program's enrolments, programs.policy). A program or cohort of another organization answers 404,
 * another owner's 403.
 */
async function scopeFor(
  db: Db,
  actor: Actor,
  filter: { programId?: string | undefined; cohortId?: string | undefined },
): Promise<repo.ExportScope> {
  const scope: repo.ExportScope = { organizationId: actor.organizationId };
  if (actor.role === "program_manager") scope.ownerId = actor.personId;
  else if (actor.role !== "org_admin") throw errors.forbidden();
  if (filter.programId) {
    const program = await findProgram(db, actor.organizationId, filter.programId);
    if (!program) throw errors.notFound("Program");
    if (scope.ownerId && program.owner_id !== scope.ownerId) {
      throw errors.forbidden("You may export the programs you own.");
    }
    scope.programId = program.id;
  }
  if (filter.cohortId) {
    const cohort = await repo.findCohort(db, actor.organizationId, filter.cohortId);
    if (!cohort) throw errors.notFound("Cohort");
    if (scope.ownerId && cohort.owner_id !== scope.ownerId) {
      throw errors.forbidden("You may export the cohorts of programs you own.");
    }
    scope.cohortId = cohort.id;
  }
  return scope;
}

export const PEOPLE_HEADER = [
  "email",
  "name",
  "title",
  "department",
  "seniority",
  "manager_email",
  "location",
  "time_zone",
  "languages",
  "role",
  "status",
  "created_at",
] as const;

export function peopleExport(db: Db, actor: Actor): CsvExport {
  if (actor.role !== "org_admin") throw errors.forbidden();
  return {
    filename: `people-${today()}.csv`,
    header: PEOPLE_HEADER,
    pages: () =>
      keyset(
        (after) => repo.peoplePage(db, actor.organizationId, after),
        (r) => r.id,
        (r) => [
          r.email,
          r.name,
          r.title,
          r.department,
          num(r.seniority),
          r.manager_email,
          r.location,
          r.time_zone,
          parseJson<string[]>(r.languages, []).join(";"),
          r.org_role,
          r.status,
          r.created_at,
        ],
      ),
  };
}

type Filter = { programId?: string | undefined; cohortId?: string | undefined };

export async function enrolmentsExport(db: Db, actor: Actor, filter: Filter): Promise<CsvExport> {
  const scope = await scopeFor(db, actor, filter);
  return {
    filename: `enrolments-${today()}.csv`,
    header: [
      "source",
      "program",
      "program_kind",
      "course",
      "cohort",
      "email",
      "name",
      "role",
      "status",
      "enrolled_at",
      "completed_at",
    ],
    async *pages() {
      yield* keyset(
        (after) => repo.programEnrolmentsPage(db, scope, after),
        (r) => r.id,
        (r) => [
          "program",
          r.program,
          r.program_kind,
          null,
          null,
          r.email,
          r.name,
          r.role,
          r.status,
          r.created_at,
          null,
        ],
      );
      yield* keyset(
        (after) => repo.trainingEnrolmentsPage(db, scope, after),
        (r) => r.id,
        (r) => [
          "training_cohort",
          r.program,
          "training",
          r.course,
          r.cohort,
          r.email,
          r.name,
          "trainee",
          r.status,
          r.created_at,
          r.completed_at,
        ],
      );
    },
  };
}

export async function attendanceExport(db: Db, actor: Actor, filter: Filter): Promise<CsvExport> {
  const scope = await scopeFor(db, actor, filter);
  return {
    filename: `attendance-${today()}.csv`,
    header: [
      "program",
      "cohort",
      "session",
      "session_kind",
      "session_starts_at",
      "email",
      "name",
      "attendance",
      "recorded_at",
    ],
    pages: () =>
      keyset(
        (after) => repo.attendancePage(db, scope, after),
        (r) => r.id,
        (r) => [
          r.program,
          r.cohort,
          r.session,
          r.session_kind,
          r.starts_at,
          r.email,
          r.name,
          r.status,
          r.recorded_at,
        ],
      ),
  };
}

export async function gradesExport(db: Db, actor: Actor, filter: Filter): Promise<CsvExport> {
  const scope = await scopeFor(db, actor, filter);
  return {
    filename: `grades-${today()}.csv`,
    header: [
      "program",
      "course",
      "cohort",
      "email",
      "name",
      "assessment",
      "assessment_kind",
      "attempts",
      "score_pct",
      "passed",
      "graded_at",
      "enrolment_status",
      "completed_at",
      "certificate_issued_at",
    ],
    async *pages() {
      let after: { enrolment: string; assessment: string } | null = null;
      for (;;) {
        const rows = await repo.gradesPage(db, scope, after);
        if (rows.length > 0) {
          yield rows.map((r): Cell[] => {
            const quiz = r.assessment_kind === "quiz";
            const practical = r.assessment_kind === "practical";
            return [
              r.program,
              r.course,
              r.cohort,
              r.email,
              r.name,
              r.assessment,
              r.assessment_kind,
              quiz ? num(r.quiz_attempts) : practical ? (r.graded_at ? 1 : 0) : null,
              quiz ? num(r.quiz_best) : practical ? num(r.practical_score) : null,
              quiz ? flag(num(r.quiz_passed)) : practical ? flag(num(r.practical_passed)) : null,
              practical ? r.graded_at : null,
              r.completed_at ? "completed" : r.enrolment_status,
              r.completed_at,
              r.certificate_issued_at,
            ];
          });
        }
        const last = rows.at(-1);
        if (rows.length < repo.EXPORT_PAGE || !last) return;
        after = { enrolment: last.enrolment_id, assessment: String(last.assessment_key) };
      }
    },
  };
}
