import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import {
  callApi,
  describedText,
  type E2E,
  enrol,
  expectToast,
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

describe("mentoring", () => {
  it("a mentee chooses a ranked mentor, both sign the agreement and meet; the program team never sees the notes", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Mentoring");
    const owner = await makePerson(db, org, {
      role: "program_manager",
      name: "Priya Owner",
      department: "People",
    });
    const marta = await makePerson(db, org, {
      name: "Marta Mentor",
      title: "Principal engineer",
      department: "Platform",
      seniority: 5,
      skills: [
        { name: "System design", level: 5 },
        { name: "Public speaking", level: 4 },
      ],
      interests: ["Open source"],
    });
    const bo = await makePerson(db, org, {
      name: "Bo Backup",
      department: "Sales",
      seniority: 4,
      skills: [{ name: "Negotiation", level: 4 }],
    });
    const mia = await makePerson(db, org, {
      name: "Mia Mentee",
      department: "Engineering",
      seniority: 2,
      interests: ["Open source"],
    });
    const programId = await makeProgram(db, org, owner.id, {
      kind: "mentoring",
      name: "Engineering mentoring",
    });
    const canary = `canary-${Date.now().toString(36)}-only-for-the-pair`;

    const mentor = await signedInSession(e2e, marta.email);
    const other = await signedInSession(e2e, bo.email);
    await enrol(mentor, programId, "mentor");
    await enrol(other, programId, "mentor");
    await other.context.close();

    // --- (1) The mentee enrols, says what she wants to learn and compares ranked mentors.
    const mentee = await signedInSession(e2e, mia.email);
    const mp = mentee.page;
    await visit(mp, `/programs/${programId}`, "Engineering mentoring");
    await mp.getByLabel("Mentee").check();
    await mp.getByRole("button", { name: "Enrol as mentee" }).click();
    await expectToast(mp, "You are enrolled in Engineering mentoring as mentee.");
    await expectAccessible(mp, "mentoring program (enrolled mentee)");
    await mp.getByRole("link", { name: "Find a mentor" }).click();
    await mp.getByRole("heading", { level: 1, name: "Find a mentor" }).waitFor();
    const ranked = mp.getByRole("list", { name: "Mentors ranked by compatibility" });
    await ranked.waitFor();
    await mp.getByText("0 of 3").waitFor();
    await expectAccessible(mp, "find a mentor");

    await mp.getByRole("button", { name: "Add a skill" }).click();
    await mp.getByLabel("Skill 1 name").fill("System design");
    await mp.getByLabel("Skill 1 level").selectOption("4");
    await mp.getByRole("button", { name: "Save and rank again" }).click();
    await expectToast(mp, "Saved the skills you want to learn. Mentors are ranked again.");
    const cards = ranked.locator(":scope > li");
    const first = cards.first();
    await first.getByText("Offers 1 of 1 wanted skills: System design (5/5).").waitFor();
    expect(await cards.count()).toBe(2);
    expect(await first.getByRole("heading", { level: 3 }).textContent()).toContain("Marta Mentor");
    expect(await cards.nth(1).textContent()).toContain("Bo Backup");
    const skillsBar = first.getByRole("meter", { name: "Skills wanted and offered" });
    expect(await skillsBar.getAttribute("aria-valuenow")).toBe("100");
    // Every criterion is explained.
    for (const label of [
      "Shared goals and interests",
      "Seniority gap",
      "Shared language",
      "Time-zone distance",
      "Mentee's ranking",
      "Different department",
    ]) {
      await first.getByRole("meter", { name: label }).waitFor();
    }
    await first.getByText("Both care about Open source.").waitFor();
    await first.getByText("Both speak English.").waitFor();

    // The request dialog checks the message, then sends it.
    await first.getByRole("button", { name: /^Ask Marta/ }).click();
    const dialog = mp.getByRole("dialog", { name: "Ask Marta Mentor to mentor you" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Send request" }).click();
    await dialog.getByText("Write a short message so they know what you hope to learn.").first().waitFor();
    expect(await dialog.getByLabel(/^Message/).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(mp, "request dialog with an error");
    await dialog.getByLabel(/^Message/).fill("I would love to learn how you approach system design reviews.");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expectToast(mp, "Request sent to Marta Mentor.");
    await dialog.waitFor({ state: "hidden" });
    await first.getByText("Request sent").waitFor();
    await mp.getByText("1 of 3").waitFor();
    await expectAccessible(mp, "find a mentor (request sent)");

    // --- The mentor finds the request from the navigation and accepts it.
    const p = mentor.page;
    await visit(p, "/", /Welcome, Marta/);
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentoring" }).click();
    await p.getByRole("heading", { level: 1, name: "My mentoring" }).waitFor();
    await p.getByText("No mentoring relationships yet").waitFor();
    await p.getByText("A mentee is waiting for your answer.").waitFor();
    await expectAccessible(p, "my mentoring (empty)");
    await p.getByRole("navigation", { name: "Mentoring" }).getByRole("link", { name: "Requests" }).click();
    await p.getByRole("heading", { level: 1, name: "Mentoring requests" }).waitFor();
    await p.getByText("I would love to learn how you approach system design reviews.").waitFor();
    await p.getByText("You have not asked a mentor yet").waitFor();
    await expectAccessible(p, "requests inbox (mentor)");
    await p.getByRole("button", { name: "Accept Mia Mentee's request" }).click();
    await expectToast(p, "You are now Mia Mentee's mentor. Agree together on how you will work.");
    await p.getByRole("link", { name: "Go to your relationship with Mia Mentee" }).click();
    await p.getByRole("heading", { level: 1, name: "Mentoring with Mia Mentee" }).waitFor();
    const relationshipPath = new URL(p.url()).pathname;
    expect(relationshipPath).toMatch(/^\/mentoring\/relationships\/[0-9a-f-]{36}$/);
    await expectAccessible(p, "relationship overview (proposed)");

    // --- (2) The mentor writes and signs the agreement.
    await p.getByRole("tab", { name: "Agreement" }).click();
    await p.getByRole("heading", { name: "Write your agreement" }).waitFor();
    await p.getByText("Only you two can read this.").waitFor();
    await p.getByLabel(/^Goals and expectations/).fill("Grow into a tech lead within a year.");
    await p.getByLabel(/^How often you meet/).fill("Every two weeks, 45 minutes");
    await p.getByLabel(/^How you meet/).fill("Video call");
    await p.getByRole("button", { name: "Save the agreement" }).click();
    await expectToast(p, "Agreement saved. Both of you need to sign it.");
    await p.getByRole("button", { name: "Sign the agreement" }).click();
    await expectToast(p, "You signed. Mia Mentee needs to sign too.");
    await p.getByText("Waiting for Mia Mentee to sign").waitFor();
    await expectAccessible(p, "agreement (signed by the mentor)");

    // --- The mentee reads it from "My mentoring" and signs: the relationship becomes active.
    await mp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentoring" }).click();
    await mp.getByRole("heading", { level: 1, name: "My mentoring" }).waitFor();
    await expectAccessible(mp, "my mentoring (proposed)");
    await mp.getByRole("link", { name: "Mentored by Marta Mentor" }).click();
    await mp.getByRole("heading", { level: 1, name: "Mentoring with Marta Mentor" }).waitFor();
    await mp.getByRole("button", { name: "Open the agreement" }).click();
    expect(await mp.getByLabel(/^Goals and expectations/).inputValue()).toBe(
      "Grow into a tech lead within a year.",
    );
    const signatures = mp.getByRole("list", { name: "Signatures" });
    expect(await signatures.getByRole("listitem").first().textContent()).toMatch(/Marta Mentor.*Signed/);
    await expectAccessible(mp, "agreement (mentee to sign)");
    await mp.getByRole("button", { name: "Sign the agreement" }).click();
    await expectToast(mp, "You both signed. Your mentoring relationship is now active.");
    await mp.getByText("You both signed; the relationship is active.").waitFor();
    await mp.getByRole("main").getByText("Active", { exact: true }).first().waitFor();

    // --- (3) The mentee logs a meeting with a private note, and adds a goal with a milestone.
    await mp.getByRole("tab", { name: "Meetings" }).click();
    await mp.getByText("No meetings logged yet").waitFor();
    await mp.getByLabel(/^Duration \(minutes\)/).fill("50");
    await mp.getByLabel("Add to topics").fill("Career plan");
    await mp.getByLabel("Add to topics").press("Enter");
    await mp.getByLabel("Notes").fill(`Talked through the promotion case. ${canary}`);
    await mp.getByRole("button", { name: "Log the meeting" }).click();
    await expectToast(mp, "Meeting logged.");
    await mp.getByText(canary).waitFor();
    await expectAccessible(mp, "meetings (mentee)");

    await mp.getByRole("tab", { name: "Goals" }).click();
    await mp.getByRole("textbox", { name: /^Goal/ }).fill("Lead a cross-team project");
    await mp.getByLabel("Milestone 1", { exact: true }).fill("Write the project brief");
    await mp.getByRole("button", { name: "Add goal" }).click();
    await expectToast(mp, "Goal added.");
    const progress = mp.getByRole("progressbar", { name: "Progress on Lead a cross-team project" });
    expect(await progress.getAttribute("aria-valuenow")).toBe("0");
    await mp.getByLabel("Write the project brief").check();
    await mp.getByText("1 of 1 milestones done").waitFor();
    expect(await progress.getAttribute("aria-valuenow")).toBe("100");
    await expectAccessible(mp, "goals (mentee)");
    await mentee.context.close();

    // --- The mentor reads the meeting note.
    await visit(p, `${relationshipPath}?tab=meetings`, "Mentoring with Mia Mentee");
    await p.getByRole("tab", { name: "Meetings", selected: true }).waitFor();
    await p.getByText(canary).waitFor();
    await p.getByText("Logged by Mia Mentee").waitFor();
    await expectAccessible(p, "meetings (mentor)");
    // The tabs follow the arrow keys.
    await p.getByRole("tab", { name: "Meetings" }).press("ArrowRight");
    await p.getByRole("tab", { name: "Journal", selected: true }).waitFor();
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("Journal");
    await p.getByText("The journal is empty").waitFor();
    await mentor.context.close();

    // --- (4) The program owner sees the counts, but never the confidential content.
    const team = await signedInSession(e2e, owner.email);
    const op = team.page;
    await visit(op, `/programs/${programId}`, "Engineering mentoring");
    await op.getByRole("link", { name: "Mentoring overview" }).click();
    await op.getByRole("heading", { level: 1, name: "Mentoring overview" }).waitFor();
    const counts = op.getByRole("region", { name: "At a glance" });
    await counts.getByRole("link", { name: /^2 Mentors/ }).waitFor();
    await counts.getByRole("link", { name: /^1 Mentees/ }).waitFor();
    await counts.getByRole("link", { name: /^0 Open requests/ }).waitFor();
    await counts.getByRole("link", { name: /^1 Active/ }).waitFor();
    await counts.getByRole("link", { name: /^0 No meeting in 6 weeks/ }).waitFor();
    const row = op.getByRole("row", { name: /Marta Mentor.*Mia Mentee/ });
    await row.waitFor();
    expect(await op.content()).not.toContain(canary);
    expect(await op.content()).not.toContain("Grow into a tech lead");
    expect(await op.content()).not.toContain("Lead a cross-team project");
    await expectAccessible(op, "mentoring overview");
    await row.getByRole("button", { name: /^Nudge/ }).click();
    await expectToast(op, "Reminder sent to Marta Mentor and Mia Mentee.");
    await counts.getByRole("link", { name: /^2 Mentors/ }).click();
    await op.getByRole("heading", { name: "Mentors (2)" }).waitFor();
    await op.getByRole("row", { name: /Bo Backup/ }).waitFor();
    await op.getByText("Showing 2 of 2 mentors").waitFor();
    expect(await op.content()).not.toContain(canary);

    // Opening the relationship directly is "not found" for the program team.
    await visit(op, relationshipPath, "Mentoring relationship");
    await op.getByText("Relationship not found.").waitFor();
    expect(await op.getByRole("alert").textContent()).toContain("Not found");
    expect(await op.content()).not.toContain(canary);
    await expectAccessible(op, "relationship (not found for the program team)");
    await team.context.close();
  });
  it("declines with a reason, withdraws, admin match with an override, check-ins, introductions, ending early", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Lifecycle");
    const owner = await makePerson(db, org, { role: "program_manager", name: "Olga Owner" });
    const dan = await makePerson(db, org, { name: "Dan Mentor", seniority: 5, department: "Design" });
    const eve = await makePerson(db, org, { name: "Eve Manager", seniority: 5, department: "Support" });
    const finn = await makePerson(db, org, { name: "Finn Report", seniority: 2, managerId: eve.id });
    const gia = await makePerson(db, org, { name: "Gia Mentee", seniority: 2, department: "Support" });
    const hal = await makePerson(db, org, { name: "Hal Contact", department: "Research" });
    const ivy = await makePerson(db, org, { name: "Ivy Newcomer", seniority: 1, department: "Support" });
    const programId = await makeProgram(db, org, owner.id, { kind: "mentoring", name: "Support mentoring" });

    const danS = await signedInSession(e2e, dan.email);
    const eveS = await signedInSession(e2e, eve.email);
    const finnS = await signedInSession(e2e, finn.email);
    const giaS = await signedInSession(e2e, gia.email);
    await enrol(danS, programId, "mentor");
    await enrol(eveS, programId, "mentor");
    await enrol(finnS, programId, "mentee");
    await enrol(giaS, programId, "mentee");
    const ivyS = await signedInSession(e2e, ivy.email);
    await enrol(ivyS, programId, "mentee");
    await eveS.context.close();
    const path = `/api/programs/${programId}/mentoring/requests`;
    await callApi(finnS, "POST", path, {
      mentorId: dan.id,
      message: "Could you help me grow as a designer?",
    });
    await callApi(giaS, "POST", path, { mentorId: dan.id, message: "I would like to learn about research." });

    // --- The mentor takes one mentee at most.
    const dp = danS.page;
    await visit(dp, `/programs/${programId}`, "Support mentoring");
    await dp.getByLabel("How many mentees can you take on at once?").selectOption("1");
    await dp.getByRole("button", { name: "Save capacity" }).click();
    await expectToast(dp, "You take up to 1 mentee at a time.");
    await expectAccessible(dp, "mentoring program (mentor)");

    // --- The mentor declines with a reason from the list and a comment.
    await visit(dp, "/mentoring/requests", "Mentoring requests");
    await dp.getByText("2 waiting for your answer").waitFor();
    await dp.getByRole("button", { name: "Decline… Finn Report's request" }).click();
    const decline = dp.getByRole("form", { name: "Decline Finn Report's request" });
    await decline.getByRole("button", { name: "Decline request" }).click();
    await decline.getByText("Choose a reason; it helps the mentee understand.").first().waitFor();
    await expectAccessible(dp, "decline form with an error");
    await decline.getByLabel("The timing doesn't work for me").check();
    await decline.getByLabel(/^A word for the mentee/).fill("Ask me again in the spring.");
    await decline.getByRole("button", { name: "Decline request" }).click();
    await expectToast(dp, "You declined Finn Report's request.");
    await dp.getByText("1 waiting for your answer").waitFor();

    // --- The mentee sees the reason; another mentee withdraws her request.
    const fp = finnS.page;
    await visit(fp, "/mentoring/requests", "Mentoring requests");
    const declined = fp.getByRole("listitem").filter({ hasText: "To Dan Mentor" });
    await declined.getByText("Declined", { exact: true }).waitFor();
    await declined.getByText("The timing doesn't work for me").waitFor();
    await declined.getByText("“Ask me again in the spring.”").waitFor();
    await expectAccessible(fp, "requests (declined, mentee)");
    await finnS.context.close();

    const gp = giaS.page;
    await visit(gp, "/mentoring/requests", "Mentoring requests");
    await gp.getByRole("button", { name: "Withdraw your request to Dan Mentor" }).click();
    await gp.getByRole("button", { name: "Yes, withdraw" }).click();
    await expectToast(gp, "You withdrew your request to Dan Mentor.");
    await gp.getByText("The mentee withdrew the request.").waitFor();

    // --- The program owner matches pairs; breaking the reporting-line rule needs a reason.
    const team = await signedInSession(e2e, owner.email);
    const op = team.page;
    await visit(op, `/programs/${programId}/mentoring`, "Mentoring overview");
    await op.getByRole("link", { name: /^0 Active/ }).waitFor();
    const form = op.getByRole("form", { name: "Admin match" });
    await form.getByLabel("Search for mentees").fill("finn");
    await form.getByRole("button", { name: "Choose Finn Report as mentee" }).click();
    await form.getByText("Selected: Finn Report").waitFor();
    await form.getByRole("listitem").filter({ hasText: "Eve Manager · 0 open relationships" }).waitFor();
    await form.getByRole("button", { name: "Choose Eve Manager as mentor" }).click();
    await op.getByRole("button", { name: "Match", exact: true }).click();
    const warning = op.getByRole("alert").filter({ hasText: "This pair breaks the program's rules" });
    await warning.getByText(/same reporting line/).waitFor();
    await expectAccessible(op, "admin match asking for an override");
    await op.getByRole("button", { name: "Match anyway" }).click();
    await warning.getByText("Explain in at least 10 characters").waitFor();
    await op.getByLabel(/^Reason for overriding/).fill("Finn asked for Eve; HR agreed it is fine.");
    await op.getByRole("button", { name: "Match anyway" }).click();
    await expectToast(op, "Matched Finn Report with Eve Manager. Both were told by email.");
    await form.getByLabel("Search for mentees").fill("Gia");
    await form.getByRole("button", { name: "Choose Gia Mentee as mentee" }).click();
    await form.getByLabel("Search for mentors").fill("Dan");
    await form.getByRole("button", { name: "Choose Dan Mentor as mentor" }).click();
    await op.getByRole("button", { name: "Match", exact: true }).click();
    await expectToast(op, "Matched Gia Mentee with Dan Mentor. Both were told by email.");
    await op.getByRole("link", { name: /^2 Proposed/ }).click();
    await op.getByRole("heading", { name: "Proposed (2)" }).waitFor();
    await expectAccessible(op, "overview with proposed pairs");

    // A mentor at capacity shows as "Full" and cannot be asked.
    const ip = ivyS.page;
    await visit(ip, `/programs/${programId}/mentors`, "Find a mentor");
    const full = ip.getByRole("listitem").filter({ has: ip.getByRole("heading", { name: /Dan Mentor/ }) });
    await full.getByText("Full", { exact: true }).waitFor();
    await full.getByText("Mentoring 1 of 1 mentee — no room for another mentee right now.").waitFor();
    expect(await full.getByRole("button", { name: /^Ask/ }).count()).toBe(0);
    await ip.getByRole("button", { name: /^Ask Eve/ }).waitFor();
    await expectAccessible(ip, "find a mentor with a full mentor");
    await ivyS.context.close();

    // The pair agrees (through the API); the relationship started four months ago, so a check-in is due.
    const { items } = await callApi(giaS, "GET", "/api/mentoring/relationships");
    const rid: string = items[0].id;
    await callApi(danS, "PUT", `/api/mentoring/relationships/${rid}/agreement`, {
      goals: "Learn research methods.",
      cadence: "Monthly",
      channel: "In person",
      confidentiality: "Between us.",
      durationMonths: 12,
    });
    await callApi(danS, "POST", `/api/mentoring/relationships/${rid}/agreement/sign`);
    await callApi(giaS, "POST", `/api/mentoring/relationships/${rid}/agreement/sign`);
    const start = new Date();
    start.setUTCMonth(start.getUTCMonth() - 4);
    await db
      .updateTable("mentoring_relationship")
      .set({ start_date: start.toISOString().slice(0, 10) })
      .where("id", "=", rid)
      .execute();

    // --- Check-ins on both sides; the mentor's "what I learned" is labelled as the mentor's.
    await visit(gp, `/mentoring/relationships/${rid}?tab=checkins`, "Mentoring with Dan Mentor");
    await gp.getByRole("heading", { name: "Check-in 1 is due" }).waitFor();
    await gp
      .getByRole("group", { name: /How satisfied are you/ })
      .getByText("4", { exact: true })
      .click();
    await gp.getByLabel(/^What I learned/).fill("How to plan interviews.");
    await gp.getByRole("button", { name: "Send my check-in" }).click();
    await expectToast(gp, "Thank you for checking in.");
    await gp.getByText("You have answered check-in 1.").waitFor();
    await expectAccessible(gp, "check-ins (mentee)");

    await visit(dp, `/mentoring/relationships/${rid}?tab=checkins`, "Mentoring with Gia Mentee");
    await dp
      .getByRole("group", { name: /How satisfied are you/ })
      .getByText("5", { exact: true })
      .click();
    await dp.getByLabel(/^What I learned/).fill("Fresh eyes on support work.");
    await dp.getByLabel(/^What I'd change/).fill("Meet a little more often.");
    await dp.getByRole("button", { name: "Send my check-in" }).click();
    await expectToast(dp, "Thank you for checking in.");
    await dp.getByText("What the mentor learned").waitFor();
    await dp.getByText("What the mentee learned").waitFor();
    await dp.getByText("Fresh eyes on support work.").waitFor();

    // --- The mentor introduces the mentee to a contact, who accepts; it shows on the mentee's profile.
    await dp.getByRole("tab", { name: "Introductions" }).click();
    await dp.getByText("No introductions yet").waitFor();
    await dp.getByLabel("Search for contact").fill("Hal");
    await dp.getByRole("button", { name: "Choose Hal Contact" }).click();
    await dp.getByLabel(/^Note/).fill("Hal runs our user research team.");
    await dp.getByRole("button", { name: "Send the introduction" }).click();
    await expectToast(dp, "Introduction sent. Hal Contact will be asked to accept.");
    await dp.getByText("Hal runs our user research team.").waitFor();
    await expectAccessible(dp, "introductions (mentor)");

    const halS = await signedInSession(e2e, hal.email);
    const hp = halS.page;
    await visit(hp, "/mentoring/introductions", "Introductions");
    await hp.getByText("Dan Mentor would like to introduce you to Gia Mentee").waitFor();
    await expectAccessible(hp, "introductions inbox (contact)");
    await hp.getByRole("button", { name: "Accept the introduction to Gia Mentee" }).click();
    await expectToast(hp, "You accepted. Reach out to Gia Mentee and say hello.");
    await hp.getByRole("heading", { name: "You answered" }).waitFor();
    await visit(hp, `/people/${gia.id}`, "Gia Mentee");
    await hp.getByText("Gia Mentee was introduced to Hal Contact by Dan Mentor").waitFor();
    await expectAccessible(hp, "profile with an introduction");
    await halS.context.close();

    // --- The overview flags the quiet pair; the mentee ends early with a private reason and reflects.
    await visit(op, `/programs/${programId}/mentoring?show=quiet`, "Mentoring overview");
    await op.getByRole("heading", { name: "No meeting in 6 weeks (1)" }).waitFor();
    await team.context.close();

    await visit(gp, `/mentoring/relationships/${rid}`, "Mentoring with Dan Mentor");
    await gp.getByRole("button", { name: "End early…" }).click();
    await gp.getByLabel(/^Your reason \(private\)/).fill("Private: my role is changing next month.");
    await gp.getByRole("button", { name: "End the relationship" }).click();
    await expectToast(gp, "The relationship has ended. Thank you for the time you gave it.");
    await gp.getByText("Private: my role is changing next month.").waitFor();
    await gp.getByLabel(/^What did this relationship give you/).fill("Confidence in research.");
    await gp
      .getByRole("group", { name: /How would you rate/ })
      .getByText("4", { exact: true })
      .click();
    await gp.getByRole("button", { name: "Save my reflection" }).click();
    await expectToast(gp, "Thank you. Your closing reflection is saved.");
    await gp.getByText("rated 4/5").waitFor();
    await expectAccessible(gp, "ended relationship with a reflection");
    await giaS.context.close();

    await visit(dp, `/mentoring/relationships/${rid}`, "Mentoring with Gia Mentee");
    await dp.getByText("Confidence in research.").waitFor();
    expect(await dp.content()).not.toContain("my role is changing");
    await danS.context.close();
  });

  it("a mentee sees her best available match, ranks and reorders mentors and avoids one; the owner tunes bulk matching", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Choosing");
    const owner = await makePerson(db, org, { role: "program_manager", name: "Rosa Owner" });
    const ana = await makePerson(db, org, {
      name: "Ana Star",
      department: "Platform",
      seniority: 5,
      skills: [{ name: "System design", level: 5 }],
      interests: ["Open source"],
    });
    const ben = await makePerson(db, org, {
      name: "Ben Steady",
      department: "Sales",
      seniority: 4,
      skills: [{ name: "Negotiation", level: 4 }],
      interests: ["Cycling"],
    });
    const cy = await makePerson(db, org, {
      name: "Cy Other",
      department: "Research",
      seniority: 4,
      skills: [{ name: "Public speaking", level: 3 }],
    });
    const maya = await makePerson(db, org, {
      name: "Maya Mentee",
      department: "Engineering",
      seniority: 2,
      interests: ["Cycling"],
    });
    const noor = await makePerson(db, org, {
      name: "Noor Peer",
      department: "Engineering",
      seniority: 2,
      interests: ["Open source"],
    });
    const programId = await makeProgram(db, org, owner.id, { kind: "mentoring", name: "Choice mentoring" });
    const me = `/api/programs/${programId}/mentoring/me`;
    const wanted = { skillsWanted: [{ name: "System design", level: 4 }] };

    // Ana, the star, has one seat; Noor and Maya both want what she offers, and Noor fits her better.
    for (const [person, role] of [
      [ana, "mentor"],
      [ben, "mentor"],
      [cy, "mentor"],
      [noor, "mentee"],
    ] as const) {
      const s = await signedInSession(e2e, person.email);
      await enrol(s, programId, role);
      if (person === ana) await callApi(s, "PATCH", me, { capacity: 1 });
      if (person === noor) await callApi(s, "PATCH", me, wanted);
      await s.context.close();
    }
    const mentee = await signedInSession(e2e, maya.email);
    await enrol(mentee, programId, "mentee");
    await callApi(mentee, "PATCH", me, wanted);

    // --- The best available match comes first and says why it may not be the highest score.
    const mp = mentee.page;
    const findPath = `/programs/${programId}/mentors`;
    await visit(mp, findPath, "Find a mentor");
    const ranked = mp.getByRole("list", { name: "Mentors ranked by compatibility" });
    const cards = ranked.locator(":scope > li");
    const first = cards.first();
    await first.getByRole("heading", { name: /^Your best available match/ }).waitFor();
    await first
      .getByText("Popular mentors are shared out so that every mentee sees someone with a free seat first")
      .waitFor();
    expect(await first.getByRole("heading", { level: 3 }).textContent()).toBe(
      "Your best available match: Ben Steady",
    );
    await cards.nth(1).getByText("Other good matches").waitFor();
    expect(await cards.count()).toBe(3);
    const cardOf = (name: string) =>
      ranked.locator(":scope > li").filter({ has: mp.getByRole("heading", { name }) });
    const scoreOf = async (name: string) =>
      Number((await cardOf(name).textContent())?.match(/(\d+)%\s*compatible/)?.[1]);
    // Ana scores higher for Maya, but her one seat is Noor's first choice.
    expect(await scoreOf("Ana Star")).toBeGreaterThan(await scoreOf("Ben Steady"));
    await cardOf("Ana Star").getByRole("meter", { name: "Skills wanted and offered" }).waitFor();
    const myRanking = mp.getByRole("list", { name: "My ranking" });
    await mp.getByText("You have not ranked anyone yet.").waitFor();

    // --- She ranks Ben, then Ana, and moves Ana to the top.
    const saved = mp.getByRole("status").filter({ hasText: /Saved\.$/ });
    await mp.getByRole("button", { name: "Add to my ranking (Ben Steady)" }).click();
    await mp
      .getByRole("status")
      .filter({ hasText: "Ben Steady is number 1 in your ranking. Saved." })
      .waitFor();
    await cardOf("Ben Steady").getByText("Number 1 in your ranking").waitFor();
    await mp.getByRole("button", { name: "Add to my ranking (Ana Star)" }).click();
    await mp
      .getByRole("status")
      .filter({ hasText: "Ana Star is number 2 in your ranking. Saved." })
      .waitFor();
    const names = () => myRanking.getByRole("listitem").allTextContents();
    expect((await names()).map((t) => t.match(/Ana Star|Ben Steady/)?.[0])).toEqual([
      "Ben Steady",
      "Ana Star",
    ]);
    await mp.getByRole("button", { name: "Move up (Ana Star)" }).click();
    // Ana is now at the top, so her "Move up" is disabled and the focus stays with her "Move down".
    await expect
      .poll(() => mp.evaluate(() => document.activeElement?.textContent))
      .toBe("Move down (Ana Star)");
    await mp
      .getByRole("status")
      .filter({ hasText: "Ana Star is now number 1 in your ranking. Saved." })
      .waitFor();
    expect((await names()).map((t) => t.match(/Ana Star|Ben Steady/)?.[0])).toEqual([
      "Ana Star",
      "Ben Steady",
    ]);
    expect(await mp.getByRole("button", { name: "Move up (Ana Star)" }).isDisabled()).toBe(true);
    // The recommendations are ranked again with her choices counted.
    await cardOf("Ana Star").getByText("The mentee's choice number 1 of 2.").waitFor();
    await cardOf("Ana Star").getByText("Number 1 in your ranking").waitFor();
    await cardOf("Ben Steady").getByText("Number 2 in your ranking").waitFor();

    // --- She avoids Cy, who leaves the recommendations and shows in the avoided list.
    await mp.getByRole("button", { name: /^Don't match me with Cy/ }).click();
    await mp
      .getByRole("status")
      .filter({ hasText: "You will not be matched with Cy Other. Saved." })
      .waitFor();
    await saved.waitFor();
    await cardOf("Cy Other").waitFor({ state: "detached" });
    const avoided = mp.getByRole("list", { name: "Avoided" });
    await avoided.getByText("Cy Other", { exact: true }).waitFor();
    expect(await cards.count()).toBe(2);
    await expectAccessible(mp, "find a mentor with a ranking and an avoided mentor");
    const participation = await callApi(mentee, "GET", me);
    expect(participation.ranking).toEqual([ana.id, ben.id]);
    expect(participation.avoid).toEqual([cy.id]);

    // --- After a reload the ranking and the avoided mentor (named from the directory) are still there.
    await visit(mp, findPath, "Find a mentor");
    await myRanking.waitFor();
    expect((await names()).map((t) => t.match(/Ana Star|Ben Steady/)?.[0])).toEqual([
      "Ana Star",
      "Ben Steady",
    ]);
    await avoided.getByText("Cy Other", { exact: true }).waitFor();
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    expect(await ranked.textContent()).not.toContain("Cy Other");

    // Undo brings Cy back; removing Ben leaves Ana alone in the ranking.
    await avoided.getByRole("button", { name: "Undo (match me with Cy Other again)" }).click();
    await mp.getByText("Nobody. Use “Don't match me with” on a mentor to add them.").waitFor();
    await cardOf("Cy Other").waitFor();
    await mp.getByRole("button", { name: "Remove Ben Steady from my ranking" }).click();
    await mp
      .getByRole("status")
      .filter({ hasText: "Ben Steady is no longer in your ranking. Saved." })
      .waitFor();
    expect(await names()).toHaveLength(1);
    const after = await callApi(mentee, "GET", me);
    expect(after.ranking).toEqual([ana.id]);
    expect(after.avoid).toEqual([]);
    await mentee.context.close();

    // --- The owner sets the minimum score, mentors per mentee and the ideal seniority gap.
    const team = await signedInSession(e2e, owner.email);
    const op = team.page;
    const settingsPath = `/programs/${programId}/mentoring/settings`;
    await visit(op, settingsPath, "Mentoring settings");
    const bulk = op.getByLabel("Bulk match by the program team (best total score)");
    expect(await bulk.isChecked()).toBe(false);
    await bulk.check();
    await op.getByLabel(/^Minimum score for bulk matching/).fill("150");
    await op.getByLabel(/^Mentors per mentee/).fill("9");
    await op.getByLabel(/^Smallest ideal gap/).fill("3");
    await op.getByLabel(/^Largest ideal gap/).fill("1");
    await op.getByRole("button", { name: "Save settings" }).click();
    await op.getByText("Enter a percentage from 0 to 100.").first().waitFor();
    await op.getByText("Enter a whole number from 1 to 5.").first().waitFor();
    await op.getByText("The smallest gap cannot be larger than the largest.").first().waitFor();
    expect(await op.getByLabel(/^Minimum score for bulk matching/).getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(op, /^Mentors per mentee/)).toContain("Enter a whole number from 1 to 5.");
    await expectAccessible(op, "mentoring settings with errors");
    await op.getByLabel(/^Minimum score for bulk matching/).fill("40");
    await op.getByLabel(/^Mentors per mentee/).fill("2");
    await op.getByLabel(/^Smallest ideal gap/).fill("1");
    await op.getByLabel(/^Largest ideal gap/).fill("3");
    await op.getByRole("button", { name: "Save settings" }).click();
    await expectToast(op, "Mentoring settings saved.");
    const stored = await callApi(team, "GET", `/api/programs/${programId}/mentoring/settings`);
    expect(stored.minimumScore).toBe(0.4);
    expect(stored.mentorsPerMentee).toBe(2);
    expect(stored.idealSeniorityGap).toEqual({ min: 1, max: 3 });
    expect(stored.matchModes).toContain("bulk");

    await visit(op, settingsPath, "Mentoring settings");
    expect(await op.getByLabel(/^Minimum score for bulk matching/).inputValue()).toBe("40");
    expect(await op.getByLabel(/^Mentors per mentee/).inputValue()).toBe("2");
    expect(await op.getByLabel(/^Smallest ideal gap/).inputValue()).toBe("1");
    expect(await op.getByLabel(/^Largest ideal gap/).inputValue()).toBe("3");
    expect(await op.getByLabel("Bulk match by the program team (best total score)").isChecked()).toBe(true);
    await expectAccessible(op, "mentoring settings");
    await team.context.close();
  });
});
