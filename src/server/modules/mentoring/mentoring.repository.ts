import type { Db } from "../../db/kysely.ts";
import { toCount } from "../../db/plugins.ts";
import type {
  MentoringAgreementTable,
  MentoringCheckinTable,
  MentoringClosureTable,
  MentoringGoalTable,
  MentoringIntroductionTable,
  MentoringJournalEntryTable,
  MentoringMeetingTable,
  MentoringParticipantTable,
  MentoringRelationshipTable,
  MentoringRequestTable,
  MentoringSettingsTable,
  RelationshipStatus,
} from "../../db/schema.ts";

const OPEN_STATUSES: RelationshipStatus[] = ["proposed", "active"];

// Settings and participants

export const findSettings = (db: Db, programId: string) =>
  db.selectFrom("mentoring_settings").selectAll().where("program_id", "=", programId).executeTakeFirst();

export async function saveSettings(db: Db, row: MentoringSettingsTable, exists: boolean) {
  if (exists) {
    const { program_id, created_at: _created, ...rest } = row;
    await db.updateTable("mentoring_settings").set(rest).where("program_id", "=", program_id).execute();
  } else {
    await db.insertInto("mentoring_settings").values(row).execute();
  }
}

export const findParticipant = (db: Db, programId: string, personId: string, role: "mentor" | "mentee") =>
  db
    .selectFrom("mentoring_participant")
    .selectAll()
    .where("program_id", "=", programId)
    .where("person_id", "=", personId)
    .where("role", "=", role)
    .executeTakeFirst();

export async function saveParticipant(db: Db, row: MentoringParticipantTable, exists: boolean) {
  if (exists) {
    await db
      .updateTable("mentoring_participant")
      .set({
        capacity: row.capacity,
        skills_wanted: row.skills_wanted,
        ranking: row.ranking,
        avoid: row.avoid,
        updated_at: row.updated_at,
      })
      .where("id", "=", row.id)
      .execute();
  } else {
    await db.insertInto("mentoring_participant").values(row).execute();
  }
}

/** Active enrolments of a program in a role, with what matching needs of each person. */
export function enrolledPeople(db: Db, organizationId: string, programId: string, role: "mentor" | "mentee") {
  return db
    .selectFrom("enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .leftJoin("mentoring_participant as mp", (j) =>
      j
        .onRef("mp.program_id", "=", "e.program_id")
        .onRef("mp.person_id", "=", "e.person_id")
        .on("mp.role", "=", role),
    )
    .select([
      "p.id",
      "p.name",
      "p.title",
      "p.department",
      "p.seniority",
      "p.manager_id",
      "p.location",
      "p.time_zone",
      "p.languages",
      "p.skills",
      "p.interests",
      "mp.capacity",
      "mp.skills_wanted",
      "mp.ranking",
      "mp.avoid",
    ])
    .where("e.organization_id", "=", organizationId)
    .where("e.program_id", "=", programId)
    .where("e.role", "=", role)
    .where("e.status", "=", "active")
    .where("p.status", "=", "active")
    .orderBy("p.name")
    .execute();
}

export type EnrolledPerson = Awaited<ReturnType<typeof enrolledPeople>>[number];

export async function enrolledRoles(db: Db, programId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("enrolment")
    .select("role")
    .where("program_id", "=", programId)
    .where("person_id", "=", personId)
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => r.role);
}

export async function managerMap(db: Db, organizationId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom("person")
    .select(["id", "manager_id"])
    .where("organization_id", "=", organizationId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.manager_id]));
}

/** Open (proposed or active) relationships per mentor in a program. */
export async function openLoadByMentor(db: Db, programId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select(["mentor_id", (eb) => eb.fn.countAll().as("n")])
    .where("program_id", "=", programId)
    .where("status", "in", OPEN_STATUSES)
    .groupBy("mentor_id")
    .execute();
  return new Map(rows.map((r) => [r.mentor_id, toCount(r.n as string | number)]));
}

/** The mentors a mentee has an open (proposed or active) relationship with in a program. */
export async function openMentorsOfMentee(db: Db, programId: string, menteeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select("mentor_id")
    .where("program_id", "=", programId)
    .where("mentee_id", "=", menteeId)
    .where("status", "in", OPEN_STATUSES)
    .execute();
  return rows.map((r) => r.mentor_id);
}

