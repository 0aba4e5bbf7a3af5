import { z } from "zod";
import { assign } from "../src/domain/matching/assign.ts";

/**
 * The pure part of `npm run match:solve`: problem JSON in, solution JSON (or one human-readable error) out.
 *
 *   in:  { "mentors": [{ "capacity": c }...], "mentees": [{ "slots": k }...], "edges": [[mentee, mentor, score]...] }
 *   out: { "pairs": [[mentee, mentor]...], "total": number }
 *
 * `slots` defaults to 1. A pair not listed in `edges` is forbidden; a pair with a score ≤ 0 is never assigned.
 */
export type SolveResult = { ok: true; output: string } | { ok: false; error: string };

/** How a rejected value is shown in a message: short, and never "[object Object]". */
function shown(input: unknown): string {
  if (input === undefined) return "but it is missing";
  if (input === null) return "got null";
  if (Array.isArray(input)) return `got an array of ${input.length} element${input.length === 1 ? "" : "s"}`;
  if (typeof input === "object") return "got an object";
  const text = typeof input === "string" ? JSON.stringify(input) : String(input);
  return `got ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

function count(what: string) {
  const error = (issue: { input?: unknown }) =>
    `${what} must be a non-negative integer, ${shown(issue.input)}`;
  return z.number({ error }).int({ error }).min(0, { error });
}

const score = z.number({
  error: (issue) => `score must be a finite number, ${shown(issue.input)}`,
});

const edge = z.tuple([count("mentee index"), count("mentor index"), score], {
  error: (issue) => `must be a [menteeIndex, mentorIndex, score] triple, ${shown(issue.input)}`,
});

const problemSchema = z.object(
  {
    mentors: z.array(z.object({ capacity: count("capacity") }, { error: "must be an object { capacity }" }), {
      error: (issue) => `must be an array of { capacity } objects, ${shown(issue.input)}`,
    }),
    mentees: z.array(
      z.object({ slots: count("slots").optional() }, { error: "must be an object { slots? }" }),
      { error: (issue) => `must be an array of { slots? } objects, ${shown(issue.input)}` },
    ),
    edges: z.array(edge, {
      error: (issue) =>
        `must be an array of [menteeIndex, mentorIndex, score] triples, ${shown(issue.input)}`,
    }),
  },
  {
    error: (issue) => `the problem must be a JSON object { mentors, mentees, edges }, ${shown(issue.input)}`,
  },
);

type Problem = z.infer<typeof problemSchema>;

/** `["edges", 3, 1]` → `edges[3]` (the message names the field); `["mentors", 0, "capacity"]` → `mentors[0].capacity`. */
function where(path: ReadonlyArray<PropertyKey>): string {
  const shownPath = path[0] === "edges" ? path.slice(0, 2) : path;
  let out = "";
  for (const key of shownPath) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function oneMessage(problems: string[], total: number): string {
  const first = problems[0] ?? "the problem is invalid";
  const more = total - 1;
  return more > 0 ? `${first} (and ${more} more problem${more === 1 ? "" : "s"})` : first;
}

const plural = (k: number, noun: string) => `${k} ${noun}${k === 1 ? "" : "s"}`;

/** Index ranges and duplicate pairs: what the schema alone cannot see. Reports in edge order. */
function checkEdges(problem: Problem): string | null {
  const n = problem.mentees.length;
  const m = problem.mentors.length;
  const { edges } = problem;
  const problems: string[] = [];
  let bad = 0;
  for (let e = 0; e < edges.length; e++) {
    const [u, v] = edges[e] as Problem["edges"][number];
    if (u >= n) {
      bad++;
      if (problems.length === 0)
        problems.push(`edges[${e}]: mentee index ${u} is out of range (${plural(n, "mentee")})`);
    }
    if (v >= m) {
      bad++;
      if (problems.length === 0)
        problems.push(`edges[${e}]: mentor index ${v} is out of range (${plural(m, "mentor")})`);
    }
  }
  if (bad > 0) return oneMessage(problems, bad);

  // Duplicates without a Set of pair keys (which tops out at 2^24 entries): edges grouped by mentee, then
  // one "last seen at" slot per mentor.
  const start = new Int32Array(n + 1);
  for (const [u] of edges) start[u + 1] = (start[u + 1] as number) + 1;
  for (let u = 0; u < n; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
  const fill = start.slice(0, n);
  const byMentee = new Int32Array(edges.length);
  for (let e = 0; e < edges.length; e++) {
    const u = (edges[e] as Problem["edges"][number])[0];
    const at = fill[u] as number;
    fill[u] = at + 1;
    byMentee[at] = e;
  }
  const seenAt = new Int32Array(m).fill(-1);
  const seenFor = new Int32Array(m).fill(-1);
  let duplicates = 0;
  let first = -1;
  let firstEarlier = -1;
  for (let u = 0; u < n; u++) {
    for (let k = start[u] as number; k < (start[u + 1] as number); k++) {
      const e = byMentee[k] as number;
      const v = (edges[e] as Problem["edges"][number])[1];
      if (seenFor[v] === u) {
        duplicates++;
        if (first === -1 || e < first) {
          first = e;
          firstEarlier = seenAt[v] as number;
        }
        continue;
      }
      seenFor[v] = u;
      seenAt[v] = e;
    }
  }
  if (duplicates === 0) return null;
  const [u, v] = edges[first] as Problem["edges"][number];
  return oneMessage(
    [`edges[${first}]: duplicate pair (mentee ${u}, mentor ${v}), already given at edges[${firstEarlier}]`],
    duplicates,
  );
}

export function solveProblemText(text: string): SolveResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "")
    return { ok: false, error: "the input is empty: expected a JSON problem { mentors, mentees, edges }" };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return {
      ok: false,
      error: `the input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = problemSchema.safeParse(json);
  if (!parsed.success) {
    const { issues } = parsed.error;
    const messages = issues.slice(0, 1).map((issue) => {
      const at = where(issue.path);
      return at === "" ? issue.message : `${at}: ${issue.message}`;
    });
    return { ok: false, error: oneMessage(messages, issues.length) };
  }
  const problem = parsed.data;
  const edgeProblem = checkEdges(problem);
  if (edgeProblem !== null) return { ok: false, error: edgeProblem };

  const e = problem.edges.length;
  const mentee = new Int32Array(e);
  const mentor = new Int32Array(e);
  const scores = new Float64Array(e);
  for (let i = 0; i < e; i++) {
    const [u, v, w] = problem.edges[i] as Problem["edges"][number];
    mentee[i] = u;
    mentor[i] = v;
    scores[i] = w;
  }
  const { pairs, total } = assign({
    capacities: problem.mentors.map((mentorEntry) => mentorEntry.capacity),
    slots: problem.mentees.map((menteeEntry) => menteeEntry.slots ?? 1),
    edges: { mentee, mentor, score: scores },
  });
  return { ok: true, output: `${JSON.stringify({ pairs, total })}\n` };
}
