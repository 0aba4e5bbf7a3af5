import type { EdgeTuple } from "../../../domain/matching/assign.ts";
import { fairRecommendations } from "../../../domain/matching/recommend.ts";
import {
  DEFAULT_WEIGHTS,
  defaultConstraints,
  type MatchProfile,
  type MatchSettings,
  type MatchWeights,
  type MenteeProfile,
  type MentoringFormat,
  scorePair,
  scoreTotal,
} from "../../../domain/matching/score.ts";
import {
  DECLINE_REASONS,
  type DeclineReason,
  isQuiet,
  NO_MEETING_WEEKS,
} from "../../../domain/mentoring/lifecycle.ts";
import { managerChain } from "../../../domain/people/reporting-line.ts";
import type { Db } from "../../db/kysely.ts";
import type { MentoringSettingsTable } from "../../db/schema.ts";
import type { Actor, Deps } from "../../lib/context.ts";
import { newDataKey, sha256, wrapKey } from "../../lib/crypto.ts";
import { errors } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { parseJson } from "../../lib/json.ts";
import type { PageRequest } from "../../lib/pagination.ts";
import { addDays, nowIso } from "../../lib/time.ts";
import { notifyPerson } from "../../mail/notify.ts";
import { insertAuditEvent } from "../audit/audit.repository.ts";
import { canEditProgram } from "../programs/programs.policy.ts";
import { findProgram, type ProgramRow } from "../programs/programs.repository.ts";
import { emitEvent } from "../webhooks/events.ts";
import * as repo from "./mentoring.repository.ts";

export interface MentoringSettings {
  format: MentoringFormat;
  matchModes: ("self" | "admin" | "bulk")[];
  mentorCapacity: number;
  maxOpenRequests: number;
  requestExpiryDays: number;
  defaultDurationMonths: number;
  allowBothRoles: boolean;
  constraints: MatchSettings["constraints"];
  checkinIntervalMonths: number;
  weights: MatchWeights;
  /** The seniority gap (mentor minus mentee; mentee minus mentor in reverse mentoring) that scores best. */
  idealSeniorityGap: { min: number; max: number };
  /** k: how many mentors a mentee may have at once (more than one for panel formats). */
  mentorsPerMentee: number;
  /** Pairs scoring below this (0–1) are never proposed by bulk matching. */
  minimumScore: number;
}

const defaultSeniorityGap = (format: MentoringFormat) =>
  format === "peer" ? { min: 0, max: 0 } : { min: 1, max: 2 };

export function settingsFrom(row: MentoringSettingsTable | undefined): MentoringSettings {
  const format = row?.format ?? "one_to_one";
  const defaults = defaultConstraints(format);
  return {
    format,
    matchModes: row ? parseJson(row.match_modes, ["self", "admin"]) : ["self", "admin"],
    mentorCapacity: row?.mentor_capacity ?? 2,
    maxOpenRequests: row?.max_open_requests ?? 3,
    requestExpiryDays: row?.request_expiry_days ?? 10,
    defaultDurationMonths: row?.default_duration_months ?? 9,
    allowBothRoles: row ? row.allow_both_roles === 1 : false,
    constraints: row
      ? {
          notInReportingLine: row.not_in_reporting_line === 1,
          mentorMoreSenior: row.mentor_more_senior === 1,
          sharedLanguage: row.shared_language === 1,
          maxTimeZoneGapHours: row.max_time_zone_gap_hours,
        }
      : defaults,
    checkinIntervalMonths: row?.checkin_interval_months ?? 3,
    weights: { ...DEFAULT_WEIGHTS, ...parseJson<Partial<MatchWeights>>(row?.weights, {}) },
    idealSeniorityGap:
      row?.ideal_seniority_min != null && row.ideal_seniority_max != null
        ? { min: row.ideal_seniority_min, max: row.ideal_seniority_max }
        : defaultSeniorityGap(format),
    mentorsPerMentee: row?.mentors_per_mentee ?? 1,
    minimumScore: row?.minimum_score ?? 0,
  };
}

export const matchSettings = (s: MentoringSettings): MatchSettings => ({
  format: s.format,
  weights: s.weights,
  constraints: s.constraints,
  idealSeniorityGap: s.idealSeniorityGap,
});

const definedOnly = <T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };

/** A published (or, for those who manage it, any) mentoring program of the caller's organization. */
export async function requireMentoringProgram(db: Db, actor: Actor, programId: string): Promise<ProgramRow> {
  const program = await findProgram(db, actor.organizationId, programId);
  if (!program || (program.status !== "published" && !canEditProgram(actor, program)))
    throw errors.notFound("Program");
  if (program.kind !== "mentoring") {
    throw errors.unprocessable("mentoring.not_a_mentoring_program", "This is not a mentoring program.");
  }
  return program;
}

export async function requireManagedProgram(db: Db, actor: Actor, programId: string) {
  const program = await requireMentoringProgram(db, actor, programId);
  if (!canEditProgram(actor, program))
    throw errors.forbidden("Only the program's owner or an org admin can do this.");
  return program;
}

export async function loadSettings(db: Db, programId: string) {
  return settingsFrom(await repo.findSettings(db, programId));
}

