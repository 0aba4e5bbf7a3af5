import type { Context } from "hono";
import { registerAccess } from "../../lib/access.ts";
import type { AppEnv } from "../../lib/context.ts";
import { errorBody, errors, throttle } from "../../lib/errors.ts";
import { router } from "../../lib/http.ts";
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from "../../lib/password-policy.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findPersonByEmail } from "../people/people.repository.ts";

registerAccess("GET", "/api/auth/*", {
  who: "anyone",
  scope: "none",
  object: "better-auth session endpoints: each checks the session cookie itself.",
});
registerAccess("POST", "/api/auth/*", {
  who: "anyone",
  scope: "none",
  object:
    "better-auth: sign-in, sign-out, password reset and change; sign-up is disabled (people join by invitation).",
});

const SIGN_IN = "/api/auth/sign-in/email";
const REQUEST_RESET = "/api/auth/request-password-reset";
const RESET = "/api/auth/reset-password";
const CHANGE = "/api/auth/change-password";
const SECOND_FACTOR = /^\/api\/auth\/two-factor\/verify-(totp|backup-code)$/;

async function auditSignIn(
  c: Context<AppEnv>,
  email: string,
  action: string,
  details: Record<string, unknown>,
) {
  const db = c.get("deps").db;
  const person = await findPersonByEmail(db, email);
  const signedIn = action === "auth.sign_in";
  await insertAuditEvent(db, {
    organizationId: person?.organization_id ?? null,
    actorPersonId: signedIn ? (person?.id ?? null) : null,
    action,
    targetType: person ? "person" : null,
    targetId: person?.id ?? null,
    ipAddress: c.get("ip"),
    details,
  });
}

/** The better-auth endpoints Trellis uses; the rest of better-auth's surface answers 404. */
const ALLOWED: Record<string, RegExp> = {
  GET: /^\/api\/auth\/(get-session|list-sessions|reset-password\/[\w-]+)$/,
  POST: /^\/api\/auth\/(sign-in\/email|sign-out|request-password-reset|reset-password|change-password|revoke-other-sessions|revoke-sessions|two-factor\/(enable|disable|get-totp-uri|verify-totp|verify-backup-code|generate-backup-codes))$/,
};

async function jsonOf(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.clone().json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const emailIn = (body: Record<string, unknown>) =>
  typeof body.email === "string" ? body.email.trim().toLowerCase().slice(0, 254) : null;

export const authRoutes = router().on(["GET", "POST"], "/api/auth/*", async (c) => {
  const { auth } = c.get("deps");
  const limits = c.get("limits");
  const path = c.req.path;
  if (!ALLOWED[c.req.method]?.test(path)) {
    return c.json(errorBody("not_found", `No route for ${c.req.method} ${path}.`), 404);
  }
  if (c.req.method === "GET") return auth.handler(c.req.raw);
  const body = await jsonOf(c.req.raw);
  const ip = c.get("ip") ?? "unknown";

  if (path === REQUEST_RESET) {
    const email = emailIn(body);
    const wait = Math.max(
      limits.passwordResetsPerAddress.retryAfter(ip),
      email ? limits.passwordResetsPerAccount.retryAfter(email) : 0,
    );
    if (wait > 0) {
      throw errors.tooManyRequests(
        "auth.rate_limited",
        "Too many password-reset requests. Try again later.",
        wait,
      );
    }
    limits.passwordResetsPerAddress.record(ip);
    if (email) limits.passwordResetsPerAccount.record(email);
    return auth.handler(c.req.raw);
  }

  if (path === RESET || path === CHANGE) {
    const problem = typeof body.newPassword === "string" ? passwordProblem(body.newPassword) : null;
    if (problem) {
      return c.json(
        errorBody(`auth.password_${problem}`, PASSWORD_PROBLEM_MESSAGES[problem], { field: "newPassword" }),
        422,
      );
    }
    if (path === RESET) return auth.handler(c.req.raw);
    // A changed password ends every other session, whatever the client asked for.
    const headers = new Headers(c.req.raw.headers);
    headers.delete("content-length");
    return auth.handler(
      new Request(c.req.raw.url, {
        method: "POST",
        headers,
        body: JSON.stringify({ ...body, revokeOtherSessions: true }),
      }),
    );
  }

  if (SECOND_FACTOR.test(path)) {
    const response = await auth.handler(c.req.raw);
    if (response.status !== 200) return response;
    const signedIn = (await response.clone().json()) as { user?: { email?: unknown } };
    const email = typeof signedIn.user?.email === "string" ? signedIn.user.email : null;
    // Answers to the challenge after a password; enabling the factor answers without a user.
    if (email) await auditSignIn(c, email, "auth.sign_in", {});
    return response;
  }
  if (path !== SIGN_IN) return auth.handler(c.req.raw);
  const email = emailIn(body);
  const keys = [`ip:${ip}`, ...(email ? [`account:${email}`] : [])];
  throttle(
    limits.signInFailures,
    keys,
    "auth.rate_limited",
    "Too many failed sign-ins. Wait a minute and try again.",
  );
  const response = await auth.handler(c.req.raw);
  if (response.status === 401) for (const key of keys) limits.signInFailures.record(key);
  if (!email) return response;
  if (response.status !== 200) {
    await auditSignIn(c, email, "auth.sign_in_failed", { email, status: response.status });
  } else {
    const answer = (await response.clone().json()) as { twoFactorRedirect?: unknown };
    await auditSignIn(c, email, answer.twoFactorRedirect ? "auth.second_factor_asked" : "auth.sign_in", {});
  }
  return response;
});
