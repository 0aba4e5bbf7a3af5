import { z } from "../../lib/http.ts";

export const CalendarFileSchema = z.string().openapi({ description: "An iCalendar (RFC 5545) file" });

export const CalendarFeedStatusSchema = z
  .object({
    active: z.boolean().openapi({ description: "Whether a subscription link exists and works" }),
    createdAt: z.string().nullable(),
    lastUsedAt: z
      .string()
      .nullable()
      .openapi({ description: "When a calendar last fetched the feed (to the hour)" }),
  })
  .openapi("CalendarFeedStatus");

export const CalendarFeedCreatedSchema = z
  .object({
    url: z.string().openapi({ description: "The secret feed address; shown this once" }),
    webcalUrl: z.string().openapi({ description: "The same address with the webcal: scheme" }),
    createdAt: z.string(),
  })
  .openapi("CalendarFeedCreated");

export const FeedFileParam = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,200}\.ics$/)
    .openapi({
      param: { name: "file", in: "path" },
      example: "Jw2xk1s7Yl7b8m2pQZ0QbA7c1u3sC0m9n4k5r6t8v0w.ics",
    }),
});
