import type { OrgRole } from "../../src/server/db/schema.ts";
import { type Context, scaled } from "./context.ts";
import type { Random } from "./random.ts";
import {
  DEPARTMENTS,
  FIRST_NAMES,
  GENERAL_SKILLS,
  INTERESTS,
  LAST_NAMES,
  PLACES,
  TITLES,
} from "./vocabulary.ts";

export const EMAIL_DOMAIN = "benchmark.example";

export interface Person {
  id: string;
  userId: string;
  accountId: string;
  name: string;
  email: string;
  title: string;
  department: string | null;
  seniority: number | null;
  managerId: string | null;
  location: string;
  timeZone: string;
  languages: string[];
  skills: { name: string; level: number }[];
  interests: string[];
  careerGoals: string | null;
  role: OrgRole;
}

export type AccountName = "admin" | "pm" | "sponsor" | "member" | "mentor" | "mentee" | "coach" | "trainer";

export interface People {
  all: Person[];
  byId: Map<string, Person>;
  /** The people whose sign-in the manifest names. */
  accounts: Record<AccountName, Person>;
  programManagers: Person[];
  sponsors: Person[];
  externalCoaches: Person[];
  /** The person's managers, up to the top. */
  chainOf(personId: string): string[];
}

const plain = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function weighted<T extends { weight: number }>(random: Random, items: readonly T[], total: number): T {
  let r = random.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

/**
 * The reporting tree: a chief executive, a head per department, directors (about 1 per 250 people), leads
 * (about 1 per 10) and individual contributors on seniority 1–3, plus a few external coaches outside it.
 * Managers are made before the people who report to them, so every manager row is written first.
 */
export function planPeople(ctx: Context, count: number): People {
  const { random, ids } = ctx;
  const all: Person[] = [];
  const placeTotal = PLACES.reduce((a, p) => a + p.weight, 0);

  const make = (
    department: string | null,
    seniority: number | null,
    managerId: string | null,
    title?: string,
  ) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const place = weighted(random, PLACES, placeTotal);
    const dept = DEPARTMENTS.find((d) => d.name === department);
    const level = seniority ?? 4;
    const skills = [
      ...random.sample(dept?.skills ?? GENERAL_SKILLS, random.between(3, 4)),
      random.pick(GENERAL_SKILLS),
    ]
      .filter((name, i, list) => list.indexOf(name) === i)
      .map((name) => ({ name, level: Math.min(5, Math.max(1, level - 1 + random.int(3))) }));
    const userId = ids.next();
    const accountId = ids.next();
    const person: Person = {
      id: ids.next(),
      userId,
      accountId,
      name: `${first} ${last}`,
      email: `${plain(first)}.${plain(last)}.${all.length + 1}@${EMAIL_DOMAIN}`,
      title: title ?? `${TITLES[level - 1] ?? "Lead"}, ${department ?? "External"}`,
      department,
      seniority,
      managerId,
      location: place.location,
      timeZone: place.timeZone,
      languages: place.languages,
      skills,
      interests: random.sample(INTERESTS, random.between(2, 3)),
      careerGoals:
        seniority !== null && seniority < 5
          ? `Grow into a ${TITLES[seniority] ?? "Lead"} role in ${department ?? "the company"}.`
          : null,
      role: "member",
    };
    all.push(person);
    return person;
  };

  const externals = scaled(ctx, 30, 1);
  const ceo = make("Operations", 6, null, "Chief Executive Officer");
  const weightTotal = DEPARTMENTS.reduce((a, d) => a + d.weight, 0);
  const inside = count - 1 - DEPARTMENTS.length - externals;
  if (inside < DEPARTMENTS.length * 4)
    throw new Error(`--people must be at least ${DEPARTMENTS.length * 5 + 30}.`);
  const sizes = DEPARTMENTS.map((d) => Math.floor((inside * d.weight) / weightTotal));
  sizes[0] = (sizes[0] ?? 0) + inside - sizes.reduce((a, b) => a + b, 0);

  const heads = DEPARTMENTS.map((d) => make(d.name, 6, ceo.id, `Head of ${d.name}`));
  const directors = DEPARTMENTS.map((d, i) =>
    Array.from({ length: Math.max(1, Math.round((sizes[i] ?? 0) / 250)) }, () =>
      make(d.name, 5, heads[i]?.id ?? ceo.id),
    ),
  );
  const leads = DEPARTMENTS.map((d, i) => {
    const size = sizes[i] ?? 0;
    const n = Math.max(1, Math.round(size / 10) - (directors[i]?.length ?? 0));
    return Array.from({ length: n }, () => make(d.name, 4, random.pick(directors[i] ?? [ceo]).id));
  });
  DEPARTMENTS.forEach((d, i) => {
    const rest = (sizes[i] ?? 0) - (directors[i]?.length ?? 0) - (leads[i]?.length ?? 0);
    for (let k = 0; k < rest; k++) {
      const r = random.next();
      make(d.name, r < 0.4 ? 1 : r < 0.75 ? 2 : 3, random.pick(leads[i] ?? [ceo]).id);
    }
  });
  const externalCoaches = Array.from({ length: externals }, () =>
    make(null, null, null, "Executive coach (external)"),
  );

  const byId = new Map(all.map((p) => [p.id, p]));
  const chainOf = (personId: string) => {
    const chain: string[] = [];
    let manager = byId.get(personId)?.managerId ?? null;
    while (manager && chain.length < 12) {
      chain.push(manager);
      manager = byId.get(manager)?.managerId ?? null;
    }
    return chain;
  };

  const taken = new Set<string>();
  /** Someone not yet taken who passes `test`, or else `fallback` (a small organization may have nobody). */
  const find = (test: (p: Person) => boolean, fallback: (p: Person) => boolean): Person => {
    for (const pass of [test, fallback]) {
      const start = random.int(all.length);
      for (let k = 0; k < all.length; k++) {
        const p = all[(start + k) % all.length] as Person;
        if (!taken.has(p.id) && p.department !== null && pass(p)) {
          taken.add(p.id);
          return p;
        }
      }
    }
    throw new Error("The organization is too small for the benchmark accounts.");
  };
  const level = (p: Person) => p.seniority ?? 0;
  const peopleTeam = heads[DEPARTMENTS.findIndex((d) => d.name === "People & Culture")] ?? ceo;
  taken.add(peopleTeam.id);
  const member = find(
    (p) => p.department === "Engineering" && level(p) === 2,
    (p) => level(p) === 2,
  );
  const memberChain = new Set(chainOf(member.id));
  const inPeopleTeam = (p: Person, seniority: number) =>
    p.department === "People & Culture" && level(p) === seniority;
  const accounts: Record<AccountName, Person> = {
    admin: peopleTeam,
    pm: find(
      (p) => inPeopleTeam(p, 4),
      (p) => level(p) >= 3 && level(p) <= 5,
    ),
    sponsor: find(
      (p) => p.department === "Engineering" && level(p) === 5,
      (p) => level(p) >= 5,
    ),
    member,
    mentor: find(
      (p) => p.department === "Product" && level(p) === 4 && !memberChain.has(p.id),
      (p) => level(p) >= 3 && p.department !== member.department && !memberChain.has(p.id),
    ),
    mentee: find(
      (p) => p.department === "Sales" && level(p) === 1,
      (p) => level(p) === 1,
    ),
    coach: find(
      (p) => inPeopleTeam(p, 4),
      (p) => level(p) >= 4 && !memberChain.has(p.id),
    ),
    trainer: find(
      (p) => inPeopleTeam(p, 4),
      (p) => level(p) >= 3,
    ),
  };
  for (const [name, p] of Object.entries(accounts)) p.email = `${name}@${EMAIL_DOMAIN}`;

  accounts.admin.role = "org_admin";
  for (const p of random.sample(
    all.filter((p) => !taken.has(p.id) && (p.seniority ?? 0) >= 5),
    4,
  )) {
    p.role = "org_admin";
    taken.add(p.id);
  }
  const programManagers = [
    accounts.pm,
    ...random.sample(
      all.filter(
        (p) =>
          !taken.has(p.id) &&
          (p.seniority ?? 0) >= 3 &&
          (p.seniority ?? 0) <= 5 &&
          p.department !== "Engineering",
      ),
      scaled(ctx, 100, 3) - 1,
    ),
  ];
  for (const p of programManagers) {
    p.role = "program_manager";
    taken.add(p.id);
  }
  const sponsors = [
    accounts.sponsor,
    ...random.sample(
      all.filter((p) => !taken.has(p.id) && (p.seniority ?? 0) >= 5),
      scaled(ctx, 50, 2) - 1,
    ),
  ];
  for (const p of sponsors) {
    p.role = "sponsor";
    taken.add(p.id);
  }
  return { all, byId, accounts, programManagers, sponsors, externalCoaches, chainOf };
}