export async function getSettings(db: Db, actor: Actor, programId: string) {
  await requireMentoringProgram(db, actor, programId);
  return loadSettings(db, programId);
}

export type SettingsPatch = Partial<
  Omit<MentoringSettings, "weights" | "constraints" | "idealSeniorityGap">
> & {
  idealSeniorityGap?: { min: number; max: number } | undefined;
  weights?: Partial<MatchWeights> | undefined;
  constraints?: Partial<MatchSettings["constraints"]> | undefined;
};

export async function updateSettings(
  db: Db,
  actor: Actor,
  programId: string,
  patch: SettingsPatch,
  ip: string | null,
) {
  return db.transaction().execute(async (trx) => {
    await requireManagedProgram(trx, actor, programId);
    const existing = await repo.findSettings(trx, programId);
    const current = settingsFrom(existing);
    const format = patch.format ?? current.format;
    // A new format brings its own seniority rule, unless the same patch sets the rule explicitly.
    const formatChanged = patch.format !== undefined && patch.format !== current.format;
    const { weights, constraints, ...fields } = patch;
    const next: MentoringSettings = {
      ...current,
      ...definedOnly(fields),
      format,
      weights: { ...current.weights, ...definedOnly(weights ?? {}) },
      constraints: {
        ...current.constraints,
        ...(formatChanged ? { mentorMoreSenior: defaultConstraints(format).mentorMoreSenior } : {}),
        ...definedOnly(constraints ?? {}),
      },
    };
    if (next.idealSeniorityGap.min > next.idealSeniorityGap.max) {
      throw errors.unprocessable(
        "mentoring.seniority_gap_order",
        "The smallest ideal seniority gap cannot be larger than the largest.",
        { field: "idealSeniorityGap" },
      );
    }
    if (Object.values(next.weights).every((w) => w === 0)) {
      throw errors.unprocessable(
        "mentoring.weights_all_zero",
        "At least one matching criterion needs a weight.",
        {
          field: "weights",
        },
      );
    }
    const now = nowIso();
    await repo.saveSettings(
      trx,
      {
        program_id: programId,
        organization_id: actor.organizationId,
        format: next.format,
        match_modes: JSON.stringify(next.matchModes),
        mentor_capacity: next.mentorCapacity,
        max_open_requests: next.maxOpenRequests,
        request_expiry_days: next.requestExpiryDays,
        default_duration_months: next.defaultDurationMonths,
        allow_both_roles: next.allowBothRoles ? 1 : 0,
        not_in_reporting_line: next.constraints.notInReportingLine ? 1 : 0,
        mentor_more_senior: next.constraints.mentorMoreSenior ? 1 : 0,
        shared_language: next.constraints.sharedLanguage ? 1 : 0,
        max_time_zone_gap_hours: next.constraints.maxTimeZoneGapHours,
        checkin_interval_months: next.checkinIntervalMonths,
        weights: JSON.stringify(next.weights),
        ideal_seniority_min: next.idealSeniorityGap.min,
        ideal_seniority_max: next.idealSeniorityGap.max,
        mentors_per_mentee: next.mentorsPerMentee,
        minimum_score: next.minimumScore,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      },
      existing !== undefined,
    );
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "mentoring.settings_updated",
      targetType: "program",
      targetId: programId,
      ipAddress: ip,
      details: { fields: Object.keys(patch) },
    });
    return next;
  });
}

// Participation

export async function getParticipation(db: Db, actor: Actor, programId: string) {
  await requireMentoringProgram(db, actor, programId);
  const [roles, settings, mentor, mentee, load, mentors] = await Promise.all([
    repo.enrolledRoles(db, programId, actor.personId),
    loadSettings(db, programId),
    repo.findParticipant(db, programId, actor.personId, "mentor"),
    repo.findParticipant(db, programId, actor.personId, "mentee"),
    repo.openLoadByMentor(db, programId),
    repo.enrolledPeople(db, actor.organizationId, programId, "mentor"),
  ]);
  const mentorIds = new Set(mentors.map((m) => m.id));
  return {
    roles: roles.filter((r): r is "mentor" | "mentee" => r === "mentor" || r === "mentee"),
    skillsWanted: parseJson(mentee?.skills_wanted, []),
    // A mentor who has left the program drops out of the lists.
    ranking: parseJson<string[]>(mentee?.ranking, []).filter((id) => mentorIds.has(id)),
    avoid: parseJson<string[]>(mentee?.avoid, []).filter((id) => mentorIds.has(id)),
    capacity: mentor?.capacity ?? null,
    programCapacity: settings.mentorCapacity,
    activeMentees: load.get(actor.personId) ?? 0,
  };
}

