import type { SsoErrorCode } from "../../../domain/sso/sign-in-errors.ts";
import {
  domainAllowed,
  emailDomain,
  issuerProblem,
  normalizeDomains,
  verifiedEmail,
} from "../../../domain/sso/sign-in-rules.ts";
import type { Db } from "../../db/kysely.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { decryptText, encryptText } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson, toJson } from "../../lib/json.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import { newPersonRow } from "../people/people.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import {
  authorizationRequest,
  DiscoveryError,
  discover,
  type ProviderSettings,
  redeemCode,
  SCOPES,
} from "./oidc-client.ts";
import * as repo from "./sso.repository.ts";

export const CALLBACK_PATH = "/api/sso/callback";
/** How long a started sign-in may take at the identity provider. */
export const STATE_TTL_SECONDS = 10 * 60;

const secretAad = (organizationId: string) => `sso:${organizationId}`;
const STATE_AAD = "sso-state";
export const providerIdOf = (organizationId: string) => `oidc:${organizationId}`;
export const redirectUriOf = (deps: Deps) => `${deps.config.publicUrl}${CALLBACK_PATH}`;

/** A sign-in that ends back on the sign-in page with this reason. */
export class SsoSignInError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly detail?: string,
  ) {
    super(code);
    this.name = "SsoSignInError";
  }
}

function toDto(row: repo.SsoConnectionRow) {
  return {
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    clientSecretSet: row.client_secret_encrypted.length > 0,
    allowedDomains: parseJson<string[]>(row.allowed_domains, []),
    jitProvisioning: row.jit_provisioning === 1,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function settings(deps: Deps, actor: Actor) {
  const [row, org] = await Promise.all([
    repo.findConnection(deps.db, actor.organizationId),
    findOrganization(deps.db, actor.organizationId),
  ]);
  return {
    redirectUri: redirectUriOf(deps),
    scopes: SCOPES,
    signInUrl: `${deps.config.publicUrl}/api/sso/start?org=${encodeURIComponent(org?.slug ?? "")}`,
    connection: row ? toDto(row) : null,
  };
}

export interface SsoConfigInput {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  allowedDomains: string[];
  jitProvisioning: boolean;
  enabled: boolean;
}

/** Saves the settings after discovering the issuer with them; an unreachable or invalid issuer answers 422. */
export async function saveSettings(deps: Deps, actor: Actor, input: SsoConfigInput, ip: string | null) {
  const issuerUrl = input.issuerUrl.replace(/\/+$/, "");
  const problem = issuerProblem(issuerUrl);
  if (problem) throw errors.unprocessable("sso.issuer_invalid", problem, { field: "issuerUrl" });
  const existing = await repo.findConnection(deps.db, actor.organizationId);
  const aad = secretAad(actor.organizationId);
  const clientSecret =
    input.clientSecret ??
    (existing ? decryptText(deps.masterKey, existing.client_secret_encrypted, aad) : null);
  if (!clientSecret) {
    throw errors.unprocessable(
      "sso.secret_required",
      "Enter the client secret from your identity provider.",
      {
        field: "clientSecret",
      },
    );
  }
  try {
    await discover({ issuerUrl, clientId: input.clientId, clientSecret }, deps.config, true);
  } catch (err) {
    if (err instanceof DiscoveryError) {
      throw errors.unprocessable("sso.discovery_failed", err.message, { field: "issuerUrl" });
    }
    throw err;
  }
  const now = nowIso();
  const allowedDomains = normalizeDomains(input.allowedDomains);
  const values = {
    issuer_url: issuerUrl,
    client_id: input.clientId,
    client_secret_encrypted: encryptText(deps.masterKey, clientSecret, aad),
    allowed_domains: toJson(allowedDomains),
    jit_provisioning: input.jitProvisioning ? 1 : 0,
    enabled: input.enabled ? 1 : 0,
    updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.findConnection(trx, actor.organizationId);
    if (current) await repo.updateConnection(trx, actor.organizationId, values);
    else {
      await repo.insertConnection(trx, {
        id: newId(),
        organization_id: actor.organizationId,
        created_at: now,
        ...values,
      });
    }
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: current ? "sso.updated" : "sso.configured",
      targetType: "organization",
      targetId: actor.organizationId,
      ipAddress: ip,
      details: {
        issuerUrl,
        clientId: input.clientId,
        allowedDomains,
        jitProvisioning: input.jitProvisioning,
        enabled: input.enabled,
        clientSecretChanged: input.clientSecret !== undefined,
      },
    });
  });
  return settings(deps, actor);
}

