import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { totpCode } from "../../src/server/testing/totp.ts";
import {
  describedText,
  type E2E,
  expectToast,
  newSession,
  signedInSession,
  signInWithForm,
  startE2E,
} from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe("signing in and out", () => {
  it("shows an error for a wrong password, then signs in and out", async () => {
    const org = await makeOrganization(e2e.server.db);
    const member = await makePerson(e2e.server.db, org, { name: "Mina Member" });
    const { page, context } = await newSession(e2e);

    await page.goto("/");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectAccessible(page, "sign-in");

    await page.getByLabel(/^Email/).fill(member.email);
    await page.getByLabel(/^Password/).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/invalid email or password/i);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expectAccessible(page, "sign-in with an error");

    await signInWithForm(page, member.email);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Mina");
    const current = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" });
    expect(await current.getAttribute("aria-current")).toBe("page");
    // Members see no admin navigation and no statistics.
    expect(await page.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "People by department" }).count()).toBe(0);
    await expectAccessible(page, "home (member)");
    // On a fresh load the first Tab reaches the skip link, which moves focus to the main content.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Welcome, Mina" }).waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.goto("/programs");
    await page.waitForURL(
      (url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/programs",
    );
    await context.close();
  });

  it("returns to the page asked for after signing in", async () => {
    const org = await makeOrganization(e2e.server.db);
    const member = await makePerson(e2e.server.db, org);
    const { page, context } = await newSession(e2e);
    await page.goto("/people");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.getByLabel(/^Email/).fill(member.email);
    await page.getByLabel(/^Password/).fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/people");
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await context.close();
  });

  it("resets a forgotten password through the emailed link", async () => {
    const org = await makeOrganization(e2e.server.db);
    const member = await makePerson(e2e.server.db, org, { name: "Reza Reset" });
    const { page, context } = await newSession(e2e);

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Forgot your password?" }).waitFor();
    await expectAccessible(page, "forgot password");
    await page.getByLabel(/^Email/).fill(member.email);
    const mail = e2e.server.smtp.waitFor(member.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("a reset link is on its way").waitFor();

    const received = await mail;
    const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(received.text)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link ?? "");
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await expectAccessible(page, "reset password");

    await page.getByLabel(/^New password/).fill("short");
    await page.getByLabel("Repeat the new password").fill("different");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("alert").waitFor();
    const input = page.getByLabel(/^New password/);
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(page, /^New password/)).toContain("Use at least 10 characters.");
    expect(await describedText(page, /^Repeat the new password/)).toContain(
      "The two passwords do not match.",
    );
    await expectAccessible(page, "reset password with errors");

    await page.getByLabel(/^New password/).fill("a-fresh-long-password");
    await page.getByLabel("Repeat the new password").fill("a-fresh-long-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInWithForm(page, member.email, "a-fresh-long-password");
    await context.close();
  });
  it("changes the password from the account page, which signs out every other device", async () => {
    const org = await makeOrganization(e2e.server.db);
    const member = await makePerson(e2e.server.db, org, { name: "Cass Change" });
    const laptop = await signedInSession(e2e, member.email);
    const phone = await signedInSession(e2e, member.email);
    const { page } = laptop;
    await page.goto("/me");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Password and sign-in" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Password and sign-in" }).waitFor();
    await expectAccessible(page, "password and sign-in");

    await page.getByLabel(/^Current password/).fill("correct-horse-battery");
    await page.getByLabel(/^New password/).fill("password1234");
    await page.getByLabel(/^Repeat the new password/).fill("password1234");
    await page.getByRole("button", { name: "Change password" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/commonly used/);
    await expectAccessible(page, "password and sign-in with an error");

    await page.getByLabel(/^New password/).fill("a-much-better-passphrase");
    await page.getByLabel(/^Repeat the new password/).fill("a-much-better-passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expectToast(page, "Your password has been changed");
    expect(await page.getByLabel(/^Current password/).inputValue()).toBe("");

    await page.goto("/people");
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await phone.page.goto("/people");
    await phone.page.waitForURL((url) => url.pathname === "/sign-in");
    await laptop.context.close();
    await phone.context.close();
  });
  it("an admin turns on two-step verification, then signs in with the app's code", async () => {
    const org = await makeOrganization(e2e.server.db);
    const admin = await makePerson(e2e.server.db, org, { name: "Tia Totp", role: "org_admin" });
    const { page, context } = await signedInSession(e2e, admin.email);
    await page.goto("/account/security");
    await page.getByRole("heading", { level: 1, name: "Password and sign-in" }).waitFor();
    const twoStep = page.getByRole("region", { name: "Two-step verification" });
    await twoStep.getByLabel(/^Your password/).fill("correct-horse-battery");
    await twoStep.getByRole("button", { name: "Set up an authenticator app" }).click();
    await twoStep.getByRole("img", { name: /QR code/ }).waitFor();
    expect(await twoStep.getByRole("list", { name: "Backup codes" }).getByRole("listitem").count()).toBe(10);
    await expectAccessible(page, "two-step verification set-up");
    const secret = (await twoStep.locator("code").textContent()) ?? "";
    const uri = `otpauth://totp/Trellis?secret=${secret}`;
    await twoStep.getByLabel(/^6-digit code/).fill(totpCode(uri));
    await twoStep.getByRole("button", { name: "Turn on two-step verification" }).click();
    await expectToast(page, "Two-step verification is on.");
    await twoStep.getByText("Two-step verification is on.").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.getByLabel(/^Email/).fill(admin.email);
    await page.getByLabel(/^Password/).fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Two-step verification" }).waitFor();
    await expectAccessible(page, "second sign-in step");
    await page.getByLabel(/^Code/).fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel(/^Code/).fill(totpCode(uri));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await context.close();
  });
});
