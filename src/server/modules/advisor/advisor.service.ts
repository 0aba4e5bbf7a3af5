import { advise, type Recommendation } from "../../../domain/advisor/advise.ts";
import { type Answers, QUESTIONS } from "../../../domain/advisor/questions.ts";
import type { Mode } from "../../../domain/advisor/rules.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { decodeCursor, type PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findPerson, hasReports } from "../people/people.repository.ts";
import { isAbove } from "../people/people.service.ts";
import * as programs from "../programs/programs.repository.ts";
import * as repo from "./advisor.repository.ts";

const ROLE_OF: Record<Mode, "mentee" | "coachee" | "trainee"> = {
  mentoring: "mentee",
  coaching: "coachee",
  training: "trainee",
};

interface StoredRecommendation extends Recommendation {
  courseId: string | null;
}

export async function questionnaire(db: Db, actor: Actor) {
  return {
    questions: QUESTIONS.map((q) => ({
      id: q.id,
      label: q.label,
      onBehalf: q.onBehalf,
      options: q.options.map((o) => ({ value: o.value, label: o.label })),
    })),
    hasReports: await hasReports(db, actor.organizationId, actor.personId),
  };
}

/** The person is the caller, or someone below the caller in the reporting line; anyone else is not found. */
async function requireSubject(db: Db, actor: Actor, personId: string) {
  const person = await findPerson(db, actor.organizationId, personId);
  if (!person || person.status === "deactivated") throw errors.notFound("Person");
  if (person.id !== actor.personId && !(await isAbove(db, actor.organizationId, actor.personId, person.id))) {
    throw errors.notFound("Person");
  }
  return person;
}

export async function take(
  db: Db,
  actor: Actor,
  input: { personId?: string | undefined; answers: Record<string, string>; courseId?: string | undefined },
  ip: string | null,
) {
  const person = await requireSubject(db, actor, input.personId ?? actor.personId);
  const answers = input.answers as Answers;
  if (input.courseId && answers.curriculum !== "exists") {
    throw errors.unprocessable(
      "advisor.course_without_curriculum",
      "Name a course only when you answer that a course exists.",
      { field: "courseId" },
    );
  }
  if (input.courseId && !(await repo.findPublishedCourse(db, actor.organizationId, input.courseId))) {
    throw errors.notFound("Course");
  }
  const onBehalf = person.id !== actor.personId;
  const recommendation = advise({ ...answers, initiator: onBehalf ? "manager" : "self" });
  const stored: StoredRecommendation = { ...recommendation, courseId: input.courseId ?? null };
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await repo.insertResponse(trx, {
      id,
      organization_id: actor.organizationId,
      person_id: person.id,
      taken_by: actor.personId,
      answers: toJson(answers),
      recommendation: toJson(stored),
      created_at: nowIso(),
    });
    if (onBehalf) {
      await insertAuditEvent(trx, {
        organizationId: actor.organizationId,
        actorPersonId: actor.personId,
        action: "advisor.taken_for_report",
        targetType: "person",
        targetId: person.id,
        ipAddress: ip,
        details: { responseId: id },
      });
    }
  });
  return get(db, actor, id);
}

async function requireResponse(db: Db, actor: Actor, id: string) {
  const row = await repo.findResponse(db, actor.organizationId, id);
  if (!row) throw errors.notFound("Advice");
  const mine = row.person_id === actor.personId || row.taken_by === actor.personId;
  if (!mine && !(await isAbove(db, actor.organizationId, actor.personId, row.person_id))) {
    throw errors.notFound("Advice");
  }
  return row;
}

