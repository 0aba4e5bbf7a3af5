import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../../lib/context.ts";
import { actorOf, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { SsoCallbackQuery, SsoConfigInput, SsoSettingsSchema, SsoStartQuery } from "./sso.schemas.ts";
import * as service from "./sso.service.ts";

const tags = ["Single sign-on"];

const STATE_COOKIE = "trellis.sso_state";
/** Only the callback reads it; SameSite=Lax lets the identity provider's top-level redirect carry it back. */
const stateCookieOptions = (c: Context<AppEnv>) => ({
  path: service.CALLBACK_PATH,
  httpOnly: true,
  secure: c.get("deps").config.publicUrl.startsWith("https://"),
  sameSite: "Lax" as const,
});

const REDIRECT = {
  description: "Redirects the browser (to the identity provider, to Trellis, or back to the sign-in page)",
  headers: { Location: { schema: { type: "string" as const } } },
};

const backToSignIn = (c: Context<AppEnv>, code: string) =>
  c.redirect(`/sign-in?sso_error=${encodeURIComponent(code)}`, 302);

/** A better-auth session like the one a password sign-in makes, with the same signed cookie. */
async function startSession(c: Context<AppEnv>, userId: string): Promise<boolean> {
  const auth = await c.get("deps").auth.$context;
  let token: string;
  try {
    const session = await auth.internalAdapter.createSession(userId, false, {
      ipAddress: c.get("ip") ?? "",
      userAgent: c.req.header("user-agent") ?? "",
    });
    token = session.token;
  } catch {
    // The session hook refuses a person who is not active (deactivated since the check).
    return false;
  }
  const cookie = auth.authCookies.sessionToken;
  await setSignedCookie(c, cookie.name, token, auth.secret, {
    path: cookie.attributes.path ?? "/",
    httpOnly: true,
    secure: cookie.attributes.secure === true,
    sameSite: "Lax",
    maxAge: auth.sessionConfig.expiresIn,
  });
  return true;
}

export const ssoRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/sso/config",
      tags,
      summary: "The organization's single sign-on settings and the redirect URI to register at the provider",
      access: { who: ["org_admin"], scope: "organization" },
      responses: { 200: jsonOk(SsoSettingsSchema) },
    }),
    async (c) => c.json(await service.settings(c.get("deps"), actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/sso/config",
      tags,
      summary: "Set up or change single sign-on (OpenID Connect); the issuer is discovered before saving",
      description:
        "Answers 422 `sso.discovery_failed` when the issuer's discovery document cannot be read or is invalid. The client secret is stored encrypted and never returned.",
      access: { who: ["org_admin"], scope: "organization" },
      request: { body: jsonBody(SsoConfigInput) },
      responses: { 200: jsonOk(SsoSettingsSchema, "Saved") },
    }),
    async (c) =>
      c.json(await service.saveSettings(c.get("deps"), actorOf(c), c.req.valid("json"), c.get("ip")), 200),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/sso/config",
      tags,
      summary: "Remove single sign-on; people sign in with a password again",
      access: { who: ["org_admin"], scope: "organization" },
      responses: { 204: { description: "Removed" } },
    }),
    async (c) => {
      await service.removeSettings(c.get("deps").db, actorOf(c), c.get("ip"));
      return c.body(null, 204);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/sso/start",
      tags,
      summary: "Start single sign-on: redirects to the organization's identity provider",
      description:
        "Finds the organization by `org` (its short name) or by `email`. Anything that stops the sign-in redirects to `/sign-in?sso_error=<code>`.",
      access: { who: "anyone", scope: "none" },
      request: { query: SsoStartQuery },
      responses: { 302: REDIRECT },
    }),
    async (c) => {
      try {
        const { redirectTo, sealedState } = await service.startSignIn(c.get("deps"), c.req.valid("query"));
        setCookie(c, STATE_COOKIE, sealedState, {
          ...stateCookieOptions(c),
          maxAge: service.STATE_TTL_SECONDS,
        });
        return c.redirect(redirectTo, 302);
      } catch (err) {
        if (err instanceof service.SsoSignInError) return backToSignIn(c, err.code);
        throw err;
      }
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/sso/callback",
      tags,
      summary: "Where the identity provider sends the browser back; signs the person in and redirects to /",
      description:
        "Checks the state against the browser's cookie, redeems the code with PKCE, validates the ID token (signature, issuer, audience, expiry, nonce), requires a verified email, then links or creates the person. Anything that stops the sign-in redirects to `/sign-in?sso_error=<code>`.",
      access: {
        who: "anyone",
        scope: "token",
        object: "The state cookie set by /api/sso/start selects the sign-in.",
      },
      request: { query: SsoCallbackQuery },
      responses: { 302: REDIRECT },
    }),
    async (c) => {
      const sealedState = getCookie(c, STATE_COOKIE);
      deleteCookie(c, STATE_COOKIE, stateCookieOptions(c));
      try {
        const { userId } = await service.completeSignIn(c.get("deps"), {
          query: c.req.valid("query"),
          search: new URL(c.req.url).search,
          sealedState,
          ip: c.get("ip"),
        });
        if (!(await startSession(c, userId))) return backToSignIn(c, "deactivated");
        return c.redirect("/", 302);
      } catch (err) {
        if (err instanceof service.SsoSignInError) return backToSignIn(c, err.code);
        // A browser lands here from the identity provider: it gets the sign-in page, never an error document.
        console.error("Single sign-on callback failed:", err instanceof Error ? err.message : err);
        return backToSignIn(c, "failed");
      }
    },
  );
