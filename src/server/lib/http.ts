import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AccessRule, describeWho, enforce, registerAccess } from "./access.ts";
import type { Actor, AppEnv } from "./context.ts";
import { errorBody, errors } from "./errors.ts";
import { cachedRead } from "./read-cache.ts";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation.failed" }),
      message: z.string(),
      details: z.unknown(),
    }),
  })
  .openapi("Error");

export const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

export const standardErrors = {
  400: errorResponse("The request is malformed or fails validation"),
  401: errorResponse("Not signed in"),
  403: errorResponse("Signed in, but not allowed"),
  404: errorResponse("Not found, or in another organization"),
  409: errorResponse("Conflicts with the current state"),
  413: errorResponse("The body is larger than 1 MB"),
  415: errorResponse("The body is not JSON"),
  422: errorResponse("Understood, but breaks a rule"),
  503: errorResponse("The database is busy; retry after Retry-After seconds"),
} as const;

export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({
          path: i.path.map(String).join("."),
          code: i.code,
          message: i.message,
        }));
        return c.json(errorBody("validation.failed", "Some fields are missing or invalid.", details), 400);
      }
    },
  });
}

/**
 * A route with its access rule. The rule is enforced before validation and recorded for the route inventory.
 * `cacheSeconds` keeps a signed-in GET's answer per caller until a table it read changes (lib/read-cache.ts),
 * for at most that long; only for reads whose answer depends on nothing but the database, the caller and
 * the URL, within that time.
 */
export function secureRoute<R extends RouteConfig>(
  config: R & { access: AccessRule; cacheSeconds?: number },
) {
  const { access, cacheSeconds, ...route } = config;
  registerAccess(route.method, route.path, access);
  const rule = `Access: ${describeWho(access)}${access.scope !== "none" ? ` (scope: ${access.scope})` : ""}${access.object ? `. ${access.object}` : ""}`;
  return createRoute({
    ...route,
    description: [route.description, rule].filter(Boolean).join("\n\n"),
    responses: { ...standardErrors, ...route.responses },
    middleware: cacheSeconds ? [enforce(access), cachedRead(cacheSeconds)] : [enforce(access)],
  } as unknown as R);
}

export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw errors.unauthenticated();
  return actor;
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonOk = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" }, example: "0193a6b2-7c1e-7b52-9d1a-3f6f0f4a2b10" }),
});

export { z };
