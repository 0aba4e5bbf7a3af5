import { z } from "../../lib/http.ts";

const CategorySchema = z.enum([
  "request",
  "agreement",
  "action",
  "session",
  "assessment",
  "mandatory",
  "review",
  "offer",
  "advice",
]);
const ModeSchema = z.union([z.enum(["mentoring", "coaching", "training"]), z.null()]);

export const NextStepSchema = z
  .object({
    id: z.string().openapi({ description: "Stable across calls, for React keys and dismissal." }),
    category: CategorySchema,
    mode: ModeSchema,
    title: z.string(),
    detail: z.string().nullable(),
    href: z.string().openapi({ description: "The page of the web app where the step is done." }),
    dueAt: z.string().nullable(),
    urgency: z.enum(["overdue", "today", "this_week", "later"]),
  })
  .openapi("NextStep");

export const MoreStepsSchema = z
  .object({
    id: z.string().openapi({ description: "Stable across calls, for React keys." }),
    category: CategorySchema,
    mode: ModeSchema,
    count: z.number().int().openapi({ description: "How many steps of the group were left out." }),
    title: z.string().openapi({ example: "3 more coaching actions due" }),
    href: z
      .string()
      .nullable()
      .openapi({ description: "The page of the web app that lists the whole group, when there is one." }),
  })
  .openapi("MoreSteps");

export const NextStepsSchema = z
  .object({
    items: z.array(NextStepSchema).openapi({
      description: "Most pressing first; at most 5 of each group (e.g. coaching actions, training sessions).",
    }),
    more: z.array(MoreStepsSchema).openapi({
      description: "One entry per group that held more steps than `items` lists: how many more and where.",
    }),
    hasActivity: z.boolean(),
    suggestAdvisor: z
      .boolean()
      .openapi({ description: "True when the person takes part in nothing yet: nudge them to the advisor." }),
  })
  .openapi("NextSteps");
