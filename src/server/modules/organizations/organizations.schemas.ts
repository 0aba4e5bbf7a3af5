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
    departments: z
      .number()
      .int()
      .openapi({ description: "How many departments people are in (no department counts as one)." }),
    byDepartment: z.array(Bucket).openapi({
      description:
        'Head count per department, by name: the 19 largest and the rest as "Other departments" when there are more than 20.',
    }),
    bySeniority: z.array(Bucket),
    programCount: z.number().int().openapi({ description: "Programs that are not archived." }),
    enrolments: z.number().int().openapi({ description: "Active enrolments in those programs." }),
    programs: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          status: z.string(),
          enrolled: z.number(),
        }),
      )
      .openapi({ description: "The 10 programs with the most active enrolments, most first." }),
  })
  .openapi("OrganizationStats");
