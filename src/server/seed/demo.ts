import type { Db } from "../db/kysely.ts";
import type { OrgRole } from "../db/schema.ts";
import { hashPassword } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { addDays, nowIso } from "../lib/time.ts";
import { insertOrganization, insertPerson } from "./builders.ts";
import { seedCoachingDemo } from "./coaching-demo.ts";
import { seedMentoringDemo } from "./mentoring-demo.ts";
import { seedTrainingDemo } from "./training-demo.ts";

export const DEMO_PASSWORD = "northwind-demo-2026";

export const DEMO_ACCOUNTS: { email: string; role: OrgRole; name: string; label?: string }[] = [
  { email: "admin@northwind.example", role: "org_admin", name: "Amara Okafor" },
  { email: "pm@northwind.example", role: "program_manager", name: "Priya Raman" },
  { email: "sponsor@northwind.example", role: "sponsor", name: "Sven Lindqvist" },
  { email: "member@northwind.example", role: "member", name: "Mateo García" },
  { email: "trainer@northwind.example", role: "member", name: "Tomás Reyes", label: "trainer" },
];

const DEPARTMENTS = [
  { name: "Engineering", skills: ["TypeScript", "System design", "Code review", "Incident response"] },
  { name: "Product", skills: ["Discovery", "Roadmapping", "User research", "Analytics"] },
  { name: "Sales", skills: ["Negotiation", "Account planning", "Forecasting", "Presenting"] },
  { name: "People & Culture", skills: ["Facilitation", "Coaching", "Employment law", "Recruiting"] },
  { name: "Operations", skills: ["Process design", "Budgeting", "Vendor management", "Planning"] },
];

const TITLES = ["Associate", "Specialist", "Senior Specialist", "Lead"];
const PLACES = [
  { location: "London", timeZone: "Europe/London", languages: ["English"] },
  { location: "Berlin", timeZone: "Europe/Berlin", languages: ["German", "English"] },
  { location: "Lisbon", timeZone: "Europe/Lisbon", languages: ["Portuguese", "English"] },
  { location: "New York", timeZone: "America/New_York", languages: ["English", "Spanish"] },
  { location: "Singapore", timeZone: "Asia/Singapore", languages: ["English", "Mandarin"] },
];
const FIRST = [
  "Ada",
  "Bilal",
  "Chen",
  "Dana",
  "Emil",
  "Farah",
  "Gustav",
  "Hana",
  "Ivan",
  "Jonas",
  "Keiko",
  "Luca",
  "Mina",
  "Nadia",
  "Omar",
  "Paula",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Uma",
  "Viktor",
  "Wen",
  "Xavier",
  "Yara",
  "Zoe",
];
const LAST = [
  "Adeyemi",
  "Bauer",
  "Costa",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Gomez",
  "Haddad",
  "Ito",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Nakamura",
  "Olsen",
  "Petrov",
  "Quint",
  "Rossi",
  "Silva",
  "Tanaka",
  "Ueda",
  "Varga",
];
const INTERESTS = [
  "Public speaking",
  "Leadership",
  "Writing",
  "Data literacy",
  "Wellbeing",
  "Career change",
  "Mentoring others",
];