export async function updateParticipation(
  db: Db,
  actor: Actor,
  programId: string,
  patch: {
    skillsWanted?: { name: string; level: number }[] | undefined;
    ranking?: string[] | undefined;
    avoid?: string[] | undefined;
    capacity?: number | null | undefined;
  },
) {
  await db.transaction().execute(async (trx) => {
    await requireMentoringProgram(trx, actor, programId);
    const roles = await repo.enrolledRoles(trx, programId, actor.personId);
    const now = nowIso();
    const save = async (
      role: "mentor" | "mentee",
      fields: { capacity?: number | null; skills_wanted?: string; ranking?: string; avoid?: string },
    ) => {
      if (!roles.includes(role)) {
        throw errors.unprocessable("mentoring.not_enrolled", `Enrol as ${role} first.`, { role });
      }
      const existing = await repo.findParticipant(trx, programId, actor.personId, role);
      await repo.saveParticipant(
        trx,
        {
          id: existing?.id ?? newId(),
          organization_id: actor.organizationId,
          program_id: programId,
          person_id: actor.personId,
          role,
          capacity: fields.capacity !== undefined ? fields.capacity : (existing?.capacity ?? null),
          skills_wanted: fields.skills_wanted ?? existing?.skills_wanted ?? "[]",
          ranking: fields.ranking ?? existing?.ranking ?? "[]",
          avoid: fields.avoid ?? existing?.avoid ?? "[]",
          updated_at: now,
        },
        existing !== undefined,
      );
    };
    if (patch.ranking !== undefined || patch.avoid !== undefined) {
      const mentorIds = new Set(
        (await repo.enrolledPeople(trx, actor.organizationId, programId, "mentor")).map((m) => m.id),
      );
      for (const [field, ids] of [
        ["ranking", patch.ranking],
        ["avoid", patch.avoid],
      ] as const) {
        if (!ids) continue;
        if (new Set(ids).size !== ids.length)
          throw errors.unprocessable("mentoring.duplicate_mentor", "A mentor appears twice in the list.", {
            field,
          });
        const unknown = ids.filter((id) => !mentorIds.has(id) || id === actor.personId);
        if (unknown.length) {
          throw errors.unprocessable(
            "mentoring.not_a_mentor",
            "Only other people enrolled as mentors in this program can be ranked or avoided.",
            { field, ids: unknown },
          );
        }
      }
      const stored = await repo.findParticipant(trx, programId, actor.personId, "mentee");
      const ranking = patch.ranking ?? parseJson<string[]>(stored?.ranking, []);
      const avoid = patch.avoid ?? parseJson<string[]>(stored?.avoid, []);
      const both = ranking.filter((id) => avoid.includes(id));
      if (both.length)
        throw errors.unprocessable(
          "mentoring.ranked_and_avoided",
          "A mentor cannot be both ranked and avoided.",
          {
            ids: both,
          },
        );
    }
    const menteeFields: { skills_wanted?: string; ranking?: string; avoid?: string } = {};
    if (patch.skillsWanted !== undefined) menteeFields.skills_wanted = JSON.stringify(patch.skillsWanted);
    if (patch.ranking !== undefined) menteeFields.ranking = JSON.stringify(patch.ranking);
    if (patch.avoid !== undefined) menteeFields.avoid = JSON.stringify(patch.avoid);
    if (Object.keys(menteeFields).length) await save("mentee", menteeFields);
    if (patch.capacity !== undefined) await save("mentor", { capacity: patch.capacity });
  });
  return getParticipation(db, actor, programId);
}

// Scoring context

export function profileOf(p: repo.EnrolledPerson, managers: Map<string, string | null>): MatchProfile {
  return {
    id: p.id,
    department: p.department,
    seniority: p.seniority,
    managerChain: managerChain(p.id, (id) => managers.get(id)),
    languages: parseJson<string[]>(p.languages, []),
    timeZone: p.time_zone,
    skills: parseJson(p.skills, []),
    interests: parseJson<string[]>(p.interests, []),
  };
}

export async function matchingContext(db: Db, actor: Actor, programId: string) {
  const [settings, mentors, mentees, managers, load] = await Promise.all([
    loadSettings(db, programId),
    repo.enrolledPeople(db, actor.organizationId, programId, "mentor"),
    repo.enrolledPeople(db, actor.organizationId, programId, "mentee"),
    repo.programManagerMap(db, actor.organizationId, programId),
    repo.openLoadByMentor(db, programId),
  ]);
  const capacityOf = (m: repo.EnrolledPerson) => m.capacity ?? settings.mentorCapacity;
  return { settings, mentors, mentees, managers, load, capacityOf };
}

export function menteeProfileOf(
  mentee: repo.EnrolledPerson,
  managers: Map<string, string | null>,
  previousMentors: string[],
): MenteeProfile {
  return {
    ...profileOf(mentee, managers),
    skillsWanted: parseJson(mentee.skills_wanted, []),
    ranking: parseJson<string[]>(mentee.ranking, []),
    avoid: parseJson<string[]>(mentee.avoid, []),
    previousMentors,
  };
}

async function menteeProfile(
  db: Db,
  mentee: repo.EnrolledPerson,
  managers: Map<string, string | null>,
): Promise<MenteeProfile> {
  return menteeProfileOf(mentee, managers, await repo.pastMentorsOf(db, mentee.id));
}

export interface PoolMentee {
  person: repo.EnrolledPerson;
  profile: MenteeProfile;
  /** How many more mentors the mentee may get. */
  slots: number;
}

export interface PoolMentor {
  person: repo.EnrolledPerson;
  profile: MatchProfile;
  capacity: number;
  load: number;
  /** Seats left: capacity minus open relationships. */
  seats: number;
}

