import { describe, expect, it } from "vitest";
import { isDatabaseBusy } from "./busy.ts";

const withCode = (code: string) => Object.assign(new Error("failed"), { code });

describe("isDatabaseBusy", () => {
  it.each([
    "SQLITE_BUSY",
    "SQLITE_BUSY_SNAPSHOT",
    "SQLITE_BUSY_RECOVERY",
    "SQLITE_LOCKED",
    "40001",
    "40P01",
    "55P03",
  ])("counts %s as busy", (code) => {
    expect(isDatabaseBusy(withCode(code))).toBe(true);
  });

  it("finds the code on a wrapped error", () => {
    expect(isDatabaseBusy(new Error("outer", { cause: withCode("SQLITE_BUSY") }))).toBe(true);
  });

  it.each(["SQLITE_CONSTRAINT", "23505", "42P01", "ECONNREFUSED"])("does not count %s", (code) => {
    expect(isDatabaseBusy(withCode(code))).toBe(false);
  });

  it("does not count errors without a code", () => {
    expect(isDatabaseBusy(new Error("plain"))).toBe(false);
    expect(isDatabaseBusy("text")).toBe(false);
  });
});
