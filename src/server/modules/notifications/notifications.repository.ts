import { sql } from "kysely";
import type { Db } from "../../db/kysely.ts";

export interface PreferenceRow {
  category: string;
  enabled: boolean;
}

export async function preferencesOf(db: Db, personId: string): Promise<PreferenceRow[]> {
  const rows = await db
    .selectFrom("notification_preference")
    .select(["category", "enabled"])
    .where("person_id", "=", personId)
    .execute();
  return rows.map((r) => ({ category: r.category, enabled: Number(r.enabled) === 1 }));
}

/** A category is on unless the person turned it off. */
export async function categoryEnabled(db: Db, personId: string, category: string): Promise<boolean> {
  const row = await db
    .selectFrom("notification_preference")
    .select("enabled")
    .where("person_id", "=", personId)
    .where("category", "=", category)
    .executeTakeFirst();
  return row ? Number(row.enabled) === 1 : true;
}

export async function savePreference(
  db: Db,
  row: { personId: string; organizationId: string; category: string; enabled: boolean; at: string },
): Promise<void> {
  const enabled = row.enabled ? 1 : 0;
  await db
    .insertInto("notification_preference")
    .values({
      person_id: row.personId,
      organization_id: row.organizationId,
      category: row.category,
      enabled,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.columns(["person_id", "category"]).doUpdateSet({ enabled, updated_at: row.at }))
    .execute();
}

/** What a reminder reminds of, so that the job can check it is still due when it runs. */
export type ReminderRef =
  | { kind: "coaching_session"; id: string; at: string }
  | { kind: "training_session"; id: string; at: string }
  | { kind: "coaching_action"; id: string; at: string }
  | { kind: "coaching_assessment"; id: string; at: string }
  | { kind: "certificate"; id: string; at: string }
  | { kind: "mentoring_relationship"; id: string; at: string };

/** A session still at that time and not cancelled, an action still open, a rating still missing… */
export async function reminderStillDue(db: Db, organizationId: string, ref: ReminderRef): Promise<boolean> {
  switch (ref.kind) {
    case "coaching_session": {
      const row = await db
        .selectFrom("coaching_session as s")
        .innerJoin("coaching_engagement as e", "e.id", "s.engagement_id")
        .select("s.id")
        .where("s.organization_id", "=", organizationId)
        .where("s.id", "=", ref.id)
        .where("s.scheduled_at", "=", ref.at)
        .where("s.attendance", "=", "scheduled")
        .where("e.status", "=", "active")
        .executeTakeFirst();
      return row !== undefined;
    }
    case "training_session": {
      const row = await db
        .selectFrom("training_session")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", ref.id)
        .where("starts_at", "=", ref.at)
        .where("cancelled_at", "is", null)
        .executeTakeFirst();
      return row !== undefined;
    }
    case "coaching_action": {
      const row = await db
        .selectFrom("coaching_action")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", ref.id)
        .where("due_date", "=", ref.at)
        .where("status", "=", "open")
        .executeTakeFirst();
      return row !== undefined;
    }
    case "coaching_assessment": {
      const row = await db
        .selectFrom("coaching_assessment")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", ref.id)
        .where("submitted_at", "is", null)
        .executeTakeFirst();
      return row !== undefined;
    }
    case "certificate": {
      const row = await db
        .selectFrom("training_certificate")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", ref.id)
        .where("expires_at", "=", ref.at)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return row !== undefined;
    }
    case "mentoring_relationship": {
      const row = await db
        .selectFrom("mentoring_relationship")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", ref.id)
        .where("status", "=", "active")
        .where(lastContact, "=", ref.at)
        .executeTakeFirst();
      return row !== undefined;
    }
  }
}

/** A pair's last meeting, or the start of the relationship when they have not logged one. */
const lastContact = sql<string>`coalesce(last_meeting_at, start_date)`;

/**
 * Active mentoring relationships whose last meeting (or start) fell in (from, to]: they have just gone quiet,
 * so both sides get one nudge for this quiet spell; a new meeting starts another.
 */
export async function relationshipsGoneQuiet(
  db: Db,
  window: { from: string; to: string },
): Promise<DueReminder[]> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select(["id", "organization_id", "mentor_id", "mentee_id", lastContact.as("last_contact")])
    .where("status", "=", "active")
    .where(lastContact, ">", window.from)
    .where(lastContact, "<=", window.to)
    .execute();
  return rows.flatMap((r) =>
    [r.mentor_id, r.mentee_id].map((personId) => ({
      organizationId: r.organization_id,
      personId,
      ref: { kind: "mentoring_relationship" as const, id: r.id, at: r.last_contact },
      title: "",
      path: `/mentoring/relationships/${r.id}`,
    })),
  );
}

