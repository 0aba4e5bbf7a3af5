import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingsPerMonth } from "../../../domain/analytics/mentoring.ts";
import { lastMonths } from "../../../domain/analytics/months.ts";
import {
  checkinAt,
  cohortOf,
  dateDaysAgo,
  daysAgo,
  engagementWith,
  enrolAt,
  meetingOn,
  relationshipAt,
  traineeIn,
} from "../../testing/analytics.ts";
import { activeEngagement, addCoach, growNote, heldBody, scheduleAt } from "../../testing/coaching.ts";
import {
  client,
  type MadePerson,
  makeOrganization,
  makePerson,
  makeProgram,
  signIn,
} from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

type Client = ReturnType<typeof client>;

const HIDDEN = { suppressed: true, value: null, n: null };
const shown = (value: number | null, n: number) => ({ suppressed: false, value, n });

let ctx: TestContext;
let org: string;
let as: Record<"admin" | "pm" | "sponsor" | "member" | "otherAdmin", Client>;
let pm: MadePerson;
const ids = { big: "", small: "", coaching: "", training: "", draft: "", formula: "" };
let mentees: MadePerson[] = [];
let mentors: MadePerson[] = [];
const [cur, prev] = (() => {
  const months = lastMonths(new Date());
  return [months[11] ?? "", months[10] ?? ""];
})();
const day = (month: string, d: number, time = "09:00:00") =>
  `${month}-${String(d).padStart(2, "0")}T${time}.000Z`;
let activeStart = "";