/** Everyone a program could still match, with the mentors each mentee may still get and each mentor's seats. */
export async function matchPeople(db: Db, actor: Actor, programId: string) {
  const ctx = await matchingContext(db, actor, programId);
  const [menteeLoad, past] = await Promise.all([
    repo.openCountByMentee(db, programId),
    repo.pastMentorsByMentee(db, actor.organizationId, programId),
  ]);
  const mentees: PoolMentee[] = ctx.mentees.map((person) => ({
    person,
    profile: menteeProfileOf(person, ctx.managers, past.get(person.id) ?? []),
    slots: Math.max(0, ctx.settings.mentorsPerMentee - (menteeLoad.get(person.id) ?? 0)),
  }));
  const mentors: PoolMentor[] = ctx.mentors.map((person) => {
    const capacity = ctx.capacityOf(person);
    const load = ctx.load.get(person.id) ?? 0;
    return {
      person,
      profile: profileOf(person, ctx.managers),
      capacity,
      load,
      seats: Math.max(0, capacity - load),
    };
  });
  return { settings: ctx.settings, mentees, mentors };
}

/** `matchPeople` with every pair scored, and the pairs the hard constraints allow. */
export async function matchPool(
  db: Db,
  actor: Actor,
  programId: string,
  onProgress?: (fraction: number) => Promise<void>,
) {
  const { settings: programSettings, mentees, mentors } = await matchPeople(db, actor, programId);
  const settings = matchSettings(programSettings);
  const at = new Date();
  const allowed: EdgeTuple[] = [];
  let sliceStart = performance.now();
  for (const [u, e] of mentees.entries()) {
    for (const [v, r] of mentors.entries()) {
      const total = scoreTotal(e.profile, r.profile, settings, at);
      if (total !== null && total > 0) allowed.push([u, v, total]);
    }
    // A large program takes seconds to score: hand the event loop back now and then, and say how far it is.
    if (onProgress && performance.now() - sliceStart > 50) {
      await onProgress(u / mentees.length);
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  const mentee = (u: number) => mentees[u]?.profile as MenteeProfile;
  const mentor = (v: number) => mentors[v]?.profile as MatchProfile;
  /** A pair's score (scored again: cheaper than keeping every allowed pair's score in a lookup). */
  const scoreOf = (u: number, v: number): number => scoreTotal(mentee(u), mentor(v), settings, at) ?? 0;
  /** The full breakdown of one pair, with the explanations. */
  const explain = (u: number, v: number) => scorePair(mentee(u), mentor(v), settings, at);
  return { settings: programSettings, mentees, mentors, allowed, scoreOf, explain };
}

/** How many mentors a mentee is shown: the fair first choice and the next best. */
export const RECOMMENDATIONS_SHOWN = 20;

const FIRST_CHOICE_MEMO_SIZE = 64;
/** Per program, the fair first choices of the last inputs seen; the same inputs give the same assignment. */
const firstChoiceMemo = new Map<string, { inputs: string; firstChoice: Map<string, string> }>();

/**
 * The fair first choice of every mentee who still needs a mentor (and of `viewer`): an optimal assignment of
 * those mentees to the seats left, scoring each of them against every mentor with a seat. It is remembered
 * by a digest of everything it depends on, so repeated calls on an unchanged program skip the scoring.
 */
function fairFirstChoices(
  programId: string,
  people: Awaited<ReturnType<typeof matchPeople>>,
  viewer: number,
  at: Date,
): Map<string, string> {
  const settings = matchSettings(people.settings);
  const needing = people.mentees.filter((m, u) => m.slots > 0 || u === viewer);
  const withSeats = people.mentors.map((m, v) => (m.seats > 0 ? v : -1)).filter((v) => v >= 0);
  const inputs = sha256(
    JSON.stringify([
      settings,
      // Time-zone gaps follow daylight saving time: an hour is as long as an answer is kept.
      at
        .toISOString()
        .slice(0, 13),
      needing.map((m) => m.profile),
      people.mentors.map((m) => [m.profile, m.seats]),
    ]),
  );
  const memo = firstChoiceMemo.get(programId);
  if (memo?.inputs === inputs) return memo.firstChoice;
  const edges: EdgeTuple[] = [];
  for (const [i, mentee] of needing.entries()) {
    for (const v of withSeats) {
      const total = scoreTotal(mentee.profile, people.mentors[v]?.profile as MatchProfile, settings, at);
      if (total !== null && total > 0) edges.push([i, v, total]);
    }
  }
  const fair = fairRecommendations({
    capacities: people.mentors.map((m) => m.seats),
    mentees: needing.length,
    edges,
    k: 1,
  });
  const firstChoice = new Map<string, string>();
  for (const [i, r] of fair.entries()) {
    const mentor = r.firstChoice === null ? undefined : people.mentors[r.firstChoice];
    const mentee = needing[i];
    if (mentor && mentee) firstChoice.set(mentee.person.id, mentor.person.id);
  }
  firstChoiceMemo.delete(programId);
  firstChoiceMemo.set(programId, { inputs, firstChoice });
  if (firstChoiceMemo.size > FIRST_CHOICE_MEMO_SIZE) {
    const oldest = firstChoiceMemo.keys().next().value;
    if (oldest !== undefined) firstChoiceMemo.delete(oldest);
  }
  return firstChoice;
}

/**
 * The mentors that fit the signed-in mentee best, at most RECOMMENDATIONS_SHOWN: the fair first choice, then
 * mentors with room, by score. Loads the program's participants (with their reporting lines and past
 * mentors), scores this mentee against every mentor, and explains only the mentors shown.
 */
export async function recommendations(db: Db, actor: Actor, programId: string) {
  await requireMentoringProgram(db, actor, programId);
  const now = nowIso();
  const [people, requests] = await Promise.all([
    matchPeople(db, actor, programId),
    repo.requestsOfMenteeInProgram(db, programId, actor.personId),
  ]);
  const me = people.mentees.findIndex((m) => m.person.id === actor.personId);
  if (me < 0) throw errors.forbidden("Enrol in this program as a mentee to see mentor recommendations.");
  const settings = matchSettings(people.settings);
  const at = new Date();
  const bestFit = fairFirstChoices(programId, people, me, at).get(actor.personId) ?? null;
  const myProfile = people.mentees[me]?.profile as MenteeProfile;
  const ranked = people.mentors
    .map((m) => ({ m, score: scoreTotal(myProfile, m.profile, settings, at), full: m.seats <= 0 }))
    .filter((r): r is typeof r & { score: number } => r.score !== null)
    .sort(
      (a, b) =>
        Number(b.m.person.id === bestFit) - Number(a.m.person.id === bestFit) ||
        Number(a.full) - Number(b.full) ||
        b.score - a.score ||
        a.m.person.name.localeCompare(b.m.person.name),
    );
  // A request past its expiry is expired, whether or not the hourly job has marked it yet.
  const statusOf = (r: (typeof requests)[number]) =>
    r.status === "open" && r.expires_at < now ? "expired" : r.status;
  const items = ranked.slice(0, RECOMMENDATIONS_SHOWN).map(({ m }) => {
    const score = scorePair(myProfile, m.profile, settings, at);
    const request = requests.find((r) => r.mentor_id === m.person.id);
    return {
      mentor: {
        id: m.person.id,
        name: m.person.name,
        title: m.person.title,
        department: m.person.department,
        location: m.person.location,
        skills: parseJson(m.person.skills, []),
      },
      score: score.total,
      criteria: score.criteria,
      excluded: score.excluded,
      capacity: m.capacity,
      activeMentees: m.load,
      full: m.load >= m.capacity,
      bestFit: m.person.id === bestFit,
      myRequest: request ? { id: request.id, status: statusOf(request) } : null,
    };
  });
  const openRequests = requests.filter((r) => statusOf(r) === "open").length;
  return {
    items,
    eligible: ranked.length,
    openRequests,
    maxOpenRequests: people.settings.maxOpenRequests,
  };
}

// Requests

/**
 * Refuses a new mentor for a mentee who already has as many as the program allows (one, unless the
 * format gives a panel), or who is already matched with this mentor. Returns whether the new one fills them up.
 */
async function checkMenteeRoom(
  db: Db,
  programId: string,
  menteeId: string,
  mentorId: string,
  settings: MentoringSettings,
  who: "you" | "mentee",
): Promise<{ fillsUp: boolean }> {
  const current = await repo.openMentorsOfMentee(db, programId, menteeId);
  if (current.includes(mentorId)) {
    throw errors.conflict(
      "mentoring.already_matched",
      who === "you" ? "This mentor is already yours in this program." : "These two are already matched.",
    );
  }
  if (current.length >= settings.mentorsPerMentee) {
    const allowed = settings.mentorsPerMentee === 1 ? "a mentor" : `${settings.mentorsPerMentee} mentors`;
    throw errors.conflict(
      "mentoring.already_matched",
      who === "you"
        ? `You already have ${allowed} in this program.`
        : `This mentee already has ${allowed} in this program.`,
    );
  }
  return { fillsUp: current.length + 1 >= settings.mentorsPerMentee };
}

const reasonLabel = (reason: string | null): string | null => {
  if (!reason) return null;
  if (reason in DECLINE_REASONS) return DECLINE_REASONS[reason as DeclineReason];
  if (reason === "matched_elsewhere") return "The mentee was matched with another mentor.";
  if (reason === "withdrawn_by_mentee") return "The mentee withdrew the request.";
  return reason;
};

function toRequestDto(r: repo.RequestRow) {
  return {
    id: r.id,
    program: { id: r.program_id, name: r.program_name },
    mentee: { id: r.mentee_id, name: r.mentee_name },
    mentor: { id: r.mentor_id, name: r.mentor_name },
    message: r.message,
    status: r.status,
    reason: r.response_reason,
    reasonLabel: reasonLabel(r.response_reason),
    comment: r.response_comment,
    expiresAt: r.expires_at,
    respondedAt: r.responded_at,
    createdAt: r.created_at,
    relationshipId: r.relationship_id,
  };
}

async function requestDto(db: Db, actor: Actor, id: string) {
  const row = await repo.requestOf(db, actor.organizationId, actor.personId, id);
  if (!row) throw errors.notFound("Request");
  return toRequestDto(row);
}

export async function myRequests(db: Db, actor: Actor, box: repo.RequestBox, page: PageRequest) {
  await repo.expireRequests(db, nowIso());
  const [{ rows, nextCursor }, open] = await Promise.all([
    repo.requestPage(db, actor.organizationId, actor.personId, box, page),
    repo.openRequestCount(db, actor.organizationId, actor.personId, box),
  ]);
  return { items: rows.map(toRequestDto), nextCursor, open };
}

/** Why this pair cannot be matched under the program's hard constraints (empty when it can). */
export async function pairExclusions(
  db: Db,
  actor: Actor,
  programId: string,
  menteeId: string,
  mentorId: string,
) {
  const ctx = await matchingContext(db, actor, programId);
  const mentee = ctx.mentees.find((m) => m.id === menteeId);
  const mentor = ctx.mentors.find((m) => m.id === mentorId);
  if (!mentee)
    throw errors.unprocessable(
      "mentoring.not_a_mentee",
      "That person is not enrolled as a mentee in this program.",
    );
  if (!mentor)
    throw errors.unprocessable(
      "mentoring.not_a_mentor",
      "That person is not enrolled as a mentor in this program.",
    );
  const score = scorePair(
    await menteeProfile(db, mentee, ctx.managers),
    profileOf(mentor, ctx.managers),
    matchSettings(ctx.settings),
    new Date(),
  );
  const full = (ctx.load.get(mentorId) ?? 0) >= ctx.capacityOf(mentor);
  return { exclusions: score.excluded, full, settings: ctx.settings, score };
}

export async function sendRequest(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: { mentorId: string; message: string },
  ip: string | null,
) {
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const program = await requireMentoringProgram(trx, actor, programId);
    const now = nowIso();
    await repo.expireRequests(trx, now);
    const settings = await loadSettings(trx, programId);
    if (!settings.matchModes.includes("self")) {
      throw errors.unprocessable(
        "mentoring.self_match_disabled",
        "In this program mentors are matched by the program team.",
      );
    }
    const roles = await repo.enrolledRoles(trx, programId, actor.personId);
    if (!roles.includes("mentee"))
      throw errors.forbidden("Enrol in this program as a mentee to request a mentor.");
    if (input.mentorId === actor.personId) {
      throw errors.unprocessable("mentoring.self_request", "You cannot ask yourself to be your mentor.");
    }
    await checkMenteeRoom(trx, programId, actor.personId, input.mentorId, settings, "you");
    const open = await repo.openRequestsOfMentee(trx, programId, actor.personId);
    if (open.some((r) => r.mentor_id === input.mentorId)) {
      throw errors.conflict(
        "mentoring.duplicate_request",
        "You already asked this mentor; wait for their answer.",
      );
    }
    if (open.length >= settings.maxOpenRequests) {
      throw errors.conflict(
        "mentoring.too_many_requests",
        `You can have ${settings.maxOpenRequests} open requests at a time. Withdraw one or wait for answers.`,
        { limit: settings.maxOpenRequests },
      );
    }
    const { exclusions, full } = await pairExclusions(trx, actor, programId, actor.personId, input.mentorId);
    if (exclusions.length) {
      throw errors.unprocessable(
        "mentoring.constraint",
        exclusions[0]?.reason ?? "This pair is not allowed.",
        {
          exclusions,
        },
      );
    }
    if (full)
      throw errors.conflict(
        "mentoring.capacity_full",
        "This mentor has no room for another mentee right now.",
      );
    await repo.insertRequest(trx, {
      id,
      organization_id: actor.organizationId,
      program_id: programId,
      mentee_id: actor.personId,
      mentor_id: input.mentorId,
      message: input.message,
      status: "open",
      response_reason: null,
      response_comment: null,
      expires_at: addDays(now, settings.requestExpiryDays),
      responded_at: null,
      created_at: now,
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "mentoring.request_sent",
      targetType: "program",
      targetId: programId,
      ipAddress: ip,
    });
    await emitEvent(trx, actor.organizationId, "mentoring.request.created", {
      requestId: id,
      programId,
      menteeId: actor.personId,
      mentorId: input.mentorId,
      expiresAt: addDays(now, settings.requestExpiryDays),
    });
    await notifyPerson(
      deps,
      actor.organizationId,
      input.mentorId,
      "requests",
      {
        subject: `${actor.name} would like you as their mentor`,
        intro: `${actor.name} asked you to be their mentor in ${program.name}. Read their message and accept or decline.`,
        path: "/mentoring/requests",
      },
      { db: trx },
    );
  });
  return requestDto(deps.db, actor, id);
}

