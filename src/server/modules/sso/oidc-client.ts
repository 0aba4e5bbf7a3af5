import * as oidc from "openid-client";
import { sha256 } from "../../lib/crypto.ts";
import { AppError } from "../../lib/errors.ts";
import { assertPublicUrl, type OutboundConfig, sendOutbound } from "../../lib/outbound-url.ts";

export interface ProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

export const SCOPES = "openid email profile";

const TIMEOUT_MS = 10_000;
/** Discovery documents and key sets are small; anything larger is not an identity provider's answer. */
const MAX_RESPONSE_BYTES = 512 * 1024;
const CACHE_MS = 10 * 60 * 1000;
const cache = new Map<string, { config: oidc.Configuration; until: number }>();

/** Why discovery failed, in words an admin can act on. */
export class DiscoveryError extends Error {}

function reasonOf(err: unknown): string {
  if (err instanceof oidc.ClientError || (err instanceof Error && err.name === "OperationProcessingError")) {
    return err.message;
  }
  if (err instanceof Error && err.name === "OutboundError") return `it could not be reached (${err.message})`;
  return "it could not be reached";
}

/** The outbound guard's 422, which openid-client may have wrapped as the cause of its own error. */
function guardRefusal(err: unknown): AppError | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof AppError) return e;
  }
  return null;
}

/**
 * Every request openid-client makes (discovery, keys, token, userinfo) goes through the outbound guard: only
 * public addresses (or allowlisted ones, see OUTBOUND_ALLOWED_HOSTS), connecting to the address checked.
 */
function guardedFetch(outbound: OutboundConfig): oidc.CustomFetch {
  return async (url, options) => {
    const target = await assertPublicUrl(url, outbound);
    const method = options.method === "POST" ? "POST" : "GET";
    const body =
      options.body === undefined || options.body === null
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : options.body instanceof URLSearchParams
            ? options.body.toString()
            : undefined;
    const res = await sendOutbound(
      target,
      { method, headers: options.headers, body, timeoutMs: TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES },
      outbound,
    );
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    headers.delete("content-length");
    headers.delete("content-encoding");
    headers.delete("transfer-encoding");
    return new Response(res.status >= 200 && res.status !== 204 && res.status !== 304 ? res.body : null, {
      status: res.status,
      headers,
    });
  };
}

/**
 * The provider's metadata (OpenID Connect Discovery), kept for ten minutes per issuer, client and secret.
 * `fresh` skips the cache, so that saving the settings always checks the provider as it is now.
 */
export async function discover(
  settings: ProviderSettings,
  outbound: OutboundConfig,
  fresh = false,
): Promise<oidc.Configuration> {
  const key = sha256(JSON.stringify([settings.issuerUrl, settings.clientId, settings.clientSecret]));
  const hit = cache.get(key);
  if (!fresh && hit && hit.until > Date.now()) return hit.config;
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(
      new URL(settings.issuerUrl),
      settings.clientId,
      { client_secret: settings.clientSecret },
      oidc.ClientSecretBasic(settings.clientSecret),
      {
        [oidc.customFetch]: guardedFetch(outbound),
        // The guard admits plain http only to allowlisted hosts (a provider beside Trellis in development).
        ...(settings.issuerUrl.startsWith("http:") ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
  } catch (err) {
    cache.delete(key);
    const refused = guardRefusal(err);
    if (refused) throw refused;
    throw new DiscoveryError(
      `Could not read ${settings.issuerUrl.replace(/\/$/, "")}/.well-known/openid-configuration: ${reasonOf(err)}.`,
    );
  }
  const metadata = config.serverMetadata();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
    throw new DiscoveryError(
      "The provider's discovery document lacks an authorization endpoint, a token endpoint or its keys (jwks_uri).",
    );
  }
  if (metadata.response_types_supported && !metadata.response_types_supported.includes("code")) {
    throw new DiscoveryError(
      "The provider does not offer the authorization code flow (response type `code`).",
    );
  }
  cache.set(key, { config, until: Date.now() + CACHE_MS });
  return config;
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  loginHint: string | null,
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPES,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url: url.href, state, nonce, codeVerifier };
}

export interface IdentityClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/**
 * Exchanges the code (with the PKCE verifier) and validates the ID token: signature, issuer, audience, expiry,
 * nonce and the state. The email claims come from the ID token when it carries them, else from the userinfo
 * endpoint, which must answer for the same subject.
 */
export async function redeemCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<IdentityClaims> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const id = tokens.claims();
  if (!id) throw new Error("The token response holds no ID token.");
  if (id.email !== undefined && id.email_verified !== undefined) {
    return { sub: id.sub, email: id.email, email_verified: id.email_verified, name: id.name };
  }
  const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
  return { sub: id.sub, email: info.email, email_verified: info.email_verified, name: id.name ?? info.name };
}