beforeAll(async () => {
  ctx = await createTestContext();
  const { db } = ctx;
  org = await makeOrganization(db, "Insights");
  const other = await makeOrganization(db, "Elsewhere");
  pm = await makePerson(db, org, { role: "program_manager" });
  const people = {
    admin: await makePerson(db, org, { role: "org_admin" }),
    pm,
    sponsor: await makePerson(db, org, { role: "sponsor" }),
    member: await makePerson(db, org),
    otherAdmin: await makePerson(db, other, { role: "org_admin" }),
  };
  as = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(async ([k, p]) => [k, client(ctx.app, await signIn(ctx.app, p.email))]),
    ),
  );

  // A leadership-track mentoring program: 12 mentees (Sales 5, Ops 4, Legal 3), 7 mentors.
  ids.big = await makeProgram(db, org, pm.id, { kind: "mentoring", name: "Leaders", leadershipTrack: true });
  const spread = [
    ...Array.from({ length: 5 }, () => ({ department: "Sales", seniority: 2 })),
    ...Array.from({ length: 4 }, () => ({ department: "Ops", seniority: 3 })),
    ...Array.from({ length: 3 }, () => ({ department: "Legal", seniority: 4 })),
  ];
  mentees = [];
  for (const [i, s] of spread.entries())
    mentees.push(await makePerson(db, org, { ...s, name: `Mentee ${i}` }));
  mentors = [];
  for (let i = 0; i < 7; i++)
    mentors.push(await makePerson(db, org, { department: "Engineering", seniority: 6, name: `Mentor ${i}` }));
  for (const m of mentees) await enrolAt(db, org, ids.big, m.id, "mentee", day(prev, 1));
  for (const m of mentors) await enrolAt(db, org, ids.big, m.id, "mentor", day(prev, 1));
  activeStart = `${prev}-12`;
  const rels: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const i = k - 1;
    const completed = i >= 7;
    rels.push(
      await relationshipAt(db, org, ids.big, {
        mentorId: (mentors[i % 7] as MadePerson).id,
        menteeId: (mentees[i] as MadePerson).id,
        status: completed ? "completed" : "active",
        createdAt: day(prev, 1 + k),
        startDate: activeStart,
        plannedEndDate: "2099-01-01",
        endedAt: completed ? day(cur, 1, "00:00:02") : null,
      }),
    );
  }
  for (const [i, rel] of rels.slice(0, 7).entries()) {
    const author = (mentees[i] as MadePerson).id;
    await meetingOn(db, org, rel, author, dateDaysAgo(3));
    await meetingOn(db, org, rel, author, dateDaysAgo(5));
  }
  for (const [i, score] of [4, 4, 4, 5, 5, 5].entries())
    await checkinAt(
      db,
      org,
      rels[i] as string,
      (mentees[i] as MadePerson).id,
      score,
      day(cur, 1, "00:00:01"),
      2,
    );
  await checkinAt(db, org, rels[0] as string, (mentees[0] as MadePerson).id, 2, day(prev, 20));
  await checkinAt(db, org, rels[1] as string, (mentees[1] as MadePerson).id, 3, day(prev, 20));

  // A small mentoring program: three mentees, matched and checking in.
  ids.small = await makeProgram(db, org, pm.id, { kind: "mentoring", name: "Small circle" });
  for (const [i, score] of [5, 5, 4].entries()) {
    const mentee = await makePerson(db, org, { department: "Sales", seniority: 1 });
    await enrolAt(db, org, ids.small, mentee.id, "mentee", daysAgo(20));
    const rel = await relationshipAt(db, org, ids.small, {
      mentorId: (mentors[i] as MadePerson).id,
      menteeId: mentee.id,
      status: "active",
      createdAt: daysAgo(18 - i),
      startDate: dateDaysAgo(18 - i),
    });
    await checkinAt(db, org, rel, mentee.id, score, daysAgo(1));
  }

  // Coaching: six engagements (five delegation, one feedback), the first coachee a mentee of Leaders.
  ids.coaching = await makeProgram(db, org, pm.id, { kind: "coaching", name: "Coaching for leads" });
  const coach = await makePerson(db, org);
  for (let i = 0; i < 6; i++) {
    const coachee = i === 0 ? (mentees[0] as MadePerson) : await makePerson(db, org, { department: "Ops" });
    await engagementWith(db, org, ids.coaching, {
      coacheeId: coachee.id,
      coachId: coach.id,
      sponsorId: people.sponsor.id,
      status: i === 5 ? "completed" : "active",
      closedAt: i === 5 ? day(cur, 1, "00:00:03") : null,
      value: i < 4 ? 5 : 10,
      held: 2,
      budget: 4,
      theme: i === 5 ? "feedback" : "delegation",
      createdAt: day(prev, 3),
      startDate: `${prev}-04`,
    });
  }

  // Training: seven trainees, five completed (four certified), one still in, one withdrawn.
  ids.training = await makeProgram(db, org, pm.id, { kind: "training", name: "Managing well" });
  const cohort = await cohortOf(db, org, ids.training, pm.id);
  for (let i = 0; i < 7; i++) {
    const trainee = i === 0 ? (mentees[0] as MadePerson) : await makePerson(db, org, { department: "Legal" });
    await traineeIn(db, org, cohort, {
      personId: trainee.id,
      status: i === 6 ? "withdrawn" : "enrolled",
      createdAt: day(prev, 5),
      completedAt: i < 5 ? day(cur, 1, "00:00:04") : null,
      certified: i < 4,
      attendance: i === 6 ? "absent" : i === 5 ? "late" : "present",
      by: pm.id,
    });
  }

  ids.draft = await makeProgram(db, org, pm.id, { kind: "mentoring", status: "draft", name: "Draft" });
  ids.formula = await makeProgram(db, org, pm.id, { kind: "training", name: '=HYPERLINK("http://x")' });
});
afterAll(() => ctx.close());

