import { z } from "../../lib/http.ts";

export const NextStepSchema = z
  .object({
    id: z.string().openapi({ description: "Stable across calls, for React keys and dismissal." }),
    category: z.enum([
      "request",
      "agreement",
      "action",
      "session",
      "assessment",
      "mandatory",
      "review",
      "offer",
      "advice",
    ]),
    mode: z.union([z.enum(["mentoring", "coaching", "training"]), z.null()]),
    title: z.string(),
    detail: z.string().nullable(),
    href: z.string().openapi({ description: "The page of the web app where the step is done." }),
    dueAt: z.string().nullable(),
    urgency: z.enum(["overdue", "today", "this_week", "later"]),
  })
  .openapi("NextStep");

export const NextStepsSchema = z
  .object({
    items: z.array(NextStepSchema).openapi({ description: "Most pressing first." }),
    hasActivity: z.boolean(),
    suggestAdvisor: z
      .boolean()
      .openapi({ description: "True when the person takes part in nothing yet: nudge them to the advisor." }),
  })
  .openapi("NextSteps");
