import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson, makeProgram } from "../../src/server/testing/factories.ts";
import { callApi, type E2E, enrol, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("home page: what to do next", () => {
  it("nudges a newcomer to the advisor and shows a mentor the request waiting for them", async () => {
    const db = e2e.server.db;
    const org = await makeOrganization(db, "Home");
    const pm = await makePerson(db, org, { role: "program_manager" });
    const newcomer = await makePerson(db, org, { name: "Nia Newcomer" });
    const mentor = await makePerson(db, org, { name: "Mara Mentor", seniority: 5 });
    const mentee = await makePerson(db, org, { name: "Milo Mentee", seniority: 2 });
    const programId = await makeProgram(db, org, pm.id, { kind: "mentoring", name: "Home mentoring" });

    const fresh = await signedInSession(e2e, newcomer.email);
    await visit(fresh.page, "/", /Welcome, Nia/);
    const next = fresh.page.getByRole("region", { name: "What to do next" });
    await next.getByText("You are all caught up").waitFor();
    await expectAccessible(fresh.page, "home with the advisor nudge");
    await next.getByRole("link", { name: "Take the development advisor" }).click();
    await fresh.page.waitForURL((url) => url.pathname === "/advisor");

    const asMentor = await signedInSession(e2e, mentor.email);
    const asMentee = await signedInSession(e2e, mentee.email);
    await enrol(asMentor, programId, "mentor");
    await enrol(asMentee, programId, "mentee");
    await callApi(asMentee, "POST", `/api/programs/${programId}/mentoring/requests`, {
      mentorId: mentor.id,
      message: "Would you mentor me on moving into product?",
    });
    await visit(asMentor.page, "/", /Welcome, Mara/);
    const steps = asMentor.page.getByRole("list", { name: "Next steps, most pressing first" });
    const item = steps.getByRole("listitem").filter({ hasText: "Answer 1 mentoring request" });
    await item.waitFor();
    expect(await item.textContent()).toContain("From Milo Mentee");
    expect(await asMentor.page.getByText("Take the development advisor").count()).toBe(0);
    await expectAccessible(asMentor.page, "home with next steps");
    await item.getByRole("link", { name: "Answer 1 mentoring request" }).click();
    await asMentor.page.waitForURL((url) => url.pathname === "/mentoring/requests");
  });
});