describe("who sees analytics", () => {
  const routes = () => [
    "/api/analytics/organization",
    "/api/analytics/organization/export.csv",
    `/api/analytics/programs/${ids.big}`,
    `/api/analytics/programs/${ids.big}/export.csv`,
  ];

  it("org admins, program managers and sponsors get the aggregates; members are refused", async () => {
    for (const path of routes()) {
      for (const who of ["admin", "pm", "sponsor"] as const)
        expect((await as[who].get(path)).status, `${who} ${path}`).toBe(200);
      const refused = await as.member.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe("auth.forbidden");
    }
  });

  it("another organization's program answers 404, and their organization view holds nothing of ours", async () => {
    expect((await as.otherAdmin.get(`/api/analytics/programs/${ids.big}`)).status).toBe(404);
    expect((await as.otherAdmin.get(`/api/analytics/programs/${ids.big}/export.csv`)).status).toBe(404);
    const theirs = await as.otherAdmin.get("/api/analytics/organization");
    expect(theirs.status).toBe(200);
    expect(theirs.body.programCount).toBe(0);
    const theirPrograms = await as.otherAdmin.get("/api/analytics/organization/programs");
    expect(theirPrograms.body).toMatchObject({ items: [], nextCursor: null, total: 0 });
    expect(theirs.body.participants).toEqual(shown(0, 0));
    expect(theirs.body.departments).toEqual([]);
  });

  it("a sponsor sees published programs only: a draft answers 404 and is left out of the organization view", async () => {
    expect((await as.sponsor.get(`/api/analytics/programs/${ids.draft}`)).status).toBe(404);
    expect((await as.pm.get(`/api/analytics/programs/${ids.draft}`)).status).toBe(200);
    const sponsorView = await as.sponsor.get("/api/analytics/organization/programs?limit=200");
    expect(sponsorView.body.items.map((p: { id: string }) => p.id)).not.toContain(ids.draft);
    expect((await as.sponsor.get("/api/analytics/organization")).body.programCount).toBe(
      sponsorView.body.total,
    );
    const pmView = await as.pm.get("/api/analytics/organization/programs?limit=200");
    expect(pmView.body.items.map((p: { id: string }) => p.id)).toContain(ids.draft);
    expect(pmView.body.total).toBe(sponsorView.body.total + 1);
  });

  it("the succession view is for program managers and org admins only", async () => {
    expect((await as.admin.get("/api/analytics/succession")).status).toBe(200);
    expect((await as.pm.get("/api/analytics/succession")).status).toBe(200);
    expect((await as.sponsor.get("/api/analytics/succession")).status).toBe(403);
    expect((await as.member.get("/api/analytics/succession")).status).toBe(403);
  });

  it("an unknown or malformed program id", async () => {
    expect((await as.pm.get("/api/analytics/programs/0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10")).status).toBe(
      404,
    );
    expect((await as.pm.get("/api/analytics/programs/not-an-id")).status).toBe(400);
  });
});

