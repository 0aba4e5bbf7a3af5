import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeEngagement,
  addCoach,
  dateDaysAgo,
  growNote,
  heldBody,
  OBJECTIVES,
  scheduleAt,
} from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { pdfText } from "../../testing/pdf.ts";
import { openCohort, PASSING, publishedCourse } from "../../testing/training.ts";
import { renderRecordPdf } from "./record-pdf.ts";
import { certificateStatus, exportFileName } from "./records.service.ts";

type Client = ReturnType<typeof client>;

/** In the journal, meeting log, agreement, closures and coaching session notes: never in any record, not even the person's own. */
const SECRET = `journal-canary-${crypto.randomUUID()}`;
/** In the person's mentoring goals and milestones: the person's record only. */
const GOAL = `goal-canary-${crypto.randomUUID()}`;
/** In the person's coaching actions: the person's record only. */
const ACTION = `action-canary-${crypto.randomUUID()}`;

let ctx: TestContext;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};
let coachingProgram2: string;
let engagementId: string;
let sponsoredBySkip: string;
let certificateId: string;
let cohortId: string;

const path = () => `/api/people/${ids.riley}/record`;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db);
  const person = async (key: string, spec: Parameters<typeof makePerson>[2] = {}) => {
    const p = await makePerson(ctx.db, org, spec);
    ids[key] = p.id;
    as[key] = client(ctx.app, await signIn(ctx.app, p.email));
  };
  await person("admin", { role: "org_admin", name: "Ada Admin" });
  await person("pm", { role: "program_manager", name: "Pat Manager" });
  await person("sponsor", { role: "sponsor", name: "Sam Sponsor" });
  // The skip-level manager holds the sponsor role, and sponsors one of the person's engagements.
  await person("skip", { role: "sponsor", name: "Sky Skip", seniority: 7 });
  await person("boss", { name: "Bo Boss", seniority: 5, managerId: ids.skip });
  await person("riley", {
    name: "Riley Record",
    title: "Analyst",
    department: "Finance",
    seniority: 2,
    managerId: ids.boss,
    careerGoals: "Lead a small team within two years",
  });
  await person("mentor", { name: "Mo Mentor", seniority: 6 });
  await person("mentor2", { name: "Mia Mentor", seniority: 6 });
  await person("peer", { name: "Pia Peer", seniority: 2, managerId: ids.boss });
  await person("coach", { name: "Cy Coach", department: "People" });
  await person("trainer", { name: "Tess Trainer" });
  const other = await makeOrganization(ctx.db, "Other");
  const otherAdmin = await makePerson(ctx.db, other, { role: "org_admin" });
  as.otherAdmin = client(ctx.app, await signIn(ctx.app, otherAdmin.email));
  as.anonymous = client(ctx.app);
  const ok = (res: { status: number; body: unknown }) =>
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  const riley = as.riley as Client;
  const mentor = as.mentor as Client;

  // Mentoring: an active relationship full of confidential content, and one that ended early.
  const mentoringProgram = await makeProgram(ctx.db, org, ids.pm as string, {
    kind: "mentoring",
    name: "Finance mentoring",
  });
  ok(await mentor.post(`/api/programs/${mentoringProgram}/enrolments`, { role: "mentor", answers: {} }));
  ok(await riley.post(`/api/programs/${mentoringProgram}/enrolments`, { role: "mentee", answers: {} }));
  const request = await riley.post(`/api/programs/${mentoringProgram}/mentoring/requests`, {
    mentorId: ids.mentor,
    message: `Request ${SECRET}`,
  });
  ok(request);
  const accepted = await mentor.post(`/api/mentoring/requests/${request.body.id}/accept`);
  ok(accepted);
  const rel: string = accepted.body.relationshipId;
  ids.relationship = rel;
  ok(
    await riley.put(`/api/mentoring/relationships/${rel}/agreement`, {
      goals: `Agreement ${SECRET}`,
      cadence: "Monthly",
      channel: "Call",
      confidentiality: `Confidential ${SECRET}`,
      durationMonths: 6,
    }),
  );
  ok(await riley.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  ok(await mentor.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  ok(await riley.post(`/api/mentoring/relationships/${rel}/journal`, { text: `Journal ${SECRET}` }));
  ok(
    await mentor.post(`/api/mentoring/relationships/${rel}/meetings`, {
      metOn: dateDaysAgo(2),
      durationMinutes: 45,
      topics: [`Topic ${SECRET}`],
      notes: `Notes ${SECRET}`,
    }),
  );
  const goal = await riley.post(`/api/mentoring/relationships/${rel}/goals`, {
    title: `Lead the budget review ${GOAL}`,
    description: `Description ${SECRET}`,
    category: "career",
    milestones: [
      { title: `Shadow the review ${GOAL}`, dueDate: dateDaysAgo(5) },
      { title: "Present one section", dueDate: dateDaysAgo(-20) },
    ],
  });
  ok(goal);
  const milestone = goal.body.items[0].milestones[0].id;
  ok(
    await riley.post(`/api/mentoring/relationships/${rel}/goals/${goal.body.items[0].id}/comments`, {
      body: `Comment ${SECRET}`,
    }),
  );
  const achieved = await riley.post(`/api/mentoring/relationships/${rel}/goals`, {
    title: `Map the stakeholders ${GOAL}`,
    category: "network",
    milestones: [{ title: "List them" }],
  });
  ok(achieved);
  const achievedGoal = achieved.body.items.find((g: { title: string }) => g.title.startsWith("Map")).id;
  ok(
    await riley.patch(`/api/mentoring/relationships/${rel}/goals/${achievedGoal}`, {
      status: "achieved",
    }),
  );
  expect(milestone).toBeTypeOf("string");

  const endedProgram = await makeProgram(ctx.db, org, ids.pm as string, { kind: "mentoring", name: "Flash" });
  const mentor2 = as.mentor2 as Client;
  ok(await mentor2.post(`/api/programs/${endedProgram}/enrolments`, { role: "mentor", answers: {} }));
  ok(await riley.post(`/api/programs/${endedProgram}/enrolments`, { role: "mentee", answers: {} }));
  const request2 = await riley.post(`/api/programs/${endedProgram}/mentoring/requests`, {
    mentorId: ids.mentor2,
    message: "Quick one?",
  });
  const rel2: string = (await mentor2.post(`/api/mentoring/requests/${request2.body.id}/accept`)).body
    .relationshipId;
  ok(await riley.post(`/api/mentoring/relationships/${rel2}/end`, { reason: `Reason ${SECRET}` }));
  ok(
    await mentor2.post(`/api/mentoring/relationships/${rel2}/reflection`, {
      text: `Reflection ${SECRET}`,
      rating: 4,
    }),
  );

  // Coaching: an active engagement sponsored by the sponsor, with notes, actions and metric values.
  const pm = as.pm as Client;
  await addCoach(pm, ids.coach as string);
  const coachingProgram = await makeProgram(ctx.db, org, ids.pm as string, {
    kind: "coaching",
    name: "Leadership coaching",
  });
  const coach = as.coach as Client;
  const engagement = await activeEngagement(
    {
      manager: pm,
      sponsor: as.sponsor as Client,
      coach,
      coachee: riley,
      coachId: ids.coach as string,
      coacheeId: ids.riley as string,
    },
    coachingProgram,
  );
  engagementId = engagement.id;
  const session = await scheduleAt(coach, engagementId, 4);
  const held = await coach.post(
    `/api/coaching/engagements/${engagementId}/sessions/${session}/record`,
    heldBody({
      goal: growNote(`Goal ${SECRET}`),
      reality: growNote(`Reality ${SECRET}`, "coach_private"),
      options: growNote(`Options ${SECRET}`),
      will: growNote(`Will ${SECRET}`),
      privateNotes: `Private ${SECRET}`,
      sponsorSummary: "Steady progress this month.",
      actions: [
        { text: `Delegate the Monday plan ${ACTION}`, dueDate: dateDaysAgo(1) },
        { text: `Ask for feedback ${ACTION}`, dueDate: dateDaysAgo(-10) },
        { text: "Book a retro", dueDate: dateDaysAgo(-3) },
      ],
      metricValues: [
        { objectiveId: engagement.objectiveIds[0], value: 6 },
        { objectiveId: engagement.objectiveIds[1], value: 8 },
      ],
    }),
  );
  ok(held);
  const retro = held.body.items
    .flatMap((s: { actions: { id: string; text: string }[] }) => s.actions ?? [])
    .find((a: { text: string }) => a.text === "Book a retro");
  ok(await riley.patch(`/api/coaching/engagements/${engagementId}/actions/${retro.id}`, { status: "done" }));

  // A second engagement, still in setup, that the skip-level manager sponsors.
  coachingProgram2 = await makeProgram(ctx.db, org, ids.pm as string, { kind: "coaching", name: "Second" });
  const second = await (as.skip as Client).post(`/api/programs/${coachingProgram2}/coaching/engagements`, {
    coacheeId: ids.riley,
    coachId: ids.coach,
  });
  ok(second);
  sponsoredBySkip = second.body.id;
  ok(
    await coach.put(`/api/coaching/engagements/${sponsoredBySkip}/objectives`, {
      objectives: [{ ...OBJECTIVES[0], title: "Run the quarterly planning alone" }],
    }),
  );

  // Training: a completed course with grades and a certificate.
  const trainingProgram = await makeProgram(ctx.db, org, ids.pm as string, { kind: "training" });
  const course = await publishedCourse(pm);
  cohortId = await openCohort(pm, trainingProgram, course.courseId, [ids.trainer as string]);
  ok(await pm.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: ids.riley }));
  ok(await riley.post(`/api/training/cohorts/${cohortId}/lessons/${course.lessonId}/complete`));
  const sub = await riley.post(
    `/api/training/cohorts/${cohortId}/lessons/${course.activityLessonId}/submissions`,
    {
      kind: "text",
      body: "My three goal questions",
    },
  );
  ok(
    await (as.trainer as Client).post(`/api/training/submissions/${sub.body.id}/review`, {
      decision: "accepted",
    }),
  );
  const attempt = await riley.post(`/api/training/cohorts/${cohortId}/assessments/${course.quizId}/attempts`);
  ok(await riley.post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING }));
  const graded = await (as.trainer as Client).put(
    `/api/training/cohorts/${cohortId}/assessments/${course.practicalId}/grades/${ids.riley}`,
    { levels: { questions: "good", listening: "weak" } },
  );
  ok(graded);
  certificateId = graded.body.certificateId;
  expect(certificateId).toBeTypeOf("string");
});
afterAll(() => ctx.close());

