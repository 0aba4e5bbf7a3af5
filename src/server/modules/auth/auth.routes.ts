import { registerAccess } from "../../lib/access.ts";
import { router } from "../../lib/http.ts";
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
    "better-auth: sign-in, sign-out and password reset; sign-up is disabled (people join by invitation).",
});

const SIGN_IN = "/api/auth/sign-in/email";

async function emailOf(request: Request): Promise<string | null> {
  try {
    const body = (await request.json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase().slice(0, 254) : null;
  } catch {
    return null;
  }
}

export const authRoutes = router().on(["GET", "POST"], "/api/auth/*", async (c) => {
  const { auth, db } = c.get("deps");
  if (c.req.method !== "POST" || c.req.path !== SIGN_IN) return auth.handler(c.req.raw);
  const email = await emailOf(c.req.raw.clone());
  const response = await auth.handler(c.req.raw);
  const person = email ? await findPersonByEmail(db, email) : undefined;
  const ok = response.status === 200;
  await insertAuditEvent(db, {
    organizationId: person?.organization_id ?? null,
    actorPersonId: ok ? (person?.id ?? null) : null,
    action: ok ? "auth.sign_in" : "auth.sign_in_failed",
    targetType: person ? "person" : null,
    targetId: person?.id ?? null,
    ipAddress: c.get("ip"),
    details: ok ? {} : { email, status: response.status },
  });
  return response;
});