describe("mentoring program analytics", () => {
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  let a: any;
  beforeAll(async () => {
    const res = await as.sponsor.get(`/api/analytics/programs/${ids.big}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    a = res.body;
  });

  it("participation: states under 5 are withheld, and shown ones only while the hidden ones add up to 5", () => {
    expect(a.program).toMatchObject({ id: ids.big, kind: "mentoring", leadershipTrack: true });
    expect(a.minGroupSize).toBe(5);
    expect(a.participation).toEqual({
      enrolled: shown(12, 12),
      waiting: HIDDEN,
      active: shown(7, 7),
      completed: HIDDEN,
      dropped: shown(0, 0),
    });
  });

  it("a department of 4 is withheld and one of 5 shown; the same for seniority levels", () => {
    expect(a.departments).toEqual([
      { key: "Legal", figure: HIDDEN },
      { key: "Ops", figure: HIDDEN },
      { key: "Sales", figure: shown(5, 5) },
    ]);
    expect(a.seniority).toEqual([
      { key: "2", figure: shown(5, 5) },
      { key: "3", figure: HIDDEN },
      { key: "4", figure: HIDDEN },
    ]);
  });

  it("time to match, meeting frequency, mentors, satisfaction", () => {
    const d = a.details;
    expect(d.kind).toBe("mentoring");
    expect(d.mentors).toEqual(shown(7, 7));
    expect(d.activeRelationships).toEqual(shown(7, 7));
    expect(d.timeToMatchDays).toEqual({ median: shown(5.5, 10), p90: shown(9.1, 10) });
    const rate = Math.round(meetingsPerMonth(activeStart, 2, new Date()) * 100) / 100;
    expect(d.meetingsPerMonth).toEqual(shown(rate, 7));
    expect(d.satisfaction.mean).toEqual(shown(4, 6));
    expect(d.satisfaction.scores).toEqual([
      { score: 1, figure: shown(0, 0) },
      { score: 2, figure: HIDDEN },
      { score: 3, figure: HIDDEN },
      { score: 4, figure: HIDDEN },
      { score: 5, figure: HIDDEN },
    ]);
  });

  it("twelve months of trends, each point withheld below 5 people", () => {
    expect(a.trends).toHaveLength(12);
    expect(a.trends[11].month).toBe(cur);
    const last = a.trends[11];
    const before = a.trends[10];
    expect(before).toMatchObject({
      month: prev,
      newParticipants: shown(12, 12),
      started: shown(10, 10),
      completed: shown(0, 0),
      satisfaction: HIDDEN,
    });
    expect(last).toMatchObject({
      newParticipants: shown(0, 0),
      started: shown(0, 0),
      completed: HIDDEN,
      satisfaction: shown(4.5, 6),
    });
    expect(a.trends[0].satisfaction).toEqual(shown(null, 0));
  });
});

describe("small groups", () => {
  it("a program of 3 participants withholds satisfaction, time to match and its counts", async () => {
    const res = await as.pm.get(`/api/analytics/programs/${ids.small}`);
    expect(res.status).toBe(200);
    const { participation, details, departments, trends } = res.body;
    expect(participation.enrolled).toEqual(HIDDEN);
    expect(participation.active).toEqual(HIDDEN);
    expect(details.satisfaction.mean).toEqual(HIDDEN);
    expect(details.timeToMatchDays).toEqual({ median: HIDDEN, p90: HIDDEN });
    expect(details.meetingsPerMonth).toEqual(HIDDEN);
    expect(departments).toEqual([{ key: "Sales", figure: HIDDEN }]);
    for (const t of trends) {
      for (const f of [t.newParticipants, t.started, t.completed, t.satisfaction])
        expect(f.suppressed || f.n === 0, JSON.stringify(t)).toBe(true);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/"n":[1-4]\b/);
  });
});

describe("coaching and training program analytics", () => {
  it("coaching: objective progress overall and by theme, sessions held, budget use", async () => {
    const res = await as.sponsor.get(`/api/analytics/programs/${ids.coaching}`);
    expect(res.status).toBe(200);
    expect(res.body.participation).toEqual({
      enrolled: shown(6, 6),
      waiting: shown(0, 0),
      active: HIDDEN,
      completed: HIDDEN,
      dropped: shown(0, 0),
    });
    expect(res.body.details).toEqual({
      kind: "coaching",
      objectiveProgress: shown(0.667, 6),
      progressByTheme: [
        { theme: "delegation", figure: shown(0.6, 5) },
        { theme: "feedback", figure: HIDDEN },
      ],
      sessionsHeldPerEngagement: shown(2, 6),
      budgetUse: shown(0.5, 6),
    });
    expect(res.body.trends[10].started).toEqual(shown(6, 6));
  });

  it("training: completion, certification and attendance rates", async () => {
    const res = await as.pm.get(`/api/analytics/programs/${ids.training}`);
    expect(res.status).toBe(200);
    expect(res.body.participation.enrolled).toEqual(shown(7, 7));
    expect(res.body.participation.completed).toEqual(HIDDEN);
    expect(res.body.details).toEqual({
      kind: "training",
      completionRate: shown(0.714, 7),
      certificationRate: shown(0.571, 7),
      attendanceRate: shown(0.857, 7),
    });
    expect(res.body.trends[11].completed).toEqual(shown(5, 5));
  });
});

describe("organization analytics", () => {
  it("covers every kind, each program's participants, and the departments across programs", async () => {
    const res = await as.admin.get("/api/analytics/organization");
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.kinds.map((k: { kind: string }) => k.kind)).toEqual(["mentoring", "coaching", "training"]);
    const mentoring = a.kinds[0];
    // Leaders (12) is shown, as on its own page; Small circle (3) is withheld, and so is the mentoring
    // total (15), which would give the 3 away.
    expect(mentoring.participation.enrolled).toEqual(HIDDEN);
    expect(mentoring.details.timeToMatchDays.median.n).toBe(13);
    expect(mentoring.programs).toBe(3);
    expect(a).not.toHaveProperty("programs");
    expect(a).not.toHaveProperty("allDepartments");
    const list = await as.admin.get("/api/analytics/organization/programs?limit=200");
    expect(a.programCount).toBe(list.body.total);
    const byId = Object.fromEntries(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect(byId[ids.big].participants).toEqual(shown(12, 12));
    expect(byId[ids.small].participants).toEqual(HIDDEN);
    expect(byId[ids.draft].participants).toEqual(shown(0, 0));
    expect(a.kinds[1].participation.enrolled).toEqual(shown(6, 6));
    expect(byId[ids.coaching].participants).toEqual(shown(6, 6));
    // The 26 people taking part are withheld too, with Small circle's 3 withheld from the programs.
    expect(a.participants).toEqual(HIDDEN);
    // Mentee 0 (Sales) is also a coachee and a trainee: counted once across kinds.
    const sales = a.departments.find((b: { key: string }) => b.key === "Sales");
    expect(sales.figure).toEqual(shown(8, 8));
  });
});

describe("the organization's programs, a page at a time", () => {
  it("pages by name with a cursor, searches by name, and refuses a bad cursor or a page over 200", async () => {
    const all = await as.admin.get("/api/analytics/organization/programs?limit=200");
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const names: string[] = all.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as.admin.get(
        `/api/analytics/organization/programs?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(all.body.total);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((p: { id: string }) => p.id));
    const found = await as.admin.get("/api/analytics/organization/programs?q=leaders");
    expect(found.body).toMatchObject({
      total: 1,
      nextCursor: null,
      items: [{ id: ids.big, name: "Leaders" }],
    });
    expect((await as.admin.get("/api/analytics/organization/programs?limit=201")).status).toBe(400);
    expect((await as.admin.get("/api/analytics/organization/programs?cursor=bad")).status).toBe(400);
    expect((await as.member.get("/api/analytics/organization/programs")).status).toBe(403);
  });
});