/** Open (proposed or active) relationships per mentee in a program. */
export async function openCountByMentee(db: Db, programId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select(["mentee_id", (eb) => eb.fn.countAll().as("n")])
    .where("program_id", "=", programId)
    .where("status", "in", OPEN_STATUSES)
    .groupBy("mentee_id")
    .execute();
  return new Map(rows.map((r) => [r.mentee_id, toCount(r.n as string | number)]));
}

/** Everyone each mentee of the organization was matched with before, in any program. */
export async function pastMentorsByMentee(db: Db, organizationId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select(["mentee_id", "mentor_id"])
    .where("organization_id", "=", organizationId)
    .where("status", "in", ["completed", "ended_early"])
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.mentee_id, [...(out.get(r.mentee_id) ?? []), r.mentor_id]);
  return out;
}

export async function pastMentorsOf(db: Db, menteeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select("mentor_id")
    .where("mentee_id", "=", menteeId)
    .where("status", "in", ["completed", "ended_early"])
    .execute();
  return rows.map((r) => r.mentor_id);
}

// Requests

export const insertRequest = (db: Db, row: MentoringRequestTable) =>
  db.insertInto("mentoring_request").values(row).execute();

export const findRequest = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom("mentoring_request")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();

export const openRequestsOfMentee = (db: Db, programId: string, menteeId: string) =>
  db
    .selectFrom("mentoring_request")
    .selectAll()
    .where("program_id", "=", programId)
    .where("mentee_id", "=", menteeId)
    .where("status", "=", "open")
    .execute();

export const requestsOfMenteeInProgram = (db: Db, programId: string, menteeId: string) =>
  db
    .selectFrom("mentoring_request")
    .select(["id", "mentor_id", "status", "created_at"])
    .where("program_id", "=", programId)
    .where("mentee_id", "=", menteeId)
    .orderBy("created_at", "desc")
    .execute();

export async function updateRequest(db: Db, id: string, patch: Partial<MentoringRequestTable>) {
  await db.updateTable("mentoring_request").set(patch).where("id", "=", id).execute();
}

export async function withdrawOtherRequests(
  db: Db,
  programId: string,
  menteeId: string,
  keepId: string | null,
  at: string,
) {
  let q = db
    .updateTable("mentoring_request")
    .set({ status: "withdrawn", response_reason: "matched_elsewhere", responded_at: at })
    .where("program_id", "=", programId)
    .where("mentee_id", "=", menteeId)
    .where("status", "=", "open");
  if (keepId) q = q.where("id", "!=", keepId);
  await q.execute();
}

export async function expireRequests(db: Db, now: string): Promise<number> {
  const result = await db
    .updateTable("mentoring_request")
    .set({ status: "expired", responded_at: now })
    .where("status", "=", "open")
    .where("expires_at", "<", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function requestRows(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom("mentoring_request as r")
    .innerJoin("program as pr", "pr.id", "r.program_id")
    .innerJoin("person as me", "me.id", "r.mentee_id")
    .innerJoin("person as mo", "mo.id", "r.mentor_id")
    .leftJoin("mentoring_relationship as rel", "rel.request_id", "r.id")
    .select([
      "r.id",
      "r.program_id",
      "pr.name as program_name",
      "r.mentee_id",
      "me.name as mentee_name",
      "r.mentor_id",
      "mo.name as mentor_name",
      "r.message",
      "r.status",
      "r.response_reason",
      "r.response_comment",
      "r.expires_at",
      "r.responded_at",
      "r.created_at",
      "rel.id as relationship_id",
    ])
    .where("r.organization_id", "=", organizationId)
    .where((eb) => eb.or([eb("r.mentee_id", "=", personId), eb("r.mentor_id", "=", personId)]));
}

/** Requests the person sent or received, newest first. */
export function requestsOf(db: Db, organizationId: string, personId: string) {
  return requestRows(db, organizationId, personId).orderBy("r.created_at", "desc").limit(200).execute();
}

/** One request, if the person sent or received it. */
export function requestOf(db: Db, organizationId: string, personId: string, id: string) {
  return requestRows(db, organizationId, personId).where("r.id", "=", id).executeTakeFirst();
}

export type RequestRow = Awaited<ReturnType<typeof requestsOf>>[number];

// Relationships

export const insertRelationship = (db: Db, row: MentoringRelationshipTable) =>
  db.insertInto("mentoring_relationship").values(row).execute();

export function relationshipQuery(db: Db, organizationId: string) {
  return db
    .selectFrom("mentoring_relationship as r")
    .innerJoin("program as pr", "pr.id", "r.program_id")
    .innerJoin("person as mo", "mo.id", "r.mentor_id")
    .innerJoin("person as me", "me.id", "r.mentee_id")
    .selectAll("r")
    .select([
      "pr.name as program_name",
      "pr.owner_id as program_owner_id",
      "mo.name as mentor_name",
      "me.name as mentee_name",
    ])
    .where("r.organization_id", "=", organizationId);
}

export const findRelationship = (db: Db, organizationId: string, id: string) =>
  relationshipQuery(db, organizationId).where("r.id", "=", id).executeTakeFirst();

export type RelationshipRow = NonNullable<Awaited<ReturnType<typeof findRelationship>>>;

export const relationshipsOf = (db: Db, organizationId: string, personId: string) =>
  relationshipQuery(db, organizationId)
    .where((eb) => eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]))
    .orderBy("r.created_at", "desc")
    .execute();

