import {
  isOptional,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
} from "../../domain/notifications/categories.ts";
import type { Db } from "../db/kysely.ts";
import {
  enqueueJob,
  type JobInfo,
  PermanentJobError,
  RetryJobError,
  registerJobHandler,
} from "../jobs/queue.ts";
import type { Deps } from "../lib/context.ts";
import {
  categoryEnabled,
  type ReminderRef,
  redactNotificationJob,
  reminderStillDue,
} from "../modules/notifications/notifications.repository.ts";
import { findPerson } from "../modules/people/people.repository.ts";
import { actionMail } from "./mailer.ts";

export type { NotificationCategory };

export const NOTIFICATION_EMAIL = "notification.email";
export const PREFERENCES_PATH = "/account/notifications";

export interface Notice {
  subject: string;
  intro: string;
  /** Where the email's link leads, inside Trellis. */
  path: string;
}

/** What a notification job holds: ids and the notice's wording, never confidential content or an address. */
export interface NotificationPayload extends Notice {
  personId: string;
  category: NotificationCategory;
  /** A reminder is sent only while what it reminds of is still due when the job runs. */
  reminder?: ReminderRef;
}

export interface NotifyOptions {
  /** The caller's transaction, so the email is queued exactly when its change commits. */
  db?: Db;
  /** A second notice with the same key is ignored (reminders). */
  dedupeKey?: string;
  runAt?: string;
  reminder?: ReminderRef;
}

/**
 * Queues a short email to one person with a link into Trellis. The job resolves the address, checks the
 * person's preference for the category and sends through SMTP when it runs, retried by the queue.
 */
export async function notifyPerson(
  deps: Pick<Deps, "db">,
  organizationId: string,
  personId: string,
  category: NotificationCategory,
  notice: Notice,
  options: NotifyOptions = {},
): Promise<void> {
  const payload: NotificationPayload = {
    personId,
    category,
    subject: notice.subject,
    intro: notice.intro,
    path: notice.path,
    ...(options.reminder ? { reminder: options.reminder } : {}),
  };
  await enqueueJob(options.db ?? deps.db, {
    kind: NOTIFICATION_EMAIL,
    organizationId,
    payload: { ...payload },
    ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    ...(options.runAt ? { runAt: options.runAt } : {}),
  });
}

/** `<job id@host of PUBLIC_URL>`: the same job always sends the same Message-ID. */
export function messageIdFor(jobId: string, publicUrl: string): string {
  let host = "trellis.local";
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // PUBLIC_URL is validated at start; keep the fallback for a malformed one.
  }
  return `<${jobId}@${host}>`;
}

export type NotificationOutcome = "sent" | "skipped_inactive" | "skipped_preference" | "skipped_not_due";

interface SmtpError {
  responseCode?: unknown;
  code?: unknown;
}

/**
 * A permanent SMTP refusal (5xx) fails the job at once; a temporary one (4xx) or a connection that could not be
 * made is retried with the queue's backoff. The error kept on the job names the reply code, not the address.
 */
export function classifySmtpError(err: unknown): Error {
  const e = (typeof err === "object" && err !== null ? err : {}) as SmtpError;
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  if (code !== null && code >= 500) return new PermanentJobError(`SMTP refused the mail (${code}).`);
  if (code !== null && code >= 400) return new RetryJobError(`SMTP deferred the mail (${code}).`);
  const kind = typeof e.code === "string" ? e.code : "unknown";
  return new RetryJobError(`Could not reach the SMTP server (${kind}).`);
}

export async function sendNotification(
  deps: Deps,
  payload: NotificationPayload,
  job: Pick<JobInfo, "id" | "organizationId">,
): Promise<NotificationOutcome> {
  if (!NOTIFICATION_CATEGORIES.includes(payload.category)) {
    throw new PermanentJobError(`Unknown notification category ${String(payload.category)}.`);
  }
  const organizationId = job.organizationId;
  if (!organizationId) throw new PermanentJobError("A notification needs its organization.");
  const person = await findPerson(deps.db, organizationId, payload.personId);
  if (!person || person.status !== "active") return "skipped_inactive";
  if (isOptional(payload.category) && !(await categoryEnabled(deps.db, person.id, payload.category))) {
    return "skipped_preference";
  }
  if (payload.reminder && !(await reminderStillDue(deps.db, organizationId, payload.reminder))) {
    return "skipped_not_due";
  }
  const preferencesUrl = `${deps.config.publicUrl}${PREFERENCES_PATH}`;
  const mail = actionMail(
    person.email,
    payload.subject,
    payload.intro,
    "Open Trellis",
    `${deps.config.publicUrl}${payload.path}`,
    { text: "Choose which emails Trellis sends you", url: preferencesUrl },
  );
  try {
    await deps.mailer.send({
      ...mail,
      messageId: messageIdFor(job.id, deps.config.publicUrl),
      headers: { "List-Unsubscribe": `<${preferencesUrl}>` },
    });
  } catch (err) {
    throw classifySmtpError(err);
  }
  return "sent";
}

/** What a job keeps once it ran: a worker that dies before marking it done leaves it like this. */
interface RanNotification {
  personId: string;
  category: NotificationCategory;
  outcome: NotificationOutcome;
}

registerJobHandler<NotificationPayload | RanNotification>(NOTIFICATION_EMAIL, async (deps, payload, job) => {
  if ("outcome" in payload) return;
  const outcome = await sendNotification(deps, payload, job);
  await redactNotificationJob(
    deps.db,
    job.id,
    JSON.stringify({ personId: payload.personId, category: payload.category, outcome }),
  );
});
