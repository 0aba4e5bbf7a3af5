import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/lib/ids.ts";
import { nowIso } from "../../src/server/lib/time.ts";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import {
  callApi,
  type E2E,
  enrol,
  expectToast,
  type Session,
  signedInSession,
  startE2E,
  visit,
} from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** The value of a summary card ("Pairs", "Unmatched"…) of the run under review. */
const stat = (page: Page, label: string) =>
  page
    .getByRole("region", { name: "Summary" })
    .locator("dt", { hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]");

/** Waits until the run is solved: the progress bar may show first when the server is still matching. */
async function waitForReview(page: Page) {
  await page
    .getByRole("progressbar", { name: "Matching progress" })
    .or(page.getByRole("heading", { level: 2, name: "Summary" }))
    .first()
    .waitFor();
  await page.getByRole("heading", { level: 2, name: "Summary" }).waitFor();
}

interface Row {
  mentee: string;
  mentor: string;
}

/** The draft's pairs as the table shows them (mentee and mentor are the first two links of a row). */
async function pairsShown(page: Page): Promise<Row[]> {
  const rows = page.getByRole("table", { name: "Pairs in this run, by mentee" }).locator("tbody tr");
  const out: Row[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const links = rows.nth(i).getByRole("link");
    out.push({
      mentee: (await links.nth(0).textContent()) ?? "",
      mentor: (await links.nth(1).textContent()) ?? "",
    });
  }
  return out;
}

const pairRow = (page: Page, r: Row) =>
  page
    .getByRole("table", { name: "Pairs in this run, by mentee" })
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: r.mentee, exact: true }) })
    .filter({ has: page.getByRole("link", { name: r.mentor, exact: true }) });

const named = (r: Row) => `${r.mentee} with ${r.mentor}`;

