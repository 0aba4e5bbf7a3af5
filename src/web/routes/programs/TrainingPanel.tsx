import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, type Program, type Schemas, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { Badge, EmptyState, QueryList } from "../../components/Feedback.tsx";
import { Card, Section } from "../../components/Page.tsx";
import { managesPrograms } from "../../lib/labels.ts";
import { formatDay } from "../../lib/mentoring.ts";
import { ENROLMENT_STATUS, trainingKeys } from "../../lib/training.ts";
import { plural } from "../training/authoring/shared.tsx";
import { useProgramCohorts } from "../training/program/useProgramCohorts.ts";

type Cohort = Schemas["CohortSummary"];
type EnrolmentStatus = keyof typeof ENROLMENT_STATUS;

/** Where a cohort's row leads: the caller's place in it, or a link to enrol (trainees) or to look. */
function CohortAction({
  cohort: c,
  trainee,
  status,
}: {
  cohort: Cohort;
  trainee: boolean;
  status: EnrolmentStatus | undefined;
}) {
  if (status) {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone={ENROLMENT_STATUS[status].tone}>{ENROLMENT_STATUS[status].label}</Badge>
        <ButtonLink to={`/training/cohorts/${c.id}`} variant="secondary">
          Open<span className="sr-only"> {c.name}</span>
        </ButtonLink>
      </span>
    );
  }
  return (
    <ButtonLink to={`/training/cohorts/${c.id}`} variant={trainee ? "primary" : "secondary"}>
      {trainee ? (c.seatsLeft > 0 ? "Enrol" : "Join the waitlist") : "View the cohort"}
      <span className="sr-only"> {c.name}</span>
    </ButtonLink>
  );
}

/**
 * The training part of a program page: the open cohorts with their dates and seats, each with a link to
 * enrol on its page, and the way to every cohort (and, for the program team, opening cohorts and the
 * dashboard).
 */
export function TrainingPanel({ program }: { program: Program }) {
  const { person } = useSession();
  const staff = managesPrograms(person.orgRole);
  const trainee = program.me.enrolledAs.includes("trainee");
  const cohorts = useProgramCohorts(program.id);
  const mine = useQuery({
    queryKey: trainingKeys.me,
    queryFn: () => unwrap(api.GET("/api/training/me")),
    enabled: trainee,
  });
  const myStatus = (cohortId: string) =>
    mine.data?.cohorts.find((c) => c.id === cohortId && c.enrolment?.status !== "withdrawn")?.enrolment
      ?.status;
  const open = (cohorts.data?.cohorts ?? []).filter(
    (c) => c.status === "open" && c.endDate >= new Date().toISOString().slice(0, 10),
  );
  return (
    <Section
      title="Training"
      actions={
        <ButtonLink to={`/programs/${program.id}/training`} variant={staff ? "primary" : "secondary"}>
          {staff ? "Cohorts and dashboard" : "All cohorts"}
        </ButtonLink>
      }
    >
      <Card className="space-y-4">
        <p className="text-sm text-slate-800">
          {trainee
            ? "Choose a cohort below and enrol from its page. When a cohort is full you join its waitlist and are offered a seat when one frees up."
            : staff
              ? "Open cohorts of a published course with dates, seats and trainers; trainees enrolled in the program choose one."
              : program.enrolmentRoles.includes("trainee")
                ? "Enrol in this program as a trainee (below), then choose a cohort and enrol from its page."
                : "Choose a cohort below to see its sessions."}
        </p>
        <h3 className="font-semibold">Open cohorts</h3>
        <QueryList
          query={cohorts}
          loadingLabel="Loading the cohorts…"
          isEmpty={open.length === 0}
          empty={
            <EmptyState title="No cohort is open">
              {staff ? (
                <p>
                  Open one on the <Link to={`/programs/${program.id}/training`}>program's training page</Link>
                  .
                </p>
              ) : (
                <p>The program team has not opened a cohort yet. Come back soon.</p>
              )}
            </EmptyState>
          }
        >
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-300">
            {open.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div>
                  <p className="font-semibold">{c.name}</p>
                  <p className="text-sm text-slate-700">
                    {c.course.title} · {formatDay(c.startDate)} – {formatDay(c.endDate)}
                  </p>
                  <p className="text-sm text-slate-800">
                    {c.seatsLeft > 0
                      ? `${plural(c.seatsLeft, "seat")} left of ${c.seats}`
                      : `Full${c.waitlistCount ? `, ${plural(c.waitlistCount, "person", "people")} waiting` : ""}`}
                  </p>
                </div>
                <CohortAction cohort={c} trainee={trainee} status={myStatus(c.id)} />
              </li>
            ))}
          </ul>
        </QueryList>
      </Card>
    </Section>
  );
}
