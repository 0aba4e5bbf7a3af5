import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/ids.ts";
import { nowIso } from "../../lib/time.ts";
import { client, makeOrganization, makePerson, makeProgram, signIn } from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { ENTRA, ENTRA_EMAIL, ENTRA_USER_NAME, OKTA, OKTA_USER, type ScimStep } from "./scim.fixtures.ts";

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

let ctx: TestContext;
let org: string;
let otherOrg: string;
let admin: Awaited<ReturnType<typeof makePerson>>;
let asAdmin: ReturnType<typeof client>;
let token: string;
let otherToken: string;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
type Answer = { status: number; body: any; headers: Headers };

/** A SCIM client as an identity provider is one: bearer token, application/scim+json, no cookie, no Origin. */
async function scim(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  bearer = token,
): Promise<Answer> {
  const res = await ctx.app.request(`/scim/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

function expectScimError(res: Answer, status: number, scimType?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
  expect(res.body.detail).toBeTypeOf("string");
  if (scimType) expect(res.body.scimType).toBe(scimType);
}

function expectList(res: Answer, total: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([LIST]);
  expect(res.body.totalResults).toBe(total);
  expect(res.body.startIndex).toBeGreaterThanOrEqual(1);
  expect(res.body.itemsPerPage).toBe(res.body.Resources.length);
}

function expectResource(res: Answer, type: "User" | "Group") {
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(res.body.id).toBeTypeOf("string");
  expect(res.body.meta.resourceType).toBe(type);
  expect(res.body.meta.location).toBe(`http://localhost:3000/scim/v2/${type}s/${res.body.id}`);
  expect(res.body.meta.created).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(res.body.meta.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(res.body.meta.version).toMatch(/^W\/".+"$/);
  expect(res.headers.get("etag")).toBe(res.body.meta.version);
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await makeOrganization(ctx.db);
  otherOrg = await makeOrganization(ctx.db, "Other");
  admin = await makePerson(ctx.db, org, { role: "org_admin", name: "Ada Admin" });
  asAdmin = client(ctx.app, await signIn(ctx.app, admin.email));
  const created = await asAdmin.post("/api/scim-tokens", { name: "Okta" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  token = created.body.secret;
  const otherAdmin = await makePerson(ctx.db, otherOrg, { role: "org_admin" });
  const asOther = client(ctx.app, await signIn(ctx.app, otherAdmin.email));
  otherToken = (await asOther.post("/api/scim-tokens", { name: "Other IdP" })).body.secret;
});
afterAll(() => ctx.close());

describe("tokens", () => {
  it("are shown once, listed without their secret, used and revoked by an org admin", async () => {
    const made = await asAdmin.post("/api/scim-tokens", { name: "Entra ID" });
    expect(made.body.secret).toMatch(/^trellis_scim_/);
    const stored = await ctx.db
      .selectFrom("scim_token")
      .selectAll()
      .where("id", "=", made.body.token.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(made.body.secret);
    const list = await asAdmin.get("/api/scim-tokens");
    expect(list.body.baseUrl).toBe("http://localhost:3000/scim/v2");
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(["Entra ID", "Okta"]);
    expect(JSON.stringify(list.body)).not.toContain("trellis_scim_");
    expect((await scim("GET", "/ServiceProviderConfig", undefined, {}, made.body.secret)).status).toBe(200);
    const used = await asAdmin.get("/api/scim-tokens");
    expect(used.body.items[0].lastUsedAt).toMatch(/^\d{4}-/);
    expect((await asAdmin.delete(`/api/scim-tokens/${made.body.token.id}`)).status).toBe(204);
    expectScimError(await scim("GET", "/Users", undefined, {}, made.body.secret), 401);
    expect((await asAdmin.delete(`/api/scim-tokens/${made.body.token.id}`)).status).toBe(404);
    expect((await asAdmin.get("/api/scim-tokens")).body.items).toHaveLength(1);
  });

  it("refuses a missing, malformed or unknown token with a SCIM 401", async () => {
    const res = await ctx.app.request("/scim/v2/Users");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await res.json()).schemas).toEqual([ERROR]);
    expectScimError(await scim("GET", "/Users", undefined, {}, "trellis_scim_not-a-token"), 401);
    expectScimError(await scim("GET", "/Users", undefined, { authorization: "Basic Zm9vOmJhcg==" }), 401);
  });

  it("a token is no key to the API, and a session is no key to SCIM", async () => {
    for (const path of ["/api/me", "/api/people", "/api/scim-tokens"]) {
      const res = await ctx.app.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(401);
    }
    const cookie = await signIn(ctx.app, admin.email);
    const res = await ctx.app.request("/scim/v2/Users", { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});

describe("discovery", () => {
  it("describes the service provider, resource types and schemas", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.body.patch.supported).toBe(true);
    expect(config.body.filter).toEqual({ supported: true, maxResults: 200 });
    expect(config.body.authenticationSchemes[0].type).toBe("oauthbearertoken");
    const types = await scim("GET", "/ResourceTypes");
    expectList(types, 2);
    const user = types.body.Resources.find((t: { id: string }) => t.id === "User");
    expect(user.endpoint).toBe("/Users");
    expect(user.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
    expect((await scim("GET", "/ResourceTypes/Group")).body.schema).toBe(
      "urn:ietf:params:scim:schemas:core:2.0:Group",
    );
    const schemas = await scim("GET", "/Schemas");
    expectList(schemas, 3);
    const enterprise = await scim("GET", `/Schemas/${ENTERPRISE}`);
    expect(enterprise.body.attributes.map((a: { name: string }) => a.name)).toContain("manager");
    expectScimError(await scim("GET", "/Schemas/urn:nope"), 404);
    expectScimError(await scim("GET", "/Bulk"), 404);
  });
});

/** Runs a recorded sequence, filling in ids as they become known, and checks each answer's status and shape. */
async function replay(steps: ScimStep[], ids: Record<string, string>) {
  const answers: Record<string, Answer> = {};
  const fill = (s: string) =>
    Object.entries(ids).reduce((out, [k, v]) => out.replaceAll(`{${k}}`, v).replaceAll(`%7B${k}%7D`, v), s);
  for (const step of steps) {
    const body = step.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(step.body)));
    const res = await scim(step.method, fill(step.path), body);
    expect(res.status, `${step.name}: ${JSON.stringify(res.body)}`).toBe(step.expect);
    if (res.status >= 400) expectScimError(res, res.status);
    else if (res.status !== 204) {
      expect(res.headers.get("content-type"), step.name).toMatch(/^application\/scim\+json/);
      if (step.path.includes("?")) expect(res.body.schemas, step.name).toEqual([LIST]);
    }
    if (step.method === "POST" && step.path === "/Users") ids.user = res.body.id;
    if (step.method === "POST" && step.path === "/Groups") ids.group = res.body.id;
    answers[step.name] = res;
  }
  return answers;
}

describe("Okta's requests", () => {
  it("provision, update, deactivate, reactivate and push a group", async () => {
    const manager = await makePerson(ctx.db, org, { name: "Manny Manager" });
    const a = await replay(OKTA, { manager: manager.id, random: newId() });
    expectList(a["looks the user up before creating them"] as Answer, 0);
    const created = a["creates the user"] as Answer;
    expectResource(created, "User");
    expect(created.headers.get("location")).toBe(created.body.meta.location);
    expect(created.body).toMatchObject({
      userName: OKTA_USER,
      externalId: "00ujl29u0le5T6Aj10h7",
      name: { givenName: "Jane", familyName: "Doe", formatted: "Jane Doe" },
      active: true,
      emails: [{ value: OKTA_USER, type: "work", primary: true }],
    });
    expect(JSON.stringify(created.body)).not.toContain("1mz050nq");
    const found = a["finds the user by userName again"] as Answer;
    expectList(found, 1);
    expect(found.body.Resources[0].id).toBe(created.body.id);
    const put = a["updates the profile with PUT"] as Answer;
    expect(put.body.title).toBe("Staff Engineer");
    expect(put.body.name.formatted).toBe("Jane Doe-Smith");
    expect(put.body[ENTERPRISE]).toMatchObject({
      department: "Okta Engineering",
      manager: { value: manager.id, displayName: "Manny Manager" },
    });
    expect(put.body.groups[0].display).toBe("Okta Engineering");
    expect((a["deactivates the user"] as Answer).body.active).toBe(false);
    expect((a["reactivates the user"] as Answer).body.active).toBe(true);

    const person = await ctx.db
      .selectFrom("person")
      .selectAll()
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      organization_id: org,
      email: OKTA_USER,
      name: "Jane Doe-Smith",
      title: "Staff Engineer",
      manager_id: manager.id,
      status: "invited",
    });
    // The invitation to choose a password went out (again on reactivation).
    const invitations = await ctx.db
      .selectFrom("invitation")
      .selectAll()
      .where("person_id", "=", person.id)
      .execute();
    expect(invitations.filter((i) => !i.revoked_at)).toHaveLength(1);
    expect(invitations[0]?.invited_by).toBe(admin.id);

    const pushed = a["pushes a group"] as Answer;
    expectResource(pushed, "Group");
    expect(pushed.body.members).toEqual([expect.objectContaining({ value: person.id })]);
    const renamed = a["renames the group (the value repeats its id)"] as Answer;
    expect(renamed.body).toMatchObject({ id: pushed.body.id, displayName: "Okta Pushed (renamed)" });
    const after = await ctx.db
      .selectFrom("person")
      .select("department")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(after.department).toBeNull();
    expect((a["removes the member from the group"] as Answer).body.members ?? []).toEqual([]);

    const audit = await asAdmin.get("/api/audit?limit=200");
    const scimEntries = audit.body.items.filter(
      (e: { details: { via?: string } }) => e.details.via === "scim",
    );
    expect(scimEntries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        "person.provisioned",
        "person.profile_updated",
        "person.deactivated",
        "person.reactivated",
        "scim.group_created",
        "scim.group_updated",
      ]),
    );
    for (const e of scimEntries) expect(e.details.token.name).toBe("Okta");
  });
});

