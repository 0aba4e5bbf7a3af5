import { attendanceBelowMinimum, scoreDistribution } from "../../../domain/training/gradebook.ts";
import { addMonthsIso } from "../../../domain/training/mandatory.ts";
import { type Answer, gradeQuiz, type Question, type QuizResult } from "../../../domain/training/quiz.ts";
import { type RubricCriterion, scoreRubric, selectionProblems } from "../../../domain/training/rubric.ts";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { TrainingAssessmentTable } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import type { z } from "../../lib/http.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import {
  byNameThenId,
  keyset,
  type PageRequest,
  pageByName,
  pageOf,
  type SortKey,
} from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import { recordTrainingEvent } from "../xapi/xapi.service.ts";
import { type CohortData, loadCohort } from "./cohort-data.ts";
import { type LoadedCohort, progressOf, requireCohort, requireStaff } from "./cohorts.service.ts";
import { competenciesOf, completionRuleText, publicQuestions } from "./courses.service.ts";
import { signCertificate } from "./credentials.ts";
import * as repo from "./training.repository.ts";
import type { GradeBody, ReviewBody, SubmissionBody, SubmitAttemptBody } from "./training.schemas.ts";

/** Submissions up to this long after the time limit still count: the request may have been in flight. */
const SUBMIT_GRACE_MS = 30_000;

/**
 * Evaluates the completion rule for one trainee and issues the certificate the first time it is met.
 * Runs inside the transaction of the change that may have completed the course.
 */
export interface Issuer {
  masterKey: Buffer;
  publicUrl: string;
}

export const issuerOf = (deps: Deps): Issuer => ({
  masterKey: deps.masterKey,
  publicUrl: deps.config.publicUrl,
});

export async function settle(
  db: Db,
  issuer: Issuer,
  d: CohortData,
  personId: string,
  issued: Issued[],
): Promise<string | null> {
  const existing = d.certificateOf(personId);
  if (existing) return existing.id;
  if (d.enrolmentOf(personId)?.status !== "enrolled" || !d.completionOf(personId).met) return null;
  const { org, person } = await repo.issuanceFacts(db, d.cohort.organization_id, personId);
  const id = newId();
  const issuedAt = nowIso();
  const expiresAt = d.course.validity_months ? addMonthsIso(issuedAt, d.course.validity_months) : null;
  const credential = await signCertificate(db, issuer.masterKey, {
    id,
    publicUrl: issuer.publicUrl,
    organization: org,
    recipient: person,
    course: {
      id: d.course.id,
      title: d.course.title,
      summary: d.course.summary,
      competencies: competenciesOf(d.course),
      criteria: completionRuleText(d.course, d.lessons, d.assessments).join(" "),
    },
    issuedAt,
    expiresAt,
  });
  await repo.insertCertificate(db, {
    id,
    organization_id: d.cohort.organization_id,
    course_id: d.course.id,
    cohort_id: d.cohort.id,
    person_id: personId,
    issued_at: issuedAt,
    expires_at: expiresAt,
    credential: toJson(credential),
    revoked_at: null,
  });
  await repo.markCompleted(db, d.cohort.id, personId, issuedAt);
  const xapiFact = { organizationId: d.cohort.organization_id, cohortId: d.cohort.id, personId };
  await recordTrainingEvent(db, issuer.publicUrl, { kind: "cohort_completed", ...xapiFact });
  await recordTrainingEvent(db, issuer.publicUrl, {
    kind: "certificate_issued",
    ...xapiFact,
    certificateId: id,
  });
  await insertAuditEvent(db, {
    organizationId: d.cohort.organization_id,
    actorPersonId: null,
    action: "training.certificate_issued",
    targetType: "training_certificate",
    targetId: id,
    details: { cohortId: d.cohort.id, personId },
  });
  await emitEvent(db, d.cohort.organization_id, "training.cohort.completed", {
    cohortId: d.cohort.id,
    courseId: d.course.id,
    personId,
    completedAt: issuedAt,
  });
  await emitEvent(db, d.cohort.organization_id, "training.certificate.issued", {
    certificateId: id,
    courseId: d.course.id,
    cohortId: d.cohort.id,
    personId,
    issuedAt,
    expiresAt,
  });
  d.rows.certificates.push({
    id,
    organization_id: d.cohort.organization_id,
    course_id: d.course.id,
    cohort_id: d.cohort.id,
    person_id: personId,
    issued_at: issuedAt,
    expires_at: expiresAt,
    revoked_at: null,
    course_title: d.course.title,
    person_name: person.name,
  });
  issued.push({ id, organizationId: d.cohort.organization_id, personId, courseTitle: d.course.title });
  return id;
}

