import { type FieldErrors, getJson, postJson } from "./client.ts";

/** The better-auth endpoints; they are not part of the OpenAPI document. */
export const auth = {
  /** `twoFactorRedirect` means the password was right and the second factor is asked for next. */
  signIn: (email: string, password: string) =>
    postJson<{ twoFactorRedirect?: boolean }>("/api/auth/sign-in/email", { email, password }),
  verifyTotp: (code: string, trustDevice: boolean) =>
    postJson("/api/auth/two-factor/verify-totp", { code, trustDevice }),
  verifyBackupCode: (code: string) => postJson("/api/auth/two-factor/verify-backup-code", { code }),
  enableTwoFactor: (password: string) =>
    postJson<{ totpURI: string; backupCodes: string[] }>("/api/auth/two-factor/enable", { password }),
  disableTwoFactor: (password: string) => postJson("/api/auth/two-factor/disable", { password }),
  session: () => getJson<{ user: { twoFactorEnabled?: boolean } } | null>("/api/auth/get-session"),
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
