import { sql } from "kysely";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/server/db/kysely.ts";
import {
  activeEngagement,
  addCoach,
  dateDaysAgo,
  growNote,
  heldBody,
  scheduleAt,
} from "../../src/server/testing/coaching.ts";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { openCohort, PASSING, publishedCourse } from "../../src/server/testing/training.ts";
import { apiOf, type E2E, type Session, signedInSession, startE2E } from "./app.ts";

/** Each payload, if it ever ran, would set window.__xss. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `"><svg onload="window.__xss=1">`,
  `javascript:window.__xss=1`,
  `[click](javascript:window.__xss=1) <a href="javascript:window.__xss=1">a</a>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `<details open ontoggle="window.__xss=1">x</details>`,
];
const payload = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;

/** Free-text columns: every one a person can type into, across the modes. */
const FREE_TEXT = new Set([
  "name",
  "title",
  "summary",
  "note",
  "description",
  "body",
  "content",
  "would_change",
  "goal",
  "reality",
  "options",
  "will",
  "theme",
  "text",
  "sponsor_summary",
  "reason",
  "review_comment",
  "response_comment",
  "response_reason",
  "overall_comment",
  "message",
  "metric_name",
  "metric_unit",
  "learned",
  "instructions",
  "focus",
  "feedback",
  "department",
  "confidentiality",
  "comments",
  "comment",
  "close_reason",
  "channel",
  "cadence",
  "bio",
  "activity_prompt",
  "location",
  "goals",
  "career_goals",
  "interests",
]);

/**
 * Writes a payload in front of every stored free-text value that is plain text: not JSON, not
 * ciphertext (confidential text is written through the API instead). The original value stays after
 * it, so unique names stay unique.
 */
async function poisonFreeText(db: Db): Promise<number> {
  let columns = 0;
  for (const table of await db.introspection.getTables()) {
    if (/^(auth_|kysely_|audit_event)/.test(table.name)) continue;
    for (const column of table.columns) {
      if (!FREE_TEXT.has(column.name) || !/text|char/i.test(column.dataType)) continue;
      const value = `${payload(columns)} `;
      await sql`update ${sql.table(table.name)} set ${sql.ref(column.name)} = ${value} || ${sql.ref(column.name)}
        where ${sql.ref(column.name)} is not null and ${sql.ref(column.name)} not like 'v1.%'
          and ${sql.ref(column.name)} not like '{%' and ${sql.ref(column.name)} not like '[%'`.execute(db);
      columns++;
    }
  }
  return columns;
}

interface Visit {
  path: string;
  xss: number;
  violations: string[];
  dialogs: number;
}

