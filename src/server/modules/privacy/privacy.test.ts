import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptText, unwrapKey } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { CAREER_ANSWERS } from "../../testing/advisor.ts";
import {
  activeEngagement,
  addCoach,
  daysAgo,
  growNote,
  heldBody,
  scheduleAt,
} from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, PASSING, pastSession, publishedCourse } from "../../testing/training.ts";
import {
  ENGINE_TABLES,
  PERSONAL_DATA,
  type PersonalTable,
  personalTables,
  type Row,
  type TableName,
} from "./personal-data.ts";
import { checkErasure } from "./privacy.policy.ts";
import { keyOf } from "./privacy.service.ts";

type Client = ReturnType<typeof client>;

let ctx: TestContext;

/** Every table of the live database with its columns. */
async function liveTables(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ctx.engine === "postgres") {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(ctx.db);
    for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    return out;
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(ctx.db);
  for (const { name } of rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(ctx.db);
    out.set(
      name,
      cols.rows.map((c) => c.name),
    );
  }
  return out;
}

/** Every row of every table with a column whose text contains one of `needles` (case-insensitive). */
async function rowsHolding(needles: string[]) {
  const hits: { table: string; column: string; needle: string; row: Row }[] = [];
  for (const [table, columns] of await liveTables()) {
    for (const column of columns) {
      for (const needle of needles) {
        const pattern = `%${needle.toLowerCase()}%`;
        const { rows } = await sql<Row>`select * from ${sql.table(table)}
          where lower(cast(${sql.ref(column)} as text)) like ${pattern}`.execute(ctx.db);
        for (const row of rows) hits.push({ table, column, needle, row });
      }
    }
  }
  return hits;
}

describe("the personal-data declaration", () => {
  beforeAll(async () => {
    ctx = await createTestContext();
  });

  it("declares every table of the live database, with columns that exist", async () => {
    const live = await liveTables();
    const declared = new Set([...Object.keys(PERSONAL_DATA), ...Object.keys(ENGINE_TABLES)]);
    expect([...live.keys()].filter((t) => !declared.has(t))).toEqual([]);
    // Every schema.ts table is a live table (the mapped type makes PERSONAL_DATA cover schema.ts's keys).
    expect(Object.keys(PERSONAL_DATA).filter((t) => !live.has(t))).toEqual([]);
    const problems: string[] = [];
    for (const [table, decl] of personalTables()) {
      const columns = live.get(table) ?? [];
      if (decl.personalColumns.length === 0) problems.push(`${table}: no personal columns`);
      if (decl.subjects.length === 0 && !decl.via && !decl.idLists?.length)
        problems.push(`${table}: no subject columns and no parent`);
      const named = [
        ...decl.personalColumns,
        ...decl.subjects.map((s) => s.column),
        ...(decl.via ? [decl.via.column] : []),
        ...(decl.idLists ?? []),
        ...(decl.json ?? []),
        ...(decl.encrypted?.columns ?? []),
      ];
      for (const c of named) if (!columns.includes(c)) problems.push(`${table}.${c} does not exist`);
    }
    expect(problems).toEqual([]);
    const personal = personalTables();
    const figures = {
      tables: Object.keys(PERSONAL_DATA).length,
      personal: personal.length,
      notPersonal: Object.keys(PERSONAL_DATA).length - personal.length,
      personalColumns: personal.reduce((n, [, d]) => n + d.personalColumns.length, 0),
    };
    console.info(`personal-data declaration: ${JSON.stringify(figures)}`);
  });

  afterAll(() => ctx.close());
});

describe("erasure policy", () => {
  const actor = {
    userId: "u",
    personId: "admin",
    organizationId: "o",
    role: "org_admin" as const,
    name: "A",
    email: "a@x.test",
  };
  const person = { id: "p", email: "P@x.test", org_role: "member" as const, status: "active" as const };
  it("refuses yourself, a wrong confirmation and the last active admin", () => {
    expect(checkErasure(actor, { ...person, id: "admin" }, "P@x.test", 1)?.code).toBe(
      "privacy.cannot_erase_self",
    );
    expect(checkErasure(actor, person, "q@x.test", 1)?.code).toBe("privacy.confirmation_mismatch");
    expect(checkErasure(actor, { ...person, org_role: "org_admin" }, "p@x.test", 0)?.code).toBe(
      "privacy.last_org_admin",
    );
    expect(checkErasure(actor, person, " p@X.test ", 0)).toBeNull();
  });
});

