import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute, z } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import {
  AgreementBody,
  CheckinBody,
  CheckinListSchema,
  CommentBody,
  EndEarlyBody,
  ExtendBody,
  GoalBody,
  GoalListSchema,
  GoalParams,
  GoalPatch,
  IntroductionBody,
  IntroductionListQuery,
  IntroductionListSchema,
  IntroductionSchema,
  JournalBody,
  JournalListSchema,
  MeetingBody,
  MeetingListSchema,
  MilestoneBody,
  MilestoneParams,
  MilestonePatch,
  ReflectionBody,
  RelationshipListQuery,
  RelationshipListSchema,
  RelationshipSchema,
} from "./mentoring.schemas.ts";
import * as service from "./relationship.service.ts";

const tags = ["Mentoring relationships"];
const pairOnly = {
  who: "signed_in",
  scope: "organization",
  object: "The mentor and mentee only; anyone else, admins included, gets 404.",
} as const;
const base = "/api/mentoring/relationships/{id}";

export const relationshipRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/mentoring/relationships",
      tags,
      summary: "Your mentoring relationships, as mentor or mentee, newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: RelationshipListQuery },
      responses: { 200: jsonOk(RelationshipListSchema) },
    }),
    async (c) =>
      c.json(await service.myRelationships(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: base,
      tags,
      summary: "A relationship, its agreement and closure",
      access: pairOnly,
      request: { params: IdParam },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) =>
      c.json(await service.getRelationship(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: `${base}/agreement`,
      tags,
      summary: "Write or change the agreement (while proposed); any change asks both to sign again",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(AgreementBody) },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) =>
      c.json(
        await service.saveAgreement(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/agreement/sign`,
      tags,
      summary: "Sign the agreement; when both have signed, the relationship becomes active",
      access: pairOnly,
      request: { params: IdParam },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) => c.json(await service.signAgreement(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/extend`,
      tags,
      summary: "Extend the planned end date",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(ExtendBody) },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) =>
      c.json(
        await service.extend(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json").months),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/end`,
      tags,
      summary: "End the relationship early; the reason stays private to you",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(EndEarlyBody) },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) =>
      c.json(
        await service.endEarly(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").reason,
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/complete`,
      tags,
      summary: "Mark the relationship complete",
      access: pairOnly,
      request: { params: IdParam },
      responses: { 200: jsonOk(RelationshipSchema) },
    }),
    async (c) => c.json(await service.complete(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/reflection`,
      tags,
      summary: "Write your closing reflection and rate the relationship",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(ReflectionBody) },
      responses: { 201: jsonOk(RelationshipSchema, "Written") },
    }),
    async (c) =>
      c.json(
        await service.reflect(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/meetings`,
      tags,
      summary: "The meeting log (encrypted at rest), latest meeting first",
      access: pairOnly,
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(MeetingListSchema) },
    }),
    async (c) =>
      c.json(
        await service.meetings(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/meetings`,
      tags,
      summary: "Log a meeting; answers with the first page of the log",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(MeetingBody) },
      responses: { 201: jsonOk(MeetingListSchema, "Logged") },
    }),
    async (c) =>
      c.json(
        await service.logMeeting(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/journal`,
      tags,
      summary: "The shared journal (encrypted at rest), newest first",
      access: pairOnly,
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(JournalListSchema) },
    }),
    async (c) =>
      c.json(
        await service.journal(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/journal`,
      tags,
      summary: "Write a journal entry; answers with the first page of the journal",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(JournalBody) },
      responses: { 201: jsonOk(JournalListSchema, "Written") },
    }),
    async (c) =>
      c.json(
        await service.writeJournal(
          c.get("deps"),
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").text,
        ),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/goals`,
      tags,
      summary: "The mentee's goals with milestones and comments",
      access: pairOnly,
      request: { params: IdParam },
      responses: { 200: jsonOk(GoalListSchema) },
    }),
    async (c) => c.json(await service.goals(c.get("deps"), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/goals`,
      tags,
      summary: "Add a goal with milestones (the mentee)",
      access: { ...pairOnly, object: `${pairOnly.object} The mentee sets goals; the mentor gets 403.` },
      request: { params: IdParam, body: jsonBody(GoalBody) },
      responses: { 201: jsonOk(GoalListSchema, "Added") },
    }),
    async (c) =>
      c.json(
        await service.addGoal(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: `${base}/goals/{goalId}`,
      tags,
      summary: "Change a goal or its status (the mentee)",
      access: { ...pairOnly, object: `${pairOnly.object} The mentor gets 403.` },
      request: { params: GoalParams, body: jsonBody(GoalPatch) },
      responses: { 200: jsonOk(GoalListSchema) },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid("param");
      return c.json(
        await service.updateGoal(c.get("deps"), actorOf(c), id, goalId, c.req.valid("json")),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/goals/{goalId}/milestones`,
      tags,
      summary: "Add a milestone (the mentee)",
      access: { ...pairOnly, object: `${pairOnly.object} The mentor gets 403.` },
      request: { params: GoalParams, body: jsonBody(MilestoneBody) },
      responses: { 201: jsonOk(GoalListSchema, "Added") },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid("param");
      return c.json(
        await service.addMilestone(c.get("deps"), actorOf(c), id, goalId, c.req.valid("json")),
        201,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: `${base}/goals/{goalId}/milestones/{milestoneId}`,
      tags,
      summary: "Tick a milestone done or not done (the mentee)",
      access: { ...pairOnly, object: `${pairOnly.object} The mentor gets 403.` },
      request: { params: MilestoneParams, body: jsonBody(MilestonePatch) },
      responses: { 200: jsonOk(GoalListSchema) },
    }),
    async (c) => {
      const { id, goalId, milestoneId } = c.req.valid("param");
      return c.json(
        await service.setMilestone(
          c.get("deps"),
          actorOf(c),
          id,
          goalId,
          milestoneId,
          c.req.valid("json").done,
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/goals/{goalId}/comments`,
      tags,
      summary: "Comment on a goal",
      access: pairOnly,
      request: { params: GoalParams, body: jsonBody(CommentBody) },
      responses: { 201: jsonOk(GoalListSchema, "Added") },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid("param");
      return c.json(
        await service.commentOnGoal(c.get("deps"), actorOf(c), id, goalId, c.req.valid("json").body),
        201,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: `${base}/checkins`,
      tags,
      summary: "Both sides' periodic check-ins, latest period first",
      access: pairOnly,
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(CheckinListSchema) },
    }),
    async (c) =>
      c.json(
        await service.checkins(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/checkins`,
      tags,
      summary:
        "Answer the check-in that is due (satisfaction, what I learned, what I'd change); answers with the first page",
      access: pairOnly,
      request: { params: IdParam, body: jsonBody(CheckinBody) },
      responses: { 201: jsonOk(CheckinListSchema, "Checked in") },
    }),
    async (c) =>
      c.json(
        await service.checkIn(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/introductions`,
      tags,
      summary: "Introduce the mentee to a contact (the mentor)",
      access: { ...pairOnly, object: `${pairOnly.object} The mentor introduces; the mentee gets 403.` },
      request: { params: IdParam, body: jsonBody(IntroductionBody) },
      responses: { 201: jsonOk(IntroductionSchema, "Introduced") },
    }),
    async (c) =>
      c.json(
        await service.introduce(c.get("deps"), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: `${base}/nudge`,
      tags,
      summary: "Email the pair a reminder to meet (program team); reads no content",
      access: {
        who: MANAGES_PROGRAMS,
        scope: "organization",
        object: "The program's owner or an org admin (others get 403).",
      },
      request: { params: IdParam },
      responses: { 200: jsonOk(z.object({ notified: z.number() })) },
    }),
    async (c) =>
      c.json(await service.nudge(c.get("deps"), actorOf(c), c.req.valid("param").id, c.get("ip")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/mentoring/introductions",
      tags,
      summary: "Introductions you made, received or were introduced in, newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: IntroductionListQuery },
      responses: { 200: jsonOk(IntroductionListSchema) },
    }),
    async (c) =>
      c.json(await service.myIntroductions(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/mentoring/introductions/{id}/accept",
      tags,
      summary: "Accept an introduction (the contact)",
      access: { who: "signed_in", scope: "self", object: "The contact only (others get 404)." },
      request: { params: IdParam },
      responses: { 200: jsonOk(IntroductionSchema) },
    }),
    async (c) =>
      c.json(
        await service.respondToIntroduction(c.get("deps"), actorOf(c), c.req.valid("param").id, true),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/mentoring/introductions/{id}/decline",
      tags,
      summary: "Decline an introduction (the contact)",
      access: { who: "signed_in", scope: "self", object: "The contact only (others get 404)." },
      request: { params: IdParam },
      responses: { 200: jsonOk(IntroductionSchema) },
    }),
    async (c) =>
      c.json(
        await service.respondToIntroduction(c.get("deps"), actorOf(c), c.req.valid("param").id, false),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/{id}/introductions",
      tags,
      summary: "Accepted introductions shown on a person's profile, latest first",
      access: { who: "signed_in", scope: "organization" },
      request: { params: IdParam, query: PageQuery },
      responses: { 200: jsonOk(IntroductionListSchema) },
    }),
    async (c) =>
      c.json(
        await service.acceptedIntroductions(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
        200,
      ),
  );
