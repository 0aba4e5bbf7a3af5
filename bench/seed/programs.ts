import type { ProgramKind, ProgramStatus } from "../../src/server/db/schema.ts";
import { at, type Context, plusDays, scaled } from "./context.ts";
import type { People, Person } from "./people.ts";
import { DEPARTMENTS } from "./vocabulary.ts";

export interface Program {
  id: string;
  kind: ProgramKind;
  name: string;
  owner: Person;
  status: ProgramStatus;
  /** When the program's activity began (relationships, engagements or cohorts start from here). */
  startsAt: string;
  /** Enrolment is open now. */
  open: boolean;
  leadershipTrack: boolean;
}

export interface Programs {
  all: Program[];
  mentoring: Program[];
  coaching: Program[];
  training: Program[];
  /** The mentoring program of ~2,000 participants (scaled) that the program manager account owns. */
  flagship: Program;
  /** An open self-match mentoring program of ordinary size, for mentor recommendations. */
  selfMatch: Program;
}

const NOUN: Record<ProgramKind, string[]> = {
  mentoring: ["Mentoring Circle", "Mentoring Program", "Reverse Mentoring", "Peer Mentoring"],
  coaching: ["Leadership Coaching", "New Manager Coaching", "Executive Coaching", "Career Coaching"],
  training: ["Academy", "Skills Program", "Learning Path", "Bootcamp"],
};

const QUESTIONNAIRE: Record<ProgramKind, unknown[]> = {
  mentoring: [
    {
      id: "goals",
      type: "short_text",
      label: "What would you like to get from mentoring?",
      required: true,
      maxLength: 1000,
    },
    { id: "hours", type: "scale", label: "Hours per month you can give", required: true, min: 1, max: 8 },
  ],
  coaching: [
    {
      id: "objective",
      type: "short_text",
      label: "Which measurable change do you want by the end?",
      required: true,
      maxLength: 500,
    },
  ],
  training: [
    {
      id: "format",
      type: "choice",
      label: "Preferred session format",
      required: true,
      options: ["In person", "Online"],
      multiple: false,
    },
  ],
};

/** 200 programs (scaled, at least 3 mentoring, 1 coaching and 2 training): 40 % mentoring, 20 % coaching, 40 % training, started over the last two years. */
export function planPrograms(ctx: Context, people: People): Programs {
  const { random, ids } = ctx;
  const total = scaled(ctx, 200, 6);
  const mentoringCount = Math.max(3, Math.round(total * 0.4));
  const coachingCount = Math.max(1, Math.round(total * 0.2));
  const trainingCount = Math.max(2, total - mentoringCount - coachingCount);
  const owners = people.programManagers;
  const make = (kind: ProgramKind, k: number, fixed?: Partial<Program>): Program => {
    const dept = random.pick(DEPARTMENTS).name;
    const startDays = -random.between(20, 720);
    return {
      id: ids.next(),
      kind,
      name: `${dept} ${random.pick(NOUN[kind])} ${k + 1}`,
      owner: random.pick(owners),
      status: random.chance(0.04) ? "archived" : "published",
      startsAt: at(ctx, startDays),
      open: startDays > -60,
      leadershipTrack: kind === "mentoring" && random.chance(0.15),
      ...fixed,
    };
  };
  const mentoring = Array.from({ length: mentoringCount }, (_, k) => {
    if (k === 0)
      return make("mentoring", k, {
        name: "Benchmark Mentoring Circle",
        owner: people.accounts.pm,
        status: "published",
        startsAt: at(ctx, -150),
        open: true,
        leadershipTrack: true,
      });
    if (k === 1)
      return make("mentoring", k, {
        name: "Open Mentoring Exchange",
        status: "published",
        startsAt: at(ctx, -30),
        open: true,
        leadershipTrack: false,
      });
    return make("mentoring", k);
  });
  const coaching = Array.from({ length: coachingCount }, (_, k) => make("coaching", k));
  const training = Array.from({ length: trainingCount }, (_, k) => make("training", k));
  const flagship = mentoring[0] as Program;
  const selfMatch = mentoring[1] as Program;
  return {
    all: [...mentoring, ...coaching, ...training],
    mentoring,
    coaching,
    training,
    flagship,
    selfMatch,
  };
}

export async function writePrograms(ctx: Context, programs: Programs) {
  for (const p of programs.all) {
    const opens = p.open ? at(ctx, -10) : plusDays(p.startsAt, -30);
    const closes = p.open ? at(ctx, 50) : plusDays(p.startsAt, 14);
    await ctx.writer.add("program", {
      id: p.id,
      organization_id: ctx.organizationId,
      kind: p.kind,
      name: p.name,
      description: `A ${p.kind} program run by ${p.owner.name}.`,
      owner_id: p.owner.id,
      status: p.status,
      enrolment_opens_at: opens,
      enrolment_closes_at: closes,
      eligibility: JSON.stringify({ departments: [], minSeniority: null, maxSeniority: null }),
      questionnaire: JSON.stringify(QUESTIONNAIRE[p.kind]),
      leadership_track: p.leadershipTrack ? 1 : 0,
      created_at: plusDays(opens, -7),
      updated_at: plusDays(opens, -7),
    });
  }
}
