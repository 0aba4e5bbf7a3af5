import { sql } from "kysely";
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
import { anyContains } from "../../db/text-match.ts";
import { keyset, type PageRequest, pageOf, type SortKey } from "../../lib/pagination.ts";
import { reportingLines } from "../people/people.repository.ts";

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

/** The reporting lines of a program's active participants: each of them and everyone above them. */
export const programManagerMap = (db: Db, organizationId: string, programId: string) =>
  reportingLines(
    db,
    organizationId,
    db
      .selectFrom("enrolment as e")
      .innerJoin("person as p", "p.id", "e.person_id")
      .select(["p.id", "p.manager_id"])
      .where("e.program_id", "=", programId)
      .where("e.organization_id", "=", organizationId)
      .where("e.status", "=", "active"),
  );

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

/** Everyone each active mentee of a program was matched with before, in any program. */
export async function pastMentorsByMentee(
  db: Db,
  organizationId: string,
  programId: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("mentoring_relationship")
    .select(["mentee_id", "mentor_id"])
    .where("organization_id", "=", organizationId)
    .where("status", "in", ["completed", "ended_early"])
    .where("mentee_id", "in", (eb) =>
      eb
        .selectFrom("enrolment")
        .select("person_id")
        .where("program_id", "=", programId)
        .where("role", "=", "mentee")
        .where("status", "=", "active"),
    )
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
    .select(["id", "mentor_id", "status", "expires_at", "created_at"])
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

function requestQuery(db: Db, organizationId: string) {
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
    .where("r.organization_id", "=", organizationId);
}

export type RequestBox = "sent" | "received";
const boxColumn = (box: RequestBox) => (box === "sent" ? "mentee_id" : "mentor_id");

/** A page of the requests the person sent or received: open ones first, then newest first. */
export async function requestPage(
  db: Db,
  organizationId: string,
  personId: string,
  box: RequestBox,
  page: PageRequest,
) {
  const inner = requestQuery(db, organizationId)
    .where(`r.${boxColumn(box)}`, "=", personId)
    .select(sql<number>`case when r.status = 'open' then 1 else 0 end`.as("open_first"));
  const keys: SortKey[] = [
    { column: "t.open_first", direction: "desc" },
    { column: "t.created_at", direction: "desc" },
    { column: "t.id", direction: "desc" },
  ];
  const rows = await keyset(db.selectFrom(inner.as("t")).selectAll(), keys, page).execute();
  return pageOf(rows, page, (r) => [Number(r.open_first), r.created_at, r.id]);
}

export async function openRequestCount(db: Db, organizationId: string, personId: string, box: RequestBox) {
  const row = await db
    .selectFrom("mentoring_request")
    .select((eb) => eb.fn.countAll().as("n"))
    .where(boxColumn(box), "=", personId)
    .where("status", "=", "open")
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}

/** One request, if the person sent or received it. */
export function requestOf(db: Db, organizationId: string, personId: string, id: string) {
  return requestQuery(db, organizationId)
    .where((eb) => eb.or([eb("r.mentee_id", "=", personId), eb("r.mentor_id", "=", personId)]))
    .where("r.id", "=", id)
    .executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof requestOf>>>;

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

const OPEN_OR_CLOSED: Record<"open" | "closed", RelationshipStatus[]> = {
  open: OPEN_STATUSES,
  closed: ["completed", "ended_early"],
};

const NEWEST_FIRST: SortKey[] = [
  { column: "r.created_at", direction: "desc" },
  { column: "r.id", direction: "desc" },
];

/** A page of the person's relationships, as mentor or mentee, newest first. */
export async function relationshipPageOf(
  db: Db,
  organizationId: string,
  personId: string,
  f: PageRequest & { state?: "open" | "closed" | undefined; programId?: string | undefined },
) {
  let q = relationshipQuery(db, organizationId).where((eb) =>
    eb.or([eb("r.mentor_id", "=", personId), eb("r.mentee_id", "=", personId)]),
  );
  if (f.state) q = q.where("r.status", "in", OPEN_OR_CLOSED[f.state]);
  if (f.programId) q = q.where("r.program_id", "=", f.programId);
  const rows = await keyset(q, NEWEST_FIRST, f).execute();
  return pageOf(rows, f, (r) => [r.created_at, r.id]);
}

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

/** A page of the meeting log, latest meeting first. */
export async function meetingPage(db: Db, relationshipId: string, page: PageRequest) {
  const q = db
    .selectFrom("mentoring_meeting as m")
    .innerJoin("person as p", "p.id", "m.author_id")
    .selectAll("m")
    .select("p.name as author_name")
    .where("m.relationship_id", "=", relationshipId);
  const keys: SortKey[] = [
    { column: "m.met_on", direction: "desc" },
    { column: "m.created_at", direction: "desc" },
    { column: "m.id", direction: "desc" },
  ];
  const rows = await keyset(q, keys, page).execute();
  return pageOf(rows, page, (m) => [m.met_on, m.created_at, m.id]);
}

export const insertJournalEntry = (db: Db, row: MentoringJournalEntryTable) =>
  db.insertInto("mentoring_journal_entry").values(row).execute();

/** A page of the journal, newest entry first. */
export async function journalPage(db: Db, relationshipId: string, page: PageRequest) {
  const q = db
    .selectFrom("mentoring_journal_entry as j")
    .innerJoin("person as p", "p.id", "j.author_id")
    .selectAll("j")
    .select("p.name as author_name")
    .where("j.relationship_id", "=", relationshipId);
  const keys: SortKey[] = [
    { column: "j.created_at", direction: "desc" },
    { column: "j.id", direction: "desc" },
  ];
  const rows = await keyset(q, keys, page).execute();
  return pageOf(rows, page, (j) => [j.created_at, j.id]);
}

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

/** How many rows of `table` belong to one parent: the caps that keep a relationship's goals one list. */
export async function countOf(
  db: Db,
  table: "mentoring_goal" | "mentoring_milestone" | "mentoring_goal_comment",
  parentId: string,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .where(table === "mentoring_goal" ? "relationship_id" : "goal_id", "=", parentId)
    .executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}

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

/** A page of both sides' check-ins, latest period first. */
export async function checkinPage(db: Db, relationshipId: string, page: PageRequest) {
  const q = db
    .selectFrom("mentoring_checkin as c")
    .innerJoin("person as p", "p.id", "c.author_id")
    .selectAll("c")
    .select("p.name as author_name")
    .where("c.relationship_id", "=", relationshipId);
  const keys: SortKey[] = [
    { column: "c.period", direction: "desc" },
    { column: "c.created_at", direction: "desc" },
    { column: "c.id", direction: "desc" },
  ];
  const rows = await keyset(q, keys, page).execute();
  return pageOf(rows, page, (c) => [c.period, c.created_at, c.id]);
}

export const findCheckin = (db: Db, relationshipId: string, authorId: string, period: number) =>
  db
    .selectFrom("mentoring_checkin")
    .select("id")
    .where("relationship_id", "=", relationshipId)
    .where("author_id", "=", authorId)
    .where("period", "=", period)
    .executeTakeFirst();

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

export type IntroductionRole = "mentor" | "mentee" | "contact";

export interface IntroductionFilter extends PageRequest {
  role?: IntroductionRole | undefined;
  status?: "pending" | "answered" | undefined;
  relationshipId?: string | undefined;
}

/** A page of the introductions the person made, received or was introduced in, newest first. */
export async function introductionPage(
  db: Db,
  organizationId: string,
  personId: string,
  f: IntroductionFilter,
) {
  let q = introductionQuery(db, organizationId);
  if (f.role) q = q.where(`i.${f.role}_id`, "=", personId);
  else
    q = q.where((eb) =>
      eb.or([
        eb("i.mentor_id", "=", personId),
        eb("i.mentee_id", "=", personId),
        eb("i.contact_id", "=", personId),
      ]),
    );
  if (f.status === "pending") q = q.where("i.status", "=", "pending");
  if (f.status === "answered") q = q.where("i.status", "!=", "pending");
  if (f.relationshipId) q = q.where("i.relationship_id", "=", f.relationshipId);
  const keys: SortKey[] = [
    { column: "i.created_at", direction: "desc" },
    { column: "i.id", direction: "desc" },
  ];
  const rows = await keyset(q, keys, f).execute();
  return pageOf(rows, f, (i) => [i.created_at, i.id]);
}

/** A page of the accepted introductions a person took part in (as mentee or contact), latest answer first. */
export async function acceptedIntroductionPage(
  db: Db,
  organizationId: string,
  personId: string,
  page: PageRequest,
) {
  const q = introductionQuery(db, organizationId)
    .where("i.status", "=", "accepted")
    .where("i.responded_at", "is not", null)
    .where((eb) => eb.or([eb("i.mentee_id", "=", personId), eb("i.contact_id", "=", personId)]));
  const keys: SortKey[] = [
    { column: "i.responded_at", direction: "desc" },
    { column: "i.id", direction: "desc" },
  ];
  const rows = await keyset(q, keys, page).execute();
  return pageOf(rows, page, (i) => [i.responded_at as string, i.id]);
}

export async function respondToIntroduction(db: Db, id: string, status: "accepted" | "declined", at: string) {
  await db
    .updateTable("mentoring_introduction")
    .set({ status, responded_at: at })
    .where("id", "=", id)
    .execute();
}

// Program overview: counts in SQL, lists a page at a time.

export async function participantCounts(db: Db, organizationId: string, programId: string) {
  const rows = await db
    .selectFrom("enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select(["e.role", (eb) => eb.fn.countAll().as("n")])
    .where("e.organization_id", "=", organizationId)
    .where("e.program_id", "=", programId)
    .where("e.status", "=", "active")
    .where("p.status", "=", "active")
    .where("e.role", "in", ["mentor", "mentee"])
    .groupBy("e.role")
    .execute();
  const of = (role: string) => toCount(rows.find((r) => r.role === role)?.n as string | number | undefined);
  return { mentors: of("mentor"), mentees: of("mentee") };
}

/** An active relationship is quiet when nobody logged a meeting since `quietBefore` (or ever, nor started). */
const isQuietSql = (quietBefore: string) =>
  sql<boolean>`r.status = 'active' and (coalesce(r.last_meeting_at, r.start_date) is null or coalesce(r.last_meeting_at, r.start_date) < ${quietBefore})`;

export async function relationshipCounts(
  db: Db,
  organizationId: string,
  programId: string,
  quietBefore: string,
) {
  const when = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const row = await db
    .selectFrom("mentoring_relationship as r")
    .select([
      when(sql`r.status = 'proposed'`).as("proposed"),
      when(sql`r.status = 'active'`).as("active"),
      when(sql`r.status = 'completed'`).as("completed"),
      when(sql`r.status = 'ended_early'`).as("ended_early"),
      when(isQuietSql(quietBefore)).as("quiet"),
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.program_id", "=", programId)
    .executeTakeFirst();
  const n = (v: unknown) => toCount(v as string | number | null | undefined);
  return {
    proposed: n(row?.proposed),
    active: n(row?.active),
    completed: n(row?.completed),
    endedEarly: n(row?.ended_early),
    quiet: n(row?.quiet),
  };
}

/** Open requests of a program that have not expired (the hourly job marks those later). */
export async function openRequestCountOfProgram(
  db: Db,
  organizationId: string,
  programId: string,
  now: string,
) {
  const row = await db
    .selectFrom("mentoring_request")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("organization_id", "=", organizationId)
    .where("program_id", "=", programId)
    .where("status", "=", "open")
    .where("expires_at", ">=", now)
    .executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}

/** Active mentees of a program with fewer open relationships than the mentors a mentee may have. */
export async function menteesWaitingCount(
  db: Db,
  organizationId: string,
  programId: string,
  mentorsPerMentee: number,
) {
  const row = await db
    .selectFrom("enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("e.organization_id", "=", organizationId)
    .where("e.program_id", "=", programId)
    .where("e.role", "=", "mentee")
    .where("e.status", "=", "active")
    .where("p.status", "=", "active")
    .where(
      (eb) =>
        eb
          .selectFrom("mentoring_relationship as r")
          .select((x) => x.fn.countAll().as("n"))
          .where("r.program_id", "=", programId)
          .whereRef("r.mentee_id", "=", "e.person_id")
          .where("r.status", "in", OPEN_STATUSES),
      "<",
      mentorsPerMentee,
    )
    .executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}

/** A page of a program's active participants in one role, by name, with their open relationships. */
export async function participantPage(
  db: Db,
  organizationId: string,
  programId: string,
  role: "mentor" | "mentee",
  f: PageRequest & { q?: string | undefined },
) {
  let q = db
    .selectFrom("enrolment as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .select(["p.id", "p.name"])
    .where("e.organization_id", "=", organizationId)
    .where("e.program_id", "=", programId)
    .where("e.role", "=", role)
    .where("e.status", "=", "active")
    .where("p.status", "=", "active");
  if (f.q) q = q.where(anyContains(["p.name"], f.q));
  const keys: SortKey[] = [
    { column: "p.name", direction: "asc" },
    { column: "p.id", direction: "asc" },
  ];
  const page = pageOf(await keyset(q, keys, f).execute(), f, (p) => [p.name, p.id]);
  const ids = page.rows.map((p) => p.id);
  const side = role === "mentor" ? "mentor_id" : "mentee_id";
  const open = ids.length
    ? await db
        .selectFrom("mentoring_relationship")
        .select([side, (eb) => eb.fn.countAll().as("n")])
        .where("program_id", "=", programId)
        .where(side, "in", ids)
        .where("status", "in", OPEN_STATUSES)
        .groupBy(side)
        .execute()
    : [];
  const openOf = new Map(
    open.map((r) => [(r as Record<string, unknown>)[side] as string, toCount(r.n as string | number)]),
  );
  return {
    rows: page.rows.map((p) => ({ ...p, open: openOf.get(p.id) ?? 0 })),
    nextCursor: page.nextCursor,
  };
}

export type ProgramRelationshipFilter = RelationshipStatus | "quiet";

/** A page of a program's relationships (of one status, or quiet ones), newest first; never their content. */
export async function programRelationshipPage(
  db: Db,
  organizationId: string,
  programId: string,
  f: PageRequest & { status?: ProgramRelationshipFilter | undefined; quietBefore: string },
) {
  let q = db
    .selectFrom("mentoring_relationship as r")
    .innerJoin("person as mo", "mo.id", "r.mentor_id")
    .innerJoin("person as me", "me.id", "r.mentee_id")
    .select([
      "r.id",
      "r.mentor_id",
      "mo.name as mentor_name",
      "r.mentee_id",
      "me.name as mentee_name",
      "r.status",
      "r.start_date",
      "r.planned_end_date",
      "r.last_meeting_at",
      "r.created_at",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.program_id", "=", programId);
  if (f.status === "quiet") q = q.where(isQuietSql(f.quietBefore));
  else if (f.status) q = q.where("r.status", "=", f.status);
  const rows = await keyset(q, NEWEST_FIRST, f).execute();
  return pageOf(rows, f, (r) => [r.created_at, r.id]);
}

/** A page of a program's open requests that have not expired, oldest first. */
export async function openRequestPageOfProgram(
  db: Db,
  organizationId: string,
  programId: string,
  now: string,
  page: PageRequest,
) {
  const q = db
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
    .where("r.expires_at", ">=", now);
  const keys: SortKey[] = [
    { column: "r.created_at", direction: "asc" },
    { column: "r.id", direction: "asc" },
  ];
  const rows = await keyset(q, keys, page).execute();
  return pageOf(rows, page, (r) => [r.created_at, r.id]);
}
