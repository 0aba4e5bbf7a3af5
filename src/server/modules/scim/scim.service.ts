import { managerChain } from "../../../domain/people/reporting-line.ts";
import type { Db } from "../../db/kysely.ts";
import type { Deps, ScimClient } from "../../lib/context.ts";
import { newToken, sha256 } from "../../lib/crypto.ts";
import { AppError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import { actionMail } from "../../mail/mailer.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { INVITATION_VALID_DAYS } from "../invitations/invitations.service.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import { findPerson, managerChainRows, newPersonRow } from "../people/people.repository.ts";
import { setPersonStatus } from "../people/people.service.ts";
import { emitEvent } from "../webhooks/events.ts";
import { groupQuery, userQuery } from "./scim.filter.ts";
import { groupResource, memberIds, type UserFields, userFields, userResource } from "./scim.mapping.ts";
import {
  applyPatch,
  attributeFilter,
  incoming,
  type Json,
  LIST_SCHEMA,
  outgoing,
  type PatchOperation,
  ScimError,
} from "./scim.protocol.ts";
import * as repo from "./scim.repository.ts";

export interface ScimRequest {
  deps: Deps;
  client: ScimClient;
  /** `https://host/scim/v2` */
  baseUrl: string;
  ip: string | null;
}

export interface ListParams {
  filter?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
  startIndex: number;
  count: number;
}

export interface Shaping {
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

/** If-Match: the version the client last saw; a different current version answers 412. */
export type Precondition = string | undefined;

const notFound = (what: "User" | "Group") => new ScimError(404, null, `${what} not found.`);

function checkVersion(current: string, ifMatch: Precondition) {
  if (!ifMatch || ifMatch.trim() === "*") return;
  const wanted = ifMatch.split(",").map((v) => v.trim());
  if (!wanted.includes(current))
    throw new ScimError(412, null, "The resource changed since that version; read it again.");
}

const auditBy = (r: ScimRequest) => ({
  via: "scim",
  token: { id: r.client.tokenId, name: r.client.tokenName },
});

async function audit(
  db: Db,
  r: ScimRequest,
  action: string,
  target: { type: string; id: string },
  details: Json = {},
) {
  await insertAuditEvent(db, {
    organizationId: r.client.organizationId,
    actorPersonId: null,
    action,
    targetType: target.type,
    targetId: target.id,
    ipAddress: r.ip,
    details: { ...details, ...auditBy(r) },
  });
}

function listResponse(resources: Json[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

// Users

async function requireUser(db: Db, r: ScimRequest, id: string) {
  const row = await repo.findUser(db, r.client.organizationId, id);
  if (!row) throw notFound("User");
  return row;
}

export async function listUsers(r: ScimRequest, p: ListParams) {
  const query = userQuery(p.filter);
  const attrs = attributeFilter(p.attributes, p.excludedAttributes);
  const { db } = r.deps;
  await repo.ensureDepartmentGroups(db, r.client.organizationId, nowIso());
  const { rows, total } = await repo.listUsers(db, r.client.organizationId, query, p.startIndex - 1, p.count);
  const base = `${r.baseUrl}/Users`;
  return listResponse(
    rows.map((row) => outgoing("User", userResource(row, r.baseUrl), base, attrs)),
    total,
    p.startIndex,
  );
}

export async function getUser(r: ScimRequest, id: string, shaping: Shaping) {
  const attrs = attributeFilter(shaping.attributes, shaping.excludedAttributes);
  const row = await requireUser(r.deps.db, r, id);
  const resource = userResource(row, r.baseUrl);
  return { body: outgoing("User", resource, `${r.baseUrl}/Users`, attrs), version: versionOf(resource) };
}

const versionOf = (resource: Json) => String((resource.meta as Json).version);

async function checkManager(db: Db, organizationId: string, personId: string | null, managerId: string) {
  const manager = await findPerson(db, organizationId, managerId);
  if (!manager) throw new ScimError(400, "invalidValue", "The manager is not a user of this organization.");
  if (!personId) return;
  const chain = await managerChainRows(db, organizationId, managerId);
  const managerOf = new Map(chain.map((row) => [row.id, row.manager_id]));
  if (managerId === personId || managerChain(managerId, (id) => managerOf.get(id)).includes(personId))
    throw new ScimError(
      400,
      "invalidValue",
      "That manager reports to this user; the reporting line would loop.",
    );
}

async function checkEmailFree(
  db: Db,
  organizationId: string,
  email: string,
  self: { id: string; userId: string | null } | null,
) {
  const holder = await repo.findPersonIdByEmail(db, organizationId, email);
  if (holder && holder.id !== self?.id)
    throw new ScimError(409, "uniqueness", "A user with that email already exists in this organization.");
  if (await repo.emailHasAccount(db, email, self?.userId ?? null))
    throw new ScimError(409, "uniqueness", "That email already has a Trellis account.");
}

interface PendingInvitation {
  email: string;
  token: string;
}

async function addInvitation(db: Db, r: ScimRequest, personId: string, email: string, at: string) {
  const token = newToken();
  await db
    .insertInto("invitation")
    .values({
      id: newId(),
      organization_id: r.client.organizationId,
      person_id: personId,
      email,
      token_hash: sha256(token),
      invited_by: r.client.createdBy,
      expires_at: addDays(at, INVITATION_VALID_DAYS),
      accepted_at: null,
      revoked_at: null,
      created_at: at,
    })
    .execute();
  return { email, token };
}

/** Sent after the commit: the person accepts it to set a password (or signs in with single sign-on). */
async function sendInvitations(r: ScimRequest, pending: PendingInvitation[]) {
  if (pending.length === 0) return;
  const org = await findOrganization(r.deps.db, r.client.organizationId);
  const orgName = org?.name ?? "your organization";
  for (const p of pending) {
    const url = `${r.deps.config.publicUrl}/accept-invite?token=${encodeURIComponent(p.token)}`;
    try {
      await r.deps.mailer.send(
        actionMail(
          p.email,
          `You have a Trellis account at ${orgName}`,
          `${orgName} added you to Trellis, where your organization runs mentoring, coaching and training. Accept within ${INVITATION_VALID_DAYS} days to choose your password.`,
          "Accept the invitation",
          url,
        ),
      );
    } catch (err) {
      console.error(
        `Could not send the invitation mail to ${p.email}:`,
        err instanceof Error ? err.message : err,
      );
    }
  }
}

export async function createUser(r: ScimRequest, body: Json, shaping: Shaping) {
  const attrs = attributeFilter(shaping.attributes, shaping.excludedAttributes);
  const fields = userFields(incoming("User", body), null);
  const { organizationId } = r.client;
  const pending: PendingInvitation[] = [];
  const id = await r.deps.db.transaction().execute(async (trx) => {
    await checkEmailFree(trx, organizationId, fields.email, null);
    if (fields.managerId) await checkManager(trx, organizationId, null, fields.managerId);
    const now = nowIso();
    const personId = newId();
    const status = fields.active === false ? "deactivated" : "invited";
    await trx
      .insertInto("person")
      .values(
        newPersonRow({
          id: personId,
          organization_id: organizationId,
          email: fields.email,
          name: fields.name,
          title: fields.title,
          department: fields.department,
          manager_id: fields.managerId,
          time_zone: fields.timeZone ?? "UTC",
          status,
          created_at: now,
        }),
      )
      .execute();
    await repo.saveIdentity(trx, organizationId, personId, identityOf(fields), now);
    await emitEvent(trx, organizationId, "person.created", {
      personId,
      role: "member",
      status,
      source: "scim",
      createdAt: now,
    });
    if (status === "invited") pending.push(await addInvitation(trx, r, personId, fields.email, now));
    if (fields.department) await repo.ensureDepartmentGroups(trx, organizationId, now);
    await audit(
      trx,
      r,
      "person.provisioned",
      { type: "person", id: personId },
      { email: fields.email, status },
    );
    return personId;
  });
  await sendInvitations(r, pending);
  const row = await requireUser(r.deps.db, r, id);
  const resource = userResource(row, r.baseUrl);
  return { body: outgoing("User", resource, `${r.baseUrl}/Users`, attrs), version: versionOf(resource), id };
}

const identityOf = (f: UserFields) => ({
  external_id: f.externalId,
  user_name: f.userName,
  given_name: f.givenName,
  family_name: f.familyName,
});

/** Writes a user's new state: profile fields, identity, and (through the people module) active or not. */
async function writeUser(
  trx: Db,
  r: ScimRequest,
  row: repo.ScimUserRow,
  fields: UserFields,
  pending: PendingInvitation[],
) {
  const { organizationId } = r.client;
  const now = nowIso();
  if (fields.email !== row.email) {
    await checkEmailFree(trx, organizationId, fields.email, { id: row.id, userId: row.user_id });
    if (row.user_id) await repo.updateAccountEmail(trx, row.user_id, fields.email, now);
  }
  if (fields.managerId && fields.managerId !== row.manager_id)
    await checkManager(trx, organizationId, row.id, fields.managerId);
  const changes: Record<string, unknown> = {};
  const set = <K extends string>(key: K, before: unknown, after: unknown) => {
    if (before !== after) changes[key] = after;
  };
  set("email", row.email, fields.email);
  set("name", row.name, fields.name);
  set("title", row.title, fields.title);
  set("department", row.department, fields.department);
  set("manager_id", row.manager_id, fields.managerId);
  if (fields.timeZone) set("time_zone", row.time_zone, fields.timeZone);
  if (Object.keys(changes).length > 0) {
    await trx
      .updateTable("person")
      .set({ ...changes, updated_at: now })
      .where("organization_id", "=", organizationId)
      .where("id", "=", row.id)
      .execute();
    if (fields.department) await repo.ensureDepartmentGroups(trx, organizationId, now);
  }
  const identity = identityOf(fields);
  const identityChanged =
    identity.external_id !== row.external_id ||
    identity.user_name !== row.user_name ||
    identity.given_name !== row.given_name ||
    identity.family_name !== row.family_name;
  if (identityChanged || row.identity_updated_at === null)
    await repo.saveIdentity(trx, organizationId, row.id, identity, now);
  const fieldsChanged = [...Object.keys(changes), ...(identityChanged ? ["externalId", "userName"] : [])];
  if (fieldsChanged.length > 0)
    await audit(trx, r, "person.profile_updated", { type: "person", id: row.id }, { fields: fieldsChanged });
  if (fields.active !== undefined) await setActive(trx, r, row, fields.active, fields.email, pending);
}

/** Deactivates or brings back a person through the people module, which does the same for an admin. */
async function setActive(
  trx: Db,
  r: ScimRequest,
  row: repo.ScimUserRow,
  active: boolean,
  email: string,
  pending: PendingInvitation[],
) {
  if (active === (row.status !== "deactivated")) return;
  const person = await findPerson(trx, r.client.organizationId, row.id);
  if (!person) throw notFound("User");
  const by = { actorPersonId: null, ip: r.ip, details: auditBy(r) };
  try {
    if (!active) await setPersonStatus(trx, person, "deactivated", by);
    else if (person.user_id) await setPersonStatus(trx, person, "active", by);
    else {
      await setPersonStatus(trx, person, "invited", by);
      pending.push(await addInvitation(trx, r, person.id, email, nowIso()));
    }
  } catch (err) {
    if (err instanceof AppError && err.code === "people.last_admin")
      throw new ScimError(
        400,
        "mutability",
        "This is the organization's only active admin; make someone else an admin in Trellis first.",
      );
    throw err;
  }
}

async function updateUser(
  r: ScimRequest,
  id: string,
  ifMatch: Precondition,
  shaping: Shaping,
  change: (before: Json) => Promise<UserFields>,
) {
  const attrs = attributeFilter(shaping.attributes, shaping.excludedAttributes);
  const pending: PendingInvitation[] = [];
  await r.deps.db.transaction().execute(async (trx) => {
    const row = await requireUser(trx, r, id);
    const before = userResource(row, r.baseUrl);
    checkVersion(versionOf(before), ifMatch);
    await writeUser(trx, r, row, await change(before), pending);
  });
  await sendInvitations(r, pending);
  const row = await requireUser(r.deps.db, r, id);
  const resource = userResource(row, r.baseUrl);
  return { body: outgoing("User", resource, `${r.baseUrl}/Users`, attrs), version: versionOf(resource) };
}

/** PUT: the body replaces every writable attribute; one left out is cleared (active left out stays as it is). */
export const replaceUser = (
  r: ScimRequest,
  id: string,
  body: Json,
  ifMatch: Precondition,
  shaping: Shaping,
) => updateUser(r, id, ifMatch, shaping, async (before) => userFields(incoming("User", body), before));

export const patchUser = (
  r: ScimRequest,
  id: string,
  ops: PatchOperation[],
  ifMatch: Precondition,
  shaping: Shaping,
) =>
  updateUser(r, id, ifMatch, shaping, async (before) =>
    userFields(await applyPatch("User", before, ops), before),
  );

/** DELETE deactivates: the person's relationships and records are history the organization keeps. */
export async function deleteUser(r: ScimRequest, id: string, ifMatch: Precondition) {
  await r.deps.db.transaction().execute(async (trx) => {
    const row = await requireUser(trx, r, id);
    checkVersion(versionOf(userResource(row, r.baseUrl)), ifMatch);
    await setActive(trx, r, row, false, row.email, []);
  });
}

// Groups

async function requireGroup(db: Db, r: ScimRequest, id: string) {
  await repo.ensureDepartmentGroups(db, r.client.organizationId, nowIso());
  const row = await repo.findGroup(db, r.client.organizationId, id);
  if (!row) throw notFound("Group");
  return row;
}

function wantsMembers(shaping: Shaping) {
  const names = (s: string | undefined) => (s ?? "").split(",").map((a) => a.trim().toLowerCase());
  if (shaping.attributes)
    return names(shaping.attributes).some((a) => a === "members" || a.startsWith("members."));
  return !names(shaping.excludedAttributes).includes("members");
}

async function groupBody(db: Db, r: ScimRequest, row: repo.ScimGroupRow, shaping: Shaping) {
  const attrs = attributeFilter(shaping.attributes, shaping.excludedAttributes);
  const members = wantsMembers(shaping)
    ? ((await repo.membersOf(db, r.client.organizationId, [row])).get(row.id) ?? [])
    : null;
  const resource = groupResource(row, members, r.baseUrl);
  return { body: outgoing("Group", resource, `${r.baseUrl}/Groups`, attrs), version: versionOf(resource) };
}

export async function listGroups(r: ScimRequest, p: ListParams) {
  const query = groupQuery(p.filter);
  const attrs = attributeFilter(p.attributes, p.excludedAttributes);
  const { db } = r.deps;
  await repo.ensureDepartmentGroups(db, r.client.organizationId, nowIso());
  const { rows, total } = await repo.listGroups(
    db,
    r.client.organizationId,
    query,
    p.startIndex - 1,
    p.count,
  );
  const members = wantsMembers(p) ? await repo.membersOf(db, r.client.organizationId, rows) : null;
  const resources = rows.map((row) =>
    outgoing(
      "Group",
      groupResource(row, members ? (members.get(row.id) ?? []) : null, r.baseUrl),
      `${r.baseUrl}/Groups`,
      attrs,
    ),
  );
  return listResponse(resources, total, p.startIndex);
}

export async function getGroup(r: ScimRequest, id: string, shaping: Shaping) {
  const row = await requireGroup(r.deps.db, r, id);
  return groupBody(r.deps.db, r, row, shaping);
}

interface GroupFields {
  displayName: string;
  externalId: string | null;
  members: string[] | null;
}

function groupFields(resource: Json, withMembers: boolean): GroupFields {
  const displayName = typeof resource.displayName === "string" ? resource.displayName.trim() : "";
  if (!displayName || displayName.length > 80)
    throw new ScimError(
      400,
      "invalidValue",
      "displayName must be 1 to 80 characters: it is the department's name.",
    );
  const externalId =
    typeof resource.externalId === "string" && resource.externalId.trim()
      ? resource.externalId.trim().slice(0, 255)
      : null;
  return { displayName, externalId, members: withMembers ? memberIds(resource) : null };
}

/** Sets who is in the department: members are moved into it (out of any other), people left out lose it. */
async function writeMembers(
  trx: Db,
  r: ScimRequest,
  name: string,
  wanted: string[],
  current: string[],
  at: string,
) {
  const { organizationId } = r.client;
  const known = await repo.existingPeople(trx, organizationId, wanted);
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new ScimError(
      400,
      "invalidValue",
      `These members are not users of this organization: ${unknown.slice(0, 5).join(", ")}.`,
    );
  const keep = new Set(wanted);
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !keep.has(id));
  await repo.setDepartment(trx, organizationId, added, name, at);
  await repo.setDepartment(trx, organizationId, removed, null, at);
  return { added, removed };
}

export async function createGroup(r: ScimRequest, body: Json, shaping: Shaping) {
  const fields = groupFields(incoming("Group", body), true);
  const { organizationId } = r.client;
  const id = await r.deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    await repo.ensureDepartmentGroups(trx, organizationId, now);
    if (await repo.findGroupByName(trx, organizationId, fields.displayName))
      throw new ScimError(409, "uniqueness", "A group (department) with that name already exists.");
    const groupId = newId();
    await repo.insertGroup(trx, {
      id: groupId,
      organization_id: organizationId,
      display_name: fields.displayName,
      external_id: fields.externalId,
      at: now,
    });
    const moved = await writeMembers(trx, r, fields.displayName, fields.members ?? [], [], now);
    await audit(
      trx,
      r,
      "scim.group_created",
      { type: "group", id: groupId },
      { displayName: fields.displayName, members: moved.added.length },
    );
    return groupId;
  });
  const row = await requireGroup(r.deps.db, r, id);
  return { ...(await groupBody(r.deps.db, r, row, shaping)), id };
}

async function updateGroup(
  r: ScimRequest,
  id: string,
  ifMatch: Precondition,
  shaping: Shaping,
  change: (before: Json) => Promise<GroupFields>,
) {
  const { organizationId } = r.client;
  await r.deps.db.transaction().execute(async (trx) => {
    const row = await requireGroup(trx, r, id);
    const current = (await repo.membersOf(trx, organizationId, [row])).get(row.id) ?? [];
    const before = groupResource(row, current, r.baseUrl);
    checkVersion(versionOf(before), ifMatch);
    const next = await change(before);
    const now = nowIso();
    if (next.displayName !== row.display_name) {
      const clash = await repo.findGroupByName(trx, organizationId, next.displayName);
      if (clash && clash.id !== row.id)
        throw new ScimError(409, "uniqueness", "A group (department) with that name already exists.");
      await repo.renameDepartment(trx, organizationId, row.display_name, next.displayName, now);
    }
    await repo.updateGroup(trx, organizationId, row.id, {
      display_name: next.displayName,
      external_id: next.externalId,
      updated_at: now,
    });
    const moved = next.members
      ? await writeMembers(
          trx,
          r,
          next.displayName,
          next.members,
          current.map((m) => m.id),
          now,
        )
      : { added: [], removed: [] };
    await audit(
      trx,
      r,
      "scim.group_updated",
      { type: "group", id: row.id },
      {
        ...(next.displayName !== row.display_name
          ? { renamedFrom: row.display_name, displayName: next.displayName }
          : {}),
        added: moved.added.length,
        removed: moved.removed.length,
      },
    );
  });
  const row = await requireGroup(r.deps.db, r, id);
  return groupBody(r.deps.db, r, row, shaping);
}

export const replaceGroup = (
  r: ScimRequest,
  id: string,
  body: Json,
  ifMatch: Precondition,
  shaping: Shaping,
) => updateGroup(r, id, ifMatch, shaping, async () => groupFields(incoming("Group", body), true));

export const patchGroup = (
  r: ScimRequest,
  id: string,
  ops: PatchOperation[],
  ifMatch: Precondition,
  shaping: Shaping,
) =>
  updateGroup(r, id, ifMatch, shaping, async (before) =>
    groupFields(await applyPatch("Group", before, ops), true),
  );

/** The department goes: nobody is in it any more. */
export async function deleteGroup(r: ScimRequest, id: string, ifMatch: Precondition) {
  const { organizationId } = r.client;
  await r.deps.db.transaction().execute(async (trx) => {
    const row = await requireGroup(trx, r, id);
    const current = (await repo.membersOf(trx, organizationId, [row])).get(row.id) ?? [];
    checkVersion(versionOf(groupResource(row, current, r.baseUrl)), ifMatch);
    const now = nowIso();
    await repo.setDepartment(
      trx,
      organizationId,
      current.map((m) => m.id),
      null,
      now,
    );
    await repo.deleteGroup(trx, organizationId, row.id);
    await audit(
      trx,
      r,
      "scim.group_deleted",
      { type: "group", id: row.id },
      { displayName: row.display_name, members: current.length },
    );
  });
}