const get = (who: string, p = path()) => (as[who] as Client).get(p);

describe("who may read a development record", () => {
  it("answers the person, their managers up the line and org admins, with the viewer they are", async () => {
    expect((await get("riley")).body.viewer).toBe("self");
    expect((await get("boss")).body.viewer).toBe("manager");
    expect((await get("skip")).body.viewer).toBe("manager");
    expect((await get("admin")).body.viewer).toBe("admin");
  });

  it("is not found for program managers, sponsors, peers, the coach, the mentor and other organizations", async () => {
    for (const who of ["pm", "sponsor", "peer", "coach", "mentor", "trainer", "otherAdmin"]) {
      const res = await get(who);
      expect(res.status, who).toBe(404);
      expect(res.body.error.code, who).toBe("not_found");
    }
    expect((await get("riley", "/api/people/0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10/record")).status).toBe(404);
    expect((await get("riley", "/api/people/not-a-uuid/record")).status).toBe(400);
  });

  it("asks anonymous callers to sign in, for the record and both downloads", async () => {
    for (const p of [path(), "/api/me/record.json", "/api/me/record.pdf"]) {
      const res = await get("anonymous", p);
      expect(res.status, p).toBe(401);
      expect(res.body.error.code).toBe("auth.unauthenticated");
    }
  });

  it("takes the most permissive viewer: an org admin who is also in the line reads as admin", async () => {
    await ctx.db
      .updateTable("person")
      .set({ org_role: "org_admin" })
      .where("id", "=", ids.boss as string)
      .execute();
    try {
      const res = await get("boss");
      expect(res.body.viewer).toBe("admin");
      expect(res.body.coaching.every((e: { objectives: unknown }) => Array.isArray(e.objectives))).toBe(true);
    } finally {
      await ctx.db
        .updateTable("person")
        .set({ org_role: "member" })
        .where("id", "=", ids.boss as string)
        .execute();
    }
  });
});

