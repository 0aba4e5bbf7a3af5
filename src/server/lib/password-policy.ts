import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** zxcvbn-ts's list of the ~49,000 most common passwords from public breach corpora. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary["passwords-common"].map((p) => p.toLowerCase()),
);

export type PasswordProblem = "too_short" | "too_long" | "too_common";

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  too_long: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  too_common: "This password is on a list of commonly used passwords. Choose one that is harder to guess.",
};

/** What is wrong with a password someone chooses, or null when it passes the policy. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "too_short";
  if (password.length > MAX_PASSWORD_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  // "Summer2024!" is as guessable as "summer": digits and symbols tacked on the end add little.
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[\d\W_]+$/, ""))) {
    return "too_common";
  }
  return null;
}
