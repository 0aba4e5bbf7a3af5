import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastMonths } from "../../src/domain/analytics/months.ts";
import { addMonths } from "../../src/domain/mentoring/lifecycle.ts";
import {
  checkinAt,
  dateDaysAgo,
  enrolAt,
  meetingOn,
  relationshipAt,
} from "../../src/server/testing/analytics.ts";
import {
  type MadePerson,
  makeOrganization,
  makePerson,
  makeProgram,
} from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const months = lastMonths(new Date());
const [cur, prev] = [months[11] ?? "", months[10] ?? ""];
const at = (month: string, day: number, time = "09:00:00") =>
  `${month}-${String(day).padStart(2, "0")}T${time}.000Z`;

interface World {
  manager: MadePerson;
  sponsor: MadePerson;
  programId: string;
  circleId: string;
}
let w: World;

describe("program analytics and succession", () => {
  beforeAll(async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Analytics");
    const manager = await makePerson(db, org, { role: "program_manager", name: "Pia Planner" });
    const sponsor = await makePerson(db, org, { role: "sponsor", name: "Sam Sponsor" });
    const programId = await makeProgram(db, org, manager.id, {
      kind: "mentoring",
      name: "Rising leaders",
      leadershipTrack: true,
    });
    // Eleven mentees: six in Sales, three in Operations, two in Legal.
    const departments = [
      ...Array(6).fill("Sales"),
      ...Array(3).fill("Operations"),
      ...Array(2).fill("Legal"),
    ];
    const mentees: MadePerson[] = [];
    for (const [i, department] of departments.entries())
      mentees.push(
        await makePerson(db, org, {
          name: `Mentee ${String.fromCharCode(65 + i)}`,
          department,
          seniority: 3,
          title: "Team lead",
        }),
      );
    const mentors: MadePerson[] = [];
    for (let i = 0; i < 6; i++)
      mentors.push(
        await makePerson(db, org, { name: `Mentor ${i + 1}`, department: "Engineering", seniority: 7 }),
      );
    for (const m of mentees) await enrolAt(db, org, programId, m.id, "mentee", at(prev, 1));
    for (const m of mentors) await enrolAt(db, org, programId, m.id, "mentor", at(prev, 1));
    for (const [i, mentee] of mentees.entries()) {
      const active = i < 6;
      const mentor = mentors[i % 6] as MadePerson;
      const rel = await relationshipAt(db, org, programId, {
        mentorId: mentor.id,
        menteeId: mentee.id,
        status: active ? "active" : "completed",
        createdAt: at(prev, 2 + i),
        startDate: `${prev}-15`,
        plannedEndDate: addMonths(`${prev}-15`, 9),
        endedAt: active ? null : at(cur, 1, "00:00:01"),
      });
      if (active) {
        await meetingOn(db, org, rel, mentee.id, dateDaysAgo(2));
        await meetingOn(db, org, rel, mentor.id, dateDaysAgo(9));
        await checkinAt(db, org, rel, mentee.id, i < 2 ? 4 : 5, at(cur, 1, "00:00:02"));
      }
    }
    // A second mentoring program, not on the leadership track yet, with one mentee waiting.
    const circleId = await makeProgram(db, org, manager.id, { kind: "mentoring", name: "Peer circle" });
    const waiting = await makePerson(db, org, { name: "Wanda Waiting", department: "Legal", seniority: 2 });
    await enrolAt(db, org, circleId, waiting.id, "mentee", at(cur, 1, "00:00:03"));
    w = { manager, sponsor, programId, circleId };
  });

  it("a program manager reads a program's analytics: figures, charts, a withheld department and the CSV", async () => {
    const s = await signedInSession(e2e, w.manager.email);
    const p = s.page;
    await visit(p, `/programs/${w.programId}`, "Rising leaders");
    await p.getByRole("link", { name: "Analytics", exact: true }).click();
    await p.getByRole("heading", { level: 1, name: "Analytics: Rising leaders" }).waitFor();

    const tile = (list: string, label: string) =>
      p.locator(`dl[aria-label="${list}"] > div`, { has: p.getByText(label, { exact: true }) });
    expect(await tile("Participation", "Enrolled").textContent()).toContain("11");
    expect(await tile("Participation", "Active").textContent()).toContain("6");
    expect(await tile("Participation", "Completed").textContent()).toContain("5");
    expect(await tile("Mentoring measures", "Mentors").textContent()).toContain("6");
    expect(await tile("Mentoring measures", "Time to match (median)").textContent()).toContain("6 days");
    expect(await tile("Mentoring measures", "Check-in satisfaction").textContent()).toContain("4.7 of 5");

    // The charts draw (SVG), and the trend says what happened.
    const trend = p.getByRole("figure", { name: "Participation over the last 12 months" });
    await trend.locator("svg").first().waitFor();
    expect(await trend.textContent()).toContain("11 new participants, 11 matched, 5 completed");
    const departments = p.getByRole("figure", { name: "Mentees by department" });
    await departments.locator("svg").first().waitFor();
    await p.locator("figure svg.recharts-surface").nth(3).waitFor();

    // Sales (6) is drawn; Operations (3) and Legal (2) are withheld, named, and not drawn as zero.
    const text = (await departments.textContent()) ?? "";
    expect(text).toContain("Sales: 6");
    expect(text).toContain("Legal, Operations: fewer than 5 people each, so not shown.");
    expect(await departments.locator("svg").textContent()).not.toContain("Operations");
    await expectAccessible(p, "program analytics");

    const href = await p
      .getByRole("link", { name: "Export CSV of Rising leaders's analytics" })
      .getAttribute("href");
    expect(href).toBe(`/api/analytics/programs/${w.programId}/export.csv`);
    const csv = await s.context.request.get(href ?? "");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers()["content-disposition"]).toContain("attachment");
    const body = await csv.text();
    expect(body.startsWith("section,kind,metric,group,period,value,n\r\n")).toBe(true);
    expect(body).toContain("departments,mentoring,participants,Sales,,6,6");
    expect(body).toContain("departments,mentoring,participants,Operations,,suppressed (<5),");
    await s.context.close();
  });

  it("the organization's analytics, by kind", async () => {
    const s = await signedInSession(e2e, w.manager.email);
    const p = s.page;
    await visit(p, "/", /Welcome/);
    await p
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Program analytics" })
      .click();
    await p.getByRole("heading", { level: 1, name: "Program analytics" }).waitFor();
    await p.getByText("Figures about fewer than 5 people are withheld").waitFor();
    const programs = p.getByRole("table", { name: "Programs with their participants" });
    expect(await programs.getByRole("row", { name: /Rising leaders/ }).textContent()).toContain("11");
    // Peer circle's one mentee is withheld, and so is the mentoring total, which would give it away.
    expect(await programs.getByRole("row", { name: /Peer circle/ }).textContent()).toContain("fewer than 5");
    expect(await p.getByRole("tab", { name: /Mentoring/ }).textContent()).toBe("Mentoring(fewer than 5)");
    // The programs are paged by the server, and searched there.
    await p.getByText("Showing 2 of 2 programs").waitFor();
    await p.getByRole("searchbox", { name: "Search programs" }).fill("peer");
    await p.getByText("Showing 1 of 1 program").waitFor();
    expect(await programs.getByRole("row", { name: /Rising leaders/ }).count()).toBe(0);
    await p.getByRole("searchbox", { name: "Search programs" }).fill("");
    await programs.getByRole("row", { name: /Rising leaders/ }).waitFor();
    expect(await p.locator('dl[aria-label="People taking part"] > div').first().textContent()).toContain(
      "fewer than 5",
    );
    await expectAccessible(p, "organization analytics");

    await p.getByRole("tab", { name: /Mentoring/ }).click();
    await p.getByRole("heading", { name: "Mentoring measures" }).waitFor();
    await p.getByRole("figure", { name: "Check-in satisfaction by month" }).locator("svg").first().waitFor();
    await expectAccessible(p, "organization analytics (mentoring)");
    await p.getByRole("tab", { name: /Coaching/ }).click();
    await p.getByText("No one takes part in a coaching program yet").waitFor();
    expect(await p.getByRole("link", { name: "Create a coaching program" }).getAttribute("href")).toBe(
      "/programs/new",
    );
    await s.context.close();
  });

  it("the succession view lists leadership-track mentees, and a program joins it from its form", async () => {
    const s = await signedInSession(e2e, w.manager.email);
    const p = s.page;
    await visit(p, "/analytics/succession", "Succession");
    const table = p.getByRole("table", { name: /Mentees of leadership-track programs/ });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(11);
    const row = table.getByRole("row", { name: /Mentee A/ });
    const rowText = (await row.textContent()) ?? "";
    expect(rowText).toContain("Rising leaders");
    expect(rowText).toContain("Mentor 1");
    expect(rowText).toContain("Active");
    expect(await row.locator("td").nth(4).textContent()).toMatch(/^\d+(\.\d)? \/ 9$/);
    expect(await row.locator("td").nth(5).textContent()).toBe("2");
    expect(await table.getByRole("row", { name: /Mentee K/ }).textContent()).toContain("Completed");
    expect(await table.textContent()).not.toContain("Wanda Waiting");
    await expectAccessible(p, "succession");

    // Tick "Leadership track" on the peer circle: its waiting mentee appears.
    await visit(p, `/programs/${w.circleId}/edit`, /Edit/);
    const box = p.getByRole("checkbox", { name: "Leadership track" });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await p.getByRole("button", { name: /Save/ }).click();
    await expectToast(p, "Saved Peer circle.");
    await visit(p, "/analytics/succession", "Succession");
    const wanda = p.getByRole("row", { name: /Wanda Waiting/ });
    expect(await wanda.textContent()).toContain("Waiting for a mentor");
    await p.getByLabel("Program").selectOption({ label: "Peer circle" });
    await p.getByText("1 mentee in Peer circle").waitFor();
    expect(await p.locator("tbody tr").count()).toBe(1);
    await s.context.close();
  });

  it("a sponsor sees the analytics but not the succession view", async () => {
    const s = await signedInSession(e2e, w.sponsor.email);
    const p = s.page;
    await visit(p, "/", /Welcome/);
    const nav = p.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Program analytics" }).waitFor();
    expect(await nav.getByRole("link", { name: "Succession" }).count()).toBe(0);
    await nav.getByRole("link", { name: "Program analytics" }).click();
    await p.getByRole("heading", { level: 1, name: "Program analytics" }).waitFor();
    await p.getByRole("table", { name: "Programs with their participants" }).waitFor();
    await visit(p, `/programs/${w.programId}/analytics`, "Analytics: Rising leaders");
    expect(await p.locator('dl[aria-label="Participation"]').textContent()).toContain("Enrolled11");
    await expectAccessible(p, "program analytics (sponsor)");

    await visit(p, "/analytics/succession", "Succession");
    await p
      .getByRole("alert")
      .getByText("The succession view is for program managers and org admins")
      .waitFor();
    expect(await p.getByRole("main").textContent()).not.toContain("Mentee A");
    const api = await s.context.request.get("/api/analytics/succession");
    expect(api.status()).toBe(403);
    await expectAccessible(p, "succession (sponsor)");
    await s.context.close();
  });
});
