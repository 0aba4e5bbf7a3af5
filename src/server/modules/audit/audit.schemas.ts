import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";

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

export const AuditQuery = z.object({ action: z.string().max(100).optional() }).extend(PageQuery.shape);

export const AuditPageSchema = z
  .object({ ...pageSchema(AuditEventSchema).shape, total: z.number(), actions: z.array(z.string()) })
  .openapi("AuditPage");
