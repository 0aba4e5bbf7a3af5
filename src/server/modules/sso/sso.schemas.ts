import { z } from "../../lib/http.ts";

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .min(3)
      .max(253)
      .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, {
        message: "Enter a domain such as example.com.",
      }),
  );

export const SsoConfigInput = z
  .object({
    issuerUrl: z.string().trim().min(1).max(500).openapi({
      example: "https://login.example.com/realms/acme",
      description: "The provider's issuer URL.",
    }),
    clientId: z.string().trim().min(1).max(255),
    clientSecret: z.string().min(1).max(1000).optional().openapi({
      description:
        "Required the first time. Left out later, the saved secret is kept. It is never sent back: answers say only whether one is set.",
    }),
    allowedDomains: z
      .array(Domain)
      .max(50)
      .default([])
      .openapi({ description: "Email domains that may sign in; empty allows any." }),
    jitProvisioning: z.boolean().default(true).openapi({
      description: "Create a member for a verified email that has no person in the organization yet.",
    }),
    enabled: z.boolean().default(true),
  })
  .strict()
  .openapi("SsoConfigInput");

export const SsoConnectionSchema = z
  .object({
    issuerUrl: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean(),
    allowedDomains: z.array(z.string()),
    jitProvisioning: z.boolean(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SsoConnection");

export const SsoSettingsSchema = z
  .object({
    redirectUri: z.string().openapi({ description: "Register this at the identity provider." }),
    scopes: z.string(),
    signInUrl: z
      .string()
      .openapi({ description: "A link that starts single sign-on for this organization." }),
    connection: SsoConnectionSchema.nullable(),
  })
  .openapi("SsoSettings");

export const SsoStartQuery = z.object({
  email: z.string().max(254).optional().openapi({ description: "The person's work email." }),
  org: z.string().max(100).optional().openapi({ description: "The organization's short name (slug)." }),
});

export const SsoCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});
