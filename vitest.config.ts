import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest leaves a core free by default, which on CI's two cores runs one file at a time; each file
    // waits on its own database much of the time, so two at once finish sooner.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "server",
          include: ["src/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