export interface DueReminder {
  organizationId: string;
  personId: string;
  ref: ReminderRef;
  /** What the subject line names: a course, a session title. Never confidential content. */
  title: string;
  path: string;
}

/** Coaching sessions starting in (from, to], or created since `createdSince` and starting in (now, to]. */
export async function coachingSessionsStarting(
  db: Db,
  window: { from: string; to: string },
  fresh: { since: string; from: string },
): Promise<DueReminder[]> {
  const base = () =>
    db
      .selectFrom("coaching_session as s")
      .innerJoin("coaching_engagement as e", "e.id", "s.engagement_id")
      .select([
        "s.id",
        "s.organization_id",
        "s.scheduled_at",
        "e.id as engagement_id",
        "e.coachee_id",
        "e.coach_id",
      ])
      .where("s.attendance", "=", "scheduled")
      .where("e.status", "=", "active");
  const rows = [
    ...(await base()
      .where("s.scheduled_at", ">", window.from)
      .where("s.scheduled_at", "<=", window.to)
      .execute()),
    ...(await base()
      .where("s.created_at", ">", fresh.since)
      .where("s.scheduled_at", ">", fresh.from)
      .where("s.scheduled_at", "<=", window.to)
      .execute()),
  ];
  const out: DueReminder[] = [];
  for (const r of rows) {
    for (const personId of [r.coachee_id, r.coach_id]) {
      if (!personId) continue;
      out.push({
        organizationId: r.organization_id,
        personId,
        ref: { kind: "coaching_session", id: r.id, at: r.scheduled_at },
        title: "your coaching session",
        path: `/coaching/engagements/${r.engagement_id}`,
      });
    }
  }
  return out;
}

/** Training sessions starting in (from, to], or changed since `since` and starting in (fresh.from, to]. */
export async function trainingSessionsStarting(
  db: Db,
  window: { from: string; to: string },
  fresh: { since: string; from: string },
): Promise<DueReminder[]> {
  const base = () =>
    db
      .selectFrom("training_session as s")
      .select(["s.id", "s.organization_id", "s.cohort_id", "s.starts_at", "s.title"])
      .where("s.cancelled_at", "is", null);
  const sessions = [
    ...(await base().where("s.starts_at", ">", window.from).where("s.starts_at", "<=", window.to).execute()),
    ...(await base()
      .where("s.updated_at", ">", fresh.since)
      .where("s.starts_at", ">", fresh.from)
      .where("s.starts_at", "<=", window.to)
      .execute()),
  ];
  if (sessions.length === 0) return [];
  const cohortIds = [...new Set(sessions.map((s) => s.cohort_id))];
  const people = new Map<string, string[]>();
  for (let i = 0; i < cohortIds.length; i += 500) {
    const chunk = cohortIds.slice(i, i + 500);
    const trainees = await db
      .selectFrom("training_enrolment")
      .select(["cohort_id", "person_id"])
      .where("cohort_id", "in", chunk)
      .where("status", "=", "enrolled")
      .execute();
    const trainers = await db
      .selectFrom("training_cohort_trainer")
      .select(["cohort_id", "person_id"])
      .where("cohort_id", "in", chunk)
      .execute();
    for (const r of [...trainees, ...trainers]) {
      const list = people.get(r.cohort_id) ?? [];
      if (!list.includes(r.person_id)) list.push(r.person_id);
      people.set(r.cohort_id, list);
    }
  }
  const out: DueReminder[] = [];
  for (const s of sessions) {
    for (const personId of people.get(s.cohort_id) ?? []) {
      out.push({
        organizationId: s.organization_id,
        personId,
        ref: { kind: "training_session", id: s.id, at: s.starts_at },
        title: s.title,
        path: `/training/cohorts/${s.cohort_id}`,
      });
    }
  }
  return out;
}

