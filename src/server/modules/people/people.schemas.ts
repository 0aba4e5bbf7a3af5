import { ORG_ROLES } from "../../lib/access.ts";
import { z } from "../../lib/http.ts";
import { PageQuery, pageSchema, SearchText } from "../../lib/pagination.ts";
import { isValidTimeZone } from "../../lib/time.ts";

export const OrgRoleSchema = z.enum(ORG_ROLES).openapi("OrgRole");
export const PersonStatusSchema = z.enum(["invited", "active", "deactivated"]).openapi("PersonStatus");

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const SkillSchema = z
  .object({ name: trimmed(60), level: z.number().int().min(1).max(5) })
  .openapi("Skill", { description: "A skill with a level from 1 (learning) to 5 (expert)" });

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: "Use an IANA time zone such as Europe/Berlin." });

const uniqueBy = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

const selfEditable = {
  name: trimmed(120),
  title: trimmed(120).nullable(),
  location: trimmed(120).nullable(),
  timeZone: TimeZoneSchema,
  languages: z
    .array(trimmed(40))
    .max(20)
    .refine((l) => uniqueBy(l, (s) => s.toLowerCase()), "List each language once."),
  skills: z
    .array(SkillSchema)
    .max(50)
    .refine((l) => uniqueBy(l, (s) => s.name.toLowerCase()), "List each skill once."),
  interests: z.array(trimmed(60)).max(30),
  careerGoals: z.string().trim().max(2000).nullable(),
};

export const SelfProfilePatch = z.object(selfEditable).partial().strict().openapi("SelfProfilePatch");

export const AdminProfilePatch = z
  .object({
    ...selfEditable,
    department: trimmed(80).nullable(),
    seniority: z.number().int().min(1).max(10).nullable(),
    managerId: z.string().uuid().nullable(),
  })
  .partial()
  .strict()
  .openapi("AdminProfilePatch");

export const RoleChange = z.object({ role: OrgRoleSchema }).strict().openapi("RoleChange");
export const StatusChange = z
  .object({ status: z.enum(["active", "deactivated"]) })
  .strict()
  .openapi("StatusChange");

export const PersonRef = z.object({ id: z.string(), name: z.string() }).openapi("PersonRef");

export const PersonSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    /** Hidden (null) unless the viewer is the person, an org admin or a program manager. */
    seniority: z.number().nullable(),
    manager: z.object({ id: z.string(), name: z.string() }).nullable(),
    directReports: z
      .array(PersonRef)
      .openapi({ description: "The first 20 direct reports by name; `directReportCount` counts them all." }),
    directReportCount: z.number().int(),
    location: z.string().nullable(),
    timeZone: z.string(),
    languages: z.array(z.string()),
    skills: z.array(SkillSchema),
    interests: z.array(z.string()),
    careerGoals: z.string().nullable(),
    orgRole: OrgRoleSchema,
    status: PersonStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    visibility: z.enum(["full", "directory"]).openapi({
      description: "`directory` hides seniority and career goals, which only the person and admins see",
    }),
  })
  .openapi("Person");

export const PersonSummarySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    timeZone: z.string(),
    languages: z.array(z.string()),
    orgRole: OrgRoleSchema,
    status: PersonStatusSchema,
  })
  .openapi("PersonSummary");

export const PeopleQuery = z
  .object({
    q: SearchText("Matched, ignoring case, in the name, email, title and department."),
    department: z.string().max(80).optional(),
    role: OrgRoleSchema.optional(),
    status: PersonStatusSchema.optional(),
    location: z.string().max(120).optional(),
    language: z.string().max(40).optional(),
    reportsTo: z
      .enum(["me"])
      .optional()
      .openapi({ description: "`me`: only people who report to the caller, directly or through others." }),
  })
  .extend(PageQuery.shape);

export const PeoplePageSchema = z
  .object({ ...pageSchema(PersonSummarySchema).shape, total: z.number() })
  .openapi("PeoplePage");

export const FacetSchema = z.enum(["department", "location", "language"]).openapi("PeopleFacet");

export const FacetValueSchema = z
  .object({ value: z.string(), count: z.number().int().openapi({ description: "People who have it." }) })
  .openapi("PeopleFacetValue");

export const FacetPageSchema = z
  .object({
    ...pageSchema(FacetValueSchema).shape,
    total: z.number().int().openapi({ description: "How many values match, on every page together." }),
  })
  .openapi("PeopleFacetPage", { description: "Values of one facet, the most common first." });

/** How many values of each facet the directory's summary names; the rest page through the facet route. */
export const FACET_SUMMARY_SIZE = 25;

export const PeopleFacetsSchema = z
  .object({
    departments: FacetPageSchema,
    locations: FacetPageSchema,
    languages: FacetPageSchema,
  })
  .openapi("PeopleFacets", {
    description: `The ${FACET_SUMMARY_SIZE} most common values of each facet; \`nextCursor\` continues with GET /api/people/facets/{facet}.`,
  });

export const FacetParam = z.object({ facet: FacetSchema });

export const FacetQuery = z
  .object({ q: SearchText("Matched, ignoring case, anywhere in the value.") })
  .extend(PageQuery.shape);

export const OrganizationRefSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const MeSchema = z.object({ person: PersonSchema, organization: OrganizationRefSchema }).openapi("Me");

export type PersonDto = z.infer<typeof PersonSchema>;
export type PersonSummaryDto = z.infer<typeof PersonSummarySchema>;
