import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { AxeResults, Result } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function tryLaunch(executablePath: string): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile (its own --user-data-dir) and, with
  // `headless: true`, runs Chromium's new headless mode.
  return chromium.launch({ executablePath, headless: true, args: ARGS, timeout: 30_000 });
}

/**
 * Launches real Chromium: $CHROMIUM_PATH, then /usr/bin/chromium, then the one bundled with
 * @sparticuz/chromium. Never skips: if none starts, the error lists each path tried and why it failed.
 */
export async function launchBrowser(): Promise<Browser> {
  const tried: string[] = [];
  const candidates: { label: string; path: () => Promise<string> }[] = [];
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) candidates.push({ label: `CHROMIUM_PATH=${fromEnv}`, path: async () => fromEnv });
  else tried.push("CHROMIUM_PATH: not set");
  candidates.push({ label: "/usr/bin/chromium", path: async () => "/usr/bin/chromium" });
  candidates.push({
    label: "@sparticuz/chromium",
    path: async () => (await import("@sparticuz/chromium")).default.executablePath(),
  });
  for (const candidate of candidates) {
    let path: string;
    try {
      path = await candidate.path();
    } catch (err) {
      tried.push(
        `${candidate.label}: could not be resolved (${err instanceof Error ? err.message : String(err)})`,
      );
      continue;
    }
    if (!existsSync(path)) {
      tried.push(`${candidate.label}: ${path} does not exist`);
      continue;
    }
    try {
      return await tryLaunch(path);
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).split("\n").slice(0, 3).join(" ");
      tried.push(`${candidate.label}: ${path} did not launch (${reason})`);
    }
  }
  throw new Error(`No Chromium could be launched for the browser tests. Tried:\n  - ${tried.join("\n  - ")}`);
}

const axeSource = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

type AxeWindow = { axe?: { run: (context?: unknown, options?: unknown) => Promise<AxeResults> } };

function describeViolation(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map(
      (n) => `      ${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ") ?? ""}`,
    )
    .join("\n");
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
}

/** Runs axe-core on the page and fails on any serious or critical violation, printing them. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as AxeWindow).axe !== "undefined");
  // The app's CSP refuses inline <script> tags; evaluating through the DevTools protocol is not a page script.
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error("axe-core is not loaded");
    return axe.run(document, { resultTypes: ["violations"] });
  });
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const report = `Accessibility violations on ${label} (${page.url()}):\n${bad.map(describeViolation).join("\n")}`;
    console.error(report);
    throw new Error(report);
  }
}