describe("what each viewer sees", () => {
  it("the person sees everything of the record, and nothing confidential to the pair or the coach", async () => {
    const res = await get("riley");
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.person).toMatchObject({
      name: "Riley Record",
      title: "Analyst",
      department: "Finance",
      seniority: 2,
      manager: { id: ids.boss, name: "Bo Boss" },
      careerGoals: "Lead a small team within two years",
    });
    const goals = r.goals.filter((g: { mode: string }) => g.mode === "mentoring");
    expect(goals).toHaveLength(2);
    expect(goals.find((g: { status: string }) => g.status === "not_started")).toMatchObject({
      title: `Lead the budget review ${GOAL}`,
      milestonesDone: 0,
      milestonesTotal: 2,
      relationshipId: ids.relationship,
    });
    const objectives = r.goals.filter((g: { mode: string }) => g.mode === "coaching");
    expect(objectives.map((o: { title: string }) => o.title).sort()).toEqual(
      ["Delegate the weekly planning", "Give feedback every week", "Run the quarterly planning alone"].sort(),
    );
    // 10 hours down to 6 of a target of 2: half way; 1 to 8 conversations: reached.
    expect(objectives.find((o: { title: string }) => o.title.startsWith("Delegate"))).toMatchObject({
      metricUnit: "hours",
      baseline: 10,
      target: 2,
      latest: 6,
      progressPct: 50,
      engagementId,
    });
    expect(objectives.find((o: { title: string }) => o.title.startsWith("Give"))).toMatchObject({
      latest: 8,
      progressPct: 100,
    });
    expect(
      r.goals.filter((g: { mode: string }) => g.mode === "training").map((g: { title: string }) => g.title),
    ).toEqual(["Coaching", "Active listening"]);
    expect(r.goals.find((g: { mode: string }) => g.mode === "training").status).toBe("achieved");

    expect(r.mentoring).toHaveLength(2);
    const active = r.mentoring.find((m: { status: string }) => m.status === "active");
    expect(active).toMatchObject({
      id: ids.relationship,
      role: "mentee",
      partner: { id: ids.mentor, name: "Mo Mentor" },
      program: { name: "Finance mentoring" },
      meetings: { count: 1, lastMetOn: dateDaysAgo(2) },
    });
    expect(active.startDate).toBe(dateDaysAgo(0));
    expect(r.mentoring.find((m: { status: string }) => m.status === "ended_early").endedAt).toBeTypeOf(
      "string",
    );

    const main = r.coaching.find((e: { id: string }) => e.id === engagementId);
    expect(main).toMatchObject({
      coach: { id: ids.coach, name: "Cy Coach" },
      program: { name: "Leadership coaching" },
      status: "active",
      sessionsHeld: 1,
      sessionBudget: 6,
      objectivesNote: null,
    });
    expect(main.objectives).toHaveLength(2);

    expect(r.training.cohorts).toHaveLength(1);
    expect(r.training.cohorts[0]).toMatchObject({
      cohortId,
      course: { title: "Coaching skills for managers" },
      status: "completed",
      progressPct: 100,
      certificateId,
    });
    expect(
      r.training.cohorts[0].grades.map((g: { kind: string; scorePct: number; passed: boolean }) => [
        g.kind,
        g.scorePct,
        g.passed,
      ]),
    ).toEqual([
      ["quiz", 100, true],
      ["practical", 50, true],
    ]);
    expect(r.training.certificates).toEqual([
      expect.objectContaining({ id: certificateId, status: "valid", verifyPath: `/verify/${certificateId}` }),
    ]);

    expect(r.actions).toMatchObject({ countsOnly: false, open: 4, overdue: 2 });
    expect(r.actions.items.map((a: { text: string; overdue: boolean }) => [a.text, a.overdue])).toEqual([
      [`Shadow the review ${GOAL}`, true],
      [`Delegate the Monday plan ${ACTION}`, true],
      [`Ask for feedback ${ACTION}`, false],
      ["Present one section", false],
    ]);
    expect(r.actions.items[1].link).toBe(`/coaching/engagements/${engagementId}`);

    const kinds = new Set(r.timeline.map((e: { kind: string }) => e.kind));
    for (const k of [
      "relationship_proposed",
      "relationship_started",
      "relationship_ended",
      "goal_achieved",
      "engagement_started",
      "session_held",
      "action_done",
      "cohort_enrolled",
      "cohort_completed",
      "certificate_issued",
      "certificate_expires",
    ])
      expect(kinds.has(k), k).toBe(true);
    const dates = r.timeline.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(r.timeline[0].kind).toBe("certificate_expires");
    expect(r.timeline.find((e: { kind: string }) => e.kind === "action_done").title).toBe(
      "Action done: Book a retro",
    );

    expect(r.hidden.join(" ")).toMatch(/journals/);
    const text = JSON.stringify(r);
    expect(text).toContain(GOAL);
    expect(text).toContain(ACTION);
    expect(text).not.toContain(SECRET);
  });

  it("the direct manager sees relationships, engagements and training, and none of the pair's or coach's content", async () => {
    const res = await get("boss");
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.viewer).toBe("manager");
    expect(r.person).toMatchObject({ name: "Riley Record", seniority: null, careerGoals: null });
    expect(r.goals.map((g: { mode: string }) => g.mode)).toEqual(["training", "training"]);
    expect(r.mentoring).toHaveLength(2);
    expect(r.mentoring.every((m: { meetings: unknown }) => m.meetings === null)).toBe(true);
    expect(r.mentoring.map((m: { partner: { name: string } }) => m.partner.name).sort()).toEqual([
      "Mia Mentor",
      "Mo Mentor",
    ]);
    expect(r.coaching).toHaveLength(2);
    for (const e of r.coaching) {
      expect(e.objectives).toBeNull();
      expect(e.objectivesNote).toMatch(/sponsor/);
    }
    expect(r.coaching.find((e: { id: string }) => e.id === engagementId).sessionsHeld).toBe(1);
    expect(r.training.cohorts[0]).toMatchObject({ status: "completed", progressPct: 100 });
    expect(r.training.certificates[0].id).toBe(certificateId);
    expect(r.actions).toEqual({ items: [], open: 2, overdue: 1, countsOnly: true });
    const kinds = r.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).not.toContain("goal_achieved");
    expect(kinds).not.toContain("action_done");
    expect(kinds).toContain("session_held");
    expect(r.hidden).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/private to the mentoring pair/),
        expect.stringMatching(/action items stay between the coach and the coachee/),
        expect.stringMatching(/Coaching objectives are shared/),
        expect.stringMatching(/career goals are personal/),
      ]),
    );
    const text = JSON.stringify(r);
    for (const secret of [SECRET, GOAL, ACTION, "Delegate the weekly planning", "Lead a small team"])
      expect(text).not.toContain(secret);
  });

  it("the skip-level manager sees the objectives of the engagement they sponsor, and only those", async () => {
    const r = (await get("skip")).body;
    expect(r.viewer).toBe("manager");
    const sponsored = r.coaching.find((e: { id: string }) => e.id === sponsoredBySkip);
    expect(sponsored.objectives.map((o: { title: string }) => o.title)).toEqual([
      "Run the quarterly planning alone",
    ]);
    expect(r.coaching.find((e: { id: string }) => e.id === engagementId).objectives).toBeNull();
    expect(r.goals.filter((g: { mode: string }) => g.mode === "coaching")).toHaveLength(1);
    expect(r.person.careerGoals).toBeNull();
    const text = JSON.stringify(r);
    for (const secret of [SECRET, GOAL, ACTION]) expect(text).not.toContain(secret);
  });

  it("an org admin sees every engagement's objectives and the profile, never the pair's or the coach's content", async () => {
    const r = (await get("admin")).body;
    expect(r.viewer).toBe("admin");
    expect(r.person.careerGoals).toBe("Lead a small team within two years");
    expect(r.goals.filter((g: { mode: string }) => g.mode === "coaching")).toHaveLength(3);
    expect(r.goals.filter((g: { mode: string }) => g.mode === "mentoring")).toHaveLength(0);
    expect(r.coaching.every((e: { objectives: unknown }) => Array.isArray(e.objectives))).toBe(true);
    expect(r.actions).toMatchObject({ items: [], countsOnly: true, open: 2 });
    expect(r.hidden.some((h: string) => /Coaching objectives are shared/.test(h))).toBe(false);
    const text = JSON.stringify(r);
    for (const secret of [SECRET, GOAL, ACTION]) expect(text).not.toContain(secret);
  });

  it("flags certificates that expire within 60 days, and those that expired", async () => {
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await ctx.db
      .updateTable("training_certificate")
      .set({ expires_at: soon })
      .where("id", "=", certificateId)
      .execute();
    expect((await get("boss")).body.training.certificates[0].status).toBe("expiring");
    await ctx.db
      .updateTable("training_certificate")
      .set({ expires_at: "2021-01-01T00:00:00.000Z" })
      .where("id", "=", certificateId)
      .execute();
    const r = (await get("riley")).body;
    expect(r.training.certificates[0].status).toBe("expired");
    expect(r.timeline.find((e: { kind: string }) => e.kind === "certificate_expires")).toMatchObject({
      date: "2021-01-01",
      title: "Certificate expired: Coaching skills for managers",
    });
    await ctx.db
      .updateTable("training_certificate")
      .set({ expires_at: new Date(Date.now() + 365 * 86_400_000).toISOString() })
      .where("id", "=", certificateId)
      .execute();
    const now = "2026-01-01T00:00:00.000Z";
    expect(certificateStatus("valid", null, now)).toBe("valid");
    expect(certificateStatus("valid", "2026-03-01T00:00:00.000Z", now)).toBe("expiring");
    expect(certificateStatus("valid", "2026-03-03T00:00:00.000Z", now)).toBe("valid");
    expect(certificateStatus("revoked", "2026-02-01T00:00:00.000Z", now)).toBe("revoked");
  });

  it("an empty record is still a record, with what to do next left to the page", async () => {
    const r = (await get("peer", `/api/people/${ids.peer}/record`)).body;
    expect(r).toMatchObject({
      viewer: "self",
      goals: [],
      mentoring: [],
      coaching: [],
      training: { cohorts: [], certificates: [] },
      actions: { items: [], open: 0, overdue: 0, countsOnly: false },
      timeline: [],
    });
  });
});

