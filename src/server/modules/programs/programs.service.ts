import {
  checkEligibility,
  type Eligibility,
  ENROLMENT_ROLES,
  enrolmentWindowState,
} from "../../../domain/programs/eligibility.ts";
import {
  type Answer,
  checkAnswers,
  checkQuestionnaire,
  type Question,
} from "../../../domain/programs/questionnaire.ts";
import type { Db } from "../../db/kysely.ts";
import type { ProgramKind, ProgramStatus } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { loadSettings } from "../mentoring/mentoring.service.ts";
import { findPerson } from "../people/people.repository.ts";
import { canEditProgram, canSeeProgram, managesPrograms } from "./programs.policy.ts";
import * as repo from "./programs.repository.ts";

interface ViewerFacts {
  department: string | null;
  seniority: number | null;
  enrolments: { program_id: string; role: string }[];
}

/** The viewer's department, seniority and enrolments (in `programIds` only, when passed). */
async function viewerFacts(db: Db, actor: Actor, programIds?: string[]): Promise<ViewerFacts> {
  const [person, enrolments] = await Promise.all([
    findPerson(db, actor.organizationId, actor.personId),
    repo.enrolmentsOfPerson(db, actor.organizationId, actor.personId, programIds),
  ]);
  return { department: person?.department ?? null, seniority: person?.seniority ?? null, enrolments };
}

function toDto(
  actor: Actor,
  p: repo.ProgramRow,
  facts: ViewerFacts,
  enrolledCount: number,
  now = new Date(),
) {
  const eligibility = parseJson<Eligibility>(p.eligibility, {
    departments: [],
    minSeniority: null,
    maxSeniority: null,
  });
  const verdict = checkEligibility(facts, eligibility);
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    description: p.description,
    status: p.status,
    owner: { id: p.owner_id, name: p.owner_name },
    enrolmentOpensAt: p.enrolment_opens_at,
    enrolmentClosesAt: p.enrolment_closes_at,
    enrolmentState: enrolmentWindowState(p.enrolment_opens_at, p.enrolment_closes_at, now),
    eligibility,
    questionnaire: parseJson<Question[]>(p.questionnaire, []),
    leadershipTrack: p.leadership_track === 1,
    enrolmentRoles: [...ENROLMENT_ROLES[p.kind]],
    enrolledCount,
    me: {
      eligible: verdict.eligible,
      reasons: verdict.reasons,
      enrolledAs: facts.enrolments.filter((e) => e.program_id === p.id).map((e) => e.role),
      canEdit: canEditProgram(actor, p),
    },
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export async function list(
  db: Db,
  actor: Actor,
  query: {
    kind?: ProgramKind | undefined;
    status?: ProgramStatus | undefined;
    eligibleOnly?: "true" | "false" | undefined;
    enrolledOnly?: "true" | "false" | undefined;
  } & PageRequest,
) {
  const visible: ProgramStatus[] = managesPrograms(actor) ? ["draft", "published"] : ["published"];
  const statuses = query.status
    ? canSeeProgram(actor, { status: query.status })
      ? [query.status]
      : []
    : visible;
  if (statuses.length === 0) return { items: [], nextCursor: null };
  let eligible: ViewerFacts | undefined;
  if (query.eligibleOnly === "true") {
    const person = await findPerson(db, actor.organizationId, actor.personId);
    eligible = {
      department: person?.department ?? null,
      seniority: person?.seniority ?? null,
      enrolments: [],
    };
  }
  const now = new Date();
  const { rows, nextCursor } = await repo.pagePrograms(db, actor.organizationId, {
    kind: query.kind,
    statuses,
    ...(eligible ? { eligible, openAt: now.toISOString() } : {}),
    ...(query.enrolledOnly === "true" ? { enrolledPersonId: actor.personId } : {}),
    cursor: query.cursor,
    limit: query.limit,
  });
  const ids = rows.map((r) => r.id);
  const [facts, counts] = await Promise.all([
    viewerFacts(db, actor, ids),
    repo.activeEnrolmentCounts(db, actor.organizationId, ids),
  ]);
  return { items: rows.map((r) => toDto(actor, r, facts, counts.get(r.id) ?? 0, now)), nextCursor };
}

async function requireVisible(db: Db, actor: Actor, id: string) {
  const program = await repo.findProgram(db, actor.organizationId, id);
  if (!program || !canSeeProgram(actor, program)) throw errors.notFound("Program");
  return program;
}

async function requireEditable(db: Db, actor: Actor, id: string) {
  const program = await requireVisible(db, actor, id);
  if (!canEditProgram(actor, program))
    throw errors.forbidden("Only the program's owner or an org admin can do this.");
  return program;
}

async function present(db: Db, actor: Actor, id: string) {
  const program = await requireVisible(db, actor, id);
  const [facts, counts] = await Promise.all([
    viewerFacts(db, actor, [id]),
    repo.activeEnrolmentCounts(db, actor.organizationId, [id]),
  ]);
  return toDto(actor, program, facts, counts.get(id) ?? 0);
}

export const get = present;

function assertQuestionnaire(questions: Question[]) {
  const problems = checkQuestionnaire(questions);
  if (problems.length)
    throw errors.unprocessable("programs.invalid_questionnaire", problems[0] ?? "", problems);
}

async function assertOwner(db: Db, actor: Actor, ownerId: string) {
  const owner = await findPerson(db, actor.organizationId, ownerId);
  if (
    !owner ||
    owner.status !== "active" ||
    !(owner.org_role === "program_manager" || owner.org_role === "org_admin")
  ) {
    throw errors.unprocessable(
      "programs.invalid_owner",
      "The owner must be an active program manager or org admin.",
      {
        field: "ownerId",
      },
    );
  }
}

export interface ProgramInput {
  kind: ProgramKind;
  ownerId?: string | undefined;
  name: string;
  description: string;
  status: "draft" | "published";
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  eligibility: Eligibility;
  questionnaire: Question[];
  leadershipTrack: boolean;
}

export async function create(db: Db, actor: Actor, input: ProgramInput, ip: string | null) {
  assertQuestionnaire(input.questionnaire);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const ownerId = input.ownerId ?? actor.personId;
    if (ownerId !== actor.personId) {
      if (actor.role !== "org_admin")
        throw errors.forbidden("Only org admins can create programs for someone else.");
      await assertOwner(trx, actor, ownerId);
    }
    const now = nowIso();
    await repo.insertProgram(trx, {
      id,
      organization_id: actor.organizationId,
      kind: input.kind,
      name: input.name,
      description: input.description,
      owner_id: ownerId,
      status: input.status,
      enrolment_opens_at: new Date(input.enrolmentOpensAt).toISOString(),
      enrolment_closes_at: new Date(input.enrolmentClosesAt).toISOString(),
      eligibility: toJson(input.eligibility),
      questionnaire: toJson(input.questionnaire),
      leadership_track: input.leadershipTrack ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "program.created",
      targetType: "program",
      targetId: id,
      ipAddress: ip,
      details: { kind: input.kind, name: input.name },
    });
  });
  return present(db, actor, id);
}

