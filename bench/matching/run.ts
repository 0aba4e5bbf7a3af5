/**
 * `npm run --silent bench:matching [-- --only <1-4>] [-- --runs N]`: Trellis's exact assignment against the
 * `munkres` Hungarian reference on the same instances. One JSON object per size on stdout (JSON Lines),
 * progress on stderr. A measurement, not a test: nothing here passes or fails.
 *
 * Without `--only`, every size runs in its own child process (the same node flags, `--only i`): the
 * process high-water mark (`maxRSS`) never goes down, so in one long process an earlier size's reference
 * would show up as a later size's Trellis peak.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Assignment, assign, certify } from "../../src/domain/matching/assign.ts";
import { dense, type Instance, sparse } from "./instances.ts";
import { munkresTotal } from "./munkres-reference.ts";

const SIZES: { label: string; make: () => Instance }[] = [
  { label: "1000 x 300", make: () => dense({ mentees: 1000, mentors: 300, seed: 1 }) },
  { label: "10000 x 2000", make: () => dense({ mentees: 10000, mentors: 2000, seed: 2 }) },
  {
    label: "10000 x 2000, 30% forbidden",
    make: () =>
      dense({
        mentees: 10000,
        mentors: 2000,
        forbiddenShare: 0.3,
        seed: 3,
        size: "10000 x 2000, 30% forbidden",
      }),
  },
  {
    label: "50000 x 10000 sparse (200 per mentee)",
    make: () => sparse({ mentees: 50000, mentors: 10000, candidates: 200, seed: 4 }),
  },
];

/** The reference is not run when its capacity-expanded matrix alone would take more than this. */
const REFERENCE_MATRIX_LIMIT_BYTES = 4e9;

function fail(message: string): never {
  process.stderr.write(`bench:matching: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { only: number | null; runs: number } {
  let only: number | null = null;
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--only" || flag === "--runs") {
      const k = Number(value);
      if (value === undefined || !Number.isInteger(k)) fail(`${flag} needs an integer`);
      if (flag === "--only") {
        if (k < 1 || k > SIZES.length) fail(`--only must be between 1 and ${SIZES.length}`);
        only = k;
      } else {
        if (k < 1) fail("--runs must be at least 1");
        runs = k;
      }
      i++;
    } else fail(`unknown argument ${JSON.stringify(flag)} (usage: [--only 1-${SIZES.length}] [--runs N])`);
  }
  return { only, runs };
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const round1 = (x: number) => Math.round(x * 10) / 10;
const maxRssMB = () => round1(process.resourceUsage().maxRSS / 1024);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function measure(index: number, runs: number): Record<string, unknown> {
  const spec = SIZES[index - 1];
  if (!spec) throw new Error(`no size ${index}`);
  const tag = `[${index}/${SIZES.length}] ${spec.label}`;

  // Warm-up (untimed) on a small instance, so the first timed run does not pay for compilation.
  assign(dense({ mentees: 200, mentors: 60, seed: 99 }));
  gc();

  log(`${tag}: generating`);
  const instance = spec.make();
  const n = instance.slots.length;
  const seats = instance.capacities.reduce((sum, c) => sum + Math.max(0, c), 0);
  const edges = instance.edges.score.length;

  const times: number[] = [];
  let result: Assignment | null = null;
  for (let r = 0; r < runs; r++) {
    result = null;
    gc();
    const start = performance.now();
    result = assign(instance);
    const ms = performance.now() - start;
    times.push(ms);
    log(`${tag}: trellis run ${r + 1}/${runs}: ${round1(ms)} ms`);
  }
  if (!result) throw new Error("no run");
  const peakRssMB = maxRssMB();
  const certificate = certify(instance, result);
  const trellisMs = round1(median(times));

  let referenceMs: number | null = null;
  let referenceTotal: number | null = null;
  let referencePeakRssMB: number | null = null;
  let reference: string | undefined;
  const matrixBytes = n * seats * 8;
  if (matrixBytes > REFERENCE_MATRIX_LIMIT_BYTES) {
    reference = `not run: the capacity-expanded matrix would be ${n} x ${seats} doubles (${round1(matrixBytes / 1e9)} GB)`;
    log(`${tag}: reference ${reference}`);
  } else {
    gc();
    log(`${tag}: reference (munkresTotal, one run)`);
    const start = performance.now();
    try {
      referenceTotal = munkresTotal(instance).total;
      referenceMs = round1(performance.now() - start);
    } catch (error) {
      reference = `failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
    referencePeakRssMB = maxRssMB();
    log(`${tag}: reference ${referenceMs ?? "-"} ms`);
  }

  const agrees =
    referenceTotal === null ||
    Math.abs(result.total - referenceTotal) <= 1e-6 * Math.max(1, Math.abs(referenceTotal));
  return {
    size: instance.size,
    edges,
    trellisMs,
    trellisRuns: runs,
    trellisRunsMs: times.map(round1),
    referenceMs,
    referenceRuns: referenceMs === null ? 0 : 1,
    speedup: referenceMs === null ? null : round1(referenceMs / trellisMs),
    trellisTotal: result.total,
    referenceTotal,
    exact: certificate.optimal && agrees,
    certificate: { primal: certificate.primal, dual: certificate.dual },
    peakRssMB,
    peakRssNote: "process high-water mark after the Trellis runs (includes the generated instance)",
    referencePeakRssMB,
    ...(referencePeakRssMB === null
      ? {}
      : {
          referencePeakRssNote:
            "process high-water mark after the reference run (includes the instance and the Trellis runs)",
        }),
    ...(reference === undefined ? {} : { reference }),
  };
}

const { only, runs } = parseArgs(process.argv.slice(2));
if (only !== null) {
  process.stdout.write(`${JSON.stringify(measure(only, runs))}\n`);
} else {
  const script = fileURLToPath(import.meta.url);
  for (let i = 1; i <= SIZES.length; i++) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, script, "--only", String(i), "--runs", String(runs)],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 24 },
    );
    const line = child.stdout?.trim() ?? "";
    if (child.status === 0 && line !== "") process.stdout.write(`${line}\n`);
    else {
      const how = child.signal ? `signal ${child.signal}` : `exit code ${child.status}`;
      process.stdout.write(
        `${JSON.stringify({ size: SIZES[i - 1]?.label, error: `the measurement process ended with ${how}` })}\n`,
      );
    }
  }
}
