import type { Db } from "../../db/kysely.ts";

export interface PoolWithdrawals {
  requests: number;
  enrolments: number;
  draftPairs: number;
  waitlists: number;
}

const affected = (rows: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  rows.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

/**
 * Takes a person out of everything that would still match, pair or seat them: their open mentoring requests
 * (sent or received) are withdrawn, their active enrolments in programs not archived are withdrawn, their
 * pairs in draft bulk-match runs are dropped, and their training waitlist places and seat offers lapse.
 * Relationships, engagements, cohorts they were in and every record stay as they are.
 */
export async function withdrawFromOpenPools(
  db: Db,
  organizationId: string,
  personId: string,
  at: string,
): Promise<PoolWithdrawals> {
  const requests = await db
    .updateTable("mentoring_request")
    .set({ status: "withdrawn", response_reason: "person_deactivated", responded_at: at })
    .where("organization_id", "=", organizationId)
    .where("status", "=", "open")
    .where((eb) => eb.or([eb("mentee_id", "=", personId), eb("mentor_id", "=", personId)]))
    .execute();
  const enrolments = await db
    .updateTable("enrolment")
    .set({ status: "withdrawn", updated_at: at })
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("status", "=", "active")
    .where("program_id", "in", (eb) =>
      eb
        .selectFrom("program")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("status", "!=", "archived"),
    )
    .execute();
  const draftPairs = await db
    .deleteFrom("match_run_pair")
    .where((eb) => eb.or([eb("mentee_id", "=", personId), eb("mentor_id", "=", personId)]))
    .where("run_id", "in", (eb) =>
      eb
        .selectFrom("match_run")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("status", "=", "draft"),
    )
    .execute();
  const waitlists = await db
    .updateTable("training_enrolment")
    .set({ status: "withdrawn", offer_expires_at: null, updated_at: at })
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("status", "in", ["waitlisted", "offered"])
    .execute();
  return {
    requests: affected(requests),
    enrolments: affected(enrolments),
    draftPairs: affected(draftPairs),
    waitlists: affected(waitlists),
  };
}

export async function revokeOpenInvitations(db: Db, organizationId: string, personId: string, at: string) {
  await db
    .updateTable("invitation")
    .set({ revoked_at: at })
    .where("organization_id", "=", organizationId)
    .where("person_id", "=", personId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
}
