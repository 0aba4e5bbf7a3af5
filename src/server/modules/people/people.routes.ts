import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import {
  AdminProfilePatch,
  FacetPageSchema,
  FacetParam,
  FacetQuery,
  MeSchema,
  PeopleFacetsSchema,
  PeoplePageSchema,
  PeopleQuery,
  PersonSchema,
  RoleChange,
  SelfProfilePatch,
  StatusChange,
} from "./people.schemas.ts";
import * as service from "./people.service.ts";

const tags = ["People"];

export const peopleRoutes = router()
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/me",
      tags,
      summary: "The signed-in person and their organization",
      access: { who: "signed_in", scope: "self" },
      cacheSeconds: 60,
      responses: { 200: jsonOk(MeSchema) },
    }),
    async (c) => c.json(await service.getMe(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/me/profile",
      tags,
      summary: "Edit your own profile",
      access: { who: "signed_in", scope: "self" },
      request: { body: jsonBody(SelfProfilePatch) },
      responses: { 200: jsonOk(PersonSchema) },
    }),
    async (c) => {
      const actor = actorOf(c);
      const person = await service.updateProfile(
        c.get("deps").db,
        actor,
        actor.personId,
        c.req.valid("json"),
        c.get("ip"),
      );
      return c.json(person, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people",
      tags,
      summary: "Search the people directory",
      access: { who: "signed_in", scope: "organization" },
      cacheSeconds: 60,
      request: { query: PeopleQuery },
      responses: { 200: jsonOk(PeoplePageSchema) },
    }),
    async (c) => c.json(await service.listDirectory(c.get("deps").db, actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/facets",
      tags,
      summary: "Values to filter the directory by",
      access: { who: "signed_in", scope: "organization" },
      responses: { 200: jsonOk(PeopleFacetsSchema) },
    }),
    async (c) => c.json(await service.directoryFacets(c.get("deps").db, actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/facets/{facet}",
      tags,
      summary: "Search the values of one directory filter, the most common first",
      access: { who: "signed_in", scope: "organization" },
      request: { params: FacetParam, query: FacetQuery },
      responses: { 200: jsonOk(FacetPageSchema) },
    }),
    async (c) =>
      c.json(
        await service.facetValues(
          c.get("deps").db,
          actorOf(c),
          c.req.valid("param").facet,
          c.req.valid("query"),
        ),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/people/{id}",
      tags,
      summary: "A person's profile",
      access: {
        who: "signed_in",
        scope: "organization",
        object:
          "Seniority and career goals are shown to the person, org admins and program managers only; admin reads are audited.",
      },
      request: { params: IdParam },
      responses: { 200: jsonOk(PersonSchema) },
    }),
    async (c) =>
      c.json(
        await service.readProfile(c.get("deps").db, actorOf(c), c.req.valid("param").id, c.get("ip")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/people/{id}",
      tags,
      summary: "Edit a person's profile, including department, seniority and manager",
      access: { who: ["org_admin"], scope: "organization" },
      request: { params: IdParam, body: jsonBody(AdminProfilePatch) },
      responses: { 200: jsonOk(PersonSchema) },
    }),
    async (c) => {
      const person = await service.updateProfile(
        c.get("deps").db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.get("ip"),
      );
      return c.json(person, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/people/{id}/role",
      tags,
      summary: "Change a person's organization role",
      access: {
        who: ["org_admin"],
        scope: "organization",
        object: "The last active org admin cannot be demoted.",
      },
      request: { params: IdParam, body: jsonBody(RoleChange) },
      responses: { 200: jsonOk(PersonSchema) },
    }),
    async (c) => {
      const person = await service.changeRole(
        c.get("deps").db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json").role,
        c.get("ip"),
      );
      return c.json(person, 200);
    },
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/people/{id}/status",
      tags,
      summary: "Deactivate or reactivate a person; deactivation signs them out everywhere",
      access: {
        who: ["org_admin"],
        scope: "organization",
        object: "The last active org admin cannot be deactivated.",
      },
      request: { params: IdParam, body: jsonBody(StatusChange) },
      responses: { 200: jsonOk(PersonSchema) },
    }),
    async (c) => {
      const person = await service.changeStatus(
        c.get("deps").db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json").status,
        c.get("ip"),
      );
      return c.json(person, 200);
    },
  );
