import { addMonths } from "../../domain/mentoring/lifecycle.ts";
import type { Db } from "../db/kysely.ts";
import { encryptText, newDataKey, wrapKey } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { addDays, nowIso } from "../lib/time.ts";
import * as repo from "../modules/mentoring/mentoring.repository.ts";

interface DemoPerson {
  id: string;
  department: string | null;
  seniority: number | null;
}

/**
 * Mentors and mentees in the demo mentoring program, with one open request, one proposed and one active
 * relationship (agreement signed, a meeting, a journal entry and a goal), so every screen has something to show.
 */
export async function seedMentoringDemo(
  db: Db,
  masterKey: Buffer,
  organizationId: string,
  programId: string,
  memberId: string,
): Promise<void> {
  const people: DemoPerson[] = await db
    .selectFrom("person")
    .select(["id", "department", "seniority"])
    .where("organization_id", "=", organizationId)
    .where("org_role", "=", "member")
    .orderBy("name")
    .execute();
  const now = nowIso();
  const today = now.slice(0, 10);
  // Bulk matching is on, so the program team can draft matches for the mentees still waiting.
  await db
    .insertInto("mentoring_settings")
    .values({
      program_id: programId,
      organization_id: organizationId,
      format: "one_to_one",
      match_modes: JSON.stringify(["self", "admin", "bulk"]),
      mentor_capacity: 2,
      max_open_requests: 3,
      request_expiry_days: 10,
      default_duration_months: 9,
      allow_both_roles: 0,
      not_in_reporting_line: 1,
      mentor_more_senior: 1,
      shared_language: 1,
      max_time_zone_gap_hours: null,
      checkin_interval_months: 3,
      weights: "{}",
      ideal_seniority_min: 1,
      ideal_seniority_max: 2,
      mentors_per_mentee: 1,
      minimum_score: 0.2,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const member = people.find((p) => p.id === memberId);
  const mentors = people.filter((p) => (p.seniority ?? 0) >= 3).slice(0, 8);
  const mentees = [
    ...(member ? [member] : []),
    ...people.filter((p) => (p.seniority ?? 0) <= 2 && p.id !== memberId).slice(0, 9),
  ];
  for (const [role, list] of [
    ["mentor", mentors],
    ["mentee", mentees],
  ] as const) {
    for (const p of list) {
      await db
        .insertInto("enrolment")
        .values({
          id: newId(),
          organization_id: organizationId,
          program_id: programId,
          person_id: p.id,
          role,
          answers:
            role === "mentee"
              ? JSON.stringify({ goals: "Grow my career", hours: 2 })
              : JSON.stringify({ hours: 3 }),
          status: "active",
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  if (member) {
    await repo.saveParticipant(
      db,
      {
        id: newId(),
        organization_id: organizationId,
        program_id: programId,
        person_id: member.id,
        role: "mentee",
        capacity: null,
        ranking: "[]",
        avoid: "[]",
        skills_wanted: JSON.stringify([
          { name: "Leadership", level: 4 },
          { name: "Negotiation", level: 3 },
        ]),
        updated_at: now,
      },
      false,
    );
  }

  const otherDepartment = (mentee: DemoPerson, skip: Set<string>) =>
    mentors.find((m) => m.department !== mentee.department && !skip.has(m.id));
  const used = new Set<string>();
  const relationship = async (mentee: DemoPerson, status: "proposed" | "active") => {
    const mentor = otherDepartment(mentee, used);
    if (!mentor) return null;
    used.add(mentor.id);
    const id = newId();
    const key = newDataKey();
    const start = addDays(now, -30).slice(0, 10);
    await repo.insertRelationship(db, {
      id,
      organization_id: organizationId,
      program_id: programId,
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      status,
      origin: "admin",
      request_id: null,
      wrapped_key: wrapKey(masterKey, key, id),
      start_date: status === "active" ? start : null,
      planned_end_date: status === "active" ? addMonths(start, 9) : null,
      ended_at: null,
      last_meeting_at: status === "active" ? addDays(now, -14) : null,
      created_at: addDays(now, -35),
      updated_at: now,
    });
    return { id, key, mentor };
  };

  const [first, second, third] = mentees;
  const active = first ? await relationship(first, "active") : null;
  if (active && first) {
    await repo.saveAgreement(
      db,
      {
        relationship_id: active.id,
        organization_id: organizationId,
        goals: "Prepare for a first team-lead role and widen my network beyond my department.",
        cadence: "Every two weeks, 45 minutes",
        channel: "Video call, with chat in between",
        confidentiality: "What we share stays between the two of us unless we both agree otherwise.",
        duration_months: 9,
        mentor_signed_at: addDays(now, -31),
        mentee_signed_at: addDays(now, -30),
        updated_by: first.id,
        updated_at: addDays(now, -31),
      },
      false,
    );
    const seal = (text: string) => encryptText(active.key, text, active.id);
    await repo.insertMeeting(db, {
      id: newId(),
      organization_id: organizationId,
      relationship_id: active.id,
      author_id: active.mentor.id,
      met_on: addDays(now, -14).slice(0, 10),
      duration_minutes: 45,
      content: seal(
        JSON.stringify({ topics: ["Career map", "Giving feedback"], notes: "Mapped the next two years." }),
      ),
      created_at: addDays(now, -14),
    });
    await repo.insertJournalEntry(db, {
      id: newId(),
      organization_id: organizationId,
      relationship_id: active.id,
      author_id: first.id,
      content: seal("Our first sessions helped me see which strengths to build on."),
      created_at: addDays(now, -13),
    });
    const goalId = newId();
    await repo.insertGoal(db, {
      id: goalId,
      organization_id: organizationId,
      relationship_id: active.id,
      title: "Lead a cross-team project",
      description: "Take the lead on a project that spans two departments.",
      category: "career",
      status: "in_progress",
      target_date: addMonths(today, 6),
      created_at: addDays(now, -28),
      updated_at: now,
    });
    for (const [title, done] of [
      ["Shadow a project lead for a sprint", true],
      ["Draft a proposal with two departments", false],
      ["Present the proposal", false],
    ] as const) {
      await repo.insertMilestone(db, {
        id: newId(),
        organization_id: organizationId,
        goal_id: goalId,
        title,
        due_date: null,
        created_at: addDays(now, -28),
      });
      if (done) {
        const m = await db
          .selectFrom("mentoring_milestone")
          .select("id")
          .where("title", "=", title)
          .executeTakeFirst();
        if (m) await repo.setMilestoneDone(db, m.id, addDays(now, -10));
      }
    }
  }
  if (second) await relationship(second, "proposed");
  const requestMentor = third ? otherDepartment(third, used) : undefined;
  if (third && requestMentor) {
    await repo.insertRequest(db, {
      id: newId(),
      organization_id: organizationId,
      program_id: programId,
      mentee_id: third.id,
      mentor_id: requestMentor.id,
      message: "I'd love to learn how you grew into your role. Would you mentor me this year?",
      status: "open",
      response_reason: null,
      response_comment: null,
      expires_at: addDays(now, 8),
      responded_at: null,
      created_at: addDays(now, -2),
    });
  }
}