async function watchedVisit(page: Page, path: string): Promise<Visit> {
  let dialogs = 0;
  const onDialog = (d: { dismiss(): Promise<void> }) => {
    dialogs++;
    void d.dismiss();
  };
  page.on("dialog", onDialog);
  await page.goto(path);
  await page.locator("h1").first().waitFor();
  await page.waitForLoadState("networkidle");
  // Open every disclosure so that what it hides renders too.
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  await page.waitForTimeout(100);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __xss?: number; __violations?: string[] };
    return { xss: w.__xss ?? 0, violations: w.__violations ?? [] };
  });
  page.off("dialog", onDialog);
  return { path, ...seen, dialogs };
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("stored XSS", () => {
  it("payloads saved in every free-text field render as text and run nothing", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Payload Org");
    const people = {
      admin: await makePerson(db, org, { role: "org_admin" }),
      pm: await makePerson(db, org, { role: "program_manager" }),
      sponsor: await makePerson(db, org, { role: "sponsor" }),
      mentor: await makePerson(db, org, { seniority: 6 }),
      mentee: await makePerson(db, org, { seniority: 2, careerGoals: payload(3) }),
      coach: await makePerson(db, org, { department: "People" }),
      trainer: await makePerson(db, org),
    };
    const sessions: Record<string, Session> = {};
    for (const [key, p] of Object.entries(people)) sessions[key] = await signedInSession(e2e, p.email);
    const as = (key: keyof typeof people) => apiOf(sessions[key] as Session);
    const ok = (res: { status: number; body: unknown }) =>
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

    // Mentoring, through the API, so that the confidential text is encrypted as it is in use.
    const mentoring = await makeProgram(db, org, people.pm.id, { kind: "mentoring" });
    ok(await as("mentor").post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} }));
    ok(await as("mentee").post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} }));
    const request = await as("mentee").post(`/api/programs/${mentoring}/mentoring/requests`, {
      mentorId: people.mentor.id,
      message: payload(0),
    });
    ok(request);
    const rel: string = (await as("mentor").post(`/api/mentoring/requests/${request.body.id}/accept`)).body
      .relationshipId;
    ok(
      await as("mentee").put(`/api/mentoring/relationships/${rel}/agreement`, {
        goals: payload(1),
        cadence: payload(2),
        channel: payload(3),
        confidentiality: payload(4),
        durationMonths: 6,
      }),
    );
    ok(await as("mentee").post(`/api/mentoring/relationships/${rel}/agreement/sign`));
    ok(await as("mentor").post(`/api/mentoring/relationships/${rel}/agreement/sign`));
    for (const [i] of PAYLOADS.entries()) {
      ok(await as("mentee").post(`/api/mentoring/relationships/${rel}/journal`, { text: payload(i) }));
    }
    ok(
      await as("mentee").post(`/api/mentoring/relationships/${rel}/goals`, {
        title: payload(5),
        category: "career",
        milestones: [{ title: payload(6), dueDate: dateDaysAgo(-14) }],
      }),
    );

    // Coaching: GROW notes at every visibility, and an action.
    await addCoach(as("pm"), people.coach.id);
    const coachingProgram = await makeProgram(db, org, people.pm.id, { kind: "coaching" });
    const engagement = await activeEngagement(
      {
        manager: as("pm"),
        sponsor: as("sponsor"),
        coach: as("coach"),
        coachee: as("mentee"),
        coachId: people.coach.id,
        coacheeId: people.mentee.id,
      },
      coachingProgram,
    );
    const held = await scheduleAt(as("coach"), engagement.id, 3);
    ok(
      await as("coach").post(
        `/api/coaching/engagements/${engagement.id}/sessions/${held}/record`,
        heldBody({
          goal: growNote(payload(0), "shared_with_coachee"),
          reality: growNote(payload(1), "coach_private"),
          options: growNote(payload(2), "shared_with_coachee"),
          sponsorSummary: payload(6),
          will: growNote(payload(7), "shared_with_coachee"),
          actions: [{ text: payload(4), dueDate: dateDaysAgo(-7) }],
          metricValues: [{ objectiveId: engagement.objectiveIds[0], value: 6 }],
        }),
      ),
    );

    // Training: a cohort with a text submission.
    const trainingProgram = await makeProgram(db, org, people.pm.id, { kind: "training" });
    const course = await publishedCourse(as("pm"));
    const cohort = await openCohort(as("pm"), trainingProgram, course.courseId, [people.trainer.id]);
    ok(await as("pm").post(`/api/training/cohorts/${cohort}/enrolments`, { personId: people.mentee.id }));
    ok(
      await as("mentee").post(
        `/api/training/cohorts/${cohort}/lessons/${course.activityLessonId}/submissions`,
        { kind: "text", body: payload(5) },
      ),
    );
    const attempt = await as("mentee").post(
      `/api/training/cohorts/${cohort}/assessments/${course.quizId}/attempts`,
    );
    ok(await as("mentee").post(`/api/training/attempts/${attempt.body.id}/submit`, { answers: PASSING }));

    const poisoned = await poisonFreeText(db);
    expect(poisoned).toBeGreaterThan(40);

    const pages: Record<keyof typeof people, string[]> = {
      admin: [
        "/",
        "/people",
        `/people/${people.mentee.id}`,
        `/people/${people.mentee.id}/record`,
        "/programs",
        `/programs/${mentoring}`,
        `/programs/${mentoring}/mentoring`,
        `/programs/${coachingProgram}/coaching`,
        `/programs/${trainingProgram}/training`,
        `/programs/${mentoring}/analytics`,
        "/analytics",
        "/admin/audit",
        "/admin/invitations",
        "/admin/organization",
        "/training/courses",
        `/training/courses/${course.courseId}`,
        "/training/assignments",
      ],
      pm: [`/programs/${coachingProgram}/coaching`, `/training/cohorts/${cohort}`, "/coaching/coaches"],
      sponsor: ["/coaching/insights", `/coaching/engagements/${engagement.id}`],
      mentor: ["/mentoring", "/mentoring/requests", `/mentoring/relationships/${rel}`],
      mentee: [
        "/",
        "/me",
        "/record",
        "/mentoring",
        `/mentoring/relationships/${rel}`,
        "/coaching",
        `/coaching/engagements/${engagement.id}`,
        "/training",
        `/training/cohorts/${cohort}`,
        `/programs/${mentoring}/mentors`,
        "/advisor",
      ],
      coach: [
        "/coaching",
        `/coaching/engagements/${engagement.id}`,
        `/coaching/engagements/${engagement.id}/report`,
      ],
      trainer: ["/training", `/training/cohorts/${cohort}`, "/training/grading"],
    };

    const visits: Visit[] = [];
    for (const [who, paths] of Object.entries(pages)) {
      const session = sessions[who] as Session;
      await session.context.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          w.__violations.push(`${e.violatedDirective} ${e.sample}`),
        );
      });
      for (const path of paths) visits.push(await watchedVisit(session.page, path));
    }
    const ran = visits.filter((v) => v.xss || v.violations.length || v.dialogs);
    expect(ran, JSON.stringify(ran, null, 2)).toEqual([]);
    expect(visits.length).toBeGreaterThan(35);

    // The payloads are on the pages, shown as text.
    const mentee = (sessions.mentee as Session).page;
    await mentee.goto(`/mentoring/relationships/${rel}`);
    await mentee.getByText(payload(0), { exact: false }).first().waitFor();
    expect(await mentee.locator("img[src='x'], svg[onload], iframe[srcdoc]").count()).toBe(0);

    // The watch does see markup that gets into the page as HTML: the CSP blocks its handler and says so.
    await mentee.evaluate((html) => document.body.insertAdjacentHTML("beforeend", html), payload(0));
    await mentee.waitForFunction(
      () => (window as unknown as { __violations: string[] }).__violations.length > 0,
    );
  }, 300_000);
});