export async function removeSettings(db: Db, actor: Actor, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const current = await repo.findConnection(trx, actor.organizationId);
    if (!current) throw errors.notFound("Single sign-on configuration");
    await repo.deleteConnection(trx, actor.organizationId);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "sso.removed",
      targetType: "organization",
      targetId: actor.organizationId,
      ipAddress: ip,
      details: { issuerUrl: current.issuer_url },
    });
  });
}

function providerSettings(deps: Deps, row: repo.SsoConnectionRow): ProviderSettings {
  return {
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    clientSecret: decryptText(deps.masterKey, row.client_secret_encrypted, secretAad(row.organization_id)),
  };
}

/**
 * The organization a sign-in is for: by its slug, else the one organization with single sign-on on where
 * someone has this email (preferring one where they are not deactivated, who then hear why at the callback),
 * else the one whose allowed domains hold the email's domain.
 */
async function organizationFor(db: Db, query: { email?: string | undefined; org?: string | undefined }) {
  if (query.org) return (await repo.findOrganizationIdBySlug(db, query.org.trim()))?.id ?? null;
  const email = query.email?.trim().toLowerCase() ?? "";
  const domain = emailDomain(email);
  if (!domain) return null;
  const enabled = await repo.listEnabledConnections(db);
  const enabledOrgs = new Set(enabled.map((c) => c.organization_id));
  const people = (await repo.organizationsOfEmail(db, email)).filter((p) =>
    enabledOrgs.has(p.organization_id),
  );
  const current = people.filter((p) => p.status !== "deactivated");
  const memberOf = (current.length ? current : people).map((p) => p.organization_id);
  if (memberOf.length === 1) return memberOf[0] ?? null;
  if (memberOf.length > 1) return null;
  const byDomain = enabled.filter((c) => parseJson<string[]>(c.allowed_domains, []).includes(domain));
  return byDomain.length === 1 ? (byDomain[0]?.organization_id ?? null) : null;
}

