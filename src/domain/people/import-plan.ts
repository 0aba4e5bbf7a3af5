/**
 * What importing a file of people would do to an organization: which rows create a person, update one or
 * change nothing, and which rows cannot be imported and why. Pure: the caller loads the organization's people.
 *
 * A field left out of a row (its column is not in the file) keeps its current value; `null` clears it.
 * Emails are compared lower-cased. Manager links are checked against the people the import leaves in place:
 * a manager must be a valid row of the file or already in the organization, and no link may close a loop in
 * the reporting line. Dropping a row can break another one (its manager was that row, or the loop it closed
 * now runs through the person's current manager), so the checks repeat until no further row drops out.
 */

export type ImportRole = "org_admin" | "program_manager" | "sponsor" | "member";

export interface ImportRow {
  /** The row's number in the file as a spreadsheet shows it: the header is row 1. */
  row: number;
  email: string;
  name: string;
  title?: string | null;
  department?: string | null;
  seniority?: number | null;
  managerEmail?: string | null;
  location?: string | null;
  timeZone?: string;
  languages?: string[];
  role?: ImportRole;
}

export interface ExistingPerson {
  id: string;
  email: string;
  name: string;
  title: string | null;
  department: string | null;
  seniority: number | null;
  managerId: string | null;
  location: string | null;
  timeZone: string;
  languages: string[];
  role: ImportRole;
}

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

export type RowAction = "create" | "update" | "unchanged";

export interface ImportPlan {
  /** Every row of the input that can be imported, in file order, with what it does. */
  actions: { row: ImportRow; action: RowAction }[];
  errors: RowError[];
  counts: { toCreate: number; toUpdate: number; unchanged: number; withErrors: number };
}

export interface PlanContext {
  existing: readonly ExistingPerson[];
  /** Emails new to the organization that already have a Trellis sign-in account (in another organization). */
  emailsWithAccount?: ReadonlySet<string>;
  /** The importer: they may not change their own role. */
  importerEmail?: string;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The row's fields differ from the person's (the manager compared by email). */
export function rowChanges(
  row: ImportRow,
  p: ExistingPerson,
  managerEmailOf: (id: string) => string | undefined,
) {
  if (row.name !== p.name) return true;
  if (row.title !== undefined && row.title !== p.title) return true;
  if (row.department !== undefined && row.department !== p.department) return true;
  if (row.seniority !== undefined && row.seniority !== p.seniority) return true;
  if (row.location !== undefined && row.location !== p.location) return true;
  if (row.timeZone !== undefined && row.timeZone !== p.timeZone) return true;
  if (row.languages !== undefined && !sameList(row.languages, p.languages)) return true;
  if (row.role !== undefined && row.role !== p.role) return true;
  if (row.managerEmail !== undefined) {
    const current = p.managerId ? (managerEmailOf(p.managerId) ?? null) : null;
    if (row.managerEmail !== current) return true;
  }
  return false;
}

/**
 * The people of a functional graph (each has at most one manager) that sit on a loop, found in one pass:
 * walk up from each person, and a walk that meets itself has found a loop.
 */
export function peopleOnLoops(nodes: Iterable<string>, managerOf: (n: string) => string | null): Set<string> {
  const state = new Map<string, 1 | 2>();
  const onLoop = new Set<string>();
  for (const start of nodes) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let current: string | null = start;
    while (current !== null && !state.has(current)) {
      state.set(current, 1);
      path.push(current);
      current = managerOf(current);
    }
    if (current !== null && state.get(current) === 1) {
      for (let i = path.indexOf(current); i < path.length; i++) onLoop.add(path[i] as string);
    }
    for (const n of path) state.set(n, 2);
  }
  return onLoop;
}

export function planImport(rows: readonly ImportRow[], ctx: PlanContext): ImportPlan {
  const errors: RowError[] = [];
  const failed = new Set<number>();
  const fail = (row: ImportRow, column: string | null, message: string) => {
    errors.push({ row: row.row, column, message });
    failed.add(row.row);
  };

  const existingByEmail = new Map<string, ExistingPerson>();
  const emailById = new Map<string, string>();
  for (const p of ctx.existing) {
    const email = p.email.toLowerCase();
    existingByEmail.set(email, p);
    emailById.set(p.id, email);
  }

  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const first = firstRowOf.get(r.email);
    if (first !== undefined) {
      fail(r, "email", `This email is already on row ${first}; each person may appear once.`);
      continue;
    }
    firstRowOf.set(r.email, r.row);
    const current = existingByEmail.get(r.email);
    if (!current && ctx.emailsWithAccount?.has(r.email)) {
      fail(r, "email", "That email already has a Trellis account in another organization.");
    } else if (
      current &&
      r.email === ctx.importerEmail?.toLowerCase() &&
      r.role !== undefined &&
      r.role !== current.role
    ) {
      fail(r, "role", "You cannot change your own role.");
    } else if (r.managerEmail === r.email) {
      fail(r, "manager_email", "A person cannot be their own manager.");
    }
  }

  // Manager checks, repeated while dropping a row breaks another.
  for (;;) {
    const valid = new Map<string, ImportRow>();
    for (const r of rows) if (!failed.has(r.row)) valid.set(r.email, r);
    let dropped = false;
    for (const r of valid.values()) {
      const m = r.managerEmail;
      if (m === undefined || m === null || existingByEmail.has(m) || valid.has(m)) continue;
      fail(
        r,
        "manager_email",
        firstRowOf.has(m)
          ? `The manager's row (${firstRowOf.get(m)}) cannot be imported, and they are not in the organization yet.`
          : "The manager's email matches nobody in the organization or in this file.",
      );
      dropped = true;
    }
    if (dropped) continue;
    const managerOf = (email: string): string | null => {
      const r = valid.get(email);
      if (r && r.managerEmail !== undefined) return r.managerEmail;
      const id = existingByEmail.get(email)?.managerId;
      return id ? (emailById.get(id) ?? null) : null;
    };
    const loops = peopleOnLoops([...valid.keys(), ...existingByEmail.keys()], managerOf);
    for (const email of loops) {
      const r = valid.get(email);
      if (r && r.managerEmail !== undefined) {
        fail(r, "manager_email", "This manager would make the reporting line loop back on itself.");
        dropped = true;
      }
    }
    if (!dropped) break;
  }

  const managerEmailOf = (id: string) => emailById.get(id);
  const actions: ImportPlan["actions"] = [];
  const counts = { toCreate: 0, toUpdate: 0, unchanged: 0, withErrors: failed.size };
  for (const r of rows) {
    if (failed.has(r.row)) continue;
    const current = existingByEmail.get(r.email);
    const action: RowAction = !current
      ? "create"
      : rowChanges(r, current, managerEmailOf)
        ? "update"
        : "unchanged";
    actions.push({ row: r, action });
    if (action === "create") counts.toCreate++;
    else if (action === "update") counts.toUpdate++;
    else counts.unchanged++;
  }
  errors.sort((a, b) => a.row - b.row);
  return { actions, errors, counts };
}