export interface Issued {
  id: string;
  organizationId: string;
  personId: string;
  courseTitle: string;
}

/** Tells each new certificate holder, once the transaction that issued it has committed. */
export async function announceCertificates(deps: Deps, issued: Issued[]) {
  for (const c of issued) {
    await notifyPerson(deps, c.organizationId, c.personId, "responses", {
      subject: `Certificate: ${c.courseTitle}`,
      intro: `You completed "${c.courseTitle}". Your certificate is a verifiable credential you can share; anyone can check it on its public page.`,
      path: `/verify/${c.id}`,
    });
  }
}

function requireTrainee(l: LoadedCohort, actor: Actor) {
  if (l.data.enrolmentOf(actor.personId)?.status !== "enrolled") {
    throw errors.forbidden("Only trainees enrolled in this cohort can do this.");
  }
  if (l.data.cohort.status === "cancelled")
    throw errors.unprocessable("training.cohort_cancelled", "This cohort was cancelled.");
}

function lessonOf(d: CohortData, lessonId: string) {
  const lesson = d.lessons.find((x) => x.id === lessonId);
  if (!lesson) throw errors.notFound("Lesson");
  return lesson;
}

export async function completeLesson(deps: Deps, actor: Actor, cohortId: string, lessonId: string) {
  const issued: Issued[] = [];
  const fresh = await deps.db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    requireTrainee(l, actor);
    const lesson = lessonOf(l.data, lessonId);
    if (lesson.activity_prompt && l.data.latestSubmission(actor.personId, lessonId)?.status !== "accepted") {
      throw errors.unprocessable(
        "training.activity_pending",
        "This lesson has a hands-on activity: it is done when your trainer accepts your submission.",
      );
    }
    await repo.markLessonDone(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      cohort_id: cohortId,
      lesson_id: lessonId,
      person_id: actor.personId,
      completed_at: nowIso(),
    });
    await recordTrainingEvent(trx, deps.config.publicUrl, {
      kind: "lesson_completed",
      organizationId: actor.organizationId,
      cohortId,
      personId: actor.personId,
      lessonId,
    });
    const after = await loadCohort(trx, l.data.cohort);
    await settle(trx, issuerOf(deps), after, actor.personId, issued);
    return after;
  });
  await announceCertificates(deps, issued);
  return progressOf(fresh, actor.personId);
}

function submissionDto(s: repo.SubmissionRow) {
  return {
    id: s.id,
    cohortId: s.cohort_id,
    lesson: { id: s.lesson_id, title: s.lesson_title },
    person: { id: s.person_id, name: s.person_name },
    kind: s.kind,
    body: s.body,
    status: s.status,
    feedback: s.feedback,
    submittedAt: s.submitted_at,
    reviewedAt: s.reviewed_at,
  };
}

async function findSubmission(db: Db, actor: Actor, id: string) {
  const s = await repo.submissionsQuery(db, actor.organizationId).where("s.id", "=", id).executeTakeFirst();
  if (!s) throw errors.notFound("Submission");
  return s;
}

export async function submitActivity(
  db: Db,
  actor: Actor,
  cohortId: string,
  lessonId: string,
  input: z.infer<typeof SubmissionBody>,
) {
  if (input.kind === "link" && !/^https?:\/\/\S+$/i.test(input.body)) {
    throw errors.unprocessable("training.invalid_link", "A link starts with http:// or https://.", {
      field: "body",
    });
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    requireTrainee(l, actor);
    const lesson = lessonOf(l.data, lessonId);
    if (!lesson.activity_prompt)
      throw errors.unprocessable("training.no_activity", "This lesson has no activity to submit.");
    const latest = l.data.latestSubmission(actor.personId, lessonId);
    if (latest?.status === "accepted")
      throw errors.conflict("training.already_accepted", "Your trainer has already accepted this activity.");
    await repo.insertSubmission(trx, {
      id,
      organization_id: actor.organizationId,
      cohort_id: cohortId,
      lesson_id: lessonId,
      person_id: actor.personId,
      kind: input.kind,
      body: input.body,
      status: "submitted",
      feedback: null,
      reviewed_by: null,
      reviewed_at: null,
      submitted_at: nowIso(),
    });
  });
  return submissionDto(await findSubmission(db, actor, id));
}

