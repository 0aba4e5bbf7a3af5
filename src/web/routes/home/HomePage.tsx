import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { managesPrograms, seesStats } from "../../lib/labels.ts";
import { ProgramCard } from "../programs/ProgramCard.tsx";
import { TrainingHomeCard } from "../training/cohort/TrainingHomeCard.tsx";
import { NextStepsCard } from "./NextStepsCard.tsx";

/** The home page shows the first programs of each list; the programs page has the rest. */
const HOME_PROGRAMS = 20;

/** Recharts is only loaded for the roles that see the statistics. */
const StatsPanel = lazy(() => import("./StatsPanel.tsx"));

export default function HomePage() {
  usePageTitle("Home");
  const { person, organization } = useSession();
  const firstName = person.name.split(" ")[0] ?? person.name;
  const programs = useQuery({
    queryKey: ["programs", { scope: "home", eligibleOnly: true }],
    queryFn: () =>
      unwrap(
        api.GET("/api/programs", {
          params: { query: { status: "published", eligibleOnly: "true", limit: HOME_PROGRAMS } },
        }),
      ),
  });
  const enrolled = useQuery({
    queryKey: ["programs", { scope: "home", enrolledOnly: true }],
    queryFn: () =>
      unwrap(
        api.GET("/api/programs", {
          params: { query: { status: "published", enrolledOnly: "true", limit: HOME_PROGRAMS } },
        }),
      ),
  });
  const open = (programs.data?.items ?? []).filter((p) => p.me.enrolledAs.length === 0);
  const mine = enrolled.data?.items ?? [];
  const profileIncomplete = person.skills.length === 0 || person.languages.length === 0;

  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={`Your mentoring, coaching and training at ${organization.name}.`}
        actions={
          managesPrograms(person.orgRole) ? <ButtonLink to="/programs/new">New program</ButtonLink> : null
        }
      />
      {profileIncomplete ? (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          Programs match people on skills and languages.{" "}
          <Link to="/me" className="font-semibold text-amber-950 underline">
            Complete your profile
          </Link>{" "}
          so program managers can find the right mentor, coach or course for you.
        </p>
      ) : null}
      <NextStepsCard />
      {seesStats(person.orgRole) ? (
        <Suspense fallback={<Loading label="Loading statistics…" />}>
          <StatsPanel />
        </Suspense>
      ) : null}
      <TrainingHomeCard />
      <Section title="Programs open to you">
        {programs.isPending ? (
          <Loading label="Loading programs…" />
        ) : programs.isError ? (
          <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
        ) : open.length === 0 ? (
          <EmptyState title="No programs are open to you right now">
            {managesPrograms(person.orgRole) ? (
              <p>
                <Link to="/programs/new">Create a program</Link> and publish it to open enrolment.
              </p>
            ) : (
              <p>
                <Link to="/programs">Browse all programs</Link> to see what opens next, or check back later.
              </p>
            )}
          </EmptyState>
        ) : (
          <>
            <ul className="grid gap-4 lg:grid-cols-2">
              {open.map((p) => (
                <ProgramCard key={p.id} program={p} timeZone={person.timeZone} />
              ))}
            </ul>
            {programs.data?.nextCursor ? (
              <p className="mt-3">
                <Link to="/programs?eligible=1">See every program open to you</Link>
              </p>
            ) : null}
          </>
        )}
      </Section>
      {mine.length > 0 ? (
        <Section title="Your programs">
          <ul className="grid gap-4 lg:grid-cols-2">
            {mine.map((p) => (
              <ProgramCard key={p.id} program={p} timeZone={person.timeZone} />
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}
