import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, type Session, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** Enrols the signed-in person through the real API, as the SPA does. */
async function enrol(e2e: E2E, session: Session, programId: string, role: "mentor" | "mentee") {
  const res = await session.context.request.post(`/api/programs/${programId}/enrolments`, {
    data: { role, answers: {} },
    headers: { origin: e2e.server.url },
  });
  if (!res.ok()) throw new Error(`Enrolment as ${role} failed: ${res.status()} ${await res.text()}`);
}

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
    await enrol(e2e, mentor, programId, "mentor");
    await enrol(e2e, other, programId, "mentor");
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
    expect(await op.content()).not.toContain(canary);

    // Opening the relationship directly is "not found" for the program team.
    await visit(op, relationshipPath, "Mentoring relationship");
    await op.getByText("Relationship not found.").waitFor();
    expect(await op.getByRole("alert").textContent()).toContain("Not found");
    expect(await op.content()).not.toContain(canary);
    await expectAccessible(op, "relationship (not found for the program team)");
    await team.context.close();
  });
});
