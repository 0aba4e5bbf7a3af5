import { addMonths } from "../../src/domain/mentoring/lifecycle.ts";
import type { RelationshipStatus } from "../../src/server/db/schema.ts";
import { apportion, at, type Context, dateOf, daysBetween, plusDays, scaled } from "./context.ts";
import type { People, Person } from "./people.ts";
import type { Program, Programs } from "./programs.ts";
import { sealWith, wrapWith } from "./random.ts";
import { GENERAL_SKILLS, GOALS, MEETING_NOTES, MEETING_TOPICS } from "./vocabulary.ts";

interface Participants {
  program: Program;
  mentors: Person[];
  mentees: Person[];
  capacity: Map<string, number>;
}

export interface Relationship {
  id: string;
  program: Program;
  mentor: Person;
  mentee: Person;
  status: RelationshipStatus;
  origin: "self" | "admin" | "bulk";
  requestId: string | null;
  key: Buffer;
  startDate: string | null;
  plannedEndDate: string | null;
  endedAt: string | null;
  createdAt: string;
  /** Meeting dates (YYYY-MM-DD), oldest first. */
  meetings: string[];
}

export interface MentoringPlan {
  participants: Participants[];
  relationships: Relationship[];
  /** The member account's relationship (they are its mentee; the mentor account mentors them). */
  memberRelationship: Relationship;
}

const MATCH_MODES = (p: Program, programs: Programs) =>
  p === programs.flagship
    ? ["admin", "bulk"]
    : p === programs.selfMatch
      ? ["self", "admin"]
      : ["self", "admin", "bulk"];

/**
 * 10,000 relationships (scaled) over the mentoring programs: a tenth in the flagship of ~2,000 participants,
 * a few in the open self-match program, the rest spread over the others. The mentor is always more senior
 * and never in the mentee's reporting line; each mentor has 2–3 seats.
 */
