import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { expireStaleRequests } from "./mentoring.service.ts";

type Client = ReturnType<typeof client>;
interface Member {
  id: string;
  email: string;
  as: Client;
}

let ctx: TestContext;
let org: string;
let pm: Member;
let admin: Member;
let sponsor: Member;
let outsider: Member;

async function member(spec: Parameters<typeof makePerson>[2] = {}, orgId = org): Promise<Member> {
  const p = await makePerson(ctx.db, orgId, spec);
  return { id: p.id, email: p.email, as: client(ctx.app, await signIn(ctx.app, p.email)) };
}

async function program(settings: Record<string, unknown> = {}) {
  const id = await makeProgram(ctx.db, org, pm.id, { kind: "mentoring" });
  if (Object.keys(settings).length) {
    const res = await pm.as.patch(`/api/programs/${id}/mentoring/settings`, settings);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return id;
}

async function enrol(p: Member, programId: string, role: "mentor" | "mentee") {
  const res = await p.as.post(`/api/programs/${programId}/enrolments`, { role, answers: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const mentorSpec = (extra: Parameters<typeof makePerson>[2] = {}) => ({
  seniority: 4,
  department: "Engineering",
  skills: [
    { name: "Leadership", level: 5 },
    { name: "TypeScript", level: 4 },
  ],
  interests: ["Writing"],
  ...extra,
});
const menteeSpec = (extra: Parameters<typeof makePerson>[2] = {}) => ({
  seniority: 1,
  department: "Sales",
  interests: ["Writing"],
  ...extra,
});

/** A program with one mentee and one mentor, matched and active (agreement signed by both). */
async function activePair() {
  const programId = await program();
  const mentor = await member(mentorSpec());
  const mentee = await member(menteeSpec());
  await enrol(mentor, programId, "mentor");
  await enrol(mentee, programId, "mentee");
  const req = await mentee.as.post(`/api/programs/${programId}/mentoring/requests`, {
    mentorId: mentor.id,
    message: "Hi!",
  });
  expect(req.status).toBe(201);
  const accepted = await mentor.as.post(`/api/mentoring/requests/${req.body.id}/accept`);
  const relId: string = accepted.body.relationshipId;
  await mentee.as.put(`/api/mentoring/relationships/${relId}/agreement`, {
    goals: "Grow into a team lead",
    cadence: "Every two weeks",
    channel: "Video call",
    confidentiality: "What we discuss stays between us.",
    durationMonths: 9,
  });
  await mentee.as.post(`/api/mentoring/relationships/${relId}/agreement/sign`);
  const signed = await mentor.as.post(`/api/mentoring/relationships/${relId}/agreement/sign`);
  expect(signed.body.status).toBe("active");
  return { programId, mentor, mentee, relId };
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  pm = await member({ role: "program_manager" });
  admin = await member({ role: "org_admin" });
  sponsor = await member({ role: "sponsor" });
  outsider = await member({ role: "org_admin" }, await makeOrganization(ctx.db, "Elsewhere"));
});
afterAll(() => ctx.close());

describe("mentoring settings", () => {
  it("has the documented defaults", async () => {
    const id = await program();
    const res = await pm.as.get(`/api/programs/${id}/mentoring/settings`);
    expect(res.body).toMatchObject({
      format: "one_to_one",
      mentorCapacity: 2,
      maxOpenRequests: 3,
      requestExpiryDays: 10,
      defaultDurationMonths: 9,
      constraints: { notInReportingLine: true, mentorMoreSenior: true },
    });
  });

  it("peer and reverse formats drop the mentor-more-senior rule by default", async () => {
    const id = await program({ format: "peer" });
    expect(
      (await pm.as.get(`/api/programs/${id}/mentoring/settings`)).body.constraints.mentorMoreSenior,
    ).toBe(false);
  });

  it("only the owner or an admin changes settings, and bad values are explained", async () => {
    const id = await program();
    const m = await member();
    expect((await m.as.patch(`/api/programs/${id}/mentoring/settings`, { mentorCapacity: 3 })).status).toBe(
      403,
    );
    expect(
      (await admin.as.patch(`/api/programs/${id}/mentoring/settings`, { mentorCapacity: 3 })).status,
    ).toBe(200);
    const bad = await pm.as.patch(`/api/programs/${id}/mentoring/settings`, {
      mentorCapacity: 0,
      format: "trio",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "format",
      "mentorCapacity",
    ]);
    const zero = await pm.as.patch(`/api/programs/${id}/mentoring/settings`, {
      weights: {
        skills: 0,
        interests: 0,
        seniority: 0,
        language: 0,
        timeZone: 0,
        ranking: 0,
        departmentDiversity: 0,
      },
    });
    expect(zero.status).toBe(422);
    expect((await outsider.as.get(`/api/programs/${id}/mentoring/settings`)).status).toBe(404);
  });

  it("lets a person take both roles only where the program allows it", async () => {
    const id = await program();
    const p = await member(mentorSpec());
    await enrol(p, id, "mentor");
    const both = await p.as.post(`/api/programs/${id}/enrolments`, { role: "mentee", answers: {} });
    expect(both.status).toBe(409);
    expect(both.body.error.code).toBe("mentoring.one_role_only");
    await pm.as.patch(`/api/programs/${id}/mentoring/settings`, { allowBothRoles: true });
    await enrol(p, id, "mentee");
    expect((await p.as.get(`/api/programs/${id}/mentoring/me`)).body.roles.sort()).toEqual([
      "mentee",
      "mentor",
    ]);
  });

  it("refuses mentoring settings on a program of another kind", async () => {
    const training = await makeProgram(ctx.db, org, pm.id, { kind: "training" });
    expect((await pm.as.get(`/api/programs/${training}/mentoring/settings`)).body.error.code).toBe(
      "mentoring.not_a_mentoring_program",
    );
  });
});

describe("self-match", () => {
  it("ranks eligible mentors with explanations, leaves out excluded ones and marks full ones", async () => {
    const id = await program({ mentorCapacity: 1 });
    const boss = await member(mentorSpec({ name: "Boss" }));
    const mentee = await member(menteeSpec({ managerId: boss.id }));
    const good = await member(mentorSpec({ name: "Good Fit" }));
    const weak = await member(
      mentorSpec({ name: "Weak Fit", skills: [], interests: [], department: "Sales" }),
    );
    const junior = await member(mentorSpec({ name: "Junior", seniority: 1 }));
    for (const m of [boss, good, weak, junior]) await enrol(m, id, "mentor");
    await enrol(mentee, id, "mentee");
    await mentee.as.patch(`/api/programs/${id}/mentoring/me`, {
      skillsWanted: [{ name: "Leadership", level: 4 }],
    });

    const res = await mentee.as.get(`/api/programs/${id}/mentoring/recommendations`);
    expect(res.status).toBe(200);
    const names = res.body.items.map((r: { mentor: { name: string } }) => r.mentor.name);
    expect(names).toEqual(["Good Fit", "Weak Fit"]);
    const top = res.body.items[0];
    expect(top.score).toBeGreaterThan(res.body.items[1].score);
    expect(top.criteria.find((c: { key: string }) => c.key === "skills")).toMatchObject({
      value: 1,
      explanation: expect.stringContaining("Leadership"),
    });

    // Fill Good Fit's only place with another mentee.
    const other = await member(menteeSpec());
    await enrol(other, id, "mentee");
    const r = await other.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: good.id,
      message: "Hello",
    });
    await good.as.post(`/api/mentoring/requests/${r.body.id}/accept`);
    const after = await mentee.as.get(`/api/programs/${id}/mentoring/recommendations`);
    expect(after.body.items.at(-1)).toMatchObject({ mentor: { name: "Good Fit" }, full: true });
    const full = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: good.id,
      message: "Please",
    });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("mentoring.capacity_full");
    const line = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: boss.id,
      message: "Boss?",
    });
    expect(line.status).toBe(422);
    expect(line.body.error.details.exclusions[0].code).toBe("reporting_line");
  });

  it("only enrolled mentees see recommendations and send requests", async () => {
    const id = await program();
    const mentor = await member(mentorSpec());
    await enrol(mentor, id, "mentor");
    const stranger = await member(menteeSpec());
    expect((await stranger.as.get(`/api/programs/${id}/mentoring/recommendations`)).status).toBe(403);
    expect(
      (
        await stranger.as.post(`/api/programs/${id}/mentoring/requests`, {
          mentorId: mentor.id,
          message: "x",
        })
      ).status,
    ).toBe(403);
    expect((await outsider.as.get(`/api/programs/${id}/mentoring/recommendations`)).status).toBe(404);
  });

  it("enforces duplicates, the open-request limit, and withdraws the rest when one is accepted", async () => {
    const id = await program({ maxOpenRequests: 2 });
    const mentee = await member(menteeSpec());
    await enrol(mentee, id, "mentee");
    const mentors = [await member(mentorSpec()), await member(mentorSpec()), await member(mentorSpec())];
    for (const m of mentors) await enrol(m, id, "mentor");
    const [a, b, c] = mentors as [Member, Member, Member];
    const ra = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: a.id,
      message: "A?",
    });
    expect(ra.status).toBe(201);
    expect(ra.body).toMatchObject({ status: "open", mentor: { id: a.id } });
    const dup = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: a.id,
      message: "A again",
    });
    expect(dup.body.error.code).toBe("mentoring.duplicate_request");
    const rb = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: b.id,
      message: "B?",
    });
    expect(rb.status).toBe(201);
    const limit = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: c.id,
      message: "C?",
    });
    expect(limit.status).toBe(409);
    expect(limit.body.error.code).toBe("mentoring.too_many_requests");

    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const mail = ctx.smtp.waitFor(mentee.email);
    expect((await c.as.post(`/api/mentoring/requests/${ra.body.id}/accept`)).status).toBe(404);
    const accepted = await a.as.post(`/api/mentoring/requests/${ra.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.relationshipId).toBeTruthy();
    expect((await mail).subject).toMatch(/accepted/);
    const seenByB = await b.as.get("/api/mentoring/requests?box=received");
    expect(seenByB.body.open).toBe(0);
    expect(seenByB.body.items[0]).toMatchObject({
      status: "withdrawn",
      reasonLabel: "The mentee was matched with another mentor.",
    });
    expect((await a.as.post(`/api/mentoring/requests/${ra.body.id}/accept`)).body.error.code).toBe(
      "mentoring.request_closed",
    );
    const again = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: c.id,
      message: "C?",
    });
    expect(again.body.error.code).toBe("mentoring.already_matched");
  });

  it("a mentor declines with a reason the mentee sees; the mentee can withdraw", async () => {
    const id = await program();
    const mentee = await member(menteeSpec());
    const mentor = await member(mentorSpec());
    const other = await member(mentorSpec());
    await enrol(mentee, id, "mentee");
    await enrol(mentor, id, "mentor");
    await enrol(other, id, "mentor");
    const r = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Hi",
    });
    const bad = await mentor.as.post(`/api/mentoring/requests/${r.body.id}/decline`, { reason: "busy" });
    expect(bad.status).toBe(400);
    const declined = await mentor.as.post(`/api/mentoring/requests/${r.body.id}/decline`, {
      reason: "timing",
      comment: "Ask me again in spring",
    });
    expect(declined.status).toBe(200);
    const sent = (await mentee.as.get("/api/mentoring/requests?box=sent")).body.items[0];
    expect(sent).toMatchObject({
      status: "declined",
      reasonLabel: "The timing doesn't work for me",
      comment: "Ask me again in spring",
    });

    const r2 = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: other.id,
      message: "Hi",
    });
    expect((await other.as.post(`/api/mentoring/requests/${r2.body.id}/withdraw`)).status).toBe(404);
    const withdrawn = await mentee.as.post(`/api/mentoring/requests/${r2.body.id}/withdraw`);
    expect(withdrawn.body.status).toBe("withdrawn");
  });

  it("requests expire after the program's expiry days", async () => {
    const id = await program({ requestExpiryDays: 5 });
    const mentee = await member(menteeSpec());
    const mentor = await member(mentorSpec());
    await enrol(mentee, id, "mentee");
    await enrol(mentor, id, "mentor");
    const r = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Hi",
    });
    const days = (new Date(r.body.expiresAt).getTime() - new Date(r.body.createdAt).getTime()) / 86_400_000;
    expect(days).toBe(5);
    expect(
      await expireStaleRequests(ctx.db, new Date(Date.now() + 6 * 86_400_000).toISOString()),
    ).toBeGreaterThan(0);
    expect((await mentee.as.get("/api/mentoring/requests?box=sent")).body.items[0].status).toBe("expired");
    expect((await mentor.as.post(`/api/mentoring/requests/${r.body.id}/accept`)).body.error.code).toBe(
      "mentoring.request_closed",
    );
  });

  it("refuses a request to oneself, an expired request, and accepting beyond capacity", async () => {
    const id = await program({ allowBothRoles: true, mentorCapacity: 1 });
    const both = await member(mentorSpec());
    await enrol(both, id, "mentor");
    await enrol(both, id, "mentee");
    const self = await both.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: both.id,
      message: "Me?",
    });
    expect(self.body.error.code).toBe("mentoring.self_request");

    const mentor = await member(mentorSpec());
    await enrol(mentor, id, "mentor");
    const [a, b] = [await member(menteeSpec()), await member(menteeSpec())];
    await enrol(a, id, "mentee");
    await enrol(b, id, "mentee");
    const ra = await a.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "A",
    });
    const rb = await b.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "B",
    });
    expect((await mentor.as.post(`/api/mentoring/requests/${ra.body.id}/accept`)).status).toBe(200);
    const over = await mentor.as.post(`/api/mentoring/requests/${rb.body.id}/accept`);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("mentoring.capacity_full");

    await ctx.db
      .updateTable("mentoring_request")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("id", "=", rb.body.id)
      .execute();
    expect(
      (await mentor.as.post(`/api/mentoring/requests/${rb.body.id}/decline`, { reason: "other" })).body.error
        .code,
    ).toBe("mentoring.request_expired");
  });

  it("refuses admin matches when the program turned them off", async () => {
    const id = await program({ matchModes: ["self"] });
    const mentor = await member(mentorSpec());
    const mentee = await member(menteeSpec());
    await enrol(mentor, id, "mentor");
    await enrol(mentee, id, "mentee");
    const res = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: mentor.id,
      menteeId: mentee.id,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("mentoring.admin_match_disabled");
  });

  it("refuses self-requests when self-match is off", async () => {
    const id = await program({ matchModes: ["admin"] });
    const mentee = await member(menteeSpec());
    const mentor = await member(mentorSpec());
    await enrol(mentee, id, "mentee");
    await enrol(mentor, id, "mentor");
    const res = await mentee.as.post(`/api/programs/${id}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Hi",
    });
    expect(res.body.error.code).toBe("mentoring.self_match_disabled");
  });
});

