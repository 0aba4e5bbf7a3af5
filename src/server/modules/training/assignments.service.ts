import {
  type AssignmentState,
  assignmentState,
  type ReminderKind,
  reminderDue,
} from "../../../domain/training/mandatory.ts";
import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import type { z } from "../../lib/http.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { keyset, type PageRequest, pageOf, pageWithTotal, type SortKey } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as repo from "./training.repository.ts";
import type { AssignmentCreate, AssignmentTargetSchema } from "./training.schemas.ts";

type Target = z.infer<typeof AssignmentTargetSchema>;

export async function createAssignment(db: Db, actor: Actor, input: z.infer<typeof AssignmentCreate>) {
  if (input.target.kind === "seniority" && input.target.max < input.target.min) {
    throw errors.unprocessable("training.invalid_range", "The highest seniority is below the lowest.", {
      field: "target.max",
    });
  }
  if (Date.parse(input.dueAt) <= Date.now()) {
    throw errors.unprocessable("training.due_in_past", "Choose a due date in the future.", {
      field: "dueAt",
    });
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const course = await repo.findCourse(trx, actor.organizationId, input.courseId);
    if (!course)
      throw errors.unprocessable("training.unknown_course", "That course does not exist.", {
        field: "courseId",
      });
    if (course.status !== "published")
      throw errors.unprocessable("training.course_not_published", "Only published courses can be assigned.", {
        field: "courseId",
      });
    const people = await repo.membersOfGroup(trx, actor.organizationId, input.target);
    if (input.target.kind === "people") {
      const missing = input.target.personIds.filter((p) => !people.includes(p));
      if (missing.length > 0)
        throw errors.unprocessable(
          "training.unknown_person",
          "Some people are not active members of your organization.",
          { missing },
        );
    }
    if (people.length === 0)
      throw errors.unprocessable(
        "training.empty_group",
        "Nobody is in that group, so there is nobody to assign.",
      );
    const now = nowIso();
    const dueAt = new Date(input.dueAt).toISOString();
    await repo.insertAssignment(trx, {
      id,
      organization_id: actor.organizationId,
      course_id: course.id,
      target: toJson(input.target),
      due_at: dueAt,
      note: input.note,
      created_by: actor.personId,
      created_at: now,
    });
    await repo.insertAssignees(
      trx,
      people.map((person_id) => ({
        id: newId(),
        organization_id: actor.organizationId,
        assignment_id: id,
        course_id: course.id,
        person_id,
        due_at: dueAt,
        created_at: now,
      })),
    );
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "training.assigned",
      targetType: "training_course",
      targetId: course.id,
      details: { assignmentId: id, people: people.length, dueAt },
    });
  });
  return getAssignment(db, actor, id);
}

/** Each assignee's state, from the certificates they hold for the course. */
async function withStates(db: Db, organizationId: string, rows: repo.AssigneeRow[], now = new Date()) {
  const certificates = await repo.certificatesOfCourses(
    db,
    organizationId,
    [...new Set(rows.map((r) => r.course_id))],
    [...new Set(rows.map((r) => r.person_id))],
  );
  const held = new Map<string, { issuedAt: string; expiresAt: string | null }[]>();
  for (const c of certificates) {
    const k = `${c.person_id}:${c.course_id}`;
    held.set(k, [...(held.get(k) ?? []), { issuedAt: c.issued_at, expiresAt: c.expires_at }]);
  }
  return rows.map((r) => ({
    row: r,
    state: assignmentState(r.due_at, held.get(`${r.person_id}:${r.course_id}`) ?? [], now),
  }));
}

const assigneeDto = (x: { row: repo.AssigneeRow; state: AssignmentState }) => ({
  person: { id: x.row.person_id, name: x.row.name },
  department: x.row.department,
  status: x.state.status,
  dueAt: x.state.dueAt,
  certificateExpiresAt: x.state.certificateExpiresAt,
});