describe("downloads", () => {
  it("JSON: the person's own record as an attachment, with when it was exported", async () => {
    const res = await get("riley", "/api/me/record.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="development-record-riley-record-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.body.viewer).toBe("self");
    expect(res.body.person.id).toBe(ids.riley);
    expect(Date.parse(res.body.exportedAt)).not.toBeNaN();
    const { exportedAt: _e, ...rest } = res.body;
    const live = (await get("riley")).body;
    expect(rest).toEqual(live);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it("JSON: a manager's download is their own record, never their report's", async () => {
    const res = await get("boss", "/api/me/record.json");
    expect(res.body.person.id).toBe(ids.boss);
    const text = JSON.stringify(res.body);
    for (const secret of [SECRET, GOAL, ACTION, "Riley"]) expect(text).not.toContain(secret);
  });

  it("PDF: a readable document with the person, every section and page numbers, and no confidential text", async () => {
    const res = await ctx.app.request("/api/me/record.pdf", {
      headers: { cookie: await signInCookie("riley") },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="development-record-riley-record-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Table cells wrap long text, so the checks ignore where lines break.
    const text = pdfText(pdf).replace(/\s+/g, "");
    const flat = (s: string) => s.replace(/\s+/g, "");
    for (const expected of [
      "Development record",
      "Riley Record",
      "Manager: Bo Boss",
      "Goals",
      "Delegate the weekly planning",
      "Mentoring",
      "Mo Mentor",
      "Coaching with Cy Coach",
      "Training",
      "Coaching skills for managers",
      `/verify/${certificateId}`,
      "Open actions",
      `Delegate the Monday plan ${ACTION}`,
      "Timeline",
      "Page 1 of",
    ])
      expect(text, expected).toContain(flat(expected));
    expect(text).not.toContain(SECRET);
  });

  it("PDF: characters the standard fonts cannot draw become question marks, not garbage", async () => {
    const live = (await get("peer", `/api/people/${ids.peer}/record`)).body;
    const pdf = await renderRecordPdf(
      { ...live, person: { ...live.person, name: "Zoë → 中文" }, exportedAt: new Date().toISOString() },
      { compress: false },
    );
    const text = pdfText(pdf);
    expect(text).toContain("Zoë -> ??");
    expect(text).toContain("No coaching engagements.");
    expect(exportFileName("Zoë Ångström-Ñ", "2026-05-01T10:00:00Z", "pdf")).toBe(
      "development-record-zoe-angstrom-n-2026-05-01.pdf",
    );
    expect(exportFileName("中文", "2026-05-01T10:00:00Z", "json")).toBe(
      "development-record-person-2026-05-01.json",
    );
  });
});

async function signInCookie(who: string): Promise<string> {
  const row = await ctx.db
    .selectFrom("person")
    .select("email")
    .where("id", "=", ids[who] as string)
    .executeTakeFirstOrThrow();
  return signIn(ctx.app, row.email);
}
