import { NO_MEETING_WEEKS } from "../../../domain/mentoring/lifecycle.ts";
import {
  ASSESSMENT_REMINDER_AFTER_MS,
  CATEGORY_TEXT,
  CERTIFICATE_EXPIRY_LEAD_MS,
  isOptional,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  reminderKey,
  SCAN_LOOKBACK_MS,
  SESSION_REMINDER_LEAD_MS,
} from "../../../domain/notifications/categories.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { nowIso } from "../../lib/time.ts";
import { type Notice, notifyPerson } from "../../mail/notify.ts";
import * as repo from "./notifications.repository.ts";

export interface PreferenceDto {
  category: NotificationCategory;
  label: string;
  description: string;
  enabled: boolean;
  /** false for `account`, which is always sent. */
  optional: boolean;
}

export async function preferences(deps: Deps, actor: Actor): Promise<{ categories: PreferenceDto[] }> {
  const saved = new Map(
    (await repo.preferencesOf(deps.db, actor.personId)).map((p) => [p.category, p.enabled]),
  );
  return {
    categories: NOTIFICATION_CATEGORIES.map((category) => ({
      category,
      ...CATEGORY_TEXT[category],
      enabled: isOptional(category) ? (saved.get(category) ?? true) : true,
      optional: isOptional(category),
    })),
  };
}

export async function updatePreferences(
  deps: Deps,
  actor: Actor,
  input: { categories: { category: NotificationCategory; enabled: boolean }[] },
) {
  const off = input.categories.filter((c) => !isOptional(c.category) && !c.enabled);
  if (off.length > 0) {
    throw errors.unprocessable(
      "notifications.category_required",
      "Account and security emails cannot be turned off.",
      { categories: off.map((c) => c.category) },
    );
  }
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    for (const c of input.categories) {
      if (!isOptional(c.category)) continue;
      await repo.savePreference(trx, {
        personId: actor.personId,
        organizationId: actor.organizationId,
        category: c.category,
        enabled: c.enabled,
        at,
      });
    }
  });
  return preferences(deps, actor);
}

const QUIET_AFTER_MS = NO_MEETING_WEEKS * 7 * 24 * 3_600_000;
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms).toISOString();
const dateOf = (at: Date, ms = 0) => plus(at, ms).slice(0, 10);

function sessionNotice(r: repo.DueReminder): Notice {
  const when = r.ref.at.replace("T", " ").slice(0, 16);
  return r.ref.kind === "coaching_session"
    ? {
        subject: "Reminder: coaching session tomorrow",
        intro: `Your coaching session is at ${when} UTC. Open Trellis for the details and your open actions.`,
        path: r.path,
      }
    : {
        subject: `Reminder: ${r.title}`,
        intro: `Your training session "${r.title}" starts at ${when} UTC.`,
        path: r.path,
      };
}

const NOTICES: Record<repo.ReminderRef["kind"], (r: repo.DueReminder) => Notice> = {
  coaching_session: sessionNotice,
  training_session: sessionNotice,
  coaching_action: (r) => ({
    subject: "A coaching action item is due",
    intro: `One of your coaching action items is due on ${r.ref.at}. Mark it done in Trellis when you have practised it.`,
    path: r.path,
  }),
  coaching_assessment: (r) => ({
    subject:
      r.title === "stakeholder" ? "A coaching rating is waiting for you" : "Your coaching assessment is due",
    intro:
      r.title === "stakeholder"
        ? "You were asked for a coaching rating a few days ago. It takes two minutes."
        : "Your coaching self-assessment is still open. Fill it in before your next session.",
    path: r.path,
  }),
  mentoring_relationship: (r) => ({
    subject: "It has been a while since your last mentoring meeting",
    intro: `Nothing has been logged in your mentoring relationship for ${NO_MEETING_WEEKS} weeks. A short check-in keeps it going; log it in Trellis when you have met.`,
    path: r.path,
  }),
  certificate: (r) => ({
    subject: `Your certificate expires soon: ${r.title}`,
    intro: `Your certificate for "${r.title}" expires on ${r.ref.at.slice(0, 10)}. Plan your re-certification in Trellis.`,
    path: r.path,
  }),
};

