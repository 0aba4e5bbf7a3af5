import PDFDocument from "pdfkit";
import type { DevelopmentRecord, RecordGoal } from "./records.schemas.ts";

/** Characters outside Latin-1 that WinAnsi, the encoding of the PDF standard fonts, still has. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "✓": "v" };

/** The standard fonts draw WinAnsi only; anything else would come out as two wrong glyphs, so it becomes "?". */
export function pdfSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === "\n" || ch === "\t") out += " ";
    else out += REPLACEMENTS[ch] ?? "?";
  }
  return out;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const monthOf = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1] ?? ""} ${date.slice(0, 4)}`;
const date = (iso: string | null) => (iso ? iso.slice(0, 10) : "-");
const pct = (n: number | null) => (n === null ? "-" : `${Math.round(n)}%`);
const words = (s: string) => s.replace(/_/g, " ");
const VIEWER_LABELS = { self: "the person", manager: "their manager", admin: "an org admin" } as const;

function goalProgress(g: RecordGoal): string {
  if (g.mode === "mentoring")
    return `${words(g.status)}; ${g.milestonesDone} of ${g.milestonesTotal} milestones done`;
  if (g.mode === "coaching")
    return `${g.metricName}: ${g.baseline} to ${g.target} ${g.metricUnit}, ${g.latest === null ? "no value yet" : `latest ${g.latest}`} (${g.progressPct}%)`;
  return `${g.course.title}: ${g.status === "achieved" ? "achieved" : "in progress"}`;
}

const GOAL_MODE = { mentoring: "Mentoring goal", coaching: "Coaching objective", training: "Competency" };

type Doc = InstanceType<typeof PDFDocument>;

const COLORS = { text: "#0f172a", muted: "#475569", rule: "#cbd5e1", head: "#e2e8f0" };

function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8);
  doc.font("Helvetica-Bold").fontSize(14).fillColor(COLORS.text).text(pdfSafe(text));
  const y = doc.y + 2;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .strokeColor(COLORS.rule)
    .lineWidth(0.5)
    .stroke();
  doc.moveDown(0.5);
  doc.font("Helvetica").fontSize(10).fillColor(COLORS.text);
}

function note(doc: Doc, text: string) {
  doc.font("Helvetica-Oblique").fontSize(10).fillColor(COLORS.muted).text(pdfSafe(text));
  doc.font("Helvetica").fillColor(COLORS.text);
}

function table(doc: Doc, head: string[], rows: string[][], widths: (number | string)[]) {
  doc.x = doc.page.margins.left;
  doc.fontSize(9);
  doc.table({
    columnStyles: widths.map((width) => ({ width })),
    defaultStyle: { border: 0.5, borderColor: COLORS.rule, padding: 4 },
    data: [
      head.map((text) => ({
        text: pdfSafe(text),
        type: "TH" as const,
        font: { src: "Helvetica-Bold" },
        backgroundColor: COLORS.head,
      })),
      ...rows.map((r) => r.map((text) => pdfSafe(text))),
    ],
  });
  doc.fontSize(10);
  doc.x = doc.page.margins.left;
}

/** The record as a printable PDF: a title block, one section per part with tables, and page numbers. */
export function renderRecordPdf(
  record: DevelopmentRecord & { exportedAt: string },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: pdfSafe(`Development record: ${record.person.name}`),
      Author: "Trellis",
      Subject: "Development record",
      CreationDate: new Date(record.exportedAt),
    },
    lang: "en",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const p = record.person;
  doc.font("Helvetica-Bold").fontSize(22).fillColor(COLORS.text).text("Development record");
  doc.moveDown(0.3);
  doc.fontSize(16).text(pdfSafe(p.name));
  doc.font("Helvetica").fontSize(10).fillColor(COLORS.muted);
  const facts = [
    [p.title, p.department].filter(Boolean).join(", "),
    p.seniority !== null ? `Seniority level ${p.seniority}` : "",
    p.manager ? `Manager: ${p.manager.name}` : "",
  ].filter(Boolean);
  if (facts.length) doc.text(pdfSafe(facts.join("  |  ")));
  doc.text(pdfSafe(`Exported ${record.exportedAt.slice(0, 10)} by ${VIEWER_LABELS[record.viewer]}.`));
  doc.fillColor(COLORS.text);
  if (p.careerGoals) {
    doc.moveDown(0.5);
    doc.font("Helvetica-Bold").text("Career goals");
    doc.font("Helvetica").text(pdfSafe(p.careerGoals));
  }
  if (record.hidden.length) {
    doc.moveDown(0.5);
    for (const h of record.hidden) note(doc, h);
  }

  heading(doc, "Goals");
  if (record.goals.length === 0) note(doc, "No goals yet.");
  else
    table(
      doc,
      ["Kind", "Goal", "Progress"],
      record.goals.map((g) => [GOAL_MODE[g.mode], g.title, goalProgress(g)]),
      [90, "*", 200],
    );

  heading(doc, "Mentoring");
  if (record.mentoring.length === 0) note(doc, "No mentoring relationships.");
  else
    table(
      doc,
      ["Partner", "Role", "Program", "Status", "Dates", "Meetings"],
      record.mentoring.map((r) => [
        r.partner.name,
        r.role,
        r.program.name,
        words(r.status),
        `${date(r.startDate)} to ${date(r.endedAt ?? r.plannedEndDate)}`,
        r.meetings
          ? `${r.meetings.count}${r.meetings.lastMetOn ? `, last ${r.meetings.lastMetOn}` : ""}`
          : "-",
      ]),
      ["*", 50, "*", 60, 110, 70],
    );

  heading(doc, "Coaching");
  if (record.coaching.length === 0) note(doc, "No coaching engagements.");
  for (const e of record.coaching) {
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .text(pdfSafe(e.coach ? `Coaching with ${e.coach.name}` : "Coaching"));
    doc
      .font("Helvetica")
      .fontSize(10)
      .text(
        pdfSafe(
          `${e.program.name}. ${words(e.status)}, ${e.startDate} to ${e.endDate}. ${e.sessionsHeld} of ${e.sessionBudget} sessions held.`,
        ),
      );
    doc.moveDown(0.3);
    if (e.objectives === null) note(doc, e.objectivesNote ?? "Objectives are not shown.");
    else if (e.objectives.length === 0) note(doc, "No objectives set yet.");
    else
      table(
        doc,
        ["Objective", "Metric", "Baseline", "Target", "Latest", "Progress"],
        e.objectives.map((o) => [
          o.title,
          `${o.metricName} (${o.metricUnit})`,
          String(o.baseline),
          String(o.target),
          o.latest === null ? "-" : String(o.latest),
          `${o.progressPct}%`,
        ]),
        ["*", "*", 50, 45, 45, 55],
      );
    doc.moveDown(0.6);
  }

  heading(doc, "Training");
  const { cohorts, certificates } = record.training;
  if (cohorts.length === 0) note(doc, "No courses.");
  else
    table(
      doc,
      ["Course", "Cohort", "Status", "Attendance", "Progress", "Grades"],
      cohorts.map((c) => [
        c.course.title,
        `${c.name} (${c.startDate} to ${c.endDate})`,
        words(c.status),
        pct(c.attendancePct),
        `${c.progressPct}%`,
        c.grades
          .map(
            (g) =>
              `${g.title}: ${pct(g.scorePct)}${g.passed === null ? "" : g.passed ? " passed" : " not passed"}`,
          )
          .join("; ") || "-",
      ]),
      ["*", 95, 60, 65, 55, "*"],
    );
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(11).text("Certificates");
  doc.font("Helvetica").fontSize(10);
  if (certificates.length === 0) note(doc, "No certificates.");
  else
    table(
      doc,
      ["Course", "Issued", "Expires", "Status", "Verify at"],
      certificates.map((c) => [c.course.title, date(c.issuedAt), date(c.expiresAt), c.status, c.verifyPath]),
      ["*", 65, 65, 55, 150],
    );

  heading(doc, "Open actions");
  const a = record.actions;
  if (a.countsOnly)
    note(doc, `${a.open} open coaching actions, ${a.overdue} overdue. The actions themselves are not shown.`);
  else if (a.items.length === 0) note(doc, "No open actions.");
  else
    table(
      doc,
      ["Action", "From", "Due"],
      a.items.map((i) => [
        i.text,
        i.context,
        i.dueDate ? `${i.dueDate}${i.overdue ? " (overdue)" : ""}` : "-",
      ]),
      ["*", 160, 90],
    );

  heading(doc, "Timeline");
  if (record.timeline.length === 0) note(doc, "Nothing yet.");
  let month = "";
  for (const event of record.timeline) {
    const m = monthOf(event.date);
    if (m !== month) {
      month = m;
      doc.moveDown(0.4);
      doc.font("Helvetica-Bold").fontSize(10).text(m);
      doc.font("Helvetica");
    }
    doc.text(pdfSafe(`${event.date}   ${event.title}`), { indent: 12 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(
        pdfSafe(`Development record of ${p.name}  |  Page ${i + 1 - range.start} of ${range.count}`),
        doc.page.margins.left,
        doc.page.height - 40,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: "center",
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
