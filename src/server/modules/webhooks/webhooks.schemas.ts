import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema } from "../../lib/pagination.ts";
import { WEBHOOK_EVENT_TYPES } from "./events.ts";

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).openapi("WebhookEventType");

const Url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .openapi({ description: "An https:// address; http:// only to hosts in OUTBOUND_ALLOWED_HOSTS." });
const Events = z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length);
const Description = z.string().trim().max(200);

export const WebhookEndpointCreate = z
  .object({
    url: Url,
    description: Description.default(""),
    events: Events,
    enabled: z.boolean().default(true),
  })
  .strict()
  .openapi("WebhookEndpointCreate");

export const WebhookEndpointPatch = z
  .object({
    url: Url.optional(),
    description: Description.optional(),
    events: Events.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi("WebhookEndpointPatch");

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(WebhookEventTypeSchema),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    secretRotatedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveries: z.object({
      pending: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      lastAt: z.string().nullable(),
    }),
  })
  .openapi("WebhookEndpoint");

export const WebhookEndpointListSchema = z
  .object({ items: z.array(WebhookEndpointSchema) })
  .openapi("WebhookEndpointList");

export const WebhookSecretSchema = z
  .object({
    endpoint: WebhookEndpointSchema,
    secret: z.string().openapi({ description: "The signing secret. Shown this once; store it now." }),
  })
  .openapi("WebhookEndpointWithSecret");

export const WebhookEventTypeListSchema = z
  .object({
    items: z.array(z.object({ type: WebhookEventTypeSchema, description: z.string() })),
  })
  .openapi("WebhookEventTypeList");

export const DeliveryStatusSchema = z.enum(["pending", "succeeded", "failed"]);

export const WebhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    startedAt: z.string(),
    durationMs: z.number().int(),
    outcome: z.enum(["succeeded", "retrying", "failed"]),
    httpStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable(),
    nextRetryAt: z.string().nullable(),
  })
  .openapi("WebhookAttempt");

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    httpStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    nextRetryAt: z.string().nullable(),
    requestBody: z.string().openapi({ description: "The JSON body sent, the same on every attempt." }),
    responseExcerpt: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    attemptLog: z.array(WebhookAttemptSchema),
  })
  .openapi("WebhookDelivery");

export const WebhookDeliveryListSchema = pageSchema(WebhookDeliverySchema).openapi("WebhookDeliveryList");

export const DeliveriesQuery = z.object({ status: DeliveryStatusSchema.optional() }).extend(PageQuery.shape);