async function requireOpenRequest(db: Db, actor: Actor, id: string, side: "mentor" | "mentee") {
  const request = await repo.findRequest(db, actor.organizationId, id);
  if (!request || (side === "mentor" ? request.mentor_id : request.mentee_id) !== actor.personId) {
    throw errors.notFound("Request");
  }
  if (request.status === "open" && request.expires_at < nowIso()) {
    throw errors.conflict("mentoring.request_expired", "This request has expired.");
  }
  if (request.status !== "open") {
    throw errors.conflict("mentoring.request_closed", `This request was already ${request.status}.`, {
      status: request.status,
    });
  }
  return request;
}

export function newRelationshipKey(deps: Deps, relationshipId: string): string {
  return wrapKey(deps.masterKey, newDataKey(), relationshipId);
}

/** A relationship the program team proposed (directly or by publishing a bulk match), with its own key. */
export async function insertProposedRelationship(
  db: Db,
  deps: Deps,
  actor: Actor,
  r: {
    id: string;
    programId: string;
    menteeId: string;
    mentorId: string;
    origin: "admin" | "bulk";
    at: string;
  },
) {
  await repo.insertRelationship(db, {
    id: r.id,
    organization_id: actor.organizationId,
    program_id: r.programId,
    mentor_id: r.mentorId,
    mentee_id: r.menteeId,
    status: "proposed",
    origin: r.origin,
    request_id: null,
    wrapped_key: newRelationshipKey(deps, r.id),
    start_date: null,
    planned_end_date: null,
    ended_at: null,
    last_meeting_at: null,
    created_at: r.at,
    updated_at: r.at,
  });
}