describe("bulk matching", () => {
  it("the program owner runs a draft, reviews and adjusts it, re-runs with locked pairs kept and publishes", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Bulk");
    const owner = await makePerson(db, org, { role: "program_manager", name: "Olu Owner" });
    const mentorSpecs = [
      { name: "Ada Mentor", interests: ["Design", "Data"], department: "Design" },
      { name: "Ben Mentor", interests: ["Data"], department: "Data" },
      { name: "Cy Mentor", interests: ["Sales"], department: "Sales" },
      { name: "Dee Mentor", interests: ["Design"], department: "Platform" },
    ];
    const menteeSpecs = [
      { name: "Kim Mentee", interests: ["Design"], department: "Support" },
      { name: "Lou Mentee", interests: ["Data"], department: "Support" },
      { name: "Max Mentee", interests: ["Sales"], department: "Support" },
      { name: "Nia Mentee", interests: ["Design", "Data"], department: "Support" },
      { name: "Oli Mentee", interests: [], department: "Support" },
    ];
    const mentors = await Promise.all(mentorSpecs.map((s) => makePerson(db, org, { ...s, seniority: 4 })));
    const mentees = await Promise.all(menteeSpecs.map((s) => makePerson(db, org, { ...s, seniority: 1 })));
    // A mentor who is not more senior than any mentee: every pair with her breaks the program's rules.
    const junior = await makePerson(db, org, { name: "Jo Junior", seniority: 1, department: "Design" });
    const programId = await makeProgram(db, org, owner.id, { kind: "mentoring", name: "Spring cohort" });

    const team = await signedInSession(e2e, owner.email);
    await callApi(team, "PATCH", `/api/programs/${programId}/mentoring/settings`, {
      matchModes: ["self", "admin", "bulk"],
      mentorCapacity: 1,
    });
    const sessions = new Map<string, Session>();
    for (const [people, role] of [
      [[...mentors, junior], "mentor"],
      [mentees, "mentee"],
    ] as const) {
      for (const person of people) {
        const s = await signedInSession(e2e, person.email);
        await enrol(s, programId, role);
        sessions.set(person.id, s);
      }
    }

    // --- The owner opens bulk matching from the mentoring overview: no runs yet.
    const op = team.page;
    await visit(op, `/programs/${programId}/mentoring`, "Mentoring overview");
    await op.getByRole("link", { name: "Bulk match" }).click();
    await op.getByRole("heading", { level: 1, name: "Bulk match" }).waitFor();
    await op.getByText("No runs yet").waitFor();
    await op.getByText("the program's 5 mentees who still need a mentor").waitFor();
    await expectAccessible(op, "bulk match (no runs yet)");

    // --- A stable draft: no blocking pairs; the owner discards it and it becomes read-only.
    // The server answers "running" at once (MATCH_RUN_WAIT_MS=0) as it does for a large program, so the
    // page shows the progress bar, polls, then shows the review and says the draft is ready.
    const wait = e2e.server.config.matchRunWaitMs;
    e2e.server.config.matchRunWaitMs = 0;
    await op.evaluate(() => {
      const w = window as unknown as { progressSeen?: string };
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Matching progress"]');
        if (bar && w.progressSeen === undefined) w.progressSeen = bar.getAttribute("aria-valuenow") ?? "";
      }).observe(document.body, { childList: true, subtree: true });
    });
    await op.getByLabel("Stable (no pair would rather swap)").check();
    await op.getByRole("button", { name: "Run draft" }).click();
    await waitForReview(op);
    await op.getByText("The draft is ready: 4 pairs, 1 unmatched.").waitFor();
    const progressSeen = await op.evaluate(
      () => (window as unknown as { progressSeen?: string }).progressSeen,
    );
    expect(progressSeen).toMatch(/^\d+$/);
    e2e.server.config.matchRunWaitMs = wait;
    expect(new URL(op.url()).pathname).toMatch(
      new RegExp(`^/programs/${programId}/mentoring/bulk/[0-9a-f-]{36}$`),
    );
    expect(await stat(op, "Blocking pairs").textContent()).toBe("0");
    expect(await stat(op, "Pairs").textContent()).toBe("4");
    await op.getByRole("button", { name: "Discard" }).click();
    const discard = op.getByRole("dialog", { name: "Discard this draft?" });
    await discard.getByRole("button", { name: "Discard the draft" }).click();
    await op.waitForFunction(() => document.activeElement?.textContent?.startsWith("Discarded"));
    await expectToast(op, "The draft was discarded. Nobody was told about it.");
    await op.getByText("Nobody was told about this draft and it can no longer change.").waitFor();
    expect(await op.getByRole("button", { name: "Publish" }).count()).toBe(0);
    expect(await op.getByRole("checkbox").count()).toBe(0);
    await op.getByRole("link", { name: "All bulk match runs" }).click();
    const runs = op.getByRole("table", { name: "Match runs of this program, newest first" });
    await runs.getByText("Discarded", { exact: true }).waitFor();

    // --- An optimal draft: four pairs, one mentee left over because every mentor takes one mentee.
    await op.getByLabel("Best total score (optimal)").check();
    await op.getByRole("button", { name: "Run draft" }).click();
    await waitForReview(op);
    expect(await stat(op, "Pairs").textContent()).toBe("4");
    expect(await stat(op, "Unmatched").textContent()).toBe("1");
    expect(Number(await stat(op, "Total score").textContent())).toBeGreaterThan(0);
    expect(await stat(op, "Solve time").textContent()).toMatch(/\d+ m?s$/);
    await op.getByRole("img", { name: "Bar chart: pairs per score range" }).waitFor();
    expect(await op.getByRole("table", { name: "Pairs per score range" }).count()).toBe(1);
    const first = await pairsShown(op);
    expect(first).toHaveLength(4);
    expect(first.some((r) => r.mentor === "Jo Junior")).toBe(false);
    const unmatched = op.getByRole("list", { name: "Unmatched mentees" }).getByRole("listitem");
    expect(await unmatched.count()).toBe(1);
    await unmatched.getByText("Every mentor who fits this mentee has no seat left in this draft.").waitFor();
    const leftOver = (await unmatched.getByRole("link").textContent()) ?? "";
    expect(menteeSpecs.map((s) => s.name)).toContain(leftOver);
    await expectAccessible(op, "bulk match review (draft)");

    const [p0, p1, p2, p3] = first as [Row, Row, Row, Row];

    // --- "Why?" explains a pair criterion by criterion.
    await op.getByRole("button", { name: `Why? ${named(p0)}` }).click();
    const why = op.getByRole("dialog", { name: `Why ${p0.mentee} and ${p0.mentor}?` });
    await why.getByText("Overall score").waitFor();
    for (const label of ["Skills wanted and offered", "Shared goals and interests", "Seniority gap"]) {
      await why.getByRole("meter", { name: label }).waitFor();
    }
    await expectAccessible(op, "pair breakdown dialog");
    await why.getByRole("button", { name: "Close" }).click();
    await why.waitFor({ state: "hidden" });

    // --- Lock and unlock a pair.
    const lock0 = op.getByRole("checkbox", { name: `Lock ${named(p0)}` });
    await lock0.check();
    await expectToast(op, `Locked ${named(p0)}. A re-run keeps this pair.`);
    expect(await lock0.isChecked()).toBe(true);

    // --- Two selected pairs swap their mentors; both become locked.
    const swap = op.getByRole("button", { name: "Swap mentors" });
    expect(await swap.isDisabled()).toBe(true);
    await op.getByRole("checkbox", { name: `Select ${named(p1)}` }).check();
    await op.getByRole("checkbox", { name: `Select ${named(p2)}` }).check();
    await swap.click();
    await expectToast(
      op,
      `Swapped mentors: ${p1.mentee} with ${p2.mentor}, ${p2.mentee} with ${p1.mentor}. Both pairs are locked.`,
    );
    const s1: Row = { mentee: p1.mentee, mentor: p2.mentor };
    const s2: Row = { mentee: p2.mentee, mentor: p1.mentor };
    for (const r of [s1, s2]) {
      await pairRow(op, r).getByText("Set by hand").waitFor();
      expect(await op.getByRole("checkbox", { name: `Lock ${named(r)}` }).isChecked()).toBe(true);
    }

    // --- A pair that breaks a rule is refused, with the reason shown by the form.
    const add = op.getByRole("form", { name: "Add a pair" });
    await add.getByLabel("Search for mentees").fill(leftOver);
    await add.getByRole("button", { name: `Choose ${leftOver} as mentee` }).click();
    await add.getByText(`Selected: ${leftOver}`).waitFor();
    await add.getByLabel("Search for mentors").fill("Jo Jun");
    await add.getByRole("listitem").filter({ hasText: "Jo Junior · 0 mentees in this draft" }).waitFor();
    await add.getByRole("button", { name: "Choose Jo Junior as mentor" }).click();
    await add.getByRole("button", { name: "Add pair" }).click();
    await add.getByRole("alert").getByText("The mentor must be more senior than the mentee.").waitFor();
    await expectAccessible(op, "add a pair refused");

    // --- Remove a pair, then give its mentor to the mentee who was left over.
    await op.getByRole("button", { name: `Remove ${named(p3)}` }).click();
    await expectToast(op, `Removed ${named(p3)} from the draft.`);
    await op.getByRole("heading", { name: "Unmatched mentees (2)" }).waitFor();
    await op
      .getByRole("list", { name: "Unmatched mentees" })
      .getByRole("listitem")
      .filter({ hasText: p3.mentee })
      .getByText("You removed this mentee's pair from the draft.")
      .waitFor();
    // The refused pair's mentee is still chosen.
    await add.getByText(`Selected: ${leftOver}`).waitFor();
    await add.getByLabel("Search for mentors").fill(p3.mentor);
    await add
      .getByRole("listitem")
      .filter({ hasText: `${p3.mentor} · 0 mentees in this draft` })
      .waitFor();
    await add.getByRole("button", { name: `Choose ${p3.mentor} as mentor` }).click();
    await add.getByRole("button", { name: "Add pair" }).click();
    await expectToast(op, `Added ${leftOver} with ${p3.mentor}. The pair is locked.`);
    const added: Row = { mentee: leftOver, mentor: p3.mentor };
    expect(await op.getByRole("checkbox", { name: `Lock ${named(added)}` }).isChecked()).toBe(true);
    await op.getByRole("heading", { name: "Unmatched mentees (1)" }).waitFor();

    // The first pair is unlocked again, so the re-run may give its mentor to someone else.
    await lock0.uncheck();
    await expectToast(op, `Unlocked ${named(p0)}. A re-run may change it.`);
    expect(await lock0.isChecked()).toBe(false);

    // --- Re-run: the three locked pairs stay exactly as they were.
    await op.getByRole("button", { name: "Re-run (keeps locked pairs)" }).click();
    await expectToast(op, "Matched again. 3 locked pairs kept as they were.");
    await waitForReview(op);
    const after = await pairsShown(op);
    expect(after).toHaveLength(4);
    for (const r of [s1, s2, added]) {
      expect(after).toContainEqual(r);
      expect(await op.getByRole("checkbox", { name: `Lock ${named(r)}` }).isChecked()).toBe(true);
    }
    expect(after.filter((r) => r.mentor === p0.mentor)).toHaveLength(1);
    expect(await stat(op, "Unmatched").textContent()).toBe("1");

    // --- Publish, after a confirmation that says what happens.
    await op.getByRole("button", { name: "Publish", exact: true }).click();
    const publish = op.getByRole("dialog", { name: "Publish 4 pairs?" });
    await publish.getByText("4 mentoring relationships will be proposed.", { exact: false }).waitFor();
    await publish.getByText(/get an email/).waitFor();
    await expectAccessible(op, "publish confirmation");
    await publish.getByRole("button", { name: "Publish 4 pairs" }).click();
    // The pressed button is gone with the draft: focus moves to the notice that says what happened.
    await op.waitForFunction(() => document.activeElement?.textContent?.startsWith("Published on "));
    await expectToast(op, "Published. 4 mentoring relationships proposed; everyone in them was emailed.");
    await op.getByText(/^Published on /).waitFor();
    await op.getByRole("main").getByText("Published", { exact: true }).waitFor();
    expect(await op.getByRole("button", { name: "Publish", exact: true }).count()).toBe(0);
    expect(await op.getByRole("checkbox").count()).toBe(0);
    await expectAccessible(op, "bulk match (published)");

    // The mentees now have proposed relationships with the mentors of the published pairs.
    for (const r of after) {
      const mentee = mentees[menteeSpecs.findIndex((s) => s.name === r.mentee)];
      const session = mentee && sessions.get(mentee.id);
      if (!session) throw new Error(`No session for ${r.mentee}`);
      const { items } = await callApi(session, "GET", "/api/mentoring/relationships");
      expect(items).toHaveLength(1);
      expect(items[0].status).toBe("proposed");
      expect(items[0].mentor.name).toBe(r.mentor);
    }
    await op.getByRole("link", { name: "mentoring overview" }).click();
    await op.getByRole("heading", { level: 1, name: "Mentoring overview" }).waitFor();
    await op.getByRole("heading", { name: "Proposed (4)" }).waitFor();
    for (const r of after)
      await op.getByRole("row", { name: new RegExp(`${r.mentor}.*${r.mentee}`) }).waitFor();

    // The list of runs shows both, newest first.
    await visit(op, `/programs/${programId}/mentoring/bulk`, "Bulk match");
    const statuses = await runs.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(statuses).toEqual(["Published", "Discarded"]);
    await expectAccessible(op, "bulk match runs");

    await team.context.close();
    for (const s of sessions.values()) await s.context.close();
  });
});