export async function reviewSubmission(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ReviewBody>,
) {
  const issued: Issued[] = [];
  const s = await deps.db.transaction().execute(async (trx) => {
    const found = await findSubmission(trx, actor, id);
    const l = await requireCohort(trx, actor, found.cohort_id);
    requireStaff(l);
    if (found.status !== "submitted")
      throw errors.conflict("training.already_reviewed", "This submission has already been reviewed.", {
        status: found.status,
      });
    const now = nowIso();
    await repo.updateSubmission(trx, id, {
      status: input.decision,
      feedback: input.feedback || null,
      reviewed_by: actor.personId,
      reviewed_at: now,
    });
    if (input.decision === "accepted") {
      await repo.markLessonDone(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        cohort_id: found.cohort_id,
        lesson_id: found.lesson_id,
        person_id: found.person_id,
        completed_at: now,
      });
      await recordTrainingEvent(trx, deps.config.publicUrl, {
        kind: "lesson_completed",
        organizationId: actor.organizationId,
        cohortId: found.cohort_id,
        personId: found.person_id,
        lessonId: found.lesson_id,
      });
      await settle(trx, issuerOf(deps), await loadCohort(trx, l.data.cohort), found.person_id, issued);
    }
    return found;
  });
  await announceCertificates(deps, issued);
  await notifyPerson(deps, actor.organizationId, s.person_id, "responses", {
    subject:
      input.decision === "accepted" ? "Your activity was accepted" : "Your activity needs another look",
    intro: `${actor.name} reviewed your activity for "${s.lesson_title}".`,
    path: `/training/cohorts/${s.cohort_id}`,
  });
  return submissionDto(await findSubmission(deps.db, actor, id));
}

// Quizzes

function quizOf(d: CohortData, assessmentId: string, kind: TrainingAssessmentTable["kind"]) {
  const a = d.assessments.find((x) => x.id === assessmentId);
  if (!a) throw errors.notFound("Assessment");
  if (a.kind !== kind) {
    throw errors.unprocessable(
      "training.wrong_kind",
      kind === "quiz"
        ? "This assessment is a practical evaluation, graded by the trainer."
        : "This assessment is a quiz, graded on submit.",
    );
  }
  return a;
}

function attemptDto(
  a: {
    id: string;
    assessment_id: string;
    cohort_id: string;
    attempt_number: number;
    status: "in_progress" | "submitted" | "expired";
    started_at: string;
    deadline_at: string | null;
  },
  quiz: TrainingAssessmentTable,
) {
  return {
    id: a.id,
    assessmentId: a.assessment_id,
    cohortId: a.cohort_id,
    attemptNumber: a.attempt_number,
    maxAttempts: quiz.max_attempts,
    status: a.status,
    startedAt: a.started_at,
    deadlineAt: a.deadline_at,
    questions: publicQuestions(quiz),
  };
}

/** Starts an attempt, or resumes the one in progress. The questions come without their answer key. */
export async function startAttempt(db: Db, actor: Actor, cohortId: string, assessmentId: string) {
  return db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    requireTrainee(l, actor);
    const quiz = quizOf(l.data, assessmentId, "quiz");
    const attempts = l.data.attemptsBy(actor.personId, assessmentId);
    const now = new Date();
    const open = attempts.find(
      (a) =>
        a.status === "in_progress" &&
        (a.deadline_at === null || Date.parse(a.deadline_at) + SUBMIT_GRACE_MS > now.getTime()),
    );
    if (open) return attemptDto(open, quiz);
    if (quiz.max_attempts !== null && attempts.length >= quiz.max_attempts) {
      throw errors.unprocessable(
        "training.no_attempts_left",
        `You have used all ${quiz.max_attempts} attempts at this quiz.`,
        { maxAttempts: quiz.max_attempts },
      );
    }
    const row = {
      id: newId(),
      organization_id: actor.organizationId,
      assessment_id: assessmentId,
      cohort_id: cohortId,
      person_id: actor.personId,
      attempt_number: attempts.length + 1,
      status: "in_progress" as const,
      started_at: now.toISOString(),
      deadline_at: quiz.time_limit_minutes
        ? new Date(now.getTime() + quiz.time_limit_minutes * 60_000).toISOString()
        : null,
      submitted_at: null,
      answers: "{}",
      result: null,
      score_pct: null,
      passed: null,
    };
    await repo.insertAttempt(trx, row);
    return attemptDto(row, quiz);
  });
}

