import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError, api, type Schemas, toApiError, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, FormAlert, SuccessMessage } from "../../../components/Feedback.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../../components/Page.tsx";
import { Table } from "../../../components/Table.tsx";
import { RequireAdmin } from "../RequireAdmin.tsx";

type PeopleImport = Schemas["PeopleImport"];

const TITLE = "Import and export (CSV)";
const COLUMNS = [
  ["email", "Required. Identifies the person (ignoring case): a new email creates an invited person."],
  ["name", "Required."],
  ["title, department, location", "Text."],
  ["seniority (or level)", "A whole number from 1 to 10."],
  ["manager_email (or manager)", "Someone already in Trellis or elsewhere in the file."],
  ["time_zone", "IANA, such as Europe/Berlin."],
  ["languages", "Separated by ; such as English;German."],
  ["role", "org_admin, program_manager, sponsor or member."],
] as const;

async function uploadCsv(file: File): Promise<PeopleImport> {
  let response: Response;
  try {
    response = await fetch(`/api/people/imports?fileName=${encodeURIComponent(file.name.slice(0, 200))}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "text/csv" },
      body: await file.text(),
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach Trellis. Check your connection and try again.");
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, json);
  return json as PeopleImport;
}

function Summary({ imp, done }: { imp: PeopleImport; done: boolean }) {
  const s = imp.summary;
  const items = done
    ? [
        ["Created", s.toCreate],
        ["Updated", s.toUpdate],
        ["Unchanged", s.unchanged],
        ["Skipped (errors)", s.withErrors],
      ]
    : [
        ["To create", s.toCreate],
        ["To update", s.toUpdate],
        ["Unchanged", s.unchanged],
        ["With errors (skipped)", s.withErrors],
      ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map(([label, n]) => (
        <div key={label} className="rounded-md border border-slate-300 p-3">
          <dt className="text-sm text-slate-700">{label}</dt>
          <dd className="text-2xl font-semibold">{Number(n).toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

function RowErrors({ imp }: { imp: PeopleImport }) {
  if (imp.errorCount === 0) return <p className="text-slate-700">Every row is valid.</p>;
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">
        {imp.errorCount.toLocaleString()} {imp.errorCount === 1 ? "problem" : "problems"}
        {imp.errors.length < imp.errorCount ? ` (the first ${imp.errors.length} are shown)` : ""}
      </h3>
      <p className="text-sm text-slate-700">
        Rows with a problem are skipped. Fix them in your spreadsheet and upload it again, or import the rest
        now.
      </p>
      <Table caption="Problems found in the file, by row" head={["Row", "Column", "Problem"]}>
        {imp.errors.map((e, i) => (
          <tr key={`${e.row}-${e.column}-${i}`}>
            <td className="px-3 py-2">{e.row}</td>
            <td className="px-3 py-2">{e.column ?? "—"}</td>
            <td className="px-3 py-2">{e.message}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Progress({ imp }: { imp: PeopleImport }) {
  const { done, total } = imp.progress;
  const pct = total > 0 ? Math.round((done / total) * 100) : imp.status === "completed" ? 100 : 0;
  const labelId = useId();
  return (
    <div className="space-y-1">
      <p id={labelId} className="text-sm font-semibold">
        Import progress: {pct} %
      </p>
      <progress aria-labelledby={labelId} className="h-3 w-full" max={100} value={pct}>
        {pct} %
      </progress>
    </div>
  );
}

function ImportPeople() {
  const [file, setFile] = useState<File | null>(null);
  const [noFile, setNoFile] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const [preview, setPreview] = useState<PeopleImport | null>(null);
  const inputId = useId();

  const upload = useMutation({
    mutationFn: (f: File) => uploadCsv(f),
    onSuccess: (imp) => {
      setPreview(imp);
      setImportId(null);
    },
  });
  const commit = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/people/imports/{id}/commit", { params: { path: { id } } })),
    onSuccess: (r) => setImportId(r.id),
  });
  const status = useQuery({
    queryKey: ["people-import", importId],
    enabled: importId !== null,
    queryFn: () => unwrap(api.GET("/api/people/imports/{id}", { params: { path: { id: importId ?? "" } } })),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === "completed" || s === "failed" ? false : 500;
    },
  });
  const running = status.data;
  const finished = running?.status === "completed" || running?.status === "failed";

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setNoFile(!file);
    if (file) upload.mutate(file);
  };

  return (
    <section aria-labelledby="import-heading" className="space-y-5">
      <h2 id="import-heading" className="text-xl font-semibold">
        Import people
      </h2>
      <p className="text-slate-700">
        Upload a CSV file (UTF-8, one person per row, a header row first). Nothing is written until you
        confirm the preview. New people are added as invited; no email is sent. A column you leave out keeps
        its current values; an empty cell clears the field.{" "}
        <a href="/api/people/imports/template.csv" download>
          Download the template
        </a>
        .
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer font-semibold">The columns</summary>
        <dl className="mt-2 space-y-1">
          {COLUMNS.map(([name, text]) => (
            <div key={name}>
              <dt className="inline font-mono">{name}</dt>: <dd className="inline">{text}</dd>
            </div>
          ))}
        </dl>
      </details>
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <FormAlert error={upload.error} />
        <div>
          <label htmlFor={inputId} className="block font-semibold">
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="mt-1 block"
            aria-invalid={noFile || undefined}
            aria-describedby={noFile ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setNoFile(false);
            }}
          />
          {noFile ? (
            <p id={`${inputId}-error`} className="mt-1 text-sm text-red-800">
              Choose a CSV file first.
            </p>
          ) : null}
        </div>
        <SubmitButton pending={upload.isPending}>
          {upload.isPending ? "Checking the file…" : "Upload and preview"}
        </SubmitButton>
      </form>

      {preview ? (
        <Card className="space-y-4">
          <h3 className="text-lg font-semibold">
            {importId ? "Import" : "Preview"}
            {preview.fileName ? ` of ${preview.fileName}` : ""}: {preview.totalRows.toLocaleString()} rows
          </h3>
          {running ? (
            <div className="space-y-4" aria-live="polite">
              <Progress imp={running} />
              {running.status === "completed" ? (
                <SuccessMessage>The import is complete.</SuccessMessage>
              ) : running.status === "failed" ? (
                <p role="alert" className="text-red-800">
                  {running.failure ?? "The import failed."}
                </p>
              ) : (
                <p className="text-slate-700">Importing… you can leave this page; the import carries on.</p>
              )}
              {finished ? <Summary imp={running} done={running.status === "completed"} /> : null}
            </div>
          ) : (
            <>
              <Summary imp={preview} done={false} />
              <RowErrors imp={preview} />
              <FormAlert error={commit.error} />
              {preview.canCommit ? (
                <Button
                  disabled={commit.isPending || importId !== null}
                  onClick={() => commit.mutate(preview.id)}
                >
                  {commit.isPending
                    ? "Starting…"
                    : `Import ${(preview.summary.toCreate + preview.summary.toUpdate).toLocaleString()} changes`}
                </Button>
              ) : (
                <p className="text-slate-700">
                  This file cannot be imported. Fix the problems on row 1 and upload it again.
                </p>
              )}
            </>
          )}
        </Card>
      ) : (
        <EmptyState title="No file uploaded yet">
          Choose a CSV file above (start from the template) to see what importing it would change.
        </EmptyState>
      )}
    </section>
  );
}

const EXPORTS = [
  { file: "people", title: "People", text: "Everyone, in the columns the import reads.", filtered: false },
  {
    file: "enrolments",
    title: "Enrolments",
    text: "Program participation and training cohort enrolments.",
    filtered: true,
  },
  {
    file: "attendance",
    title: "Attendance",
    text: "Training attendance per trainee and session.",
    filtered: true,
  },
  {
    file: "grades",
    title: "Grades",
    text: "Quiz attempts, practical grades and final status per trainee and cohort.",
    filtered: true,
  },
] as const;

function Exports() {
  const [programId, setProgramId] = useState("");
  const programs = useQuery({
    queryKey: ["programs", "export-picker"],
    queryFn: () => unwrap(api.GET("/api/programs", { params: { query: { limit: 200 } } })),
  });
  const options = [
    { value: "", label: "All programs" },
    ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  const query = programId ? `?programId=${encodeURIComponent(programId)}` : "";
  return (
    <section aria-labelledby="exports-heading" className="space-y-4">
      <h2 id="exports-heading" className="text-xl font-semibold">
        Exports
      </h2>
      <p className="text-slate-700">
        CSV files that open in Excel (UTF-8). Confidential mentoring and coaching content is never included,
        and any cell that a spreadsheet would run as a formula starts with an apostrophe.
      </p>
      <SelectField
        label="Program (for enrolments, attendance and grades)"
        value={programId}
        options={options}
        onChange={(e) => setProgramId(e.target.value)}
      />
      <ul className="grid gap-4 md:grid-cols-2">
        {EXPORTS.map((x) => (
          <li key={x.file}>
            <Card>
              <h3 className="font-semibold">{x.title}</h3>
              <p className="mt-1 text-sm text-slate-700">{x.text}</p>
              <a
                className="mt-3 inline-block font-semibold"
                href={`/api/exports/${x.file}.csv${x.filtered ? query : ""}`}
                download
              >
                Download {x.title.toLowerCase()} (CSV)
              </a>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ImportExportPage() {
  usePageTitle(TITLE);
  return (
    <RequireAdmin title={TITLE}>
      <BackLink to="/admin/integrations">Integrations</BackLink>
      <PageHeader title={TITLE} description="Bring people in from a spreadsheet, and take your data out." />
      <div className="space-y-10">
        <ImportPeople />
        <Exports />
      </div>
    </RequireAdmin>
  );
}
