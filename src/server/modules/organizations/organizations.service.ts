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

/** How many programs and departments the stats name; the rest are counted, or folded into "Other departments". */
export const STATS_TOP_PROGRAMS = 10;
export const STATS_TOP_DEPARTMENTS = 20;

/** The largest `top` departments by head count (then by name), and the others as one bucket. */
function largestDepartments(rows: { key: string | number | null; count: number }[], top: number) {
  const buckets = rows.map((b) => ({
    label: b.key === null ? "No department" : String(b.key),
    count: b.count,
  }));
  if (buckets.length <= top) return buckets;
  const sorted = [...buckets].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, top - 1);
  const rest = sorted.slice(top - 1);
  return [
    ...shown.sort((a, b) => a.label.localeCompare(b.label)),
    { label: "Other departments", count: rest.reduce((s, b) => s + b.count, 0) },
  ];
}

export async function stats(db: Db, actor: Actor) {
  const [byStatus, byDepartment, bySeniority, programs, totals] = await Promise.all([
    repo.countPeopleBy(db, actor.organizationId, "status"),
    repo.countPeopleBy(db, actor.organizationId, "department"),
    repo.countPeopleBy(db, actor.organizationId, "seniority"),
    repo.mostEnrolledPrograms(db, actor.organizationId, STATS_TOP_PROGRAMS),
    repo.programTotals(db, actor.organizationId),
  ]);
  const status = (s: string) => byStatus.find((b) => b.key === s)?.count ?? 0;
  return {
    people: { active: status("active"), invited: status("invited") },
    departments: byDepartment.length,
    byDepartment: largestDepartments(byDepartment, STATS_TOP_DEPARTMENTS),
    bySeniority: bySeniority.map((b) => ({
      label: b.key === null ? "Not set" : `Level ${b.key}`,
      count: b.count,
    })),
    programCount: totals.programs,
    enrolments: totals.enrolments,
    programs,
  };
}
