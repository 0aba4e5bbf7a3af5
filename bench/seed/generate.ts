import Sqlite from "libsql";
import { type DbHandle, type Engine, openDb, sqlitePath } from "../../src/server/db/kysely.ts";
import { migrateToLatest } from "../../src/server/db/migrate.ts";
import { refreshStatistics } from "../../src/server/db/statistics.ts";
import { certificateCredential } from "../../src/server/modules/training/credentials.ts";
import { planCoaching, writeCoaching } from "./coaching.ts";
import { at, type Context } from "./context.ts";
import { keyFromSeed } from "./credential-signing.ts";
import { planMentoring, writeMentoring } from "./mentoring.ts";
import { type AccountName, planPeople, writePeople } from "./people.ts";
import { planPrograms, writePrograms } from "./programs.ts";
import { Progress } from "./progress.ts";
import { derivedSecret, IdFactory, Random, sealWith } from "./random.ts";
import { RowWriter } from "./row-writer.ts";
import type { SignJob } from "./sign-worker.ts";
import { SigningPool } from "./signing-pool.ts";
import { planTraining, writeCertificates, writeCohorts, writeTrainingStructure } from "./training.ts";

export const ORGANIZATION_NAME = "Benchmark Corp";
export const BENCH_PASSWORD = "benchmark-2026";

export interface GenerateOptions {
  databaseUrl: string;
  /** An open database to write into instead of opening `databaseUrl` (left open; Kysely writes only). */
  handle?: DbHandle;
  people: number;
  seed: number;
  /** Every date in the data is relative to this moment. */
  now: Date;
  /** The address certificates name (their ids are URLs under it). */
  publicUrl: string;
  masterKey: Buffer;
  /** One argon2 hash of the password, shared by every account. */
  passwordHash: string;
  /** How many certificates get a real signature; the rest are stored unsigned (and fail verification). */
  signed: number | "all";
  /** Worker threads that sign; 0 signs on this thread. */
  signWorkers: number;
  /** SQLite only: write through raw prepared statements instead of Kysely. */
  rawSqlite: boolean;
  progress?: Progress;
}

const ROLE_OF: Record<AccountName, string> = {
  admin: "org_admin",
  pm: "program_manager",
  sponsor: "sponsor",
  member: "member",
  mentor: "member",
  mentee: "member",
  coach: "member",
  trainer: "member",
};

const DESCRIPTION: Record<AccountName, string> = {
  admin: "Organization admin",
  pm: "Program manager; owns the flagship mentoring program",
  sponsor: "Sponsor of many coaching engagements, the member's among them",
  member: "Mentee with an active relationship, coachee with open actions, trainee in the gradebook cohort",
  mentor: "The member's mentor in the flagship program",
  mentee: "Mentee without a mentor in the open self-match program (mentor recommendations)",
  coach: "The member's coach",
  trainer: "Trainer of the gradebook cohort",
};