export function planMentoring(ctx: Context, people: People, programs: Programs): MentoringPlan {
  const { random, ids } = ctx;
  const { accounts } = people;
  const today = dateOf(ctx, 0);
  const totalRelationships = scaled(ctx, 10_000, 4);
  const totalMeetings = scaled(ctx, 120_000, 10);
  const menteePool = people.all.filter((p) => p.department !== null && (p.seniority ?? 0) <= 3);
  const mentorPool = people.all.filter((p) => p.department !== null && (p.seniority ?? 0) >= 3);

  const flagshipSize = scaled(ctx, 2_000, 10);
  const flagshipRelationships = Math.min(
    Math.round(totalRelationships * 0.1),
    Math.round(flagshipSize * 0.5),
  );
  const selfMatchRelationships = scaled(ctx, 40, 1);
  const others = programs.mentoring.filter((p) => p !== programs.flagship && p !== programs.selfMatch);
  const shares = apportion(
    ctx,
    Math.max(0, totalRelationships - flagshipRelationships - selfMatchRelationships),
    others.map(() => 0.5 + random.next()),
  );

  const participants: Participants[] = [];
  const relationships: Relationship[] = [];
  let memberRelationship: Relationship | null = null;
  let deficit = 0;

  const enrol = (
    program: Program,
    menteeCount: number,
    mentorCount: number,
    fixed: { mentees: Person[]; mentors: Person[] },
  ) => {
    const mentees = [
      ...fixed.mentees,
      ...random.sample(menteePool, menteeCount + fixed.mentees.length + fixed.mentors.length),
    ];
    const menteeIds = new Set<string>();
    const uniqueMentees = mentees.filter((p) => {
      if (menteeIds.has(p.id) || fixed.mentors.some((m) => m.id === p.id)) return false;
      menteeIds.add(p.id);
      return true;
    });
    const chosenMentees = uniqueMentees.slice(0, Math.max(menteeCount, fixed.mentees.length));
    const chosenIds = new Set(chosenMentees.map((p) => p.id));
    const mentors = [
      ...fixed.mentors,
      ...random
        .sample(mentorPool, mentorCount + 10)
        .filter((p) => !chosenIds.has(p.id) && !fixed.mentors.some((m) => m.id === p.id)),
    ].slice(0, Math.max(mentorCount, fixed.mentors.length));
    const capacity = new Map(mentors.map((m) => [m.id, random.chance(0.3) ? 3 : 2]));
    const entry = { program, mentors, mentees: chosenMentees, capacity };
    participants.push(entry);
    return entry;
  };

  const pair = (entry: Participants, count: number, forced?: { mentee: Person; mentor: Person }) => {
    const load = new Map<string, number>();
    let made = 0;
    const mentees = forced
      ? [forced.mentee, ...entry.mentees.filter((m) => m !== forced.mentee)]
      : entry.mentees;
    for (const mentee of mentees) {
      if (made >= count) break;
      let mentor: Person | undefined;
      if (forced && mentee === forced.mentee) mentor = forced.mentor;
      else {
        const chain = new Set(people.chainOf(mentee.id));
        for (let attempt = 0; attempt < 30 && !mentor; attempt++) {
          const m = random.pick(entry.mentors);
          if (
            (load.get(m.id) ?? 0) < (entry.capacity.get(m.id) ?? 2) &&
            (m.seniority ?? 0) > (mentee.seniority ?? 0) &&
            !chain.has(m.id)
          )
            mentor = m;
        }
      }
      if (!mentor) continue;
      load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
      relationships.push(relationshipOf(entry.program, mentor, mentee, forced?.mentee === mentee));
      made++;
    }
    return made;
  };

  const relationshipOf = (
    program: Program,
    mentor: Person,
    mentee: Person,
    isMember: boolean,
  ): Relationship => {
    const id = ids.next();
    const programAge = Math.max(1, daysBetween(program.startsAt, ctx.now.toISOString()));
    const startOffset = isMember ? -60 : -programAge + random.int(Math.min(40, programAge));
    const start = dateOf(ctx, Math.min(-1, startOffset));
    const plannedEnd = addMonths(start, 9);
    let status: RelationshipStatus;
    let endedAt: string | null = null;
    if (isMember) status = "active";
    else if (plannedEnd <= today) {
      status = random.chance(0.88) ? "completed" : "ended_early";
      endedAt =
        status === "completed"
          ? `${plannedEnd}T16:00:00.000Z`
          : plusDays(
              `${start}T16:00:00.000Z`,
              30 + random.int(Math.max(1, daysBetween(start, plannedEnd) - 30)),
            );
    } else {
      const r = random.next();
      status = r < 0.86 ? "active" : r < 0.95 ? "proposed" : "ended_early";
      if (status === "ended_early")
        endedAt = plusDays(`${start}T16:00:00.000Z`, random.int(Math.max(1, daysBetween(start, today))));
    }
    const origin =
      program === programs.selfMatch
        ? "self"
        : program === programs.flagship
          ? random.chance(0.7)
            ? "bulk"
            : "admin"
          : random.pick(["self", "admin", "bulk"] as const);
    const key = random.bytes(32);
    const proposedAt = plusDays(`${start}T09:00:00.000Z`, -random.between(3, 10));
    return {
      id,
      program,
      mentor,
      mentee,
      status,
      origin,
      requestId: origin === "self" ? ids.next() : null,
      key,
      startDate: status === "proposed" ? null : start,
      plannedEndDate: status === "proposed" ? null : plannedEnd,
      endedAt,
      createdAt: status === "proposed" ? at(ctx, -random.between(1, 6)) : proposedAt,
      meetings: [],
    };
  };

  const flagship = enrol(
    programs.flagship,
    flagshipSize - Math.round(flagshipSize * 0.4),
    Math.round(flagshipSize * 0.4),
    {
      mentees: [accounts.member],
      mentors: [accounts.mentor],
    },
  );
  deficit +=
    flagshipRelationships -
    pair(flagship, flagshipRelationships, { mentee: accounts.member, mentor: accounts.mentor });
  memberRelationship = relationships[0] ?? null;

  const selfMatch = enrol(programs.selfMatch, scaled(ctx, 240, 6), scaled(ctx, 80, 4), {
    mentees: [accounts.mentee],
    mentors: [],
  });
  const withoutMentee = { ...selfMatch, mentees: selfMatch.mentees.filter((m) => m !== accounts.mentee) };
  deficit += selfMatchRelationships - pair(withoutMentee, selfMatchRelationships);

  others.forEach((program, i) => {
    const want = (shares[i] ?? 0) + deficit;
    const entry = enrol(
      program,
      Math.ceil(want * (1.1 + random.next() * 0.3)),
      Math.ceil(want / 2) + Math.ceil(want * 0.1) + 1,
      { mentees: [], mentors: [] },
    );
    deficit = want - pair(entry, want);
  });
  if (!memberRelationship) throw new Error("The member's relationship was not made.");

  const meeting = relationships.filter((r) => r.startDate !== null);
  const spans = meeting.map((r) => {
    const end =
      r.endedAt ??
      (r.plannedEndDate && r.plannedEndDate < today
        ? `${r.plannedEndDate}T12:00:00.000Z`
        : ctx.now.toISOString());
    return {
      start: `${r.startDate}T12:00:00.000Z`,
      days: Math.max(1, daysBetween(`${r.startDate}T12:00:00.000Z`, end)),
    };
  });
  const counts = apportion(
    ctx,
    totalMeetings,
    spans.map((s) => s.days),
    40,
  );
  meeting.forEach((r, i) => {
    const n = counts[i] ?? 0;
    const span = spans[i];
    if (!span || n === 0) return;
    const step = span.days / n;
    for (let k = 0; k < n; k++) {
      const day = Math.min(span.days - 0.5, (k + 0.5) * step + (random.next() - 0.5) * Math.min(4, step / 2));
      r.meetings.push(plusDays(span.start, Math.max(0, day)).slice(0, 10));
    }
    r.meetings.sort();
  });
  return { participants, relationships, memberRelationship };
}