export interface SignInState {
  organizationId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

const sealState = (deps: Deps, s: SignInState) => encryptText(deps.masterKey, JSON.stringify(s), STATE_AAD);

function openState(deps: Deps, sealed: string | undefined): SignInState | null {
  if (!sealed) return null;
  try {
    const s = JSON.parse(decryptText(deps.masterKey, sealed, STATE_AAD)) as SignInState;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** Where to send the browser, and the sealed state to keep in its cookie until the callback. */
export async function startSignIn(
  deps: Deps,
  query: { email?: string | undefined; org?: string | undefined },
): Promise<{ redirectTo: string; sealedState: string }> {
  const organizationId = await organizationFor(deps.db, query);
  if (!organizationId) throw new SsoSignInError("not_configured");
  const row = await repo.findConnection(deps.db, organizationId);
  if (!row) throw new SsoSignInError("not_configured");
  if (row.enabled !== 1) throw new SsoSignInError("disabled");
  let request: Awaited<ReturnType<typeof authorizationRequest>>;
  try {
    const config = await discover(providerSettings(deps, row), deps.config);
    const email = query.email?.trim().toLowerCase();
    request = await authorizationRequest(config, redirectUriOf(deps), email?.includes("@") ? email : null);
  } catch (err) {
    throw new SsoSignInError("failed", err instanceof Error ? err.message : String(err));
  }
  return {
    redirectTo: request.url,
    sealedState: sealState(deps, {
      organizationId,
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      expiresAt: Date.now() + STATE_TTL_SECONDS * 1000,
    }),
  };
}

export interface CallbackInput {
  query: { code?: string | undefined; state?: string | undefined; error?: string | undefined };
  /** The query string exactly as received, which the ID token and `iss` checks read. */
  search: string;
  sealedState: string | undefined;
  ip: string | null;
}

/** Verifies the identity provider's answer and finds, links or creates the person; returns their user id. */
export async function completeSignIn(deps: Deps, input: CallbackInput): Promise<{ userId: string }> {
  const state = openState(deps, input.sealedState);
  if (!state) throw new SsoSignInError("expired");
  const fail = async (code: SsoErrorCode, details: Record<string, unknown> = {}) => {
    await insertAuditEvent(deps.db, {
      organizationId: state.organizationId,
      actorPersonId: null,
      action: "auth.sso_sign_in_failed",
      ipAddress: input.ip,
      details: { reason: code, ...details },
    });
    return new SsoSignInError(code);
  };
  if (input.query.state !== state.state) throw await fail("state_mismatch");
  if (input.query.error) throw await fail("denied", { providerError: input.query.error });
  const row = await repo.findConnection(deps.db, state.organizationId);
  if (!row) throw await fail("not_configured");
  if (row.enabled !== 1) throw await fail("disabled");

  let claims: Awaited<ReturnType<typeof redeemCode>>;
  try {
    const config = await discover(providerSettings(deps, row), deps.config);
    claims = await redeemCode(config, new URL(`${redirectUriOf(deps)}${input.search}`), state);
  } catch (err) {
    throw await fail("failed", { error: err instanceof Error ? err.message : "unknown" });
  }
  const { email, verified } = verifiedEmail(claims);
  if (!email) throw await fail("no_email");
  if (!verified) throw await fail("email_unverified", { email });
  if (!domainAllowed(email, parseJson<string[]>(row.allowed_domains, []))) {
    throw await fail("domain_not_allowed", { email });
  }
  const providerId = providerIdOf(state.organizationId);
  const name =
    typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : null;

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const bySubject = await repo.findPersonBySubject(trx, state.organizationId, providerId, claims.sub);
    const person = bySubject ?? (await repo.findPersonByEmail(trx, state.organizationId, email));
    if (person?.status === "deactivated") return { refused: "deactivated" as const, personId: person.id };
    if (!person && row.jit_provisioning !== 1) return { refused: "no_account" as const, personId: null };

    let userId = person?.user_id ?? null;
    if (!userId) {
      if (await repo.findUserByEmail(trx, email)) return { refused: "email_in_use" as const, personId: null };
      userId = newId();
      await repo.insertUser(trx, { id: userId, name: person?.name ?? name ?? email, email, at: now });
    }
    const linked = await repo.findAccount(trx, userId, providerId);
    if (linked && linked.account_id !== claims.sub) {
      return { refused: "linked_elsewhere" as const, personId: person?.id ?? null };
    }
    if (!linked) {
      await repo.insertAccount(trx, { id: newId(), userId, providerId, subject: claims.sub, at: now });
    }
    let personId = person?.id ?? null;
    let how: "signed_in" | "linked" | "activated" | "provisioned" = linked ? "signed_in" : "linked";
    if (!person) {
      personId = newId();
      how = "provisioned";
      await repo.insertPerson(
        trx,
        newPersonRow({
          id: personId,
          organization_id: state.organizationId,
          user_id: userId,
          email,
          name: name ?? email,
          status: "active",
          created_at: now,
        }),
      );
      await emitEvent(trx, state.organizationId, "person.created", {
        personId,
        role: "member",
        status: "active",
        source: "sso",
        createdAt: now,
      });
    } else if (person.status === "invited" && personId) {
      how = "activated";
      await repo.activateInvitedPerson(trx, personId, userId, now);
    }
    await insertAuditEvent(trx, {
      organizationId: state.organizationId,
      actorPersonId: personId,
      action: "auth.sso_sign_in",
      targetType: "person",
      targetId: personId,
      ipAddress: input.ip,
      details: { issuer: row.issuer_url, outcome: how },
    });
    return { refused: null, userId };
  });
  if (outcome.refused) {
    throw await fail(outcome.refused, outcome.personId ? { personId: outcome.personId } : { email });
  }
  return { userId: outcome.userId };
}