/** Loads the Northwind Labs demo organization once; does nothing when any organization exists. */
export async function seedDemo(
  db: Db,
  masterKey: Buffer,
  publicUrl = "http://localhost:3000",
): Promise<boolean> {
  const any = await db.selectFrom("organization").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const org = await insertOrganization(trx, "Northwind Labs", "northwind-labs");
    const place = (i: number) => PLACES[i % PLACES.length] ?? PLACES[0];
    const person = (
      i: number,
      dept: (typeof DEPARTMENTS)[number],
      seniority: number,
      extra: { managerId?: string | null; role?: OrgRole; email?: string; name?: string } = {},
    ) => {
      const p = place(i);
      const first = FIRST[i % FIRST.length] ?? "Alex";
      const last = LAST[(i * 7) % LAST.length] ?? "Smith";
      const name = extra.name ?? `${first} ${last}`;
      return insertPerson(trx, {
        organizationId: org,
        name,
        email: extra.email ?? `${first}.${last}.${i}@northwind.example`.toLowerCase(),
        role: extra.role ?? "member",
        title: `${TITLES[seniority - 1] ?? "Lead"}, ${dept.name}`,
        department: dept.name,
        seniority,
        managerId: extra.managerId ?? null,
        location: p?.location ?? null,
        timeZone: p?.timeZone ?? "UTC",
        languages: p?.languages ?? ["English"],
        skills: dept.skills.map((name, k) => ({
          name,
          level: Math.min(5, Math.max(1, seniority + ((i + k) % 3) - 1)),
        })),
        interests: [
          INTERESTS[i % INTERESTS.length] ?? "Leadership",
          INTERESTS[(i + 3) % INTERESTS.length] ?? "Writing",
        ],
        careerGoals:
          seniority < 4 ? `Grow into a ${TITLES[seniority] ?? "Lead"} role in ${dept.name}.` : null,
        passwordHash,
      });
    };

    const [admin, programManager, sponsor, member, trainer] = DEMO_ACCOUNTS;
    let i = 0;
    let ownerId = "";
    let sponsorId = "";
    let memberId = "";
    let trainerId = "";
    for (const [d, dept] of DEPARTMENTS.entries()) {
      const named = [admin, programManager, sponsor, trainer][d];
      const head = await person(
        i++,
        dept,
        4,
        named ? { role: named.role, email: named.email, name: named.name } : {},
      );
      if (named?.role === "program_manager") ownerId = head;
      if (named?.role === "sponsor") sponsorId = head;
      if (named === trainer) trainerId = head;
      for (let lead = 0; lead < 2; lead++) {
        const leadId = await person(i++, dept, 3, { managerId: head });
        for (let k = 0; k < (lead === 0 ? 5 : 4); k++) {
          const isDemoMember = d === 0 && lead === 0 && k === 0 && member;
          const seniority = k < 2 ? 2 : 1;
          const id = await person(
            i++,
            dept,
            seniority,
            isDemoMember
              ? { managerId: leadId, email: member.email, name: member.name }
              : { managerId: leadId },
          );
          if (isDemoMember) memberId = id;
        }
      }
    }

    const now = nowIso();
    const opens = addDays(now, -7);
    const closes = addDays(now, 60);
    const programs = [
      {
        kind: "mentoring" as const,
        name: "Northwind Mentoring Circle",
        description:
          "A year-long, confidential mentoring program. Choose a mentor from outside your reporting line and grow your career, your network and your confidence. Mentors learn as much as mentees.",
        eligibility: { departments: [], minSeniority: null, maxSeniority: null },
        questionnaire: [
          {
            id: "goals",
            type: "short_text",
            label: "What would you like to get from mentoring?",
            required: true,
            maxLength: 1000,
          },
          {
            id: "focus",
            type: "choice",
            label: "Which areas matter most to you?",
            required: false,
            options: ["Career direction", "Leadership", "Networking", "Work-life balance"],
            multiple: true,
          },
          {
            id: "hours",
            type: "scale",
            label: "Hours per month you can give",
            required: true,
            min: 1,
            max: 8,
          },
        ],
      },
      {
        kind: "coaching" as const,
        name: "New Manager Coaching",
        description:
          "Six structured GROW coaching sessions over three months for people stepping into their first management role, with objectives agreed with your sponsor beforehand.",
        eligibility: { departments: [], minSeniority: 2, maxSeniority: 3 },
        questionnaire: [
          {
            id: "objective",
            type: "short_text",
            label: "Which measurable change do you want by the end?",
            required: true,
            maxLength: 500,
          },
          {
            id: "confidence",
            type: "scale",
            label: "How confident do you feel managing today?",
            required: true,
            min: 1,
            max: 5,
            minLabel: "Not at all",
            maxLabel: "Very",
          },
        ],
      },
      {
        kind: "training" as const,
        name: "Giving Feedback Well",
        description:
          "A two-week course with lectures, role-play and hands-on practice. Pass the quiz and the practical evaluation to earn a certificate.",
        eligibility: { departments: [], minSeniority: null, maxSeniority: null },
        questionnaire: [
          {
            id: "format",
            type: "choice",
            label: "Preferred session format",
            required: true,
            options: ["In person", "Online"],
            multiple: false,
          },
        ],
      },
    ];
    for (const p of programs) {
      const programId = newId();
      await trx
        .insertInto("program")
        .values({
          id: programId,
          organization_id: org,
          kind: p.kind,
          name: p.name,
          description: p.description,
          owner_id: ownerId,
          status: "published",
          enrolment_opens_at: opens,
          enrolment_closes_at: closes,
          eligibility: JSON.stringify(p.eligibility),
          questionnaire: JSON.stringify(p.questionnaire),
          leadership_track: p.kind === "mentoring" ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (p.kind === "mentoring") await seedMentoringDemo(trx, masterKey, org, programId, memberId);
      if (p.kind === "training") {
        await seedTrainingDemo(
          trx,
          { masterKey, publicUrl },
          { organizationId: org, programId, managerId: ownerId, trainerId, memberId },
        );
      }
      if (p.kind === "coaching") {
        await seedCoachingDemo(trx, masterKey, org, programId, {
          sponsorId,
          managerId: ownerId,
          memberId,
          passwordHash,
        });
      }
    }
  });
  return true;
}
