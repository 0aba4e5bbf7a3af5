import { renderLessonMarkdown } from "../../../domain/training/markdown.ts";
import { publicQuestion, type Question, questionProblems } from "../../../domain/training/quiz.ts";
import { type RubricCriterion, rubricProblems } from "../../../domain/training/rubric.ts";
import type { Db } from "../../db/kysely.ts";
import type { TrainingAssessmentTable, TrainingCourseTable } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import type { z } from "../../lib/http.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { managesPrograms } from "../programs/programs.policy.ts";
import * as repo from "./training.repository.ts";
import type {
  AssessmentCreate,
  AssessmentPatch,
  CourseCreate,
  CoursePatch,
  LessonBody,
  LessonPatch,
  ModuleBody,
  ModulePatch,
} from "./training.schemas.ts";

type CourseRow = TrainingCourseTable;

function requireAuthor(actor: Actor) {
  if (!managesPrograms(actor)) throw errors.forbidden("Only org admins and program managers author courses.");
}

/** Drafts are for their authors: anyone else gets 404, as if the course did not exist. */
export async function requireCourse(db: Db, actor: Actor, id: string): Promise<CourseRow> {
  const c = await repo.findCourse(db, actor.organizationId, id);
  if (!c || (c.status === "draft" && !managesPrograms(actor))) throw errors.notFound("Course");
  return c;
}

async function requireEditableCourse(db: Db, actor: Actor, id: string) {
  requireAuthor(actor);
  return requireCourse(db, actor, id);
}

export const competenciesOf = (c: { competencies: string }) => parseJson<string[]>(c.competencies, []);

export function assessmentDto(a: TrainingAssessmentTable, withKey: boolean) {
  const questions = parseJson<Question[]>(a.questions, []);
  return {
    id: a.id,
    kind: a.kind,
    position: a.position,
    title: a.title,
    instructions: a.instructions,
    required: a.required === 1,
    passMarkPct: a.pass_mark_pct,
    maxAttempts: a.max_attempts,
    timeLimitMinutes: a.time_limit_minutes,
    questionCount: questions.length,
    rubric: parseJson<RubricCriterion[]>(a.rubric, []),
    ...(withKey ? { questions } : {}),
  };
}

export const publicQuestions = (a: TrainingAssessmentTable) =>
  parseJson<Question[]>(a.questions, []).map(publicQuestion);

/** The completion rule of a course, in words, as trainees and authors read it. */
export function completionRuleText(
  c: Pick<CourseRow, "min_attendance_pct">,
  lessons: { required: number }[],
  assessments: { required: number; title: string }[],
): string[] {
  const out: string[] = [];
  if (c.min_attendance_pct > 0) out.push(`Attend at least ${c.min_attendance_pct} % of the sessions.`);
  const requiredLessons = lessons.filter((l) => l.required === 1).length;
  if (requiredLessons > 0)
    out.push(`Complete the ${requiredLessons} required lesson${requiredLessons === 1 ? "" : "s"}.`);
  for (const a of assessments.filter((x) => x.required === 1)) out.push(`Pass "${a.title}".`);
  if (out.length === 0) out.push("Enrol in a cohort: the course has no requirements yet.");
  return out;
}

export async function present(db: Db, actor: Actor, c: CourseRow) {
  const [modules, lessons, assessments, cohorts] = await Promise.all([
    repo.modulesOf(db, c.id),
    repo.lessonsOf(db, c.id),
    repo.assessmentsOf(db, c.id),
    repo.countCohortsOfCourse(db, c.id),
  ]);
  const author = managesPrograms(actor);
  return {
    ...summaryOf(c, { lessons: lessons.length, assessments: assessments.length, cohorts }),
    modules: modules.map((m) => ({
      id: m.id,
      position: m.position,
      title: m.title,
      summary: m.summary,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map((l) => ({
          id: l.id,
          moduleId: l.module_id,
          position: l.position,
          title: l.title,
          required: l.required === 1,
          activityPrompt: l.activity_prompt,
          content: l.content,
          contentHtml: renderLessonMarkdown(l.content),
        })),
    })),
    assessments: assessments.map((a) => assessmentDto(a, author)),
    completionRule: completionRuleText(c, lessons, assessments),
    canEdit: author,
  };
}

