import { createHash } from "node:crypto";
import { z } from "../../lib/http.ts";
import { isValidTimeZone } from "../../lib/time.ts";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, type Json, ScimError, USER_SCHEMA } from "./scim.protocol.ts";
import type { ScimGroupRow, ScimUserRow } from "./scim.repository.ts";

/** What a SCIM User resource sets on a person; `undefined` leaves the person's value as it is. */
export interface UserFields {
  email: string;
  /** Lower case; null when it is the email. */
  userName: string | null;
  name: string;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  department: string | null;
  managerId: string | null;
  externalId: string | null;
  timeZone: string | undefined;
  active: boolean | undefined;
}

const FieldsSchema = z.object({
  email: z.email().max(254),
  userName: z.string().min(1).max(254).nullable(),
  name: z.string().min(1).max(120),
  givenName: z.string().max(120).nullable(),
  familyName: z.string().max(120).nullable(),
  title: z.string().min(1).max(120).nullable(),
  department: z.string().min(1).max(80).nullable(),
  managerId: z.string().min(1).max(100).nullable(),
  externalId: z.string().min(1).max(255).nullable(),
});

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const isEmail = (v: string) => z.email().safeParse(v).success;
const joinName = (given: string | null, family: string | null) =>
  [given, family].filter(Boolean).join(" ") || null;

function pickEmail(resource: Json): string | null {
  const emails = Array.isArray(resource.emails) ? resource.emails.map(obj) : [];
  const chosen =
    emails.find((e) => e.primary === true) ??
    emails.find((e) => typeof e.type === "string" && e.type.toLowerCase() === "work") ??
    emails[0];
  return text(chosen?.value)?.toLowerCase() ?? null;
}

/**
 * A person's fields from a SCIM User. The email is the primary (else the work, else the first) email, or the
 * userName when that is an address. The one name is the given and family names when they changed (or on
 * create), else `name.formatted`, else `displayName`. `before` is the resource as it was, for PATCH and PUT.
 */
export function userFields(resource: Json, before: Json | null): UserFields {
  const userName = text(resource.userName)?.toLowerCase() ?? null;
  const email = pickEmail(resource) ?? (userName && isEmail(userName) ? userName : null);
  if (!email)
    throw new ScimError(
      400,
      "invalidValue",
      "A user needs an email: in emails, or as a userName that is an email address.",
    );
  const name = obj(resource.name);
  const old = obj(before?.name);
  const givenName = text(name.givenName);
  const familyName = text(name.familyName);
  const partsChanged = !before || givenName !== text(old.givenName) || familyName !== text(old.familyName);
  const formatted = text(name.formatted);
  const displayName = text(resource.displayName);
  const composed =
    (partsChanged ? joinName(givenName, familyName) : null) ??
    (formatted && (!before || formatted !== text(old.formatted)) ? formatted : null) ??
    (displayName && (!before || displayName !== text(before.displayName)) ? displayName : null) ??
    formatted ??
    joinName(givenName, familyName) ??
    displayName ??
    email.split("@")[0] ??
    email;
  const enterprise = obj(resource[ENTERPRISE_SCHEMA]);
  const timeZone = text(resource.timezone);
  const fields: UserFields = {
    email,
    userName: userName && userName !== email ? userName : null,
    name: composed,
    givenName,
    familyName,
    title: text(resource.title),
    department: text(enterprise.department),
    managerId: text(obj(enterprise.manager).value),
    externalId: text(resource.externalId),
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : undefined,
    active: typeof resource.active === "boolean" ? resource.active : undefined,
  };
  const checked = FieldsSchema.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ScimError(
      400,
      "invalidValue",
      `${issue?.path.join(".") ?? "A value"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return fields;
}

/** An ETag over what a client can see of the resource. */
export function versionOf(resource: Json): string {
  return `W/"${createHash("sha256").update(JSON.stringify(resource)).digest("base64url").slice(0, 22)}"`;
}

const later = (a: string, b: string | null) => (b && b > a ? b : a);

/** The person's name split for SCIM: the stored parts when they still make up the name, else a best guess. */
function nameParts(row: ScimUserRow) {
  const stored = joinName(row.given_name, row.family_name);
  if (stored === row.name) return { givenName: row.given_name, familyName: row.family_name };
  const space = row.name.lastIndexOf(" ");
  return space > 0
    ? { givenName: row.name.slice(0, space), familyName: row.name.slice(space + 1) }
    : { givenName: row.name, familyName: null };
}

export function userResource(row: ScimUserRow, baseUrl: string): Json {
  const parts = nameParts(row);
  const body: Json = {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name ?? row.email,
    name: {
      formatted: row.name,
      ...(parts.givenName ? { givenName: parts.givenName } : {}),
      ...(parts.familyName ? { familyName: parts.familyName } : {}),
    },
    displayName: row.name,
    ...(row.title ? { title: row.title } : {}),
    timezone: row.time_zone,
    active: row.status !== "deactivated",
    emails: [{ value: row.email, type: "work", primary: true }],
    ...(row.group_id && row.department
      ? {
          groups: [
            {
              value: row.group_id,
              display: row.department,
              $ref: `${baseUrl}/Groups/${row.group_id}`,
              type: "direct",
            },
          ],
        }
      : {}),
    [ENTERPRISE_SCHEMA]: {
      ...(row.department ? { department: row.department } : {}),
      ...(row.manager_id
        ? {
            manager: {
              value: row.manager_id,
              $ref: `${baseUrl}/Users/${row.manager_id}`,
              ...(row.manager_name ? { displayName: row.manager_name } : {}),
            },
          }
        : {}),
    },
  };
  return {
    ...body,
    meta: {
      resourceType: "User",
      created: row.created_at,
      lastModified: later(row.updated_at, row.identity_updated_at),
      location: `${baseUrl}/Users/${row.id}`,
      version: versionOf(body),
    },
  };
}

export function groupResource(
  row: ScimGroupRow,
  members: { id: string; name: string }[] | null,
  baseUrl: string,
): Json {
  const body: Json = {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    displayName: row.display_name,
    ...(members
      ? {
          members: members.map((m) => ({
            value: m.id,
            display: m.name,
            $ref: `${baseUrl}/Users/${m.id}`,
            type: "User",
          })),
        }
      : {}),
  };
  return {
    ...body,
    meta: {
      resourceType: "Group",
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${baseUrl}/Groups/${row.id}`,
      version: versionOf({
        id: row.id,
        displayName: row.display_name,
        externalId: row.external_id,
        at: row.updated_at,
      }),
    },
  };
}

/** The member ids a Group resource lists. */
export function memberIds(resource: Json): string[] {
  const members = Array.isArray(resource.members) ? resource.members.map(obj) : [];
  return [...new Set(members.map((m) => text(m.value)).filter((v): v is string => v !== null))];
}
