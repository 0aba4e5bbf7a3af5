import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { buttonClass } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { engagementStatus, themeLabel } from "../../lib/coaching.ts";
import { formatDate } from "../../lib/dates.ts";
import { formatDay, GOAL_STATUS_LABELS, statusLabel, statusTone } from "../../lib/mentoring.ts";
import {
  byMonth,
  CERTIFICATE_STATUS,
  COHORT_STATUS,
  type DevelopmentRecord,
  MODE_LABELS,
  MODE_TONES,
  monthLabel,
  type RecordEngagement,
  type RecordGoal,
  ROLE_LABELS,
  recordKey,
  VIEWER_SENTENCES,
} from "../../lib/records.ts";
import { ProgressBar } from "../training/cohort/parts.tsx";

/** A calendar date (YYYY-MM-DD) as it is, an instant in the viewer's time zone. */
function useWhen() {
  const { person } = useSession();
  return (value: string | null | undefined) =>
    !value ? "—" : value.length === 10 ? formatDay(value) : formatDate(value, person.timeZone);
}

const isEmpty = (r: DevelopmentRecord) =>
  r.goals.length === 0 &&
  r.mentoring.length === 0 &&
  r.coaching.length === 0 &&
  r.training.cohorts.length === 0 &&
  r.training.certificates.length === 0 &&
  r.actions.open === 0;

/**
 * One person's development across mentoring, coaching and training, at `/record` (the signed-in person's own)
 * and `/people/:id/record`. What it shows is what the server lets this viewer see; the notes say what is left out.
 */
