import type { Browser, BrowserContext, Page } from "playwright-core";
import { parsedBody, TEST_PASSWORD, withVerbs } from "../../src/server/testing/factories.ts";
import { startTestServer, type TestServer } from "../../src/server/testing/harness.ts";
import { WEB_DIST } from "../../src/server/web-build.ts";
import { launchBrowser } from "./browser.ts";

export interface E2E {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** One server (fresh database, built SPA) and one browser for a test file. */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  const [server, browser] = await Promise.all([
    startTestServer({ webDist: WEB_DIST, ...options }),
    launchBrowser(),
  ]);
  return {
    server,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** The test server's origin, which the API expects in the Origin header of a cookie-authenticated call. */
  origin: string;
}

/** A fresh browser context (its own cookies) with one page, pointed at the test server. */
export async function newSession(e2e: E2E): Promise<Session> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.server.url,
    locale: "en-GB",
    timezoneId: "UTC",
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`[browser] page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning")
      console.error(`[browser ${msg.type()}] ${msg.text()}`);
  });
  return { context, page, origin: e2e.server.url };
}

/** Signs in through the sign-in form and waits for the home page. */
export async function signInWithForm(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
}

/** A signed-in session, signing in through the API (fast) rather than the form. */
export async function signedInSession(e2e: E2E, email: string): Promise<Session> {
  const session = await newSession(e2e);
  const res = await session.context.request.post("/api/auth/sign-in/email", {
    data: { email, password: TEST_PASSWORD },
    headers: { origin: e2e.server.url },
  });
  if (!res.ok()) throw new Error(`Sign-in for ${email} failed: ${res.status()} ${await res.text()}`);
  return session;
}

/** Calls the real API as the signed-in person of a session (for set-up steps a test does not drive). */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
export async function callApi(session: Session, method: string, path: string, data?: unknown): Promise<any> {
  const res = await session.context.request.fetch(path, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { origin: session.origin },
  });
  if (!res.ok()) throw new Error(`${method} ${path} failed: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** Enrols the signed-in person of a session in a program through the real API, as the SPA does. */
export const enrol = (session: Session, programId: string, role: "mentor" | "mentee") =>
  callApi(session, "POST", `/api/programs/${programId}/enrolments`, { role, answers: {} });

/** Goes to a path and waits for its level-1 heading. */
export async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** The text of whatever a field's aria-describedby points at (its hint and error). */
export async function describedText(page: Page, label: string | RegExp): Promise<string> {
  const ids = (await page.getByLabel(label).getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(" ");
}

/** Waits for a notification with this text, then dismisses it so it does not cover the page. */
export async function expectToast(page: Page, text: string): Promise<void> {
  const toast = page.getByRole("region", { name: "Notifications" }).locator("div", { hasText: text });
  await toast.first().waitFor();
  await toast.first().getByRole("button", { name: "Dismiss" }).click();
  await toast.first().waitFor({ state: "detached" });
}

/** The server-test factories' client, calling the real server as the signed-in person of a browser session. */
export function apiOf(session: Session): ReturnType<typeof withVerbs> {
  return withVerbs(async (method, path, body, headers = {}) => {
    const res = await session.context.request.fetch(path, {
      method,
      headers: { origin: session.origin, ...headers },
      ...(body === undefined ? {} : { data: body }),
    });
    return { status: res.status(), body: parsedBody(await res.text()), headers: new Headers(res.headers()) };
  });
}
