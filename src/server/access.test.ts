import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRegistry, routeKey } from "./lib/access.ts";
import { CAREER_ANSWERS } from "./testing/advisor.ts";
import { activeEngagement, addCoach, daysAgo, heldBody, OBJECTIVES, scheduleAt } from "./testing/coaching.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";
import { openCohort, PASSING, PRACTICAL, pastSession, publishedCourse } from "./testing/training.ts";

type ActorName =
  | "anonymous"
  | "member"
  | "sponsor"
  | "program_manager"
  | "org_admin"
  | "other_org_admin"
  | "mentor"
  | "mentee"
  | "coach"
  | "coachee"
  | "trainer"
  | "trainee";
/**
 * Mentor and mentee are members of organization A who form the mentoring pair of the fixtures; coach and
 * coachee are members who form its coaching engagement, which the sponsor sponsors. Trainer and trainee are
 * members: the trainer teaches the training cohort of the fixtures and the trainee is enrolled in it.
 */
const ACTORS: ActorName[] = [
  "anonymous",
  "member",
  "sponsor",
  "program_manager",
  "org_admin",
  "other_org_admin",
  "mentor",
  "mentee",
  "coach",
  "coachee",
  "trainer",
  "trainee",
];

interface Fixtures {
  personId: string;
  programId: string;
  draftProgramId: string;
  invitationId: string;
  inviteToken: string;
  webhook: { endpointId: string; doomedEndpointId: string; deliveryId: string };
  mentoringProgramId: string;
  mentorId: string;
  menteeId: string;
  memberId: string;
  requestId: string;
  relationshipId: string;
  meetingId: string;
  goalId: string;
  milestoneId: string;
  introductionId: string;
  coachingProgramId: string;
  coachId: string;
  engagementId: string;
  setupEngagementId: string;
  objectiveId: string;
  objectiveIds: string[];
  sessionId: string;
  actionId: string;
  spareCoachee: Record<ActorName, string>;
  sponsorId: string;
  bulkProgramId: string;
  runId: string;
  pairId: string;
  discardedRunId: string;
  training: TrainingFixtures;
  advisorResponseId: string;
  /** A member the org admin erases. */
  eraseTarget: { id: string; email: string };
  /** SCIM tokens of both organizations, and a user and a group provisioned through the first. */
  scim: { token: string; otherToken: string; tokenId: string; userId: string; groupId: string };
  peopleImportId: string;
}

interface TrainingFixtures {
  programId: string;
  courseId: string;
  moduleId: string;
  lessonId: string;
  activityLessonId: string;
  quizId: string;
  practicalId: string;
  cohortId: string;
  sessionId: string;
  submissionId: string;
  attemptId: string;
  traineeId: string;
  trainerId: string;
  certificateId: string;
  credential: unknown;
  assignmentId: string;
  /** A trainee per actor, enrolled in the cohort, for the withdraw row. */
  spare: Record<ActorName, string>;
}

interface Row {
  request: (
    f: Fixtures,
    actor: ActorName,
  ) => { path: string; body?: unknown; headers?: Record<string, string> };
  expect: Record<ActorName, number>;
  /** SCIM routes: the status with organization A's SCIM token, and with organization B's (404 for A's ids). */
  scim?: { token: number; foreign: number };
}

const all = (status: number): Record<ActorName, number> => ({
  anonymous: status,
  member: status,
  sponsor: status,
  program_manager: status,
  org_admin: status,
  other_org_admin: status,
  mentor: status,
  mentee: status,
  coach: status,
  coachee: status,
  trainer: status,
  trainee: status,
});
/** Members of organization A, whether or not they are in the pair. */
const members = (status: number) => ({
  member: status,
  mentor: status,
  mentee: status,
  coach: status,
  coachee: status,
  trainer: status,
  trainee: status,
});
/** Signed-in callers of organization A get `ok`; the admin of organization B gets `foreign` (404 for A's ids). */
const signedIn = (ok: number, foreign = ok): Record<ActorName, number> => ({
  ...all(ok),
  anonymous: 401,
  other_org_admin: foreign,
});
const adminOnly = (ok: number, foreign = ok) => ({ ...signedIn(403, foreign), org_admin: ok });
const managers = (ok: number, foreign = ok) => ({
  ...signedIn(403, foreign),
  program_manager: ok,
  org_admin: ok,
});

/** Only the mentor and mentee of the relationship reach it; everyone else in the organization gets 404. */
const pairOnly = (mentor: number, mentee = mentor): Record<ActorName, number> => ({
  ...signedIn(404, 404),
  mentor,
  mentee,
});
/** The engagement's coach, coachee, sponsor and the program staff reach it; everyone else gets 404. */
const involved = (o: { coach: number; coachee: number; sponsor: number; staff: number }) => ({
  ...signedIn(404, 404),
  coach: o.coach,
  coachee: o.coachee,
  sponsor: o.sponsor,
  program_manager: o.staff,
  org_admin: o.staff,
});
const seeing = (status: number) =>
  involved({ coach: status, coachee: status, sponsor: status, staff: status });
/** Session content: the coach and coachee only; the sponsor and program staff are told no. */
const pair = (coach: number, coachee = coach) => involved({ coach, coachee, sponsor: 403, staff: 403 });
const assigners = (ok: number, foreign = ok) => ({
  ...signedIn(403, foreign),
  sponsor: ok,
  program_manager: ok,
  org_admin: ok,
});
/** The cohort's trainer and program staff; other members get 403 and the other organization 404. */
const cohortStaff = (ok: number) => ({
  ...signedIn(403, 404),
  program_manager: ok,
  org_admin: ok,
  trainer: ok,
});
const traineeOnly = (ok: number) => ({ ...signedIn(403, 404), trainee: ok });
const tr = (f: Fixtures) => f.training;
const cohortOf = (f: Fixtures, tail = "") => `/api/training/cohorts/${f.training.cohortId}${tail}`;
const eng = (f: Fixtures, tail = "") => `/api/coaching/engagements/${f.engagementId}${tail}`;
const setup = (f: Fixtures, tail = "") => `/api/coaching/engagements/${f.setupEngagementId}${tail}`;
const runOf = (f: Fixtures, rest = "", runId = f.runId) =>
  `/api/programs/${f.bulkProgramId}/mentoring/match-runs/${runId}${rest}`;
const rel = (f: Fixtures, tail = "") => `/api/mentoring/relationships/${f.relationshipId}${tail}`;

/**
 * The authorization table: every route, called by every kind of caller, with the status each must get.
 * Rows run in this order, so later rows may rely on what earlier rows did.
 */