export default function DevelopmentRecordPage() {
  const { id } = useParams();
  const { person: me } = useSession();
  const personId = id ?? me.id;
  const record = useQuery({
    queryKey: recordKey(personId),
    queryFn: () => unwrap(api.GET("/api/people/{id}/record", { params: { path: { id: personId } } })),
  });
  const r = record.data;
  usePageTitle(
    !r
      ? "Development record"
      : r.viewer === "self"
        ? "My development record"
        : `Development record: ${r.person.name}`,
  );
  if (record.isPending) return <Loading label="Loading the development record…" />;
  if (record.isError || !r) {
    return (
      <>
        <PageHeader title="Development record" />
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  const self = r.viewer === "self";
  return (
    <>
      {id && id !== me.id ? <BackLink to={`/people/${personId}`}>{r.person.name}</BackLink> : null}
      <p className="text-sm font-semibold uppercase tracking-wide text-emerald-800">Development record</p>
      <PageHeader
        title={r.person.name}
        description={VIEWER_SENTENCES[r.viewer]}
        actions={
          self ? (
            <>
              <a href="/api/me/record.pdf" download className={buttonClass("primary")}>
                Download PDF
              </a>
              <a href="/api/me/record.json" download className={buttonClass("secondary")}>
                Download JSON
              </a>
            </>
          ) : null
        }
      />
      <PersonSummary record={r} />
      <HiddenNotes notes={r.hidden} />
      {isEmpty(r) ? (
        <EmptyState title="No development activity yet">
          {self ? (
            <p>
              Not sure where to start? <Link to="/advisor">Take the development advisor</Link> to find out
              whether mentoring, coaching or training fits what you need, or browse the{" "}
              <Link to="/programs">programs</Link>.
            </p>
          ) : (
            <p>
              {r.person.name} has no mentoring, coaching or training yet. Suggest they take the{" "}
              <Link to="/advisor">development advisor</Link>, or look at the open{" "}
              <Link to="/programs">programs</Link> together.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <GoalsSection record={r} />
          <MentoringSection record={r} />
          <CoachingSection record={r} />
          <TrainingSection record={r} />
          <ActionsSection record={r} />
          <TimelineSection record={r} />
        </>
      )}
    </>
  );
}

function PersonSummary({ record: r }: { record: DevelopmentRecord }) {
  const p = r.person;
  const manager: ReactNode = p.manager ? <Link to={`/people/${p.manager.id}`}>{p.manager.name}</Link> : "—";
  const rows: [string, ReactNode][] = [
    ["Title", [p.title, p.department].filter(Boolean).join(", ") || "—"],
    ["Manager", manager],
  ];
  if (p.seniority !== null) rows.push(["Seniority level", String(p.seniority)]);
  const addGoals: ReactNode = <Link to="/me">Add your career goals to your profile</Link>;
  if (p.careerGoals) rows.push(["Career goals", p.careerGoals]);
  else if (r.viewer === "self") rows.push(["Career goals", addGoals]);
  return (
    <Card className="mb-6">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-semibold text-slate-800">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function HiddenNotes({ notes }: { notes: string[] }) {
  const id = useId();
  if (notes.length === 0) return null;
  return (
    <section
      aria-labelledby={id}
      className="mb-8 rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-slate-700"
    >
      <h2 id={id} className="mb-1 font-semibold text-slate-800">
        What this record leaves out
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-700">{children}</p>;
}

// Goals

function GoalsSection({ record: r }: { record: DevelopmentRecord }) {
  const of = <M extends RecordGoal["mode"]>(mode: M) =>
    r.goals.filter((g): g is Extract<RecordGoal, { mode: M }> => g.mode === mode);
  const mentoring = of("mentoring");
  const coaching = of("coaching");
  const training = of("training");
  const self = r.viewer === "self";
  return (
    <Section title="Goals">
      {r.goals.length === 0 ? (
        <Muted>
          No goals yet.{" "}
          {self
            ? "Goals come from your mentoring relationships, the objectives of your coaching and the competencies of your courses."
            : "Goals appear here as they are set in coaching or built in courses."}
        </Muted>
      ) : (
        <div className="space-y-6">
          {coaching.length ? (
            <div>
              <h3 className="mb-2 font-semibold text-slate-900">Coaching objectives</h3>
              <ul className="grid gap-3 md:grid-cols-2">
                {coaching.map((o) => (
                  <li key={o.id} className="rounded-md border border-slate-300 bg-white p-4">
                    <p className="font-semibold text-slate-900">{o.title}</p>
                    <p className="mb-2 text-xs text-slate-700">{themeLabel(o.theme)}</p>
                    <ProgressBar
                      label={`${o.metricName} (${o.metricUnit})`}
                      value={o.progressPct}
                      valueText={`${o.progressPct}% of the way from ${o.baseline} to ${o.target}${
                        o.latest === null ? ", no value recorded yet" : `, latest ${o.latest}`
                      }`}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {mentoring.length ? (
            <div>
              <h3 className="mb-2 font-semibold text-slate-900">Mentoring goals</h3>
              <ul className="grid gap-3 md:grid-cols-2">
                {mentoring.map((g) => (
                  <li key={g.id} className="rounded-md border border-slate-300 bg-white p-4">
                    <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
                      <Link to={`/mentoring/relationships/${g.relationshipId}`}>{g.title}</Link>
                      <Badge tone={g.status === "achieved" ? "green" : "slate"}>
                        {GOAL_STATUS_LABELS[g.status]}
                      </Badge>
                    </p>
                    {g.targetDate ? (
                      <p className="text-xs text-slate-700">Target {formatDay(g.targetDate)}</p>
                    ) : null}
                    {g.milestonesTotal ? (
                      <div className="mt-2">
                        <ProgressBar
                          label="Milestones"
                          value={g.milestonesDone}
                          max={g.milestonesTotal}
                          valueText={`${g.milestonesDone} of ${g.milestonesTotal} done`}
                          tone="sky"
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {training.length ? (
            <div>
              <h3 className="mb-2 font-semibold text-slate-900">Competencies from courses</h3>
              <ul className="flex flex-wrap gap-2">
                {training.map((g) => (
                  <li
                    key={`${g.cohortId}-${g.title}`}
                    className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
                  >
                    <span className="font-semibold text-slate-900">{g.title}</span>{" "}
                    <span className="text-slate-700">({g.course.title})</span>{" "}
                    <Badge tone={g.status === "achieved" ? "green" : "blue"}>
                      {g.status === "achieved" ? "Achieved" : "In progress"}
                    </Badge>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </Section>
  );
}

// Mentoring

function MentoringSection({ record: r }: { record: DevelopmentRecord }) {
  const when = useWhen();
  const self = r.viewer === "self";
  return (
    <Section title="Mentoring">
      {r.mentoring.length === 0 ? (
        <Muted>
          No mentoring relationships.{" "}
          {self ? (
            <>
              Find a mentor in one of the <Link to="/programs">mentoring programs</Link>.
            </>
          ) : null}
        </Muted>
      ) : (
        <Table
          caption="Mentoring relationships"
          head={["Partner", "Role", "Program", "Status", "Dates", ...(self ? ["Meetings"] : [])]}
        >
          {r.mentoring.map((m) => (
            <tr key={m.id}>
              <td className="px-3 py-2">
                {self ? (
                  <Link to={`/mentoring/relationships/${m.id}`}>{m.partner.name}</Link>
                ) : (
                  <Link to={`/people/${m.partner.id}`}>{m.partner.name}</Link>
                )}
              </td>
              <td className="px-3 py-2">{ROLE_LABELS[m.role]}</td>
              <td className="px-3 py-2">{m.program.name}</td>
              <td className="px-3 py-2">
                <Badge tone={statusTone(m.status)}>{statusLabel(m.status)}</Badge>
              </td>
              <td className="px-3 py-2">
                {m.startDate
                  ? `${when(m.startDate)} – ${m.endedAt ? when(m.endedAt) : `planned ${when(m.plannedEndDate)}`}`
                  : `Proposed ${when(m.proposedAt)}${m.endedAt ? `, ended ${when(m.endedAt)}` : ""}`}
              </td>
              {self ? (
                <td className="px-3 py-2">
                  {m.meetings?.count ?? 0}
                  {m.meetings?.lastMetOn ? ` (last ${when(m.meetings.lastMetOn)})` : ""}
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

// Coaching

function CoachingSection({ record: r }: { record: DevelopmentRecord }) {
  return (
    <Section title="Coaching">
      {r.coaching.length === 0 ? (
        <Muted>No coaching engagements. Coaching is assigned by a sponsor or a program manager.</Muted>
      ) : (
        <ul className="space-y-4">
          {r.coaching.map((e) => (
            <Engagement key={e.id} engagement={e} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function Engagement({ engagement: e }: { engagement: RecordEngagement }) {
  const id = useId();
  const status = engagementStatus(e.status);
  const title = e.coach ? `Coaching with ${e.coach.name}` : "Coaching, choosing a coach";
  return (
    <li>
      <Card>
        <article aria-labelledby={id}>
          <h3 id={id} className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
            {e.objectives !== null ? <Link to={`/coaching/engagements/${e.id}`}>{title}</Link> : title}
            <Badge tone={status.tone}>{status.label}</Badge>
          </h3>
          <p className="mt-1 text-sm text-slate-700">
            {e.program.name} · {formatDay(e.startDate)} – {formatDay(e.endDate)} · {e.sessionsHeld} of{" "}
            {e.sessionBudget} sessions held
          </p>
          {e.objectives === null ? (
            <p className="mt-3 text-sm italic text-slate-700">{e.objectivesNote}</p>
          ) : e.objectives.length === 0 ? (
            <p className="mt-3 text-sm text-slate-700">No objectives set yet.</p>
          ) : (
            <ul className="mt-3 space-y-3" aria-label={`Objectives of ${title}`}>
              {e.objectives.map((o) => (
                <li key={o.id}>
                  <ProgressBar
                    label={o.title}
                    value={o.progressPct}
                    valueText={`${o.progressPct}% · ${o.metricName}: ${o.baseline} to ${o.target} ${o.metricUnit}${
                      o.latest === null ? "" : `, latest ${o.latest}`
                    }`}
                  />
                </li>
              ))}
            </ul>
          )}
        </article>
      </Card>
    </li>
  );
}

// Training

function TrainingSection({ record: r }: { record: DevelopmentRecord }) {
  const when = useWhen();
  const { cohorts, certificates } = r.training;
  const self = r.viewer === "self";
  return (
    <Section title="Training">
      {cohorts.length === 0 ? (
        <Muted>
          No courses.{" "}
          {self ? (
            <>
              Browse the <Link to="/training/courses">course catalog</Link>.
            </>
          ) : null}
        </Muted>
      ) : (
        <Table
          caption="Courses and cohorts"
          head={["Course", "Cohort", "Status", "Attendance", "Progress", "Grades"]}
        >
          {cohorts.map((c) => {
            const status = COHORT_STATUS[c.status];
            return (
              <tr key={c.cohortId} className="align-top">
                <td className="px-3 py-2 font-semibold">
                  {self ? (
                    <Link to={`/training/cohorts/${c.cohortId}`}>{c.course.title}</Link>
                  ) : (
                    c.course.title
                  )}
                </td>
                <td className="px-3 py-2">
                  {c.name}
                  <span className="block text-xs text-slate-700">
                    {formatDay(c.startDate)} – {formatDay(c.endDate)}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {c.completedAt ? (
                    <span className="block text-xs text-slate-700">{when(c.completedAt)}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{c.attendancePct === null ? "—" : `${c.attendancePct} %`}</td>
                <td className="min-w-32 px-3 py-2">
                  <ProgressBar
                    label={`Progress in ${c.course.title}`}
                    hideLabel
                    value={c.progressPct}
                    valueText={`${c.progressPct}% of the completion rule met`}
                  />
                  <span className="text-xs text-slate-700">{c.progressPct} %</span>
                </td>
                <td className="px-3 py-2">
                  {c.grades.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="space-y-0.5">
                      {c.grades.map((g) => (
                        <li key={g.assessmentId}>
                          {g.title}: {g.scorePct === null ? "not taken" : `${g.scorePct} %`}
                          {g.passed === null ? "" : g.passed ? " (passed)" : " (not passed)"}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <h3 className="mt-6 mb-2 font-semibold text-slate-900">Certificates</h3>
      {certificates.length === 0 ? (
        <Muted>No certificates yet. A certificate is issued when a course's completion rule is met.</Muted>
      ) : (
        <Table caption="Certificates" head={["Course", "Issued", "Expires", "Status", "Verification"]}>
          {certificates.map((c) => {
            const status = CERTIFICATE_STATUS[c.status];
            return (
              <tr key={c.id}>
                <td className="px-3 py-2 font-semibold">{c.course.title}</td>
                <td className="px-3 py-2">{when(c.issuedAt)}</td>
                <td className="px-3 py-2">{c.expiresAt ? when(c.expiresAt) : "Does not expire"}</td>
                <td className="px-3 py-2">
                  <Badge tone={status.tone}>{status.label}</Badge>
                </td>
                <td className="px-3 py-2">
                  <Link to={c.verifyPath}>
                    Verify<span className="sr-only"> the certificate for {c.course.title}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

// Actions

function ActionsSection({ record: r }: { record: DevelopmentRecord }) {
  const a = r.actions;
  return (
    <Section title="Open actions">
      {a.countsOnly ? (
        <p className="text-slate-900">
          {a.open === 0
            ? "No open coaching actions."
            : `${a.open} open coaching action${a.open === 1 ? "" : "s"}${a.overdue ? `, ${a.overdue} overdue` : ""}.`}{" "}
          <span className="text-sm text-slate-700">
            The actions themselves stay between the coach and the coachee.
          </span>
        </p>
      ) : a.items.length === 0 ? (
        <Muted>
          No open actions. Actions come from coaching sessions and from the milestones of your mentoring
          goals.
        </Muted>
      ) : (
        <Table caption="Open actions" head={["Action", "From", "Due"]}>
          {a.items.map((i) => (
            <tr key={i.id}>
              <td className="px-3 py-2">
                <Badge tone={MODE_TONES[i.mode]}>{MODE_LABELS[i.mode]}</Badge> {i.text}
              </td>
              <td className="px-3 py-2">
                <Link to={i.link}>{i.context}</Link>
              </td>
              <td className="px-3 py-2">
                {formatDay(i.dueDate)} {i.overdue ? <Badge tone="red">Overdue</Badge> : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

// Timeline

function TimelineSection({ record: r }: { record: DevelopmentRecord }) {
  const months = byMonth(r.timeline);
  return (
    <Section title="Timeline">
      {months.length === 0 ? (
        <Muted>Nothing has happened yet.</Muted>
      ) : (
        <ol className="space-y-5" aria-label="Months, newest first">
          {months.map((m) => (
            <li key={m.month}>
              <h3 className="mb-2 font-semibold text-slate-900">{monthLabel(m.month)}</h3>
              <ol className="space-y-1 border-l-2 border-slate-300 pl-4">
                {m.events.map((e, i) => (
                  <li
                    key={`${e.kind}-${e.date}-${i}`}
                    className="flex flex-wrap items-baseline gap-2 text-sm"
                  >
                    <time dateTime={e.date} className="w-28 shrink-0 text-slate-700">
                      {formatDay(e.date)}
                    </time>
                    <Badge tone={MODE_TONES[e.mode]}>{MODE_LABELS[e.mode]}</Badge>
                    <span className="text-slate-900">{e.title}</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