/** Open coaching action items due on one of the given dates (YYYY-MM-DD), in active engagements. */
export async function actionsDue(db: Db, dates: { from: string; to: string }): Promise<DueReminder[]> {
  const rows = await db
    .selectFrom("coaching_action as a")
    .innerJoin("coaching_engagement as e", "e.id", "a.engagement_id")
    .select(["a.id", "a.organization_id", "a.owner_id", "a.due_date", "a.engagement_id"])
    .where("a.due_date", ">=", dates.from)
    .where("a.due_date", "<=", dates.to)
    .where("a.status", "=", "open")
    .where("e.status", "=", "active")
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id,
    personId: r.owner_id,
    ref: { kind: "coaching_action", id: r.id, at: r.due_date },
    title: r.due_date,
    path: `/coaching/engagements/${r.engagement_id}`,
  }));
}

/** Coaching assessments asked for in (from, to] and still not submitted, in engagements still under way. */
export async function assessmentsOpen(db: Db, window: { from: string; to: string }): Promise<DueReminder[]> {
  const rows = await db
    .selectFrom("coaching_assessment as a")
    .innerJoin("coaching_engagement as e", "e.id", "a.engagement_id")
    .select(["a.id", "a.organization_id", "a.rater_id", "a.rater_kind", "a.created_at", "a.engagement_id"])
    .where("a.created_at", ">", window.from)
    .where("a.created_at", "<=", window.to)
    .where("a.submitted_at", "is", null)
    .where("e.status", "in", ["setup", "active"])
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id,
    personId: r.rater_id,
    ref: { kind: "coaching_assessment", id: r.id, at: r.created_at },
    title: r.rater_kind,
    path: r.rater_kind === "stakeholder" ? "/coaching/ratings" : `/coaching/engagements/${r.engagement_id}`,
  }));
}

/** Certificates expiring in (from, to], not revoked. */
export async function certificatesExpiring(
  db: Db,
  window: { from: string; to: string },
): Promise<DueReminder[]> {
  const rows = await db
    .selectFrom("training_certificate as c")
    .innerJoin("training_course as k", "k.id", "c.course_id")
    .select(["c.id", "c.organization_id", "c.person_id", "c.expires_at", "k.title"])
    .where("c.expires_at", ">", window.from)
    .where("c.expires_at", "<=", window.to)
    .where("c.revoked_at", "is", null)
    .execute();
  const out: DueReminder[] = [];
  for (const r of rows) {
    if (!r.expires_at) continue;
    out.push({
      organizationId: r.organization_id,
      personId: r.person_id,
      ref: { kind: "certificate", id: r.id, at: r.expires_at },
      title: r.title,
      path: `/verify/${r.id}`,
    });
  }
  return out;
}

/** Which of these dedupe keys already have a job. */
export async function existingJobKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("job")
      .select("dedupe_key")
      .where("dedupe_key", "in", keys.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.dedupe_key) found.add(r.dedupe_key);
  }
  return found;
}

/** Once a notification job has run, its wording (which may name who acted) is no longer kept. */
export async function redactNotificationJob(db: Db, jobId: string, payload: string): Promise<void> {
  await db.updateTable("job").set({ payload }).where("id", "=", jobId).execute();
}
