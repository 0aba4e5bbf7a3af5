import type { Db } from "../../db/kysely.ts";
import type { OrgRole } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { hashPassword, newToken, sha256 } from "../../lib/crypto.ts";
import { AppError, errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from "../../lib/password-policy.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import { actionMail } from "../../mail/mailer.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import { findPerson, newPersonRow } from "../people/people.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import * as repo from "./invitations.repository.ts";

export const INVITATION_VALID_DAYS = 14;

export interface InviteInput {
  email: string;
  name: string;
  role: OrgRole;
  title?: string | null | undefined;
  department?: string | null | undefined;
  seniority?: number | null | undefined;
  managerId?: string | null | undefined;
  timeZone?: string | undefined;
}

function statusOf(
  row: { accepted_at: string | null; revoked_at: string | null; expires_at: string },
  now = nowIso(),
) {
  if (row.accepted_at) return "accepted" as const;
  if (row.revoked_at) return "revoked" as const;
  if (row.expires_at < now) return "expired" as const;
  return "pending" as const;
}

function toDto(r: repo.InvitationListRow) {
  return {
    id: r.id,
    personId: r.person_id,
    email: r.email,
    name: r.name,
    role: r.org_role,
    invitedBy: { id: r.invited_by_id, name: r.invited_by_name },
    status: statusOf(r),
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  };
}

async function sendInvitationMail(deps: Deps, to: string, inviter: string, orgName: string, token: string) {
  const url = `${deps.config.publicUrl}/accept-invite?token=${encodeURIComponent(token)}`;
  try {
    await deps.mailer.send(
      actionMail(
        to,
        `${inviter} invited you to ${orgName} on Trellis`,
        `${inviter} invited you to join ${orgName} on Trellis, where your organization runs mentoring, coaching and training. The invitation is valid for ${INVITATION_VALID_DAYS} days.`,
        "Accept the invitation",
        url,
      ),
    );
    return true;
  } catch (err) {
    console.error(`Could not send the invitation mail to ${to}:`, err instanceof Error ? err.message : err);
    return false;
  }
}

async function organizationName(db: Db, id: string) {
  return (await findOrganization(db, id))?.name ?? "your organization";
}

export async function invite(deps: Deps, actor: Actor, input: InviteInput, ip: string | null) {
  const token = newToken();
  const now = nowIso();
  const invitationId = await deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findPersonByEmailInOrg(trx, actor.organizationId, input.email);
    if (existing && existing.status !== "deactivated") {
      throw errors.conflict("people.email_taken", "Someone in this organization already has that email.", {
        field: "email",
      });
    }
    if (await repo.findUserByEmail(trx, input.email)) {
      throw errors.conflict("invitations.email_in_use", "That email already has a Trellis account.", {
        field: "email",
      });
    }
    if (input.managerId && !(await findPerson(trx, actor.organizationId, input.managerId))) {
      throw errors.unprocessable(
        "people.manager_not_found",
        "The manager is not a person in this organization.",
        {
          field: "managerId",
        },
      );
    }
    const personId = existing?.id ?? newId();
    const invitation = {
      id: newId(),
      organization_id: actor.organizationId,
      person_id: personId,
      email: input.email,
      token_hash: sha256(token),
      invited_by: actor.personId,
      expires_at: addDays(now, INVITATION_VALID_DAYS),
      accepted_at: null,
      revoked_at: null,
      created_at: now,
    };
    const profile = {
      name: input.name,
      org_role: input.role,
      title: input.title ?? null,
      department: input.department ?? null,
      seniority: input.seniority ?? null,
      manager_id: input.managerId ?? null,
      time_zone: input.timeZone ?? "UTC",
      status: "invited" as const,
      updated_at: now,
    };
    if (existing) {
      await trx.updateTable("person").set(profile).where("id", "=", existing.id).execute();
      await trx.insertInto("invitation").values(invitation).execute();
    } else {
      await repo.insertInvitedPerson(
        trx,
        newPersonRow({
          id: personId,
          organization_id: actor.organizationId,
          email: input.email,
          created_at: now,
          ...profile,
        }),
        invitation,
      );
    }
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "person.invited",
      targetType: "person",
      targetId: personId,
      ipAddress: ip,
      details: { email: input.email, role: input.role },
    });
    if (!existing)
      await emitEvent(trx, actor.organizationId, "person.created", {
        personId,
        role: input.role,
        status: "invited",
        source: "invitation",
        createdAt: now,
      });
    return invitation.id;
  });
  const emailDelivered = await sendInvitationMail(
    deps,
    input.email,
    actor.name,
    await organizationName(deps.db, actor.organizationId),
    token,
  );
  const invitation = await repo.findInvitationRow(deps.db, actor.organizationId, invitationId);
  if (!invitation) throw errors.notFound("Invitation");
  return { invitation: toDto(invitation), emailDelivered };
}

