/** The kinds of email Trellis sends. Each person may turn each one off, except `account`. */
export const NOTIFICATION_CATEGORIES = [
  "requests",
  "responses",
  "agreements",
  "session_reminders",
  "action_items_due",
  "assessments_due",
  "mandatory_training",
  "certificates_expiring",
  "inactivity_nudges",
  "account",
] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** The categories a person may turn off. */
export const OPTIONAL_CATEGORIES = NOTIFICATION_CATEGORIES.filter(
  (c): c is Exclude<NotificationCategory, "account"> => c !== "account",
);

export const isOptional = (category: NotificationCategory) => category !== "account";

export const CATEGORY_TEXT: Record<NotificationCategory, { label: string; description: string }> = {
  requests: {
    label: "Requests to you",
    description:
      "Mentoring requests, introductions, seat offers and cohort enrolments that await your answer.",
  },
  responses: {
    label: "Answers and outcomes",
    description:
      "Your requests accepted or declined, reviews and grades, certificates, and relationships or engagements that end.",
  },
  agreements: {
    label: "Agreements to sign",
    description: "A mentoring agreement or coaching objectives waiting for you to read and agree.",
  },
  session_reminders: {
    label: "Sessions",
    description:
      "A coaching session scheduled for you, and a reminder 24 hours before each coaching or training session.",
  },
  action_items_due: {
    label: "Action items due",
    description: "The day before a coaching action item you own is due.",
  },
  assessments_due: {
    label: "Assessments and ratings",
    description:
      "A coaching assessment or rating you were asked for, and a reminder when it is still open after 3 days.",
  },
  mandatory_training: {
    label: "Mandatory training",
    description: "A week and a day before mandatory training is due, and when it is overdue.",
  },
  certificates_expiring: {
    label: "Expiring certificates",
    description: "30 days before one of your certificates expires.",
  },
  inactivity_nudges: {
    label: "Nudges",
    description: "A friendly nudge from your program team when a mentoring relationship has gone quiet.",
  },
  account: {
    label: "Account and security",
    description: "Invitations, password resets and security notices. These are always sent.",
  },
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How far ahead of its start a session is reminded of. */
export const SESSION_REMINDER_LEAD_MS = DAY;
/** How far ahead of its expiry a certificate's holder is told. */
export const CERTIFICATE_EXPIRY_LEAD_MS = 30 * DAY;
/** How long an assessment stays open before its rater is reminded. */
export const ASSESSMENT_REMINDER_AFTER_MS = 3 * DAY;
/**
 * Each scan looks back this far beyond the moment a reminder became due, so a scan that ran late, or a server
 * that was down for a while, still sends it; the dedupe key keeps overlapping scans to one reminder.
 */
export const SCAN_LOOKBACK_MS = 6 * HOUR;

/** The reminder's dedupe key: a rescheduled session or a moved due date is a new reminder. */
export const reminderKey = (kind: string, id: string, at: string, personId: string) =>
  `reminder:${kind}:${id}:${at}:${personId}`;