/** Every person, with a sign-in account: the same password hash for all (hashing is slow on purpose). */
export async function writePeople(
  ctx: Context,
  people: People,
  organizationName: string,
  passwordHash: string,
) {
  const { writer, organizationId } = ctx;
  const created = new Date(ctx.now.getTime() - 800 * 86_400_000).toISOString();
  await writer.add("organization", {
    id: organizationId,
    name: organizationName,
    slug: "benchmark-corp",
    created_at: created,
    updated_at: created,
  });
  await ctx.progress.phase("people", people.all.length, (bar) =>
    ctx.writer.transaction(async () => {
      for (const p of people.all) {
        await writer.add("auth_user", {
          id: p.userId,
          name: p.name,
          email: p.email,
          email_verified: 1,
          image: null,
          created_at: created,
          updated_at: created,
        });
        await writer.add("auth_account", {
          id: p.accountId,
          user_id: p.userId,
          account_id: p.userId,
          provider_id: "credential",
          access_token: null,
          refresh_token: null,
          access_token_expires_at: null,
          refresh_token_expires_at: null,
          scope: null,
          id_token: null,
          password: passwordHash,
          created_at: created,
          updated_at: created,
        });
        await writer.add("person", {
          id: p.id,
          organization_id: organizationId,
          user_id: p.userId,
          email: p.email,
          name: p.name,
          title: p.title,
          department: p.department,
          seniority: p.seniority,
          manager_id: p.managerId,
          location: p.location,
          time_zone: p.timeZone,
          languages: JSON.stringify(p.languages),
          skills: JSON.stringify(p.skills),
          interests: JSON.stringify(p.interests),
          career_goals: p.careerGoals,
          org_role: p.role,
          status: "active",
          created_at: created,
          updated_at: created,
        });
        bar.tick();
      }
    }),
  );
}
