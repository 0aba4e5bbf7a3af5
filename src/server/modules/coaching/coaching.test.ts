import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/ids.ts";
import {
  activeEngagement,
  addCoach,
  type CoachingParties,
  dateDaysAgo,
  daysAgo,
  growNote,
  heldBody,
  OBJECTIVES,
  scheduleAt,
} from "../../testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";

type Client = ReturnType<typeof client>;

let ctx: TestContext;
let org: string;
let programId: string;
let manager: Client;
let sponsor: Client;
let sponsorId: string;
let member: Client;
let queries = 0;

async function person(spec: Parameters<typeof makePerson>[2] = {}) {
  const p = await makePerson(ctx.db, org, spec);
  return { id: p.id, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

/** A fresh coach (in the pool) and coachee, so that each test starts from its own engagement. */
async function parties(capacity = 5): Promise<CoachingParties> {
  const coach = await person({ department: "People" });
  const coachee = await person({ department: "Engineering" });
  await addCoach(manager, coach.id, capacity);
  return { manager, sponsor, coach: coach.as, coachee: coachee.as, coachId: coach.id, coacheeId: coachee.id };
}

beforeAll(async () => {
  // No background worker (its polling would count in the queries measured below; notices are drained), and
  // no read cache (a read it answers runs no queries).
  ctx = await createTestContext({
    onQuery: () => void queries++,
    backgroundJobs: false,
    env: { READ_CACHE: "off" },
  });
  org = await makeOrganization(ctx.db);
  const pm = await person({ role: "program_manager" });
  manager = pm.as;
  const sp = await person({ role: "sponsor" });
  sponsor = sp.as;
  sponsorId = sp.id;
  member = (await person()).as;
  programId = await makeProgram(ctx.db, org, pm.id, { kind: "coaching" });
});
afterAll(() => ctx.close());

describe("coach pool and shortlist", () => {
  it("program staff keep the pool; sponsors read it; members may not", async () => {
    const coach = await person();
    expect(
      (
        await member.put(`/api/coaching/coaches/${coach.id}`, {
          kind: "external",
          specialties: [],
          languages: ["English"],
          capacity: 2,
        })
      ).status,
    ).toBe(403);
    const saved = await manager.put(`/api/coaching/coaches/${coach.id}`, {
      kind: "external",
      specialties: ["Executive presence"],
      languages: ["English", "French"],
      capacity: 2,
      bio: "Former COO",
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: "external", capacity: 2, openEngagements: 0, active: true });
    const list = await sponsor.get("/api/coaching/coaches");
    expect(list.body.items.map((c: { person: { id: string } }) => c.person.id)).toContain(coach.id);
    expect((await member.get("/api/coaching/coaches")).status).toBe(403);
    const bad = await manager.put(`/api/coaching/coaches/${coach.id}`, {
      kind: "x",
      specialties: [],
      languages: [],
      capacity: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
  });

  it("ranks coaches on the focus areas and excludes one in the coachee's reporting line", async () => {
    const boss = await person({ seniority: 5 });
    const coachee = await person({ managerId: boss.id });
    const fit = await person();
    const other = await person();
    await manager.put(`/api/coaching/coaches/${fit.id}`, {
      kind: "internal",
      specialties: ["Negotiation"],
      languages: ["English"],
      capacity: 3,
    });
    await manager.put(`/api/coaching/coaches/${other.id}`, {
      kind: "internal",
      specialties: ["Public speaking"],
      languages: ["English"],
      capacity: 3,
    });
    await manager.put(`/api/coaching/coaches/${boss.id}`, {
      kind: "internal",
      specialties: ["Negotiation"],
      languages: ["English"],
      capacity: 3,
    });
    const res = await sponsor.get(
      `/api/programs/${programId}/coaching/shortlist?coacheeId=${coachee.id}&focus=Negotiation`,
    );
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { coach: { person: { id: string } } }) => i.coach.person.id);
    expect(ids.indexOf(fit.id)).toBeLessThan(ids.indexOf(other.id));
    const bossItem = res.body.items.find(
      (i: { coach: { person: { id: string } } }) => i.coach.person.id === boss.id,
    );
    expect(bossItem.excluded[0].code).toBe("reporting_line");
    expect(bossItem.excluded[0].reason).toMatch(/coaching/);
    expect(ids.at(-1)).toBe(boss.id);
  });
});

describe("assignment", () => {
  it("a sponsor assigns and becomes the sponsor; defaults are 6 sessions over 3 months", async () => {
    const p = await parties();
    const res = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coacheeId,
      coachId: p.coachId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: "setup",
      viewer: "sponsor",
      sponsor: { id: sponsorId },
      budget: { total: 6, used: 0 },
    });
    const start = new Date(`${res.body.startDate}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() + 3);
    expect(res.body.endDate.slice(0, 7)).toBe(start.toISOString().slice(0, 7));
    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const subjects = ctx.smtp.inbox.map((m) => m.subject);
    expect(subjects).toContain("You have been assigned a coach");
    expect(subjects).toContain("A new coaching engagement");
    const again = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coacheeId,
      coachId: p.coachId,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("coaching.already_engaged");
  });

  it("a program manager must name a sponsor with the sponsor role", async () => {
    const p = await parties();
    const none = await manager.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coacheeId,
      coachId: p.coachId,
    });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe("coaching.sponsor_required");
    const wrong = await manager.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coacheeId,
      coachId: p.coachId,
      sponsorId: p.coacheeId,
    });
    expect(wrong.body.error.code).toBe("coaching.not_a_sponsor");
    const ok = await manager.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coacheeId,
      coachId: p.coachId,
      sponsorId,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.viewer).toBe("manager");
  });

  it("refuses a coach at capacity, a coach who is the coachee, and members", async () => {
    const p = await parties(1);
    expect(
      (
        await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
          coacheeId: p.coacheeId,
          coachId: p.coachId,
        })
      ).status,
    ).toBe(201);
    const second = await person();
    const full = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: second.id,
      coachId: p.coachId,
    });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("coaching.coach_at_capacity");
    const self = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: p.coachId,
      coachId: p.coachId,
    });
    expect(self.body.error.code).toBe("coaching.conflict_of_roles");
    const notCoach = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: second.id,
      coachId: second.id,
    });
    expect(notCoach.status).toBe(422);
    expect(
      (
        await member.post(`/api/programs/${programId}/coaching/engagements`, {
          coacheeId: second.id,
          coachId: p.coachId,
        })
      ).status,
    ).toBe(403);
    const both = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: second.id,
    });
    expect(both.status).toBe(400);
  });

  it("a chemistry call: the coachee picks one of up to three proposed coaches", async () => {
    const coachee = await person();
    const coaches = [await person(), await person(), await person()];
    for (const c of coaches) await addCoach(manager, c.id);
    const four = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: coachee.id,
      proposedCoachIds: [...coaches.map((c) => c.id), (await person()).id],
    });
    expect(four.status).toBe(400);
    const res = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: coachee.id,
      proposedCoachIds: coaches.map((c) => c.id),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.coach).toBeNull();
    const id = res.body.id;
    const seen = await coachee.as.get(`/api/coaching/engagements/${id}`);
    expect(seen.body.proposedCoaches).toHaveLength(3);
    expect((await coachee.as.get("/api/coaching/engagements")).body.items[0].awaitingMe).toContain(
      "choose_coach",
    );
    expect((await sponsor.post(`/api/coaching/engagements/${id}/objectives/agree`)).body.error.code).toBe(
      "coaching.no_coach",
    );
    expect(
      (await sponsor.post(`/api/coaching/engagements/${id}/choose-coach`, { coachId: coaches[0]?.id }))
        .status,
    ).toBe(403);
    const stranger = await coachee.as.post(`/api/coaching/engagements/${id}/choose-coach`, {
      coachId: coachee.id,
    });
    expect(stranger.body.error.code).toBe("coaching.not_proposed");
    const chosen = await coachee.as.post(`/api/coaching/engagements/${id}/choose-coach`, {
      coachId: coaches[1]?.id,
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.coach.id).toBe(coaches[1]?.id);
    expect((await coaches[1]?.as.get(`/api/coaching/engagements/${id}`))?.body.viewer).toBe("coach");
    expect((await coaches[0]?.as.get(`/api/coaching/engagements/${id}`))?.status).toBe(404);
  });
});

describe("objectives", () => {
  it("1 to 5 measurable objectives, agreed by coachee, coach and sponsor; any change asks again", async () => {
    const p = await parties();
    const id = (
      await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
        coacheeId: p.coacheeId,
        coachId: p.coachId,
      })
    ).body.id;
    const path = `/api/coaching/engagements/${id}/objectives`;
    expect((await p.coach.put(path, { objectives: [] })).status).toBe(400);
    expect((await p.coach.put(path, { objectives: Array(6).fill(OBJECTIVES[0]) })).status).toBe(400);
    const flat = await p.coach.put(path, { objectives: [{ ...OBJECTIVES[0], target: 10 }] });
    expect(flat.status).toBe(400);
    expect((await manager.put(path, { objectives: OBJECTIVES })).status).toBe(403);
    expect((await p.coach.put(path, { objectives: OBJECTIVES })).status).toBe(200);

    const early = await p.coach.post(`/api/coaching/engagements/${id}/sessions`, {
      scheduledAt: daysAgo(-1),
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("coaching.objectives_not_agreed");

    await p.coachee.post(`${path}/agree`);
    await p.coach.post(`${path}/agree`);
    expect((await p.coachee.put(path, { objectives: [OBJECTIVES[1]] })).status).toBe(200);
    const state = await sponsor.get(`/api/coaching/engagements/${id}`);
    expect(state.body.agreements).toEqual([]);
    for (const who of [p.coachee, p.coach]) await who.post(`${path}/agree`);
    expect((await sponsor.get(`/api/coaching/engagements/${id}`)).body.status).toBe("setup");
    const last = await sponsor.post(`${path}/agree`);
    expect(last.body).toMatchObject({ status: "active" });
    expect(last.body.objectivesAgreedAt).not.toBeNull();
    const locked = await p.coach.put(path, { objectives: OBJECTIVES });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("coaching.objectives_locked");
  });

  it("metric values are dated and feed the progress toward the target", async () => {
    const p = await parties();
    const { id, objectiveIds } = await activeEngagement(p, programId);
    const [planning] = objectiveIds;
    const path = `/api/coaching/engagements/${id}/objectives/${planning}/values`;
    expect((await sponsor.post(path, { value: 6 })).status).toBe(403);
    expect((await p.coachee.post(path, { value: 6, recordedOn: dateDaysAgo(-3) })).body.error.code).toBe(
      "coaching.future_value",
    );
    const res = await p.coachee.post(path, { value: 6, recordedOn: dateDaysAgo(2) });
    expect(res.status).toBe(201);
    const o = res.body.items.find((x: { id: string }) => x.id === planning);
    expect(o).toMatchObject({ baseline: 10, target: 2, latest: 6, progress: 0.5 });
    expect(o.history).toHaveLength(1);
  });
});

describe("GROW sessions", () => {
  it("the journey: pre-assessment first, actions reviewed at the next session, metric values, visibility per field", async () => {
    const p = await parties();
    const { id, objectiveIds } = await activeEngagement(p, programId, { pre: false });
    const base = `/api/coaching/engagements/${id}`;
    const first = await scheduleAt(p.coach, id, 14);
    const noPre = await p.coach.post(`${base}/sessions/${first}/record`, heldBody());
    expect(noPre.status).toBe(409);
    expect(noPre.body.error.code).toBe("coaching.pre_assessment_missing");
    const ratings = objectiveIds.map((objectiveId) => ({ objectiveId, rating: 3 }));
    expect(
      (await p.coachee.put(`${base}/assessments/pre/self`, { ratings: ratings.slice(0, 1) })).body.error.code,
    ).toBe("coaching.ratings_incomplete");
    expect((await p.coach.put(`${base}/assessments/pre/self`, { ratings })).status).toBe(403);
    expect((await p.coachee.put(`${base}/assessments/pre/self`, { ratings })).status).toBe(200);

    const twoSentences = await p.coach.post(
      `${base}/sessions/${first}/record`,
      heldBody({ sponsorSummary: "Good start. Lots to do." }),
    );
    expect(twoSentences.status).toBe(400);

    const held = await p.coach.post(
      `${base}/sessions/${first}/record`,
      heldBody({
        goal: growNote("Shared goal words"),
        reality: growNote("Private reality words", "coach_private"),
        privateNotes: "Coach eyes only",
        sponsorSummary: "A focused first session on delegation.",
        actions: [
          { text: "Hand the planning to Sam", dueDate: dateDaysAgo(7) },
          { text: "Ask two reports for feedback", dueDate: dateDaysAgo(7) },
        ],
        metricValues: [{ objectiveId: objectiveIds[0], value: 8 }],
      }),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    const s1 = held.body.items.find((s: { id: string }) => s.id === first);
    expect(s1).toMatchObject({ number: 1, attendance: "held", privateNotes: "Coach eyes only" });
    expect(s1.reality).toEqual({ text: "Private reality words", visibility: "coach_private" });

    const asCoachee = (await p.coachee.get(`${base}/sessions`)).body.items[0];
    expect(asCoachee.goal.text).toBe("Shared goal words");
    expect(asCoachee.reality).toBeNull();
    expect(asCoachee.privateNotes).toBeNull();
    expect((await p.coachee.put(`${base}/assessments/pre/self`, { ratings })).body.error.code).toBe(
      "coaching.assessment_closed",
    );

    const actions = (await p.coachee.get(`${base}/actions`)).body.items;
    expect(actions).toHaveLength(2);
    const done = await p.coachee.patch(`${base}/actions/${actions[0].id}`, { status: "done" });
    expect(done.status).toBe(200);
    const week = await p.coachee.get("/api/coaching/actions?due=week");
    expect(week.body.items.map((a: { id: string }) => a.id)).toEqual([actions[1].id]);

    const second = await scheduleAt(p.coach, id, 3);
    const unreviewed = await p.coach.post(`${base}/sessions/${second}/record`, heldBody());
    expect(unreviewed.status).toBe(422);
    expect(unreviewed.body.error.code).toBe("coaching.actions_not_reviewed");
    expect(unreviewed.body.error.details.missing.sort()).toEqual(
      actions.map((a: { id: string }) => a.id).sort(),
    );

    const reviewed = await p.coach.post(
      `${base}/sessions/${second}/record`,
      heldBody({
        reviews: [
          { actionId: actions[0].id, outcome: "done", comment: "Sam runs it now" },
          { actionId: actions[1].id, outcome: "partly_done" },
        ],
        metricValues: [{ objectiveId: objectiveIds[0], value: 4 }],
      }),
    );
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    const s2 = reviewed.body.items.find((s: { id: string }) => s.id === second);
    expect(s2.number).toBe(2);
    expect(s2.reviews.map((r: { outcome: string }) => r.outcome).sort()).toEqual(["done", "partly_done"]);
    expect(
      (await p.coachee.patch(`${base}/actions/${actions[1].id}`, { status: "done" })).body.error.code,
    ).toBe("coaching.action_reviewed");

    const summary = await sponsor.get(`${base}/summary`);
    expect(summary.body.budget).toMatchObject({ total: 6, used: 2, booked: 0, remaining: 4 });
    expect(summary.body.attendance).toMatchObject({ held: 2, noShow: 0 });
    expect(summary.body.actions).toMatchObject({
      total: 2,
      reviewed: 2,
      done: 1,
      partlyDone: 1,
      completionRate: 0.75,
    });
    expect(summary.body.objectives[0]).toMatchObject({ latest: 4, progress: 0.75 });
    expect(summary.body.objectives[0].history.map((h: { value: number }) => h.value)).toEqual([8, 4]);
    expect(summary.body.sponsorSummaries).toEqual([
      expect.objectContaining({ session: 1, summary: "A focused first session on delegation." }),
    ]);
    const text = JSON.stringify(summary.body);
    for (const secret of [
      "Shared goal words",
      "Private reality words",
      "Coach eyes only",
      "Hand the planning",
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const viewer of [sponsor, manager]) {
      for (const tail of ["sessions", "actions", "assessments"]) {
        expect((await viewer.get(`${base}/${tail}`)).status, tail).toBe(403);
      }
    }
    expect((await member.get(`${base}/summary`)).status).toBe(404);
  });

  it("the budget cannot be exceeded without an amendment; a no-show uses a session, a reschedule does not", async () => {
    const p = await parties();
    const { id } = await activeEngagement(p, programId, { sessionBudget: 2 });
    const base = `/api/coaching/engagements/${id}`;
    const a = await scheduleAt(p.coach, id, 10);
    await scheduleAt(p.coach, id, 5);
    const third = await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(2) });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe("coaching.budget_exhausted");

    const moved = await p.coach.post(`${base}/sessions/${a}/record`, {
      attendance: "rescheduled",
      newScheduledAt: daysAgo(8),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await p.coach.get(`/api/coaching/engagements/${id}`)).body.budget).toMatchObject({
      used: 0,
      booked: 2,
      remaining: 0,
    });
    const rebooked = moved.body.items.find(
      (s: { attendance: string; scheduledAt: string }) =>
        s.attendance === "scheduled" && s.scheduledAt === daysAgo(8).slice(0, 10) + s.scheduledAt.slice(10),
    );
    const next =
      rebooked ?? moved.body.items.find((s: { attendance: string }) => s.attendance === "scheduled");
    const noShow = await p.coach.post(`${base}/sessions/${next.id}/record`, {
      attendance: "no_show",
      sponsorSummary: "The coachee did not attend.",
    });
    expect(noShow.status).toBe(200);
    expect((await p.coach.get(`/api/coaching/engagements/${id}`)).body.budget).toMatchObject({
      used: 1,
      booked: 1,
      remaining: 0,
    });

    expect((await p.coach.post(`${base}/amendments`, { addSessions: 2, reason: "More" })).status).toBe(403);
    const amended = await sponsor.post(`${base}/amendments`, {
      addSessions: 2,
      reason: "Promotion needs more support",
    });
    expect(amended.status).toBe(200);
    expect(amended.body.budget).toMatchObject({ total: 4, remaining: 2 });
    expect(amended.body.amendments[0]).toMatchObject({
      addedSessions: 2,
      reason: "Promotion needs more support",
    });
    expect((await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(2) })).status).toBe(201);
  });

  it("sessions are recorded in order, not before they happen, and within the dates", async () => {
    const p = await parties();
    const { id } = await activeEngagement(p, programId);
    const base = `/api/coaching/engagements/${id}`;
    await scheduleAt(p.coach, id, 10);
    const later = await scheduleAt(p.coach, id, 5);
    const outOfOrder = await p.coach.post(`${base}/sessions/${later}/record`, heldBody());
    expect(outOfOrder.body.error.code).toBe("coaching.earlier_session_open");
    const before = await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(40) });
    expect(before.body.error.code).toBe("coaching.outside_dates");
    const future = (await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(-2) })).body.items.at(
      -1,
    ).id;
    expect(future).toBeTruthy();
    const coacheeSchedules = await p.coachee.post(`${base}/sessions`, { scheduledAt: daysAgo(1) });
    expect(coacheeSchedules.status).toBe(403);
    const notYet = await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(-200) });
    expect(notYet.body.error.code).toBe("coaching.outside_dates");
  });
});

describe("assessments and the closing report", () => {
  it("stakeholder ratings are anonymous from three raters; the report shows baseline → target → final and pre → post", async () => {
    const p = await parties();
    const { id, objectiveIds } = await activeEngagement(p, programId);
    const base = `/api/coaching/engagements/${id}`;
    const raters = [await person(), await person(), await person()];
    const invited = await p.coachee.post(`${base}/assessments/pre/stakeholders`, {
      personIds: raters.map((r) => r.id),
    });
    expect(invited.status).toBe(200);
    expect(invited.body.pre.stakeholders).toMatchObject({
      invited: 3,
      submitted: 0,
      anonymous: true,
      raters: [],
    });
    const rate = (value: number) => ({
      ratings: objectiveIds.map((objectiveId) => ({ objectiveId, rating: value })),
    });
    const req = await raters[0]?.as.get("/api/coaching/rating-requests");
    expect(req?.body.items[0]).toMatchObject({ engagementId: id, phase: "pre", anonymous: true });
    await raters[0]?.as.put(`${base}/assessments/pre/stakeholder`, rate(2));
    await raters[1]?.as.put(`${base}/assessments/pre/stakeholder`, rate(4));
    expect((await p.coachee.get(`${base}/assessments`)).body.pre.stakeholders.average).toBeNull();
    await raters[2]?.as.put(`${base}/assessments/pre/stakeholder`, rate(6));
    const pre = (await p.coachee.get(`${base}/assessments`)).body.pre.stakeholders;
    expect(pre.average[objectiveIds[0] as string]).toBe(4);
    expect(JSON.stringify(pre)).not.toContain(raters[0]?.id);
    expect((await member.put(`${base}/assessments/pre/stakeholder`, rate(5))).status).toBe(404);

    const one = await person();
    const named = await p.coach.post(`${base}/assessments/post/stakeholders`, { personIds: [one.id] });
    expect(named.body.post.stakeholders.raters[0].person.id).toBe(one.id);

    expect((await p.coachee.put(`${base}/assessments/post/self`, rate(7))).body.error.code).toBe(
      "coaching.assessment_closed",
    );
    const s = await scheduleAt(p.coach, id, 7);
    await p.coach.post(
      `${base}/sessions/${s}/record`,
      heldBody({ metricValues: [{ objectiveId: objectiveIds[0], value: 3 }] }),
    );
    await one.as.put(`${base}/assessments/post/stakeholder`, rate(8));
    const early = await p.coach.post(`${base}/complete`);
    expect(early.body.error.code).toBe("coaching.post_assessment_missing");
    expect((await p.coachee.put(`${base}/assessments/post/self`, rate(7))).status).toBe(200);
    expect((await sponsor.post(`${base}/complete`)).status).toBe(403);
    const done = await p.coach.post(`${base}/complete`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ final: true, status: "completed" });
    const report = (await sponsor.get(`${base}/report`)).body;
    expect(report.objectives[0]).toMatchObject({
      baseline: 10,
      target: 2,
      final: 3,
      progress: 0.875,
      selfPre: 3,
      selfPost: 7,
      selfChange: 4,
      stakeholdersPre: 4,
      stakeholdersPost: 8,
      stakeholdersChange: 4,
    });
    expect(report.objectives[1]).toMatchObject({ final: null, progress: 0 });
    expect((await p.coach.post(`${base}/sessions`, { scheduledAt: daysAgo(1) })).body.error.code).toBe(
      "coaching.wrong_status",
    );
  });

  it("the coach cannot cancel; the sponsor can", async () => {
    const p = await parties();
    const { id } = await activeEngagement(p, programId);
    expect((await p.coach.post(`/api/coaching/engagements/${id}/cancel`, { reason: "x" })).status).toBe(403);
    const res = await sponsor.post(`/api/coaching/engagements/${id}/cancel`, { reason: "Role change" });
    expect(res.body).toMatchObject({ status: "cancelled", closeReason: "Role change" });
  });
});

describe("aggregates across engagements", () => {
  it("are suppressed below five engagements and shown from five", async () => {
    const program = await makeProgram(ctx.db, org, (await person({ role: "program_manager" })).id, {
      kind: "coaching",
    });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await parties();
      made.push((await activeEngagement(p, program)).id);
      const res = await sponsor.get(`/api/coaching/insights?programId=${program}`);
      expect(res.status).toBe(200);
      if (i < 4) {
        expect(res.body).toMatchObject({
          suppressed: true,
          engagements: i + 1,
          averageProgressToTarget: null,
          themes: [],
        });
      } else {
        expect(res.body).toMatchObject({ suppressed: false, engagements: 5 });
        expect(res.body.themes).toEqual([
          { theme: "delegation", count: 5 },
          { theme: "feedback", count: 5 },
        ]);
        expect(res.body.averageProgressToTarget).toBe(0);
      }
    }
    expect((await member.get("/api/coaching/insights")).status).toBe(403);
  });
});

/** Every page of a list, `limit` rows at a time, following `nextCursor` to the end. */
async function allPages<T>(as: Client, path: string, limit: number) {
  const pages: { items: T[]; total?: number }[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await as.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { pages, items: pages.flatMap((p) => p.items) };
}

/** How many queries a request sends. */
async function queriesOf(request: () => Promise<{ status: number }>) {
  const before = queries;
  expect((await request()).status).toBe(200);
  return queries - before;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("cursor pages", () => {
  it("page every list once through, in order, with the same queries whatever the page size", async () => {
    const coach = await person({ department: "People" });
    await addCoach(manager, coach.id, 10);
    const coachees = [await person(), await person(), await person()];
    const p = (i: number): CoachingParties => ({
      manager,
      sponsor,
      coach: coach.as,
      coachee: coachees[i]?.as as Client,
      coachId: coach.id,
      coacheeId: coachees[i]?.id as string,
    });
    // Active with three sessions (held, no-show, scheduled); active with none booked; in setup.
    const busy = await activeEngagement(p(0), programId);
    const idle = await activeEngagement(p(1), programId);
    const setup = await sponsor.post(`/api/programs/${programId}/coaching/engagements`, {
      coacheeId: coachees[2]?.id,
      coachId: coach.id,
    });
    const base = `/api/coaching/engagements/${busy.id}`;
    const first = await scheduleAt(coach.as, busy.id, 12);
    await coach.as.post(
      `${base}/sessions/${first}/record`,
      heldBody({
        actions: [
          { text: "Action one", dueDate: dateDaysAgo(9) },
          { text: "Action two", dueDate: dateDaysAgo(9) },
          { text: "Action three", dueDate: dateDaysAgo(8) },
        ],
      }),
    );
    const second = await scheduleAt(coach.as, busy.id, 6);
    await coach.as.post(`${base}/sessions/${second}/record`, { attendance: "no_show" });
    await scheduleAt(coach.as, busy.id, 1);

    // The coach's engagements, newest first: ids are time-ordered, so descending.
    const mine = await allPages<{ id: string; awaitingMe: string[] }>(
      coach.as,
      "/api/coaching/engagements?as=coach",
      1,
    );
    expect(ids(mine.items)).toEqual([setup.body.id, idle.id, busy.id]);
    expect(mine.pages.every((page) => page.total === 3)).toBe(true);
    // awaitingMe=true in SQL keeps exactly those the list says wait on the coach.
    const waiting = (await coach.as.get("/api/coaching/engagements?awaitingMe=true")).body;
    expect(ids(waiting.items)).toEqual(ids(mine.items.filter((e) => e.awaitingMe.length > 0)));
    expect(ids(waiting.items)).toEqual([setup.body.id, idle.id]);
    const coacheeWaiting = (await coachees[2]?.as.get("/api/coaching/engagements?awaitingMe=true"))?.body;
    expect(coacheeWaiting.items[0].awaitingMe).toEqual(["set_objectives"]);
    expect((await coachees[0]?.as.get("/api/coaching/engagements?awaitingMe=true"))?.body.items).toEqual([]);

    const program = await allPages<{ id: string }>(
      manager,
      `/api/programs/${programId}/coaching/engagements`,
      2,
    );
    expect(new Set(ids(program.items)).size).toBe(program.items.length);
    expect(program.items.length).toBe(program.pages[0]?.total);
    expect(ids(program.items)).toEqual(ids(program.items).sort().reverse());

    const sessions = await allPages<{ id: string; number: number | null; attendance: string }>(
      coach.as,
      `${base}/sessions`,
      1,
    );
    expect(sessions.items.map((s) => [s.number, s.attendance])).toEqual([
      [1, "held"],
      [2, "no_show"],
      [null, "scheduled"],
    ]);
    expect(sessions.items[0]?.id).toBe(first);

    const actions = await allPages<{ text: string; createdInSession: number }>(
      coach.as,
      `${base}/actions`,
      2,
    );
    expect(actions.items.map((a) => [a.text, a.createdInSession])).toEqual([
      ["Action one", 1],
      ["Action two", 1],
      ["Action three", 1],
    ]);
    expect((await coach.as.get(`${base}/actions?review=reviewed`)).body.items).toEqual([]);
    expect((await coach.as.get(`${base}/actions?review=pending`)).body.items).toHaveLength(3);

    const owned = await allPages<{ text: string }>(coachees[0]?.as as Client, "/api/coaching/actions", 1);
    expect(owned.items.map((a) => a.text)).toEqual(["Action one", "Action two", "Action three"]);

    // A colleague asked for ratings by two coachees: newest request first, open or answered.
    const rater = await person();
    for (const e of [busy, idle]) {
      const coachee = e === busy ? coachees[0] : coachees[1];
      await coachee?.as.post(`/api/coaching/engagements/${e.id}/assessments/pre/stakeholders`, {
        personIds: [rater.id],
      });
    }
    const requests = await allPages<{ engagementId: string }>(rater.as, "/api/coaching/rating-requests", 1);
    expect(requests.items.map((r) => r.engagementId)).toEqual([idle.id, busy.id]);
    await rater.as.put(`/api/coaching/engagements/${idle.id}/assessments/pre/stakeholder`, {
      ratings: idle.objectiveIds.map((objectiveId) => ({ objectiveId, rating: 6 })),
    });
    const open = (await rater.as.get("/api/coaching/rating-requests?answered=false")).body.items;
    expect(open.map((r: { engagementId: string }) => r.engagementId)).toEqual([busy.id]);

    const pool = await allPages<{ person: { name: string; id: string }; kind: string }>(
      sponsor,
      "/api/coaching/coaches",
      2,
    );
    const names = pool.items.map((c) => c.person.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(pool.items.map((c) => c.person.id)).size).toBe(pool.pages[0]?.total);
    const one = (await sponsor.get(`/api/coaching/coaches?personId=${coach.id}`)).body;
    expect(one.items.map((c: { person: { id: string } }) => c.person.id)).toEqual([coach.id]);
    expect(one.total).toBe(1);
    expect(one.pool.coaches).toBe(pool.pages[0]?.total);
    expect((await sponsor.get("/api/coaching/coaches?kind=external")).body.total).toBe(
      pool.items.filter((c) => c.kind === "external").length,
    );

    // Whatever the page size, a page costs the same queries: nothing is loaded row by row.
    for (const path of [
      "/api/coaching/engagements",
      `${base}/sessions`,
      `${base}/actions`,
      `/api/programs/${programId}/coaching/engagements`,
      "/api/coaching/coaches",
    ]) {
      const as = path.includes("/programs/") ? manager : path.includes("coaches") ? sponsor : coach.as;
      const small = await queriesOf(() => as.get(`${path}?limit=1`));
      expect(await queriesOf(() => as.get(`${path}?limit=50`)), path).toBe(small);
    }
  });

  it("refuses a cursor it did not give out and a page over the maximum", async () => {
    for (const path of [
      "/api/coaching/engagements",
      "/api/coaching/actions",
      "/api/coaching/rating-requests",
    ]) {
      const res = await sponsor.get(`${path}?cursor=${Buffer.from("[1]").toString("base64url")}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe("cursor");
      expect((await sponsor.get(`${path}?limit=201`)).status).toBe(400);
    }
  });

  it("reads back the latest 100 values of an objective", async () => {
    const p = await parties();
    const { id, objectiveIds } = await activeEngagement(p, programId);
    const objectiveId = objectiveIds[0] as string;
    const day = (i: number) => dateDaysAgo(200 - i);
    await ctx.db
      .insertInto("coaching_metric_value")
      .values(
        Array.from({ length: 105 }, (_, i) => ({
          id: newId(),
          organization_id: org,
          engagement_id: id,
          objective_id: objectiveId,
          session_id: null,
          value: i,
          recorded_on: day(i),
          recorded_by: p.coachId,
          created_at: daysAgo(0),
        })),
      )
      .execute();
    const objective = (await p.coach.get(`/api/coaching/engagements/${id}/objectives`)).body.items[0];
    expect(objective.history).toHaveLength(100);
    expect(objective.history[0]).toMatchObject({ value: 5, recordedOn: day(5) });
    expect(objective.latest).toBe(104);
  });

  it("shortlists the 20 best of a larger pool", async () => {
    for (let i = 0; i < 21; i++) await addCoach(manager, (await person()).id);
    const coachee = await person();
    const taking = (await sponsor.get("/api/coaching/coaches")).body.pool.taking;
    expect(taking).toBeGreaterThan(20);
    const res = await sponsor.get(`/api/programs/${programId}/coaching/shortlist?coacheeId=${coachee.id}`);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.total).toBe(taking);
  });
});
