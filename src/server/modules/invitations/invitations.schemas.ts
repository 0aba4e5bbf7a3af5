import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../lib/password-policy.ts";
import { OrgRoleSchema, TimeZoneSchema } from "../people/people.schemas.ts";

export const InvitationCreate = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    name: z.string().trim().min(1).max(120),
    role: OrgRoleSchema.default("member"),
    title: z.string().trim().min(1).max(120).nullable().optional(),
    department: z.string().trim().min(1).max(80).nullable().optional(),
    seniority: z.number().int().min(1).max(10).nullable().optional(),
    managerId: z.string().uuid().nullable().optional(),
    timeZone: TimeZoneSchema.optional(),
  })
  .strict()
  .openapi("InvitationCreate");

export const InvitationSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    email: z.string(),
    name: z.string(),
    role: OrgRoleSchema,
    invitedBy: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(["pending", "accepted", "expired", "revoked"]),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("Invitation");

export const InvitationListSchema = pageSchema(InvitationSchema).openapi("InvitationList");

export const InvitationsQuery = z
  .object({
    show: z
      .enum(["open", "all"])
      .default("all")
      .openapi({ description: "`open`: pending and expired only, those not yet accepted or revoked." }),
  })
  .extend(PageQuery.shape);

export const TokenQuery = z.object({ token: z.string().min(10).max(200) });

export const InvitationPreviewSchema = z
  .object({ email: z.string(), name: z.string(), organizationName: z.string() })
  .openapi("InvitationPreview");

export const InvitationAccept = z
  .object({
    token: z.string().min(10).max(200),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  })
  .strict()
  .openapi("InvitationAccept");

export const InvitationAcceptedSchema = z.object({ email: z.string() }).openapi("InvitationAccepted");