const MATRIX: Record<string, Row> = {
  "GET /api/health": { request: () => ({ path: "/api/health" }), expect: all(200) },
  "GET /api/openapi.json": { request: () => ({ path: "/api/openapi.json" }), expect: all(200) },
  "GET /api/docs": { request: () => ({ path: "/api/docs" }), expect: all(200) },
  "GET /api/docs/assets/{file}": {
    request: () => ({ path: "/api/docs/assets/swagger-ui.css" }),
    expect: all(200),
  },
  "GET /api/auth/*": { request: () => ({ path: "/api/auth/get-session" }), expect: all(200) },
  "POST /api/auth/*": {
    request: (_f, actor) => ({
      path: "/api/auth/request-password-reset",
      body: { email: `nobody.${actor}@example.test` },
    }),
    expect: all(200),
  },
  "GET /api/me": { request: () => ({ path: "/api/me" }), expect: signedIn(200) },
  "PATCH /api/me/profile": {
    request: () => ({ path: "/api/me/profile", body: { interests: ["Writing"] } }),
    expect: signedIn(200),
  },
  "GET /api/people": { request: () => ({ path: "/api/people?q=a" }), expect: signedIn(200) },
  "GET /api/people/facets": { request: () => ({ path: "/api/people/facets" }), expect: signedIn(200) },
  "GET /api/people/facets/{facet}": {
    request: () => ({ path: "/api/people/facets/department?q=a" }),
    expect: signedIn(200),
  },
  "GET /api/people/{id}": {
    request: (f) => ({ path: `/api/people/${f.personId}` }),
    expect: signedIn(200, 404),
  },
  "PATCH /api/people/{id}": {
    request: (f) => ({ path: `/api/people/${f.personId}`, body: { seniority: 2 } }),
    expect: adminOnly(200, 404),
  },
  "PUT /api/people/{id}/role": {
    request: (f) => ({ path: `/api/people/${f.personId}/role`, body: { role: "member" } }),
    expect: adminOnly(200, 404),
  },
  "PUT /api/people/{id}/status": {
    request: (f) => ({ path: `/api/people/${f.personId}/status`, body: { status: "active" } }),
    expect: adminOnly(200, 404),
  },
  "GET /api/people/{id}/record": {
    request: (f) => ({ path: `/api/people/${f.training.traineeId}/record` }),
    expect: { ...signedIn(404, 404), trainee: 200, coach: 200, org_admin: 200 },
  },
  "GET /api/me/record.json": { request: () => ({ path: "/api/me/record.json" }), expect: signedIn(200) },
  "GET /api/me/record.pdf": { request: () => ({ path: "/api/me/record.pdf" }), expect: signedIn(200) },
  "GET /api/me/data-export": { request: () => ({ path: "/api/me/data-export" }), expect: signedIn(200) },
  "GET /api/me/notification-preferences": {
    request: () => ({ path: "/api/me/notification-preferences" }),
    expect: signedIn(200),
  },
  "PUT /api/me/notification-preferences": {
    request: () => ({
      path: "/api/me/notification-preferences",
      body: { categories: [{ category: "inactivity_nudges", enabled: false }] },
    }),
    expect: signedIn(200),
  },
  "GET /api/me/calendar-feed": { request: () => ({ path: "/api/me/calendar-feed" }), expect: signedIn(200) },
  "POST /api/me/calendar-feed": { request: () => ({ path: "/api/me/calendar-feed" }), expect: signedIn(201) },
  "DELETE /api/me/calendar-feed": {
    request: () => ({ path: "/api/me/calendar-feed" }),
    expect: signedIn(204),
  },
  "GET /api/mentoring/meetings/{id}/calendar.ics": {
    request: (f) => ({ path: `/api/mentoring/meetings/${f.meetingId}/calendar.ics` }),
    expect: pairOnly(200),
  },
  "GET /api/coaching/sessions/{id}/calendar.ics": {
    request: (f) => ({ path: `/api/coaching/sessions/${f.sessionId}/calendar.ics` }),
    expect: pair(200),
  },
  "GET /api/training/sessions/{id}/calendar.ics": {
    request: (f) => ({ path: `/api/training/sessions/${tr(f).sessionId}/calendar.ics` }),
    expect: { ...signedIn(403, 404), program_manager: 200, org_admin: 200, trainer: 200, trainee: 200 },
  },
  "POST /api/people/{id}/erase": {
    request: (f) => ({
      path: `/api/people/${f.eraseTarget.id}/erase`,
      body: { confirmEmail: f.eraseTarget.email },
    }),
    expect: adminOnly(200, 404),
  },
  "POST /api/invitations": {
    request: (_f, actor) => ({
      path: "/api/invitations",
      body: { email: `invitee.${actor}.${Date.now()}@example.test`, name: "Invitee" },
    }),
    expect: adminOnly(201),
  },
  "GET /api/invitations": { request: () => ({ path: "/api/invitations" }), expect: adminOnly(200) },
  "POST /api/invitations/{id}/resend": {
    request: (f) => ({ path: `/api/invitations/${f.invitationId}/resend` }),
    expect: adminOnly(200, 404),
  },
  "GET /api/invitations/preview": {
    request: (f) => ({ path: `/api/invitations/preview?token=${f.inviteToken}` }),
    expect: all(200),
  },
  "POST /api/invitations/accept": {
    request: () => ({
      path: "/api/invitations/accept",
      body: { token: "not-a-token-of-anyone", name: "Nobody", password: "long-enough-password" },
    }),
    expect: all(404),
  },
  "DELETE /api/invitations/{id}": {
    request: (f) => ({ path: `/api/invitations/${f.invitationId}` }),
    expect: adminOnly(204, 404),
  },
  "GET /api/organization": { request: () => ({ path: "/api/organization" }), expect: signedIn(200) },
  "PATCH /api/organization": {
    request: () => ({ path: "/api/organization", body: { name: "Renamed Org" } }),
    expect: adminOnly(200),
  },
  "GET /api/organization/stats": {
    request: () => ({ path: "/api/organization/stats" }),
    expect: { ...signedIn(200), ...members(403) },
  },
  "GET /api/programs": { request: () => ({ path: "/api/programs" }), expect: signedIn(200) },
  "POST /api/programs": {
    request: () => ({
      path: "/api/programs",
      body: {
        kind: "training",
        name: "Matrix course",
        enrolmentOpensAt: "2026-01-01T00:00:00Z",
        enrolmentClosesAt: "2030-01-01T00:00:00Z",
      },
    }),
    expect: managers(201),
  },
  "GET /api/programs/{id}": {
    request: (f) => ({ path: `/api/programs/${f.draftProgramId}` }),
    expect: { ...signedIn(200, 404), ...members(404), sponsor: 404 },
  },
  "PATCH /api/programs/{id}": {
    request: (f) => ({ path: `/api/programs/${f.programId}`, body: { description: "Updated" } }),
    expect: managers(200, 404),
  },
  "POST /api/programs/{id}/enrolments": {
    request: (f) => ({
      path: `/api/programs/${f.programId}/enrolments`,
      body: { role: "mentee", answers: {} },
    }),
    expect: signedIn(201, 404),
  },
  "DELETE /api/programs/{id}/enrolments/me": {
    request: (f) => ({ path: `/api/programs/${f.programId}/enrolments/me?role=mentee` }),
    expect: signedIn(200, 404),
  },
  "GET /api/programs/{id}/enrolments": {
    request: (f) => ({ path: `/api/programs/${f.programId}/enrolments` }),
    expect: managers(200, 404),
  },
  "GET /api/audit": { request: () => ({ path: "/api/audit" }), expect: adminOnly(200) },
  "GET /api/sso/config": { request: () => ({ path: "/api/sso/config" }), expect: adminOnly(200) },
  // No identity provider answers here: an admin gets past the access rule to discovery, which fails (422).
  "PUT /api/sso/config": {
    request: () => ({
      path: "/api/sso/config",
      body: { issuerUrl: "http://127.0.0.1:9", clientId: "trellis", clientSecret: "secret" },
    }),
    expect: adminOnly(422),
  },
  "DELETE /api/sso/config": { request: () => ({ path: "/api/sso/config" }), expect: adminOnly(404) },
  "GET /api/sso/start": { request: () => ({ path: "/api/sso/start?org=no-such-org" }), expect: all(302) },
  "GET /api/sso/callback": {
    request: () => ({ path: "/api/sso/callback?code=x&state=y" }),
    expect: all(302),
  },
  "GET /api/integrations/xapi": {
    request: () => ({ path: "/api/integrations/xapi" }),
    expect: adminOnly(200),
  },
  // Before the PUT row: no LRS is saved yet, so the admins' test answers 422 and nothing is sent.
  "POST /api/integrations/xapi/test": {
    request: () => ({ path: "/api/integrations/xapi/test" }),
    expect: adminOnly(422),
  },
  "PUT /api/integrations/xapi": {
    request: () => ({
      path: "/api/integrations/xapi",
      body: { endpoint: "https://93.184.216.34/xapi/", authKey: "k", authSecret: "s", enabled: false },
    }),
    expect: adminOnly(200),
  },
  "GET /api/integrations/xapi/statements": {
    request: () => ({ path: "/api/integrations/xapi/statements" }),
    expect: adminOnly(200),
  },
  "GET /api/programs/{id}/mentoring/settings": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/settings` }),
    expect: signedIn(200, 404),
  },
  "PATCH /api/programs/{id}/mentoring/settings": {
    request: (f) => ({
      path: `/api/programs/${f.mentoringProgramId}/mentoring/settings`,
      body: { mentorCapacity: 3 },
    }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/me": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/me` }),
    expect: signedIn(200, 404),
  },
  "PATCH /api/programs/{id}/mentoring/me": {
    request: (f) => ({
      path: `/api/programs/${f.mentoringProgramId}/mentoring/me`,
      body: { skillsWanted: [{ name: "Leadership", level: 3 }] },
    }),
    expect: { ...signedIn(422, 404), mentee: 200 },
  },
  "GET /api/programs/{id}/mentoring/recommendations": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/recommendations` }),
    expect: { ...signedIn(403, 404), mentee: 200 },
  },
  "POST /api/programs/{id}/mentoring/requests": {
    request: (f) => ({
      path: `/api/programs/${f.mentoringProgramId}/mentoring/requests`,
      body: { mentorId: f.mentorId, message: "Again?" },
    }),
    expect: { ...signedIn(403, 404), mentee: 409 },
  },
  "GET /api/mentoring/requests": {
    request: () => ({ path: "/api/mentoring/requests?box=received" }),
    expect: signedIn(200),
  },
  "POST /api/mentoring/requests/{id}/accept": {
    request: (f) => ({ path: `/api/mentoring/requests/${f.requestId}/accept` }),
    expect: { ...signedIn(404), mentor: 409 },
  },
  "POST /api/mentoring/requests/{id}/decline": {
    request: (f) => ({ path: `/api/mentoring/requests/${f.requestId}/decline`, body: { reason: "timing" } }),
    expect: { ...signedIn(404), mentor: 409 },
  },
  "POST /api/mentoring/requests/{id}/withdraw": {
    request: (f) => ({ path: `/api/mentoring/requests/${f.requestId}/withdraw` }),
    expect: { ...signedIn(404), mentee: 409 },
  },
  "POST /api/programs/{id}/mentoring/matches": {
    request: (f) => ({
      path: `/api/programs/${f.mentoringProgramId}/mentoring/matches`,
      body: { mentorId: f.mentorId, menteeId: f.menteeId },
    }),
    expect: managers(409, 404),
  },
  "GET /api/programs/{id}/mentoring/pair-score": {
    request: (f) => ({
      path: `/api/programs/${f.bulkProgramId}/mentoring/pair-score?menteeId=${f.menteeId}&mentorId=${f.mentorId}`,
    }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/match-runs": {
    request: (f) => ({ path: `/api/programs/${f.bulkProgramId}/mentoring/match-runs` }),
    expect: managers(200, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs": {
    request: (f) => ({
      path: `/api/programs/${f.bulkProgramId}/mentoring/match-runs`,
      body: { mode: "optimal" },
    }),
    expect: managers(201, 404),
  },
  "GET /api/programs/{id}/mentoring/match-runs/{runId}": {
    request: (f) => ({ path: runOf(f) }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/match-runs/{runId}/pairs": {
    request: (f) => ({ path: runOf(f, "/pairs?limit=1") }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/match-runs/{runId}/unmatched": {
    request: (f) => ({ path: runOf(f, "/unmatched?limit=1") }),
    expect: managers(200, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs/{runId}/pairs": {
    request: (f) => ({ path: runOf(f, "/pairs"), body: { menteeId: f.memberId, mentorId: f.mentorId } }),
    expect: managers(422, 404),
  },
  "PATCH /api/programs/{id}/mentoring/match-runs/{runId}/pairs/{pairId}": {
    request: (f) => ({ path: runOf(f, `/pairs/${f.pairId}`), body: { locked: true } }),
    expect: managers(200, 404),
  },
  "DELETE /api/programs/{id}/mentoring/match-runs/{runId}/pairs/{pairId}": {
    request: (f) => ({ path: runOf(f, `/pairs/${f.discardedRunId}`) }),
    expect: managers(404, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs/{runId}/swap": {
    request: (f) => ({ path: runOf(f, "/swap"), body: { pairIds: [f.pairId, f.pairId] } }),
    expect: managers(422, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs/{runId}/rerun": {
    request: (f) => ({ path: runOf(f, "/rerun") }),
    expect: managers(200, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs/{runId}/publish": {
    request: (f) => ({ path: runOf(f, "/publish", f.discardedRunId) }),
    expect: managers(409, 404),
  },
  "POST /api/programs/{id}/mentoring/match-runs/{runId}/discard": {
    request: (f) => ({ path: runOf(f, "/discard", f.discardedRunId) }),
    expect: managers(409, 404),
  },
  "GET /api/programs/{id}/mentoring/overview": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/overview` }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/participants": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/participants?role=mentee` }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/relationships": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/relationships` }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/mentoring/requests": {
    request: (f) => ({ path: `/api/programs/${f.mentoringProgramId}/mentoring/requests` }),
    expect: managers(200, 404),
  },
  "GET /api/mentoring/relationships": {
    request: () => ({ path: "/api/mentoring/relationships" }),
    expect: signedIn(200),
  },
  "GET /api/mentoring/relationships/{id}": { request: (f) => ({ path: rel(f) }), expect: pairOnly(200) },
  "PUT /api/mentoring/relationships/{id}/agreement": {
    request: (f) => ({
      path: rel(f, "/agreement"),
      body: { goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 },
    }),
    expect: pairOnly(409),
  },
  "POST /api/mentoring/relationships/{id}/agreement/sign": {
    request: (f) => ({ path: rel(f, "/agreement/sign") }),
    expect: pairOnly(409),
  },
  "POST /api/mentoring/relationships/{id}/extend": {
    request: (f) => ({ path: rel(f, "/extend"), body: { months: 1 } }),
    expect: pairOnly(200),
  },
  "GET /api/mentoring/relationships/{id}/meetings": {
    request: (f) => ({ path: rel(f, "/meetings") }),
    expect: pairOnly(200),
  },
  "POST /api/mentoring/relationships/{id}/meetings": {
    request: (f) => ({ path: rel(f, "/meetings"), body: { metOn: "2026-01-05", durationMinutes: 30 } }),
    expect: pairOnly(201),
  },
  "GET /api/mentoring/relationships/{id}/journal": {
    request: (f) => ({ path: rel(f, "/journal") }),
    expect: pairOnly(200),
  },
  "POST /api/mentoring/relationships/{id}/journal": {
    request: (f) => ({ path: rel(f, "/journal"), body: { text: "An entry" } }),
    expect: pairOnly(201),
  },
  "GET /api/mentoring/relationships/{id}/goals": {
    request: (f) => ({ path: rel(f, "/goals") }),
    expect: pairOnly(200),
  },
  "POST /api/mentoring/relationships/{id}/goals": {
    request: (f) => ({ path: rel(f, "/goals"), body: { title: "Speak at a meetup", category: "network" } }),
    expect: pairOnly(403, 201),
  },
  "PATCH /api/mentoring/relationships/{id}/goals/{goalId}": {
    request: (f) => ({ path: rel(f, `/goals/${f.goalId}`), body: { status: "in_progress" } }),
    expect: pairOnly(403, 200),
  },
  "POST /api/mentoring/relationships/{id}/goals/{goalId}/milestones": {
    request: (f) => ({ path: rel(f, `/goals/${f.goalId}/milestones`), body: { title: "Draft the talk" } }),
    expect: pairOnly(403, 201),
  },
  "PATCH /api/mentoring/relationships/{id}/goals/{goalId}/milestones/{milestoneId}": {
    request: (f) => ({
      path: rel(f, `/goals/${f.goalId}/milestones/${f.milestoneId}`),
      body: { done: true },
    }),
    expect: pairOnly(403, 200),
  },
  "POST /api/mentoring/relationships/{id}/goals/{goalId}/comments": {
    request: (f) => ({ path: rel(f, `/goals/${f.goalId}/comments`), body: { body: "Nice" } }),
    expect: pairOnly(201),
  },
  "GET /api/mentoring/relationships/{id}/checkins": {
    request: (f) => ({ path: rel(f, "/checkins") }),
    expect: pairOnly(200),
  },
  "POST /api/mentoring/relationships/{id}/checkins": {
    request: (f) => ({ path: rel(f, "/checkins"), body: { satisfaction: 4, learned: "x", wouldChange: "" } }),
    expect: pairOnly(409),
  },
  "POST /api/mentoring/relationships/{id}/introductions": {
    request: (f) => ({
      path: rel(f, "/introductions"),
      body: { contactId: f.personId, note: "Meet Target" },
    }),
    expect: pairOnly(201, 403),
  },
  "POST /api/mentoring/relationships/{id}/nudge": {
    request: (f) => ({ path: rel(f, "/nudge") }),
    expect: managers(200, 404),
  },
  "GET /api/mentoring/introductions": {
    request: () => ({ path: "/api/mentoring/introductions" }),
    expect: signedIn(200),
  },
  "POST /api/mentoring/introductions/{id}/accept": {
    request: (f) => ({ path: `/api/mentoring/introductions/${f.introductionId}/accept` }),
    expect: { ...signedIn(404), member: 200 },
  },
  "POST /api/mentoring/introductions/{id}/decline": {
    request: (f) => ({ path: `/api/mentoring/introductions/${f.introductionId}/decline` }),
    expect: { ...signedIn(404), member: 409 },
  },
  "GET /api/people/{id}/introductions": {
    request: (f) => ({ path: `/api/people/${f.memberId}/introductions` }),
    expect: signedIn(200, 404),
  },
  "POST /api/mentoring/relationships/{id}/end": {
    request: (f) => ({ path: rel(f, "/end"), body: { reason: "Moving on" } }),
    expect: pairOnly(200, 409),
  },
  "POST /api/mentoring/relationships/{id}/complete": {
    request: (f) => ({ path: rel(f, "/complete") }),
    expect: pairOnly(409),
  },
  "POST /api/mentoring/relationships/{id}/reflection": {
    request: (f) => ({ path: rel(f, "/reflection"), body: { text: "Thanks", rating: 5 } }),
    expect: pairOnly(201),
  },
  "GET /api/coaching/coaches": {
    request: () => ({ path: "/api/coaching/coaches" }),
    expect: assigners(200),
  },
  "PUT /api/coaching/coaches/{personId}": {
    request: (f) => ({
      path: `/api/coaching/coaches/${f.coachId}`,
      body: { kind: "internal", specialties: ["Delegation"], languages: ["English"], capacity: 10 },
    }),
    expect: managers(200, 404),
  },
  "GET /api/programs/{id}/coaching/shortlist": {
    request: (f) => ({
      path: `/api/programs/${f.coachingProgramId}/coaching/shortlist?coacheeId=${f.spareCoachee.member}`,
    }),
    expect: assigners(200, 404),
  },
  "POST /api/programs/{id}/coaching/engagements": {
    request: (f, actor) => ({
      path: `/api/programs/${f.coachingProgramId}/coaching/engagements`,
      body: {
        coacheeId: f.spareCoachee[actor],
        coachId: f.coachId,
        ...(actor === "sponsor" ? {} : { sponsorId: f.sponsorId }),
      },
    }),
    expect: assigners(201, 404),
  },
  "GET /api/programs/{id}/coaching/engagements": {
    request: (f) => ({ path: `/api/programs/${f.coachingProgramId}/coaching/engagements` }),
    expect: managers(200, 404),
  },
  "GET /api/coaching/engagements": {
    request: () => ({ path: "/api/coaching/engagements" }),
    expect: signedIn(200),
  },
  "GET /api/coaching/engagements/{id}": { request: (f) => ({ path: eng(f) }), expect: seeing(200) },
  "POST /api/coaching/engagements/{id}/choose-coach": {
    request: (f) => ({ path: eng(f, "/choose-coach"), body: { coachId: f.coachId } }),
    expect: involved({ coach: 403, coachee: 409, sponsor: 403, staff: 403 }),
  },
  "POST /api/coaching/engagements/{id}/amendments": {
    request: (f) => ({ path: eng(f, "/amendments"), body: { addSessions: 1, reason: "More support" } }),
    expect: involved({ coach: 403, coachee: 403, sponsor: 200, staff: 200 }),
  },
  "GET /api/coaching/engagements/{id}/objectives": {
    request: (f) => ({ path: eng(f, "/objectives") }),
    expect: seeing(200),
  },
  "PUT /api/coaching/engagements/{id}/objectives": {
    request: (f) => ({ path: setup(f, "/objectives"), body: { objectives: OBJECTIVES } }),
    expect: involved({ coach: 200, coachee: 200, sponsor: 200, staff: 403 }),
  },
  "POST /api/coaching/engagements/{id}/objectives/agree": {
    request: (f) => ({ path: setup(f, "/objectives/agree") }),
    expect: involved({ coach: 200, coachee: 200, sponsor: 200, staff: 403 }),
  },
  "POST /api/coaching/engagements/{id}/cancel": {
    request: (f) => ({ path: setup(f, "/cancel"), body: { reason: "Changed roles" } }),
    expect: involved({ coach: 403, coachee: 403, sponsor: 200, staff: 409 }),
  },
  "POST /api/coaching/engagements/{id}/objectives/{objectiveId}/values": {
    request: (f) => ({ path: eng(f, `/objectives/${f.objectiveId}/values`), body: { value: 7 } }),
    expect: pair(201),
  },
  "GET /api/coaching/insights": {
    request: () => ({ path: "/api/coaching/insights" }),
    expect: assigners(200),
  },
  "GET /api/analytics/organization": {
    request: () => ({ path: "/api/analytics/organization" }),
    expect: assigners(200),
  },
  "GET /api/analytics/organization/programs": {
    request: () => ({ path: "/api/analytics/organization/programs?q=a&limit=5" }),
    expect: assigners(200),
  },
  "GET /api/analytics/organization/export.csv": {
    request: () => ({ path: "/api/analytics/organization/export.csv" }),
    expect: assigners(200),
  },
  "GET /api/analytics/programs/{id}": {
    request: (f) => ({ path: `/api/analytics/programs/${f.mentoringProgramId}` }),
    expect: assigners(200, 404),
  },
  "GET /api/analytics/programs/{id}/export.csv": {
    request: (f) => ({ path: `/api/analytics/programs/${f.mentoringProgramId}/export.csv` }),
    expect: assigners(200, 404),
  },
  "GET /api/analytics/succession": {
    request: () => ({ path: "/api/analytics/succession" }),
    expect: managers(200),
  },
  "GET /api/coaching/engagements/{id}/sessions": {
    request: (f) => ({ path: eng(f, "/sessions") }),
    expect: pair(200),
  },
  "POST /api/coaching/engagements/{id}/sessions": {
    request: (f) => ({ path: eng(f, "/sessions"), body: { scheduledAt: daysAgo(-1), durationMinutes: 45 } }),
    expect: pair(201, 403),
  },
  "GET /api/coaching/engagements/{id}/actions": {
    request: (f) => ({ path: eng(f, "/actions") }),
    expect: pair(200),
  },
  "PATCH /api/coaching/engagements/{id}/actions/{actionId}": {
    request: (f) => ({ path: eng(f, `/actions/${f.actionId}`), body: { status: "done" } }),
    expect: pair(200),
  },
  "POST /api/coaching/engagements/{id}/sessions/{sessionId}/record": {
    request: (f) => ({
      path: eng(f, `/sessions/${f.sessionId}/record`),
      body: heldBody({ reviews: [{ actionId: f.actionId, outcome: "done" }] }),
    }),
    expect: pair(200, 403),
  },
  "GET /api/coaching/actions": {
    request: () => ({ path: "/api/coaching/actions?due=week" }),
    expect: signedIn(200),
  },
  "GET /api/coaching/engagements/{id}/assessments": {
    request: (f) => ({ path: eng(f, "/assessments") }),
    expect: pair(200),
  },
  "PUT /api/coaching/engagements/{id}/assessments/{phase}/self": {
    request: (f) => ({
      path: eng(f, "/assessments/post/self"),
      body: {
        ratings: [
          { objectiveId: f.objectiveId, rating: 6 },
          { objectiveId: f.objectiveIds[1], rating: 6 },
        ],
      },
    }),
    expect: pair(403, 200),
  },
  "POST /api/coaching/engagements/{id}/assessments/{phase}/stakeholders": {
    request: (f) => ({ path: eng(f, "/assessments/post/stakeholders"), body: { personIds: [f.memberId] } }),
    expect: pair(200),
  },
  "PUT /api/coaching/engagements/{id}/assessments/{phase}/stakeholder": {
    request: (f) => ({
      path: eng(f, "/assessments/post/stakeholder"),
      body: {
        ratings: [
          { objectiveId: f.objectiveId, rating: 5 },
          { objectiveId: f.objectiveIds[1], rating: 5 },
        ],
      },
    }),
    expect: { ...signedIn(404), member: 200 },
  },
  "GET /api/coaching/rating-requests": {
    request: () => ({ path: "/api/coaching/rating-requests" }),
    expect: signedIn(200),
  },
  "GET /api/coaching/engagements/{id}/summary": {
    request: (f) => ({ path: eng(f, "/summary") }),
    expect: seeing(200),
  },
  "GET /api/coaching/engagements/{id}/report": {
    request: (f) => ({ path: eng(f, "/report") }),
    expect: seeing(200),
  },
  "POST /api/coaching/engagements/{id}/complete": {
    request: (f) => ({ path: eng(f, "/complete") }),
    expect: pair(409, 403),
  },
  "GET /api/training/courses": { request: () => ({ path: "/api/training/courses" }), expect: signedIn(200) },
  "POST /api/training/courses": {
    request: () => ({ path: "/api/training/courses", body: { title: "Matrix course" } }),
    expect: managers(201),
  },
  "GET /api/training/courses/{id}": {
    request: (f) => ({ path: `/api/training/courses/${tr(f).courseId}` }),
    expect: signedIn(200, 404),
  },
  "PATCH /api/training/courses/{id}": {
    request: (f) => ({ path: `/api/training/courses/${tr(f).courseId}`, body: { summary: "Changed" } }),
    expect: managers(200, 404),
  },
  "POST /api/training/courses/{id}/modules": {
    request: (f) => ({ path: `/api/training/courses/${tr(f).courseId}/modules`, body: { title: "Extra" } }),
    expect: managers(201, 404),
  },
  "PATCH /api/training/modules/{id}": {
    request: (f) => ({ path: `/api/training/modules/${tr(f).moduleId}`, body: { title: "Renamed" } }),
    expect: managers(200, 404),
  },
  "DELETE /api/training/modules/{id}": {
    request: (f) => ({ path: `/api/training/modules/${tr(f).moduleId}` }),
    expect: managers(409, 404),
  },
  "POST /api/training/modules/{id}/lessons": {
    request: (f) => ({
      path: `/api/training/modules/${tr(f).moduleId}/lessons`,
      body: { title: "Optional reading", required: false },
    }),
    expect: managers(201, 404),
  },
  "PATCH /api/training/lessons/{id}": {
    request: (f) => ({ path: `/api/training/lessons/${tr(f).lessonId}`, body: { title: "Why GROW works" } }),
    expect: managers(200, 404),
  },
  "DELETE /api/training/lessons/{id}": {
    request: (f) => ({ path: `/api/training/lessons/${tr(f).lessonId}` }),
    expect: managers(409, 404),
  },
  "POST /api/training/courses/{id}/assessments": {
    request: (f) => ({
      path: `/api/training/courses/${tr(f).courseId}/assessments`,
      body: { ...PRACTICAL, title: "Optional practical", required: false },
    }),
    expect: managers(201, 404),
  },
  "PATCH /api/training/assessments/{id}": {
    request: (f) => ({ path: `/api/training/assessments/${tr(f).quizId}`, body: { title: "GROW quiz" } }),
    expect: managers(200, 404),
  },
  "DELETE /api/training/assessments/{id}": {
    request: (f) => ({ path: `/api/training/assessments/${tr(f).quizId}` }),
    expect: managers(409, 404),
  },
  "GET /api/programs/{id}/training/cohorts": {
    request: (f) => ({ path: `/api/programs/${tr(f).programId}/training/cohorts` }),
    expect: signedIn(200, 404),
  },
  "POST /api/programs/{id}/training/cohorts": {
    request: (f) => ({
      path: `/api/programs/${tr(f).programId}/training/cohorts`,
      body: {
        courseId: tr(f).courseId,
        name: "Another cohort",
        startDate: "2027-01-04",
        endDate: "2027-02-26",
        seats: 10,
        trainerIds: [tr(f).trainerId],
      },
    }),
    expect: managers(201, 404),
  },
  "GET /api/programs/{id}/training/dashboard": {
    request: (f) => ({ path: `/api/programs/${tr(f).programId}/training/dashboard` }),
    expect: managers(200, 404),
  },
  "GET /api/training/cohorts/{id}": { request: (f) => ({ path: cohortOf(f) }), expect: signedIn(200, 404) },
  "PATCH /api/training/cohorts/{id}": {
    request: (f) => ({ path: cohortOf(f), body: { name: "Spring cohort (renamed)" } }),
    expect: managers(200, 404),
  },
  "GET /api/training/cohorts/{id}/roster": {
    request: (f) => ({ path: cohortOf(f, "/roster") }),
    expect: cohortStaff(200),
  },
  "POST /api/training/cohorts/{id}/enrolments": {
    request: (f) => ({ path: cohortOf(f, "/enrolments"), body: {} }),
    expect: { ...signedIn(422, 404), trainer: 409, trainee: 409 },
  },
  "POST /api/training/cohorts/{id}/enrolments/{personId}/withdraw": {
    request: (f, actor) => ({ path: cohortOf(f, `/enrolments/${tr(f).spare[actor]}/withdraw`) }),
    expect: managers(200, 404),
  },
  "POST /api/training/cohorts/{id}/offer": {
    request: (f) => ({ path: cohortOf(f, "/offer"), body: { accept: true } }),
    expect: signedIn(409, 404),
  },
  "POST /api/training/cohorts/{id}/sessions": {
    request: (f) => ({
      path: cohortOf(f, "/sessions"),
      body: {
        kind: "lecture",
        title: "Extra",
        startsAt: "2027-01-05T09:00:00Z",
        endsAt: "2027-01-05T10:00:00Z",
      },
    }),
    expect: cohortStaff(201),
  },
  "PATCH /api/training/sessions/{id}": {
    request: (f) => ({ path: `/api/training/sessions/${tr(f).sessionId}`, body: { location: "Room 5" } }),
    expect: cohortStaff(200),
  },
  "GET /api/training/sessions/{id}/attendance": {
    request: (f) => ({ path: `/api/training/sessions/${tr(f).sessionId}/attendance` }),
    expect: cohortStaff(200),
  },
  "PUT /api/training/sessions/{id}/attendance": {
    request: (f) => ({
      path: `/api/training/sessions/${tr(f).sessionId}/attendance`,
      body: { marks: [{ personId: tr(f).traineeId, status: "present" }] },
    }),
    expect: cohortStaff(200),
  },
  "POST /api/training/cohorts/{id}/lessons/{lessonId}/complete": {
    request: (f) => ({ path: cohortOf(f, `/lessons/${tr(f).lessonId}/complete`) }),
    expect: traineeOnly(200),
  },
  "POST /api/training/cohorts/{id}/lessons/{lessonId}/submissions": {
    request: (f) => ({
      path: cohortOf(f, `/lessons/${tr(f).activityLessonId}/submissions`),
      body: { kind: "link", body: "https://example.test/my-questions" },
    }),
    expect: traineeOnly(201),
  },
  "POST /api/training/submissions/{id}/review": {
    request: (f) => ({
      path: `/api/training/submissions/${tr(f).submissionId}/review`,
      body: { decision: "accepted" },
    }),
    // The first reviewer accepts it; the next find it already reviewed.
    expect: { ...cohortStaff(409), program_manager: 200 },
  },
  "GET /api/training/grading-queue/submissions": {
    request: () => ({ path: "/api/training/grading-queue/submissions" }),
    expect: signedIn(200),
  },
  "GET /api/training/grading-queue/practicals": {
    request: () => ({ path: "/api/training/grading-queue/practicals" }),
    expect: signedIn(200),
  },
  "POST /api/training/cohorts/{id}/assessments/{assessmentId}/attempts": {
    request: (f) => ({ path: cohortOf(f, `/assessments/${tr(f).quizId}/attempts`) }),
    expect: traineeOnly(201),
  },
  "POST /api/training/attempts/{id}/submit": {
    request: (f) => ({
      path: `/api/training/attempts/${tr(f).attemptId}/submit`,
      body: { answers: PASSING },
    }),
    expect: { ...signedIn(404, 404), trainee: 200 },
  },
  "PUT /api/training/cohorts/{id}/assessments/{assessmentId}/grades/{personId}": {
    request: (f) => ({
      path: cohortOf(f, `/assessments/${tr(f).practicalId}/grades/${tr(f).traineeId}`),
      body: { levels: { questions: "good", listening: "good" } },
    }),
    expect: cohortStaff(200),
  },
  "GET /api/training/cohorts/{id}/gradebook": {
    request: (f) => ({ path: cohortOf(f, "/gradebook") }),
    expect: cohortStaff(200),
  },
  "GET /api/training/cohorts/{id}/gradebook/{personId}": {
    request: (f) => ({ path: cohortOf(f, `/gradebook/${tr(f).traineeId}`) }),
    expect: { ...cohortStaff(200), trainee: 200 },
  },
  "GET /api/training/me": { request: () => ({ path: "/api/training/me" }), expect: signedIn(200) },
  "GET /api/training/teaching": {
    request: () => ({ path: "/api/training/teaching" }),
    expect: signedIn(200),
  },
  "GET /api/credentials/{id}": {
    request: (f) => ({ path: `/api/credentials/${tr(f).certificateId}` }),
    expect: all(200),
  },
  "GET /api/credentials/{id}/verification": {
    request: (f) => ({ path: `/api/credentials/${tr(f).certificateId}/verification` }),
    expect: all(200),
  },
  "POST /api/credentials/verify": {
    request: (f) => ({ path: "/api/credentials/verify", body: tr(f).credential }),
    expect: all(200),
  },
  "GET /api/training/assignments": {
    request: () => ({ path: "/api/training/assignments" }),
    expect: managers(200),
  },
  "POST /api/training/assignments": {
    request: (f) => ({
      path: "/api/training/assignments",
      body: {
        courseId: tr(f).courseId,
        target: { kind: "people", personIds: [tr(f).traineeId] },
        dueAt: "2027-03-01T00:00:00Z",
      },
    }),
    expect: managers(201, 422),
  },
  "GET /api/training/assignments/{id}": {
    request: (f) => ({ path: `/api/training/assignments/${tr(f).assignmentId}` }),
    expect: managers(200, 404),
  },
  "GET /api/training/assignments/{id}/assignees": {
    request: (f) => ({ path: `/api/training/assignments/${tr(f).assignmentId}/assignees?status=due` }),
    expect: managers(200, 404),
  },
  "GET /api/training/overdue": { request: () => ({ path: "/api/training/overdue" }), expect: managers(200) },
  "POST /api/training/reminders/run": {
    request: () => ({ path: "/api/training/reminders/run" }),
    expect: adminOnly(200),
  },
  "GET /api/me/next-steps": { request: () => ({ path: "/api/me/next-steps" }), expect: signedIn(200) },
  "GET /api/advisor/questionnaire": {
    request: () => ({ path: "/api/advisor/questionnaire" }),
    expect: signedIn(200),
  },
  "POST /api/advisor/responses": {
    request: () => ({ path: "/api/advisor/responses", body: { answers: CAREER_ANSWERS } }),
    expect: signedIn(201),
  },
  "GET /api/advisor/responses": {
    request: () => ({ path: "/api/advisor/responses" }),
    expect: signedIn(200),
  },
  "GET /api/people/imports/template.csv": {
    request: () => ({ path: "/api/people/imports/template.csv" }),
    expect: adminOnly(200),
  },
  "POST /api/people/imports": {
    request: () => ({
      path: "/api/people/imports",
      body: "email,name\nmatrix.csv@example.test,Csv Person",
      headers: { "content-type": "text/csv" },
    }),
    expect: adminOnly(201),
  },
  "GET /api/people/imports/{id}": {
    request: (f) => ({ path: `/api/people/imports/${f.peopleImportId}` }),
    expect: adminOnly(200, 404),
  },
  "POST /api/people/imports/{id}/commit": {
    request: (f) => ({ path: `/api/people/imports/${f.peopleImportId}/commit` }),
    expect: adminOnly(202, 404),
  },
  "GET /api/exports/people.csv": {
    request: () => ({ path: "/api/exports/people.csv" }),
    expect: adminOnly(200),
  },
  "GET /api/exports/enrolments.csv": {
    request: () => ({ path: "/api/exports/enrolments.csv" }),
    expect: managers(200),
  },
  "GET /api/exports/attendance.csv": {
    request: (f) => ({ path: `/api/exports/attendance.csv?cohortId=${tr(f).cohortId}` }),
    expect: managers(200, 404),
  },
  "GET /api/exports/grades.csv": {
    request: (f) => ({ path: `/api/exports/grades.csv?programId=${tr(f).programId}` }),
    expect: managers(200, 404),
  },
  "GET /api/advisor/responses/{id}": {
    request: (f) => ({ path: `/api/advisor/responses/${f.advisorResponseId}` }),
    expect: { ...signedIn(404, 404), mentee: 200 },
  },
  "GET /api/advisor/responses/{id}/programs": {
    request: (f) => ({ path: `/api/advisor/responses/${f.advisorResponseId}/programs?kind=mentoring` }),
    expect: { ...signedIn(404, 404), mentee: 200 },
  },
  "GET /api/webhooks/event-types": {
    request: () => ({ path: "/api/webhooks/event-types" }),
    expect: adminOnly(200),
  },
  "GET /api/webhooks/endpoints": {
    request: () => ({ path: "/api/webhooks/endpoints" }),
    expect: adminOnly(200),
  },
  "POST /api/webhooks/endpoints": {
    request: () => ({
      path: "/api/webhooks/endpoints",
      body: { url: "http://127.0.0.1:9/matrix", events: ["person.created"] },
    }),
    expect: adminOnly(201),
  },
  "GET /api/webhooks/endpoints/{id}": {
    request: (f) => ({ path: `/api/webhooks/endpoints/${f.webhook.endpointId}` }),
    expect: adminOnly(200, 404),
  },
  "PATCH /api/webhooks/endpoints/{id}": {
    request: (f) => ({
      path: `/api/webhooks/endpoints/${f.webhook.endpointId}`,
      body: { description: "Changed" },
    }),
    expect: adminOnly(200, 404),
  },
  "POST /api/webhooks/endpoints/{id}/rotate-secret": {
    request: (f) => ({ path: `/api/webhooks/endpoints/${f.webhook.endpointId}/rotate-secret` }),
    expect: adminOnly(200, 404),
  },
  "POST /api/webhooks/endpoints/{id}/test": {
    request: (f) => ({ path: `/api/webhooks/endpoints/${f.webhook.endpointId}/test` }),
    expect: adminOnly(202, 404),
  },
  "GET /api/webhooks/endpoints/{id}/deliveries": {
    request: (f) => ({ path: `/api/webhooks/endpoints/${f.webhook.endpointId}/deliveries` }),
    expect: adminOnly(200, 404),
  },
  "GET /api/webhooks/deliveries/{id}": {
    request: (f) => ({ path: `/api/webhooks/deliveries/${f.webhook.deliveryId}` }),
    expect: adminOnly(200, 404),
  },
  "POST /api/webhooks/deliveries/{id}/redeliver": {
    request: (f) => ({ path: `/api/webhooks/deliveries/${f.webhook.deliveryId}/redeliver` }),
    expect: adminOnly(202, 404),
  },
  "DELETE /api/webhooks/endpoints/{id}": {
    request: (f) => ({ path: `/api/webhooks/endpoints/${f.webhook.doomedEndpointId}` }),
    expect: adminOnly(204, 404),
  },
  "GET /api/scim-tokens": { request: () => ({ path: "/api/scim-tokens" }), expect: adminOnly(200) },
  "POST /api/scim-tokens": {
    request: (_f, actor) => ({ path: "/api/scim-tokens", body: { name: `IdP of ${actor}` } }),
    expect: adminOnly(201),
  },
  "DELETE /api/scim-tokens/{id}": {
    request: (f) => ({ path: `/api/scim-tokens/${f.scim.tokenId}` }),
    expect: adminOnly(204, 404),
  },
  ...scimRows(),
};

/**
 * The SCIM routes: no session opens them (every actor's cookie gets 401 with a SCIM error), organization A's
 * token does, and organization B's token finds none of A's ids.
 */
function scimRows(): Record<string, Row> {
  const user = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] };
  const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"] };
  const patch = (Operations: unknown[]) => ({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations,
  });
  const rows: [string, (f: Fixtures) => { path: string; body?: unknown }, number, number?][] = [
    ["GET /scim/v2/ServiceProviderConfig", () => ({ path: "/scim/v2/ServiceProviderConfig" }), 200],
    ["GET /scim/v2/ResourceTypes", () => ({ path: "/scim/v2/ResourceTypes" }), 200],
    ["GET /scim/v2/ResourceTypes/{id}", () => ({ path: "/scim/v2/ResourceTypes/User" }), 200],
    ["GET /scim/v2/Schemas", () => ({ path: "/scim/v2/Schemas" }), 200],
    [
      "GET /scim/v2/Schemas/{id}",
      () => ({ path: "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group" }),
      200,
    ],
    ["GET /scim/v2/Users", () => ({ path: "/scim/v2/Users?count=5" }), 200],
    [
      "POST /scim/v2/Users",
      () => ({
        path: "/scim/v2/Users",
        body: { ...user, userName: `matrix.scim.${Date.now()}@example.test` },
      }),
      201,
    ],
    ["GET /scim/v2/Users/{id}", (f) => ({ path: `/scim/v2/Users/${f.scim.userId}` }), 200, 404],
    [
      "PUT /scim/v2/Users/{id}",
      (f) => ({
        path: `/scim/v2/Users/${f.scim.userId}`,
        body: { ...user, userName: "matrix.scim@example.test", title: "Put" },
      }),
      200,
      404,
    ],
    [
      "PATCH /scim/v2/Users/{id}",
      (f) => ({
        path: `/scim/v2/Users/${f.scim.userId}`,
        body: patch([{ op: "replace", path: "title", value: "Patched" }]),
      }),
      200,
      404,
    ],
    ["DELETE /scim/v2/Users/{id}", (f) => ({ path: `/scim/v2/Users/${f.scim.userId}` }), 204, 404],
    ["GET /scim/v2/Groups", () => ({ path: "/scim/v2/Groups" }), 200],
    [
      "POST /scim/v2/Groups",
      () => ({ path: "/scim/v2/Groups", body: { ...group, displayName: `Matrix ${Date.now()}` } }),
      201,
    ],
    ["GET /scim/v2/Groups/{id}", (f) => ({ path: `/scim/v2/Groups/${f.scim.groupId}` }), 200, 404],
    [
      "PUT /scim/v2/Groups/{id}",
      (f) => ({ path: `/scim/v2/Groups/${f.scim.groupId}`, body: { ...group, displayName: "Matrix group" } }),
      200,
      404,
    ],
    [
      "PATCH /scim/v2/Groups/{id}",
      (f) => ({
        path: `/scim/v2/Groups/${f.scim.groupId}`,
        body: patch([{ op: "add", path: "members", value: [{ value: f.scim.userId }] }]),
      }),
      200,
      404,
    ],
    ["DELETE /scim/v2/Groups/{id}", (f) => ({ path: `/scim/v2/Groups/${f.scim.groupId}` }), 204, 404],
  ];
  return Object.fromEntries(
    rows.map(([key, request, token, foreign]) => [
      key,
      { request, expect: all(401), scim: { token, foreign: foreign ?? token } },
    ]),
  );
}

let ctx: TestContext;
let fixtures: Fixtures;
const callers = new Map<ActorName, ReturnType<typeof client>>();

beforeAll(async () => {
  ctx = await createTestContext({ env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
  const org = await makeOrganization(ctx.db, "Alpha");
  const other = await makeOrganization(ctx.db, "Beta");
  const people = {
    member: await makePerson(ctx.db, org, { role: "member" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    program_manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    org_admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    other_org_admin: await makePerson(ctx.db, other, { role: "org_admin" }),
    mentor: await makePerson(ctx.db, org, { seniority: 4 }),
    mentee: await makePerson(ctx.db, org, { seniority: 1 }),
    coach: await makePerson(ctx.db, org),
    coachee: await makePerson(ctx.db, org),
    trainer: await makePerson(ctx.db, org),
    trainee: await makePerson(ctx.db, org),
  };
  callers.set("anonymous", client(ctx.app));
  for (const [name, p] of Object.entries(people))
    callers.set(name as ActorName, client(ctx.app, await signIn(ctx.app, p.email)));

  const target = await makePerson(ctx.db, org, { name: "Target Person" });
  const asAdmin = callers.get("org_admin");
  const mail = ctx.smtp.waitFor("matrix.invitee@example.test");
  const invited = await asAdmin?.post("/api/invitations", {
    email: "matrix.invitee@example.test",
    name: "Matrix",
  });
  const token = /token=([\w-]+)/.exec((await mail).text)?.[1] ?? "";
  const previewMail = ctx.smtp.waitFor("matrix.preview@example.test");
  await asAdmin?.post("/api/invitations", { email: "matrix.preview@example.test", name: "Preview" });
  const previewToken = /token=([\w-]+)/.exec((await previewMail).text)?.[1] ?? "";
  expect(token).not.toBe("");
  const asMentor = callers.get("mentor");
  const asMentee = callers.get("mentee");
  const mentoringProgramId = await makeProgram(ctx.db, org, people.program_manager.id, { kind: "mentoring" });
  await asMentor?.post(`/api/programs/${mentoringProgramId}/enrolments`, { role: "mentor", answers: {} });
  await asMentee?.post(`/api/programs/${mentoringProgramId}/enrolments`, { role: "mentee", answers: {} });
  const request = await asMentee?.post(`/api/programs/${mentoringProgramId}/mentoring/requests`, {
    mentorId: people.mentor.id,
    message: "Would you mentor me?",
  });
  const relationshipId = (await asMentor?.post(`/api/mentoring/requests/${request?.body.id}/accept`))?.body
    .relationshipId;
  const agreement = { goals: "G", cadence: "C", channel: "Ch", confidentiality: "Conf", durationMonths: 6 };
  await asMentee?.put(`/api/mentoring/relationships/${relationshipId}/agreement`, agreement);
  await asMentee?.post(`/api/mentoring/relationships/${relationshipId}/agreement/sign`);
  await asMentor?.post(`/api/mentoring/relationships/${relationshipId}/agreement/sign`);
  const goals = await asMentee?.post(`/api/mentoring/relationships/${relationshipId}/goals`, {
    title: "Lead a project",
    category: "career",
    milestones: [{ title: "Pick the project" }],
  });
  const meetings = await asMentee?.post(`/api/mentoring/relationships/${relationshipId}/meetings`, {
    metOn: "2026-01-04",
    durationMinutes: 45,
  });
  expect(meetings?.status).toBe(201);
  const introduction = await asMentor?.post(`/api/mentoring/relationships/${relationshipId}/introductions`, {
    contactId: people.member.id,
    note: "You should meet",
  });
  expect(introduction?.status).toBe(201);
  const asManager = callers.get("program_manager");
  const asSponsor = callers.get("sponsor");
  const asCoach = callers.get("coach");
  const asCoachee = callers.get("coachee");
  if (!asManager || !asSponsor || !asCoach || !asCoachee) throw new Error("callers missing");
  await addCoach(asManager, people.coach.id, 10);
  const coachingProgramId = await makeProgram(ctx.db, org, people.program_manager.id, { kind: "coaching" });
  const parties = {
    manager: asManager,
    sponsor: asSponsor,
    coach: asCoach,
    coachee: asCoachee,
    coachId: people.coach.id,
    coacheeId: people.coachee.id,
  };
  const { id: engagementId, objectiveIds } = await activeEngagement(parties, coachingProgramId);
  const first = await scheduleAt(asCoach, engagementId, 10);
  const held = await asCoach.post(
    `/api/coaching/engagements/${engagementId}/sessions/${first}/record`,
    heldBody({ actions: [{ text: "Try it", dueDate: daysAgo(-3).slice(0, 10) }] }),
  );
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  const sessionId = await scheduleAt(asCoach, engagementId, 5);
  const otherProgram = await makeProgram(ctx.db, org, people.program_manager.id, { kind: "coaching" });
  const setupEngagement = await asSponsor.post(`/api/programs/${otherProgram}/coaching/engagements`, {
    coacheeId: people.coachee.id,
    coachId: people.coach.id,
  });
  const bulkProgramId = await makeProgram(ctx.db, org, people.program_manager.id, { kind: "mentoring" });
  await asManager.patch(`/api/programs/${bulkProgramId}/mentoring/settings`, {
    matchModes: ["self", "admin", "bulk"],
  });
  await asMentor?.post(`/api/programs/${bulkProgramId}/enrolments`, { role: "mentor", answers: {} });
  await asMentee?.post(`/api/programs/${bulkProgramId}/enrolments`, { role: "mentee", answers: {} });
  const run = await asManager.post(`/api/programs/${bulkProgramId}/mentoring/match-runs`, {
    mode: "optimal",
  });
  expect(run.body.pairs, JSON.stringify(run.body)).toBe(1);
  const runPairs = await asManager.get(
    `/api/programs/${bulkProgramId}/mentoring/match-runs/${run.body.id}/pairs`,
  );
  const discarded = await asManager.post(`/api/programs/${bulkProgramId}/mentoring/match-runs`, {});
  await asManager.post(`/api/programs/${bulkProgramId}/mentoring/match-runs/${discarded.body.id}/discard`);
  const training = await trainingFixtures(asManager, callers, people.trainer.id, people.trainee.id, org);
  const spareCoachee = Object.fromEntries(
    await Promise.all(ACTORS.map(async (a) => [a, (await makePerson(ctx.db, org)).id] as const)),
  ) as Record<ActorName, string>;
  const advice = await callers.get("mentee")?.post("/api/advisor/responses", { answers: CAREER_ANSWERS });
  // The coach manages the trainee: a manager for the development record rows.
  await ctx.db
    .updateTable("person")
    .set({ manager_id: people.coach.id })
    .where("id", "=", people.trainee.id)
    .execute();
  fixtures = {
    advisorResponseId: advice?.body.id,
    eraseTarget: await makePerson(ctx.db, org),
    coachingProgramId,
    coachId: people.coach.id,
    engagementId,
    setupEngagementId: setupEngagement.body.id,
    objectiveId: objectiveIds[0] ?? "",
    objectiveIds,
    sessionId,
    actionId: held.body.items[0].actions[0].id,
    spareCoachee,
    sponsorId: people.sponsor.id,
    bulkProgramId,
    runId: run.body.id,
    pairId: runPairs.body.items[0].id,
    discardedRunId: discarded.body.id,
    training,
    mentoringProgramId,
    mentorId: people.mentor.id,
    menteeId: people.mentee.id,
    memberId: people.member.id,
    requestId: request?.body.id,
    relationshipId,
    meetingId: meetings?.body.items[0].id,
    goalId: goals?.body.items[0].id,
    milestoneId: goals?.body.items[0].milestones[0].id,
    introductionId: introduction?.body.id,
    personId: target.id,
    programId: await makeProgram(ctx.db, org, people.program_manager.id, { kind: "mentoring" }),
    draftProgramId: await makeProgram(ctx.db, org, people.program_manager.id, { status: "draft" }),
    invitationId: invited?.body.invitation.id,
    inviteToken: previewToken,
    peopleImportId: (
      await asAdmin?.post("/api/people/imports", "email,name\nmatrix.import@example.test,Imported", {
        "content-type": "text/csv",
      })
    )?.body.id,
    webhook: await webhookFixtures(asAdmin),
    scim: await scimFixtures(asAdmin, callers.get("other_org_admin")),
  };
});

/** A token per organization (and a spare one to revoke), and a user and a group provisioned with the first. */
async function scimFixtures(admin?: ReturnType<typeof client>, otherAdmin?: ReturnType<typeof client>) {
  const token = (await admin?.post("/api/scim-tokens", { name: "Matrix IdP" }))?.body.secret as string;
  const spare = (await admin?.post("/api/scim-tokens", { name: "Spare" }))?.body.token.id as string;
  const otherToken = (await otherAdmin?.post("/api/scim-tokens", { name: "Beta IdP" }))?.body
    .secret as string;
  const scim = async (path: string, body: unknown) => {
    const res = await ctx.app.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const userId = await scim("/scim/v2/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: "matrix.scim@example.test",
  });
  const groupId = await scim("/scim/v2/Groups", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    displayName: "Matrix",
  });
  return { token, otherToken, tokenId: spare, userId, groupId };
}

/** Calls a route with a SCIM bearer token and no session. */
async function withToken(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await ctx.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text };
}
afterAll(() => ctx.close());

/** Two endpoints to a closed local port, and a failed delivery of the first, for Redeliver. */
async function webhookFixtures(admin: ReturnType<typeof client> | undefined) {
  const create = async () => {
    const res = await admin?.post("/api/webhooks/endpoints", {
      url: "http://127.0.0.1:9/hook",
      events: ["person.created"],
    });
    expect(res?.status, JSON.stringify(res?.body)).toBe(201);
    return res?.body.endpoint.id as string;
  };
  const endpointId = await create();
  const test = await admin?.post(`/api/webhooks/endpoints/${endpointId}/test`);
  await ctx.db
    .updateTable("webhook_delivery")
    .set({ status: "failed" })
    .where("id", "=", test?.body.id)
    .execute();
  return { endpointId, doomedEndpointId: await create(), deliveryId: test?.body.id as string };
}

/** A published course with a cohort the trainer teaches and the trainee is enrolled in, plus what the rows act on. */
async function trainingFixtures(
  manager: ReturnType<typeof client>,
  as: Map<ActorName, ReturnType<typeof client>>,
  trainerId: string,
  traineeId: string,
  org: string,
): Promise<TrainingFixtures> {
  const owner = await ctx.db
    .selectFrom("person")
    .select("id")
    .where("organization_id", "=", org)
    .where("org_role", "=", "program_manager")
    .executeTakeFirstOrThrow();
  const programId = await makeProgram(ctx.db, org, owner.id, { kind: "training" });
  const course = await publishedCourse(manager);
  const cohortId = await openCohort(manager, programId, course.courseId, [trainerId], 50);
  await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: traineeId });
  const trainer = as.get("trainer");
  const trainee = as.get("trainee");
  if (!trainer || !trainee) throw new Error("callers missing");
  const sessionId = await pastSession(trainer, cohortId);
  const submission = await trainee.post(
    `/api/training/cohorts/${cohortId}/lessons/${course.activityLessonId}/submissions`,
    {
      kind: "text",
      body: "My goal questions",
    },
  );
  const attempt = await trainee.post(
    `/api/training/cohorts/${cohortId}/assessments/${course.quizId}/attempts`,
  );
  const spare = Object.fromEntries(
    await Promise.all(
      ACTORS.map(async (a) => {
        const id = (await makePerson(ctx.db, org)).id;
        await manager.post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: id });
        return [a, id] as const;
      }),
    ),
  ) as Record<ActorName, string>;
  // A second course with no requirements: the trainee's first completed lesson earns its certificate.
  const quick = await manager.post("/api/training/courses", { title: "Site induction", minAttendancePct: 0 });
  const quickModule = await manager.post(`/api/training/courses/${quick.body.id}/modules`, {
    title: "Induction",
  });
  const quickLesson = await manager.post(`/api/training/modules/${quickModule.body.modules[0].id}/lessons`, {
    title: "Welcome",
    required: false,
  });
  await manager.patch(`/api/training/courses/${quick.body.id}`, { status: "published" });
  const quickCohort = await openCohort(manager, programId, quick.body.id, [trainerId]);
  await manager.post(`/api/training/cohorts/${quickCohort}/enrolments`, { personId: traineeId });
  const done = await trainee.post(
    `/api/training/cohorts/${quickCohort}/lessons/${quickLesson.body.modules[0].lessons[0].id}/complete`,
  );
  const certificateId: string = done.body.certificateId;
  expect(certificateId).toBeTypeOf("string");
  const credential = (await manager.get(`/api/credentials/${certificateId}`)).body;
  const assignment = await manager.post("/api/training/assignments", {
    courseId: course.courseId,
    target: { kind: "people", personIds: [traineeId] },
    dueAt: "2027-03-01T00:00:00Z",
  });
  return {
    programId,
    ...course,
    cohortId,
    sessionId,
    submissionId: submission.body.id,
    attemptId: attempt.body.id,
    traineeId,
    trainerId,
    certificateId,
    credential,
    assignmentId: assignment.body.id,
    spare,
  };
}

describe("route inventory", () => {
  const routes = () => {
    const keys = new Set<string>();
    for (const r of ctx.app.routes) {
      if (r.method === "ALL" || !(r.path.startsWith("/api/") || r.path.startsWith("/scim/"))) continue;
      keys.add(routeKey(r.method, r.path));
    }
    return [...keys].sort();
  };

  it("every API route declares who may call it", () => {
    const missing = routes().filter((k) => !accessRegistry().has(k));
    expect(missing).toEqual([]);
  });

  it("every API route has a row in the authorization table, and every row is a real route", () => {
    const live = routes();
    expect(live.length).toBe(Object.keys(MATRIX).length);
    expect(live.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !live.includes(k))).toEqual([]);
  });
});

const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

describe("authorization table", () => {
  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const method = key.split(" ")[0] ?? "GET";
      const got: Partial<Record<ActorName, number>> = {};
      for (const actor of ACTORS) {
        const { path, body, headers } = row.request(fixtures, actor);
        const res = await callers.get(actor)?.call(method, path, body, headers);
        got[actor] = res?.status;
        if (res && res.status >= 400 && path.startsWith("/scim/"))
          expect(res.body?.schemas, `${actor}: SCIM error body`).toEqual([SCIM_ERROR]);
        else if (res && res.status >= 400)
          expect(res.body?.error?.code, `${actor}: error body`).toBeTypeOf("string");
      }
      expect(got).toEqual(row.expect);
      const { path, body, headers } = row.request(fixtures, "anonymous");
      if (row.scim) {
        const foreign = await withToken(fixtures.scim.otherToken, method, path, body);
        const own = await withToken(fixtures.scim.token, method, path, body);
        expect({ token: own.status, foreign: foreign.status }, own.body).toEqual(row.scim);
      } else if (row.expect.anonymous === 401) {
        // A SCIM token opens nothing under /api.
        expect((await withToken(fixtures.scim.token, method, path, body, headers)).status).toBe(401);
      }
    });
  }
});