export type ProgramPatchInput = Partial<Omit<ProgramInput, "kind" | "status">> & {
  status?: ProgramStatus | undefined;
};

export async function update(db: Db, actor: Actor, id: string, patch: ProgramPatchInput, ip: string | null) {
  if (patch.questionnaire) assertQuestionnaire(patch.questionnaire);
  await db.transaction().execute(async (trx) => {
    const program = await requireEditable(trx, actor, id);
    const opens = patch.enrolmentOpensAt ?? program.enrolment_opens_at;
    const closes = patch.enrolmentClosesAt ?? program.enrolment_closes_at;
    if (new Date(opens) >= new Date(closes)) {
      throw errors.unprocessable("programs.invalid_window", "Enrolment must close after it opens.", {
        field: "enrolmentClosesAt",
      });
    }
    if (patch.ownerId && patch.ownerId !== program.owner_id) await assertOwner(trx, actor, patch.ownerId);
    await repo.updateProgram(trx, actor.organizationId, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
      enrolment_opens_at: new Date(opens).toISOString(),
      enrolment_closes_at: new Date(closes).toISOString(),
      ...(patch.eligibility !== undefined && { eligibility: toJson(patch.eligibility) }),
      ...(patch.questionnaire !== undefined && { questionnaire: toJson(patch.questionnaire) }),
      ...(patch.leadershipTrack !== undefined && { leadership_track: patch.leadershipTrack ? 1 : 0 }),
      updated_at: nowIso(),
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "program.updated",
      targetType: "program",
      targetId: id,
      ipAddress: ip,
      details: { fields: Object.keys(patch) },
    });
  });
  return present(db, actor, id);
}

