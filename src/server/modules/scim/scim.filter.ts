import { type Json, parseFilter, ScimError } from "./scim.protocol.ts";
import type { GroupCondition, GroupQuery, UserCondition, UserQuery } from "./scim.repository.ts";

/**
 * The filters identity providers send, turned into conditions the repository runs in SQL: `eq` on userName,
 * externalId, id, displayName, active, emails (optionally `[type eq "work"]`) and, for groups, displayName,
 * externalId, id and members, joined with `and`/`or`. Anything else answers 400 invalidFilter, so that a
 * provider never mistakes an unsupported filter for "no such user".
 */
const MAX_FILTER_LENGTH = 1000;

type Comparison = [string, unknown];

const unsupported = (what: string) =>
  new ScimError(
    400,
    "invalidFilter",
    `This filter is not supported: ${what}. Use eq on userName, externalId, id, displayName, active or emails.`,
  );

function comparisons(value: unknown, attribute: string): Comparison[] {
  if (Array.isArray(value) && typeof value[0] === "string") return [value as Comparison];
  if (Array.isArray(value) && value.every((v) => Array.isArray(v))) return value as Comparison[];
  throw unsupported(attribute);
}

function eqString(value: unknown, attribute: string): string {
  const list = comparisons(value, attribute);
  const [op, operand] = list.length === 1 && list[0] ? list[0] : [];
  if (op?.toLowerCase() !== "eq") throw unsupported(`${attribute} ${op ?? "…"}`);
  if (typeof operand !== "string") throw unsupported(`${attribute} eq a value that is not a string`);
  return operand;
}

function parse(expression: string): Json[] {
  if (expression.length > MAX_FILTER_LENGTH)
    throw new ScimError(400, "invalidFilter", "The filter is too long.");
  // SCIMMY reads `a eq "b" and` as `a eq "b"`; a dangling operator is a malformed filter.
  if (/\b(and|or|not)\s*$/i.test(expression))
    throw new ScimError(400, "invalidFilter", "The filter ends with an operator.");
  return parseFilter(expression);
}

const lower = (k: string) => k.toLowerCase();

function emailConditions(value: unknown): UserCondition[] {
  if (Array.isArray(value)) return [{ kind: "email", value: eqString(value, "emails") }];
  if (!value || typeof value !== "object") throw unsupported("emails");
  const out: UserCondition[] = [];
  for (const [k, v] of Object.entries(value as Json)) {
    if (lower(k) === "value") out.push({ kind: "email", value: eqString(v, "emails.value") });
    else if (lower(k) === "type") {
      if (eqString(v, "emails.type").toLowerCase() !== "work") out.push({ kind: "none" });
    } else if (lower(k) === "primary") {
      const [op, operand] = comparisons(v, "emails.primary")[0] ?? [];
      if (op?.toLowerCase() !== "eq" || typeof operand !== "boolean") throw unsupported("emails.primary");
      if (!operand) out.push({ kind: "none" });
    } else throw unsupported(`emails.${k}`);
  }
  return out;
}

export function userQuery(expression: string | undefined): UserQuery {
  if (!expression?.trim()) return [];
  return parse(expression).map((all) =>
    Object.entries(all).flatMap(([attribute, value]): UserCondition[] => {
      switch (lower(attribute)) {
        case "id":
          return [{ kind: "id", value: eqString(value, attribute) }];
        case "username":
          return [{ kind: "userName", value: eqString(value, attribute) }];
        case "externalid":
          return [{ kind: "externalId", value: eqString(value, attribute) }];
        case "displayname":
          return [{ kind: "displayName", value: eqString(value, attribute) }];
        case "emails":
          return emailConditions(value);
        case "active": {
          const [op, operand] = comparisons(value, attribute)[0] ?? [];
          if (op?.toLowerCase() !== "eq" || typeof operand !== "boolean")
            throw unsupported(`active ${op ?? ""}`);
          return [{ kind: "active", value: operand }];
        }
        default:
          throw unsupported(attribute);
      }
    }),
  );
}

export function groupQuery(expression: string | undefined): GroupQuery {
  if (!expression?.trim()) return [];
  return parse(expression).map((all) =>
    Object.entries(all).flatMap(([attribute, value]): GroupCondition[] => {
      switch (lower(attribute)) {
        case "id":
          return [{ kind: "id", value: eqString(value, attribute) }];
        case "displayname":
          return [{ kind: "displayName", value: eqString(value, attribute) }];
        case "externalid":
          return [{ kind: "externalId", value: eqString(value, attribute) }];
        case "members": {
          const member =
            value && typeof value === "object" && !Array.isArray(value)
              ? Object.entries(value as Json).find(([k]) => lower(k) === "value")?.[1]
              : value;
          return [{ kind: "member", value: eqString(member, "members.value") }];
        }
        default:
          throw unsupported(attribute);
      }
    }),
  );
}
