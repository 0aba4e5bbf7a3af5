import {
  type AttendanceStatus,
  attendanceTowardCompletion,
  summarizeAttendance,
} from "../../../domain/training/attendance.ts";
import { evaluateCompletion } from "../../../domain/training/completion.ts";
import type { Db } from "../../db/kysely.ts";
import type { TrainingAssessmentTable, TrainingLessonTable } from "../../db/schema.ts";
import * as repo from "./training.repository.ts";

export interface BestResult {
  scorePct: number | null;
  passed: boolean | null;
  attempts: number;
}

/**
 * Everything about a set of cohorts that progress, gradebooks and completion are computed from, read in a few
 * queries. With `personId`, the per-trainee rows are that person's alone: enough for their own progress.
 */
export async function loadCohorts(db: Db, cohorts: repo.CohortRow[], personId?: string) {
  const ids = cohorts.map((c) => c.id);
  const courseIds = [...new Set(cohorts.map((c) => c.course_id))];
  const [
    courses,
    lessons,
    assessments,
    trainers,
    enrolments,
    sessions,
    attendance,
    progress,
    attempts,
    grades,
    certificates,
    submissions,
  ] = await Promise.all([
    Promise.all(courseIds.map((id) => repo.courseById(db, id))),
    Promise.all(courseIds.map((id) => repo.lessonsOf(db, id))),
    Promise.all(courseIds.map((id) => repo.assessmentsOf(db, id))),
    repo.trainersOf(db, ids),
    repo.enrolmentsOf(db, ids, personId),
    repo.sessionsOf(db, ids),
    repo.attendanceOf(db, ids, personId),
    repo.lessonProgressOf(db, ids, personId),
    repo.attemptsOf(db, ids, personId),
    repo.practicalGradesOf(db, ids, personId),
    repo.certificatesOfCohorts(db, ids, personId),
    repo.submissionsOf(db, ids, personId),
  ]);
  const byCourse = new Map(
    courseIds.map((id, i) => [
      id,
      { course: courses[i], lessons: lessons[i] ?? [], assessments: assessments[i] ?? [] },
    ]),
  );
  return cohorts.map((cohort) => {
    const c = byCourse.get(cohort.course_id);
    if (!c?.course) throw new Error(`Course ${cohort.course_id} of cohort ${cohort.id} is missing`);
    const mine = <T extends { cohort_id: string }>(rows: T[]) =>
      rows.filter((r) => r.cohort_id === cohort.id);
    return new CohortData(cohort, c.course, c.lessons, c.assessments, {
      trainers: mine(trainers),
      enrolments: mine(enrolments),
      sessions: mine(sessions),
      attendance: mine(attendance),
      progress: mine(progress),
      attempts: mine(attempts),
      grades: mine(grades),
      certificates: mine(certificates),
      submissions: mine(submissions),
    });
  });
}

export async function loadCohort(db: Db, cohort: repo.CohortRow): Promise<CohortData> {
  const [data] = await loadCohorts(db, [cohort]);
  if (!data) throw new Error("unreachable");
  return data;
}

