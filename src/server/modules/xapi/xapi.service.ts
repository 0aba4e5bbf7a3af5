import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Db } from "../../db/kysely.ts";
import type { XapiActorFormat, XapiConnectionTable, XapiStatementTable } from "../../db/schema.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { encryptText } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { toJson } from "../../lib/json.ts";
import { assertPublicUrl } from "../../lib/outbound-url.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { checkAbout, sendStatement } from "./lrs-client.ts";
import {
  actorOf,
  type CourseFacts,
  certificateEarned,
  cohortCompleted,
  connectionTest,
  lessonCompleted,
  type Made,
  objectName,
  quizGraded,
  VERBS,
  type XapiEvent,
} from "./statements.ts";
import { lrsTarget, secretAad, XAPI_SEND_JOB } from "./xapi.delivery.ts";
import * as repo from "./xapi.repository.ts";

function connectionDto(c: XapiConnectionTable | undefined) {
  return {
    configured: c !== undefined,
    endpoint: c?.endpoint ?? null,
    authKey: c?.auth_key ?? null,
    secretSet: c !== undefined,
    enabled: c?.enabled === 1,
    actorFormat: c?.actor_format ?? ("account" as const),
    updatedAt: c?.updated_at ?? null,
  };
}

const verbDisplay = (id: string) =>
  Object.values(VERBS).find((v) => v.id === id)?.display["en-US"] ?? id.split("/").at(-1) ?? id;

export function statementDto(r: repo.StatementListRow) {
  return {
    id: r.id,
    statementId: r.statement_id,
    event: r.event as XapiEvent,
    verb: { id: r.verb_id, display: verbDisplay(r.verb_id) },
    object: { id: r.object_id, name: r.object_name },
    person: r.person_name === null ? null : { id: r.person_id, name: r.person_name },
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export async function getConnection(db: Db, actor: Actor) {
  return connectionDto(await repo.findConnection(db, actor.organizationId));
}

export interface ConnectionInput {
  endpoint: string;
  authKey: string;
  authSecret?: string | undefined;
  enabled: boolean;
  actorFormat: XapiActorFormat;
}

export async function saveConnection(deps: Deps, actor: Actor, input: ConnectionInput, ip: string | null) {
  await assertPublicUrl(input.endpoint, deps.config);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findConnection(trx, actor.organizationId);
    if (!existing && !input.authSecret)
      throw errors.unprocessable("xapi.secret_required", "Enter the secret the LRS gave you with the key.", {
        field: "authSecret",
      });
    const now = nowIso();
    const row: XapiConnectionTable = {
      organization_id: actor.organizationId,
      endpoint: input.endpoint,
      auth_key: input.authKey,
      auth_secret_encrypted: input.authSecret
        ? encryptText(deps.masterKey, input.authSecret, secretAad(actor.organizationId))
        : (existing?.auth_secret_encrypted ?? ""),
      enabled: input.enabled ? 1 : 0,
      actor_format: input.actorFormat,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    await repo.saveConnection(trx, row);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "xapi.connection_saved",
      targetType: "organization",
      targetId: actor.organizationId,
      ipAddress: ip,
      details: {
        endpoint: input.endpoint,
        enabled: input.enabled,
        actorFormat: input.actorFormat,
        secretChanged: Boolean(input.authSecret),
      },
    });
    return connectionDto(row);
  });
}

export async function listStatements(db: Db, actor: Actor, page: PageRequest) {
  const { rows, nextCursor } = await repo.listStatements(db, actor.organizationId, page);
  return { items: rows.map(statementDto), nextCursor };
}

function statementRow(organizationId: string, personId: string, eventKey: string, m: Made) {
  const now = nowIso();
  return {
    id: newId(),
    organization_id: organizationId,
    person_id: personId,
    event: m.event,
    event_key: eventKey,
    statement_id: m.statement.id,
    verb_id: m.statement.verb.id,
    object_id: m.statement.object.id,
    object_name: objectName(m.statement),
    statement: toJson(m.statement),
    status: "queued" as const,
    attempts: 0,
    last_error: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  } satisfies Insertable<XapiStatementTable>;
}

/**
 * Sends a test statement at once, with the saved settings (on or off), after asking the LRS's /about which
 * xAPI versions it speaks. The statement shows in the log like any other.
 */
