import { parse } from "csv-parse/sync";
import { restoreNeutralized, toCsv, UTF8_BOM } from "../../../domain/csv.ts";
import type { ImportRole, ImportRow, RowError } from "../../../domain/people/import-plan.ts";
import { ORG_ROLES } from "../../lib/access.ts";
import { z } from "../../lib/http.ts";
import { isValidTimeZone } from "../../lib/time.ts";

/** The columns of an import file, with the header names each one is known by (matched ignoring case). */
export const IMPORT_COLUMNS = [
  { name: "email", aliases: ["e-mail", "email_address"], required: true, help: "Identifies the person" },
  { name: "name", aliases: ["full_name"], required: true, help: "Up to 120 characters" },
  { name: "title", aliases: ["job_title"], required: false, help: "Up to 120 characters" },
  { name: "department", aliases: ["dept"], required: false, help: "Up to 80 characters" },
  { name: "seniority", aliases: ["level", "seniority_level"], required: false, help: "A whole number, 1–10" },
  {
    name: "manager_email",
    aliases: ["manager"],
    required: false,
    help: "Someone in the organization or in the file",
  },
  { name: "location", aliases: [], required: false, help: "Up to 120 characters" },
  {
    name: "time_zone",
    aliases: ["timezone", "tz"],
    required: false,
    help: "IANA, e.g. Europe/Berlin; empty keeps it (UTC for new people)",
  },
  {
    name: "languages",
    aliases: ["language"],
    required: false,
    help: "Separated by ; or |, e.g. English;German",
  },
  {
    name: "role",
    aliases: ["org_role"],
    required: false,
    help: `${ORG_ROLES.join(", ")}; empty keeps it (member for new people)`,
  },
] as const;

export type ColumnName = (typeof IMPORT_COLUMNS)[number]["name"];

export const MAX_IMPORT_ROWS = 100_000;

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const HEADER_LOOKUP = new Map<string, ColumnName>();
for (const c of IMPORT_COLUMNS) {
  HEADER_LOOKUP.set(c.name, c.name);
  for (const a of c.aliases) HEADER_LOOKUP.set(normalizeHeader(a), c.name);
}

export function templateCsv(): string {
  return (
    UTF8_BOM +
    toCsv(
      IMPORT_COLUMNS.map((c) => c.name),
      [
        [
          "ada.lovelace@example.com",
          "Ada Lovelace",
          "Head of Engineering",
          "Engineering",
          5,
          "",
          "London",
          "Europe/London",
          "English;French",
          "member",
        ],
        [
          "alan.turing@example.com",
          "Alan Turing",
          "Engineer",
          "Engineering",
          3,
          "ada.lovelace@example.com",
          "Manchester",
          "Europe/London",
          "English",
          "member",
        ],
      ],
    )
  );
}

// The people module's rules, for one cell at a time.
const Email = z.string().pipe(z.email().max(254));
const Text = (max: number) => z.string().max(max);
const Seniority = z.coerce.number().int().min(1).max(10);
const Role = z.enum(ORG_ROLES);
const Language = z.string().min(1).max(40);

const timeZones = new Map<string, boolean>();
function validTimeZone(tz: string): boolean {
  let ok = timeZones.get(tz);
  if (ok === undefined) {
    ok = isValidTimeZone(tz);
    timeZones.set(tz, ok);
  }
  return ok;
}

export interface ParsedFile {
  columns: ColumnName[];
  /** Data rows in the file, valid or not. */
  totalRows: number;
  /** The rows whose cells are valid, lower-cased emails; rows with errors are left out. */
  rows: ImportRow[];
  errors: RowError[];
  /** The file cannot be imported at all (no email or name column, not CSV). */
  fatal: boolean;
}