export async function submitAttempt(
  deps: Deps,
  actor: Actor,
  attemptId: string,
  input: z.infer<typeof SubmitAttemptBody>,
) {
  const issued: Issued[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const attempt = await repo.findAttempt(trx, actor.organizationId, attemptId);
    if (!attempt || attempt.person_id !== actor.personId) throw errors.notFound("Attempt");
    if (attempt.status !== "in_progress")
      throw errors.conflict("training.attempt_closed", "This attempt has already been submitted.", {
        status: attempt.status,
      });
    const l = await requireCohort(trx, actor, attempt.cohort_id);
    requireTrainee(l, actor);
    const quiz = quizOf(l.data, attempt.assessment_id, "quiz");
    const questions = parseJson<Question[]>(quiz.questions, []);
    const unknown = Object.keys(input.answers).filter((k) => !questions.some((q) => q.id === k));
    if (unknown.length > 0)
      throw errors.unprocessable(
        "training.unknown_question",
        "Some answers are for questions this quiz does not have.",
        { questionIds: unknown },
      );
    const now = new Date();
    const expired =
      attempt.deadline_at !== null && now.getTime() > Date.parse(attempt.deadline_at) + SUBMIT_GRACE_MS;
    const graded: QuizResult = expired
      ? { ...gradeQuiz(questions, {}, quiz.pass_mark_pct), passed: false }
      : gradeQuiz(questions, input.answers as Record<string, Answer>, quiz.pass_mark_pct);
    await repo.updateAttempt(trx, attemptId, {
      status: expired ? "expired" : "submitted",
      submitted_at: now.toISOString(),
      answers: toJson(expired ? {} : input.answers),
      result: toJson(graded),
      score_pct: graded.scorePct,
      passed: graded.passed ? 1 : 0,
    });
    await recordTrainingEvent(trx, deps.config.publicUrl, {
      kind: "quiz_graded",
      organizationId: actor.organizationId,
      cohortId: attempt.cohort_id,
      personId: actor.personId,
      attemptId,
      assessmentId: quiz.id,
      passed: graded.passed,
      points: graded.points,
      maxPoints: graded.maxPoints,
      scorePct: graded.scorePct,
    });
    const fresh = await loadCohort(trx, l.data.cohort);
    const certificateId = await settle(trx, issuerOf(deps), fresh, actor.personId, issued);
    const used = fresh.attemptsBy(actor.personId, quiz.id).length;
    return {
      id: attemptId,
      attemptNumber: attempt.attempt_number,
      status: expired ? ("expired" as const) : ("submitted" as const),
      scorePct: graded.scorePct,
      passed: graded.passed,
      points: graded.points,
      maxPoints: graded.maxPoints,
      questions: graded.questions.map((q) => ({ id: q.id, correct: q.correct })),
      attemptsLeft: quiz.max_attempts === null ? null : Math.max(0, quiz.max_attempts - used),
      completion: fresh.completionOf(actor.personId),
      certificateId,
    };
  });
  await announceCertificates(deps, issued);
  return result;
}

// Practical evaluations