describe("admin match", () => {
  it("checks the constraints; an override needs a reason and is audited", async () => {
    const id = await program();
    const boss = await member(mentorSpec());
    const mentee = await member(menteeSpec({ managerId: boss.id }));
    await enrol(boss, id, "mentor");
    await enrol(mentee, id, "mentee");
    const m = await member();
    expect(
      (await m.as.post(`/api/programs/${id}/mentoring/matches`, { mentorId: boss.id, menteeId: mentee.id }))
        .status,
    ).toBe(403);
    expect(
      (
        await outsider.as.post(`/api/programs/${id}/mentoring/matches`, {
          mentorId: boss.id,
          menteeId: mentee.id,
        })
      ).status,
    ).toBe(404);
    const refused = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: boss.id,
      menteeId: mentee.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "mentoring.constraint",
      details: { overridable: true },
    });
    const short = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: boss.id,
      menteeId: mentee.id,
      overrideReason: "ok",
    });
    expect(short.status).toBe(400);
    const forced = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: boss.id,
      menteeId: mentee.id,
      overrideReason: "Cross-site pilot agreed with both of them",
    });
    expect(forced.status).toBe(201);
    const audit = await admin.as.get("/api/audit?action=mentoring.match_override");
    expect(audit.body.items[0].details).toMatchObject({
      overridden: ["reporting_line"],
      reason: "Cross-site pilot agreed with both of them",
    });
    const twice = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: boss.id,
      menteeId: mentee.id,
    });
    expect(twice.body.error.code).toBe("mentoring.already_matched");
    const notEnrolled = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: admin.id,
      menteeId: mentee.id,
    });
    expect(notEnrolled.body.error.code).toBe("mentoring.not_a_mentor");
  });
});