describe("many departments", () => {
  let asAdmin: Client;
  const programs = { p: "", q: "" };
  beforeAll(async () => {
    const { db } = ctx;
    const many = await makeOrganization(db, "Many departments");
    const admin = await makePerson(db, many, { role: "org_admin" });
    asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
    programs.p = await makeProgram(db, many, admin.id, { kind: "mentoring", name: "P" });
    programs.q = await makeProgram(db, many, admin.id, { kind: "mentoring", name: "Q" });
    const people = async (department: string, count: number) => {
      const made: string[] = [];
      for (let i = 0; i < count; i++) made.push((await makePerson(db, many, { department })).id);
      return made;
    };
    const at = daysAgo(30);
    const enrol = async (programId: string, ids: string[]) => {
      for (const id of ids) await enrolAt(db, many, programId, id, "mentee", at);
    };
    // 19 departments of 6 in both programs; P also has Small A and Small B (5 each), Q Small A and Tiny (2).
    for (let d = 1; d <= 19; d++) {
      const big = await people(`Big ${String(d).padStart(2, "0")}`, 6);
      await enrol(programs.p, big);
      await enrol(programs.q, big);
    }
    const smallA = await people("Small A", 5);
    await enrol(programs.p, smallA);
    await enrol(programs.q, smallA);
    await enrol(programs.p, await people("Small B", 5));
    await enrol(programs.q, await people("Tiny", 2));
  });

  it("shows the 19 largest by name and folds the rest into Other departments, shown when none of them is withheld", async () => {
    const res = await asAdmin.get(`/api/analytics/programs/${programs.p}`);
    expect(res.status).toBe(200);
    const { departments } = res.body;
    expect(departments).toHaveLength(20);
    expect(departments.slice(0, 19).map((b: { key: string }) => b.key)).toEqual(
      Array.from({ length: 19 }, (_, i) => `Big ${String(i + 1).padStart(2, "0")}`),
    );
    expect(
      departments
        .slice(0, 19)
        .every((b: { figure: unknown }) => JSON.stringify(b.figure) === JSON.stringify(shown(6, 6))),
    ).toBe(true);
    expect(departments[19]).toEqual({ key: "Other departments", figure: shown(10, 10), others: 2 });
    // The CSV keeps every department.
    const csv = (await asAdmin.get(`/api/analytics/programs/${programs.p}/export.csv`)).body as string;
    expect(csv).toContain("departments,mentoring,participants,Small A,,5,5");
    expect(csv).toContain("departments,mentoring,participants,Small B,,5,5");
    expect(csv).not.toContain("Other departments");
  });

  it("withholds Other departments when a department it folds is withheld, so the CSV gives nothing away", async () => {
    const res = await asAdmin.get(`/api/analytics/programs/${programs.q}`);
    const { departments } = res.body;
    expect(departments).toHaveLength(20);
    expect(departments[19]).toEqual({ key: "Other departments", figure: HIDDEN, others: 2 });
    // Tiny (2) is withheld, and so is Small A (5), the smallest shown, while the withheld add up to fewer than 5.
    const csv = (await asAdmin.get(`/api/analytics/programs/${programs.q}/export.csv`)).body as string;
    expect(csv).toContain("departments,mentoring,participants,Tiny,,suppressed (<5),");
    expect(csv).toContain("departments,mentoring,participants,Small A,,suppressed (<5),");

    const org = (await asAdmin.get("/api/analytics/organization")).body;
    for (const breakdown of [org.departments, org.kinds[0].departments]) {
      expect(breakdown).toHaveLength(20);
      expect(breakdown[19]).toEqual({ key: "Other departments", figure: HIDDEN, others: 3 });
    }
    expect(org.kinds[1].departments).toEqual([]);
    const orgCsv = (await asAdmin.get("/api/analytics/organization/export.csv")).body as string;
    expect(orgCsv).toContain("departments,,participants,Small B,,5,5");
    expect(orgCsv).toContain("departments,,participants,Tiny,,suppressed (<5),");
  });
});

