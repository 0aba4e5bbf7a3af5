import createClient from "openapi-fetch";
import type { components, paths } from "./schema.d.ts";

/** The typed API client. Every call goes to the same origin and carries the session cookie. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

export type Schemas = components["schemas"];
export type Person = Schemas["Person"];
export type PersonSummary = Schemas["PersonSummary"];
export type OrgRole = Schemas["OrgRole"];
export type Program = Schemas["Program"];
export type ProgramKind = Schemas["ProgramKind"];
export type Question = Schemas["Question"];
export type Invitation = Schemas["Invitation"];
export type Enrolment = Schemas["Enrolment"];
export type AuditEvent = Schemas["AuditEvent"];
export type OrganizationStats = Schemas["OrganizationStats"];
export type Me = Schemas["Me"];
export type Answer = string | string[] | number;

/** A field-level problem, keyed by the dotted path of the field (e.g. `eligibility.maxSeniority`). */
export type FieldErrors = Record<string, string>;

/** An error answered by the server, in the shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * Field errors from the details: zod failures (`[{ path, message }]`), answer problems
   * (`[{ questionId, message }]`) and single-field rule errors (`{ field }`).
   */
  get fieldErrors(): FieldErrors {
    const out: FieldErrors = {};
    const d = this.details;
    if (Array.isArray(d)) {
      for (const item of d) {
        if (!isRecord(item) || typeof item.message !== "string") continue;
        const key =
          typeof item.path === "string"
            ? item.path
            : typeof item.questionId === "string"
              ? item.questionId
              : null;
        if (key !== null && !(key in out)) out[key] = item.message;
      }
    } else if (isRecord(d) && typeof d.field === "string") {
      out[d.field] = this.message;
    }
    return out;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Builds an ApiError from any error body: ours, better-auth's `{ code, message }`, or none. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    return new ApiError(
      status,
      typeof e.code === "string" ? e.code : "unknown",
      typeof e.message === "string" ? e.message : fallbackMessage(status),
      e.details ?? null,
    );
  }
  if (isRecord(body) && typeof body.message === "string") {
    return new ApiError(status, typeof body.code === "string" ? body.code : "unknown", body.message);
  }
  return new ApiError(status, "unknown", fallbackMessage(status));
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Sign in to continue.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 404) return "Not found.";
  if (status === 429) return "Too many attempts. Wait a minute and try again.";
  if (status >= 500) return "Something went wrong on our side. Try again in a moment.";
  return "The request could not be completed.";
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, "network", "Could not reach Trellis. Check your connection and try again.");
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw toApiError(response.status, error);
  return data as T;
}

/** A JSON POST to a route outside the OpenAPI document (the better-auth endpoints). */
export const postJson = <T = unknown>(path: string, body: unknown): Promise<T> =>
  requestJson<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** A JSON GET of a route outside the OpenAPI document. */
export const getJson = <T = unknown>(path: string): Promise<T> => requestJson<T>(path, { method: "GET" });

async function requestJson<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "Could not reach Trellis. Check your connection and try again.");
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw toApiError(response.status, json);
  return json as T;
}

export const errorMessage = (err: unknown): string =>
  err instanceof Error ? err.message : "Something went wrong. Try again.";

/** Field errors of a failed call or of a client-side check, keyed by field path. */
export const fieldErrorsOf = (err: unknown): FieldErrors => (err instanceof ApiError ? err.fieldErrors : {});

/** A client-side validation failure, shaped like the server's so forms show both the same way. */
export function validationError(fields: FieldErrors): ApiError {
  return new ApiError(
    400,
    "validation.failed",
    "Some fields are missing or invalid.",
    Object.entries(fields).map(([path, message]) => ({ path, code: "custom", message })),
  );
}

/** Throws a validation error when any check failed. */
export function assertValid(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw validationError(fields);
}

/** A safe in-app path to go to after signing in (never another origin). */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
