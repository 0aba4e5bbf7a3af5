import { describe, expect, it } from "vitest";
import { ReportCache } from "./report-cache.ts";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function counter() {
  let runs = 0;
  const compute = async (now: Date) => {
    runs++;
    return `report ${runs} of ${now.toISOString()}`;
  };
  return { compute, runs: () => runs };
}

describe("report cache", () => {
  it("serves a report for a minute after it was computed, then computes it again", async () => {
    const cache = new ReportCache<string>(60_000);
    const c = counter();
    const first = await cache.get("org", c.compute, at(0));
    expect(first).toEqual({ value: `report 1 of ${at(0).toISOString()}`, computedAt: at(0) });
    expect(await cache.get("org", c.compute, at(59))).toEqual(first);
    expect(c.runs()).toBe(1);
    // Past the minute, the previous report is served while the next one is computed.
    expect(await cache.get("org", c.compute, at(61))).toEqual(first);
    expect(c.runs()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.get("org", c.compute, at(62))).computedAt).toEqual(at(61));
    // Past two minutes, the caller waits for a fresh one.
    expect((await cache.get("org", c.compute, at(200))).computedAt).toEqual(at(200));
  });

  it("keys are separate, and concurrent requests share one computation", async () => {
    const cache = new ReportCache<string>(60_000);
    const c = counter();
    const [a, b, other] = await Promise.all([
      cache.get("org:published", c.compute, at(0)),
      cache.get("org:published", c.compute, at(0)),
      cache.get("org:draft,published,archived", c.compute, at(0)),
    ]);
    expect(a).toBe(b);
    expect(other.value).not.toBe(a.value);
    expect(c.runs()).toBe(2);
  });

  it("keeps no failed computation", async () => {
    const cache = new ReportCache<string>(60_000);
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error("database gone");
      return "report";
    };
    await expect(cache.get("org", compute, at(0))).rejects.toThrow("database gone");
    fail = false;
    expect((await cache.get("org", compute, at(1))).value).toBe("report");
  });

  it("holds at most so many reports, dropping the oldest", async () => {
    const cache = new ReportCache<string>(60_000, 2);
    const c = counter();
    for (const key of ["a", "b", "c"]) await cache.get(key, c.compute, at(0));
    await cache.get("b", c.compute, at(1));
    await cache.get("c", c.compute, at(1));
    expect(c.runs()).toBe(3);
    await cache.get("a", c.compute, at(1));
    expect(c.runs()).toBe(4);
  });
});