const CATEGORY_OF: Record<repo.ReminderRef["kind"], NotificationCategory> = {
  coaching_session: "session_reminders",
  training_session: "session_reminders",
  coaching_action: "action_items_due",
  coaching_assessment: "assessments_due",
  certificate: "certificates_expiring",
  mentoring_relationship: "inactivity_nudges",
};

/** When a reminder goes out: a day before a session, at once for the others. */
const SEND_AT: Partial<Record<repo.ReminderRef["kind"], (r: repo.DueReminder) => string>> = {
  coaching_session: (r) => plus(new Date(r.ref.at), -SESSION_REMINDER_LEAD_MS),
  training_session: (r) => plus(new Date(r.ref.at), -SESSION_REMINDER_LEAD_MS),
};

export interface ScanResult {
  queued: number;
  byKind: Partial<Record<repo.ReminderRef["kind"], number>>;
}

const BATCH = 200;

/**
 * Queues the reminders that fell due up to `now`: sessions starting within 24 hours, action items due
 * tomorrow or today, assessments open for 3 days, mentoring pairs quiet for NO_MEETING_WEEKS weeks,
 * certificates expiring within 30 days. Each query reads a window of the scheduled time, due date or last
 * meeting (indexed, but for the active mentoring relationships, which are read whole), looking back SCAN_LOOKBACK_MS so that a late scan
 * misses nothing; each reminder's dedupe key (its object, its time and its recipient) keeps it to one email
 * however often the scan runs, and a rescheduled session, having a new time, is reminded of again.
 */
export async function scanReminders(deps: Pick<Deps, "db">, now = new Date()): Promise<ScanResult> {
  const nowAt = now.toISOString();
  const horizon = plus(now, SESSION_REMINDER_LEAD_MS);
  const since = plus(now, -SCAN_LOOKBACK_MS);
  const sessionWindow = { from: plus(now, SESSION_REMINDER_LEAD_MS - SCAN_LOOKBACK_MS), to: horizon };
  const fresh = { since, from: nowAt };
  const due: repo.DueReminder[] = [
    ...(await repo.coachingSessionsStarting(deps.db, sessionWindow, fresh)),
    ...(await repo.trainingSessionsStarting(deps.db, sessionWindow, fresh)),
    ...(await repo.actionsDue(deps.db, { from: dateOf(now), to: dateOf(now, 24 * 3_600_000) })),
    ...(await repo.assessmentsOpen(deps.db, {
      from: plus(now, -ASSESSMENT_REMINDER_AFTER_MS - SCAN_LOOKBACK_MS),
      to: plus(now, -ASSESSMENT_REMINDER_AFTER_MS),
    })),
    ...(await repo.relationshipsGoneQuiet(deps.db, {
      from: plus(now, -QUIET_AFTER_MS - SCAN_LOOKBACK_MS),
      to: plus(now, -QUIET_AFTER_MS),
    })),
    ...(await repo.certificatesExpiring(deps.db, {
      from: plus(now, CERTIFICATE_EXPIRY_LEAD_MS - SCAN_LOOKBACK_MS),
      to: plus(now, CERTIFICATE_EXPIRY_LEAD_MS),
    })),
  ];
  const keyed = new Map<string, repo.DueReminder>();
  for (const r of due) keyed.set(reminderKey(r.ref.kind, r.ref.id, r.ref.at, r.personId), r);
  const existing = await repo.existingJobKeys(deps.db, [...keyed.keys()]);
  const todo = [...keyed].filter(([key]) => !existing.has(key));
  const byKind: ScanResult["byKind"] = {};
  for (let i = 0; i < todo.length; i += BATCH) {
    await deps.db.transaction().execute(async (trx) => {
      for (const [key, r] of todo.slice(i, i + BATCH)) {
        const sendAt = SEND_AT[r.ref.kind]?.(r);
        await notifyPerson(
          deps,
          r.organizationId,
          r.personId,
          CATEGORY_OF[r.ref.kind],
          NOTICES[r.ref.kind](r),
          {
            db: trx,
            dedupeKey: key,
            reminder: r.ref,
            ...(sendAt && sendAt > nowAt ? { runAt: sendAt } : { runAt: nowAt }),
          },
        );
        byKind[r.ref.kind] = (byKind[r.ref.kind] ?? 0) + 1;
      }
    });
  }
  return { queued: todo.length, byKind };
}