export function parsePeopleCsv(text: string): ParsedFile {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 64 * 1024,
    });
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return {
      columns: [],
      totalRows: 0,
      rows: [],
      errors: [
        {
          row: typeof line === "number" ? line : 1,
          column: null,
          message: `The file is not valid CSV: ${err instanceof Error ? err.message.slice(0, 200) : "unreadable"}`,
        },
      ],
      fatal: true,
    };
  }
  const header = records[0] ?? [];
  const index = new Map<ColumnName, number>();
  header.forEach((h, i) => {
    const name = HEADER_LOOKUP.get(normalizeHeader(h));
    if (name && !index.has(name)) index.set(name, i);
  });
  const errors: RowError[] = [];
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !index.has(c.name)) {
      errors.push({ row: 1, column: c.name, message: `The file has no ${c.name} column.` });
    }
  }
  const columns = IMPORT_COLUMNS.map((c) => c.name).filter((n) => index.has(n));
  const totalRows = Math.max(0, records.length - 1);
  if (errors.length > 0 || totalRows > MAX_IMPORT_ROWS) {
    if (totalRows > MAX_IMPORT_ROWS) {
      errors.push({
        row: MAX_IMPORT_ROWS + 2,
        column: null,
        message: `A file may hold at most ${MAX_IMPORT_ROWS.toLocaleString("en")} people; split it.`,
      });
    }
    return { columns, totalRows, rows: [], errors, fatal: true };
  }

  const rows: ImportRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r] ?? [];
    const rowNumber = r + 1;
    const cell = (c: ColumnName): string | undefined => {
      const i = index.get(c);
      return i === undefined ? undefined : restoreNeutralized(record[i] ?? "");
    };
    let ok = true;
    const fail = (column: ColumnName, message: string) => {
      errors.push({ row: rowNumber, column, message });
      ok = false;
    };
    const optionalText = (c: ColumnName, max: number): string | null | undefined => {
      const v = cell(c);
      if (v === undefined) return undefined;
      if (v === "") return null;
      const checked = Text(max).safeParse(v);
      if (!checked.success) fail(c, `At most ${max} characters.`);
      return v;
    };

    const email = (cell("email") ?? "").toLowerCase();
    if (email === "") fail("email", "The email is missing.");
    else if (!Email.safeParse(email).success) fail("email", "Not a valid email address.");
    const name = cell("name") ?? "";
    if (name === "") fail("name", "The name is missing.");
    else if (name.length > 120) fail("name", "At most 120 characters.");
    const title = optionalText("title", 120);
    const department = optionalText("department", 80);
    const location = optionalText("location", 120);

    let seniority: number | null | undefined;
    const s = cell("seniority");
    if (s !== undefined) {
      if (s === "") seniority = null;
      else {
        const checked = Seniority.safeParse(s);
        if (checked.success) seniority = checked.data;
        else fail("seniority", "A whole number from 1 to 10.");
      }
    }
    let managerEmail: string | null | undefined;
    const m = cell("manager_email");
    if (m !== undefined) {
      managerEmail = m === "" ? null : m.toLowerCase();
      if (managerEmail !== null && !Email.safeParse(managerEmail).success) {
        fail("manager_email", "Not a valid email address.");
      }
    }
    let timeZone: string | undefined;
    const tz = cell("time_zone");
    if (tz !== undefined && tz !== "") {
      if (tz.length <= 64 && validTimeZone(tz)) timeZone = tz;
      else fail("time_zone", "Use an IANA time zone such as Europe/Berlin.");
    }
    let languages: string[] | undefined;
    const l = cell("languages");
    if (l !== undefined) {
      languages = l
        .split(/[;|]/)
        .map((x) => x.trim())
        .filter((x) => x !== "");
      const lower = new Set(languages.map((x) => x.toLowerCase()));
      if (languages.length > 20) fail("languages", "At most 20 languages.");
      else if (lower.size !== languages.length) fail("languages", "List each language once.");
      else if (!languages.every((x) => Language.safeParse(x).success))
        fail("languages", "Each language at most 40 characters.");
    }
    let role: ImportRole | undefined;
    const ro = cell("role");
    if (ro !== undefined && ro !== "") {
      const checked = Role.safeParse(ro.toLowerCase().replace(/[\s-]+/g, "_"));
      if (checked.success) role = checked.data;
      else fail("role", `One of ${ORG_ROLES.join(", ")}.`);
    }
    if (!ok) continue;
    const row: ImportRow = { row: rowNumber, email, name };
    if (title !== undefined) row.title = title;
    if (department !== undefined) row.department = department;
    if (seniority !== undefined) row.seniority = seniority;
    if (managerEmail !== undefined) row.managerEmail = managerEmail;
    if (location !== undefined) row.location = location;
    if (timeZone !== undefined) row.timeZone = timeZone;
    if (languages !== undefined) row.languages = languages;
    if (role !== undefined) row.role = role;
    rows.push(row);
  }
  return { columns, totalRows, rows, errors, fatal: false };
}
