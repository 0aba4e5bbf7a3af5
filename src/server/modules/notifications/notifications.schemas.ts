import { NOTIFICATION_CATEGORIES } from "../../../domain/notifications/categories.ts";
import { z } from "../../lib/http.ts";

export const NotificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES).openapi("NotificationCategory");

export const NotificationPreferencesSchema = z
  .object({
    categories: z.array(
      z.object({
        category: NotificationCategorySchema,
        label: z.string(),
        description: z.string(),
        enabled: z.boolean(),
        optional: z.boolean().openapi({ description: "false for `account`, which is always sent" }),
      }),
    ),
  })
  .openapi("NotificationPreferences");

export const NotificationPreferencesUpdate = z
  .object({
    categories: z
      .array(z.object({ category: NotificationCategorySchema, enabled: z.boolean() }).strict())
      .min(1)
      .max(NOTIFICATION_CATEGORIES.length)
      .refine((list) => new Set(list.map((c) => c.category)).size === list.length, {
        message: "Each category may appear once.",
      }),
  })
  .strict()
  .openapi("NotificationPreferencesUpdate");