type StatusCounts = Record<AssignmentState["status"], number>;
const noCounts = (): StatusCounts => ({ completed: 0, due: 0, overdue: 0, recertification_due: 0 });

/** One assignment's counts out of `assigneeCounts` rows. */
function countsFor(assignmentId: string, rows: Awaited<ReturnType<typeof repo.assigneeCounts>>) {
  const counts = noCounts();
  for (const c of rows) if (c.assignment_id === assignmentId) counts[c.status] += c.n;
  return counts;
}

function assignmentDto(a: repo.AssignmentRow, counts: StatusCounts) {
  return {
    id: a.id,
    course: { id: a.course_id, title: a.course_title },
    target: parseJson<Target>(a.target, { kind: "people", personIds: [] }),
    dueAt: a.due_at,
    note: a.note,
    createdAt: a.created_at,
    createdBy: { id: a.created_by, name: a.creator_name },
    assigneeCount: counts.completed + counts.due + counts.overdue + counts.recertification_due,
    counts,
  };
}

const latestDueFirst: SortKey[] = [
  { column: "a.due_at", direction: "desc" },
  { column: "a.id", direction: "desc" },
];

/** Assignments, latest due date first, each with how many assignees stand in each status (counted in SQL). */
export async function listAssignments(db: Db, actor: Actor, page: PageRequest) {
  const q = repo.assignmentsQuery(db, actor.organizationId);
  const [found, total] = await Promise.all([
    keyset(q, latestDueFirst, page).execute(),
    db
      .selectFrom("training_assignment")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("organization_id", "=", actor.organizationId)
      .executeTakeFirst(),
  ]);
  const { rows, nextCursor } = pageOf(found, page, (a) => [a.due_at, a.id]);
  const counts = await repo.assigneeCounts(
    db,
    actor.organizationId,
    rows.map((a) => a.id),
    nowIso(),
  );
  return {
    items: rows.map((a) => assignmentDto(a, countsFor(a.id, counts))),
    nextCursor,
    total: toCount(total?.n as number | string | undefined),
  };
}

async function requireAssignment(db: Db, actor: Actor, id: string) {
  const a = await repo.assignmentsQuery(db, actor.organizationId).where("a.id", "=", id).executeTakeFirst();
  if (!a) throw errors.notFound("Assignment");
  return a;
}

/** An assignment with how many of its assignees stand in each status; the assignees page through `assigneePage`. */
export async function getAssignment(db: Db, actor: Actor, id: string) {
  const a = await requireAssignment(db, actor, id);
  return assignmentDto(
    a,
    countsFor(a.id, await repo.assigneeCounts(db, actor.organizationId, [a.id], nowIso())),
  );
}

const byName: SortKey[] = [
  { column: "p.name", direction: "asc" },
  { column: "s.id", direction: "asc" },
];

/** A page of an assignment's assignees by name, filtered by name or department and by status. */
export async function assigneePage(
  db: Db,
  actor: Actor,
  id: string,
  f: PageRequest & { q?: string | undefined; status?: AssignmentState["status"] | undefined },
) {
  await requireAssignment(db, actor, id);
  const now = new Date();
  const { rows, nextCursor, total } = await pageWithTotal(
    db,
    repo.assigneesOf(db, actor.organizationId, id, { q: f.q, status: f.status, now: now.toISOString() }),
    byName,
    f,
    (r) => [r.name, r.id],
  );
  return {
    items: (await withStates(db, actor.organizationId, rows, now)).map(assigneeDto),
    nextCursor,
    total,
  };
}

const longestOverdueFirst: SortKey[] = [
  { column: "s.due_at", direction: "asc" },
  { column: "s.id", direction: "asc" },
];

