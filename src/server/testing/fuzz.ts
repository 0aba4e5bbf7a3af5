import fc from "fast-check";
import { expect, it } from "vitest";
import type { client } from "./factories.ts";

/**
 * How many cases a fuzz test runs: its default times FUZZ_SCALE (1 unless set), so a longer hunt is
 * `FUZZ_SCALE=10 npx vitest run fuzz` without slowing every `npm test`.
 */
export function fuzzRuns(defaultRuns: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  return Math.max(1, Math.round(defaultRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Any JSON value at all, or a string that is not JSON. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    "",
    " ",
    "null",
    "1e309",
    "🙂",
    "\u0000",
    "a".repeat(5000),
    "2026-13-45T99:99:99Z",
    "Europe/Nowhere",
  ),
);

/** Bodies near a valid one: each field kept, dropped or replaced by anything; plus bodies of any shape. */
export function bodies(base: Record<string, unknown>) {
  const mutated = fc.record(
    Object.fromEntries(
      Object.entries(base).map(([k, v]) => [
        k,
        fc.oneof(
          { arbitrary: fc.constant(v), weight: 4 },
          { arbitrary: fc.constant(undefined), weight: 1 },
          { arbitrary: anyValue, weight: 1 },
        ),
      ]),
    ),
  );
  const withExtra = fc
    .tuple(mutated, fc.string({ maxLength: 10 }), anyValue)
    .map(([b, k, v]) => ({ ...b, [k]: v }));
  const raw = fc.string().map((s) => ({ raw: `{${s}` }));
  return fc.oneof(mutated, mutated, withExtra, fc.jsonValue(), raw);
}

export async function send(
  as: ReturnType<typeof client>,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const isRaw = typeof body === "object" && body !== null && "raw" in body;
  return as.call(method, path, isRaw ? (body as { raw: string }).raw : JSON.stringify(body));
}

/**
 * Sends `runs` bodies near `base` and checks that none causes a server error, that every refusal has an
 * error code, and that some bodies get past validation (or the fuzzing only tested zod).
 */
export async function fuzzBodies(
  as: ReturnType<typeof client>,
  method: string,
  path: string,
  base: Record<string, unknown>,
  runs: number,
) {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies(base), async (body) => {
      const res = await send(as, method, path, body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
      if (res.status >= 400)
        expect((res.body as { error?: { code?: unknown } }).error?.code).toBeTypeOf("string");
    }),
    { numRuns: runs },
  );
  expect([...statuses.keys()].some((status) => status !== 400)).toBe(true);
}

export interface FuzzRoute<Role extends string> {
  role: Role;
  method: string;
  /** With `{name}` placeholders filled from the ids. */
  path: string;
  base: () => Record<string, unknown>;
}

export const fillPath = (template: string, ids: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? key);

/** One test per route, each sending `runs` bodies as the route's role. Callers and ids are read when the test runs. */
export function fuzzEachRoute<Role extends string>(
  routes: FuzzRoute<Role>[],
  caller: (role: Role) => ReturnType<typeof client>,
  ids: () => Record<string, string>,
  runs: number,
) {
  for (const route of routes) {
    it(`${route.method} ${route.path}: ${runs} bodies`, async () => {
      await fuzzBodies(caller(route.role), route.method, fillPath(route.path, ids()), route.base(), runs);
    }, 240_000);
  }
}

/** Query strings of known and unknown parameters, with any values, sent to one path: none may cause a 5xx. */
export async function fuzzQuery(as: ReturnType<typeof client>, method: string, path: string, runs: number) {
  const pairs = fc.array(
    fc.tuple(
      fc.constantFrom(
        "q",
        "limit",
        "offset",
        "cursor",
        "box",
        "show",
        "role",
        "status",
        "action",
        "kind",
        "token",
        "department",
        "eligibleOnly",
        "language",
        "menteeId",
        "mentorId",
        fc.sample(fc.string(), 1)[0] ?? "x",
      ),
      fc.oneof(fc.string(), fc.integer().map(String)),
    ),
    { maxLength: 5 },
  );
  await fc.assert(
    fc.asyncProperty(pairs, async (kv) => {
      const query = new URLSearchParams(kv).toString();
      const res = await as.call(method, `${path}?${query}`);
      expect(res.status, `${path}?${query}`).toBeLessThan(500);
    }),
    { numRuns: runs },
  );
}
