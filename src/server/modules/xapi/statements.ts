import type { Activity, Agent, Statement, Verb } from "@xapi/xapi";
import type { XapiActorFormat } from "../../db/schema.ts";

/**
 * The xAPI 1.0.3 statements Trellis makes. Pure: the caller passes the facts, the statement id (a UUID made
 * when the event happened, so a retry repeats it) and the time.
 */

export const XAPI_VERSION = "1.0.3";
export const PLATFORM = "Trellis";

const en = (text: string) => ({ "en-US": text });

export const VERBS = {
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: en("completed") },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: en("passed") },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: en("failed") },
  earned: { id: "https://w3id.org/xapi/tla/verbs/earned", display: en("earned") },
  experienced: { id: "http://adlnet.gov/expapi/verbs/experienced", display: en("experienced") },
} as const satisfies Record<string, Verb>;

export const ACTIVITY_TYPES = {
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  course: "http://adlnet.gov/expapi/activities/course",
  certificate: "http://id.tincanapi.com/activitytype/badge",
} as const;

export type XapiEvent =
  | "lesson_completed"
  | "quiz_passed"
  | "quiz_failed"
  | "cohort_completed"
  | "certificate_earned"
  | "test";

export interface Learner {
  personId: string;
  name: string;
  email: string;
}

export interface CourseFacts {
  course: { id: string; title: string };
  cohort: { id: string; name: string };
  /** The trainee's enrolment in the cohort: the statement's registration. */
  enrolmentId: string | null;
}

export const activityIri = (publicUrl: string, kind: string, id: string) =>
  `${publicUrl}/xapi/activities/${kind}/${encodeURIComponent(id)}`;

/**
 * `account` (the default) names the learner by their Trellis person id under the public URL, so no email
 * address or name leaves Trellis; `mbox` sends their email address and name, for an LRS that matches
 * learners by email.
 */
export function actorOf(format: XapiActorFormat, publicUrl: string, learner: Learner): Agent {
  return format === "mbox"
    ? { objectType: "Agent", name: learner.name, mbox: `mailto:${learner.email}` }
    : { objectType: "Agent", account: { homePage: publicUrl, name: learner.personId } };
}

const courseActivity = (publicUrl: string, f: CourseFacts): Activity => ({
  objectType: "Activity",
  id: activityIri(publicUrl, "course", f.course.id),
  definition: { name: en(f.course.title), type: ACTIVITY_TYPES.course },
});

const cohortActivity = (publicUrl: string, f: CourseFacts): Activity => ({
  objectType: "Activity",
  id: activityIri(publicUrl, "cohort", f.cohort.id),
  definition: { name: en(f.cohort.name), description: en(`A cohort of "${f.course.title}".`) },
});

function context(publicUrl: string, f: CourseFacts, withParent: boolean): Statement["context"] {
  return {
    ...(f.enrolmentId ? { registration: f.enrolmentId } : {}),
    contextActivities: {
      ...(withParent ? { parent: [courseActivity(publicUrl, f)] } : {}),
      grouping: [cohortActivity(publicUrl, f)],
    },
    platform: PLATFORM,
  };
}

export interface Made {
  event: XapiEvent;
  statement: Statement & { id: string; timestamp: string; object: Activity };
}

interface Base {
  statementId: string;
  timestamp: string;
  publicUrl: string;
  actor: Agent;
}

function made(event: XapiEvent, base: Base, verb: Verb, rest: Omit<Statement, "actor" | "verb">): Made {
  return {
    event,
    statement: {
      id: base.statementId,
      actor: base.actor,
      verb,
      timestamp: base.timestamp,
      ...rest,
    } as Made["statement"],
  };
}

export function lessonCompleted(base: Base, f: CourseFacts, lesson: { id: string; title: string }): Made {
  return made("lesson_completed", base, VERBS.completed, {
    object: {
      objectType: "Activity",
      id: activityIri(base.publicUrl, "lesson", lesson.id),
      definition: { name: en(lesson.title), type: ACTIVITY_TYPES.lesson },
    },
    result: { completion: true },
    context: context(base.publicUrl, f, true),
  });
}

export interface QuizOutcome {
  assessment: { id: string; title: string };
  passed: boolean;
  points: number;
  maxPoints: number;
  scorePct: number;
}

/** Scaled is the percentage the pass mark is set against; raw, min and max are the quiz's points. */
export function quizGraded(base: Base, f: CourseFacts, q: QuizOutcome): Made {
  const max = Math.max(0, q.maxPoints);
  const raw = Math.min(Math.max(0, q.points), max);
  const scaled = Math.round(Math.min(Math.max(q.scorePct / 100, 0), 1) * 10_000) / 10_000;
  return made(q.passed ? "quiz_passed" : "quiz_failed", base, q.passed ? VERBS.passed : VERBS.failed, {
    object: {
      objectType: "Activity",
      id: activityIri(base.publicUrl, "assessment", q.assessment.id),
      definition: { name: en(q.assessment.title), type: ACTIVITY_TYPES.assessment },
    },
    result: { score: { scaled, raw, min: 0, max }, success: q.passed, completion: true },
    context: context(base.publicUrl, f, true),
  });
}

/** The trainee met the course's completion rule in this cohort: the object is the course, the cohort groups it. */
export function cohortCompleted(base: Base, f: CourseFacts): Made {
  return made("cohort_completed", base, VERBS.completed, {
    object: courseActivity(base.publicUrl, f),
    result: { completion: true, success: true },
    context: context(base.publicUrl, f, false),
  });
}

export function certificateEarned(base: Base, f: CourseFacts, certificateId: string): Made {
  return made("certificate_earned", base, VERBS.earned, {
    object: {
      objectType: "Activity",
      id: activityIri(base.publicUrl, "certificate", certificateId),
      definition: {
        name: en(`Certificate: ${f.course.title}`),
        type: ACTIVITY_TYPES.certificate,
        moreInfo: `${base.publicUrl}/verify/${encodeURIComponent(certificateId)}`,
      },
    },
    context: context(base.publicUrl, f, true),
  });
}

/** What the "Send test statement" button sends: the admin experienced the connection test. */
export function connectionTest(base: Base): Made {
  return made("test", base, VERBS.experienced, {
    object: {
      objectType: "Activity",
      id: `${base.publicUrl}/xapi/activities/connection-test`,
      definition: {
        name: en("Trellis LRS connection test"),
        description: en("Sent from Trellis to check the connection to this learning record store."),
      },
    },
    context: { platform: PLATFORM },
  });
}

export const objectName = (s: Made["statement"]) => s.object.definition?.name?.["en-US"] ?? s.object.id;