/** Everyone overdue or due for re-certification, by the assignment's due date, with how many and in how many assignments. */
export async function overdue(db: Db, actor: Actor, page: PageRequest) {
  const now = new Date();
  const q = repo.overdueAssignees(db, actor.organizationId, now.toISOString());
  const [found, totals] = await Promise.all([
    keyset(q, longestOverdueFirst, page).execute(),
    overdueTotals(db, actor, now),
  ]);
  const { rows, nextCursor } = pageOf(found, page, (r) => [r.due_at, r.id]);
  const states = await withStates(db, actor.organizationId, rows, now);
  return {
    items: states.map((x) => ({
      ...assigneeDto(x),
      assignmentId: x.row.assignment_id,
      course: { id: x.row.course_id, title: x.row.course_title },
    })),
    nextCursor,
    ...totals,
  };
}

/** How many assignees are overdue (re-certification included), and across how many assignments. */
export async function overdueTotals(db: Db, actor: Actor, now = new Date()) {
  const row = await db
    .selectFrom(repo.overdueAssignees(db, actor.organizationId, now.toISOString()).as("o"))
    .select((eb) => [eb.fn.countAll().as("n"), eb.fn.count("o.assignment_id").distinct().as("assignments")])
    .executeTakeFirst();
  return {
    total: toCount(row?.n as number | string | undefined),
    assignments: toCount(row?.assignments as number | string | undefined),
  };
}

export async function assignmentsOfPerson(db: Db, organizationId: string, personId: string) {
  return withStates(
    db,
    organizationId,
    await repo
      .assigneesQuery(db, organizationId)
      .where("s.person_id", "=", personId)
      .orderBy("s.due_at")
      .execute(),
  );
}

export async function assigneeStatesOfCourses(db: Db, organizationId: string, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return withStates(
    db,
    organizationId,
    await repo.assigneesQuery(db, organizationId).where("s.course_id", "in", courseIds).execute(),
  );
}

const REMINDER_TEXT: Record<
  ReminderKind,
  (course: string, due: string) => { subject: string; intro: string }
> = {
  due_in_7_days: (course, due) => ({
    subject: `Due in a week: ${course}`,
    intro: `Your mandatory training "${course}" is due on ${due}. Pick a cohort on your training page.`,
  }),
  due_in_1_day: (course, due) => ({
    subject: `Due tomorrow: ${course}`,
    intro: `Your mandatory training "${course}" is due on ${due}.`,
  }),
  overdue: (course, due) => ({
    subject: `Overdue: ${course}`,
    intro: `Your mandatory training "${course}" was due on ${due}. Please complete it as soon as you can.`,
  }),
};

/**
 * Queues each reminder that is due: 7 days and 1 day before the due date, and once when overdue. A reminder is
 * recorded in the transaction that queues its email, keyed by assignee, due date and kind, so a second sweep
 * (or a second server) never queues it twice, and a re-certification cycle, having a new due date, gets its own
 * reminders.
 */
export async function sendReminders(deps: Deps, organizationId: string | null, now = new Date()) {
  const rows = await repo.assigneesQuery(deps.db, organizationId).where("p.status", "=", "active").execute();
  const byOrg = new Map<string, repo.AssigneeRow[]>();
  for (const r of rows) {
    const list = byOrg.get(r.organization_id);
    if (list) list.push(r);
    else byOrg.set(r.organization_id, [r]);
  }
  const byKind: Record<string, number> = {};
  let sent = 0;
  for (const [org, list] of byOrg) {
    for (const { row, state } of await withStates(deps.db, org, list, now)) {
      const kind = reminderDue(state, now);
      if (!kind) continue;
      const recorded = await deps.db.transaction().execute(async (trx) => {
        const fresh = await repo.recordReminder(trx, {
          id: newId(),
          organization_id: org,
          assignee_id: row.id,
          due_at: state.dueAt,
          kind,
          sent_at: now.toISOString(),
        });
        if (fresh) {
          await notifyPerson(
            deps,
            org,
            row.person_id,
            "mandatory_training",
            { ...REMINDER_TEXT[kind](row.course_title, state.dueAt.slice(0, 10)), path: "/training" },
            { db: trx },
          );
        }
        return fresh;
      });
      if (!recorded) continue;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      sent += 1;
    }
  }
  return { sent, byKind };
}
