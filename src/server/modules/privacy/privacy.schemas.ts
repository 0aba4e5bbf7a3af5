import { z } from "../../lib/http.ts";

export const PersonalDataExportSchema = z
  .object({
    format: z.string().openapi({ example: "trellis.personal-data/1" }),
    exportedAt: z.string(),
    subject: z.object({
      personId: z.string(),
      userId: z.string().nullable(),
      organizationId: z.string(),
      name: z.string(),
      email: z.string(),
    }),
    notes: z.array(z.string()),
    tables: z.record(
      z.string(),
      z.object({
        holds: z.string(),
        rows: z.array(z.record(z.string(), z.unknown())),
        withheld: z.number().int().openapi({
          description: "How many values of these rows were left out as another person's private content.",
        }),
      }),
    ),
  })
  .openapi("PersonalDataExport", {
    description:
      "All personal data held about the signed-in person (GDPR Art. 15 and 20), table by table, as declared in src/server/modules/privacy/personal-data.ts.",
  });

export const EraseBodySchema = z
  .object({
    confirmEmail: z.string().trim().min(1).max(320).openapi({
      description: "The person's email, typed by the admin to confirm.",
      example: "ada@example.com",
    }),
  })
  .strict()
  .openapi("ErasePersonRequest");

export const ErasureResultSchema = z
  .object({
    erased: z.literal(true),
    formerMemberId: z.string().openapi({
      description:
        'The id that now stands for the person, as "Former member", in the records kept for others.',
    }),
    rows: z.record(z.string(), z.number().int()).openapi({
      description: "Rows changed per table: deleted, pointed at the former member, or redacted (audit log).",
    }),
  })
  .openapi("ErasureResult");