describe("relationship lifecycle", () => {
  it("activates when both sign the agreement, can be extended, and ends without blame", async () => {
    const { mentor, mentee, relId } = await activePair();
    const rel = (await mentee.as.get(`/api/mentoring/relationships/${relId}`)).body;
    expect(rel).toMatchObject({ status: "active", mySide: "mentee", agreement: { durationMonths: 9 } });
    expect(rel.startDate).toBeTruthy();
    expect(rel.plannedEndDate > rel.startDate).toBe(true);
    const locked = await mentor.as.put(`/api/mentoring/relationships/${relId}/agreement`, {
      goals: "x",
      cadence: "x",
      channel: "x",
      confidentiality: "x",
      durationMonths: 3,
    });
    expect(locked.body.error.code).toBe("mentoring.wrong_status");
    const extended = await mentor.as.post(`/api/mentoring/relationships/${relId}/extend`, { months: 3 });
    expect(extended.body.plannedEndDate > rel.plannedEndDate).toBe(true);

    const ended = await mentee.as.post(`/api/mentoring/relationships/${relId}/end`, {
      reason: "My role changed",
    });
    expect(ended.body).toMatchObject({
      status: "ended_early",
      myClosure: { endedEarlyReason: "My role changed" },
    });
    const mentorView = (await mentor.as.get(`/api/mentoring/relationships/${relId}`)).body;
    expect(mentorView.myClosure.endedEarlyReason).toBeNull();
    expect(JSON.stringify(mentorView)).not.toContain("My role changed");
    expect((await mentor.as.post(`/api/mentoring/relationships/${relId}/complete`)).status).toBe(409);
    const reflection = await mentor.as.post(`/api/mentoring/relationships/${relId}/reflection`, {
      text: "Learned a lot",
      rating: 4,
    });
    expect(reflection.status).toBe(201);
    expect(
      (await mentor.as.post(`/api/mentoring/relationships/${relId}/reflection`, { text: "Again", rating: 4 }))
        .status,
    ).toBe(409);
  });

  it("the agreement must exist before signing, and changing it asks both to sign again", async () => {
    const id = await program();
    const mentor = await member(mentorSpec());
    const mentee = await member(menteeSpec());
    await enrol(mentor, id, "mentor");
    await enrol(mentee, id, "mentee");
    const match = await pm.as.post(`/api/programs/${id}/mentoring/matches`, {
      mentorId: mentor.id,
      menteeId: mentee.id,
    });
    const relId = match.body.relationshipId;
    expect(
      (await mentee.as.post(`/api/mentoring/relationships/${relId}/agreement/sign`)).body.error.code,
    ).toBe("mentoring.no_agreement");
    const agreement = {
      goals: "G",
      cadence: "Monthly",
      channel: "In person",
      confidentiality: "Private",
      durationMonths: 6,
    };
    await mentee.as.put(`/api/mentoring/relationships/${relId}/agreement`, agreement);
    await mentee.as.post(`/api/mentoring/relationships/${relId}/agreement/sign`);
    const changed = await mentor.as.put(`/api/mentoring/relationships/${relId}/agreement`, {
      ...agreement,
      cadence: "Weekly",
    });
    expect(changed.body.agreement).toMatchObject({
      cadence: "Weekly",
      menteeSignedAt: null,
      mentorSignedAt: null,
    });
    expect(changed.body.status).toBe("proposed");
    expect(
      (
        await mentee.as.post(`/api/mentoring/relationships/${relId}/meetings`, {
          metOn: "2026-01-01",
          durationMinutes: 30,
        })
      ).status,
    ).toBe(409);
  });

  it("completes, and both sides write a closing reflection they can both read", async () => {
    const { mentor, mentee, relId } = await activePair();
    expect(
      (await mentee.as.post(`/api/mentoring/relationships/${relId}/reflection`, { text: "x", rating: 3 }))
        .status,
    ).toBe(409);
    expect((await mentor.as.post(`/api/mentoring/relationships/${relId}/complete`)).body.status).toBe(
      "completed",
    );
    await mentee.as.post(`/api/mentoring/relationships/${relId}/reflection`, {
      text: "Grew a lot",
      rating: 5,
    });
    await mentor.as.post(`/api/mentoring/relationships/${relId}/reflection`, {
      text: "Learned about sales",
      rating: 5,
    });
    const rel = (await mentor.as.get(`/api/mentoring/relationships/${relId}`)).body;
    expect(rel.reflections.map((r: { text: string }) => r.text).sort()).toEqual([
      "Grew a lot",
      "Learned about sales",
    ]);
    expect(
      (await mentee.as.post(`/api/mentoring/relationships/${relId}/reflection`, { text: "x", rating: 9 }))
        .status,
    ).toBe(400);
  });
});

