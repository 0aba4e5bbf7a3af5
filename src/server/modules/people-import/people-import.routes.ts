import { actorOf, IdParam, jsonOk, router, secureRoute, z } from "../../lib/http.ts";
import { IMPORT_COLUMNS, templateCsv } from "./people-import.csv.ts";
import { CsvFile, CsvUpload, PeopleImportSchema, PreviewQuery } from "./people-import.schemas.ts";
import * as service from "./people-import.service.ts";

const tags = ["People import"];
const admins = { who: ["org_admin"], scope: "organization" } as const;

/** The upload route takes the file as its body, with its own size limit (app.ts). */
export const PEOPLE_IMPORT_UPLOAD_PATH = "/api/people/imports";
export const PEOPLE_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const columnsHelp = IMPORT_COLUMNS.map(
  (c) =>
    `\`${c.name}\`${c.aliases.length ? ` (or ${c.aliases.map((a) => `\`${a}\``).join(", ")})` : ""}${c.required ? ", required" : ""}: ${c.help}`,
).join("; ");

export const peopleImportRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/imports/template.csv",
      tags,
      summary: "A CSV template for importing people, with two example rows",
      access: admins,
      responses: { 200: CsvFile("The template") },
    }),
    () =>
      new Response(templateCsv(), {
        status: 200,
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="trellis-people-template.csv"',
          "cache-control": "no-store",
        },
      }),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: PEOPLE_IMPORT_UPLOAD_PATH,
      tags,
      summary: "Upload a CSV file of people and preview what importing it would do (nothing is written yet)",
      description: `Send the file as the body with \`Content-Type: text/csv\` (at most 20 MB, 100,000 rows). Headers are matched ignoring case, spaces and dashes. Columns: ${columnsHelp}. People are matched by email, ignoring case: a new email creates an invited person (no email is sent), a known one updates that person. A column left out keeps the current values; an empty cell clears the field. Every row is checked (row numbers count the header as row 1), and the answer lists the errors and what would be created, updated or left unchanged.`,
      access: admins,
      request: { query: PreviewQuery, body: CsvUpload },
      responses: {
        201: jsonOk(PeopleImportSchema, "The preview, stored for committing"),
      },
    }),
    async (c) => {
      const text = await c.req.text();
      const dto = await service.preview(c.get("deps"), actorOf(c), text, c.req.valid("query").fileName);
      return c.json(dto, 201);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/imports/{id}",
      tags,
      summary: "An import: its preview, status, progress and result",
      access: admins,
      request: { params: IdParam },
      responses: { 200: jsonOk(PeopleImportSchema) },
    }),
    async (c) => c.json(await service.get(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/people/imports/{id}/commit",
      tags,
      summary: "Import a previewed file: runs in the background; follow it with GET",
      description:
        "Rows with errors are skipped. The import writes in batches of 5,000, each in one transaction, then links managers in a second pass.",
      access: admins,
      request: { params: IdParam },
      responses: {
        202: jsonOk(
          z.object({ id: z.string(), status: z.literal("queued") }).openapi("PeopleImportQueued"),
          "Queued",
        ),
      },
    }),
    async (c) =>
      c.json(await service.commit(c.get("deps"), actorOf(c), c.req.valid("param").id, c.get("ip")), 202),
  );
