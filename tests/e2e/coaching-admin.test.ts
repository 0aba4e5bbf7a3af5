import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MadePerson,
  makeOrganization,
  makePerson,
  makeProgram,
} from "../../src/server/testing/factories.ts";
import { callApi, type E2E, expectToast, type Session, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const OBJECTIVES = [
  {
    title: "Delegate the weekly planning",
    theme: "delegation",
    metricName: "Hours a week spent on planning",
    metricUnit: "hours",
    baseline: 10,
    target: 2,
  },
  {
    title: "Give feedback every week",
    theme: "feedback",
    metricName: "Feedback conversations a month",
    metricUnit: "count",
    baseline: 1,
    target: 8,
  },
];

const growNote = (text: string) => ({ text, visibility: "shared_with_coachee" });

/** The people and program the four steps share; each step builds on the one before. */
interface World {
  programId: string;
  admin: MadePerson;
  manager: MadePerson;
  sponsor: MadePerson;
  otherSponsor: MadePerson;
  cleo: MadePerson;
  dev: MadePerson;
  erin: MadePerson;
  mo: MadePerson;
  fay: MadePerson;
  ivy: MadePerson;
  cara: MadePerson;
  colin: MadePerson;
  gus: MadePerson;
  operations: MadePerson[];
}
let w: World;

describe("coaching for program staff and sponsors", () => {
  beforeAll(async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Coaching admin");
    const admin = await makePerson(db, org, { role: "org_admin", name: "Ada Admin" });
    const manager = await makePerson(db, org, { role: "program_manager", name: "Pia Planner" });
    const sponsor = await makePerson(db, org, {
      role: "sponsor",
      name: "Sam Sponsor",
      department: "Finance",
    });
    const otherSponsor = await makePerson(db, org, { role: "sponsor", name: "Sue Sponsor" });
    const mo = await makePerson(db, org, { name: "Mo Manager", department: "Engineering", seniority: 6 });
    const person = (name: string, department: string, extra = {}) =>
      makePerson(db, org, { name, department, seniority: 4, ...extra });
    w = {
      programId: await makeProgram(db, org, manager.id, { kind: "coaching", name: "Leadership coaching" }),
      admin,
      manager,
      sponsor,
      otherSponsor,
      mo,
      cleo: await person("Cleo Coach", "People"),
      dev: await person("Dev Coach", "Strategy"),
      erin: await person("Erin External", "Partners"),
      fay: await person("Fay Full", "People"),
      ivy: await person("Ivy Insight", "People"),
      cara: await person("Cara Coachee", "Engineering", { managerId: mo.id, seniority: 3 }),
      colin: await person("Colin Coachee", "Sales", { seniority: 3 }),
      gus: await person("Gus Busy", "Sales", { seniority: 3 }),
      operations: [],
    };
    for (let i = 1; i <= 5; i++) w.operations.push(await person(`Opal Ops ${i}`, "Operations"));
  });

  it("an org admin adds two coaches to the pool", async () => {
    const s = await signedInSession(e2e, w.admin.email);
    const p = s.page;
    await visit(p, "/", /Welcome/);
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach pool" }).click();
    await p.getByRole("heading", { level: 1, name: "Coach pool" }).waitFor();
    await p.getByText("No coaches in the pool yet").waitFor();
    await expectAccessible(p, "coach pool (empty)");

    // The form says what is missing.
    await p.getByRole("button", { name: "Add a coach" }).click();
    const dialog = p.getByRole("dialog", { name: "Add a coach" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Add to the pool" }).click();
    await dialog.getByText("Choose the person to add as a coach.").first().waitFor();
    await dialog.getByText("Add at least one language the coach coaches in.").first().waitFor();
    await expectAccessible(p, "add a coach (errors)");

    // An internal coach: the languages come from her profile.
    await dialog.getByLabel("Search for person").fill("Cleo");
    await dialog.getByRole("button", { name: "Choose Cleo Coach" }).click();
    await dialog.getByRole("button", { name: "Remove English" }).waitFor();
    await dialog.getByLabel("Add to specialties").fill("Delegation");
    await dialog.getByLabel("Add to specialties").press("Enter");
    await dialog.getByLabel("Add to specialties").fill("Feedback");
    await dialog.getByLabel("Add to specialties").press("Enter");
    await dialog.getByLabel(/^Capacity/).fill("3");
    await dialog.getByLabel(/^Bio/).fill("Former engineering manager; coaches new leads.");
    await expectAccessible(p, "add a coach (filled in)");
    await dialog.getByRole("button", { name: "Add to the pool" }).click();
    await expectToast(p, "Added Cleo Coach to the coach pool.");
    await dialog.waitFor({ state: "hidden" });

    // An external coach with a second language.
    await p.getByRole("button", { name: "Add a coach" }).click();
    await dialog.waitFor();
    await dialog.getByLabel("Search for person").fill("Dev Co");
    await dialog.getByRole("button", { name: "Choose Dev Coach" }).click();
    await dialog.getByRole("button", { name: "Remove English" }).waitFor();
    await dialog.getByRole("radio", { name: /^External coach/ }).check();
    await dialog.getByLabel("Add to specialties").fill("Strategy");
    await dialog.getByRole("button", { name: "Add to specialties" }).click();
    await dialog.getByLabel("Add to languages").fill("French");
    await dialog.getByLabel("Add to languages").press("Enter");
    await dialog.getByLabel(/^Capacity/).fill("31");
    await dialog.getByRole("button", { name: "Add to the pool" }).click();
    await dialog.getByText("Enter a whole number from 1 to 30.").first().waitFor();
    await dialog.getByLabel(/^Capacity/).fill("2");
    await dialog.getByRole("button", { name: "Add to the pool" }).click();
    await expectToast(p, "Added Dev Coach to the coach pool.");

    const table = p.getByRole("table", { name: /Coaches in the pool/ });
    const cleoRow = table.getByRole("row", { name: /Cleo Coach/ });
    expect(await cleoRow.textContent()).toContain("Delegation, Feedback");
    expect(
      await cleoRow.getByRole("meter", { name: "Load of Cleo Coach" }).getAttribute("aria-valuetext"),
    ).toBe("0 of 3 coachees");
    const devRow = table.getByRole("row", { name: /Dev Coach/ });
    expect(await devRow.textContent()).toContain("External coach");
    expect(await devRow.textContent()).toContain("English, French");
    await p.getByText("2 coaches, 2 taking coachees, room for 5 more coachees.").waitFor();
    await expectAccessible(p, "coach pool (two coaches)");

    // Editing keeps the person and changes the profile.
    await devRow.getByRole("button", { name: "Edit Dev Coach" }).click();
    const edit = p.getByRole("dialog", { name: "Edit Dev Coach" });
    expect(await edit.getByLabel(/^Capacity/).inputValue()).toBe("2");
    await edit.getByLabel(/^Capacity/).fill("4");
    await edit.getByRole("button", { name: "Save coach" }).click();
    await expectToast(p, "Saved Dev Coach's coach profile.");
    await p.getByText("2 coaches, 2 taking coachees, room for 7 more coachees.").waitFor();
    await s.context.close();
  });

  it("a sponsor assigns a coach from the shortlist and lands on the engagement page", async () => {
    // More coaches through the API: an external one, Cara's own manager (excluded for her) and a full one.
    const admin = await signedInSession(e2e, w.admin.email);
    const coach = (kind: string, specialties: string[], capacity: number) => ({
      kind,
      specialties,
      languages: ["English"],
      capacity,
    });
    await callApi(admin, "PUT", `/api/coaching/coaches/${w.erin.id}`, coach("external", ["Feedback"], 5));
    await callApi(admin, "PUT", `/api/coaching/coaches/${w.mo.id}`, coach("internal", ["Delegation"], 5));
    await callApi(admin, "PUT", `/api/coaching/coaches/${w.fay.id}`, coach("internal", ["Delegation"], 1));
    await callApi(admin, "POST", `/api/programs/${w.programId}/coaching/engagements`, {
      coacheeId: w.gus.id,
      coachId: w.fay.id,
      sponsorId: w.otherSponsor.id,
      focus: "Delegation",
    });
    await admin.context.close();

    const s = await signedInSession(e2e, w.sponsor.email);
    const p = s.page;
    await visit(p, `/programs/${w.programId}`, "Leadership coaching");
    await p
      .getByRole("region", { name: "Coaching" })
      .getByRole("link", { name: "Coaching engagements" })
      .click();
    await p.getByRole("heading", { level: 1, name: "Coaching" }).waitFor();
    // The sponsor sees only the engagements they sponsor.
    await p.getByText("No coaching engagements yet").waitFor();
    expect(await p.getByRole("main").textContent()).not.toContain("Gus Busy");
    await expectAccessible(p, "program coaching (sponsor, empty)");

    await p.getByLabel("Search for coachee").fill("Cara");
    await p.getByRole("button", { name: "Choose Cara Coachee" }).click();
    await p.getByLabel("Focus areas").fill("Delegation");
    await p.getByRole("button", { name: "Show the shortlist" }).click();
    const ranked = p.getByRole("list", { name: "Coaches ranked for Cara Coachee" });
    await ranked.waitFor();
    const cards = ranked.locator(":scope > li");
    expect(await cards.count()).toBe(5);
    expect(await cards.first().getByRole("heading").textContent()).toContain("Cleo Coach");
    const cleoScore = await cards
      .first()
      .getByRole("meter", { name: "Match score" })
      .getAttribute("aria-valuenow");
    expect(Number(cleoScore)).toBeGreaterThan(50);
    // The criteria behind a score are one click away.
    await cards
      .first()
      .getByText(/^Why this score/)
      .click();
    await cards.first().getByRole("meter", { name: "Shared language" }).waitFor();
    // Her own manager is excluded, the full coach is marked; neither can be chosen.
    const mo = p.getByRole("article", { name: /Mo Manager/ });
    await mo.getByText("Why this coach is excluded").waitFor();
    await mo.getByText("Not available for this coachee.").waitFor();
    expect(await mo.getByRole("radio").count()).toBe(0);
    const fay = p.getByRole("article", { name: /Fay Full/ });
    await fay.getByText("Full", { exact: true }).waitFor();
    await fay.getByText("Full: already coaching 1 of 1.").waitFor();
    expect(await fay.getByRole("radio").count()).toBe(0);
    expect(await cards.last().textContent()).toContain("Mo Manager");
    await expectAccessible(p, "program coaching (shortlist)");

    await p.getByRole("radio", { name: "Assign Cleo Coach" }).check();
    expect(await p.getByLabel(/^Session budget/).inputValue()).toBe("6");
    expect(await p.getByLabel(/^Start date/).inputValue()).toBe(day(0));
    await p.getByText("Leave it empty to sponsor it yourself.", { exact: false }).waitFor();
    await p.getByRole("button", { name: "Assign Cleo Coach" }).click();
    await p.waitForURL(/\/coaching\/engagements\/[0-9a-f-]{36}$/);
    await p.getByRole("heading", { level: 1, name: /Cara Coachee/ }).waitFor();
    const id = new URL(p.url()).pathname.split("/").at(-1);
    const engagement = await callApi(s, "GET", `/api/coaching/engagements/${id}`);
    expect(engagement.coach.name).toBe("Cleo Coach");
    expect(engagement.sponsor.name).toBe("Sam Sponsor");
    expect(engagement.budget.total).toBe(6);
    expect(engagement.focus).toBe("Delegation");

    // Back on the program's page, the engagement is listed with its budget.
    await visit(p, `/programs/${w.programId}/coaching`, "Coaching");
    const row = p.getByRole("row", { name: /Cara Coachee.*Cleo Coach/ });
    await row.waitFor();
    expect(await row.getByRole("meter").getAttribute("aria-valuetext")).toBe("0 of 6 used");
    await row.getByText("Setting up").waitFor();
    await expectAccessible(p, "program coaching (sponsor, one engagement)");
    await s.context.close();
  });

  it("a program manager proposes three coaches for a chemistry call", async () => {
    const s = await signedInSession(e2e, w.manager.email);
    const p = s.page;
    await visit(p, `/programs/${w.programId}`, "Leadership coaching");
    await p.getByRole("link", { name: "Coaching engagements" }).click();
    await p.getByRole("heading", { level: 1, name: "Coaching" }).waitFor();
    // Managers see every engagement of the program.
    await p.getByRole("row", { name: /Cara Coachee.*Cleo Coach.*Sam Sponsor/ }).waitFor();
    await p.getByRole("row", { name: /Gus Busy.*Fay Full.*Sue Sponsor/ }).waitFor();
    await expectAccessible(p, "program coaching (manager)");

    // Cara has coaching already; a manager must name the sponsor.
    await p.getByLabel("Search for coachee").fill("Cara");
    await p.getByRole("button", { name: "Choose Cara Coachee" }).click();
    await p.getByRole("button", { name: "Show the shortlist" }).click();
    await p.getByRole("radio", { name: "Assign Dev Coach" }).check();
    await p.getByRole("button", { name: "Assign Dev Coach" }).click();
    await p.getByText("Choose the sponsor who funds this coaching.").first().waitFor();
    await p.getByRole("button", { name: "Choose Sam Sponsor as sponsor" }).click();
    await p.getByRole("button", { name: "Assign Dev Coach" }).click();
    const alert = p
      .getByRole("alert")
      .filter({ hasText: "This person already has coaching in this program" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "Cara Coachee already has an open engagement in this program.",
    );
    await expectAccessible(p, "assign a coach (already engaged)");

    // Colin gets three coaches to meet; the fourth cannot be added.
    await p.getByRole("button", { name: "Remove Cara Coachee" }).click();
    await p.getByLabel("Search for coachee").fill("Colin");
    await p.getByRole("button", { name: "Choose Colin Coachee" }).click();
    await p.getByLabel("Focus areas").fill("Strategy, feedback");
    await p.getByRole("button", { name: "Show the shortlist" }).click();
    await p.getByRole("list", { name: "Coaches ranked for Colin Coachee" }).waitFor();
    await p.getByRole("radio", { name: /^Chemistry call with 2–3 coaches/ }).check();
    await p.getByRole("checkbox", { name: "Propose Dev Coach" }).check();
    await p.getByRole("button", { name: "Propose coaches for a chemistry call" }).click();
    await p.getByText("Choose 2 or 3 coaches for the chemistry call.").first().waitFor();
    await p.getByRole("checkbox", { name: "Propose Erin External" }).check();
    await p.getByRole("checkbox", { name: "Propose Cleo Coach" }).check();
    expect(await p.getByRole("checkbox", { name: /^Propose Mo Manager/ }).isDisabled()).toBe(true);
    await p.getByText("(3 chosen)", { exact: false }).waitFor();
    await expectAccessible(p, "assign a coach (chemistry call)");
    expect(await p.getByLabel(/^End date/).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await p.getByLabel(/^Session budget/).fill("8");
    await p.getByRole("button", { name: "Propose 3 coaches for a chemistry call" }).click();
    await p.waitForURL(/\/coaching\/engagements\/[0-9a-f-]{36}$/);
    await p.getByRole("heading", { level: 1, name: /Colin Coachee/ }).waitFor();
    const id = new URL(p.url()).pathname.split("/").at(-1);
    const engagement = await callApi(s, "GET", `/api/coaching/engagements/${id}`);
    expect(engagement.coach).toBeNull();
    expect(engagement.proposedCoaches.map((c: { person: { name: string } }) => c.person.name).sort()).toEqual(
      ["Cleo Coach", "Dev Coach", "Erin External"],
    );
    expect(engagement.budget.total).toBe(8);
    expect(engagement.sponsor.name).toBe("Sam Sponsor");

    await visit(p, `/programs/${w.programId}/coaching`, "Coaching");
    const row = p.getByRole("row", { name: /Colin Coachee/ });
    await row.getByText("Not chosen yet").waitFor();
    await row.getByText("Chemistry call").waitFor();
    await s.context.close();
  });

  it("insights stay suppressed below five engagements, then show figures and themes", async () => {
    const sponsor = await signedInSession(e2e, w.sponsor.email);
    const p = sponsor.page;
    await visit(p, "/", /Welcome/);
    await p
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Coaching insights" })
      .click();
    await p.getByRole("heading", { level: 1, name: "Coaching insights" }).waitFor();
    await p.getByText("Figures appear from 5 engagements").waitFor();
    await expectAccessible(p, "insights (suppressed, none)");

    // Five engagements with agreed objectives, through the API.
    const admin = await signedInSession(e2e, w.admin.email);
    await callApi(admin, "PUT", `/api/coaching/coaches/${w.ivy.id}`, {
      kind: "internal",
      specialties: ["Delegation"],
      languages: ["English"],
      capacity: 10,
    });
    await admin.context.close();
    const coach = await signedInSession(e2e, w.ivy.email);
    const created: { id: string; objectiveIds: string[]; coachee: Session }[] = [];
    const engage = async (person: MadePerson) => {
      const e = await callApi(sponsor, "POST", `/api/programs/${w.programId}/coaching/engagements`, {
        coacheeId: person.id,
        coachId: w.ivy.id,
        startDate: day(-30),
        focus: "Delegation",
      });
      const objectives = await callApi(coach, "PUT", `/api/coaching/engagements/${e.id}/objectives`, {
        objectives: OBJECTIVES,
      });
      const coachee = await signedInSession(e2e, person.email);
      for (const who of [coachee, coach, sponsor]) {
        await callApi(who, "POST", `/api/coaching/engagements/${e.id}/objectives/agree`);
      }
      created.push({ id: e.id, objectiveIds: objectives.items.map((o: { id: string }) => o.id), coachee });
    };
    for (const person of w.operations.slice(0, 4)) await engage(person);
    await p.reload();
    await p.getByRole("heading", { level: 1, name: "Coaching insights" }).waitFor();
    const figures = p.getByRole("region", { name: /^Figures for/ });
    await figures.getByText("Figures appear from 5 engagements").waitFor();
    await figures.getByText("4", { exact: true }).waitFor();
    expect(await figures.textContent()).not.toContain("Progress to target");

    const [opal5] = w.operations.slice(4);
    if (!opal5) throw new Error("five people in Operations");
    await engage(opal5);
    // The first coachee holds a session: a metric value, and an action due this week.
    const first = created[0];
    if (!first) throw new Error("an engagement");
    await callApi(first.coachee, "PUT", `/api/coaching/engagements/${first.id}/assessments/pre/self`, {
      ratings: first.objectiveIds.map((objectiveId) => ({ objectiveId, rating: 3 })),
    });
    const scheduled = await callApi(coach, "POST", `/api/coaching/engagements/${first.id}/sessions`, {
      scheduledAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      durationMinutes: 60,
    });
    await callApi(
      coach,
      "POST",
      `/api/coaching/engagements/${first.id}/sessions/${scheduled.items[0].id}/record`,
      {
        attendance: "held",
        goal: growNote("Hand over the planning"),
        reality: growNote("Ten hours a week"),
        options: growNote("Rotate the facilitation"),
        will: growNote("Delegate Monday's meeting"),
        actions: [{ text: "Delegate the Monday planning meeting", dueDate: day(3) }],
        metricValues: [{ objectiveId: first.objectiveIds[0], value: 6 }],
      },
    );

    await p.reload();
    await figures.getByText("Across 5 engagements with agreed objectives.").waitFor();
    const card = (label: string) =>
      figures.locator("dl > div").filter({ has: p.getByText(label, { exact: true }) });
    // Progress: 50% and 0% on the first engagement's two objectives, nothing on the other four: 5%.
    expect(await card("Progress to target").textContent()).toContain("5%");
    expect(await card("Attendance").textContent()).toContain("100%");
    expect(await card("Completion").textContent()).toContain("—");
    const themes = figures.getByRole("table", { name: "Engagements per objective theme" });
    await themes.getByRole("row", { name: "Delegation 5" }).waitFor();
    await themes.getByRole("row", { name: "Giving and receiving feedback 5" }).waitFor();
    await figures.getByRole("img", { name: "Bar chart: engagements per objective theme" }).waitFor();
    await expectAccessible(p, "insights (figures)");

    // Filters: the coachees' department, and the program.
    await p.getByLabel("Coachee's department").selectOption("Engineering");
    await p.getByRole("heading", { name: "Figures for all coaching programs, Engineering" }).waitFor();
    await figures.getByText("Figures appear from 5 engagements").waitFor();
    expect(new URL(p.url()).searchParams.get("department")).toBe("Engineering");
    await p.getByLabel("Coachee's department").selectOption("Operations");
    await figures.getByText("Across 5 engagements with agreed objectives.").waitFor();
    await p.getByLabel("Program", { exact: true }).selectOption({ label: "Leadership coaching" });
    await p.getByRole("heading", { name: "Figures for Leadership coaching, Operations" }).waitFor();
    await figures.getByText("Across 5 engagements with agreed objectives.").waitFor();
    await expectAccessible(p, "insights (filtered)");

    // --- My coaching, as the coachee: objectives with their chart, this week's action, sessions used.
    const c = first.coachee.page;
    await visit(c, "/", /Welcome/);
    await c.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coaching" }).click();
    await c.getByRole("heading", { level: 1, name: "My coaching" }).waitFor();
    const asCoachee = c.getByRole("region", { name: "As coachee" });
    await asCoachee.getByRole("link", { name: "Coaching with Ivy Insight" }).waitFor();
    const progress = asCoachee.getByRole("meter", { name: "Progress on Delegate the weekly planning" });
    expect(await progress.getAttribute("aria-valuetext")).toBe("50% of the way to the target");
    await asCoachee
      .getByText(
        "Hours a week spent on planning: baseline 10 hours, target 2 hours, latest 6 hours — 50% of the way to the target.",
      )
      .waitFor();
    await asCoachee
      .getByRole("img", { name: "Line chart of Hours a week spent on planning, with the target line" })
      .waitFor();
    expect(
      await asCoachee
        .getByRole("meter", { name: "Sessions used of the budget" })
        .getAttribute("aria-valuetext"),
    ).toBe("1 of 6 used");
    await c
      .getByRole("navigation", { name: "Coaching" })
      .getByRole("link", { name: "Rating requests" })
      .waitFor();
    const actions = c.getByRole("region", { name: "Your actions this week" });
    await actions.getByText("Delegate the Monday planning meeting", { exact: true }).waitFor();
    await expectAccessible(c, "my coaching (coachee)");
    await actions.getByRole("button", { name: "Mark done: Delegate the Monday planning meeting" }).click();
    await expectToast(c, "Marked done: Delegate the Monday planning meeting");
    await actions.getByText("Nothing due this week").waitFor();

    // As the coach: the next step is waiting; as the sponsor, every engagement they fund.
    const cp = coach.page;
    await visit(cp, "/coaching", "My coaching");
    const asCoach = cp.getByRole("region", { name: "As coach" });
    const coached = asCoach.getByRole("listitem").filter({ has: cp.getByRole("heading") });
    // The heading shows before the list has loaded; wait for the fifth before counting.
    await coached.nth(4).waitFor();
    expect(await coached.count()).toBe(5);
    await cp
      .getByRole("region", { name: "Waiting for you" })
      .getByText("schedule the next session")
      .first()
      .waitFor();
    await expectAccessible(cp, "my coaching (coach)");
    await visit(p, "/coaching", "My coaching");
    const asSponsor = p.getByRole("region", { name: "As sponsor" });
    await asSponsor.getByRole("link", { name: "Cara Coachee with Cleo Coach" }).waitFor();
    await asSponsor.getByRole("link", { name: "Colin Coachee, choosing a coach" }).waitFor();
    expect(await p.getByRole("main").textContent()).not.toContain("Hand over the planning");
    await expectAccessible(p, "my coaching (sponsor)");

    for (const x of created) await x.coachee.context.close();
    await coach.context.close();
    await sponsor.context.close();
  });

  it("the coach pool shows 20 coaches at a time, by name", async () => {
    const db = e2e.server.db;
    const org = w.admin.organizationId;
    const s = await signedInSession(e2e, w.admin.email);
    for (let i = 1; i <= 20; i++) {
      const p = await makePerson(db, org, { name: `Zed Coach ${String(i).padStart(2, "0")}` });
      await callApi(s, "PUT", `/api/coaching/coaches/${p.id}`, {
        kind: "internal",
        specialties: [],
        languages: ["English"],
        capacity: 2,
      });
    }
    const p = s.page;
    await visit(p, "/coaching/coaches", "Coach pool");
    await p.getByText("Showing 20 of 26 coaches").waitFor();
    const table = p.getByRole("table", { name: /Coaches in the pool/ });
    const names = () => table.locator("tbody th a").allTextContents();
    expect((await names()).at(-1)).toBe("Zed Coach 14");
    await p.getByRole("button", { name: "Show more" }).click();
    await p.getByText("Showing 26 of 26 coaches").waitFor();
    const all = await names();
    expect(all).toHaveLength(26);
    expect(all).toEqual([...all].sort());
    await p.getByText("26 coaches, 26 taking coachees").waitFor();
    await expectAccessible(p, "coach pool (all pages)");
    await s.context.close();
  });
});
