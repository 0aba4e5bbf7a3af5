import { postJson } from "./client.ts";

/** The better-auth endpoints; they are not part of the OpenAPI document. */
export const auth = {
  signIn: (email: string, password: string) => postJson("/api/auth/sign-in/email", { email, password }),
  signOut: () => postJson("/api/auth/sign-out", {}),
  requestPasswordReset: (email: string) =>
    postJson("/api/auth/request-password-reset", { email, redirectTo: "/reset-password" }),
  resetPassword: (token: string, newPassword: string) =>
    postJson("/api/auth/reset-password", { token, newPassword }),
};

export const MIN_PASSWORD_LENGTH = 10;
