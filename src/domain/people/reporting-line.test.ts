import { describe, expect, it } from "vitest";
import { inReportingLine, managerChain, wouldCreateCycle } from "./reporting-line.ts";

const managers = new Map<string, string | null>([
  ["ceo", null],
  ["vp", "ceo"],
  ["lead", "vp"],
  ["ic", "lead"],
  ["other", "ceo"],
]);
const managerOf = (id: string) => managers.get(id);

describe("reporting line", () => {
  it("walks the manager chain upwards", () =>
    expect(managerChain("ic", managerOf)).toEqual(["lead", "vp", "ceo"]));
  it("detects loops", () => {
    expect(wouldCreateCycle("vp", "ic", managerOf)).toBe(true);
    expect(wouldCreateCycle("vp", "vp", managerOf)).toBe(true);
    expect(wouldCreateCycle("ic", "other", managerOf)).toBe(false);
  });
  it("stops on an existing loop instead of spinning", () => {
    const looped = new Map([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(managerChain("a", (id) => looped.get(id))).toEqual(["b"]);
  });
  it("knows who is in whose reporting line", () => {
    expect(inReportingLine("ic", "vp", managerOf)).toBe(true);
    expect(inReportingLine("vp", "ic", managerOf)).toBe(true);
    expect(inReportingLine("ic", "other", managerOf)).toBe(false);
  });
});
