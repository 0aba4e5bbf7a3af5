import { describe, expect, it } from "vitest";
import { runDurability } from "./testing/durability.ts";

/** `npm test` runs 10 kill cycles; `npm run test:durability` runs 50 (DURABILITY_CYCLES). */
const CYCLES = Number(process.env.DURABILITY_CYCLES ?? 10);
const SEED = process.env.DURABILITY_SEED ? Number(process.env.DURABILITY_SEED) : undefined;

describe("crash durability", () => {
  it(
    `loses no acknowledged write across ${CYCLES} kill -9 cycles under concurrent writes`,
    async () => {
      const report = await runDurability({
        cycles: CYCLES,
        ...(SEED !== undefined ? { seed: SEED } : {}),
        log: process.env.DURABILITY_VERBOSE ? (line) => console.log(line) : undefined,
      });
      console.log(`durability report: ${JSON.stringify(report)}`);
      expect(report.killCycles).toBe(CYCLES);
      expect(report.acknowledgedWrites).toBeGreaterThan(CYCLES);
      expect(report.lostWrites).toBe(0);
      expect(report.duplicateWrites).toBe(0);
      expect(report.integrityChecks.failed).toEqual([]);
      expect(report.integrityChecks.ok).toBe(CYCLES + 2);
      expect(report.otherAnswers).toEqual({});
    },
    CYCLES * 20_000 + 60_000,
  );
});