describe("meetings, journal, goals, check-ins", () => {
  it("either side logs meetings and writes in the journal; only the pair reads them", async () => {
    const { programId, mentor, mentee, relId } = await activePair();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await mentor.as.post(`/api/mentoring/relationships/${relId}/meetings`, {
          metOn: future,
          durationMinutes: 30,
        })
      ).body.error.code,
    ).toBe("mentoring.meeting_in_future");
    const logged = await mentor.as.post(`/api/mentoring/relationships/${relId}/meetings`, {
      metOn: new Date().toISOString().slice(0, 10),
      durationMinutes: 45,
      topics: ["Career map"],
      notes: "Talked about the next role",
    });
    expect(logged.status).toBe(201);
    const read = await mentee.as.get(`/api/mentoring/relationships/${relId}/meetings`);
    expect(read.body.items[0]).toMatchObject({
      topics: ["Career map"],
      notes: "Talked about the next role",
      author: { id: mentor.id },
    });
    await mentee.as.post(`/api/mentoring/relationships/${relId}/journal`, { text: "Felt heard today" });
    expect((await mentor.as.get(`/api/mentoring/relationships/${relId}/journal`)).body.items[0].text).toBe(
      "Felt heard today",
    );

    for (const who of [pm, admin, sponsor, await member(), outsider]) {
      for (const path of ["", "/meetings", "/journal", "/goals", "/checkins"]) {
        expect((await who.as.get(`/api/mentoring/relationships/${relId}${path}`)).status).toBe(404);
      }
      expect((await who.as.post(`/api/mentoring/relationships/${relId}/journal`, { text: "x" })).status).toBe(
        404,
      );
    }
    const listed = await pm.as.get(`/api/programs/${programId}/mentoring/relationships`);
    expect(listed.body.items[0].lastMeetingAt).toBeTruthy();
  });

  it("the mentee sets goals with milestones; progress follows the milestones; the mentor comments", async () => {
    const { mentor, mentee, relId } = await activePair();
    const denied = await mentor.as.post(`/api/mentoring/relationships/${relId}/goals`, {
      title: "x",
      category: "career",
    });
    expect(denied.status).toBe(403);
    const created = await mentee.as.post(`/api/mentoring/relationships/${relId}/goals`, {
      title: "Become a team lead",
      category: "career",
      milestones: [{ title: "Shadow a lead" }, { title: "Run a retro" }],
    });
    expect(created.status).toBe(201);
    const goal = created.body.items[0];
    expect(goal.progress).toBe(0);
    const ticked = await mentee.as.patch(
      `/api/mentoring/relationships/${relId}/goals/${goal.id}/milestones/${goal.milestones[0].id}`,
      { done: true },
    );
    expect(ticked.body.items[0].progress).toBe(0.5);
    const commented = await mentor.as.post(
      `/api/mentoring/relationships/${relId}/goals/${goal.id}/comments`,
      { body: "Great start" },
    );
    expect(commented.body.items[0].comments[0]).toMatchObject({
      body: "Great start",
      author: { id: mentor.id },
    });
    const missing = await mentee.as.patch(
      `/api/mentoring/relationships/${relId}/goals/${crypto.randomUUID()}`,
      { status: "achieved" },
    );
    expect(missing.status).toBe(404);
    const achieved = await mentee.as.patch(`/api/mentoring/relationships/${relId}/goals/${goal.id}`, {
      status: "achieved",
    });
    expect(achieved.body.items[0].progress).toBe(1);
  });

  it("a relationship's goals stay one list: at most 20 goals, 20 milestones and 100 comments per goal", async () => {
    const { mentor, mentee, relId } = await activePair();
    const base = `/api/mentoring/relationships/${relId}/goals`;
    const first = await mentee.as.post(base, {
      title: "Goal 0",
      category: "skill",
      milestones: Array.from({ length: 20 }, (_, i) => ({ title: `Step ${i}` })),
    });
    expect(first.status).toBe(201);
    const goalId: string = first.body.items[0].id;
    const milestone = await mentee.as.post(`${base}/${goalId}/milestones`, { title: "One more" });
    expect(milestone.status).toBe(409);
    expect(milestone.body.error).toMatchObject({ code: "mentoring.limit_reached", details: { limit: 20 } });
    for (let i = 1; i < 20; i++) {
      expect((await mentee.as.post(base, { title: `Goal ${i}`, category: "skill" })).status).toBe(201);
    }
    const tooMany = await mentee.as.post(base, { title: "Goal 20", category: "skill" });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe("mentoring.limit_reached");

    const now = new Date().toISOString();
    await ctx.db
      .insertInto("mentoring_goal_comment")
      .values(
        Array.from({ length: 100 }, () => ({
          id: crypto.randomUUID(),
          organization_id: org,
          goal_id: goalId,
          author_id: mentor.id,
          body: "Keep going",
          created_at: now,
        })),
      )
      .execute();
    const comment = await mentor.as.post(`${base}/${goalId}/comments`, { body: "And another" });
    expect(comment.status).toBe(409);
    expect(comment.body.error.details.limit).toBe(100);
  });

  it("both sides check in when one is due, once per period", async () => {
    const { mentor, mentee, relId } = await activePair();
    const early = await mentee.as.post(`/api/mentoring/relationships/${relId}/checkins`, {
      satisfaction: 4,
      learned: "x",
      wouldChange: "",
    });
    expect(early.body.error.code).toBe("mentoring.checkin_not_due");
    const started = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    await ctx.db
      .updateTable("mentoring_relationship")
      .set({ start_date: started })
      .where("id", "=", relId)
      .execute();
    const body = { satisfaction: 5, learned: "How sales teams think", wouldChange: "Meet more often" };
    expect((await mentor.as.post(`/api/mentoring/relationships/${relId}/checkins`, body)).status).toBe(201);
    expect(
      (await mentor.as.post(`/api/mentoring/relationships/${relId}/checkins`, body)).body.error.code,
    ).toBe("mentoring.checkin_done");
    const list = await mentee.as.get(`/api/mentoring/relationships/${relId}/checkins`);
    expect(list.body.items[0]).toMatchObject({ side: "mentor", period: 1, learned: "How sales teams think" });
    expect((await mentee.as.get(`/api/mentoring/relationships/${relId}`)).body.checkin).toMatchObject({
      duePeriod: 1,
      mine: false,
    });
  });
});

