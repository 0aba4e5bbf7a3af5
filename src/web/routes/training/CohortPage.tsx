import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { BackLink, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { type TabItem, Tabs } from "../../components/Tabs.tsx";
import { zoneLabel } from "../../lib/dates.ts";
import { formatDay } from "../../lib/mentoring.ts";
import {
  COHORT_STATUS,
  type Cohort,
  ENROLMENT_STATUS,
  liveQuery,
  ROLE_LABELS,
  trainingKeys,
} from "../../lib/training.ts";
import { AssessmentsTab } from "./cohort/AssessmentsTab.tsx";
import { AttendanceTab } from "./cohort/AttendanceTab.tsx";
import { EnrolmentPanel } from "./cohort/EnrolmentPanel.tsx";
import { GradebookTab } from "./cohort/GradebookTab.tsx";
import { GradeTab } from "./cohort/GradeTab.tsx";
import { LessonsTab } from "./cohort/LessonsTab.tsx";
import { OverviewTab } from "./cohort/OverviewTab.tsx";
import { PersonalGradebook } from "./cohort/PersonalGradebook.tsx";
import { Fact, Facts, SessionTime } from "./cohort/parts.tsx";
import { RosterTab } from "./cohort/RosterTab.tsx";
import { SessionsTab } from "./cohort/SessionsTab.tsx";
import { isEnrolled, isStaff } from "./cohort/shared.ts";

type TabId =
  | "overview"
  | "lessons"
  | "assessments"
  | "grades"
  | "roster"
  | "sessions"
  | "attendance"
  | "gradebook"
  | "grade";

/** The tabs a viewer gets: trainees learn, trainers and program staff run the cohort, others see the overview. */
function tabsFor(c: Cohort): (TabItem & { id: TabId })[] {
  const tabs: (TabItem & { id: TabId })[] = [{ id: "overview", label: "Overview" }];
  if (isStaff(c)) {
    tabs.push(
      { id: "roster", label: "Roster", suffix: String(c.enrolledCount) },
      { id: "sessions", label: "Sessions", suffix: String(c.sessions.length) },
      { id: "attendance", label: "Attendance" },
      { id: "gradebook", label: "Gradebook" },
      { id: "grade", label: "Grade practicals" },
    );
  } else if (isEnrolled(c)) {
    tabs.push(
      { id: "lessons", label: "Lessons" },
      { id: "assessments", label: "Assessments" },
      { id: "grades", label: "My grades" },
    );
  }
  return tabs;
}

export default function CohortPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const cohort = useQuery({
    queryKey: trainingKeys.cohort(id),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/training/cohorts/{id}", { params: { path: { id } } })) as Promise<Cohort>,
  });
  const c = cohort.data;
  usePageTitle(c ? c.name : "Training cohort");

  if (cohort.isPending) return <Loading label="Loading the cohort…" />;
  if (cohort.isError || !c) {
    return (
      <>
        <BackLink to="/training">My training</BackLink>
        <PageHeader title="Training cohort" />
        <ErrorState error={cohort.error} onRetry={() => void cohort.refetch()} />
      </>
    );
  }

  const tabs = tabsFor(c);
  const tab: TabId = tabs.find((t) => t.id === params.get("tab"))?.id ?? "overview";
  const select = (next: string) => {
    // Others change the cohort too (a seat taken, a session added): refresh the header on every switch.
    void cohort.refetch();
    setParams(next === "overview" ? {} : { tab: next }, { replace: true, preventScrollReset: true });
  };
  const status = COHORT_STATUS[c.status];
  const enrolment =
    c.enrolment && c.enrolment.status !== "withdrawn" ? ENROLMENT_STATUS[c.enrolment.status] : null;
  const props = { cohort: c, timeZone: person.timeZone };
  const taken = c.enrolledCount;

  return (
    <>
      <BackLink to="/training">My training</BackLink>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            {enrolment ? <Badge tone={enrolment.tone}>{enrolment.label}</Badge> : null}
            <span>
              <Link to={`/training/courses/${c.course.id}`}>{c.course.title}</Link> · {c.programName} ·{" "}
              {ROLE_LABELS[c.role]}
            </span>
          </span>
        }
      />
      <section aria-label="Cohort details" className="mb-6 grid gap-4 lg:grid-cols-2">
        <Facts>
          <Fact term="Course">
            <Link to={`/training/courses/${c.course.id}`}>{c.course.title}</Link>
          </Fact>
          <Fact term="Program">
            <Link to={`/programs/${c.programId}`}>{c.programName}</Link>
          </Fact>
          <Fact term="Dates">
            {formatDay(c.startDate)} to {formatDay(c.endDate)}
          </Fact>
          <Fact term="Time zone">{zoneLabel(c.timeZone)}</Fact>
          <Fact term="Trainers">{c.trainers.map((t) => t.name).join(", ") || "None yet"}</Fact>
        </Facts>
        <Facts>
          <Fact term="Seats">
            {taken} of {c.seats} taken · {c.seatsLeft} left
          </Fact>
          <Fact term="Waitlist">{c.waitlistCount ? `${c.waitlistCount} waiting` : "Nobody waiting"}</Fact>
          <Fact term="Sessions">
            {c.sessions.filter((s) => s.cancelledAt === null).length} scheduled
            {c.sessions.some((s) => s.cancelledAt)
              ? `, ${c.sessions.filter((s) => s.cancelledAt).length} cancelled`
              : ""}
          </Fact>
          <Fact term="Next session">
            {c.nextSession ? (
              <>
                {c.nextSession.title}: <SessionTime session={c.nextSession} viewerZone={person.timeZone} />
              </>
            ) : (
              "None scheduled"
            )}
          </Fact>
        </Facts>
      </section>
      <EnrolmentPanel cohort={c} />
      <Tabs label="Cohort sections" tabs={tabs} selected={tab} onSelect={select}>
        {tab === "overview" ? (
          <OverviewTab {...props} />
        ) : tab === "lessons" ? (
          <LessonsTab {...props} />
        ) : tab === "assessments" ? (
          <AssessmentsTab {...props} />
        ) : tab === "grades" ? (
          <PersonalGradebook cohortId={c.id} personId={person.id} forStaff={false} />
        ) : tab === "roster" ? (
          <RosterTab {...props} />
        ) : tab === "sessions" ? (
          <SessionsTab {...props} />
        ) : tab === "attendance" ? (
          <AttendanceTab {...props} />
        ) : tab === "gradebook" ? (
          <GradebookTab {...props} />
        ) : (
          <GradeTab {...props} />
        )}
      </Tabs>
    </>
  );
}
