import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { formatDay } from "../../lib/mentoring.ts";
import {
  ASSIGNMENT_STATUS,
  CERTIFICATE_STATUS,
  ENROLMENT_STATUS,
  type MyCohort,
  type MyTraining,
  pctText,
  SESSION_KIND_LABELS,
  type TaughtCohort,
  trainingKeys,
  verifyPath,
} from "../../lib/training.ts";
import { ProgressBar, SessionTime, SessionWhere, TrainingAlert } from "./cohort/parts.tsx";
import { useMyTraining, useRefreshTraining } from "./cohort/shared.ts";

const cohortPath = (id: string) => `/training/cohorts/${id}`;
const TEACHING_PAGE = 20;

export default function MyTrainingPage() {
  usePageTitle("My training");
  const { person } = useSession();
  const me = useMyTraining();
  const d = me.data;
  const teachingCount = d?.teachingCount ?? 0;
  const pending = d?.pendingReviews ?? 0;
  const offers = (d?.cohorts ?? []).filter((c) => c.enrolment.status === "offered");
  const learning = (d?.cohorts ?? []).filter((c) => c.enrolment.status !== "withdrawn");
  const nothing =
    d &&
    learning.length === 0 &&
    teachingCount === 0 &&
    d.certificates.length === 0 &&
    d.assignments.length === 0;

  return (
    <>
      <PageHeader
        title="My training"
        description="Your courses and cohorts, the next session, mandatory training and certificates."
        actions={
          <>
            {teachingCount ? (
              <ButtonLink to="/training/grading" variant="secondary">
                Grading queue{pending ? ` (${pending})` : ""}
              </ButtonLink>
            ) : null}
            <ButtonLink to="/training/courses">Browse courses</ButtonLink>
          </>
        }
      />
      {me.isPending ? (
        <Loading label="Loading your training…" />
      ) : me.isError || !d ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : nothing ? (
        <EmptyState title="No training yet">
          <p>
            Find a course in the <Link to="/training/courses">course catalog</Link>, or enrol in one of the{" "}
            <Link to="/programs?kind=training">training programs</Link> and pick a cohort. Courses your
            organization makes mandatory for you also appear here.
          </p>
        </EmptyState>
      ) : (
        <>
          {offers.length ? <Offers offers={offers} timeZone={person.timeZone} /> : null}
          {d.nextSession ? (
            <Section title="Your next session">
              <Card className="space-y-1">
                <p className="flex flex-wrap items-center gap-2 font-semibold">
                  {d.nextSession.title}
                  <Badge tone="violet">{SESSION_KIND_LABELS[d.nextSession.kind]}</Badge>
                </p>
                <p className="text-sm">
                  <Link to={cohortPath(d.nextSession.cohortId)}>{d.nextSession.cohortName}</Link>
                </p>
                <p className="text-sm">
                  <SessionTime session={d.nextSession} viewerZone={person.timeZone} />
                </p>
                <p className="text-sm">
                  <SessionWhere session={d.nextSession} />
                </p>
              </Card>
            </Section>
          ) : null}
          <Section title="My cohorts">
            {learning.length === 0 ? (
              <EmptyState title="You are not in a cohort">
                <p>
                  Pick a cohort from the <Link to="/training/courses">course catalog</Link>
                  {d.assignments.some((a) => a.openCohorts.length)
                    ? " or from your mandatory training below"
                    : ""}
                  .
                </p>
              </EmptyState>
            ) : (
              <ul className="grid gap-4 lg:grid-cols-2">
                {learning.map((c) => (
                  <CohortCard key={c.id} cohort={c} timeZone={person.timeZone} />
                ))}
              </ul>
            )}
          </Section>
          {d.assignments.length ? <Mandatory assignments={d.assignments} timeZone={person.timeZone} /> : null}
          <Section title="My certificates">
            {d.certificates.length === 0 ? (
              <p className="text-sm text-slate-700">
                None yet. A certificate is issued the moment you meet a course's completion rule; it is a
                verifiable credential anyone can check.
              </p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
                {d.certificates.map((cert) => {
                  const s = CERTIFICATE_STATUS[cert.status];
                  return (
                    <li key={cert.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                      <div>
                        <p className="flex flex-wrap items-center gap-2 font-semibold">
                          {cert.course.title}
                          <Badge tone={s.tone}>{s.label}</Badge>
                        </p>
                        <p className="text-sm text-slate-700">
                          Issued {formatDate(cert.issuedAt, person.timeZone)}
                          {cert.expiresAt
                            ? ` · ${cert.status === "expired" ? "expired" : "valid until"} ${formatDate(cert.expiresAt, person.timeZone)}`
                            : " · does not expire"}
                        </p>
                      </div>
                      <div className="flex flex-wrap gap-3 text-sm">
                        <Link to={verifyPath(cert.id)}>
                          View and verify
                          <span className="sr-only"> the certificate for {cert.course.title}</span>
                        </Link>
                        <a href={`/api/credentials/${cert.id}`} download={`certificate-${cert.id}.json`}>
                          Download (JSON)
                          <span className="sr-only"> the certificate for {cert.course.title}</span>
                        </a>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>
          {teachingCount ? <Teaching timeZone={person.timeZone} /> : null}
        </>
      )}
    </>
  );
}

function Offers({ offers, timeZone }: { offers: MyCohort[]; timeZone: string }) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const answer = useMutation({
    mutationFn: ({ cohort, accept }: { cohort: MyCohort; accept: boolean }) =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/offer", {
          params: { path: { id: cohort.id } },
          body: { accept },
        }),
      ),
    onSuccess: (_e, { cohort, accept }) => {
      void refresh();
      toast(accept ? `You are enrolled in ${cohort.name}.` : `You let the seat in ${cohort.name} go.`);
    },
  });
  return (
    <section aria-labelledby="training-offers" className="mb-8">
      <h2 id="training-offers" className="mb-2 text-lg font-semibold">
        A seat is free for you
      </h2>
      <TrainingAlert error={answer.error} title="Your answer could not be saved" />
      <ul className="mt-2 space-y-2">
        {offers.map((c) => (
          <li
            key={c.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-950"
          >
            <span>
              <Link to={cohortPath(c.id)} className="font-semibold">
                {c.name}
              </Link>{" "}
              ({c.course.title})
              {c.enrolment.offerExpiresAt
                ? `: held for you until ${formatDateTime(c.enrolment.offerExpiresAt, timeZone)}.`
                : "."}
            </span>
            <span className="flex gap-2">
              <Button
                className="px-3 py-1"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ cohort: c, accept: true })}
              >
                Accept<span className="sr-only"> the seat in {c.name}</span>
              </Button>
              <Button
                variant="secondary"
                className="px-3 py-1"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ cohort: c, accept: false })}
              >
                Decline<span className="sr-only"> the seat in {c.name}</span>
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CohortCard({ cohort: c, timeZone }: { cohort: MyCohort; timeZone: string }) {
  const status = ENROLMENT_STATUS[c.enrolment.status];
  return (
    <li>
      <Card className="h-full space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h3 className="text-base font-semibold">
              <Link to={cohortPath(c.id)}>{c.course.title}</Link>
            </h3>
            <p className="text-sm text-slate-700">
              {c.name} · {formatDay(c.startDate)} – {formatDay(c.endDate)}
            </p>
          </div>
          {c.completed ? (
            <Badge tone="blue">Completed</Badge>
          ) : (
            <Badge tone={status.tone}>{status.label}</Badge>
          )}
        </div>
        {c.enrolment.status === "enrolled" ? (
          <>
            <ProgressBar
              label={`Progress in ${c.course.title}`}
              value={c.progressPct}
              valueText={`${c.progressPct} % of the completion requirements met`}
            />
            <p className="text-sm text-slate-800">Attendance: {pctText(c.attendancePct)}</p>
            <p className="text-sm text-slate-800">
              Next session:{" "}
              {c.nextSession ? (
                <>
                  {c.nextSession.title}, <SessionTime session={c.nextSession} viewerZone={timeZone} />
                </>
              ) : (
                "none scheduled"
              )}
            </p>
          </>
        ) : c.enrolment.status === "waitlisted" ? (
          <p className="text-sm text-slate-800">
            You are number {c.enrolment.waitlistPosition ?? "?"} on the waitlist. You will be offered a seat
            when one frees up.
          </p>
        ) : c.enrolment.status === "offered" ? (
          <p className="text-sm text-slate-800">A seat is held for you: accept or decline it above.</p>
        ) : null}
      </Card>
    </li>
  );
}

function Mandatory({ assignments, timeZone }: { assignments: MyTraining["assignments"]; timeZone: string }) {
  return (
    <Section title="Mandatory training">
      <Table
        caption="Courses you are required to complete"
        head={["Course", "Due", "Status", "Open cohorts"]}
      >
        {assignments.map((a) => {
          const s = ASSIGNMENT_STATUS[a.status];
          return (
            <tr key={a.assignmentId}>
              <th scope="row" className="px-3 py-2 font-medium">
                <Link to={`/training/courses/${a.course.id}`}>{a.course.title}</Link>
                {a.note ? <span className="block text-xs font-normal text-slate-700">{a.note}</span> : null}
              </th>
              <td className="px-3 py-2">{formatDate(a.dueAt, timeZone)}</td>
              <td className="px-3 py-2">
                <Badge tone={s.tone}>{s.label}</Badge>
              </td>
              <td className="px-3 py-2">
                {a.status === "completed" ? (
                  "—"
                ) : a.openCohorts.length === 0 ? (
                  <span className="text-slate-700">
                    No open cohort yet; your program manager will open one.
                  </span>
                ) : (
                  <ul className="space-y-1">
                    {a.openCohorts.map((o) => (
                      <li key={o.id}>
                        <Link to={cohortPath(o.id)}>
                          Join {o.name}
                          <span className="sr-only"> ({a.course.title})</span>
                        </Link>{" "}
                        <span className="text-xs text-slate-700">
                          starts {formatDay(o.startDate)} ·{" "}
                          {o.seatsLeft
                            ? `${o.seatsLeft} ${o.seatsLeft === 1 ? "seat" : "seats"} left`
                            : "full, waitlist"}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
    </Section>
  );
}

/** The cohorts the caller teaches, latest ending first, a page at a time. */
function Teaching({ timeZone }: { timeZone: string }) {
  const teaching = useCursorList({
    queryKey: trainingKeys.teaching,
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/training/teaching", { params: { query: { cursor, limit: TEACHING_PAGE } } })),
  });
  return (
    <Section title="Cohorts I teach">
      {teaching.isPending ? (
        <Loading label="Loading the cohorts you teach…" />
      ) : teaching.isError ? (
        <ErrorState error={teaching.error} onRetry={() => void teaching.refetch()} />
      ) : (
        <>
          <ul className="grid gap-4 lg:grid-cols-2">
            {teaching.items.map((c) => (
              <TaughtCard key={c.id} cohort={c} timeZone={timeZone} />
            ))}
          </ul>
          <LoadMore
            shown={teaching.items.length}
            total={teaching.first?.total}
            noun="cohorts"
            hasMore={teaching.hasNextPage}
            loading={teaching.isFetchingNextPage}
            onLoad={() => void teaching.fetchNextPage()}
          />
        </>
      )}
    </Section>
  );
}

function TaughtCard({ cohort: c, timeZone }: { cohort: TaughtCohort; timeZone: string }) {
  return (
    <li>
      <Card className="h-full space-y-2">
        <h3 className="text-base font-semibold">
          <Link to={cohortPath(c.id)}>{c.name}</Link>
        </h3>
        <p className="text-sm text-slate-700">
          {c.course.title} · {formatDay(c.startDate)} – {formatDay(c.endDate)}
        </p>
        <p className="text-sm">
          {c.enrolledCount} of {c.seats} enrolled{c.waitlistCount ? ` · ${c.waitlistCount} waiting` : ""}
        </p>
        <p className="text-sm">
          Next session:{" "}
          {c.nextSession ? (
            <>
              {c.nextSession.title}, <SessionTime session={c.nextSession} viewerZone={timeZone} />
            </>
          ) : (
            "none scheduled"
          )}
        </p>
        <p className="text-sm">
          {c.pendingReviews ? (
            <Link to="/training/grading">
              {c.pendingReviews} {c.pendingReviews === 1 ? "submission" : "submissions"} to review
              <span className="sr-only"> in {c.name}</span>
            </Link>
          ) : (
            "No submissions waiting for review."
          )}{" "}
          <Link to={`${cohortPath(c.id)}?tab=attendance`}>
            Take attendance<span className="sr-only"> in {c.name}</span>
          </Link>
        </p>
      </Card>
    </li>
  );
}
