import * as oidc from "openid-client";
import { isLoopbackIssuer } from "../../../domain/sso/sign-in-rules.ts";
import { sha256 } from "../../lib/crypto.ts";

export interface ProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

export const SCOPES = "openid email profile";

const DISCOVERY_TIMEOUT_SECONDS = 10;
const CACHE_MS = 10 * 60 * 1000;
const cache = new Map<string, { config: oidc.Configuration; until: number }>();

/** Why discovery failed, in words an admin can act on. */
export class DiscoveryError extends Error {}

function reasonOf(err: unknown): string {
  if (err instanceof oidc.ClientError || (err instanceof Error && err.name === "OperationProcessingError")) {
    return err.message;
  }
  if (err instanceof Error && err.name === "TimeoutError") return "it did not answer within 10 seconds";
  return "it could not be reached";
}

/**
 * The provider's metadata (OpenID Connect Discovery), kept for ten minutes per issuer, client and secret.
 * `fresh` skips the cache, so that saving the settings always checks the provider as it is now.
 */
export async function discover(settings: ProviderSettings, fresh = false): Promise<oidc.Configuration> {
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
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        ...(isLoopbackIssuer(settings.issuerUrl) ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
  } catch (err) {
    cache.delete(key);
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