export const relationshipsOfProgram = (db: Db, organizationId: string, programId: string) =>
  relationshipQuery(db, organizationId)
    .where("r.program_id", "=", programId)
    .orderBy("r.created_at", "desc")
    .execute();

export async function updateRelationship(db: Db, id: string, patch: Partial<MentoringRelationshipTable>) {
  await db.updateTable("mentoring_relationship").set(patch).where("id", "=", id).execute();
}

export const findAgreement = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_agreement")
    .selectAll()
    .where("relationship_id", "=", relationshipId)
    .executeTakeFirst();

export async function saveAgreement(db: Db, row: MentoringAgreementTable, exists: boolean) {
  if (exists) {
    const { relationship_id, ...rest } = row;
    await db
      .updateTable("mentoring_agreement")
      .set(rest)
      .where("relationship_id", "=", relationship_id)
      .execute();
  } else {
    await db.insertInto("mentoring_agreement").values(row).execute();
  }
}

export const closuresOf = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_closure as c")
    .innerJoin("person as p", "p.id", "c.person_id")
    .selectAll("c")
    .select("p.name as person_name")
    .where("c.relationship_id", "=", relationshipId)
    .orderBy("c.created_at")
    .execute();

export const insertClosure = (db: Db, row: MentoringClosureTable) =>
  db.insertInto("mentoring_closure").values(row).execute();

// Confidential content

export const insertMeeting = (db: Db, row: MentoringMeetingTable) =>
  db.insertInto("mentoring_meeting").values(row).execute();

export const meetingsOf = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_meeting as m")
    .innerJoin("person as p", "p.id", "m.author_id")
    .selectAll("m")
    .select("p.name as author_name")
    .where("m.relationship_id", "=", relationshipId)
    .orderBy("m.met_on", "desc")
    .orderBy("m.created_at", "desc")
    .execute();

export const insertJournalEntry = (db: Db, row: MentoringJournalEntryTable) =>
  db.insertInto("mentoring_journal_entry").values(row).execute();

export const journalOf = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_journal_entry as j")
    .innerJoin("person as p", "p.id", "j.author_id")
    .selectAll("j")
    .select("p.name as author_name")
    .where("j.relationship_id", "=", relationshipId)
    .orderBy("j.created_at", "desc")
    .execute();

// Goals

export const insertGoal = (db: Db, row: MentoringGoalTable) =>
  db.insertInto("mentoring_goal").values(row).execute();

export const findGoal = (db: Db, relationshipId: string, goalId: string) =>
  db
    .selectFrom("mentoring_goal")
    .selectAll()
    .where("relationship_id", "=", relationshipId)
    .where("id", "=", goalId)
    .executeTakeFirst();

export async function updateGoal(db: Db, id: string, patch: Partial<MentoringGoalTable>) {
  await db.updateTable("mentoring_goal").set(patch).where("id", "=", id).execute();
}

export const goalsOf = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_goal")
    .selectAll()
    .where("relationship_id", "=", relationshipId)
    .orderBy("created_at")
    .execute();

export const milestonesOf = (db: Db, goalIds: string[]) =>
  goalIds.length
    ? db
        .selectFrom("mentoring_milestone")
        .selectAll()
        .where("goal_id", "in", goalIds)
        .orderBy("created_at")
        .execute()
    : Promise.resolve([]);