export async function enrol(
  db: Db,
  actor: Actor,
  id: string,
  input: { role: string; answers: Record<string, Answer> },
  ip: string | null,
) {
  await db.transaction().execute(async (trx) => {
    const program = await repo.findProgram(trx, actor.organizationId, id);
    if (!program || program.status !== "published") throw errors.notFound("Program");
    const state = enrolmentWindowState(program.enrolment_opens_at, program.enrolment_closes_at, new Date());
    if (state !== "open") {
      throw errors.unprocessable(
        "programs.enrolment_closed",
        state === "not_yet_open" ? "Enrolment has not opened yet." : "Enrolment for this program has closed.",
        { opensAt: program.enrolment_opens_at, closesAt: program.enrolment_closes_at },
      );
    }
    const roles = ENROLMENT_ROLES[program.kind];
    if (!roles.includes(input.role)) {
      throw errors.unprocessable(
        "programs.invalid_role",
        `In a ${program.kind} program you enrol as ${roles.join(" or ")}.`,
        {
          field: "role",
          allowed: roles,
        },
      );
    }
    const facts = await viewerFacts(trx, actor, [id]);
    const verdict = checkEligibility(
      facts,
      parseJson<Eligibility>(program.eligibility, {
        departments: [],
        minSeniority: null,
        maxSeniority: null,
      }),
    );
    if (!verdict.eligible) {
      throw errors.unprocessable("programs.not_eligible", "You are not eligible for this program.", {
        reasons: verdict.reasons,
      });
    }
    const problems = checkAnswers(parseJson<Question[]>(program.questionnaire, []), input.answers);
    if (problems.length) {
      throw errors.unprocessable("programs.invalid_answers", "Some answers need attention.", problems);
    }
    const existing = await repo.findEnrolment(trx, id, actor.personId, input.role);
    const now = nowIso();
    if (existing?.status === "active") {
      throw errors.conflict("programs.already_enrolled", `You are already enrolled as ${input.role}.`);
    }
    const otherRole = facts.enrolments.find((e) => e.program_id === id && e.role !== input.role);
    if (otherRole && program.kind === "mentoring" && !(await loadSettings(trx, id)).allowBothRoles) {
      throw errors.conflict(
        "mentoring.one_role_only",
        `In this program each person takes one role, and you are enrolled as ${otherRole.role}.`,
        { enrolledAs: otherRole.role },
      );
    }
    if (existing) {
      await repo.updateEnrolment(trx, existing.id, {
        status: "active",
        answers: toJson(input.answers),
        updated_at: now,
      });
    } else {
      await repo.insertEnrolment(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        program_id: id,
        person_id: actor.personId,
        role: input.role,
        answers: toJson(input.answers),
        status: "active",
        created_at: now,
        updated_at: now,
      });
    }
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "program.enrolled",
      targetType: "program",
      targetId: id,
      ipAddress: ip,
      details: { role: input.role },
    });
  });
  return present(db, actor, id);
}

export async function withdraw(db: Db, actor: Actor, id: string, role: string, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    await requireVisible(trx, actor, id);
    const existing = await repo.findEnrolment(trx, id, actor.personId, role);
    if (!existing || existing.status !== "active") throw errors.notFound("Enrolment");
    await repo.updateEnrolment(trx, existing.id, { status: "withdrawn", updated_at: nowIso() });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "program.withdrawn",
      targetType: "program",
      targetId: id,
      ipAddress: ip,
      details: { role },
    });
  });
  return present(db, actor, id);
}

export async function enrolments(db: Db, actor: Actor, id: string, page: PageRequest) {
  await requireEditable(db, actor, id);
  const { rows, nextCursor, total } = await repo.listEnrolments(db, actor.organizationId, id, page);
  return {
    nextCursor,
    total,
    items: rows.map((r) => ({
      id: r.id,
      programId: r.program_id,
      person: { id: r.person_id, name: r.person_name, department: r.department, title: r.title },
      role: r.role,
      status: r.status,
      answers: parseJson<Record<string, Answer>>(r.answers, {}),
      createdAt: r.created_at,
    })),
  };
}
