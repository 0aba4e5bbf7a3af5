import type { MiddlewareHandler } from "hono";
import type { OrgRole } from "../db/schema.ts";
import type { AppEnv } from "./context.ts";
import { errors } from "./errors.ts";

export const ORG_ROLES = [
  "org_admin",
  "program_manager",
  "sponsor",
  "member",
] as const satisfies readonly OrgRole[];

/**
 * Who may call a route. `anyone` needs no session; `signed_in` needs an active person in an organization;
 * a role list needs one of those organization roles; `scim_token` needs an organization's SCIM bearer token
 * (SCIM routes only: a session never passes it, and the token passes nothing else).
 * `scope` says how the objects a route touches are found: `organization` means every id is looked up
 * inside the caller's organization (an id from another one answers 404); `self` means the caller's own
 * records only; `token` means a secret token in the request selects the object.
 */
export interface AccessRule {
  who: "anyone" | "signed_in" | "scim_token" | readonly OrgRole[];
  scope: "none" | "organization" | "self" | "token";
  /** Object-level rule applied in the service, in words, for the route inventory and the OpenAPI document. */
  object?: string;
}

const registry = new Map<string, AccessRule>();

export const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`;

export function registerAccess(method: string, path: string, rule: AccessRule): void {
  registry.set(routeKey(method, path), rule);
}

export const accessRegistry = (): ReadonlyMap<string, AccessRule> => registry;

export const describeWho = (rule: AccessRule): string =>
  rule.who === "anyone"
    ? "anyone"
    : rule.who === "signed_in"
      ? "any signed-in person"
      : rule.who === "scim_token"
        ? "an organization's SCIM token"
        : rule.who.join(", ");

export function enforce(rule: AccessRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule.who === "scim_token") {
      if (!c.get("scim")) throw errors.unauthenticated();
    } else if (rule.who !== "anyone") {
      const actor = c.get("actor");
      if (!actor) throw errors.unauthenticated();
      if (rule.who !== "signed_in" && !rule.who.includes(actor.role)) throw errors.forbidden();
    }
    await next();
  };
}