export async function get(db: Db, actor: Actor, id: string) {
  const row = await requireResponse(db, actor, id);
  const stored = parseJson<StoredRecommendation>(row.recommendation, { options: [], courseId: null });
  const course = stored.courseId
    ? await repo.findPublishedCourse(db, actor.organizationId, stored.courseId)
    : undefined;
  const kinds = rankedModes(stored);
  const pages = await Promise.all(
    kinds.map((kind) =>
      programPage(db, actor.organizationId, row.person_id, stored, kind, { limit: PROGRAMS_PER_KIND }),
    ),
  );
  return {
    id: row.id,
    person: { id: row.person_id, name: row.person_name },
    takenBy: { id: row.taken_by, name: row.taken_by_name },
    onBehalf: row.person_id !== row.taken_by,
    answers: parseJson<Answers>(row.answers, {} as Answers),
    course: course ? { id: course.id, title: course.title } : null,
    options: stored.options,
    programs: pages.flatMap((p) => p.items),
    programKinds: kinds.map((kind, i) => ({
      kind,
      total: pages[i]?.total ?? 0,
      nextCursor: pages[i]?.nextCursor ?? null,
    })),
    createdAt: row.created_at,
  };
}

/** How many programs of each indicated kind come with the advice; the rest are paged. */
export const PROGRAMS_PER_KIND = 10;

/** The indicated modes, the best-ranked first. */
function rankedModes(rec: StoredRecommendation): Mode[] {
  const ranked: Mode[] = [];
  for (const option of rec.options) {
    if (option.strength === "not_indicated") continue;
    for (const m of option.modes) if (!ranked.includes(m)) ranked.push(m);
  }
  return ranked;
}

/**
 * A page of the open programs of one kind the person is eligible for: a training program with an open
 * cohort of the course named in the answers first, then by name.
 */
async function programPage(
  db: Db,
  organizationId: string,
  personId: string,
  rec: StoredRecommendation,
  kind: Mode,
  page: PageRequest,
) {
  const now = new Date();
  const person = await findPerson(db, organizationId, personId);
  const { rows, nextCursor, total } = await repo.pageAdvisedPrograms(db, organizationId, {
    ...page,
    kind,
    openAt: now.toISOString(),
    today: now.toISOString().slice(0, 10),
    courseId: kind === "training" ? rec.courseId : null,
    eligible: { department: person?.department ?? null, seniority: person?.seniority ?? null },
  });
  const enrolments = await programs.enrolmentsOfPerson(
    db,
    organizationId,
    personId,
    rows.map((p) => p.id),
  );
  const items = rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    description: p.description,
    enrolmentClosesAt: p.enrolment_closes_at,
    role: ROLE_OF[p.kind],
    enrolled: enrolments.some((e) => e.program_id === p.id && e.role === ROLE_OF[p.kind]),
    hasQuestionnaire: parseJson<unknown[]>(p.questionnaire, []).length > 0,
    teachesCourse: Number(p.teaches) === 1,
  }));
  return { items, nextCursor, total };
}

/** More of the programs of one kind that come with a piece of advice; none for a kind it does not indicate. */
export async function advisedPrograms(db: Db, actor: Actor, id: string, query: { kind: Mode } & PageRequest) {
  const row = await requireResponse(db, actor, id);
  const stored = parseJson<StoredRecommendation>(row.recommendation, { options: [], courseId: null });
  if (!rankedModes(stored).includes(query.kind)) {
    if (query.cursor) decodeCursor(query.cursor, 3);
    return { items: [], nextCursor: null, total: 0 };
  }
  return programPage(db, actor.organizationId, row.person_id, stored, query.kind, query);
}

export async function list(db: Db, actor: Actor, query: { personId?: string | undefined } & PageRequest) {
  const person = await requireSubject(db, actor, query.personId ?? actor.personId);
  const { rows, nextCursor } = await repo.responsesOfPerson(db, actor.organizationId, person.id, query);
  return {
    nextCursor,
    items: rows.map((row) => {
      const top = parseJson<StoredRecommendation>(row.recommendation, { options: [], courseId: null })
        .options[0];
      return {
        id: row.id,
        person: { id: row.person_id, name: row.person_name },
        takenBy: { id: row.taken_by, name: row.taken_by_name },
        onBehalf: row.person_id !== row.taken_by,
        top: top?.modes ?? [],
        strength: top?.strength ?? ("not_indicated" as const),
        createdAt: row.created_at,
      };
    }),
  };
}