describe("Entra ID's requests", () => {
  it("pass its validator's probes and run its provisioning cycle", async () => {
    const manager = await makePerson(ctx.db, org, { name: "Erin Entra-Manager" });
    const ids: Record<string, string> = { manager: manager.id, random: newId() };
    const a = await replay(ENTRA, ids);
    expectList(a["validation probe: a user that cannot exist"] as Answer, 0);
    expectList(a["validation probe: a group that cannot exist, without members"] as Answer, 0);
    const created = a["creates the user"] as Answer;
    expect(created.body.userName).toBe(ENTRA_USER_NAME.toLowerCase());
    expect(created.body.emails[0].value).toBe(ENTRA_EMAIL);
    expectList(a["finds the user by userName"] as Answer, 1);
    expectList(a["finds the user by externalId"] as Answer, 1);
    const patched = a["updates attributes with capitalised ops and paths"] as Answer;
    expect(patched.body).toMatchObject({
      emails: [{ value: "updated.email@entra-fixture.test" }],
      name: {
        givenName: "updatedGivenName",
        familyName: "updatedFamilyName",
        formatted: "updatedGivenName updatedFamilyName",
      },
      title: "Product Manager",
      [ENTERPRISE]: { department: "Entra Product", manager: { value: manager.id } },
    });
    expectList(a["finds the user by the new email"] as Answer, 1);
    expect((a["removes the manager"] as Answer).body[ENTERPRISE].manager).toBeUndefined();
    const groups = a["finds the group by displayName without members"] as Answer;
    expectList(groups, 1);
    expect(groups.body.Resources[0].members).toBeUndefined();
    expect((a["adds a member"] as Answer).body.members.map((m: { value: string }) => m.value)).toEqual([
      ids.user,
    ]);
    expectList(a["checks membership with a members filter"] as Answer, 1);
    const renamed = a["renames the group"] as Answer;
    expect(renamed.body.id).toBe(ids.group);
    expect((a["removes the member"] as Answer).body.members ?? []).toEqual([]);
    expect((a["disables the user (older agents send the boolean as a string)"] as Answer).body.active).toBe(
      false,
    );
    expect((a["enables the user again"] as Answer).body.active).toBe(true);
    // DELETE deactivates; the person and their history stay.
    const user = await scim("GET", `/Users/${ids.user}`);
    expect(user.status).toBe(200);
    expect(user.body.active).toBe(false);
    expectScimError(await scim("GET", `/Groups/${ids.group}`), 404);
  });
});