function summaryOf(c: CourseRow, n: { lessons: number; assessments: number; cohorts: number }) {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    competencies: competenciesOf(c),
    status: c.status,
    minAttendancePct: c.min_attendance_pct,
    validityMonths: c.validity_months,
    lessonCount: n.lessons,
    assessmentCount: n.assessments,
    cohortCount: n.cohorts,
    updatedAt: c.updated_at,
  };
}

export async function listCourses(
  db: Db,
  actor: Actor,
  query: { q?: string | undefined; status?: CourseRow["status"] | undefined } & PageRequest,
) {
  const visible: CourseRow["status"][] = managesPrograms(actor)
    ? ["draft", "published", "archived"]
    : ["published"];
  const statuses = query.status ? visible.filter((s) => s === query.status) : visible;
  if (statuses.length === 0) return { items: [], nextCursor: null, total: 0, statusCounts: {} };
  const [{ rows, nextCursor, total }, statusCounts] = await Promise.all([
    repo.pageCourses(db, actor.organizationId, { ...query, statuses }),
    repo.courseStatusCounts(db, actor.organizationId, visible),
  ]);
  return { items: rows.map((c) => summaryOf(c, c)), nextCursor, total, statusCounts };
}

async function audit(
  db: Db,
  actor: Actor,
  action: string,
  courseId: string,
  details: Record<string, unknown> = {},
) {
  await insertAuditEvent(db, {
    organizationId: actor.organizationId,
    actorPersonId: actor.personId,
    action,
    targetType: "training_course",
    targetId: courseId,
    details,
  });
}

export async function createCourse(db: Db, actor: Actor, input: z.infer<typeof CourseCreate>) {
  requireAuthor(actor);
  const now = nowIso();
  const row: CourseRow = {
    id: newId(),
    organization_id: actor.organizationId,
    title: input.title,
    summary: input.summary,
    competencies: toJson(dedupe(input.competencies)),
    min_attendance_pct: input.minAttendancePct,
    validity_months: input.validityMonths,
    status: "draft",
    created_by: actor.personId,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertCourse(trx, row);
    await audit(trx, actor, "training.course_created", row.id);
  });
  return present(db, actor, row);
}

const dedupe = (items: string[]) => [...new Map(items.map((s) => [s.toLowerCase(), s])).values()];

export async function updateCourse(db: Db, actor: Actor, id: string, patch: z.infer<typeof CoursePatch>) {
  await db.transaction().execute(async (trx) => {
    const c = await requireEditableCourse(trx, actor, id);
    if (patch.status === "published" && c.status !== "published") {
      const lessons = await repo.lessonsOf(trx, id);
      if (lessons.length === 0) {
        throw errors.unprocessable(
          "training.course_empty",
          "Add at least one lesson before publishing the course.",
        );
      }
    }
    await repo.updateCourse(trx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      ...(patch.competencies !== undefined ? { competencies: toJson(dedupe(patch.competencies)) } : {}),
      ...(patch.minAttendancePct !== undefined ? { min_attendance_pct: patch.minAttendancePct } : {}),
      ...(patch.validityMonths !== undefined ? { validity_months: patch.validityMonths } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: nowIso(),
    });
    await audit(trx, actor, "training.course_updated", id, { fields: Object.keys(patch) });
  });
  return present(db, actor, await requireCourse(db, actor, id));
}

const touch = (db: Db, courseId: string) => repo.updateCourse(db, courseId, { updated_at: nowIso() });

