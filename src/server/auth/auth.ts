import { kyselyAdapter } from "@better-auth/kysely-adapter";
import { APIError, betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins";
import type { AppConfig } from "../config.ts";
import type { Db } from "../db/kysely.ts";
import { hashPassword, verifyPassword } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../lib/password-policy.ts";
import { actionMail, type Mailer } from "../mail/mailer.ts";

export const SESSION_COOKIE = "trellis.session_token";

const at = { createdAt: "created_at", updatedAt: "updated_at" } as const;

export function createAuth(db: Db, config: AppConfig, mailer: Mailer, secret: string) {
  return betterAuth({
    appName: "Trellis",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret,
    // Both engines store booleans as 0/1 and timestamps as ISO text, which is what the adapter's
    // "sqlite" mode writes; the SQL it emits is portable to PostgreSQL.
    database: kyselyAdapter(db, { type: "sqlite" }),
    telemetry: { enabled: false },
    logger: { level: config.env === "test" ? "error" : "warn" },
    trustedOrigins: config.trustedOrigins,
    rateLimit: { enabled: config.env === "production", window: 60, max: 100 },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      sendResetPassword: async ({ user, token }) => {
        const url = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await mailer.send(
          actionMail(
            user.email,
            "Reset your Trellis password",
            `Someone asked to reset the password for ${user.email}. The link works for one hour.`,
            "Choose a new password",
            url,
            {
              text: "Choose which emails Trellis sends you",
              url: `${config.publicUrl}/account/notifications`,
            },
          ),
        );
      },
    },
    session: {
      modelName: "auth_session",
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      fields: {
        userId: "user_id",
        expiresAt: "expires_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        ...at,
      },
    },
    user: {
      modelName: "auth_user",
      fields: { emailVerified: "email_verified", ...at },
    },
    plugins: [
      twoFactor({
        issuer: "Trellis",
        schema: {
          user: { fields: { twoFactorEnabled: "two_factor_enabled" } },
          twoFactor: {
            modelName: "auth_two_factor",
            fields: {
              userId: "user_id",
              backupCodes: "backup_codes",
              failedVerificationCount: "failed_verification_count",
              lockedUntil: "locked_until",
            },
          },
        },
      }),
    ],
    account: {
      modelName: "auth_account",
      fields: {
        userId: "user_id",
        accountId: "account_id",
        providerId: "provider_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        idToken: "id_token",
        ...at,
      },
    },
    verification: {
      modelName: "auth_verification",
      fields: { expiresAt: "expires_at", ...at },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const person = await db
              .selectFrom("person")
              .select("status")
              .where("user_id", "=", session.userId)
              .executeTakeFirst();
            if (person?.status !== "active") {
              throw new APIError("FORBIDDEN", {
                message: "This account is not active. Ask your organization's admin.",
                code: "ACCOUNT_INACTIVE",
              });
            }
          },
        },
      },
    },
    advanced: {
      cookiePrefix: "trellis",
      useSecureCookies: config.publicUrl.startsWith("https://"),
      database: { generateId: () => newId() },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