describe("introductions", () => {
  it("the mentor introduces the mentee to a contact who accepts; it shows on both profiles", async () => {
    const { mentor, mentee, relId } = await activePair();
    const contact = await member({ name: "Connie Contact" });
    expect(
      (
        await mentee.as.post(`/api/mentoring/relationships/${relId}/introductions`, {
          contactId: contact.id,
          note: "x",
        })
      ).status,
    ).toBe(403);
    const self = await mentor.as.post(`/api/mentoring/relationships/${relId}/introductions`, {
      contactId: mentee.id,
      note: "x",
    });
    expect(self.body.error.code).toBe("mentoring.invalid_contact");
    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const mail = ctx.smtp.waitFor(contact.email);
    const intro = await mentor.as.post(`/api/mentoring/relationships/${relId}/introductions`, {
      contactId: contact.id,
      note: "You both love pricing",
    });
    expect(intro.status).toBe(201);
    await mail;
    expect((await mentee.as.post(`/api/mentoring/introductions/${intro.body.id}/accept`)).status).toBe(404);
    const accepted = await contact.as.post(`/api/mentoring/introductions/${intro.body.id}/accept`);
    expect(accepted.body.status).toBe("accepted");
    expect((await contact.as.post(`/api/mentoring/introductions/${intro.body.id}/decline`)).status).toBe(409);
    for (const id of [mentee.id, contact.id]) {
      const shown = await admin.as.get(`/api/people/${id}/introductions`);
      expect(shown.body.items[0]).toMatchObject({ mentee: { id: mentee.id }, contact: { id: contact.id } });
    }
  });
});

