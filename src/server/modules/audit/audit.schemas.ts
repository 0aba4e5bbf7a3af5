import { z } from "../../lib/http.ts";

export const AuditEventSchema = z
  .object({
    id: z.string(),
    action: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
    ipAddress: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("AuditEvent");

export const AuditQuery = z.object({
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AuditPageSchema = z
  .object({ items: z.array(AuditEventSchema), total: z.number(), actions: z.array(z.string()) })
  .openapi("AuditPage");