describe("a draft with more pairs than a page", () => {
  it("loads its pairs and unmatched mentees a page at a time, and searches the pairs on the server", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Bulk pages");
    const owner = await makePerson(db, org, { role: "program_manager", name: "Pia Pages" });
    const programId = await makeProgram(db, org, owner.id, { kind: "mentoring", name: "Big cohort" });
    const team = await signedInSession(e2e, owner.email);
    await callApi(team, "PATCH", `/api/programs/${programId}/mentoring/settings`, {
      matchModes: ["bulk"],
      mentorCapacity: 1,
    });
    // 55 mentors with one seat each and 57 mentees: 55 pairs (more than a page of 50), 2 left over.
    const now = nowIso();
    const pad = (i: number) => String(i).padStart(3, "0");
    for (const [role, count, seniority] of [
      ["mentor", 55, 4],
      ["mentee", 57, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const person = await makePerson(db, org, {
          name: `${role === "mentor" ? "Mentor" : "Mentee"} ${pad(i)}`,
          seniority,
          interests: ["Design"],
        });
        await db
          .insertInto("enrolment")
          .values({
            id: newId(),
            organization_id: org,
            program_id: programId,
            person_id: person.id,
            role,
            answers: "{}",
            status: "active",
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    }
    const run = await callApi(team, "POST", `/api/programs/${programId}/mentoring/match-runs`, {
      mode: "optimal",
    });

    const op = team.page;
    await visit(op, `/programs/${programId}/mentoring/bulk/${run.id}`, "Bulk match");
    await waitForReview(op);
    expect(await stat(op, "Pairs").textContent()).toBe("55");
    expect(await stat(op, "Unmatched").textContent()).toBe("2");
    await op.getByRole("heading", { name: "Pairs (55)" }).waitFor();
    const pairs = op.getByRole("region", { name: "Pairs (55)" });
    const rows = pairs.getByRole("table", { name: "Pairs in this run, by mentee" }).locator("tbody tr");
    await pairs.getByText("Showing 50 of 55 pairs").waitFor();
    expect(await rows.count()).toBe(50);
    await pairs.getByRole("button", { name: "Show more" }).click();
    await expect.poll(() => rows.count()).toBe(55);
    expect(await pairs.getByRole("button", { name: "Show more" }).count()).toBe(0);
    const mentees = (await pairsShown(op)).map((r) => r.mentee);
    expect(new Set(mentees).size).toBe(55);
    expect(mentees).toEqual([...mentees].sort());

    // The search asks the server, so it finds pairs that were never loaded.
    await pairs.getByLabel("Find a pair by name").fill(mentees[54] ?? "");
    await pairs.getByText("1 pair of 55 found").waitFor();
    expect(await pairsShown(op)).toHaveLength(1);

    const unmatched = op.getByRole("list", { name: "Unmatched mentees" }).getByRole("listitem");
    await op.getByRole("heading", { name: "Unmatched mentees (2)" }).waitFor();
    await unmatched.nth(1).waitFor();
    expect(await unmatched.count()).toBe(2);
    await expectAccessible(op, "bulk match review (paged)");
    await team.context.close();
  });
});