describe("program manager view", () => {
  it("counts participants, requests and relationships, flags quiet ones, and nudges the pair by email", async () => {
    const { programId, mentor, mentee, relId } = await activePair();
    const waiting = await member(menteeSpec());
    await enrol(waiting, programId, "mentee");
    await waiting.as.post(`/api/programs/${programId}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Me too?",
    });
    const old = new Date(Date.now() - 60 * 86_400_000).toISOString();
    await ctx.db
      .updateTable("mentoring_relationship")
      .set({ start_date: old.slice(0, 10) })
      .where("id", "=", relId)
      .execute();

    const res = await pm.as.get(`/api/programs/${programId}/mentoring/overview`);
    expect(res.body.counts).toEqual({
      mentors: 1,
      mentees: 2,
      openRequests: 1,
      proposed: 0,
      active: 1,
      completed: 0,
      endedEarly: 0,
      quiet: 1,
    });
    expect(res.body.menteesWaiting).toBe(1);
    const quiet = await pm.as.get(`/api/programs/${programId}/mentoring/relationships?status=quiet`);
    expect(quiet.body.items).toEqual([expect.objectContaining({ id: relId, quiet: true })]);
    expect(
      (await pm.as.get(`/api/programs/${programId}/mentoring/relationships?status=proposed`)).body.items,
    ).toEqual([]);
    const mentees = await pm.as.get(`/api/programs/${programId}/mentoring/participants?role=mentee`);
    expect(
      mentees.body.items.map((p: { person: { id: string }; activeRelationships: number }) => [
        p.person.id,
        p.activeRelationships,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [mentee.id, 1],
        [waiting.id, 0],
      ]),
    );
    const mentors = await pm.as.get(`/api/programs/${programId}/mentoring/participants?role=mentor`);
    expect(mentors.body.items).toEqual([
      { person: { id: mentor.id, name: expect.any(String) }, role: "mentor", activeRelationships: 1 },
    ]);
    const requests = await pm.as.get(`/api/programs/${programId}/mentoring/requests`);
    expect(requests.body.items).toEqual([
      expect.objectContaining({ mentee: expect.objectContaining({ id: waiting.id }) }),
    ]);
    expect(JSON.stringify(requests.body)).not.toContain("Me too?");
    for (const list of ["participants?role=mentee", "relationships", "requests"]) {
      expect((await mentee.as.get(`/api/programs/${programId}/mentoring/${list}`)).status).toBe(403);
    }
    expect((await mentee.as.get(`/api/programs/${programId}/mentoring/overview`)).status).toBe(403);
    expect((await sponsor.as.get(`/api/programs/${programId}/mentoring/overview`)).status).toBe(403);

    // Notices go out through the job queue: deliver the ones queued so far first.
    await ctx.jobs.drain();
    const mails = [ctx.smtp.waitFor(mentor.email), ctx.smtp.waitFor(mentee.email)];
    expect((await pm.as.post(`/api/mentoring/relationships/${relId}/nudge`)).status).toBe(200);
    for (const m of await Promise.all(mails)) expect(m.subject).toMatch(/nudge/i);
    expect((await mentee.as.post(`/api/mentoring/relationships/${relId}/nudge`)).status).toBe(403);
    expect((await outsider.as.post(`/api/mentoring/relationships/${relId}/nudge`)).status).toBe(404);
  });
});

describe("paging", () => {
  /** Every item of a list, a page of `limit` at a time, checking each page's size. */
  async function pages<T = { id: string }>(who: Member, path: string, limit: number): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    const sep = path.includes("?") ? "&" : "?";
    do {
      const res = await who.as.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  it("pages through a relationship's meetings and journal, every entry once, in order", async () => {
    const { mentor, mentee, relId } = await activePair();
    const days = ["2026-01-05", "2026-01-05", "2026-01-03", "2026-01-09", "2026-01-01"];
    for (const [i, metOn] of days.entries()) {
      const res = await mentor.as.post(`/api/mentoring/relationships/${relId}/meetings`, {
        metOn,
        durationMinutes: 30,
        notes: `Meeting ${i}`,
      });
      expect(res.status).toBe(201);
      expect(res.body.items).toHaveLength(i + 1);
    }
    const meetings = await pages<{ id: string; metOn: string; notes: string }>(
      mentee,
      `/api/mentoring/relationships/${relId}/meetings`,
      2,
    );
    expect(meetings.map((m) => m.metOn)).toEqual([...days].sort().reverse());
    expect(new Set(meetings.map((m) => m.id)).size).toBe(days.length);
    // The same day: the one logged later first.
    expect(meetings.filter((m) => m.metOn === "2026-01-05").map((m) => m.notes)).toEqual([
      "Meeting 1",
      "Meeting 0",
    ]);

    for (const text of ["one", "two", "three"])
      await mentee.as.post(`/api/mentoring/relationships/${relId}/journal`, { text });
    const journal = await pages<{ text: string }>(mentor, `/api/mentoring/relationships/${relId}/journal`, 1);
    expect(journal.map((j) => j.text)).toEqual(["three", "two", "one"]);
  });

  it("pages a program's participants by name and its relationships newest first", async () => {
    const programId = await program({ mentorCapacity: 5 });
    const mentor = await member(mentorSpec({ name: "Mentor Maple" }));
    await enrol(mentor, programId, "mentor");
    const names = ["Cleo", "Ana", "Bea", "Dot", "Eve"];
    const relIds: string[] = [];
    for (const name of names) {
      const m = await member(menteeSpec({ name: `${name} Mentee` }));
      await enrol(m, programId, "mentee");
      const made = await pm.as.post(`/api/programs/${programId}/mentoring/matches`, {
        mentorId: mentor.id,
        menteeId: m.id,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      relIds.push(made.body.relationshipId);
    }
    const base = `/api/programs/${programId}/mentoring`;
    const mentees = await pages<{ person: { name: string }; activeRelationships: number }>(
      pm,
      `${base}/participants?role=mentee`,
      2,
    );
    expect(mentees.map((p) => p.person.name)).toEqual([...names].sort().map((n) => `${n} Mentee`));
    expect(mentees.every((p) => p.activeRelationships === 1)).toBe(true);
    const found = await pm.as.get(`${base}/participants?role=mentee&q=bE`);
    expect(found.body.items.map((p: { person: { name: string } }) => p.person.name)).toEqual(["Bea Mentee"]);
    expect((await pm.as.get(`${base}/participants?role=mentee&q=%25`)).body.items).toEqual([]);

    const rels = await pages(pm, `${base}/relationships?status=proposed`, 2);
    expect(rels.map((r) => r.id)).toEqual([...relIds].reverse());
    const overview = await pm.as.get(`${base}/overview`);
    expect(overview.body.counts).toMatchObject({ mentors: 1, mentees: 5, proposed: 5 });
    expect(overview.body.menteesWaiting).toBe(0);

    const mine = await pages(mentor, "/api/mentoring/relationships?state=open", 3);
    expect(mine.map((r) => r.id)).toEqual([...relIds].reverse());
    expect((await mentor.as.get("/api/mentoring/relationships?state=closed")).body.items).toEqual([]);
  });

  it("shows a mentor's open requests first, then the newest", async () => {
    const id = await program({ mentorCapacity: 5 });
    const mentor = await member(mentorSpec());
    await enrol(mentor, id, "mentor");
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const m = await member(menteeSpec());
      await enrol(m, id, "mentee");
      const r = await m.as.post(`/api/programs/${id}/mentoring/requests`, {
        mentorId: mentor.id,
        message: `Request ${i}`,
      });
      expect(r.status).toBe(201);
      sent.push(r.body.id);
    }
    await mentor.as.post(`/api/mentoring/requests/${sent[2]}/decline`, { reason: "timing" });
    await mentor.as.post(`/api/mentoring/requests/${sent[0]}/decline`, { reason: "timing" });
    const received = await pages(mentor, "/api/mentoring/requests?box=received", 1);
    expect(received.map((r) => r.id)).toEqual([sent[3], sent[1], sent[2], sent[0]]);
    const first = await mentor.as.get("/api/mentoring/requests?box=received&limit=1");
    expect(first.body.open).toBe(2);
    expect((await mentor.as.get("/api/mentoring/requests?box=sent")).body).toEqual({
      items: [],
      nextCursor: null,
      open: 0,
    });
    expect((await mentor.as.get("/api/mentoring/requests")).status).toBe(400);
  });

  it("refuses a cursor it did not give out", async () => {
    const { mentee, relId, programId } = await activePair();
    for (const path of [
      `/api/mentoring/relationships/${relId}/meetings`,
      `/api/mentoring/relationships/${relId}/checkins`,
      "/api/mentoring/relationships",
      "/api/mentoring/introductions",
      "/api/mentoring/requests?box=sent",
      `/api/people/${mentee.id}/introductions`,
    ]) {
      const sep = path.includes("?") ? "&" : "?";
      const res = await mentee.as.get(`${path}${sep}cursor=nonsense`);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe("cursor");
      expect((await mentee.as.get(`${path}${sep}limit=201`)).status, path).toBe(400);
    }
    const res = await pm.as.get(`/api/programs/${programId}/mentoring/relationships?cursor=W10`);
    expect(res.body.error.details[0].path).toBe("cursor");
  });
});

describe("program manager and sponsor isolation", () => {
  it("a relationship's list entry is visible to the pair only", async () => {
    const { mentor, relId } = await activePair();
    expect(
      (await mentor.as.get("/api/mentoring/relationships")).body.items.map((r: { id: string }) => r.id),
    ).toContain(relId);
    expect((await pm.as.get("/api/mentoring/relationships")).body.items).toEqual([]);
  });
});
