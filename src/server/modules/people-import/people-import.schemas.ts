import { z } from "../../lib/http.ts";

export const ImportStatusSchema = z
  .enum(["preview", "queued", "running", "completed", "failed"])
  .openapi("PeopleImportStatus");

export const ImportRowErrorSchema = z
  .object({
    row: z
      .number()
      .int()
      .openapi({ description: "The row as a spreadsheet numbers it: the header is row 1" }),
    column: z.string().nullable(),
    message: z.string(),
  })
  .openapi("PeopleImportRowError");

export const PeopleImportSchema = z
  .object({
    id: z.string(),
    status: ImportStatusSchema,
    fileName: z.string().nullable(),
    columns: z.array(z.string()).openapi({ description: "The file's columns Trellis recognised" }),
    totalRows: z.number().int(),
    summary: z.object({
      toCreate: z.number().int(),
      toUpdate: z.number().int(),
      unchanged: z.number().int(),
      withErrors: z.number().int(),
    }),
    canCommit: z.boolean(),
    errors: z.array(ImportRowErrorSchema).openapi({ description: "The first 200 row errors, by row" }),
    errorCount: z.number().int(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    failure: z.string().nullable(),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("PeopleImport");

export const PreviewQuery = z.object({
  fileName: z.string().max(200).optional().openapi({ description: "The uploaded file's name, for display" }),
});

export const CsvUpload = {
  required: true,
  description: "The CSV file itself (UTF-8, header row first), at most 20 MB",
  content: { "text/csv": { schema: z.string() } },
};

export const CsvFile = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

export type PeopleImportDto = z.infer<typeof PeopleImportSchema>;