export async function sendTestStatement(deps: Deps, actor: Actor) {
  const conn = await repo.findConnection(deps.db, actor.organizationId);
  if (!conn)
    throw errors.unprocessable("xapi.not_configured", "Save the LRS endpoint, key and secret first.");
  const made = connectionTest({
    statementId: randomUUID(),
    timestamp: nowIso(),
    publicUrl: deps.config.publicUrl,
    actor: actorOf(conn.actor_format, deps.config.publicUrl, {
      personId: actor.personId,
      name: actor.name,
      email: actor.email,
    }),
  });
  const row = statementRow(actor.organizationId, actor.personId, `test:${newId()}`, made);
  await repo.insertStatement(deps.db, row);
  const target = lrsTarget(deps.masterKey, conn);
  const about = await checkAbout(target, deps.config);
  const outcome = about.ok ? await sendStatement(target, made.statement, deps.config) : about;
  const now = nowIso();
  await repo.updateStatement(deps.db, row.id, {
    status: outcome.ok ? "sent" : "failed",
    attempts: 1,
    last_error: outcome.ok ? null : outcome.message,
    updated_at: now,
    sent_at: outcome.ok ? now : null,
  });
  const logged = await repo.findStatementRow(deps.db, actor.organizationId, row.id);
  if (!logged) throw errors.notFound("Statement");
  return {
    ok: outcome.ok,
    status: outcome.status,
    message: outcome.message,
    statement: statementDto(logged),
  };
}

/** A training fact, as the training services report it; the xAPI module looks up the rest. */
export type TrainingEvent =
  | { kind: "lesson_completed"; organizationId: string; cohortId: string; personId: string; lessonId: string }
  | {
      kind: "quiz_graded";
      organizationId: string;
      cohortId: string;
      personId: string;
      attemptId: string;
      assessmentId: string;
      passed: boolean;
      points: number;
      maxPoints: number;
      scorePct: number;
    }
  | { kind: "cohort_completed"; organizationId: string; cohortId: string; personId: string }
  | {
      kind: "certificate_issued";
      organizationId: string;
      cohortId: string;
      personId: string;
      certificateId: string;
    };

function eventKey(e: TrainingEvent): string {
  switch (e.kind) {
    case "lesson_completed":
      return `lesson_completed:${e.cohortId}:${e.personId}:${e.lessonId}`;
    case "quiz_graded":
      return `quiz_graded:${e.attemptId}`;
    case "cohort_completed":
      return `cohort_completed:${e.cohortId}:${e.personId}`;
    case "certificate_issued":
      return `certificate_issued:${e.certificateId}`;
  }
}

async function statementFor(
  db: Db,
  e: TrainingEvent,
  base: Parameters<typeof lessonCompleted>[0],
  f: CourseFacts,
): Promise<Made | null> {
  switch (e.kind) {
    case "lesson_completed": {
      const lesson = await repo.findLessonTitle(db, e.organizationId, e.lessonId);
      return lesson ? lessonCompleted(base, f, lesson) : null;
    }
    case "quiz_graded": {
      const assessment = await repo.findAssessmentTitle(db, e.organizationId, e.assessmentId);
      return assessment ? quizGraded(base, f, { ...e, assessment }) : null;
    }
    case "cohort_completed":
      return cohortCompleted(base, f);
    case "certificate_issued":
      return certificateEarned(base, f, e.certificateId);
  }
}

/**
 * Records the statement for a training fact and queues its delivery, in the caller's transaction, when the
 * organization's LRS connection is on. Calling it again for the same fact does nothing.
 */
export async function recordTrainingEvent(db: Db, publicUrl: string, e: TrainingEvent): Promise<void> {
  const conn = await repo.findConnection(db, e.organizationId);
  if (!conn || conn.enabled !== 1) return;
  const learner = await repo.findLearner(db, e.organizationId, e.personId);
  const facts = await repo.findCohortFacts(db, e.organizationId, e.cohortId, e.personId);
  if (!learner || !facts) return;
  const base = {
    statementId: randomUUID(),
    timestamp: nowIso(),
    publicUrl,
    actor: actorOf(conn.actor_format, publicUrl, {
      personId: learner.id,
      name: learner.name,
      email: learner.email,
    }),
  };
  const made = await statementFor(db, e, base, {
    course: { id: facts.course_id, title: facts.course_title },
    cohort: { id: facts.cohort_id, name: facts.cohort_name },
    enrolmentId: facts.enrolment_id,
  });
  if (!made) return;
  const row = statementRow(e.organizationId, e.personId, eventKey(e), made);
  if (!(await repo.insertStatement(db, row))) return;
  await enqueueJob(db, {
    kind: XAPI_SEND_JOB,
    payload: { statementRowId: row.id },
    organizationId: e.organizationId,
    dedupeKey: `${XAPI_SEND_JOB}:${row.id}`,
  });
}
