import type { Db } from "../../db/kysely.ts";
import type { Actor } from "../../lib/context.ts";
import { errors } from "../../lib/errors.ts";
import { nowIso } from "../../lib/time.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import * as repo from "./organizations.repository.ts";

async function read(db: Db, actor: Actor) {
  const org = await repo.findOrganization(db, actor.organizationId);
  if (!org) throw errors.notFound("Organization");
  return { id: org.id, name: org.name, slug: org.slug, createdAt: org.created_at };
}

export const getOrganization = read;

export async function rename(db: Db, actor: Actor, name: string, ip: string | null) {
  return db.transaction().execute(async (trx) => {
    const before = await read(trx, actor);
    await repo.renameOrganization(trx, actor.organizationId, name, nowIso());
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "organization.renamed",
      targetType: "organization",
      targetId: actor.organizationId,
      ipAddress: ip,
      details: { from: before.name, to: name },
    });
    return { ...before, name };
  });
}

export async function stats(db: Db, actor: Actor) {
  const [byStatus, byDepartment, bySeniority, programs] = await Promise.all([
    repo.countPeopleBy(db, actor.organizationId, "status"),
    repo.countPeopleBy(db, actor.organizationId, "department"),
    repo.countPeopleBy(db, actor.organizationId, "seniority"),
    repo.programEnrolmentCounts(db, actor.organizationId),
  ]);
  const status = (s: string) => byStatus.find((b) => b.key === s)?.count ?? 0;
  return {
    people: { active: status("active"), invited: status("invited") },
    byDepartment: byDepartment.map((b) => ({
      label: b.key === null ? "No department" : String(b.key),
      count: b.count,
    })),
    bySeniority: bySeniority.map((b) => ({
      label: b.key === null ? "Not set" : `Level ${b.key}`,
      count: b.count,
    })),
    programs,
  };
}