export async function addModule(db: Db, actor: Actor, courseId: string, input: z.infer<typeof ModuleBody>) {
  await db.transaction().execute(async (trx) => {
    await requireEditableCourse(trx, actor, courseId);
    await repo.insertModule(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      course_id: courseId,
      position: await repo.nextPosition(trx, "training_module", courseId),
      title: input.title,
      summary: input.summary,
      created_at: nowIso(),
    });
    await touch(trx, courseId);
  });
  return present(db, actor, await requireCourse(db, actor, courseId));
}

async function requireModule(db: Db, actor: Actor, id: string) {
  requireAuthor(actor);
  const m = await repo.findModule(db, actor.organizationId, id);
  if (!m) throw errors.notFound("Module");
  return m;
}

/** Structure can be removed only while no cohort has used the course, so nobody's progress or grades lose their subject. */
async function requireUnused(db: Db, courseId: string, what: string) {
  if ((await repo.countCohortsOfCourse(db, courseId)) > 0) {
    throw errors.conflict(
      "training.course_in_use",
      `This ${what} belongs to a course that cohorts already use, so it cannot be deleted. Edit it instead, or mark it optional.`,
    );
  }
}

export async function updateModule(db: Db, actor: Actor, id: string, patch: z.infer<typeof ModulePatch>) {
  const m = await requireModule(db, actor, id);
  await db.transaction().execute(async (trx) => {
    if (Object.keys(patch).length > 0) await repo.updateModule(trx, id, patch);
    await touch(trx, m.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, m.course_id));
}

export async function deleteModule(db: Db, actor: Actor, id: string) {
  const m = await requireModule(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await requireUnused(trx, m.course_id, "module");
    await repo.deleteModule(trx, id);
    await touch(trx, m.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, m.course_id));
}

export async function addLesson(db: Db, actor: Actor, moduleId: string, input: z.infer<typeof LessonBody>) {
  const m = await requireModule(db, actor, moduleId);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.insertLesson(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      course_id: m.course_id,
      module_id: moduleId,
      position: await repo.nextLessonPosition(trx, moduleId),
      title: input.title,
      content: input.content,
      required: input.required ? 1 : 0,
      activity_prompt: input.activityPrompt,
      created_at: now,
      updated_at: now,
    });
    await touch(trx, m.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, m.course_id));
}

async function requireLesson(db: Db, actor: Actor, id: string) {
  requireAuthor(actor);
  const l = await repo.findLesson(db, actor.organizationId, id);
  if (!l) throw errors.notFound("Lesson");
  return l;
}

export async function updateLesson(db: Db, actor: Actor, id: string, patch: z.infer<typeof LessonPatch>) {
  const l = await requireLesson(db, actor, id);
  await db.transaction().execute(async (trx) => {
    let moved = {};
    if (patch.moduleId !== undefined && patch.moduleId !== l.module_id) {
      const target = await repo.findModule(trx, actor.organizationId, patch.moduleId);
      if (!target || target.course_id !== l.course_id) {
        throw errors.unprocessable(
          "training.unknown_module",
          "Lessons move only between modules of the same course.",
          {
            field: "moduleId",
          },
        );
      }
      moved = {
        module_id: target.id,
        position: patch.position ?? (await repo.nextLessonPosition(trx, target.id)),
      };
    }
    await repo.updateLesson(trx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.content !== undefined ? { content: patch.content } : {}),
      ...(patch.required !== undefined ? { required: patch.required ? 1 : 0 } : {}),
      ...(patch.activityPrompt !== undefined ? { activity_prompt: patch.activityPrompt } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...moved,
      updated_at: nowIso(),
    });
    await touch(trx, l.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, l.course_id));
}

export async function deleteLesson(db: Db, actor: Actor, id: string) {
  const l = await requireLesson(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await requireUnused(trx, l.course_id, "lesson");
    await repo.deleteLesson(trx, id);
    await touch(trx, l.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, l.course_id));
}

