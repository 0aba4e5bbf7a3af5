import type { Browser, BrowserContextOptions } from "playwright-core";

/** How long the main thread must stay free of long tasks (> 50 ms) after the content is rendered. */
export const QUIET_MS = 500;
const TIMEOUT_MS = 30_000;

export type PageRun = {
  lcpMs: number | null;
  ttiMs: number | null;
  contentMs: number | null;
  fcpMs: number | null;
  longTasks: number;
  /** Compressed bytes of the scripts the page fetched, from Resource Timing (cross-checks the bundle report). */
  jsTransferKb: number;
  lcpElement: string | null;
  error?: string;
};

type BenchState = {
  lcp: { t: number; el: string }[];
  longTasks: { start: number; end: number }[];
  ready: number | null;
  fcp: number | null;
  /** The page showed an error instead of its content: a failed query or a page that could not render. */
  failed: string | null;
};

/**
 * Installed before any page script runs. `ready` is when the page's main content was last painted complete:
 * the `<main>` landmark has its heading and no loading indicator (an `<output>` whose text ends with "…", the
 * app's Loading component) is on the page. It goes back to null whenever a loading indicator reappears.
 */
function observe() {
  const state: BenchState = { lcp: [], longTasks: [], ready: null, fcp: null, failed: null };
  (window as unknown as { __bench: BenchState }).__bench = state;
  const describe = (el: Element | null | undefined) => {
    if (!el) return "";
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${el.tagName.toLowerCase()}${text ? ` "${text}"` : ""}`;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
      state.lcp.push({ t: e.startTime, el: describe(e.element) });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      state.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") state.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });

  const complete = () => {
    const failure = document.querySelector("main [role=alert]");
    const heading = document.querySelector("main h1");
    if (
      !state.failed &&
      (heading?.textContent === "Something went wrong" || failure?.closest("form") === null)
    ) {
      state.failed = (failure ?? heading?.parentElement)?.textContent?.trim().slice(0, 200) ?? "error";
    }
    if (!heading || !(heading.textContent ?? "").trim()) return false;
    for (const o of document.querySelectorAll("output, [role=status]")) {
      if ((o.textContent ?? "").trim().endsWith("…")) return false;
    }
    return true;
  };
  // The DOM is complete when `check` sees it; the frame showing it is painted after the next animation frame.
  let pending: object | null = null;
  const check = () => {
    if (!complete()) {
      pending = null;
      state.ready = null;
      return;
    }
    if (state.ready !== null || pending) return;
    const token = {};
    pending = token;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (pending !== token) return;
        pending = null;
        state.ready = performance.now();
      }, 0),
    );
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

export const failedRun = (error: string): PageRun => ({
  lcpMs: null,
  ttiMs: null,
  contentMs: null,
  fcpMs: null,
  longTasks: 0,
  jsTransferKb: 0,
  lcpElement: null,
  error,
});

/**
 * One cold load of `url` in a fresh browser context (its own empty HTTP cache; `storageState` carries only
 * the session cookie). Time to interactive is measured as: the moment the main content is complete (see
 * `observe`) or the end of the last long task after it, whichever is later, once the main thread has then
 * been free of long tasks for QUIET_MS. LCP is the last largest-contentful-paint entry at that point.
 */
export async function measureLoad(
  browser: Browser,
  url: string,
  storageState?: BrowserContextOptions["storageState"],
): Promise<PageRun> {
  const context = await browser.newContext({
    ...(storageState ? { storageState } : {}),
    viewport: { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "UTC",
  });
  try {
    // tsx keeps function names by wrapping them in `__name(...)`, which the page does not define.
    await context.addInitScript({ content: `var __name = (f) => f; (${observe.toString()})();` });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const s = await page.evaluate(() => {
        const b = (window as unknown as { __bench?: BenchState }).__bench;
        return b
          ? { ready: b.ready, failed: b.failed, longTasks: b.longTasks, now: performance.now() }
          : null;
      });
      if (s?.failed) return failedRun(`${new URL(page.url()).pathname} showed an error: ${s.failed}`);
      const ready = s?.ready ?? null;
      if (s && ready !== null) {
        const lastLongTask = Math.max(0, ...s.longTasks.filter((t) => t.end > ready).map((t) => t.end));
        const quietFrom = Math.max(ready, lastLongTask);
        if (s.now - quietFrom >= QUIET_MS) break;
      }
      if (Date.now() > deadline) {
        const path = new URL(page.url()).pathname;
        return failedRun(
          `the main content of ${path} was not complete within ${TIMEOUT_MS} ms${
            pageErrors.length ? ` (page errors: ${pageErrors.join("; ")})` : ""
          }`,
        );
      }
      await page.waitForTimeout(50);
    }
    const result = await page.evaluate(() => {
      const b = (window as unknown as { __bench: BenchState }).__bench;
      const ready = b.ready ?? 0;
      const after = b.longTasks.filter((t) => t.end > ready);
      const tti = Math.max(ready, ...after.map((t) => t.end));
      const last = b.lcp[b.lcp.length - 1];
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
        (r) => r.initiatorType === "script" || r.name.endsWith(".js"),
      );
      return {
        lcpMs: last ? last.t : null,
        lcpElement: last ? last.el : null,
        ttiMs: tti,
        contentMs: ready,
        fcpMs: b.fcp,
        longTasks: b.longTasks.length,
        jsTransferBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
      };
    });
    const { jsTransferBytes, ...rest } = result;
    return { ...rest, jsTransferKb: Math.round(jsTransferBytes / 100) / 10 };
  } finally {
    await context.close();
  }
}
