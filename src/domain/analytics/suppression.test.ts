import { describe, expect, it } from "vitest";
import { HIDDEN, MIN_GROUP_SIZE, suppress, suppressBreakdown, suppressCount } from "./suppression.ts";

describe("suppress", () => {
  it("hides a group of 1 to 4 people, its size included", () => {
    for (const n of [1, 2, 3, 4])
      expect(suppress(4.5, n)).toEqual({ suppressed: true, value: null, n: null });
  });

  it("shows a group of 5 or more with its size", () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(suppress(4.5, 5)).toEqual({ suppressed: false, value: 4.5, n: 5 });
    expect(suppressCount(12)).toEqual({ suppressed: false, value: 12, n: 12 });
  });

  it("shows an empty group: there is no one to identify", () => {
    expect(suppress(null, 0)).toEqual({ suppressed: false, value: null, n: 0 });
    expect(suppressCount(0)).toEqual({ suppressed: false, value: 0, n: 0 });
  });

  it("counts people, not participations", () => {
    expect(suppressCount(4, 9)).toEqual(HIDDEN);
    expect(suppressCount(5, 9)).toEqual({ suppressed: false, value: 9, n: 5 });
  });
});

describe("suppressBreakdown", () => {
  const parts = (...ns: number[]) => ns.map((n) => ({ value: n, n }));
  const shown = (figures: ReturnType<typeof suppressBreakdown>) => figures.map((f) => f.value);

  it("hides each part below 5 and keeps the others when the hidden ones add up to 5 or more", () => {
    expect(shown(suppressBreakdown(parts(5, 4, 3, 12)))).toEqual([5, null, null, 12]);
  });

  it("hides the smallest shown part too when a lone hidden part could be worked out from the total", () => {
    expect(shown(suppressBreakdown(parts(5, 4, 12)))).toEqual([null, null, 12]);
    expect(shown(suppressBreakdown(parts(20, 1, 7, 9)))).toEqual([20, null, null, 9]);
  });

  it("leaves a breakdown with nothing hidden alone, zeros included", () => {
    expect(shown(suppressBreakdown(parts(5, 0, 8)))).toEqual([5, 0, 8]);
  });

  it("counts the people a breakdown leaves out with the hidden ones", () => {
    expect(shown(suppressBreakdown(parts(6, 3), 2))).toEqual([6, null]);
    expect(shown(suppressBreakdown(parts(6, 7), 2))).toEqual([null, 7]);
  });

  it("hides everything when every part is small", () => {
    expect(shown(suppressBreakdown(parts(2, 2)))).toEqual([null, null]);
    expect(shown(suppressBreakdown(parts(4, 50)))).toEqual([null, null]);
  });
});