describe("CSV export", () => {
  it("a program's figures as an attachment, withheld values written as such", async () => {
    const res = await as.sponsor.get(`/api/analytics/programs/${ids.big}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="analytics-leaders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (res.body as string).split("\r\n");
    expect(lines[0]).toBe("section,kind,metric,group,period,value,n");
    expect(lines).toContain("departments,mentoring,participants,Sales,,5,5");
    expect(lines).toContain("departments,mentoring,participants,Ops,,suppressed (<5),");
    expect(lines).toContain("mentoring,mentoring,time_to_match_median_days,,,5.5,10");
    expect(lines).toContain(`trends,mentoring,satisfaction_mean,,${cur},4.5,6`);
    expect(lines.at(-1)).toBe("");
  });

  it("the organization's, with a program name that looks like a formula neutralized", async () => {
    const res = await as.admin.get("/api/analytics/organization/export.csv");
    expect(res.status).toBe(200);
    const text = res.body as string;
    expect(text).toContain(`programs,training,participants,"'=HYPERLINK(""http://x"")",,0,0`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(text).toContain("participation,,participants,,,suppressed (<5),");
  });
});

describe("succession", () => {
  it("lists the leadership-track mentees with their relationship, recent meetings, certificates and coaching", async () => {
    const res = await as.pm.get("/api/analytics/succession");
    expect(res.status).toBe(200);
    const items = res.body.items;
    expect(items).toHaveLength(12);
    expect(items.every((r: { program: { id: string } }) => r.program.id === ids.big)).toBe(true);
    const first = items.find((r: { person: { name: string } }) => r.person.name === "Mentee 0");
    expect(first).toMatchObject({
      person: { name: "Mentee 0", department: "Sales", seniority: 2 },
      mentor: { name: "Mentor 0" },
      status: "active",
      startDate: activeStart,
      meetingsLast90Days: 2,
    });
    expect(first.monthsInRelationship).toBeGreaterThan(0);
    expect(first.certificates).toHaveLength(1);
    expect(first.coaching).toHaveLength(1);
    expect(first.coaching[0]).toMatchObject({ status: "active", averageProgress: 0.5 });
    expect(first.coaching[0].objectives[0]).toMatchObject({ theme: "delegation", progress: 0.5 });
    const waiting = items.filter((r: { status: string }) => r.status === "waiting");
    expect(waiting).toHaveLength(2);
    expect(waiting[0].mentor).toBeNull();
    expect(items.filter((r: { status: string }) => r.status === "completed")).toHaveLength(3);
  });

  it("pages in each order with a cursor, each mentee once, and filters by program", async () => {
    type Row = {
      id: string;
      person: { name: string; seniority: number | null };
      monthsInRelationship: number | null;
      meetingsLast90Days: number;
    };
    const monotone: Record<string, (a: Row, b: Row) => boolean> = {
      name: (a, b) => a.person.name <= b.person.name,
      seniority: (a, b) => (a.person.seniority ?? -1) >= (b.person.seniority ?? -1),
      months: (a, b) => (a.monthsInRelationship ?? -1) >= (b.monthsInRelationship ?? -1),
      meetings: (a, b) => a.meetingsLast90Days <= b.meetingsLast90Days,
    };
    for (const [sort, inOrder] of Object.entries(monotone)) {
      const all = (await as.pm.get(`/api/analytics/succession?sort=${sort}&limit=200`)).body;
      expect(all.total).toBe(12);
      expect(all.programs).toEqual([{ id: ids.big, name: "Leaders" }]);
      const rows = all.items as Row[];
      expect(
        rows.slice(1).every((r, i) => inOrder(rows[i] as Row, r)),
        sort,
      ).toBe(true);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await as.pm.get(
          `/api/analytics/succession?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(12);
        paged.push(...page.body.items.map((r: Row) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(rows.map((r) => r.id));
    }
    const none = await as.pm.get(`/api/analytics/succession?programId=${ids.small}`);
    expect(none.body).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect((await as.pm.get("/api/analytics/succession?cursor=e30")).status).toBe(400);
  });
});

describe("no confidential field feeds analytics (canary)", () => {
  const CANARY = `canary-${crypto.randomUUID()}`;
  let canaryCtx: { mentoring: string; coaching: string; admin: Client; pm: Client; sponsor: Client };

  beforeAll(async () => {
    const { db } = ctx;
    const canaryOrg = await makeOrganization(db, "Canary");
    const mk = (spec = {}) => makePerson(db, canaryOrg, spec);
    const people = {
      admin: await mk({ role: "org_admin" }),
      pm: await mk({ role: "program_manager" }),
      sponsor: await mk({ role: "sponsor" }),
      mentor: await mk({ seniority: 5 }),
      mentee: await mk({ seniority: 1, department: "Sales" }),
      coach: await mk(),
    };
    const c = Object.fromEntries(
      await Promise.all(
        Object.entries(people).map(async ([k, p]) => [k, client(ctx.app, await signIn(ctx.app, p.email))]),
      ),
    ) as Record<keyof typeof people, Client>;
    const mentoring = await makeProgram(db, canaryOrg, people.pm.id, {
      kind: "mentoring",
      leadershipTrack: true,
    });
    await c.mentor.post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} });
    await c.mentee.post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} });
    const request = await c.mentee.post(`/api/programs/${mentoring}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: `Request: ${CANARY}`,
    });
    const rel = (await c.mentor.post(`/api/mentoring/requests/${request.body.id}/accept`)).body
      .relationshipId;
    const base = `/api/mentoring/relationships/${rel}`;
    await c.mentee.put(`${base}/agreement`, {
      goals: `Agreed goals: ${CANARY}`,
      cadence: `Cadence ${CANARY}`,
      channel: "Call",
      confidentiality: `Between us ${CANARY}`,
      durationMonths: 6,
    });
    await c.mentee.post(`${base}/agreement/sign`);
    await c.mentor.post(`${base}/agreement/sign`);
    await db
      .updateTable("mentoring_relationship")
      .set({ start_date: dateDaysAgo(200) })
      .where("id", "=", rel)
      .execute();
    const writes = [
      await c.mentee.post(`${base}/journal`, { text: `Journal: ${CANARY}` }),
      await c.mentor.post(`${base}/meetings`, {
        metOn: dateDaysAgo(2),
        durationMinutes: 30,
        topics: [`Topic ${CANARY}`],
        notes: `Notes: ${CANARY}`,
      }),
      await c.mentee.post(`${base}/goals`, {
        title: `Goal ${CANARY}`,
        category: "career",
        milestones: [{ title: `Milestone ${CANARY}` }],
      }),
      await c.mentee.post(`${base}/checkins`, {
        satisfaction: 4,
        learned: `Learned ${CANARY}`,
        wouldChange: `Change ${CANARY}`,
      }),
      await c.mentee.post(`${base}/end`, { reason: `Private reason: ${CANARY}` }),
      await c.mentor.post(`${base}/reflection`, { text: `Reflection: ${CANARY}`, rating: 4 }),
    ];
    for (const w of writes) expect(w.status, JSON.stringify(w.body)).toBeLessThan(300);

    await addCoach(c.pm, people.coach.id);
    const coaching = await makeProgram(db, canaryOrg, people.pm.id, { kind: "coaching" });
    const engagement = await activeEngagement(
      {
        manager: c.pm,
        sponsor: c.sponsor,
        coach: c.coach,
        coachee: c.mentee,
        coachId: people.coach.id,
        coacheeId: people.mentee.id,
      },
      coaching,
    );
    const session = await scheduleAt(c.coach, engagement.id, 3);
    const held = await c.coach.post(
      `/api/coaching/engagements/${engagement.id}/sessions/${session}/record`,
      heldBody({
        goal: growNote(`Goal: ${CANARY}`, "coach_private"),
        reality: growNote(`Reality: ${CANARY}`),
        options: growNote(`Options: ${CANARY}`),
        will: growNote(`Will: ${CANARY}`),
        privateNotes: `Private notes: ${CANARY}`,
        actions: [{ text: `Action ${CANARY}`, dueDate: dateDaysAgo(-3) }],
      }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    // Were a query to select a content column, plaintext there would show up: put the canary in every one.
    const plain = `Plain ${CANARY}`;
    await db.updateTable("mentoring_journal_entry").set({ content: plain }).execute();
    await db.updateTable("mentoring_meeting").set({ content: plain }).execute();
    await db.updateTable("mentoring_closure").set({ content: plain }).execute();
    await db
      .updateTable("coaching_session")
      .set({
        goal: plain,
        reality: plain,
        options: plain,
        will: plain,
        private_notes: plain,
        sponsor_summary: plain,
      })
      .where("engagement_id", "=", engagement.id)
      .execute();
    await db
      .updateTable("coaching_engagement")
      .set({ focus: plain })
      .where("id", "=", engagement.id)
      .execute();
    canaryCtx = { mentoring, coaching, admin: c.admin, pm: c.pm, sponsor: c.sponsor };
  });

  it("appears in no analytics JSON or CSV response, for anyone", async () => {
    const { mentoring, coaching } = canaryCtx;
    const paths = [
      "/api/analytics/organization",
      "/api/analytics/organization/export.csv",
      `/api/analytics/programs/${mentoring}`,
      `/api/analytics/programs/${mentoring}/export.csv`,
      `/api/analytics/programs/${coaching}`,
      `/api/analytics/programs/${coaching}/export.csv`,
    ];
    for (const who of [canaryCtx.admin, canaryCtx.pm, canaryCtx.sponsor]) {
      for (const path of paths) {
        const res = await who.get(path);
        expect(res.status, path).toBe(200);
        const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
        expect(text, path).not.toContain(CANARY);
      }
    }
    for (const who of [canaryCtx.admin, canaryCtx.pm]) {
      const res = await who.get("/api/analytics/succession");
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({ status: "ended_early", meetingsLast90Days: 1 });
      expect(JSON.stringify(res.body)).not.toContain(CANARY);
    }
  });
});
