import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { ERASE_ACCESS, EXPORT_ACCESS } from "./privacy.policy.ts";
import { EraseBodySchema, ErasureResultSchema, PersonalDataExportSchema } from "./privacy.schemas.ts";
import * as service from "./privacy.service.ts";

const tags = ["Privacy"];

export const privacyRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/me/data-export",
      tags,
      summary: "Download all your personal data as JSON (GDPR Art. 15 and 20)",
      access: { who: "signed_in", scope: "self", object: EXPORT_ACCESS },
      responses: {
        200: {
          ...jsonOk(PersonalDataExportSchema, "Your personal data, as an attachment"),
          headers: {
            "Content-Disposition": { schema: { type: "string" } },
            "Cache-Control": { schema: { type: "string" } },
          },
        },
      },
    }),
    async (c) => {
      const data = await service.exportPersonalData(c.get("deps"), actorOf(c));
      c.header("Content-Disposition", `attachment; filename="${service.exportFileName(data.exportedAt)}"`);
      c.header("Cache-Control", "no-store");
      return c.json(data, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/people/{id}/erase",
      tags,
      summary:
        'Erase a person (GDPR Art. 17): their own data is deleted, shared records are kept for the other party under "Former member", the audit log is redacted',
      access: { who: ["org_admin"], scope: "organization", object: ERASE_ACCESS },
      request: { params: IdParam, body: jsonBody(EraseBodySchema) },
      responses: { 200: jsonOk(ErasureResultSchema, "The person is erased") },
    }),
    async (c) =>
      c.json(
        await service.erasePerson(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").confirmEmail,
          c.get("ip"),
        ),
        200,
      ),
  );
