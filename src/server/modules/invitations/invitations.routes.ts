import { throttle } from "../../lib/errors.ts";
import { actorOf, errorResponse, IdParam, jsonBody, jsonOk, router, secureRoute, z } from "../../lib/http.ts";
import type { SlidingWindowLimiter } from "../../lib/rate-limit.ts";
import {
  InvitationAccept,
  InvitationAcceptedSchema,
  InvitationCreate,
  InvitationListSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationsQuery,
  TokenQuery,
} from "./invitations.schemas.ts";
import * as service from "./invitations.service.ts";

const tags = ["Invitations"];

const TOO_MANY = errorResponse("Too many invitations sent in the last hour; see Retry-After");

const throttleInvitations = (limiter: SlidingWindowLimiter, personId: string) =>
  throttle(
    limiter,
    personId,
    "invitations.rate_limited",
    `You have sent ${limiter.max} invitations in the last hour. Try again later.`,
  );
const Sent = z
  .object({ invitation: InvitationSchema, emailDelivered: z.boolean() })
  .openapi("InvitationSent");

export const invitationRoutes = router()
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/invitations",
      tags,
      summary: "Invite a person by email; creates their profile and mails an accept link",
      access: { who: ["org_admin"], scope: "organization" },
      request: { body: jsonBody(InvitationCreate) },
      responses: { 201: jsonOk(Sent, "Invited"), 429: TOO_MANY },
    }),
    async (c) => {
      const actor = actorOf(c);
      throttleInvitations(c.get("limits").invitations, actor.personId);
      const sent = await service.invite(c.get("deps"), actor, c.req.valid("json"), c.get("ip"));
      c.get("limits").invitations.record(actor.personId);
      return c.json(sent, 201);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/invitations",
      tags,
      summary: "The organization's invitations, newest first",
      access: { who: ["org_admin"], scope: "organization" },
      request: { query: InvitationsQuery },
      responses: { 200: jsonOk(InvitationListSchema) },
    }),
    async (c) => c.json(await service.list(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/invitations/{id}/resend",
      tags,
      summary: "Send a pending or expired invitation again with a fresh link",
      access: { who: ["org_admin"], scope: "organization" },
      request: { params: IdParam },
      responses: { 200: jsonOk(Sent), 429: TOO_MANY },
    }),
    async (c) => {
      const actor = actorOf(c);
      throttleInvitations(c.get("limits").invitations, actor.personId);
      const sent = await service.resend(c.get("deps"), actor, c.req.valid("param").id);
      c.get("limits").invitations.record(actor.personId);
      return c.json(sent, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/invitations/{id}",
      tags,
      summary: "Revoke a pending invitation",
      access: { who: ["org_admin"], scope: "organization" },
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      await service.revoke(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.get("ip"));
      return c.body(null, 204);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/invitations/preview",
      tags,
      summary: "Who an invitation link is for, before accepting it",
      access: { who: "anyone", scope: "token" },
      request: { query: TokenQuery },
      responses: {
        200: jsonOk(InvitationPreviewSchema),
        410: jsonOk(z.unknown(), "Expired or already used"),
      },
    }),
    async (c) => c.json(await service.preview(c.get("deps").db, c.req.valid("query").token), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/invitations/accept",
      tags,
      summary: "Accept an invitation: choose a password and activate the account",
      access: { who: "anyone", scope: "token" },
      request: { body: jsonBody(InvitationAccept) },
      responses: {
        200: jsonOk(InvitationAcceptedSchema),
        410: jsonOk(z.unknown(), "Expired or already used"),
      },
    }),
    async (c) => c.json(await service.accept(c.get("deps").db, c.req.valid("json"), c.get("ip")), 200),
  );
