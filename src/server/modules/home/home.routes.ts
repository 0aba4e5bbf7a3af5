import { actorOf, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { NextStepsSchema } from "./home.schemas.ts";
import { nextSteps } from "./home.service.ts";

export const homeRoutes = router().openapi(
  secureRoute({
    method: "get",
    path: "/api/me/next-steps",
    tags: ["Home"],
    summary:
      "What to do next: requests, agreements, actions, sessions this week, assessments and mandatory training",
    access: { who: "signed_in", scope: "self" },
    responses: { 200: jsonOk(NextStepsSchema) },
    cacheSeconds: 30,
  }),
  async (c) => c.json(await nextSteps(c.get("deps").db, actorOf(c)), 200),
);