describe("lists, filters and attributes", () => {
  it("pages with startIndex and count, capped at 200", async () => {
    for (let i = 0; i < 3; i++) await makePerson(ctx.db, org, { name: `Pager ${i}`, department: "Paging" });
    const all = await scim("GET", "/Users?count=1000");
    expect(all.body.itemsPerPage).toBeLessThanOrEqual(200);
    const total = all.body.totalResults;
    const page = await scim("GET", "/Users?startIndex=2&count=2");
    expectList(page, total);
    expect(page.body.startIndex).toBe(2);
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(
      all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id),
    );
    const none = await scim("GET", "/Users?count=0");
    expectList(none, total);
    expect(none.body.Resources).toEqual([]);
    const past = await scim("GET", `/Users?startIndex=${total + 5}`);
    expectList(past, total);
    expect(past.body.Resources).toEqual([]);
    expectScimError(await scim("GET", "/Users?count=ten"), 400, "invalidValue");
  });

  it("filters with and/or, and refuses what it does not support", async () => {
    const a = await makePerson(ctx.db, org, { name: "Fil Ter", email: "fil.ter@example.test" });
    const both = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`userName eq "fil.ter@example.test" or userName eq "${admin.email}"`)}`,
    );
    expectList(both, 2);
    const and = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`userName eq "fil.ter@example.test" and active eq true`)}`,
    );
    expectList(and, 1);
    expect(and.body.Resources[0].id).toBe(a.id);
    const displayName = await scim("GET", `/Users?filter=${encodeURIComponent('displayName eq "Fil Ter"')}`);
    expectList(displayName, 1);
    for (const filter of [
      'title co "x"',
      'name.givenName sw "F"',
      'userName gt "a"',
      "not (active eq true)",
      'userName eq "a" and',
      "(((",
    ])
      expectScimError(await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`), 400, "invalidFilter");
    expectScimError(
      await scim("GET", `/Groups?filter=${encodeURIComponent('members.display eq "x"')}`),
      400,
      "invalidFilter",
    );
  });

  it("returns the attributes asked for, or all but the excluded ones", async () => {
    const only = await scim("GET", `/Users/${admin.id}?attributes=userName`);
    expect(Object.keys(only.body).sort()).toEqual(["id", "schemas", "userName"]);
    const without = await scim("GET", `/Users/${admin.id}?excludedAttributes=emails,name`);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.name).toBeUndefined();
    expect(without.body.userName).toBe(admin.email);
    const listed = await scim("GET", "/Users?attributes=userName,active&count=1");
    expect(Object.keys(listed.body.Resources[0]).sort()).toEqual(["active", "id", "schemas", "userName"]);
  });

  it("answers an id of another organization, or no id at all, with 404", async () => {
    expectScimError(await scim("GET", `/Users/${admin.id}`, undefined, {}, otherToken), 404);
    expectScimError(
      await scim(
        "PATCH",
        `/Users/${admin.id}`,
        { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] },
        {},
        otherToken,
      ),
      404,
    );
    expectScimError(await scim("DELETE", `/Users/${admin.id}`, undefined, {}, otherToken), 404);
    expectScimError(await scim("GET", "/Users/not-an-id"), 404);
    const other = await scim("GET", "/Users", undefined, {}, otherToken);
    expect(other.body.Resources.map((r: { id: string }) => r.id)).not.toContain(admin.id);
  });
});

describe("writes", () => {
  it("refuses duplicates, bad bodies and stale versions", async () => {
    const body = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: admin.email };
    expectScimError(await scim("POST", "/Users", body), 409, "uniqueness");
    expectScimError(await scim("POST", "/Users", "{not json"), 400, "invalidSyntax");
    expectScimError(
      await scim("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] }),
      400,
    );
    expectScimError(await scim("POST", "/Users", { userName: "no-email-here" }), 400, "invalidValue");
    expectScimError(
      await scim("POST", "/Users", { userName: "a@b.test", active: "maybe" }),
      400,
      "invalidValue",
    );
    expectScimError(await scim("POST", "/Users", { userName: "nul\u0000@b.test" }), 400, "invalidValue");
    expectScimError(
      await scim("POST", "/Users", { userName: "x@b.test", [ENTERPRISE]: { manager: { value: newId() } } }),
      400,
      "invalidValue",
    );
    expectScimError(
      await scim("PATCH", `/Users/${admin.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: "move", path: "title" }],
      }),
      400,
    );
    expectScimError(await scim("PATCH", `/Users/${admin.id}`, { schemas: [PATCH_OP], Operations: [] }), 400);
    const res = await ctx.app.request("/scim/v2/Users", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: "hello",
    });
    expect(res.status).toBe(415);
    const current = await scim("GET", `/Users/${admin.id}`);
    expectScimError(
      await scim(
        "PATCH",
        `/Users/${admin.id}`,
        { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "CEO" }] },
        { "if-match": 'W/"stale"' },
      ),
      412,
    );
    const ok = await scim(
      "PATCH",
      `/Users/${admin.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "CEO" }] },
      { "if-match": current.body.meta.version },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.meta.version).not.toBe(current.body.meta.version);
    const unchanged = await ctx.app.request(`/scim/v2/Users/${admin.id}`, {
      headers: { authorization: `Bearer ${token}`, "if-none-match": ok.body.meta.version },
    });
    expect(unchanged.status).toBe(304);
  });

  it("keeps the last active admin", async () => {
    const res = await scim("PATCH", `/Users/${admin.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expectScimError(res, 400, "mutability");
  });

  it("gives a department a group id that survives a rename", async () => {
    await makePerson(ctx.db, org, { name: "Dee Partment", department: "Research" });
    const found = await scim("GET", `/Groups?filter=${encodeURIComponent('displayName eq "research"')}`);
    expectList(found, 1);
    const id = found.body.Resources[0].id;
    expect(found.body.Resources[0].members).toHaveLength(1);
    const renamed = await scim("PUT", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "R&D",
      members: found.body.Resources[0].members,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.id).toBe(id);
    const people = await asAdmin.get(`/api/people?department=${encodeURIComponent("R&D")}`);
    expect(people.body.total).toBe(1);
    expectScimError(await scim("POST", "/Groups", { displayName: "r&d" }), 409, "uniqueness");
  });
});

