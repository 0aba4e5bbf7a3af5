import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("calendar feed", () => {
  it("a person creates their feed link, copies it, resets it (the old link stops working)", async () => {
    const org = await makeOrganization(e2e.server.db, "Calendared");
    const member = await makePerson(e2e.server.db, org, { name: "Cal Endar" });
    const session = await signedInSession(e2e, member.email);
    const { page, context } = session;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.server.url });

    // Reached from the account links of the navigation.
    await visit(page, "/", /Welcome/);
    await page.getByRole("link", { name: "Calendar feed" }).click();
    await page.getByRole("heading", { level: 1, name: "Calendar feed" }).waitFor();
    await page.getByText("You have no calendar feed yet").waitFor();
    await expectAccessible(page, "calendar feed (empty)");

    await page.getByRole("button", { name: "Create my feed link" }).click();
    const link = page.getByRole("textbox", { name: "Subscription URL" });
    await link.waitFor();
    const first = await link.inputValue();
    expect(first).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Link copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await expectAccessible(page, "calendar feed (new link)");

    const feed = await context.request.get(first);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    await page.getByRole("button", { name: "Reset link" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset your calendar link?" });
    await dialog.waitFor();
    await expectAccessible(page, "calendar feed (reset dialog)");
    await dialog.getByRole("button", { name: "Reset link" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => link.inputValue()).not.toBe(first);
    const second = await link.inputValue();
    expect(second).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await context.request.get(first)).status()).toBe(404);
    expect((await context.request.get(second)).status()).toBe(200);

    // The link is shown once: back on the page, the feed is on and the link is not there.
    await visit(page, "/account/calendar", "Calendar feed");
    await page.getByRole("heading", { name: "Your feed is on" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Subscription URL" }).count()).toBe(0);
    await expectAccessible(page, "calendar feed (on)");
  }, 60_000);
});