/** Tells both people the program team matched them. */
export async function notifyNewMatch(
  deps: Deps,
  actor: Actor,
  programName: string,
  match: { relationshipId: string; menteeId: string; mentorId: string },
) {
  for (const [personId, other] of [
    [match.menteeId, "mentor"],
    [match.mentorId, "mentee"],
  ] as const) {
    await notifyPerson(deps, actor.organizationId, personId, "agreements", {
      subject: `You have a new ${other} in ${programName}`,
      intro: `The program team matched you with a ${other} in ${programName}. Agree together on how you will work, then start meeting.`,
      path: `/mentoring/relationships/${match.relationshipId}`,
    });
  }
}

export async function acceptRequest(deps: Deps, actor: Actor, id: string, ip: string | null) {
  await deps.db.transaction().execute(async (trx) => {
    const request = await requireOpenRequest(trx, actor, id, "mentor");
    const settings = await loadSettings(trx, request.program_id);
    const load = await repo.openLoadByMentor(trx, request.program_id);
    const participant = await repo.findParticipant(trx, request.program_id, actor.personId, "mentor");
    if ((load.get(actor.personId) ?? 0) >= (participant?.capacity ?? settings.mentorCapacity)) {
      throw errors.conflict(
        "mentoring.capacity_full",
        "You are at your mentee capacity. Raise it or decline.",
      );
    }
    const { fillsUp } = await checkMenteeRoom(
      trx,
      request.program_id,
      request.mentee_id,
      request.mentor_id,
      settings,
      "mentee",
    );
    const now = nowIso();
    const relationshipId = newId();
    await repo.insertRelationship(trx, {
      id: relationshipId,
      organization_id: actor.organizationId,
      program_id: request.program_id,
      mentor_id: request.mentor_id,
      mentee_id: request.mentee_id,
      status: "proposed",
      origin: "self",
      request_id: request.id,
      wrapped_key: newRelationshipKey(deps, relationshipId),
      start_date: null,
      planned_end_date: null,
      ended_at: null,
      last_meeting_at: null,
      created_at: now,
      updated_at: now,
    });
    await repo.updateRequest(trx, id, { status: "accepted", responded_at: now });
    await emitEvent(trx, actor.organizationId, "mentoring.request.accepted", {
      requestId: id,
      programId: request.program_id,
      menteeId: request.mentee_id,
      mentorId: request.mentor_id,
      relationshipId,
    });
    if (fillsUp) await repo.withdrawOtherRequests(trx, request.program_id, request.mentee_id, id, now);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "mentoring.request_accepted",
      targetType: "program",
      targetId: request.program_id,
      ipAddress: ip,
    });
    await notifyPerson(
      deps,
      actor.organizationId,
      request.mentee_id,
      "responses",
      {
        subject: `${actor.name} accepted your mentoring request`,
        intro: `${actor.name} will be your mentor. Agree together on how you will work, then start meeting.`,
        path: `/mentoring/relationships/${relationshipId}`,
      },
      { db: trx },
    );
    return { ...request, relationshipId };
  });
  return requestDto(deps.db, actor, id);
}