export const insertMilestone = (
  db: Db,
  row: {
    id: string;
    organization_id: string;
    goal_id: string;
    title: string;
    due_date: string | null;
    created_at: string;
  },
) =>
  db
    .insertInto("mentoring_milestone")
    .values({ ...row, done_at: null })
    .execute();

export const findMilestone = (db: Db, goalId: string, id: string) =>
  db
    .selectFrom("mentoring_milestone")
    .selectAll()
    .where("goal_id", "=", goalId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function setMilestoneDone(db: Db, id: string, doneAt: string | null) {
  await db.updateTable("mentoring_milestone").set({ done_at: doneAt }).where("id", "=", id).execute();
}

export const commentsOf = (db: Db, goalIds: string[]) =>
  goalIds.length
    ? db
        .selectFrom("mentoring_goal_comment as c")
        .innerJoin("person as p", "p.id", "c.author_id")
        .selectAll("c")
        .select("p.name as author_name")
        .where("c.goal_id", "in", goalIds)
        .orderBy("c.created_at")
        .execute()
    : Promise.resolve([]);

export const insertComment = (
  db: Db,
  row: {
    id: string;
    organization_id: string;
    goal_id: string;
    author_id: string;
    body: string;
    created_at: string;
  },
) => db.insertInto("mentoring_goal_comment").values(row).execute();

// Check-ins

export const insertCheckin = (db: Db, row: MentoringCheckinTable) =>
  db.insertInto("mentoring_checkin").values(row).execute();

export const checkinsOf = (db: Db, relationshipId: string) =>
  db
    .selectFrom("mentoring_checkin as c")
    .innerJoin("person as p", "p.id", "c.author_id")
    .selectAll("c")
    .select("p.name as author_name")
    .where("c.relationship_id", "=", relationshipId)
    .orderBy("c.period", "desc")
    .orderBy("c.created_at", "desc")
    .execute();

// Introductions

export const insertIntroduction = (db: Db, row: MentoringIntroductionTable) =>
  db.insertInto("mentoring_introduction").values(row).execute();

function introductionQuery(db: Db, organizationId: string) {
  return db
    .selectFrom("mentoring_introduction as i")
    .innerJoin("person as mo", "mo.id", "i.mentor_id")
    .innerJoin("person as me", "me.id", "i.mentee_id")
    .innerJoin("person as co", "co.id", "i.contact_id")
    .selectAll("i")
    .select(["mo.name as mentor_name", "me.name as mentee_name", "co.name as contact_name"])
    .where("i.organization_id", "=", organizationId);
}

export const findIntroduction = (db: Db, organizationId: string, id: string) =>
  introductionQuery(db, organizationId).where("i.id", "=", id).executeTakeFirst();

export type IntroductionRow = NonNullable<Awaited<ReturnType<typeof findIntroduction>>>;

export const introductionsInvolving = (db: Db, organizationId: string, personId: string) =>
  introductionQuery(db, organizationId)
    .where((eb) =>
      eb.or([
        eb("i.mentor_id", "=", personId),
        eb("i.mentee_id", "=", personId),
        eb("i.contact_id", "=", personId),
      ]),
    )
    .orderBy("i.created_at", "desc")
    .execute();

export const acceptedIntroductionsOf = (db: Db, organizationId: string, personId: string) =>
  introductionQuery(db, organizationId)
    .where("i.status", "=", "accepted")
    .where((eb) => eb.or([eb("i.mentee_id", "=", personId), eb("i.contact_id", "=", personId)]))
    .orderBy("i.responded_at", "desc")
    .execute();

export async function respondToIntroduction(db: Db, id: string, status: "accepted" | "declined", at: string) {
  await db
    .updateTable("mentoring_introduction")
    .set({ status, responded_at: at })
    .where("id", "=", id)
    .execute();
}

// Program overview

export const openRequestsOfProgram = (db: Db, organizationId: string, programId: string) =>
  db
    .selectFrom("mentoring_request as r")
    .innerJoin("person as me", "me.id", "r.mentee_id")
    .innerJoin("person as mo", "mo.id", "r.mentor_id")
    .select([
      "r.id",
      "r.mentee_id",
      "me.name as mentee_name",
      "r.mentor_id",
      "mo.name as mentor_name",
      "r.created_at",
      "r.expires_at",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.program_id", "=", programId)
    .where("r.status", "=", "open")
    .orderBy("r.created_at")
    .execute();