describe("export and erasure of a person who takes part in everything", () => {
  const SUBJECT = { name: "Zephyrine Quillfeather", email: "zephyrine.quillfeather@example.test" };
  const PRIVATE_NOTE = "COACH-PRIVATE-NOTE-7d1";
  const PRIVATE_OPTIONS = "COACH-PRIVATE-OPTIONS-3a9";
  const COACH_PRIVATE = [PRIVATE_NOTE, PRIVATE_OPTIONS];
  let org: string;
  let subjectId: string;
  let subjectUserId: string;
  let subject: Client;
  let admin: Client;
  let mentor: Client;
  let coach: Client;
  let trainer: Client;
  let otherAdmin: Client;
  let relationshipId: string;
  let engagementId: string;
  let cohortId: string;
  let reportId: string;
  let bossId: string;
  let coachId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    org = await makeOrganization(ctx.db, "Privacy");
    const boss = await makePerson(ctx.db, org, { seniority: 4 });
    bossId = boss.id;
    const people = {
      admin: await makePerson(ctx.db, org, { role: "org_admin" }),
      pm: await makePerson(ctx.db, org, { role: "program_manager" }),
      sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
      mentor: await makePerson(ctx.db, org, { seniority: 4 }),
      subject: await makePerson(ctx.db, org, {
        ...SUBJECT,
        seniority: 1,
        managerId: boss.id,
        title: "Analyst",
        department: "Engineering",
        careerGoals: "Lead a team",
        skills: [{ name: "SQL", level: 3 }],
        interests: ["Chess"],
      }),
      coach: await makePerson(ctx.db, org),
      trainer: await makePerson(ctx.db, org),
      contact: await makePerson(ctx.db, org),
    };
    reportId = (await makePerson(ctx.db, org, { managerId: people.subject.id })).id;
    subjectId = people.subject.id;
    coachId = people.coach.id;
    const row = await ctx.db
      .selectFrom("person")
      .select("user_id")
      .where("id", "=", subjectId)
      .executeTakeFirst();
    subjectUserId = row?.user_id ?? "";
    const as = async (p: { email: string }) => client(ctx.app, await signIn(ctx.app, p.email));
    subject = await as(people.subject);
    admin = await as(people.admin);
    mentor = await as(people.mentor);
    coach = await as(people.coach);
    trainer = await as(people.trainer);
    const manager = await as(people.pm);
    const sponsor = await as(people.sponsor);
    const otherOrg = await makeOrganization(ctx.db, "Elsewhere");
    otherAdmin = await as(await makePerson(ctx.db, otherOrg, { role: "org_admin" }));

    // Mentoring: a relationship with an agreement, meetings, journal entries from both, a goal, a check-in.
    const programId = await makeProgram(ctx.db, org, people.pm.id, { kind: "mentoring" });
    await mentor.post(`/api/programs/${programId}/enrolments`, { role: "mentor", answers: {} });
    await subject.post(`/api/programs/${programId}/enrolments`, { role: "mentee", answers: {} });
    const request = await subject.post(`/api/programs/${programId}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: "Would you mentor me, please?",
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    relationshipId = (await mentor.post(`/api/mentoring/requests/${request.body.id}/accept`)).body
      .relationshipId;
    const rel = `/api/mentoring/relationships/${relationshipId}`;
    const agreement = {
      goals: "Grow",
      cadence: "Monthly",
      channel: "Video",
      confidentiality: "Ours",
      durationMonths: 6,
    };
    expect((await subject.put(`${rel}/agreement`, agreement)).status).toBe(200);
    await subject.post(`${rel}/agreement/sign`);
    await mentor.post(`${rel}/agreement/sign`);
    const meeting = await subject.post(`${rel}/meetings`, {
      metOn: "2026-01-05",
      durationMinutes: 30,
      topics: ["Career"],
      notes: "MENTEE-MEETING-NOTE",
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    expect((await subject.post(`${rel}/journal`, { text: "MENTEE-JOURNAL-ENTRY" })).status).toBe(201);
    expect((await mentor.post(`${rel}/journal`, { text: "MENTOR-JOURNAL-ENTRY" })).status).toBe(201);
    const goals = await subject.post(`${rel}/goals`, {
      title: "Lead a project",
      category: "career",
      milestones: [{ title: "Pick the project" }],
    });
    expect(goals.status, JSON.stringify(goals.body)).toBe(201);
    const goalId = goals.body.items[0].id;
    expect(
      (await subject.post(`${rel}/goals/${goalId}/comments`, { body: "MENTEE-GOAL-COMMENT" })).status,
    ).toBe(201);
    const intro = await mentor.post(`${rel}/introductions`, {
      contactId: people.contact.id,
      note: "Meet them",
    });
    expect(intro.status, JSON.stringify(intro.body)).toBe(201);
    // A check-in is due only months in; write it as the app does.
    await ctx.db
      .insertInto("mentoring_checkin")
      .values({
        id: newId(),
        organization_id: org,
        relationship_id: relationshipId,
        author_id: subjectId,
        period: 1,
        satisfaction: 4,
        learned: "MENTEE-CHECKIN",
        would_change: "",
        created_at: nowIso(),
      })
      .execute();

    // Coaching: the subject is the coachee; one held session has a coach-private field and private notes.
    await addCoach(manager, people.coach.id, 5);
    const coachingProgram = await makeProgram(ctx.db, org, people.pm.id, { kind: "coaching" });
    engagementId = (
      await activeEngagement(
        { manager, sponsor, coach, coachee: subject, coachId: people.coach.id, coacheeId: subjectId },
        coachingProgram,
      )
    ).id;
    const sessionId = await scheduleAt(coach, engagementId, 10);
    const held = await coach.post(
      `/api/coaching/engagements/${engagementId}/sessions/${sessionId}/record`,
      heldBody({
        options: growNote(PRIVATE_OPTIONS, "coach_private"),
        privateNotes: PRIVATE_NOTE,
        actions: [{ text: "Delegate one meeting", dueDate: daysAgo(-3).slice(0, 10) }],
      }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);

    // Training: enrolled, attended, submitted, took a quiz, graded, certified, assigned.
    const trainingProgram = await makeProgram(ctx.db, org, people.pm.id, { kind: "training" });
    const course = await publishedCourse(manager);
    cohortId = await openCohort(manager, trainingProgram, course.courseId, [people.trainer.id], 10);
    await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: subjectId });
    const trainingSession = await pastSession(trainer, cohortId);
    expect(
      (
        await trainer.put(`/api/training/sessions/${trainingSession}/attendance`, {
          marks: [{ personId: subjectId, status: "present" }],
        })
      ).status,
    ).toBe(200);
    const submission = await subject.post(
      `/api/training/cohorts/${cohortId}/lessons/${course.activityLessonId}/submissions`,
      { kind: "text", body: "MY-SUBMISSION" },
    );
    expect(submission.status).toBe(201);
    await trainer.post(`/api/training/submissions/${submission.body.id}/review`, { decision: "accepted" });
    const attempt = await subject.post(
      `/api/training/cohorts/${cohortId}/assessments/${course.quizId}/attempts`,
    );
    await subject.post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING });
    expect(
      (
        await trainer.put(
          `/api/training/cohorts/${cohortId}/assessments/${course.practicalId}/grades/${subjectId}`,
          {
            levels: { questions: "good", listening: "good" },
          },
        )
      ).status,
    ).toBe(200);
    await subject.post(`/api/training/cohorts/${cohortId}/lessons/${course.lessonId}/complete`);
    const certificate = await ctx.db
      .selectFrom("training_certificate")
      .select("id")
      .where("person_id", "=", subjectId)
      .execute();
    expect(certificate.length).toBe(1);
    const assignment = await manager.post("/api/training/assignments", {
      courseId: course.courseId,
      target: { kind: "people", personIds: [subjectId] },
      dueAt: "2027-03-01T00:00:00Z",
    });
    expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);

    // Advisor, a pending password reset, an invitation, a profile edit (audited).
    expect((await subject.post("/api/advisor/responses", { answers: CAREER_ANSWERS })).status).toBe(201);
    await client(ctx.app).post("/api/auth/request-password-reset", { email: SUBJECT.email });
    await ctx.db
      .insertInto("invitation")
      .values({
        id: newId(),
        organization_id: org,
        person_id: subjectId,
        email: SUBJECT.email,
        token_hash: newId(),
        invited_by: people.admin.id,
        expires_at: nowIso(),
        accepted_at: nowIso(),
        revoked_at: null,
        created_at: nowIso(),
      })
      .execute();
    expect((await admin.patch(`/api/people/${subjectId}`, { seniority: 2 })).status).toBe(200);
  }, 120_000);

  afterAll(() => ctx.close());

  it("exports every declared personal column of every row that names the subject, and no one else's private content", async () => {
    const res = await subject.get("/api/me/data-export");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="trellis-personal-data-.*\.json"$/,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const data = res.body as { tables: Record<string, { rows: Row[] }> };
    const text = JSON.stringify(data);

    // Pair content is there, decrypted; the coach's private content is not.
    for (const s of [
      "MENTEE-JOURNAL-ENTRY",
      "MENTOR-JOURNAL-ENTRY",
      "MENTEE-MEETING-NOTE",
      "Goal text",
      "MY-SUBMISSION",
    ])
      expect(text).toContain(s);
    for (const s of COACH_PRIVATE) expect(text).not.toContain(s);
    expect(text).not.toMatch(/"v1\.[\w-]{20,}/);
    expect(text).not.toContain("$argon2");

    // Every row of the database that holds the subject's id is exported (or only lists it in an id list).
    const ids = [subjectId, subjectUserId];
    let expected = 0;
    let covered = 0;
    const missing: string[] = [];
    const byRow = new Map<string, { table: string; row: Row; columns: Set<string> }>();
    for (const hit of await rowsHolding(ids)) {
      const decl = PERSONAL_DATA[hit.table as TableName] ?? ENGINE_TABLES[hit.table];
      if (!decl?.personal) {
        missing.push(`${hit.table}.${hit.column} names the subject but is declared not personal`);
        continue;
      }
      if (!(hit.table in PERSONAL_DATA)) continue; // the directory's search index copies the person row
      const id = `${hit.table}:${String(hit.row[keyOf(hit.table as TableName)])}`;
      const entry = byRow.get(id) ?? { table: hit.table, row: hit.row, columns: new Set<string>() };
      entry.columns.add(hit.column);
      byRow.set(id, entry);
    }
    for (const { table: name, row, columns: holding } of byRow.values()) {
      const table = name as TableName;
      const d = PERSONAL_DATA[table] as PersonalTable<TableName>;
      const key = keyOf(table);
      const subjectValue = d.subjectKey === "user" ? subjectUserId : subjectId;
      const matched = d.subjects.filter((s) => row[s.column] === subjectValue);
      const mentioned = [...holding].filter((c) =>
        (d.mentionedIn as readonly string[] | undefined)?.includes(c),
      );
      const listed = [...holding].filter((c) => (d.idLists as readonly string[] | undefined)?.includes(c));
      if (matched.length === 0 && mentioned.length === 0) {
        if (listed.length === 0)
          missing.push(
            `${name}.${[...holding].join(",")} holds the subject's id but is not declared as naming them`,
          );
        continue;
      }
      const exported = data.tables[table]?.rows.find((r) => r[key] === row[key]);
      const columns = matched.some((s) => s.role === "owner")
        ? d.personalColumns.filter((c) => !(d.withhold?.(row, subjectId, undefined) ?? []).includes(c))
        : [...matched.map((s) => s.column), ...mentioned];
      for (const c of columns) {
        expected++;
        if (!exported || !(c in exported)) {
          missing.push(`${name}.${c} of ${String(row[key])}`);
          continue;
        }
        const stored = row[c];
        const isEncrypted = (d.encrypted?.columns as readonly string[] | undefined)?.includes(c);
        const isJson = (d.json as readonly string[] | undefined)?.includes(c);
        const want = isEncrypted && stored !== null ? await decrypt(d, row, c) : stored;
        const got = exported[c];
        const same =
          isJson && typeof want === "string"
            ? JSON.stringify(JSON.parse(want)) === JSON.stringify(got)
            : got === want;
        if (same) covered++;
        else missing.push(`${name}.${c}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    expect(missing).toEqual([]);
    const tablesWithRows = Object.entries(data.tables).filter(([, t]) => t.rows.length > 0).length;
    console.info(
      `export coverage: ${covered}/${expected} personal values (${((covered / expected) * 100).toFixed(1)} %) in ${tablesWithRows} tables`,
    );
    expect(expected).toBeGreaterThan(200);
    expect(covered).toBe(expected);
  });

  it("gives the coach their own private notes", async () => {
    const res = await coach.get("/api/me/data-export");
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const s of COACH_PRIVATE) expect(text).toContain(s);
    // The pair's mentoring content is not the coach's.
    expect(text).not.toContain("MENTEE-JOURNAL-ENTRY");
  });

  it("refuses an erasure by a non-admin, of another organization, of yourself, or without the right email", async () => {
    expect(
      (await mentor.post(`/api/people/${subjectId}/erase`, { confirmEmail: SUBJECT.email })).status,
    ).toBe(403);
    const foreign = await otherAdmin.post(`/api/people/${subjectId}/erase`, { confirmEmail: SUBJECT.email });
    expect(foreign.status).toBe(404);
    const wrong = await admin.post(`/api/people/${subjectId}/erase`, {
      confirmEmail: "someone@example.test",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("privacy.confirmation_mismatch");
    const missingBody = await admin.post(`/api/people/${subjectId}/erase`, {});
    expect(missingBody.status).toBe(400);
    const me = await admin.get("/api/me");
    const self = await admin.post(`/api/people/${me.body.person?.id ?? me.body.id}/erase`, {
      confirmEmail: me.body.person?.email ?? me.body.email,
    });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe("privacy.cannot_erase_self");
  });

  it("erases the person: no row holds their id, account id, email or name, and the other parties' records still load", async () => {
    // Queued notification emails carry their wording (which may name who acted) until they run, moments later.
    await ctx.jobs.drain();
    const res = await admin.post(`/api/people/${subjectId}/erase`, {
      confirmEmail: SUBJECT.email.toUpperCase(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const formerId: string = res.body.formerMemberId;
    expect(JSON.stringify(res.body)).not.toContain(subjectId);

    const left = await rowsHolding([subjectId, subjectUserId, SUBJECT.email, SUBJECT.name]);
    console.info(`rows holding the subject's identifiers after erasure: ${left.length}`);
    expect(left.map((h) => `${h.table}.${h.column} (${h.needle})`)).toEqual([]);

    // Signed out everywhere.
    expect((await subject.get("/api/me")).status).toBe(401);
    expect((await admin.get(`/api/people/${subjectId}`)).status).toBe(404);

    // The mentor's relationship, with its meeting log and their own journal entry, is whole.
    const rel = await mentor.get(`/api/mentoring/relationships/${relationshipId}`);
    expect(rel.status, JSON.stringify(rel.body)).toBe(200);
    expect(rel.body.mentee).toEqual({ id: formerId, name: "Former member" });
    expect((await mentor.get("/api/mentoring/relationships")).status).toBe(200);
    const journal = await mentor.get(`/api/mentoring/relationships/${relationshipId}/journal`);
    expect(journal.status).toBe(200);
    expect(JSON.stringify(journal.body)).toContain("MENTOR-JOURNAL-ENTRY");
    expect(JSON.stringify(journal.body)).not.toContain("MENTEE-JOURNAL-ENTRY");
    const meetings = await mentor.get(`/api/mentoring/relationships/${relationshipId}/meetings`);
    expect(meetings.status).toBe(200);
    expect(JSON.stringify(meetings.body)).toContain("MENTEE-MEETING-NOTE");

    // The coach's engagement and sessions, the trainer's cohort and the audit log load too.
    const engagement = await coach.get(`/api/coaching/engagements/${engagementId}`);
    expect(engagement.status, JSON.stringify(engagement.body)).toBe(200);
    expect(engagement.body.coachee).toEqual({ id: formerId, name: "Former member" });
    expect((await coach.get(`/api/coaching/engagements/${engagementId}/sessions`)).status).toBe(200);
    expect((await trainer.get(`/api/training/cohorts/${cohortId}`)).status).toBe(200);
    const audit = await admin.get("/api/audit");
    expect(audit.status).toBe(200);
    expect(audit.body.items[0].action).toBe("person.erased");

    // The reporting line closes over the gap; the export of the former member's manager still works.
    const report = await ctx.db
      .selectFrom("person")
      .select("manager_id")
      .where("id", "=", reportId)
      .executeTakeFirst();
    expect(report?.manager_id).toBe(bossId);
    expect((await mentor.get("/api/me/data-export")).status).toBe(200);
    expect((await coach.get("/api/me/data-export")).status).toBe(200);

    // A second erasure of the same id finds nobody.
    expect((await admin.post(`/api/people/${subjectId}/erase`, { confirmEmail: SUBJECT.email })).status).toBe(
      404,
    );
    expect(
      (await admin.post(`/api/people/${formerId}/erase`, { confirmEmail: "x@example.test" })).status,
    ).toBe(404);
    expect(coachId).toBeTypeOf("string");
  });

  it("keeps the audit log append-only outside an erasure", async () => {
    const row = await ctx.db.selectFrom("audit_event").select("id").executeTakeFirstOrThrow();
    await expect(
      ctx.db.updateTable("audit_event").set({ details: "{}" }).where("id", "=", row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db
        .updateTable("audit_event")
        .set({ details: JSON.stringify({ erasure: newId() }) })
        .where("id", "=", row.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom("audit_event").where("id", "=", row.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});

async function decrypt(decl: PersonalTable<TableName>, row: Row, column: string): Promise<string> {
  const enc = decl.encrypted;
  if (!enc) throw new Error("not encrypted");
  const id = String(row[enc.keyColumn]);
  const { rows } = await sql<{
    wrapped_key: string;
  }>`select wrapped_key from ${sql.table(enc.keyTable)} where id = ${id}`.execute(ctx.db);
  const wrapped = rows[0]?.wrapped_key ?? "";
  return decryptText(unwrapKey(ctx.masterKey, wrapped, id), String(row[column]), id);
}
