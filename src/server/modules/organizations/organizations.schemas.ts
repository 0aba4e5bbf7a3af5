import { z } from "../../lib/http.ts";

export const OrganizationSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: z.string() })
  .openapi("Organization");

export const OrganizationPatch = z
  .object({ name: z.string().trim().min(2).max(120) })
  .strict()
  .openapi("OrganizationPatch");

const Bucket = z.object({ label: z.string(), count: z.number() });

export const OrganizationStatsSchema = z
  .object({
    people: z.object({ active: z.number(), invited: z.number() }),
    byDepartment: z.array(Bucket),
    bySeniority: z.array(Bucket),
    programs: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        status: z.string(),
        enrolled: z.number(),
      }),
    ),
  })
  .openapi("OrganizationStats");
