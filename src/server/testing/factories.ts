import type { App } from "../app.ts";
import type { Db } from "../db/kysely.ts";
import type { OrgRole } from "../db/schema.ts";
import { hashPassword } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { addDays, nowIso } from "../lib/time.ts";
import { insertOrganization, insertPerson, type PersonSpec } from "../seed/builders.ts";

export const TEST_PASSWORD = "correct-horse-battery";

let passwordHash: Promise<string> | null = null;
const testPasswordHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeOrganization(db: Db, name = "Acme") {
  const n = next();
  return insertOrganization(db, `${name} ${n}`, `${name.toLowerCase().replace(/\W+/g, "-")}-${n}`);
}

export interface MadePerson {
  id: string;
  email: string;
  organizationId: string;
  role: OrgRole;
}

/** An active person with a sign-in account (password TEST_PASSWORD) unless `status: "invited"`. */
export async function makePerson(
  db: Db,
  organizationId: string,
  spec: Partial<Omit<PersonSpec, "organizationId">> = {},
): Promise<MadePerson> {
  const n = next();
  const email = spec.email ?? `person.${n}@example.test`;
  const role = spec.role ?? "member";
  const invited = spec.status === "invited";
  const id = await insertPerson(db, {
    organizationId,
    name: spec.name ?? `Person ${n}`,
    email,
    role,
    timeZone: "Europe/London",
    languages: ["English"],
    ...spec,
    ...(invited ? {} : { passwordHash: await testPasswordHash() }),
  });
  return { id, email, organizationId, role };
}

/**
 * A webhook endpoint written straight to the database, to see which events a change records; its address never
 * answers, so deliveries only wait for their retries.
 */
export async function makeWebhookEndpoint(db: Db, organizationId: string, events: string[]) {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("webhook_endpoint")
    .values({
      id,
      organization_id: organizationId,
      url: "https://hooks.invalid/trellis",
      description: "",
      events: JSON.stringify(events),
      enabled: 1,
      disabled_reason: null,
      secret_encrypted: "unused",
      secret_rotated_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function makeProgram(
  db: Db,
  organizationId: string,
  ownerId: string,
  spec: Partial<{
    kind: "mentoring" | "coaching" | "training";
    status: "draft" | "published" | "archived";
    opensInDays: number;
    closesInDays: number;
    eligibility: { departments: string[]; minSeniority: number | null; maxSeniority: number | null };
    questionnaire: unknown[];
    name: string;
    leadershipTrack: boolean;
  }> = {},
) {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("program")
    .values({
      id,
      organization_id: organizationId,
      kind: spec.kind ?? "mentoring",
      name: spec.name ?? `Program ${next()}`,
      description: "A test program",
      owner_id: ownerId,
      status: spec.status ?? "published",
      enrolment_opens_at: addDays(now, spec.opensInDays ?? -1),
      enrolment_closes_at: addDays(now, spec.closesInDays ?? 30),
      eligibility: JSON.stringify(
        spec.eligibility ?? { departments: [], minSeniority: null, maxSeniority: null },
      ),
      questionnaire: JSON.stringify(spec.questionnaire ?? []),
      leadership_track: spec.leadershipTrack ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Signs in through the real better-auth endpoint and returns the Cookie header to send. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`Sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  return cookies.join("; ");
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
export type Answer = { status: number; body: any; headers: Headers };
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** A response body as JSON, or as its text when it is not JSON. */
export function parsedBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** get, post, patch, put and delete over one way of sending a request. */
export function withVerbs(call: Call) {
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call("POST", path, body, headers),
    patch: (path: string, body?: unknown) => call("PATCH", path, body),
    put: (path: string, body?: unknown) => call("PUT", path, body),
    delete: (path: string) => call("DELETE", path),
    call,
  };
}

/** A small client for app.request with JSON bodies and a session cookie. */
export function client(app: App, cookie?: string) {
  return withVerbs(async (method, path, body, headers = {}) => {
    const res = await app.request(path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        origin: "http://localhost:3000",
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: parsedBody(await res.text()), headers: res.headers };
  });
}
