import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { solveProblemText } from "../../../scripts/match-solve-core.ts";
import { assign, type EdgeTuple } from "./assign.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface ProblemJson {
  mentors: { capacity: number }[];
  mentees: { slots?: number }[];
  edges: [number, number, number][];
}

const problem: ProblemJson = {
  mentors: [{ capacity: 1 }, { capacity: 2 }, { capacity: 0 }],
  mentees: [{ slots: 1 }, { slots: 2 }, {}, { slots: 0 }],
  edges: [
    [0, 0, 0.5],
    [0, 1, 0.45],
    [1, 0, 0.9],
    [1, 1, 0.4],
    [1, 2, 1],
    [2, 1, 0.3],
    [2, 0, 0.7],
    [3, 1, 0.99],
    [2, 2, -0.2],
  ],
};

function solved(text: string): { pairs: [number, number][]; total: number } {
  const result = solveProblemText(text);
  if (!result.ok) throw new Error(`expected a solution, got: ${result.error}`);
  expect(result.output.endsWith("\n")).toBe(true);
  const parsed = JSON.parse(result.output) as { pairs: [number, number][]; total: number };
  expect(Object.keys(parsed).sort()).toEqual(["pairs", "total"]);
  return parsed;
}

function failure(input: unknown): string {
  const result = solveProblemText(typeof input === "string" ? input : JSON.stringify(input));
  if (result.ok) throw new Error(`expected an error, got: ${result.output}`);
  expect(result.error).not.toMatch(/\n|\bat .*\.ts:\d+/);
  return result.error;
}

describe("match:solve (solveProblemText)", () => {
  it("solves a valid problem: the total is assign's and the pairs are feasible", () => {
    const { pairs, total } = solved(JSON.stringify(problem));
    const expected = assign({
      capacities: problem.mentors.map((m) => m.capacity),
      slots: problem.mentees.map((m) => m.slots ?? 1),
      edges: problem.edges as EdgeTuple[],
    });
    expect(total).toBeCloseTo(expected.total, 12);
    const score = new Map(problem.edges.map(([u, v, w]) => [`${u},${v}`, w]));
    const perMentee = new Map<number, number>();
    const perMentor = new Map<number, number>();
    let sum = 0;
    for (const [u, v] of pairs) {
      const w = score.get(`${u},${v}`);
      expect(w, `pair [${u}, ${v}] is an allowed edge`).toBeDefined();
      sum += w ?? 0;
      perMentee.set(u, (perMentee.get(u) ?? 0) + 1);
      perMentor.set(v, (perMentor.get(v) ?? 0) + 1);
    }
    expect(new Set(pairs.map(([u, v]) => `${u},${v}`)).size).toBe(pairs.length);
    for (const [u, k] of perMentee) expect(k).toBeLessThanOrEqual(problem.mentees[u]?.slots ?? 1);
    for (const [v, k] of perMentor) expect(k).toBeLessThanOrEqual(problem.mentors[v]?.capacity ?? 0);
    expect(sum).toBeCloseTo(total, 12);
    // By hand: mentor 2 has no seat and mentee 3 no slot; mentor 0's one seat goes to mentee 1 (0.9), mentor 1's
    // two seats to mentees 0 (0.45) and 1 (0.4): 1.75, against 0.7 + 0.45 + 0.4 or 0.5 + 0.4 + 0.3.
    expect(pairs).toEqual([
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(total).toBeCloseTo(1.75, 12);
  });

  it("defaults a mentee's slots to 1", () => {
    const { pairs, total } = solved(
      JSON.stringify({
        mentors: [{ capacity: 5 }, { capacity: 5 }],
        mentees: [{}],
        edges: [
          [0, 0, 1],
          [0, 1, 2],
        ],
      }),
    );
    expect(pairs).toEqual([[0, 1]]);
    expect(total).toBe(2);
    const two = solved(
      JSON.stringify({
        mentors: [{ capacity: 5 }, { capacity: 5 }],
        mentees: [{ slots: 2 }],
        edges: [
          [0, 0, 1],
          [0, 1, 2],
        ],
      }),
    );
    expect(two.pairs).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(two.total).toBe(3);
  });

  it("solves an empty problem", () => {
    expect(solved(JSON.stringify({ mentors: [], mentees: [], edges: [] }))).toEqual({ pairs: [], total: 0 });
  });

  it("rejects invalid JSON and empty input", () => {
    expect(failure('{"mentors": [')).toMatch(/not valid JSON/);
    expect(failure("")).toMatch(/input is empty/);
  });

  it("rejects the wrong shape", () => {
    expect(failure([1, 2, 3])).toMatch(/must be a JSON object \{ mentors, mentees, edges \}/);
    expect(failure({ mentees: [], edges: [] })).toMatch(/^mentors: .*missing/);
    expect(failure({ mentors: [], mentees: [], edges: [[0, 0]] })).toMatch(
      /^edges\[0\]: must be a \[menteeIndex, mentorIndex, score\] triple/,
    );
    expect(failure({ mentors: [], mentees: [{ slots: 1.5 }], edges: [] })).toMatch(
      /^mentees\[0\]\.slots: slots must be a non-negative integer, got 1\.5/,
    );
  });

  it("rejects an out-of-range index, naming the edge", () => {
    const bad = { ...problem, edges: [...problem.edges, [1, 7, 0.5]] };
    expect(failure(bad)).toBe("edges[9]: mentor index 7 is out of range (3 mentors)");
    const badMentee = { ...problem, edges: [[4, 0, 0.5], ...problem.edges] };
    expect(failure(badMentee)).toBe("edges[0]: mentee index 4 is out of range (4 mentees)");
    expect(failure({ ...problem, edges: [[-1, 0, 0.5]] })).toMatch(
      /^edges\[0\]: mentee index must be a non-negative integer, got -1/,
    );
  });

  it("rejects a duplicate pair, naming both edges", () => {
    const bad = { ...problem, edges: [...problem.edges, [1, 0, 0.1]] };
    expect(failure(bad)).toBe("edges[9]: duplicate pair (mentee 1, mentor 0), already given at edges[2]");
  });

  it("rejects a negative capacity", () => {
    const bad = { ...problem, mentors: [{ capacity: 1 }, { capacity: -2 }, { capacity: 0 }] };
    expect(failure(bad)).toBe("mentors[1].capacity: capacity must be a non-negative integer, got -2");
  });

  it("rejects a non-numeric or non-finite score", () => {
    const bad = { ...problem, edges: [[0, 0, "0.5"]] };
    expect(failure(bad)).toBe('edges[0]: score must be a finite number, got "0.5"');
    expect(failure('{"mentors":[{"capacity":1}],"mentees":[{}],"edges":[[0,0,1e999]]}')).toBe(
      "edges[0]: score must be a finite number, got Infinity",
    );
  });
});

describe("match:solve (the command)", () => {
  const run = (input: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/match-solve.ts"], {
      input,
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 20_000,
    });

  it("writes the solution on stdout with exit code 0, and one message on stderr with exit code 2", () => {
    const good = run(JSON.stringify(problem));
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual(solved(JSON.stringify(problem)));

    const bad = run(JSON.stringify({ ...problem, edges: [[0, 7, 1]] }));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe("match:solve: edges[0]: mentor index 7 is out of range (3 mentors)\n");
  });
});
