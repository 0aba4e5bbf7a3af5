import { z } from "../../lib/http.ts";

export const ScimTokenCreate = z
  .object({
    name: z.string().trim().min(1).max(80).openapi({
      description:
        "What the token is for, e.g. the identity provider: the audit log names SCIM changes by it.",
    }),
  })
  .strict()
  .openapi("ScimTokenCreate");

export const ScimTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi("ScimToken");

export const ScimTokenListSchema = z
  .object({
    baseUrl: z.string().openapi({ description: "The SCIM base URL to give the identity provider." }),
    items: z.array(ScimTokenSchema),
  })
  .openapi("ScimTokenList");

export const ScimTokenCreatedSchema = z
  .object({
    token: ScimTokenSchema,
    secret: z
      .string()
      .openapi({ description: "The bearer token. Shown this once; Trellis keeps only its hash." }),
  })
  .openapi("ScimTokenCreated");

/** The query of a SCIM list (RFC 7644 §3.4.2); other parameters are ignored, as the RFC allows. */
export const ScimListQuery = z.object({
  filter: z.string().max(1000).optional(),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
});

export const ScimShapingQuery = ScimListQuery.pick({ attributes: true, excludedAttributes: true });

export const ScimPatchBody = z.object({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  Operations: z
    .array(
      z.object({
        op: z.string().max(20),
        path: z.string().max(1000).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
