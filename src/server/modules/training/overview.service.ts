import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { countRows, type PageRequest, pageWithTotal, type SortKey } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { canEditProgram } from "../programs/programs.policy.ts";
import * as programs from "../programs/programs.repository.ts";
import { assigneeStatesOfCourses, assignmentsOfPerson } from "./assignments.service.ts";
import { myCertificates } from "./certificates.service.ts";
import { loadCohorts } from "./cohort-data.ts";
import { cohortSummary, enrolmentDto, sessionDto } from "./cohorts.service.ts";
import * as repo from "./training.repository.ts";

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const mean = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** The caller's training: cohorts they take and teach, the next session, certificates and mandatory courses. */
const teachingOrder: SortKey[] = [
  { column: "h.end_date", direction: "desc" },
  { column: "h.id", direction: "desc" },
];

/** A page of the cohorts the caller teaches, latest ending first, each with its submissions to review. */
export async function teachingPage(db: Db, actor: Actor, page: PageRequest) {
  const { rows, nextCursor, total } = await pageWithTotal(
    db,
    repo.taughtCohorts(db, actor.organizationId, actor.personId),
    teachingOrder,
    page,
    (r) => [r.end_date, r.id],
  );
  if (rows.length === 0) return { items: [], nextCursor, total };
  const [data, pending] = await Promise.all([
    loadCohorts(db, rows),
    repo
      .submissionsToReview(db, actor.organizationId, actor.personId)
      .where(
        "s.cohort_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute(),
  ]);
  const now = nowIso();
  return {
    items: data.map((d) => ({
      ...cohortSummary(d, now),
      pendingReviews: pending.filter((s) => s.cohort_id === d.cohort.id).length,
    })),
    nextCursor,
    total,
  };
}

export async function myTraining(deps: Deps, actor: Actor) {
  const { db } = deps;
  const now = nowIso();
  const [enrolments, current, teachingCount, pendingReviews] = await Promise.all([
    repo.enrolmentsOfPerson(db, actor.organizationId, actor.personId),
    repo.cohortIdsTaughtBy(db, actor.personId, now.slice(0, 10)),
    countRows(repo.taughtCohorts(db, actor.organizationId, actor.personId)),
    countRows(repo.submissionsToReview(db, actor.organizationId, actor.personId)),
  ]);
  const ids = [...new Set([...enrolments.map((e) => e.cohort_id), ...current])];
  const data = await loadCohorts(db, await repo.cohortsByIds(db, actor.organizationId, ids));
  const learning = data.filter((d) => enrolments.some((e) => e.cohort_id === d.cohort.id));
  const teaching = data.filter((d) => current.includes(d.cohort.id));
  const upcoming = [
    ...learning.filter((d) => d.enrolmentOf(actor.personId)?.status === "enrolled"),
    ...teaching,
  ].flatMap((d) => d.activeSessions.filter((s) => s.ends_at > now).map((s) => ({ s, d })));
  upcoming.sort((a, b) => a.s.starts_at.localeCompare(b.s.starts_at));
  const next = upcoming[0];
  const assignments = await assignmentsOfPerson(db, actor.organizationId, actor.personId);
  const open = await repo.openCohortsOfCourses(
    db,
    actor.organizationId,
    [...new Set(assignments.map((a) => a.row.course_id))],
    now.slice(0, 10),
  );
  const openData = await loadCohorts(db, open);
  return {
    cohorts: learning.map((d) => {
      const completion = d.completionOf(actor.personId);
      const enrolment = enrolmentDto(d, actor.personId);
      if (!enrolment) throw errors.notFound("Enrolment");
      return {
        ...cohortSummary(d, now),
        enrolment,
        progressPct: Math.round(completion.progress * 100),
        attendancePct: d.attendanceOf(actor.personId).pct,
        completed: d.certificateOf(actor.personId) !== null,
      };
    }),
    teachingCount,
    pendingReviews,
    nextSession: next ? { ...sessionDto(next.s, false), cohortName: next.d.cohort.name } : null,
    certificates: await myCertificates(deps, actor),
    assignments: assignments.map(({ row, state }) => ({
      assignmentId: row.assignment_id,
      course: { id: row.course_id, title: row.course_title },
      dueAt: state.dueAt,
      status: state.status,
      note: row.note,
      openCohorts: openData
        .filter((d) => d.course.id === row.course_id)
        .map((d) => {
          const s = cohortSummary(d, now);
          return { id: s.id, name: s.name, startDate: s.startDate, seatsLeft: s.seatsLeft };
        }),
    })),
  };
}

/** Per cohort of a training program: completion, average score, attendance and overdue mandatory assignments. */
export async function dashboard(deps: Deps, actor: Actor, programId: string) {
  const { db } = deps;
  const program = await programs.findProgram(db, actor.organizationId, programId);
  if (!program) throw errors.notFound("Program");
  if (!canEditProgram(actor, program))
    throw errors.forbidden("Only the program's owner and org admins see its dashboard.");
  if (program.kind !== "training") {
    throw errors.unprocessable(
      "training.not_a_training_program",
      "This dashboard is for training programs.",
      { kind: program.kind },
    );
  }
  const data = await loadCohorts(db, await repo.cohortsOfProgram(db, actor.organizationId, programId));
  const late = (
    await assigneeStatesOfCourses(db, actor.organizationId, [...new Set(data.map((d) => d.course.id))])
  ).filter((x) => x.state.status === "overdue" || x.state.status === "recertification_due");
  let attended = 0;
  let counted = 0;
  const allScores: number[] = [];
  const cohorts = data.map((d) => {
    const trainees = d.enrolled.map((e) => e.person_id);
    const completed = trainees.filter((p) => d.certificateOf(p)).length;
    const scores = trainees.flatMap((p) =>
      d.assessments.map((a) => d.bestResult(p, a).scorePct).filter((x): x is number => x !== null),
    );
    let cohortAttended = 0;
    let cohortCounted = 0;
    for (const p of trainees) {
      const s = d.attendanceOf(p);
      cohortAttended += s.present + s.late;
      cohortCounted += s.recorded - s.excused;
    }
    attended += cohortAttended;
    counted += cohortCounted;
    allScores.push(...scores);
    return {
      id: d.cohort.id,
      name: d.cohort.name,
      course: { id: d.course.id, title: d.course.title },
      startDate: d.cohort.start_date,
      endDate: d.cohort.end_date,
      enrolled: trainees.length,
      waitlisted: d.queue.length,
      completed,
      completionRatePct: rate(completed, trainees.length),
      averageScorePct: mean(scores),
      attendanceRatePct: rate(cohortAttended, cohortCounted),
      overdueAssignments: late.filter(
        (x) => x.row.course_id === d.course.id && trainees.includes(x.row.person_id),
      ).length,
    };
  });
  const enrolled = cohorts.reduce((n, c) => n + c.enrolled, 0);
  const completed = cohorts.reduce((n, c) => n + c.completed, 0);
  return {
    program: { id: program.id, name: program.name },
    cohorts,
    totals: {
      enrolled,
      completed,
      completionRatePct: rate(completed, enrolled),
      averageScorePct: mean(allScores),
      attendanceRatePct: rate(attended, counted),
      overdueAssignments: late.filter((x) => data.some((d) => d.course.id === x.row.course_id)).length,
    },
  };
}
