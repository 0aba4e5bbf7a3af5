import { type FieldErrors, postJson } from "./client.ts";

/** The better-auth endpoints; they are not part of the OpenAPI document. */
export const auth = {
  signIn: (email: string, password: string) => postJson("/api/auth/sign-in/email", { email, password }),
  signOut: () => postJson("/api/auth/sign-out", {}),
  requestPasswordReset: (email: string) =>
    postJson("/api/auth/request-password-reset", { email, redirectTo: "/reset-password" }),
  resetPassword: (token: string, newPassword: string) =>
    postJson("/api/auth/reset-password", { token, newPassword }),
  /** The server also ends every other session of the account. */
  changePassword: (currentPassword: string, newPassword: string) =>
    postJson("/api/auth/change-password", { currentPassword, newPassword, revokeOtherSessions: true }),
};

export const MIN_PASSWORD_LENGTH = 10;

/** Client-side checks for choosing a password (the server checks the length again). */
export function passwordErrors(password: string, confirm: string): FieldErrors {
  const errors: FieldErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (password.length > 128) errors.password = "Use at most 128 characters.";
  if (confirm !== password) errors.confirm = "The two passwords do not match.";
  return errors;
}
