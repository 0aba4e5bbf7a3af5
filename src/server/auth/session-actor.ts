import { dataChangesOf } from "../db/kysely.ts";
import type { Actor, Deps } from "../lib/context.ts";
import { ReadCache } from "../lib/read-cache.ts";
import { findActivePersonByUser } from "../modules/people/people.repository.ts";
import { SESSION_COOKIE } from "./auth.ts";

const SESSION_COOKIE_VALUE = new RegExp(
  `(?:^|;\\s*)(?:__Secure-)?${SESSION_COOKIE.replace(".", "\\.")}=([^;]+)`,
);
const MAX_CACHED_MS = 60_000;

/**
 * Finds who calls from the session cookie: the session, its user and their active person. The answer is
 * kept per session token until the session, user or person rows are written (a sign-out, a deactivation, a
 * role change) or the session expires, so a signed-in request reads the database only for its own data.
 */
export function sessionActors(deps: Deps) {
  const changes = dataChangesOf(deps.db);
  const cache =
    changes && deps.config.readCache
      ? new ReadCache<{ actor: Actor | null; expiresAt: number }>(changes, {
          maxEntries: 50_000,
          maxBytes: 32 * 1024 * 1024,
        })
      : null;

  async function lookup(headers: Headers): Promise<{ actor: Actor | null; expiresAt: number }> {
    const session = await deps.auth.api.getSession({ headers });
    if (!session) return { actor: null, expiresAt: 0 };
    const person = await findActivePersonByUser(deps.db, session.user.id);
    const actor = person
      ? {
          userId: session.user.id,
          personId: person.id,
          organizationId: person.organization_id,
          role: person.org_role,
          name: person.name,
          email: person.email,
        }
      : null;
    return { actor, expiresAt: new Date(session.session.expiresAt).getTime() };
  }

  return async function actorOf(headers: Headers): Promise<Actor | null> {
    const token = SESSION_COOKIE_VALUE.exec(headers.get("cookie") ?? "")?.[1];
    if (!token) return null;
    if (!cache) return (await lookup(headers)).actor;
    const hit = cache.get(token);
    if (hit) return hit.actor;
    const found = await cache.compute(
      token,
      () => lookup(headers),
      ({ actor, expiresAt }) =>
        actor ? { ttlMs: Math.min(MAX_CACHED_MS, expiresAt - Date.now()), bytes: 300 + token.length } : null,
    );
    return found.actor;
  };
}
