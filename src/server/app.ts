import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { sessionActors } from "./auth/session-actor.ts";
import { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy } from "./db/busy.ts";
import { registerAccess } from "./lib/access.ts";
import type { AppEnv, Deps } from "./lib/context.ts";
import { AppError, errorBody } from "./lib/errors.ts";
import { router } from "./lib/http.ts";
import { idempotency } from "./lib/idempotency.ts";
import { createRateLimits, type RateLimits } from "./lib/rate-limit.ts";
import { servedFromMemoryFirst } from "./lib/read-cache.ts";
import { advisorRoutes } from "./modules/advisor/advisor.routes.ts";
import { analyticsRoutes } from "./modules/analytics/analytics.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { calendarRoutes } from "./modules/calendar/calendar.routes.ts";
import { coachingRoutes } from "./modules/coaching/coaching.routes.ts";
import { sessionRoutes } from "./modules/coaching/sessions.routes.ts";
import { exportRoutes } from "./modules/exports/exports.routes.ts";
import { homeRoutes } from "./modules/home/home.routes.ts";
import { invitationRoutes } from "./modules/invitations/invitations.routes.ts";
import { matchingRoutes } from "./modules/matching/matching.routes.ts";
import { mentoringRoutes } from "./modules/mentoring/mentoring.routes.ts";
import { relationshipRoutes } from "./modules/mentoring/relationship.routes.ts";
import { notificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { organizationRoutes } from "./modules/organizations/organizations.routes.ts";
import { peopleRoutes } from "./modules/people/people.routes.ts";
import {
  PEOPLE_IMPORT_MAX_BYTES,
  PEOPLE_IMPORT_UPLOAD_PATH,
  peopleImportRoutes,
} from "./modules/people-import/people-import.routes.ts";
import { privacyRoutes } from "./modules/privacy/privacy.routes.ts";
import { programRoutes } from "./modules/programs/programs.routes.ts";
import { recordsRoutes } from "./modules/records/records.routes.ts";
import { scimRoutes } from "./modules/scim/scim.routes.ts";
import { scimTokenRoutes } from "./modules/scim/scim-tokens.routes.ts";
import { ssoRoutes } from "./modules/sso/sso.routes.ts";
import { trainingRoutes } from "./modules/training/training.routes.ts";
import { webhookRoutes } from "./modules/webhooks/webhooks.routes.ts";
import { xapiRoutes } from "./modules/xapi/xapi.routes.ts";

export interface AppOptions {
  /** Directory of the built SPA; when set, the app serves it and falls back to index.html. */
  webDist?: string | undefined;
  rateLimits?: RateLimits | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Routes that take a file as their body instead of JSON: its media type and a larger size limit. Every other
 * protection (origin check, session, access rule) applies to them as to any route.
 */
const UPLOADS: Record<string, { type: RegExp; typeName: string; maxBytes: number; limit: string }> = {
  [`POST ${PEOPLE_IMPORT_UPLOAD_PATH}`]: {
    type: /^text\/csv\b/i,
    typeName: "text/csv",
    maxBytes: PEOPLE_IMPORT_MAX_BYTES,
    limit: "20 MB",
  },
};
const uploadOf = (c: Context<AppEnv>) => UPLOADS[`${c.req.method} ${c.req.path}`];

registerAccess("GET", "/api/openapi.json", { who: "anyone", scope: "none" });
registerAccess("GET", "/api/docs", { who: "anyone", scope: "none" });
registerAccess("GET", "/api/docs/assets/{file}", { who: "anyone", scope: "none" });
registerAccess("GET", "/api/health", { who: "anyone", scope: "none" });

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * Scripts only from our own files: no inline script and no eval. Inline styles stay allowed, because
 * React's `style` props and the charts set them; they cannot run code.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Public, unchanging API answers a browser may keep; every other API answer may hold personal data. */
const CACHEABLE_API = /^\/api\/(openapi\.json|docs(\/.*)?|health)$/;

/**
 * A browser says where a request came from in Sec-Fetch-Site; a page on another site may not change
 * data here even when it carries no Origin header.
 */
function crossSite(c: Context<AppEnv>, trustedOrigins: string[]): boolean {
  const origin = c.req.header("origin");
  if (origin && !trustedOrigins.includes(origin)) return true;
  const site = c.req.header("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/**
 * PostgreSQL cannot store U+0000 in text, and no field has a use for it, so it is refused at the door
 * for every route (including better-auth's) instead of failing deep inside a query.
 */
/** Whether a request can carry a body; asking a GET for its body makes @hono/node-server build a whole Request. */
const sendsBody = (method: string) => method !== "GET" && method !== "HEAD";

async function hasNulCharacter(request: Request): Promise<boolean> {
  if (decodeURIComponentSafe(request.url).includes("\u0000")) return true;
  if (!sendsBody(request.method)) return false;
  const type = request.headers.get("content-type") ?? "";
  if (!request.body || !/json/i.test(type)) return false;
  // Reading may throw the body-limit error; it is left to propagate so that it answers 413.
  const text = await request.clone().text();
  let found = false;
  try {
    JSON.parse(text, (key, value) => {
      if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) found = true;
      return value;
    });
  } catch {
    return false;
  }
  return found;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

const SWAGGER_DIR = join(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"), "..");
const SWAGGER_FILES = new Set(["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"]);

const API_DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trellis API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><main id="api"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-init.js"></script></body></html>`;

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = router();

  const limits = options.rateLimits ?? createRateLimits();
  const actorOf = sessionActors(deps);
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginEmbedderPolicy: false,
      xFrameOptions: "DENY",
      referrerPolicy: "strict-origin-when-cross-origin",
    }),
  );
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("ip", clientIp(c, deps.config.trustProxy));
    c.set("actor", null);
    c.set("scim", null);
    c.set("limits", limits);
    await next();
    if (c.req.path.startsWith("/api/") && !CACHEABLE_API.test(c.req.path)) {
      // Not c.header: after the handler it copies the whole response into a new one, body stream and all.
      c.res.headers.set("Cache-Control", "no-store");
    }
  });
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody("request.too_large", "The request body is larger than 1 MB."), 413),
  });
  const uploadLimits = new Map(
    Object.entries(UPLOADS).map(([key, u]) => [
      key,
      bodyLimit({
        maxSize: u.maxBytes,
        onError: (c) =>
          c.json(errorBody("request.too_large", `The uploaded file is larger than ${u.limit}.`), 413),
      }),
    ]),
  );
  app.use("/api/*", (c, next) =>
    sendsBody(c.req.method)
      ? (uploadLimits.get(`${c.req.method} ${c.req.path}`) ?? jsonLimit)(c, next)
      : next(),
  );
  app.use("/api/*", async (c, next) => {
    if (await hasNulCharacter(c.req.raw)) {
      return c.json(
        errorBody(
          "request.invalid_characters",
          "The request contains a NUL character, which no field accepts.",
        ),
        400,
      );
    }
    await next();
  });
  app.use("/api/*", async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD" && crossSite(c, deps.config.trustedOrigins)) {
      return c.json(
        errorBody("auth.untrusted_origin", "Requests that change data must come from Trellis itself."),
        403,
      );
    }
    if (
      (method === "POST" || method === "PUT" || method === "PATCH") &&
      !c.req.path.startsWith("/api/auth/")
    ) {
      const type = c.req.header("content-type");
      const hasBody = Number(c.req.header("content-length") ?? "0") > 0 || c.req.header("transfer-encoding");
      const upload = uploadOf(c);
      if (upload && !(type && upload.type.test(type))) {
        return c.json(
          errorBody(
            "request.unsupported_media_type",
            `Send the file as the body (Content-Type: ${upload.typeName}).`,
            {
              contentType: type ?? null,
            },
          ),
          415,
        );
      }
      if (!upload && ((type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) || (hasBody && !type))) {
        return c.json(
          errorBody(
            "request.unsupported_media_type",
            "Send the body as JSON (Content-Type: application/json).",
            {
              contentType: type ?? null,
            },
          ),
          415,
        );
      }
    }
    if (!c.req.path.startsWith("/api/auth/")) c.set("actor", await actorOf(c.req.raw.headers));
    await next();
  });
  app.use("/api/*", idempotency());

  app.route("/", authRoutes);
  app.route("/", peopleImportRoutes);
  app.route("/", exportRoutes);
  app.route("/", peopleRoutes);
  app.route("/", invitationRoutes);
  app.route("/", organizationRoutes);
  app.route("/", programRoutes);
  app.route("/", auditRoutes);
  app.route("/", mentoringRoutes);
  app.route("/", matchingRoutes);
  app.route("/", trainingRoutes);
  app.route("/", xapiRoutes);
  app.route("/", relationshipRoutes);
  app.route("/", coachingRoutes);
  app.route("/", sessionRoutes);
  app.route("/", advisorRoutes);
  app.route("/", recordsRoutes);
  app.route("/", privacyRoutes);
  app.route("/", analyticsRoutes);
  app.route("/", homeRoutes);
  app.route("/", scimTokenRoutes);
  app.route("/", scimRoutes);
  app.route("/", calendarRoutes);
  app.route("/", notificationRoutes);
  app.route("/", webhookRoutes);
  app.route("/", ssoRoutes);

  app.get("/api/health", (c) => c.json({ status: "ok", engine: deps.engine }));
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Trellis API",
      version: "0.1.0",
      description:
        "Mentoring, coaching and training for organizations. Every operation states who may call it. Errors have the shape `{ error: { code, message, details } }`.",
    },
  });
  app.get("/api/docs", (c) => c.html(API_DOCS_HTML));
  app.get("/api/docs/assets/:file", (c) => {
    const file = c.req.param("file");
    if (file === "swagger-init.js") {
      return c.body(
        `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#api", deepLinking: true });`,
        200,
        { "content-type": "text/javascript; charset=utf-8" },
      );
    }
    if (!SWAGGER_FILES.has(file)) return c.json(errorBody("not_found", "No such file."), 404);
    const type = file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    return c.body(readFileSync(join(SWAGGER_DIR, file)), 200, {
      "content-type": type,
      "cache-control": "public, max-age=86400",
    });
  });

  if (options.webDist) {
    const root = options.webDist;
    const indexHtml = () => readFileSync(join(root, "index.html"), "utf8");
    app.use(
      "/assets/*",
      compress(),
      serveStatic({
        root,
        // File names carry a content hash, so a file never changes under its name.
        onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
      }),
    );
    app.use("/favicon.svg", serveStatic({ root }));
    app.use("*", async (c, next) => {
      if (c.req.method !== "GET" || c.req.path.startsWith("/api/") || c.req.path.startsWith("/scim/"))
        return next();
      return c.html(indexHtml());
    });
  }

  app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((err, c) => {
    if (err instanceof AppError) {
      const retry = (err.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (typeof retry === "number") c.header("Retry-After", String(retry));
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err.name === "BodyLimitError") {
      return c.json(errorBody("request.too_large", "The request body is larger than 1 MB."), 413);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 400)
        return c.json(errorBody("request.malformed", "The request body is not valid JSON."), 400);
      if (status === 413)
        return c.json(errorBody("request.too_large", "The request body is too large."), 413);
      if (status >= 400 && status < 500) return c.json(errorBody("request.invalid", err.message), status);
    }
    if (isDatabaseBusy(err)) {
      c.header("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
      return c.json(
        errorBody("service.busy", "The database is busy with other changes. Try again in a moment.", {
          retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
        }),
        503,
      );
    }
    console.error(`Unhandled error on ${c.req.method} ${c.req.path}:`, err);
    return c.json(errorBody("internal", "Something went wrong on our side. It has been logged."), 500);
  });

  app.fetch = servedFromMemoryFirst(deps, actorOf, app.fetch);
  return app;
}

export type App = ReturnType<typeof createApp>;
