import { actorOf, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { NotificationPreferencesSchema, NotificationPreferencesUpdate } from "./notifications.schemas.ts";
import * as service from "./notifications.service.ts";

const tags = ["Notifications"];
const path = "/api/me/notification-preferences";

export const notificationRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path,
      tags,
      summary: "Which kinds of email you receive (every category is on until you turn it off)",
      access: { who: "signed_in", scope: "self" },
      responses: { 200: jsonOk(NotificationPreferencesSchema) },
    }),
    async (c) => c.json(await service.preferences(c.get("deps"), actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path,
      tags,
      summary:
        "Turn kinds of email on or off; categories left out keep their setting. `account` cannot be turned off (422)",
      access: { who: "signed_in", scope: "self" },
      request: { body: jsonBody(NotificationPreferencesUpdate) },
      responses: { 200: jsonOk(NotificationPreferencesSchema) },
    }),
    async (c) => c.json(await service.updatePreferences(c.get("deps"), actorOf(c), c.req.valid("json")), 200),
  );