export async function gradePractical(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  assessmentId: string,
  personId: string,
  input: z.infer<typeof GradeBody>,
) {
  const issued: Issued[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const l = await requireCohort(trx, actor, cohortId);
    requireStaff(l);
    const a = quizOf(l.data, assessmentId, "practical");
    if (l.data.enrolmentOf(personId)?.status !== "enrolled") throw errors.notFound("Trainee");
    const rubric = parseJson<RubricCriterion[]>(a.rubric, []);
    const problems = selectionProblems(rubric, input.levels);
    if (problems.length > 0)
      throw errors.unprocessable(
        "training.incomplete_grading",
        "Grade every criterion of the rubric.",
        problems,
      );
    const strayComments = Object.keys(input.comments).filter((k) => !rubric.some((c) => c.id === k));
    if (strayComments.length > 0)
      throw errors.unprocessable(
        "training.unknown_criterion",
        "Some comments are for criteria the rubric does not have.",
        { criteria: strayComments },
      );
    const score = scoreRubric(rubric, input.levels, a.pass_mark_pct);
    const now = nowIso();
    const values = {
      levels: toJson(input.levels),
      comments: toJson(input.comments),
      overall_comment: input.overallComment,
      score_pct: score.scorePct,
      passed: score.passed ? 1 : 0,
      graded_by: actor.personId,
      graded_at: now,
    };
    await repo.saveGrade(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      assessment_id: assessmentId,
      cohort_id: cohortId,
      person_id: personId,
      ...values,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "training.practical_graded",
      targetType: "training_cohort",
      targetId: cohortId,
      details: { assessmentId, personId, scorePct: score.scorePct },
    });
    const fresh = await loadCohort(trx, l.data.cohort);
    const certificateId = await settle(trx, issuerOf(deps), fresh, personId, issued);
    const name = fresh.enrolmentOf(personId)?.name ?? "";
    return {
      assessmentId,
      person: { id: personId, name },
      levels: input.levels,
      comments: input.comments,
      overallComment: input.overallComment,
      scorePct: score.scorePct,
      passed: score.passed,
      gradedBy: { id: actor.personId, name: actor.name },
      gradedAt: now,
      completion: fresh.completionOf(personId),
      certificateId,
      title: a.title,
    };
  });
  await announceCertificates(deps, issued);
  await notifyPerson(deps, actor.organizationId, personId, "responses", {
    subject: `Graded: ${result.title}`,
    intro: `${actor.name} graded your practical evaluation "${result.title}".`,
    path: `/training/cohorts/${cohortId}`,
  });
  const { title: _title, ...dto } = result;
  return dto;
}

// Gradebooks and the grading queue

const newestFirst: SortKey[] = [
  { column: "s.submitted_at", direction: "desc" },
  { column: "s.id", direction: "desc" },
];

/** Activity submissions waiting for the caller's review, in the cohorts they teach. */
export async function queuedSubmissions(db: Db, actor: Actor, page: PageRequest) {
  const q = repo.submissionsToReview(db, actor.organizationId, actor.personId);
  const [found, total] = await Promise.all([
    keyset(q, newestFirst, page).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  ]);
  const { rows, nextCursor } = pageOf(found, page, (s) => [s.submitted_at, s.id]);
  return {
    items: rows.map((s) => ({ ...submissionDto(s), cohortName: s.cohort_name })),
    nextCursor,
    total: toCount(total?.n as number | string | undefined),
  };
}

const byCohortThenTrainee: SortKey[] = [
  { column: "h.start_date", direction: "asc" },
  { column: "h.id", direction: "asc" },
  { column: "a.position", direction: "asc" },
  { column: "a.id", direction: "asc" },
  { column: "p.name", direction: "asc" },
  { column: "e.person_id", direction: "asc" },
];