const earliest = (a: string, b: string) => (a < b ? a : b);

const TEXT = {
  learned: [
    "How to frame a proposal for leadership.",
    "That asking for help early saves weeks.",
    "A better way to run my one-to-ones.",
    "How other departments plan their quarter.",
  ],
  change: [
    "Meet a little more often.",
    "Nothing, it works well.",
    "Set an agenda before each meeting.",
    "More practice, less talk.",
  ],
  journal: [
    "Our sessions helped me see which strengths to build on.",
    "I tried the approach we discussed and it went better than expected.",
    "Still unsure about the next step; bring it up next time.",
  ],
};

export async function writeMentoring(ctx: Context, people: People, programs: Programs, plan: MentoringPlan) {
  const { writer, random, ids, organizationId } = ctx;
  const now = ctx.now.toISOString();
  const today = dateOf(ctx, 0);
  const meetings = plan.relationships.reduce((a, r) => a + r.meetings.length, 0);

  await ctx.progress.phase("mentoring", plan.relationships.length + meetings, (bar) =>
    ctx.writer.transaction(async () => {
      for (const entry of plan.participants) {
        const p = entry.program;
        const enrolledAt = plusDays(p.startsAt, -random.between(1, 25));
        for (const [role, list] of [
          ["mentor", entry.mentors],
          ["mentee", entry.mentees],
        ] as const) {
          for (const person of list) {
            await writer.add("enrolment", {
              id: ids.next(),
              organization_id: organizationId,
              program_id: p.id,
              person_id: person.id,
              role,
              answers: JSON.stringify(
                role === "mentee" ? { goals: "Grow my career", hours: 2 } : { hours: 3 },
              ),
              status: "active",
              created_at: enrolledAt,
              updated_at: enrolledAt,
            });
          }
        }
      }
      for (const entry of plan.participants) {
        const p = entry.program;
        await writer.add("mentoring_settings", {
          program_id: p.id,
          organization_id: organizationId,
          format: "one_to_one",
          match_modes: JSON.stringify(MATCH_MODES(p, programs)),
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
          created_at: p.startsAt,
          updated_at: p.startsAt,
        });
        for (const [role, list] of [
          ["mentor", entry.mentors],
          ["mentee", entry.mentees],
        ] as const) {
          for (const person of list) {
            const wanted =
              role === "mentee"
                ? random
                    .sample([...GENERAL_SKILLS, ...person.skills.map((s) => s.name)], 2)
                    .map((name) => ({ name, level: random.between(3, 5) }))
                : [];
            await writer.add("mentoring_participant", {
              id: ids.next(),
              organization_id: organizationId,
              program_id: p.id,
              person_id: person.id,
              role,
              capacity: role === "mentor" ? (entry.capacity.get(person.id) ?? 2) : null,
              skills_wanted: JSON.stringify(wanted),
              ranking: "[]",
              avoid: "[]",
              updated_at: p.startsAt,
            });
          }
        }
      }

      for (const r of plan.relationships) {
        if (!r.requestId) continue;
        await writer.add("mentoring_request", {
          id: r.requestId,
          organization_id: organizationId,
          program_id: r.program.id,
          mentee_id: r.mentee.id,
          mentor_id: r.mentor.id,
          message: "I'd love to learn how you grew into your role. Would you mentor me?",
          status: "accepted",
          response_reason: null,
          response_comment: null,
          expires_at: plusDays(r.createdAt, 8),
          responded_at: r.createdAt,
          created_at: plusDays(r.createdAt, -2),
        });
      }
      const selfMatch = plan.participants.find((e) => e.program === programs.selfMatch);
      const matched = new Set(
        plan.relationships.filter((r) => r.program === programs.selfMatch).map((r) => r.mentee.id),
      );
      for (const mentee of selfMatch?.mentees ?? []) {
        if (matched.has(mentee.id) || mentee === people.accounts.mentee || !random.chance(0.2) || !selfMatch)
          continue;
        const mentor = random.pick(selfMatch.mentors);
        const created = at(ctx, -random.between(0, 5));
        await writer.add("mentoring_request", {
          id: ids.next(),
          organization_id: organizationId,
          program_id: programs.selfMatch.id,
          mentee_id: mentee.id,
          mentor_id: mentor.id,
          message: "Your experience is exactly what I am looking for. Would you mentor me this year?",
          status: "open",
          response_reason: null,
          response_comment: null,
          expires_at: plusDays(created, 10),
          responded_at: null,
          created_at: created,
        });
      }

      for (const r of plan.relationships) {
        const last = r.meetings.at(-1);
        await writer.add("mentoring_relationship", {
          id: r.id,
          organization_id: organizationId,
          program_id: r.program.id,
          mentor_id: r.mentor.id,
          mentee_id: r.mentee.id,
          status: r.status,
          origin: r.origin,
          request_id: r.requestId,
          wrapped_key: wrapWith(random, ctx.masterKey, r.key, r.id),
          start_date: r.startDate,
          planned_end_date: r.plannedEndDate,
          ended_at: r.endedAt,
          last_meeting_at: last ? `${last}T12:00:00.000Z` : null,
          created_at: r.createdAt,
          updated_at: r.endedAt ?? (last ? `${last}T12:00:00.000Z` : r.createdAt),
        });
        bar.tick();
      }

      for (const r of plan.relationships) {
        const seal = (text: string) => sealWith(random, r.key, text, r.id);
        const started = r.startDate ? `${r.startDate}T09:00:00.000Z` : null;
        if (started || random.chance(0.5)) {
          await writer.add("mentoring_agreement", {
            relationship_id: r.id,
            organization_id: organizationId,
            goals: "Grow into the next role and widen my network beyond my department.",
            cadence: random.pick([
              "Every two weeks, 45 minutes",
              "Monthly, one hour",
              "Every three weeks, 30 minutes",
            ]),
            channel: random.pick([
              "Video call",
              "In person, over coffee",
              "Video call, with chat in between",
            ]),
            confidentiality: "What we share stays between the two of us unless we both agree otherwise.",
            duration_months: 9,
            mentor_signed_at: started ? plusDays(started, -2) : null,
            mentee_signed_at: started ? plusDays(started, -1) : null,
            updated_by: r.mentee.id,
            updated_at: started ? plusDays(started, -1) : r.createdAt,
          });
        }
        for (const [k, metOn] of r.meetings.entries()) {
          await writer.add("mentoring_meeting", {
            id: ids.next(),
            organization_id: organizationId,
            relationship_id: r.id,
            author_id: k % 2 === 0 ? r.mentor.id : r.mentee.id,
            met_on: metOn,
            duration_minutes: random.pick([30, 45, 60, 60, 90]),
            content: seal(
              JSON.stringify({
                topics: random.sample(MEETING_TOPICS, random.between(1, 3)),
                notes: random.pick(MEETING_NOTES),
              }),
            ),
            created_at: `${metOn}T17:00:00.000Z`,
          });
        }
        bar.tick(r.meetings.length);
        if (!started) continue;
        const end =
          r.endedAt ??
          (r.plannedEndDate && r.plannedEndDate < today ? `${r.plannedEndDate}T12:00:00.000Z` : now);
        const isMember = r === plan.memberRelationship;
        if (random.chance(0.15)) {
          await writer.add("mentoring_journal_entry", {
            id: ids.next(),
            organization_id: organizationId,
            relationship_id: r.id,
            author_id: r.mentee.id,
            content: seal(random.pick(TEXT.journal)),
            created_at: plusDays(started, random.int(Math.max(1, daysBetween(started, end)))),
          });
        }
        if (isMember || random.chance(0.35)) {
          const goal = random.pick(GOALS);
          const goalId = ids.next();
          const open = r.status === "active";
          await writer.add("mentoring_goal", {
            id: goalId,
            organization_id: organizationId,
            relationship_id: r.id,
            title: goal.title,
            description: "Agreed at the start of the relationship.",
            category: goal.category,
            status: open
              ? random.chance(0.8)
                ? "in_progress"
                : "not_started"
              : random.chance(0.8)
                ? "achieved"
                : "dropped",
            target_date: r.plannedEndDate,
            created_at: plusDays(started, 3),
            updated_at: plusDays(started, 3),
          });
          for (let m = 0; m < 3; m++) {
            const due = open ? dateOf(ctx, isMember ? 5 + m * 14 : random.between(-20, 60)) : null;
            await writer.add("mentoring_milestone", {
              id: ids.next(),
              organization_id: organizationId,
              goal_id: goalId,
              title:
                ["Shadow someone who does it well", "Draft a plan", "Do it and reflect"][m] ?? "Next step",
              due_date: due,
              done_at:
                !open || (m === 0 && random.chance(0.6))
                  ? earliest(plusDays(started, 20 + m * 20), end)
                  : null,
              created_at: plusDays(started, 3),
            });
          }
        }
        const periods = Math.min(3, Math.floor(daysBetween(started, end) / 91));
        for (let period = 1; period <= periods; period++) {
          for (const author of [r.mentor, r.mentee]) {
            if (!random.chance(0.6)) continue;
            await writer.add("mentoring_checkin", {
              id: ids.next(),
              organization_id: organizationId,
              relationship_id: r.id,
              author_id: author.id,
              period,
              satisfaction: random.pick([2, 3, 4, 4, 5, 5]),
              learned: random.pick(TEXT.learned),
              would_change: random.pick(TEXT.change),
              created_at: earliest(plusDays(started, period * 91 + random.int(10)), end),
            });
          }
        }
      }
    }),
  );
}