describe("deactivation", () => {
  it("ends the person's sessions at once and takes them out of open pools; their history stays", async () => {
    const mentee = await makePerson(ctx.db, org, { name: "Mia Mentee" });
    const mentor = await makePerson(ctx.db, org, { name: "Max Mentor", seniority: 3 });
    const cookie = await signIn(ctx.app, mentee.email);
    const asMentee = client(ctx.app, cookie);
    expect((await asMentee.get("/api/me")).status).toBe(200);
    const programId = await makeProgram(ctx.db, org, admin.id, { kind: "mentoring" });
    const pastProgram = await makeProgram(ctx.db, org, admin.id, { kind: "mentoring" });
    const now = nowIso();
    const enrol = (programId: string, personId: string, role: string) =>
      ctx.db
        .insertInto("enrolment")
        .values({
          id: newId(),
          organization_id: org,
          program_id: programId,
          person_id: personId,
          role,
          answers: "{}",
          status: "active",
          created_at: now,
          updated_at: now,
        })
        .execute();
    await enrol(programId, mentee.id, "mentee");
    await enrol(programId, mentor.id, "mentor");
    const requestId = newId();
    await ctx.db
      .insertInto("mentoring_request")
      .values({
        id: requestId,
        organization_id: org,
        program_id: programId,
        mentee_id: mentee.id,
        mentor_id: mentor.id,
        message: "Hello",
        status: "open",
        response_reason: null,
        response_comment: null,
        expires_at: "2999-01-01T00:00:00.000Z",
        responded_at: null,
        created_at: now,
      })
      .execute();
    const relationshipId = newId();
    await ctx.db
      .insertInto("mentoring_relationship")
      .values({
        id: relationshipId,
        organization_id: org,
        program_id: pastProgram,
        mentor_id: mentor.id,
        mentee_id: mentee.id,
        status: "completed",
        origin: "admin",
        request_id: null,
        wrapped_key: "not-a-key",
        start_date: "2025-01-01",
        planned_end_date: "2025-07-01",
        ended_at: "2025-07-01T00:00:00.000Z",
        last_meeting_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const runId = newId();
    await ctx.db
      .insertInto("match_run")
      .values({
        id: runId,
        organization_id: org,
        program_id: programId,
        mode: "optimal",
        status: "draft",
        progress: 1,
        total: 1,
        unmatched: "[]",
        blocking_pairs: null,
        solve_ms: 1,
        error: null,
        created_by: admin.id,
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .execute();
    await ctx.db
      .insertInto("match_run_pair")
      .values({
        id: newId(),
        run_id: runId,
        mentee_id: mentee.id,
        mentor_id: mentor.id,
        score: 0.5,
        locked: 0,
        origin: "solver",
      })
      .execute();

    const off = await scim("PATCH", `/Users/${mentee.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);

    expect((await asMentee.get("/api/me")).status).toBe(401);
    const request = await ctx.db
      .selectFrom("mentoring_request")
      .selectAll()
      .where("id", "=", requestId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: "withdrawn", response_reason: "person_deactivated" });
    const enrolments = await ctx.db
      .selectFrom("enrolment")
      .select(["person_id", "status"])
      .where("program_id", "=", programId)
      .execute();
    expect(enrolments.find((e) => e.person_id === mentee.id)?.status).toBe("withdrawn");
    expect(enrolments.find((e) => e.person_id === mentor.id)?.status).toBe("active");
    expect(
      await ctx.db.selectFrom("match_run_pair").selectAll().where("run_id", "=", runId).execute(),
    ).toEqual([]);
    // History: the relationship and the profile are still there, for the admin to read.
    const relationship = await ctx.db
      .selectFrom("mentoring_relationship")
      .selectAll()
      .where("id", "=", relationshipId)
      .executeTakeFirstOrThrow();
    expect(relationship.status).toBe("completed");
    const profile = await asAdmin.get(`/api/people/${mentee.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body.status).toBe("deactivated");
    const audit = await asAdmin.get("/api/audit?action=person.deactivated");
    const entry = audit.body.items.find((e: { target: { id: string } | null }) => e.target?.id === mentee.id);
    expect(entry.details).toMatchObject({
      via: "scim",
      token: { name: "Okta" },
      withdrawn: { requests: 1, enrolments: 1, draftPairs: 1 },
    });

    // Reactivation: they can sign in again; their pools are not restored.
    const on = await scim("PUT", `/Users/${mentee.id}`, { ...off.body, active: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.active).toBe(true);
    expect((await client(ctx.app, await signIn(ctx.app, mentee.email)).get("/api/me")).status).toBe(200);

    // DELETE deactivates the same way.
    const cookie2 = await signIn(ctx.app, mentee.email);
    expect((await scim("DELETE", `/Users/${mentee.id}`)).status).toBe(204);
    expect((await client(ctx.app, cookie2).get("/api/me")).status).toBe(401);
    expect((await scim("GET", `/Users/${mentee.id}`)).body.active).toBe(false);
  });
});
