import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRegistry, routeKey } from "./lib/access.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "./testing/factories.ts";
import { createTestContext, type TestContext } from "./testing/harness.ts";

type ActorName = "anonymous" | "member" | "sponsor" | "program_manager" | "org_admin" | "other_org_admin";
const ACTORS: ActorName[] = [
  "anonymous",
  "member",
  "sponsor",
  "program_manager",
  "org_admin",
  "other_org_admin",
];

interface Fixtures {
  personId: string;
  programId: string;
  draftProgramId: string;
  invitationId: string;
  inviteToken: string;
}

interface Row {
  request: (f: Fixtures, actor: ActorName) => { path: string; body?: unknown };
  expect: Record<ActorName, number>;
}

const all = (status: number): Record<ActorName, number> => ({
  anonymous: status,
  member: status,
  sponsor: status,
  program_manager: status,
  org_admin: status,
  other_org_admin: status,
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
    request: () => ({ path: "/api/auth/request-password-reset", body: { email: "nobody@example.test" } }),
    expect: all(200),
  },
  "GET /api/me": { request: () => ({ path: "/api/me" }), expect: signedIn(200) },
  "PATCH /api/me/profile": {
    request: () => ({ path: "/api/me/profile", body: { interests: ["Writing"] } }),
    expect: signedIn(200),
  },
  "GET /api/people": { request: () => ({ path: "/api/people?q=a" }), expect: signedIn(200) },
  "GET /api/people/facets": { request: () => ({ path: "/api/people/facets" }), expect: signedIn(200) },
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
    expect: { ...signedIn(200), member: 403 },
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
    expect: { ...signedIn(200, 404), member: 404, sponsor: 404 },
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
};

let ctx: TestContext;
let fixtures: Fixtures;
const callers = new Map<ActorName, ReturnType<typeof client>>();

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db, "Alpha");
  const other = await makeOrganization(ctx.db, "Beta");
  const people = {
    member: await makePerson(ctx.db, org, { role: "member" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    program_manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    org_admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    other_org_admin: await makePerson(ctx.db, other, { role: "org_admin" }),
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
  fixtures = {
    personId: target.id,
    programId: await makeProgram(ctx.db, org, people.program_manager.id, { kind: "mentoring" }),
    draftProgramId: await makeProgram(ctx.db, org, people.program_manager.id, { status: "draft" }),
    invitationId: invited?.body.invitation.id,
    inviteToken: previewToken,
  };
});
afterAll(() => ctx.close());

describe("route inventory", () => {
  const routes = () => {
    const keys = new Set<string>();
    for (const r of ctx.app.routes) {
      if (r.method === "ALL" || !r.path.startsWith("/api/")) continue;
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

describe("authorization table", () => {
  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const method = key.split(" ")[0] ?? "GET";
      const got: Partial<Record<ActorName, number>> = {};
      for (const actor of ACTORS) {
        const { path, body } = row.request(fixtures, actor);
        const res = await callers.get(actor)?.call(method, path, body);
        got[actor] = res?.status;
        if (res && res.status >= 400)
          expect(res.body?.error?.code, `${actor}: error body`).toBeTypeOf("string");
      }
      expect(got).toEqual(row.expect);
    });
  }
});