export async function generate(options: GenerateOptions) {
  const progress = options.progress ?? new Progress(null);
  const handle = options.handle ?? openDb(options.databaseUrl);
  const engine: Engine = handle.engine;
  await progress.phase("migrate", 1, async (bar) => {
    await migrateToLatest(handle.db);
    bar.tick();
  });

  let raw: Sqlite.Database | null = null;
  let writer: RowWriter;
  if (engine === "sqlite" && options.rawSqlite && !options.handle) {
    await handle.close();
    raw = new Sqlite(sqlitePath(options.databaseUrl));
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("PRAGMA foreign_keys = ON");
    raw.exec("PRAGMA busy_timeout = 5000");
    // A 256 MB page cache for the load only: the indexes' pages stay in memory between commits.
    raw.exec("PRAGMA cache_size = -262144");
    writer = RowWriter.sqlite(raw);
  } else {
    writer = RowWriter.kysely(handle.db, engine);
  }

  const random = new Random(options.seed);
  const seedText = String(options.seed);
  const ids = new IdFactory(random, options.now.getTime() - 800 * 86_400_000);
  const ctx: Context = {
    random,
    ids,
    writer,
    progress,
    organizationId: ids.next(),
    masterKey: options.masterKey,
    now: options.now,
    scale: options.people / 50_000,
  };

  const plan = await progress.phase("plan", 5, async (bar) => {
    const people = planPeople(ctx, options.people);
    bar.tick();
    const programs = planPrograms(ctx, people);
    bar.tick();
    const mentoring = planMentoring(ctx, people, programs);
    bar.tick();
    const coaching = planCoaching(ctx, people, programs);
    bar.tick();
    const training = planTraining(ctx, people, programs);
    bar.tick();
    return { people, programs, mentoring, coaching, training };
  });

  const key = await keyFromSeed(derivedSecret(seedText, "organization-signing-key"));
  const documents = new Map(
    plan.training.certificates.map((c) => [
      c.id,
      certificateCredential(key.controller, {
        id: c.id,
        publicUrl: options.publicUrl,
        organization: { id: ctx.organizationId, name: ORGANIZATION_NAME },
        recipient: { name: c.person.name, email: c.person.email },
        course: {
          id: c.cohort.course.id,
          title: c.cohort.course.title,
          summary: c.cohort.course.summary,
          competencies: c.cohort.course.competencies,
          criteria: c.cohort.course.criteria,
        },
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
      }),
    ]),
  );
  const signedCount =
    options.signed === "all"
      ? plan.training.certificates.length
      : Math.min(options.signed, plan.training.certificates.length);
  const jobs: SignJob[] = plan.training.certificates.slice(0, signedCount).map((c) => ({
    id: c.id,
    credential: documents.get(c.id) ?? {},
    issuedAt: c.issuedAt,
  }));
  const signingStarted = performance.now();
  let signingSeconds = 0;
  const pool = new SigningPool(key, jobs, options.signWorkers);
  void pool.finished.then(() => {
    signingSeconds = Math.round((performance.now() - signingStarted) / 10) / 100;
  });
  const signedIds = new Set(jobs.map((j) => j.id));
  const credentialOf = (id: string) =>
    signedIds.has(id) ? pool.credential(id) : Promise.resolve(JSON.stringify(documents.get(id) ?? {}));

  try {
    await writePeople(ctx, plan.people, ORGANIZATION_NAME, options.passwordHash);
    await progress.phase("programs", plan.programs.all.length, (bar) =>
      writer.transaction(async () => {
        await writePrograms(ctx, plan.programs);
        bar.tick(plan.programs.all.length);
      }),
    );
    await writeMentoring(ctx, plan.people, plan.programs, plan.mentoring);
    await writeCoaching(ctx, plan.people, plan.coaching);
    await writer.transaction(async () => {
      await writer.add("organization_signing_key", {
        id: ids.next(),
        organization_id: ctx.organizationId,
        controller: key.controller,
        public_key_multibase: key.publicKeyMultibase,
        private_key_encrypted: sealWith(
          random,
          options.masterKey,
          key.privateKeyMultibase,
          `signing-key:${ctx.organizationId}`,
        ),
        created_at: at(ctx, -790),
      });
      await writeTrainingStructure(ctx, plan.people, plan.training);
    });
    await writeCohorts(ctx, plan.training);
    await writeCertificates(ctx, plan.training, credentialOf);
    await pool.finished;
    // A caller's own handle (the query-plan test) keeps its statistics: its small organization would
    // teach the planner that scanning beats an index, which is not so at the benchmark's size.
    if (!options.handle) {
      await progress.phase("statistics", 1, async (bar) => {
        const statistics = raw ? openDb(options.databaseUrl) : handle;
        try {
          await refreshStatistics(statistics, "analyze");
        } finally {
          if (raw) await statistics.close();
        }
        bar.tick();
      });
    }
  } finally {
    await pool.close();
    if (raw) {
      raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      raw.close();
    } else if (!options.handle) {
      await handle.close();
    }
  }

  const c = (t: Parameters<RowWriter["count"]>[0]) => writer.count(t);
  const { accounts } = plan.people;
  const gradebook = plan.training.gradebookCohort;
  const now = options.now.toISOString();
  const heldSessions = gradebook.sessions.filter((s) => s.endsAt < now);
  const selfMatch = plan.mentoring.participants.find((p) => p.program === plan.programs.selfMatch);
  const unsigned = plan.training.certificates[signedCount];
  const summary = {
    engine,
    people: c("person"),
    programs: c("program"),
    relationships: c("mentoring_relationship"),
    meetings: c("mentoring_meeting"),
    engagements: c("coaching_engagement"),
    coachingSessions: c("coaching_session"),
    actions: c("coaching_action"),
    cohorts: c("training_cohort"),
    enrolments: c("training_enrolment"),
    attendance: c("training_attendance"),
    certificates: c("training_certificate"),
    signedCertificates: signedCount,
    rows: Object.values(writer.counts).reduce((a, b) => a + b, 0),
    seconds: progress.elapsedSeconds,
    /** CPU time of this process and its signing threads: what the run costs whatever else shares the cores. */
    cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 10_000) / 100,
    signingSeconds,
    phases: progress.seconds,
  };
  const manifest = {
    generatedAt: now,
    seed: options.seed,
    people: options.people,
    engine,
    publicUrl: options.publicUrl,
    password: BENCH_PASSWORD,
    organization: { id: ctx.organizationId, name: ORGANIZATION_NAME, slug: "benchmark-corp" },
    accounts: (Object.keys(accounts) as AccountName[]).map((name) => ({
      name,
      email: accounts[name].email,
      password: BENCH_PASSWORD,
      role: ROLE_OF[name],
      personId: accounts[name].id,
      description: DESCRIPTION[name],
    })),
    ids: {
      organizationId: ctx.organizationId,
      flagshipProgramId: plan.programs.flagship.id,
      flagshipParticipants:
        (plan.mentoring.participants[0]?.mentors.length ?? 0) +
        (plan.mentoring.participants[0]?.mentees.length ?? 0),
      memberRelationshipId: plan.mentoring.memberRelationship.id,
      memberEngagementId: plan.coaching.memberEngagement.id,
      recommendations: {
        programId: plan.programs.selfMatch.id,
        menteePersonId: accounts.mentee.id,
        mentees: selfMatch?.mentees.length ?? 0,
        mentors: selfMatch?.mentors.length ?? 0,
      },
      gradebookCohortId: gradebook.id,
      gradebookTrainees: gradebook.enrolments.filter((e) => e.status === "enrolled").length,
      gradebookProgramId: gradebook.program.id,
      trainingSessionId: heldSessions.at(-1)?.id ?? gradebook.sessions[0]?.id ?? null,
      upcomingTrainingSessionId: gradebook.sessions.find((s) => s.endsAt >= now)?.id ?? null,
      coachingProgramId: plan.programs.coaching[0]?.id ?? null,
      signedCertificateId: signedCount > 0 ? (plan.training.certificates[0]?.id ?? null) : null,
      unsignedCertificateId: unsigned?.id ?? null,
      directorySearch: accounts.member.name.split(" ").at(-1) ?? "",
    },
    counts: summary,
  };
  return { summary, manifest };
}
