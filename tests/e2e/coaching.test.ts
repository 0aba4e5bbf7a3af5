import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { callApi, type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** A UTC calendar day `offset` days from today, as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Picks a 1–10 rating in the rating group whose legend starts with `objective`. */
async function rate(scope: Locator, objective: string, value: number) {
  await scope
    .getByRole("group", { name: new RegExp(`^${objective}`) })
    .locator("label", { hasText: new RegExp(`^${value}$`) })
    .click();
}

async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name }).click();
  await page.getByRole("tab", { name, selected: true }).waitFor();
}

describe("coaching", () => {
  it("assign, agree objectives, assess, two GROW sessions, complete; the sponsor sees numbers only", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Coaching");
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    const owner = await makePerson(db, org, { role: "program_manager", name: "Pat Owner" });
    const sana = await makePerson(db, org, { role: "sponsor", name: "Sana Sponsor", department: "HR" });
    const cole = await makePerson(db, org, {
      name: "Cole Coach",
      title: "Leadership coach",
      department: "People",
      seniority: 6,
    });
    const kim = await makePerson(db, org, {
      name: "Kim Coachee",
      title: "New team lead",
      department: "Engineering",
      seniority: 3,
    });
    const raters = await Promise.all(
      ["Rae Rater", "Rex Rater", "Ria Rater"].map((name) =>
        makePerson(db, org, { name, department: "Engineering" }),
      ),
    );
    const programId = await makeProgram(db, org, owner.id, { kind: "coaching", name: "Lead coaching" });
    // Unique strings in every GROW field and the private notes: none may ever reach the sponsor.
    const tag = Date.now().toString(36);
    const grow = {
      goal1: `goal-one-${tag}`,
      reality1: `reality-one-private-${tag}`,
      options1: `options-one-${tag}`,
      will1: `will-one-${tag}`,
      private1: `private-notes-one-${tag}`,
      goal2: `goal-two-${tag}`,
      reality2: `reality-two-${tag}`,
      options2: `options-two-${tag}`,
      will2: `will-two-${tag}`,
    };
    const action1 = `Hand the sprint planning to Noor ${tag}`;
    const action2 = `Ask the team for feedback ${tag}`;
    const secrets = [...Object.values(grow), action1, action2];

    // The coach joins the pool (program staff do this on the coach pool page; here through the API).
    const adminSession = await signedInSession(e2e, admin.email);
    await callApi(adminSession, "PUT", `/api/coaching/coaches/${cole.id}`, {
      kind: "internal",
      specialties: ["Delegation", "Feedback"],
      languages: ["English"],
      capacity: 4,
      bio: "Former engineering manager.",
    });
    await adminSession.context.close();

    // --- (1) The sponsor assigns Cole to Kim, starting 30 days ago so past sessions can be recorded.
    const sponsor = await signedInSession(e2e, sana.email);
    const sp = sponsor.page;
    await visit(sp, `/programs/${programId}/coaching`, "Coaching");
    await sp.getByLabel("Search for coachee").fill("Kim");
    await sp.getByRole("button", { name: "Choose Kim Coachee" }).click();
    await sp.getByLabel("Focus areas").fill("Delegation");
    await sp.getByRole("button", { name: "Show the shortlist" }).click();
    await sp.getByRole("radio", { name: "Assign Cole Coach" }).check();
    await sp.getByLabel(/^Session budget/).fill("4");
    await sp.getByLabel(/^Start date/).fill(day(-30));
    await sp.getByLabel(/^End date/).fill(day(60));
    await sp.getByRole("button", { name: "Assign Cole Coach" }).click();
    await sp.waitForURL(/\/coaching\/engagements\/[0-9a-f-]{36}$/);
    await sp.getByRole("heading", { level: 1, name: "Coaching for Kim Coachee" }).waitFor();
    const id = new URL(sp.url()).pathname.split("/").at(-1) ?? "";
    const details = sp.getByRole("region", { name: "Engagement details" });
    await sp.getByText("Setting up", { exact: true }).waitFor();
    expect(await details.textContent()).toContain("Cole Coach");
    expect(
      await details
        .getByRole("meter", { name: "Sessions used against budget" })
        .getAttribute("aria-valuetext"),
    ).toBe("0 of 4 sessions used, 0 booked, 4 remaining");
    // In setup the page opens on the Setup tab; the sponsor never gets the content tabs.
    await sp.getByRole("tab", { name: "Setup", selected: true }).waitFor();
    expect(await sp.getByRole("tab", { name: "Sessions" }).count()).toBe(0);
    await sp
      .getByText("Sessions start once the coachee, the coach and the sponsor have all agreed them")
      .waitFor();
    await expectAccessible(sp, "engagement (sponsor, setup)");

    // --- (2) The coachee sets two objectives; all three agree.
    const coachee = await signedInSession(e2e, kim.email);
    const kp = coachee.page;
    await visit(kp, `/coaching/engagements/${id}`, "Coaching for Kim Coachee");
    const editor = kp.getByRole("form", { name: "Objectives" });
    await editor.waitFor();
    await editor.getByRole("button", { name: "Save the objectives" }).click();
    await editor.getByText("Name objective 1.").first().waitFor();
    expect(await editor.getByLabel("Objective 1 title").getAttribute("aria-invalid")).toBe("true");
    await editor.getByLabel("Objective 1 title").fill("Delegate more");
    await editor.getByLabel("Objective 1 theme").selectOption("delegation");
    await editor.getByLabel("Objective 1 metric").fill("Hours a week on work others could do");
    await editor.getByLabel("Objective 1 unit").fill("hours");
    await editor.getByLabel("Objective 1 baseline").fill("10");
    await editor.getByLabel("Objective 1 target").fill("4");
    await editor.getByRole("button", { name: "Add an objective" }).click();
    await editor.getByLabel("Objective 2 title").fill("Give regular feedback");
    await editor.getByLabel("Objective 2 theme").selectOption("feedback");
    await editor.getByLabel("Objective 2 metric").fill("Feedback conversations a month");
    await editor.getByLabel("Objective 2 unit").fill("conversations");
    await editor.getByLabel("Objective 2 baseline").fill("1");
    await editor.getByLabel("Objective 2 target").fill("1");
    await editor.getByRole("button", { name: "Save the objectives" }).click();
    await editor.getByText("The target of objective 2 must differ from its baseline.").first().waitFor();
    await editor.getByLabel("Objective 2 target").fill("6");
    await expectAccessible(kp, "objectives editor");
    await editor.getByRole("button", { name: "Save the objectives" }).click();
    await expectToast(kp, "Objectives saved. All three of you now agree them.");
    const agreed = kp.getByRole("list", { name: "Who has agreed" });
    await agreed.waitFor();
    await kp.getByText("0 of 3 agreed.").waitFor();
    await kp.getByRole("button", { name: "Agree to these objectives" }).click();
    await expectToast(kp, "You agreed the objectives.");
    await kp.getByText("1 of 3 agreed.").waitFor();
    await kp.getByText("You have agreed. Waiting for the others.").waitFor();
    await expectAccessible(kp, "engagement setup (coachee agreed)");

    await sp.reload();
    await sp.getByText("1 of 3 agreed.").waitFor();
    await sp.getByRole("button", { name: "Agree to these objectives" }).click();
    await expectToast(sp, "You agreed the objectives.");

    const coach = await signedInSession(e2e, cole.email);
    const cp = coach.page;
    await visit(cp, `/coaching/engagements/${id}`, "Coaching for Kim Coachee");
    await cp.getByText("2 of 3 agreed.").waitFor();
    await cp.getByRole("button", { name: "Agree to these objectives" }).click();
    await expectToast(
      cp,
      "All three agreed. The engagement is active: the coach can schedule the first session.",
    );
    // Active now: the Setup tab gives way and the page opens on progress.
    await cp.getByRole("tab", { name: "Progress", selected: true }).waitFor();
    expect(await cp.getByRole("tab", { name: "Setup" }).count()).toBe(0);
    await cp.getByText("Active", { exact: true }).waitFor();

    // --- (3) The coach schedules the first session; it cannot be held before the pre-assessment.
    await openTab(cp, "Sessions");
    await cp.getByText("No sessions yet").waitFor();
    await expectAccessible(cp, "sessions (coach, empty)");
    const schedule = cp.getByRole("form", { name: "Schedule a session" });
    await schedule.getByLabel(/^Date and time/).fill(`${day(90)}T10:00`);
    await schedule.getByRole("button", { name: "Schedule the session" }).click();
    await schedule
      .getByText(/^Pick a day between/)
      .first()
      .waitFor();
    await schedule.getByLabel(/^Date and time/).fill(`${day(-20)}T10:00`);
    await schedule.getByRole("button", { name: "Schedule the session" }).click();
    await expectToast(cp, "Session scheduled. The coachee is told by email.");
    const record = cp.getByRole("form", { name: "Record the session" });
    await record.waitFor();
    await record.getByRole("button", { name: "Record the session" }).click();
    const preMissing = record.getByRole("alert").filter({ hasText: "The pre-assessment is missing" });
    await preMissing.waitFor();
    expect(await preMissing.textContent()).toContain("before the first session");

    // The coachee rates themselves and asks three colleagues (anonymous from three).
    await kp.reload();
    await kp.getByText("Rate yourself on each objective before your first session.").waitFor();
    await kp.getByRole("button", { name: "Open the pre-assessment" }).click();
    await kp.getByRole("tab", { name: "Assessments", selected: true }).waitFor();
    const pre = kp.getByRole("form", { name: "Pre-assessment: rate yourself" });
    await pre.getByRole("button", { name: "Save my ratings" }).click();
    await pre.getByText("Rate “Delegate more”.").first().waitFor();
    await rate(pre, "Delegate more", 3);
    await rate(pre, "Give regular feedback", 4);
    await expectAccessible(kp, "pre-assessment form");
    await pre.getByRole("button", { name: "Save my ratings" }).click();
    await expectToast(kp, "Pre-assessment saved.");
    await kp.getByRole("list", { name: "Pre-assessment self-ratings" }).getByText("3 / 10").waitFor();
    const invite = kp.getByRole("form", { name: "Ask colleagues to rate: pre-assessment" });
    for (const name of ["Rae Rater", "Rex Rater", "Ria Rater"]) {
      await invite.getByLabel("Search for colleague to ask (pre-assessment)").fill(name.slice(0, 3));
      await invite.getByRole("button", { name: `Choose ${name}` }).click();
    }
    expect(await invite.getByRole("list", { name: "Colleagues to ask" }).locator("li").count()).toBe(3);
    await invite.getByRole("button", { name: "Ask for ratings" }).click();
    await expectToast(kp, "Asked 3 colleagues for ratings.");
    await kp.getByText("0 of 3 colleagues have answered. Their answers are anonymous.").waitFor();
    await expectAccessible(kp, "assessments (coachee)");

    // One colleague answers on the rating requests page, the other two through the API.
    const rae = await signedInSession(e2e, raters[0]?.email ?? "");
    const rp = rae.page;
    await visit(rp, "/coaching/ratings", "Rating requests");
    const request = rp.getByRole("form", { name: "Rate Kim Coachee: pre-assessment" });
    await request.getByText("Your answer is anonymous.").waitFor();
    await request.getByRole("button", { name: "Send my ratings" }).click();
    await request.getByText("Rate “Give regular feedback”.").first().waitFor();
    await rate(request, "Delegate more", 4);
    await rate(request, "Give regular feedback", 5);
    await expectAccessible(rp, "rating requests");
    await request.getByRole("button", { name: "Send my ratings" }).click();
    await expectToast(rp, "Thank you. Your ratings for Kim Coachee are sent.");
    await rp.getByText("You have answered every request. Thank you.").waitFor();
    await rae.context.close();
    const objectives = (await callApi(coachee, "GET", `/api/coaching/engagements/${id}/objectives`))
      .items as {
      id: string;
    }[];
    for (const rater of raters.slice(1)) {
      const s = await signedInSession(e2e, rater.email);
      await callApi(s, "PUT", `/api/coaching/engagements/${id}/assessments/pre/stakeholder`, {
        ratings: objectives.map((o) => ({ objectiveId: o.id, rating: 5 })),
      });
      await s.context.close();
    }

    // The first session is held: GROW notes (Reality private to the coach), two actions, a metric value.
    await cp.reload();
    await record.waitFor();
    await record.getByText("No actions to review: this is the first session").waitFor();
    await record.getByLabel("Goal", { exact: true }).fill(grow.goal1);
    await record.getByLabel("Reality", { exact: true }).fill(grow.reality1);
    await record.getByLabel("Who can read the Reality notes").selectOption("coach_private");
    await record.getByLabel("Options", { exact: true }).fill(grow.options1);
    await record.getByLabel("Will", { exact: true }).fill(grow.will1);
    await record.getByLabel("Action 1", { exact: true }).fill(action1);
    await record.getByLabel("Action 1 due date").fill(day(-15));
    await record.getByRole("button", { name: "Add an action" }).click();
    await record.getByLabel("Action 2", { exact: true }).fill(action2);
    await record.getByLabel("Action 2 due date").fill(day(-12));
    await record.getByLabel(/^Delegate more: Hours a week/).fill("8");
    await record.getByLabel("Private notes").fill(grow.private1);
    await record.getByLabel(/^Summary for the sponsor/).fill("Kim came prepared. We agreed next steps.");
    await record.getByRole("button", { name: "Record the session" }).click();
    await record.getByText("Keep the sponsor summary to one sentence.").first().waitFor();
    await record.getByLabel(/^Summary for the sponsor/).fill("A focused first session on delegation.");
    await expectAccessible(cp, "record a session (coach)");
    await record.getByRole("button", { name: "Record the session" }).click();
    await expectToast(cp, "Session recorded.");
    const log = cp.getByRole("region", { name: "Session log" });
    const first = log.locator("li", { hasText: "Session 1" }).first();
    await first.getByText(grow.reality1).waitFor();
    // The coach sees which notes are private to them.
    await first.getByText("Private to the coach").first().waitFor();
    await first.getByText(grow.private1).waitFor();
    await first.getByText(action1).waitFor();
    await expectAccessible(cp, "sessions (coach, one held)");

    // The coachee reads the shared notes, never the coach's private ones, and ticks an action off.
    await openTab(kp, "Sessions");
    const kimLog = kp.getByRole("region", { name: "Session log" });
    await kimLog.getByText(grow.goal1).waitFor();
    await kimLog.getByText(grow.will1).waitFor();
    const kimView = (await kp.getByRole("main").textContent()) ?? "";
    expect(kimView).not.toContain(grow.reality1);
    expect(kimView).not.toContain(grow.private1);
    expect(kimView).not.toContain("Private to the coach");
    expect(await kp.getByRole("form", { name: "Record the session" }).count()).toBe(0);
    await expectAccessible(kp, "sessions (coachee)");
    await openTab(kp, "Actions");
    await kp.getByRole("checkbox", { name: action1 }).check();
    await expectToast(kp, "Marked done.");
    expect(await kp.getByRole("checkbox", { name: action1 }).isChecked()).toBe(true);
    await expectAccessible(kp, "actions (coachee)");

    // --- The second session opens with a review of both actions.
    await cp.reload();
    await schedule.getByLabel(/^Date and time/).fill(`${day(-10)}T10:00`);
    await schedule.getByRole("button", { name: "Schedule the session" }).click();
    await expectToast(cp, "Session scheduled. The coachee is told by email.");
    await record.getByRole("group", { name: new RegExp(`^${action1}`) }).waitFor();
    await record.getByRole("button", { name: "Record the session" }).click();
    await record.getByText(`Say how “${action2}” went.`).first().waitFor();
    await record
      .getByRole("group", { name: new RegExp(`^${action1}`) })
      .getByRole("radio", { name: "Done", exact: true })
      .check();
    await record
      .getByRole("group", { name: new RegExp(`^${action2}`) })
      .getByRole("radio", { name: "Partly done" })
      .check();
    await record.getByLabel(`Comment on “${action2}” (optional)`).fill("Asked two of five.");
    await record.getByLabel("Goal", { exact: true }).fill(grow.goal2);
    await record.getByLabel("Reality", { exact: true }).fill(grow.reality2);
    await record.getByLabel("Options", { exact: true }).fill(grow.options2);
    await record.getByLabel("Will", { exact: true }).fill(grow.will2);
    await record.getByLabel(/^Delegate more: Hours a week/).fill("6");
    await record.getByLabel(/^Give regular feedback: Feedback/).fill("3");
    await record.getByLabel(/^Summary for the sponsor/).fill("Good progress on handing work over.");
    await record.getByRole("button", { name: "Record the session" }).click();
    await expectToast(cp, "Session recorded.");
    const second = log.locator("li", { hasText: "Session 2" }).first();
    await second.getByText("Review of earlier actions").waitFor();
    await second.getByText("Asked two of five.").waitFor();
    expect(
      await cp
        .getByRole("region", { name: "Engagement details" })
        .getByRole("meter", { name: "Sessions used against budget" })
        .getAttribute("aria-valuetext"),
    ).toBe("2 of 4 sessions used, 0 booked, 2 remaining");

    // The progress tab charts the metric against its target, with a text alternative.
    await openTab(cp, "Progress");
    const chart = cp.getByRole("img", { name: "Chart: 1. Delegate more" });
    await chart.waitFor();
    const chartSummary = await cp
      .locator(`[id="${await chart.getAttribute("aria-describedby")}"]`)
      .textContent();
    expect(chartSummary).toContain(
      "baseline 10, target 4, latest 6 after 2 values; 67% of the way to the target.",
    );
    await cp.getByText("Overall completion rate:").getByText("75%").waitFor();
    await cp.getByRole("img", { name: "Chart: Action completion per session" }).waitFor();
    await expectAccessible(cp, "progress (coach)");

    // --- (4) Completing needs the post-assessment.
    await cp.getByRole("button", { name: "Complete engagement" }).click();
    const complete = cp.getByRole("dialog", { name: "Complete the engagement" });
    await complete.getByRole("button", { name: "Complete engagement" }).click();
    await complete.getByRole("alert").filter({ hasText: "The post-assessment is missing" }).waitFor();
    await expectAccessible(cp, "complete dialog (error)");
    await complete.getByRole("button", { name: "Not now" }).click();

    await kp.reload();
    await openTab(kp, "Assessments");
    const post = kp.getByRole("form", { name: "Post-assessment: rate yourself" });
    await rate(post, "Delegate more", 7);
    await rate(post, "Give regular feedback", 8);
    await post.getByRole("button", { name: "Save my ratings" }).click();
    await expectToast(kp, "Post-assessment saved.");

    await cp.getByRole("button", { name: "Complete engagement" }).click();
    await complete.getByRole("button", { name: "Complete engagement" }).click();
    await expectToast(cp, "Engagement completed. The closing report is final.");
    await cp.getByRole("tab", { name: "Report", selected: true }).waitFor();
    await cp.getByText("Completed", { exact: true }).waitFor();
    const table = cp.getByRole("table", { name: "Progress on each objective" });
    const delegate = table.getByRole("row", { name: /Delegate more/ });
    expect(await delegate.textContent()).toContain("10 → 4 → 6");
    expect(await delegate.textContent()).toContain("67%");
    expect(await delegate.textContent()).toContain("3 → 7 (+4)");
    expect(await delegate.textContent()).toContain("4.67 → — (—)");
    expect(await table.getByRole("row", { name: /Give regular feedback/ }).textContent()).toContain(
      "1 → 6 → 3",
    );
    await cp.getByText("Final", { exact: true }).waitFor();
    await cp.getByRole("img", { name: "Chart: Progress to target" }).waitFor();
    await expectAccessible(cp, "closing report (coach)");

    // The link in the closing email opens the report.
    await visit(kp, `/coaching/engagements/${id}/report`, "Coaching for Kim Coachee");
    await kp.getByRole("tab", { name: "Report", selected: true }).waitFor();
    await kp.getByRole("table", { name: "Progress on each objective" }).getByText("10 → 4 → 6").waitFor();

    // --- (5) The sponsor sees attendance, progress and the one-sentence summaries — never the sessions.
    await visit(sp, `/coaching/engagements/${id}`, "Coaching for Kim Coachee");
    await sp.getByRole("tab", { name: "Progress", selected: true }).waitFor();
    const tabs = await sp.getByRole("tab").allTextContents();
    expect(tabs).toEqual(["Progress", "Report"]);
    await sp.getByText("A focused first session on delegation.").waitFor();
    await sp.getByText("Good progress on handing work over.").waitFor();
    await sp.getByRole("img", { name: "Chart: 1. Delegate more" }).waitFor();
    await sp.getByText("What is said in the sessions stays between the coach and the coachee.").waitFor();
    let html = await sp.content();
    for (const secret of secrets) expect(html).not.toContain(secret);
    await expectAccessible(sp, "progress (sponsor)");
    await openTab(sp, "Report");
    await sp.getByRole("table", { name: "Progress on each objective" }).getByText("10 → 4 → 6").waitFor();
    html = await sp.content();
    for (const secret of secrets) expect(html).not.toContain(secret);
    await expectAccessible(sp, "closing report (sponsor)");
    // The content itself stays closed to the sponsor at the API too.
    const res = await sponsor.context.request.get(`/api/coaching/engagements/${id}/sessions`);
    expect(res.status()).toBe(403);

    await Promise.all([sponsor.context.close(), coachee.context.close(), coach.context.close()]);
  });

  it("the coachee chooses a coach after the chemistry calls; the sponsor amends, then cancels", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Chemistry");
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    const sana = await makePerson(db, org, { role: "sponsor", name: "Sana Sponsor" });
    const kim = await makePerson(db, org, { name: "Kim Coachee", seniority: 3 });
    const cleo = await makePerson(db, org, { name: "Cleo Coach", title: "Coach" });
    const dev = await makePerson(db, org, { name: "Dev Coach", title: "Coach" });
    const programId = await makeProgram(db, org, admin.id, { kind: "coaching", name: "Chemistry coaching" });
    const adminSession = await signedInSession(e2e, admin.email);
    for (const [coach, specialty] of [
      [cleo, "Delegation"],
      [dev, "Strategy"],
    ] as const) {
      await callApi(adminSession, "PUT", `/api/coaching/coaches/${coach.id}`, {
        kind: coach === dev ? "external" : "internal",
        specialties: [specialty],
        languages: ["English", "French"],
        capacity: 3,
        bio: `${specialty} is what I coach best.`,
      });
    }
    await adminSession.context.close();
    const sponsor = await signedInSession(e2e, sana.email);
    const { id } = await callApi(sponsor, "POST", `/api/programs/${programId}/coaching/engagements`, {
      coacheeId: kim.id,
      proposedCoachIds: [cleo.id, dev.id],
    });

    // The sponsor waits for the coachee's choice.
    const sp = sponsor.page;
    await visit(sp, `/coaching/engagements/${id}`, "Coaching for Kim Coachee");
    await sp.getByText("Waiting for Kim Coachee to choose a coach after the chemistry calls.").waitFor();
    const proposed = sp.getByRole("list", { name: "Proposed coaches" });
    expect(await proposed.locator(":scope > li").count()).toBe(2);
    expect(await proposed.getByRole("button").count()).toBe(0);
    await sp.getByText("Not chosen yet (2 proposed for a chemistry call)").waitFor();
    await expectAccessible(sp, "engagement (sponsor, chemistry)");

    // The coachee reads the two cards and chooses one.
    const coachee = await signedInSession(e2e, kim.email);
    const kp = coachee.page;
    await visit(kp, `/coaching/engagements/${id}`, "Coaching for Kim Coachee");
    const cards = kp.getByRole("list", { name: "Proposed coaches" });
    await cards.getByText("Strategy is what I coach best.").waitFor();
    await cards.getByText("English, French").first().waitFor();
    await cards.getByText("Coach · External coach").waitFor();
    await expectAccessible(kp, "choose a coach (coachee)");
    await cards.getByRole("button", { name: "Choose Cleo Coach" }).click();
    await expectToast(kp, "You chose Cleo Coach. Now set your objectives together.");
    expect(await kp.getByRole("list", { name: "Proposed coaches" }).count()).toBe(0);
    expect(await kp.getByRole("region", { name: "Engagement details" }).textContent()).toContain(
      "Cleo Coach",
    );
    // The objectives editor is next.
    await kp.getByRole("form", { name: "Objectives" }).waitFor();
    await coachee.context.close();

    // The sponsor adds two sessions with a reason.
    await sp.reload();
    await sp.getByRole("button", { name: "Amend budget or dates" }).click();
    const amend = sp.getByRole("dialog", { name: "Amend the engagement" });
    await amend.getByRole("button", { name: "Save the amendment" }).click();
    await amend.getByText("Add sessions, move the end date, or both.").first().waitFor();
    await amend.getByLabel("Sessions to add").fill("2");
    await amend.getByLabel(/^Reason/).fill("A promotion came early.");
    await expectAccessible(sp, "amend dialog");
    await amend.getByRole("button", { name: "Save the amendment" }).click();
    await expectToast(sp, "Engagement amended.");
    expect(
      await sp
        .getByRole("region", { name: "Engagement details" })
        .getByRole("meter", { name: "Sessions used against budget" })
        .getAttribute("aria-valuetext"),
    ).toBe("0 of 8 sessions used, 0 booked, 8 remaining");

    // …and then cancels.
    await sp.getByRole("button", { name: "Cancel engagement" }).click();
    const cancel = sp.getByRole("dialog", { name: "Cancel the engagement" });
    await cancel.getByRole("button", { name: "Cancel the engagement" }).click();
    await cancel.getByText("Say why the engagement is cancelled.").first().waitFor();
    await cancel.getByLabel(/^Reason/).fill("Kim moved to another team.");
    await cancel.getByRole("button", { name: "Cancel the engagement" }).click();
    await expectToast(sp, "Engagement cancelled.");
    await sp.getByText("Cancelled", { exact: true }).waitFor();
    await sp.getByText(/This engagement was cancelled on .*: Kim moved to another team\./).waitFor();
    expect(await sp.getByRole("button", { name: "Cancel engagement" }).count()).toBe(0);
    await expectAccessible(sp, "engagement (cancelled)");
    await sponsor.context.close();
  });
});