function checkDefinition(kind: "quiz" | "practical", questions: Question[], rubric: RubricCriterion[]) {
  const problems = kind === "quiz" ? questionProblems(questions) : rubricProblems(rubric);
  if (problems.length > 0) {
    throw errors.unprocessable(
      kind === "quiz" ? "training.invalid_quiz" : "training.invalid_rubric",
      kind === "quiz" ? "The quiz needs some changes." : "The rubric needs some changes.",
      problems,
    );
  }
}

export async function addAssessment(
  db: Db,
  actor: Actor,
  courseId: string,
  input: z.infer<typeof AssessmentCreate>,
) {
  const questions = input.kind === "quiz" ? (input.questions as Question[]) : [];
  const rubric = input.kind === "practical" ? input.rubric : [];
  checkDefinition(input.kind, questions, rubric);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await requireEditableCourse(trx, actor, courseId);
    await repo.insertAssessment(trx, {
      id: newId(),
      organization_id: actor.organizationId,
      course_id: courseId,
      kind: input.kind,
      position: await repo.nextPosition(trx, "training_assessment", courseId),
      title: input.title,
      instructions: input.instructions,
      required: input.required ? 1 : 0,
      pass_mark_pct: input.passMarkPct,
      max_attempts: input.kind === "quiz" ? input.maxAttempts : null,
      time_limit_minutes: input.kind === "quiz" ? input.timeLimitMinutes : null,
      questions: toJson(questions),
      rubric: toJson(rubric),
      created_at: now,
      updated_at: now,
    });
    await touch(trx, courseId);
  });
  return present(db, actor, await requireCourse(db, actor, courseId));
}

async function requireAssessmentToEdit(db: Db, actor: Actor, id: string) {
  requireAuthor(actor);
  const a = await repo.findAssessment(db, actor.organizationId, id);
  if (!a) throw errors.notFound("Assessment");
  return a;
}

export async function updateAssessment(
  db: Db,
  actor: Actor,
  id: string,
  patch: z.infer<typeof AssessmentPatch>,
) {
  const a = await requireAssessmentToEdit(db, actor, id);
  if (a.kind === "quiz" && patch.rubric !== undefined)
    throw errors.unprocessable("training.wrong_kind", "A quiz has questions, not a rubric.", {
      field: "rubric",
    });
  if (
    a.kind === "practical" &&
    (patch.questions ?? patch.maxAttempts ?? patch.timeLimitMinutes) !== undefined
  )
    throw errors.unprocessable(
      "training.wrong_kind",
      "A practical evaluation has a rubric, not questions, attempts or a time limit.",
    );
  checkDefinition(
    a.kind,
    (patch.questions as Question[] | undefined) ?? parseJson<Question[]>(a.questions, []),
    patch.rubric ?? parseJson<RubricCriterion[]>(a.rubric, []),
  );
  await db.transaction().execute(async (trx) => {
    await repo.updateAssessment(trx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.instructions !== undefined ? { instructions: patch.instructions } : {}),
      ...(patch.required !== undefined ? { required: patch.required ? 1 : 0 } : {}),
      ...(patch.passMarkPct !== undefined ? { pass_mark_pct: patch.passMarkPct } : {}),
      ...(patch.maxAttempts !== undefined ? { max_attempts: patch.maxAttempts } : {}),
      ...(patch.timeLimitMinutes !== undefined ? { time_limit_minutes: patch.timeLimitMinutes } : {}),
      ...(patch.questions !== undefined ? { questions: toJson(patch.questions) } : {}),
      ...(patch.rubric !== undefined ? { rubric: toJson(patch.rubric) } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      updated_at: nowIso(),
    });
    await touch(trx, a.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, a.course_id));
}

export async function deleteAssessment(db: Db, actor: Actor, id: string) {
  const a = await requireAssessmentToEdit(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await requireUnused(trx, a.course_id, "assessment");
    await repo.deleteAssessment(trx, id);
    await touch(trx, a.course_id);
  });
  return present(db, actor, await requireCourse(db, actor, a.course_id));
}