type Rows<F extends (...a: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

export class CohortData {
  constructor(
    readonly cohort: repo.CohortRow,
    readonly course: {
      id: string;
      title: string;
      summary: string;
      competencies: string;
      min_attendance_pct: number;
      validity_months: number | null;
    },
    readonly lessons: TrainingLessonTable[],
    readonly assessments: TrainingAssessmentTable[],
    readonly rows: {
      trainers: Rows<typeof repo.trainersOf>;
      enrolments: repo.EnrolmentRow[];
      sessions: Rows<typeof repo.sessionsOf>;
      attendance: Rows<typeof repo.attendanceOf>;
      progress: Rows<typeof repo.lessonProgressOf>;
      attempts: Rows<typeof repo.attemptsOf>;
      grades: Rows<typeof repo.practicalGradesOf>;
      certificates: Rows<typeof repo.certificatesOfCohorts>;
      submissions: Rows<typeof repo.submissionsOf>;
    },
  ) {}

  /** The same cohort after one session's marks were stored: each person's mark replaces any they had. */
  withMarks(sessionId: string, marks: ReadonlyMap<string, AttendanceStatus>) {
    const kept = this.rows.attendance.filter((a) => a.session_id !== sessionId || !marks.has(a.person_id));
    const added = [...marks].map(([personId, status]) => ({
      cohort_id: this.cohort.id,
      session_id: sessionId,
      person_id: personId,
      status,
    }));
    return new CohortData(this.cohort, this.course, this.lessons, this.assessments, {
      ...this.rows,
      attendance: [...kept, ...added],
    });
  }

  get trainerIds() {
    return this.rows.trainers.map((t) => t.id);
  }
  get activeSessions() {
    return this.rows.sessions.filter((s) => s.cancelled_at === null);
  }
  get enrolled() {
    return this.rows.enrolments.filter((e) => e.status === "enrolled");
  }
  get queue() {
    return this.rows.enrolments
      .filter((e) => e.status === "waitlisted" || e.status === "offered")
      .sort((a, b) => (a.queued_at ?? "").localeCompare(b.queued_at ?? ""));
  }
  enrolmentOf(personId: string) {
    return this.rows.enrolments.find((e) => e.person_id === personId);
  }

  /**
   * The rows of one kind grouped by person, built once: a gradebook asks about every trainee, and scanning
   * every row for each of them would grow with the square of the cohort's size.
   */
  private readonly grouped = new Map<string, Map<string, unknown[]>>();
  private ofPerson<K extends "attendance" | "progress" | "submissions" | "attempts" | "grades">(
    kind: K,
    personId: string,
  ): CohortData["rows"][K] {
    let groups = this.grouped.get(kind);
    if (!groups) {
      groups = new Map();
      for (const row of this.rows[kind]) {
        const list = groups.get(row.person_id);
        if (list) list.push(row);
        else groups.set(row.person_id, [row]);
      }
      this.grouped.set(kind, groups);
    }
    return (groups.get(personId) ?? []) as CohortData["rows"][K];
  }

  marksOf(personId: string): AttendanceStatus[] {
    const active = new Set(this.activeSessions.map((s) => s.id));
    return this.ofPerson("attendance", personId)
      .filter((a) => active.has(a.session_id))
      .map((a) => a.status);
  }
  attendanceOf(personId: string) {
    return summarizeAttendance(this.marksOf(personId));
  }
  lessonsDoneBy(personId: string): Set<string> {
    const lessonIds = new Set(this.lessons.map((l) => l.id));
    return new Set(
      this.ofPerson("progress", personId)
        .filter((p) => lessonIds.has(p.lesson_id))
        .map((p) => p.lesson_id),
    );
  }
  latestSubmission(personId: string, lessonId: string) {
    return this.ofPerson("submissions", personId)
      .filter((s) => s.lesson_id === lessonId)
      .at(-1);
  }
  attemptsBy(personId: string, assessmentId: string) {
    return this.ofPerson("attempts", personId).filter((a) => a.assessment_id === assessmentId);
  }
  gradeOf(personId: string, assessmentId: string) {
    return this.ofPerson("grades", personId).find((g) => g.assessment_id === assessmentId);
  }
  /** A quiz counts its best submitted attempt; a practical its grade. */
  bestResult(personId: string, a: TrainingAssessmentTable): BestResult {
    if (a.kind === "practical") {
      const g = this.gradeOf(personId, a.id);
      return { scorePct: g?.score_pct ?? null, passed: g ? g.passed === 1 : null, attempts: g ? 1 : 0 };
    }
    const attempts = this.attemptsBy(personId, a.id);
    const scored = attempts.filter((x) => x.score_pct !== null);
    if (scored.length === 0) return { scorePct: null, passed: null, attempts: attempts.length };
    const best = Math.max(...scored.map((x) => x.score_pct ?? 0));
    return { scorePct: best, passed: scored.some((x) => x.passed === 1), attempts: attempts.length };
  }
  certificateOf(personId: string) {
    return this.rows.certificates.find((c) => c.person_id === personId) ?? null;
  }

  completionOf(personId: string) {
    const passed = new Set(
      this.assessments.filter((a) => this.bestResult(personId, a).passed === true).map((a) => a.id),
    );
    return evaluateCompletion(
      {
        minAttendancePct: this.course.min_attendance_pct,
        requiredLessons: this.lessons
          .filter((l) => l.required === 1)
          .map((l) => ({ id: l.id, title: l.title })),
        requiredAssessments: this.assessments
          .filter((a) => a.required === 1)
          .map((a) => ({ id: a.id, title: a.title })),
      },
      {
        attendancePct: attendanceTowardCompletion(this.activeSessions.length, this.marksOf(personId)),
        lessonsDone: this.lessonsDoneBy(personId),
        assessmentsPassed: passed,
      },
    );
  }

  nextSession(now = new Date().toISOString()) {
    return this.activeSessions.find((s) => s.ends_at > now) ?? null;
  }
}
