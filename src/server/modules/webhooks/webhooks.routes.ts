import type { AccessRule } from "../../lib/access.ts";
import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import {
  DeliveriesQuery,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointCreate,
  WebhookEndpointListSchema,
  WebhookEndpointPatch,
  WebhookEndpointSchema,
  WebhookEventTypeListSchema,
  WebhookSecretSchema,
} from "./webhooks.schemas.ts";
import * as service from "./webhooks.service.ts";
import "./webhooks.delivery.ts";

const tags = ["Webhooks"];
const admins: AccessRule = { who: ["org_admin"], scope: "organization" };

export const webhookRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/webhooks/event-types",
      tags,
      summary: "The events an endpoint can receive",
      access: admins,
      responses: { 200: jsonOk(WebhookEventTypeListSchema) },
    }),
    (c) => c.json(service.eventTypes(), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/webhooks/endpoints",
      tags,
      summary: "The organization's webhook endpoints, with delivery counts",
      access: admins,
      responses: { 200: jsonOk(WebhookEndpointListSchema) },
    }),
    async (c) => c.json(await service.listEndpoints(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/webhooks/endpoints",
      tags,
      summary: "Register an endpoint; the answer holds its signing secret, shown this once",
      description:
        "The URL must be https:// and resolve to public addresses only (422 `outbound_url.*` otherwise), unless OUTBOUND_ALLOWED_HOSTS lists the host.",
      access: admins,
      request: { body: jsonBody(WebhookEndpointCreate) },
      responses: { 201: jsonOk(WebhookSecretSchema, "Registered") },
    }),
    async (c) =>
      c.json(await service.createEndpoint(c.get("deps"), actorOf(c), c.req.valid("json"), c.get("ip")), 201),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/webhooks/endpoints/{id}",
      tags,
      summary: "One webhook endpoint",
      access: admins,
      request: { params: IdParam },
      responses: { 200: jsonOk(WebhookEndpointSchema) },
    }),
    async (c) =>
      c.json(await service.getEndpoint(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/webhooks/endpoints/{id}",
      tags,
      summary: "Change an endpoint's URL, description, events, or turn it on or off",
      access: admins,
      request: { params: IdParam, body: jsonBody(WebhookEndpointPatch) },
      responses: { 200: jsonOk(WebhookEndpointSchema) },
    }),
    async (c) =>
      c.json(
        await service.updateEndpoint(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("ip"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/webhooks/endpoints/{id}",
      tags,
      summary: "Delete an endpoint and its delivery log",
      access: admins,
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" } },
    }),
    async (c) => {
      await service.deleteEndpoint(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.get("ip"));
      return c.body(null, 204);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/webhooks/endpoints/{id}/rotate-secret",
      tags,
      summary: "Replace the signing secret; the answer holds the new one, shown this once",
      access: admins,
      request: { params: IdParam },
      responses: { 200: jsonOk(WebhookSecretSchema) },
    }),
    async (c) =>
      c.json(
        await service.rotateSecret(c.get("deps"), actorOf(c), c.req.valid("param").id, c.get("ip")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/webhooks/endpoints/{id}/test",
      tags,
      summary: "Queue a `webhook.test` event to this endpoint",
      access: admins,
      request: { params: IdParam },
      responses: { 202: jsonOk(WebhookDeliverySchema, "Queued") },
    }),
    async (c) => c.json(await service.sendTest(c.get("deps"), actorOf(c), c.req.valid("param").id), 202),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/webhooks/endpoints/{id}/deliveries",
      tags,
      summary: "The endpoint's delivery log, newest first, with every attempt",
      access: admins,
      request: { params: IdParam, query: DeliveriesQuery },
      responses: { 200: jsonOk(WebhookDeliveryListSchema) },
    }),
    async (c) =>
      c.json(
        await service.deliveries(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/webhooks/deliveries/{id}",
      tags,
      summary: "One delivery with every attempt",
      access: admins,
      request: { params: IdParam },
      responses: { 200: jsonOk(WebhookDeliverySchema) },
    }),
    async (c) =>
      c.json(await service.deliveryDto(c.get("deps").db, actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/webhooks/deliveries/{id}/redeliver",
      tags,
      summary: "Send a failed delivery again (same id and body)",
      access: admins,
      request: { params: IdParam },
      responses: { 202: jsonOk(WebhookDeliverySchema, "Queued") },
    }),
    async (c) => c.json(await service.redeliver(c.get("deps"), actorOf(c), c.req.valid("param").id), 202),
  );
