import { describe, expect, it } from "vitest";
import { meetingsPerMonth, timeToMatchDays } from "./mentoring.ts";
import { lastMonths, monthOf, monthsBetween } from "./months.ts";
import { mean, meanOfCounts, median, percentile, round } from "./statistics.ts";

describe("statistics", () => {
  it("median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("90th percentile interpolates between ranks", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 100], 0)).toBe(1);
    expect(percentile([1, 100], 100)).toBe(100);
  });

  it("mean, mean of a distribution, rounding", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(
      meanOfCounts([
        { value: 5, count: 3 },
        { value: 2, count: 1 },
      ]),
    ).toBe(4.25);
    expect(meanOfCounts([])).toBeNull();
    expect(round(2 / 3)).toBe(0.667);
    expect(round(null)).toBeNull();
  });
});

describe("months", () => {
  it("the last 12 months end with the current one, across a year boundary", () => {
    const months = lastMonths(new Date("2026-02-15T10:00:00Z"));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-03");
    expect(months[11]).toBe("2026-02");
  });

  it("month of a timestamp and of a date; months between", () => {
    expect(monthOf("2026-01-31T23:59:59.000Z")).toBe("2026-01");
    expect(monthOf("2026-01-05")).toBe("2026-01");
    expect(monthsBetween("2026-01-01", "2027-01-01")).toBeCloseTo(12, 1);
  });
});

describe("mentoring measures", () => {
  it("time to match is the days from enrolment to the match, never negative", () => {
    expect(timeToMatchDays("2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z")).toBe(14);
    expect(timeToMatchDays("2026-01-15T00:00:00Z", "2026-01-01T00:00:00Z")).toBe(0);
  });

  it("meetings per month over the last 90 days, or since a later start, at least one month", () => {
    const now = new Date("2026-06-30T00:00:00Z");
    expect(meetingsPerMonth("2025-01-01", 6, now)).toBeCloseTo(6 / (90 / (365.25 / 12)));
    expect(meetingsPerMonth("2026-06-20", 2, now)).toBe(2);
    expect(meetingsPerMonth("2026-05-01", 4, now)).toBeCloseTo(4 / (60 / (365.25 / 12)));
  });
});