/** Practical evaluations the caller has yet to grade, in the cohorts they teach. */
export async function queuedPracticals(db: Db, actor: Actor, page: PageRequest) {
  const q = repo.practicalsToGrade(db, actor.organizationId, actor.personId);
  const [found, total] = await Promise.all([
    keyset(
      q.select([
        "h.id as cohort_id",
        "h.name as cohort_name",
        "h.start_date",
        "a.id as assessment_id",
        "a.title as assessment_title",
        "a.position",
        "e.person_id",
        "p.name as person_name",
      ]),
      byCohortThenTrainee,
      page,
    ).execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  const { rows, nextCursor } = pageOf(found, page, (r) => [
    r.start_date,
    r.cohort_id,
    r.position,
    r.assessment_id,
    r.person_name,
    r.person_id,
  ]);
  return {
    items: rows.map((r) => ({
      cohort: { id: r.cohort_id, name: r.cohort_name },
      assessment: { id: r.assessment_id, title: r.assessment_title },
      person: { id: r.person_id, name: r.person_name },
    })),
    nextCursor,
    total: toCount(total?.n as number | string | undefined),
  };
}

const cohortRef = (d: CohortData) => ({
  id: d.cohort.id,
  name: d.cohort.name,
  course: { id: d.course.id, title: d.course.title },
});

/**
 * One page of the cohort's gradebook, trainees by name, with the figures of the whole cohort (completions,
 * attendance below the minimum, the distribution of best scores) so charts need not load every page.
 */
export async function gradebookMatrix(
  db: Db,
  actor: Actor,
  cohortId: string,
  query: PageRequest & { q?: string | undefined },
) {
  const l = await requireCohort(db, actor, cohortId);
  requireStaff(l);
  const d = l.data;
  const trainees = d.enrolled
    .map((e) => ({
      id: e.person_id,
      name: e.name,
      row: {
        person: { id: e.person_id, name: e.name },
        attendancePct: d.attendanceOf(e.person_id).pct,
        lessonsDone: d.lessonsDoneBy(e.person_id).size,
        lessonsTotal: d.lessons.length,
        cells: d.assessments.map((a) => ({ assessmentId: a.id, ...d.bestResult(e.person_id, a) })),
        completed: d.certificateOf(e.person_id) !== null,
        certificateId: d.certificateOf(e.person_id)?.id ?? null,
      },
    }))
    .sort(byNameThenId);
  const rows = trainees.map((t) => t.row);
  const needle = query.q?.toLowerCase();
  const matching = needle ? trainees.filter((t) => t.name.toLowerCase().includes(needle)) : trainees;
  const page = pageByName(matching, query);
  const minimumPct = d.course.min_attendance_pct;
  return {
    cohort: cohortRef(d),
    assessments: d.assessments.map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      required: a.required === 1,
      passMarkPct: a.pass_mark_pct,
    })),
    summary: {
      trainees: rows.length,
      completed: rows.filter((r) => r.completed).length,
      attendance: {
        minimumPct,
        ...attendanceBelowMinimum(
          rows.map((r) => r.attendancePct),
          minimumPct,
        ),
      },
      scores: scoreDistribution(
        rows.flatMap((r) => r.cells.map((c) => c.scorePct).filter((s): s is number => s !== null)),
      ),
    },
    items: page.rows.map((t) => t.row),
    nextCursor: page.nextCursor,
    total: matching.length,
  };
}

/** One trainee's grades: the trainee themself, the cohort's trainers and program staff. */
export async function gradebook(db: Db, actor: Actor, cohortId: string, personId: string) {
  const l = await requireCohort(db, actor, cohortId);
  if (personId !== actor.personId) requireStaff(l);
  const d = l.data;
  const e = d.enrolmentOf(personId);
  if (!e || e.status !== "enrolled") throw errors.notFound("Trainee");
  const done = d.lessonsDoneBy(personId);
  return {
    cohort: cohortRef(d),
    person: { id: personId, name: e.name },
    attendance: d.attendanceOf(personId),
    lessons: d.lessons.map((lesson) => {
      const latest = lesson.activity_prompt ? d.latestSubmission(personId, lesson.id) : undefined;
      return {
        id: lesson.id,
        title: lesson.title,
        required: lesson.required === 1,
        done: done.has(lesson.id),
        activity: lesson.activity_prompt ? (latest?.status ?? ("not_submitted" as const)) : ("none" as const),
        submission: latest
          ? {
              id: latest.id,
              kind: latest.kind,
              body: latest.body,
              status: latest.status,
              feedback: latest.feedback,
              submittedAt: latest.submitted_at,
              reviewedAt: latest.reviewed_at,
            }
          : null,
      };
    }),
    assessments: d.assessments.map((a) => {
      const best = d.bestResult(personId, a);
      const g = d.gradeOf(personId, a.id);
      return {
        id: a.id,
        title: a.title,
        kind: a.kind,
        required: a.required === 1,
        passMarkPct: a.pass_mark_pct,
        scorePct: best.scorePct,
        passed: best.passed,
        maxAttempts: a.max_attempts,
        attempts: d.attemptsBy(personId, a.id).map((x) => ({
          number: x.attempt_number,
          scorePct: x.score_pct,
          passed: x.passed === null ? null : x.passed === 1,
          status: x.status,
          submittedAt: x.submitted_at,
        })),
        practical: g
          ? {
              levels: parseJson<Record<string, string>>(g.levels, {}),
              comments: parseJson<Record<string, string>>(g.comments, {}),
              overallComment: g.overall_comment,
              gradedBy: { id: g.graded_by, name: g.grader_name },
              gradedAt: g.graded_at,
            }
          : null,
      };
    }),
    completion: d.completionOf(personId),
    certificateId: d.certificateOf(personId)?.id ?? null,
  };
}
