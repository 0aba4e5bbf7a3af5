export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** An error the user can act on. Anything else that reaches the error handler is a bug and answers 500. */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const errors = {
  unauthenticated: () => new AppError(401, "auth.unauthenticated", "Sign in to continue."),
  forbidden: (message = "You do not have permission to do this.") =>
    new AppError(403, "auth.forbidden", message),
  notFound: (what: string) => new AppError(404, "not_found", `${what} not found.`),
  conflict: (code: string, message: string, details: unknown = null) =>
    new AppError(409, code, message, details),
  unprocessable: (code: string, message: string, details: unknown = null) =>
    new AppError(422, code, message, details),
  /** The response carries `Retry-After` from `details.retryAfterSeconds`. */
  tooManyRequests: (code: string, message: string, retryAfterSeconds: number) =>
    new AppError(429, code, message, { retryAfterSeconds }),
};

/** Throws 429, waiting as long as the longest of them, when any of the keys is over the limiter's limit. */
export function throttle(
  limiter: { retryAfter(key: string): number },
  keys: string | readonly string[],
  code: string,
  message: string,
): void {
  const wait = Math.max(0, ...(typeof keys === "string" ? [keys] : keys).map((k) => limiter.retryAfter(k)));
  if (wait > 0) throw errors.tooManyRequests(code, message, wait);
}

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}
