import type { Context } from "hono";
import type { AppEnv } from "../../lib/context.ts";
import { actorOf, IdParam, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { COACHING_RULE, FEED_RULE, MEETING_RULE, TRAINING_RULE } from "./calendar.policy.ts";
import {
  CalendarFeedCreatedSchema,
  CalendarFeedStatusSchema,
  CalendarFileSchema,
  FeedFileParam,
} from "./calendar.schemas.ts";
import * as service from "./calendar.service.ts";

const tags = ["Calendar"];

const CONTENT_TYPE = "text/calendar; charset=utf-8";

const icsResponse = (description: string) => ({
  description,
  headers: { "Content-Disposition": { schema: { type: "string" as const } } },
  content: { "text/calendar": { schema: CalendarFileSchema } },
});

const sendIcs = (c: Context<AppEnv>, file: service.IcsFile) =>
  c.body(file.body, 200, {
    "Content-Type": CONTENT_TYPE,
    "Content-Disposition": `attachment; filename="${file.filename}"`,
    "Cache-Control": "no-store",
  });

const invitationSummary = (what: string) =>
  `${what} as an iCalendar invitation (METHOD:REQUEST, or METHOD:CANCEL once cancelled) in your time zone`;

export const calendarRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/mentoring/meetings/{id}/calendar.ics",
      tags,
      summary: invitationSummary("A logged mentoring meeting, as a whole-day event,"),
      access: { who: "signed_in", scope: "organization", object: MEETING_RULE },
      request: { params: IdParam },
      responses: { 200: icsResponse("The meeting, as an .ics attachment") },
    }),
    async (c) =>
      sendIcs(c, await service.meetingInvitation(c.get("deps"), actorOf(c), c.req.valid("param").id)),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/coaching/sessions/{id}/calendar.ics",
      tags,
      summary: invitationSummary("A coaching session"),
      access: { who: "signed_in", scope: "organization", object: COACHING_RULE },
      request: { params: IdParam },
      responses: { 200: icsResponse("The session, as an .ics attachment") },
    }),
    async (c) =>
      sendIcs(c, await service.coachingInvitation(c.get("deps"), actorOf(c), c.req.valid("param").id)),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/sessions/{id}/calendar.ics",
      tags,
      summary: invitationSummary("A training session"),
      access: { who: "signed_in", scope: "organization", object: TRAINING_RULE },
      request: { params: IdParam },
      responses: { 200: icsResponse("The session, as an .ics attachment") },
    }),
    async (c) =>
      sendIcs(c, await service.trainingInvitation(c.get("deps"), actorOf(c), c.req.valid("param").id)),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/me/calendar-feed",
      tags,
      summary:
        "Whether you have a calendar subscription link (the link itself is shown only when it is made)",
      access: { who: "signed_in", scope: "self", object: FEED_RULE },
      responses: { 200: jsonOk(CalendarFeedStatusSchema) },
    }),
    async (c) => c.json(await service.feedStatus(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/me/calendar-feed",
      tags,
      summary:
        "Make a new secret calendar subscription link; the previous one, if any, stops working at once",
      access: { who: "signed_in", scope: "self", object: FEED_RULE },
      responses: { 201: jsonOk(CalendarFeedCreatedSchema, "The new link, shown this once") },
    }),
    async (c) => c.json(await service.createFeed(c.get("deps"), actorOf(c), c.get("ip")), 201),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/me/calendar-feed",
      tags,
      summary: "Turn off your calendar subscription link",
      access: { who: "signed_in", scope: "self", object: FEED_RULE },
      responses: { 204: { description: "Revoked (or there was none)" } },
    }),
    async (c) => {
      await service.revokeFeed(c.get("deps").db, actorOf(c), c.get("ip"));
      return c.body(null, 204);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/calendar/{file}",
      tags,
      summary:
        "A person's calendar subscription feed (`<token>.ics`, also as webcal://): their recent and upcoming sessions, titles only",
      description:
        "No session is needed: the secret token in the address selects the person. A revoked or unknown token answers 404.",
      access: { who: "anyone", scope: "token" },
      request: { params: FeedFileParam },
      responses: {
        200: {
          description: "The feed",
          headers: { "Cache-Control": { schema: { type: "string" as const } } },
          content: { "text/calendar": { schema: CalendarFileSchema } },
        },
      },
    }),
    async (c) =>
      c.body(await service.feed(c.get("deps"), c.req.valid("param").file), 200, {
        "Content-Type": CONTENT_TYPE,
        "Cache-Control": "private, max-age=300",
      }),
  );