export async function declineRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: DeclineReason; comment?: string | undefined },
  ip: string | null,
) {
  await deps.db.transaction().execute(async (trx) => {
    const request = await requireOpenRequest(trx, actor, id, "mentor");
    await repo.updateRequest(trx, id, {
      status: "declined",
      response_reason: input.reason,
      response_comment: input.comment?.trim() || null,
      responded_at: nowIso(),
    });
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: "mentoring.request_declined",
      targetType: "program",
      targetId: request.program_id,
      ipAddress: ip,
    });
    await emitEvent(trx, actor.organizationId, "mentoring.request.declined", {
      requestId: id,
      programId: request.program_id,
      menteeId: request.mentee_id,
      mentorId: request.mentor_id,
    });
    await notifyPerson(
      deps,
      actor.organizationId,
      request.mentee_id,
      "responses",
      {
        subject: `${actor.name} declined your mentoring request`,
        intro: `${actor.name} can't be your mentor this time. Other mentors are waiting in your recommendations.`,
        path: `/programs/${request.program_id}/mentors`,
      },
      { db: trx },
    );
    return request;
  });
  return requestDto(deps.db, actor, id);
}

export async function withdrawRequest(db: Db, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    await requireOpenRequest(trx, actor, id, "mentee");
    await repo.updateRequest(trx, id, {
      status: "withdrawn",
      response_reason: "withdrawn_by_mentee",
      responded_at: nowIso(),
    });
  });
  return requestDto(db, actor, id);
}

