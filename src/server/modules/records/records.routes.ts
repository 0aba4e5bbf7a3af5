import { actorOf, IdParam, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { renderRecordPdf } from "./record-pdf.ts";
import { RECORD_ACCESS } from "./records.policy.ts";
import { DevelopmentRecordExportSchema, DevelopmentRecordSchema, PdfSchema } from "./records.schemas.ts";
import * as service from "./records.service.ts";

const tags = ["Development record"];

const attachment = (fileName: string) => `attachment; filename="${fileName}"`;

export const recordsRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/{id}/record",
      tags,
      summary:
        "A person's development record: goals, mentoring, coaching, training, open actions and a timeline, as the viewer may see them",
      access: { who: "signed_in", scope: "organization", object: RECORD_ACCESS },
      request: { params: IdParam },
      responses: { 200: jsonOk(DevelopmentRecordSchema) },
    }),
    async (c) => c.json(await service.getRecord(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/me/record.json",
      tags,
      summary: "Download your own development record as JSON",
      access: { who: "signed_in", scope: "self" },
      responses: {
        200: {
          ...jsonOk(DevelopmentRecordExportSchema, "Your record, as an attachment"),
          headers: { "Content-Disposition": { schema: { type: "string" } } },
        },
      },
    }),
    async (c) => {
      const record = await service.exportRecord(c.get("deps"), actorOf(c));
      c.header(
        "Content-Disposition",
        attachment(service.exportFileName(record.person.name, record.exportedAt, "json")),
      );
      c.header("Cache-Control", "no-store");
      return c.json(record, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/me/record.pdf",
      tags,
      summary: "Download your own development record as a PDF",
      access: { who: "signed_in", scope: "self" },
      responses: {
        200: {
          description: "Your record, as a PDF attachment",
          headers: { "Content-Disposition": { schema: { type: "string" } } },
          content: { "application/pdf": { schema: PdfSchema } },
        },
      },
    }),
    async (c) => {
      const record = await service.exportRecord(c.get("deps"), actorOf(c));
      const pdf = await renderRecordPdf(record);
      return c.body(new Uint8Array(pdf), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachment(
          service.exportFileName(record.person.name, record.exportedAt, "pdf"),
        ),
        "Cache-Control": "no-store",
      });
    },
  );