export async function list(db: Db, actor: Actor, query: { show: "open" | "all" } & PageRequest) {
  const { rows, nextCursor } = await repo.listInvitations(db, actor.organizationId, {
    ...query,
    open: query.show === "open",
  });
  return { items: rows.map((r) => toDto(r)), nextCursor };
}

export async function resend(deps: Deps, actor: Actor, id: string) {
  const token = newToken();
  const invitation = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findInvitation(trx, actor.organizationId, id);
    if (!row) throw errors.notFound("Invitation");
    const status = statusOf(row);
    if (status === "accepted" || status === "revoked") {
      throw errors.conflict(
        "invitations.not_pending",
        `This invitation was ${status}; it cannot be sent again.`,
      );
    }
    await repo.replaceToken(trx, id, sha256(token), addDays(nowIso(), INVITATION_VALID_DAYS));
    return row;
  });
  const emailDelivered = await sendInvitationMail(
    deps,
    invitation.email,
    actor.name,
    await organizationName(deps.db, actor.organizationId),
    token,
  );
  const row = await repo.findInvitationRow(deps.db, actor.organizationId, id);
  if (!row) throw errors.notFound("Invitation");
  return { invitation: toDto(row), emailDelivered };
}

export async function revoke(db: Db, actor: Actor, id: string, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findInvitation(trx, actor.organizationId, id);
    if (!row) throw errors.notFound("Invitation");
    if (row.accepted_at)
      throw errors.conflict("invitations.not_pending", "This invitation was already accepted.");
    if (row.revoked_at) return;
    const now = nowIso();
    await repo.markRevoked(trx, id, now);
    await trx
      .updateTable("person")
      .set({ status: "deactivated", updated_at: now })
      .where("id", "=", row.person_id)
      .where("status", "=", "invited")
      .execute();
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "person.invitation_revoked",
      targetType: "person",
      targetId: row.person_id,
      ipAddress: ip,
    });
  });
}

async function usableInvitation(db: Db, token: string) {
  const row = await repo.findInvitationByTokenHash(db, sha256(token));
  if (!row || row.revoked_at) throw errors.notFound("Invitation");
  if (row.accepted_at) {
    throw new AppError(
      410,
      "invitations.already_accepted",
      "This invitation was already accepted. Sign in instead.",
    );
  }
  if (row.expires_at < nowIso()) {
    throw new AppError(
      410,
      "invitations.expired",
      "This invitation has expired. Ask your admin to send a new one.",
    );
  }
  return row;
}

export async function preview(db: Db, token: string) {
  const row = await usableInvitation(db, token);
  return { email: row.email, name: row.name, organizationName: row.organization_name };
}

export async function accept(
  db: Db,
  input: { token: string; name: string; password: string },
  ip: string | null,
) {
  // Check the token before hashing, so that unknown tokens cost nothing; the transaction checks it again.
  await usableInvitation(db, input.token);
  const problem = passwordProblem(input.password);
  if (problem) {
    throw errors.unprocessable(`auth.password_${problem}`, PASSWORD_PROBLEM_MESSAGES[problem], {
      field: "password",
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await usableInvitation(trx, input.token);
    if (await repo.findUserByEmail(trx, row.email)) {
      throw errors.conflict(
        "invitations.email_in_use",
        "That email already has a Trellis account. Sign in instead.",
      );
    }
    const now = nowIso();
    const userId = newId();
    await repo.insertCredentialUser(trx, {
      id: userId,
      accountId: newId(),
      name: input.name,
      email: row.email,
      passwordHash,
      at: now,
    });
    await repo.activatePerson(trx, row.person_id, userId, input.name, now);
    await repo.markAccepted(trx, row.id, now);
    await insertAuditEvent(trx, {
      organizationId: row.organization_id,
      actorPersonId: row.person_id,
      action: "person.invitation_accepted",
      targetType: "person",
      targetId: row.person_id,
      ipAddress: ip,
    });
    return { email: row.email };
  });
}