export const expireStaleRequests = (db: Db, now = nowIso()) => repo.expireRequests(db, now);

// Admin match

export async function adminMatch(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: { mentorId: string; menteeId: string; overrideReason?: string | undefined },
  ip: string | null,
) {
  const relationshipId = newId();
  const program = await deps.db.transaction().execute(async (trx) => {
    const program = await requireManagedProgram(trx, actor, programId);
    const { exclusions, full, settings } = await pairExclusions(
      trx,
      actor,
      programId,
      input.menteeId,
      input.mentorId,
    );
    if (!settings.matchModes.includes("admin")) {
      throw errors.unprocessable(
        "mentoring.admin_match_disabled",
        "Admin matching is turned off for this program.",
      );
    }
    if (input.mentorId === input.menteeId) {
      throw errors.unprocessable("mentoring.self_request", "A person cannot mentor themselves.");
    }
    const { fillsUp } = await checkMenteeRoom(
      trx,
      programId,
      input.menteeId,
      input.mentorId,
      settings,
      "mentee",
    );
    const broken = [
      ...exclusions,
      ...(full ? [{ code: "capacity_full", reason: "The mentor is at capacity." }] : []),
    ];
    if (broken.length && !input.overrideReason) {
      throw errors.unprocessable(
        "mentoring.constraint",
        `${broken[0]?.reason ?? "This pair breaks a rule."} Give a reason to override.`,
        { exclusions: broken, overridable: true },
      );
    }
    const now = nowIso();
    await insertProposedRelationship(trx, deps, actor, {
      id: relationshipId,
      programId,
      menteeId: input.menteeId,
      mentorId: input.mentorId,
      origin: "admin",
      at: now,
    });
    if (fillsUp) await repo.withdrawOtherRequests(trx, programId, input.menteeId, null, now);
    await insertAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorPersonId: actor.personId,
      action: broken.length ? "mentoring.match_override" : "mentoring.admin_match",
      targetType: "program",
      targetId: programId,
      ipAddress: ip,
      details: {
        relationshipId,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        ...(broken.length ? { overridden: broken.map((b) => b.code), reason: input.overrideReason } : {}),
      },
    });
    return program;
  });
  await notifyNewMatch(deps, actor, program.name, { relationshipId, ...input });
  return relationshipId;
}

// Program manager overview: counts and names only, never content.

const quietBefore = (now: Date) => new Date(now.getTime() - NO_MEETING_WEEKS * 7 * 86_400_000).toISOString();

export async function overview(db: Db, actor: Actor, programId: string) {
  await requireManagedProgram(db, actor, programId);
  const now = new Date();
  const [settings, participants, openRequests, relationships] = await Promise.all([
    loadSettings(db, programId),
    repo.participantCounts(db, actor.organizationId, programId),
    repo.openRequestCountOfProgram(db, actor.organizationId, programId, now.toISOString()),
    repo.relationshipCounts(db, actor.organizationId, programId, quietBefore(now)),
  ]);
  const menteesWaiting = await repo.menteesWaitingCount(
    db,
    actor.organizationId,
    programId,
    settings.mentorsPerMentee,
  );
  return { counts: { ...participants, openRequests, ...relationships }, menteesWaiting };
}

export async function programParticipants(
  db: Db,
  actor: Actor,
  programId: string,
  f: PageRequest & { role: "mentor" | "mentee"; q?: string | undefined },
) {
  await requireManagedProgram(db, actor, programId);
  const { rows, nextCursor } = await repo.participantPage(db, actor.organizationId, programId, f.role, f);
  return {
    items: rows.map((p) => ({
      person: { id: p.id, name: p.name },
      role: f.role,
      activeRelationships: p.open,
    })),
    nextCursor,
  };
}

export async function programRelationships(
  db: Db,
  actor: Actor,
  programId: string,
  f: PageRequest & { status?: repo.ProgramRelationshipFilter | undefined },
) {
  await requireManagedProgram(db, actor, programId);
  const now = new Date();
  const { rows, nextCursor } = await repo.programRelationshipPage(db, actor.organizationId, programId, {
    ...f,
    quietBefore: quietBefore(now),
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      mentor: { id: r.mentor_id, name: r.mentor_name },
      mentee: { id: r.mentee_id, name: r.mentee_name },
      status: r.status,
      startDate: r.start_date,
      plannedEndDate: r.planned_end_date,
      lastMeetingAt: r.last_meeting_at,
      quiet: r.status === "active" && isQuiet(r.last_meeting_at ?? r.start_date, now),
    })),
    nextCursor,
  };
}

export async function programOpenRequests(db: Db, actor: Actor, programId: string, page: PageRequest) {
  await requireManagedProgram(db, actor, programId);
  const { rows, nextCursor } = await repo.openRequestPageOfProgram(
    db,
    actor.organizationId,
    programId,
    nowIso(),
    page,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      mentee: { id: r.mentee_id, name: r.mentee_name },
      mentor: { id: r.mentor_id, name: r.mentor_name },
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    })),
    nextCursor,
  };
}
