import { describe, expect, it } from "vitest";
import { addMonths, canMoveTo, dueCheckinPeriod, isQuiet } from "./lifecycle.ts";

describe("mentoring lifecycle", () => {
  it("moves proposed → active → completed | ended_early and never back", () => {
    expect(canMoveTo("proposed", "active")).toBe(true);
    expect(canMoveTo("active", "completed")).toBe(true);
    expect(canMoveTo("active", "ended_early")).toBe(true);
    expect(canMoveTo("proposed", "completed")).toBe(false);
    expect(canMoveTo("completed", "active")).toBe(false);
    expect(canMoveTo("ended_early", "active")).toBe(false);
  });
  it("adds calendar months, clamping to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-15", 9)).toBe("2026-12-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });
  it("knows which check-in is due", () => {
    expect(dueCheckinPeriod("2026-01-10", 3, "2026-04-09")).toBe(0);
    expect(dueCheckinPeriod("2026-01-10", 3, "2026-04-10")).toBe(1);
    expect(dueCheckinPeriod("2026-01-10", 3, "2026-10-11")).toBe(3);
  });
  it("flags relationships with no meeting for six weeks", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(isQuiet("2026-05-01T00:00:00Z", now)).toBe(false);
    expect(isQuiet("2026-04-01T00:00:00Z", now)).toBe(true);
    expect(isQuiet(null, now)).toBe(true);
  });
});
