import { useState } from "react";
import { Link, useParams } from "react-router";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading, QueryList } from "../../components/Feedback.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { managesPrograms } from "../../lib/labels.ts";
import { useProgram } from "../../lib/programs.ts";
import { plural } from "./authoring/shared.tsx";
import { CohortCard } from "./program/CohortCards.tsx";
import { Dashboard } from "./program/Dashboard.tsx";
import { OpenCohortForm } from "./program/OpenCohortForm.tsx";
import { useProgramCohorts } from "./program/useProgramCohorts.ts";

/**
 * A training program's cohorts with their seats, waitlist and next session; for program staff, the form to
 * open a cohort of a published course; for the program's owner and org admins, the program dashboard.
 */
export default function ProgramTrainingPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const program = useProgram(id);
  const isTraining = program.data?.kind === "training";
  const cohorts = useProgramCohorts(id, isTraining);
  const [opening, setOpening] = useState(false);
  usePageTitle(program.data ? `Training · ${program.data.name}` : "Training");

  if (program.isPending) return <Loading label="Loading the program…" />;
  if (program.isError) {
    return (
      <>
        <PageHeader title="Training" />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
      </>
    );
  }
  const p = program.data;
  const back = <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>;
  if (!isTraining) {
    return (
      <>
        {back}
        <PageHeader title="Training" />
        <p role="alert">
          This is a {p.kind} program. Cohorts belong to training programs; see{" "}
          <Link to="/programs">all programs</Link>.
        </p>
      </>
    );
  }
  const staff = managesPrograms(person.orgRole);
  const items = cohorts.data?.cohorts ?? [];
  const open = items.filter((c) => c.status === "open");
  const seatsLeft = open.reduce((n, c) => n + c.seatsLeft, 0);
  return (
    <>
      {back}
      <PageHeader
        title="Training"
        description={`${p.name}: its cohorts, their seats and next sessions${staff ? ", and opening new ones" : ""}.`}
        actions={
          <>
            <ButtonLink to="/training/courses" variant="secondary">
              Course catalog
            </ButtonLink>
            {staff ? (
              <ButtonLink to="/training/assignments" variant="secondary">
                Mandatory training
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Section
        title="Cohorts"
        actions={staff && !opening ? <Button onClick={() => setOpening(true)}>Open a cohort</Button> : null}
      >
        {staff && opening ? (
          <Card className="mb-6 border-emerald-700">
            <h3 className="mb-3 text-lg font-semibold">Open a cohort</h3>
            <OpenCohortForm programId={p.id} onDone={() => setOpening(false)} />
          </Card>
        ) : null}
        <QueryList
          query={cohorts}
          loadingLabel="Loading the cohorts…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No cohorts yet">
              {staff ? (
                <p>
                  Use “Open a cohort” to run a published course with its dates, seats and trainers. Trainees
                  enrolled in the program then choose a cohort and join it.
                </p>
              ) : (
                <p>The program team has not opened a cohort yet. Come back soon to pick one.</p>
              )}
            </EmptyState>
          }
        >
          <p className="mb-3 text-sm text-slate-700">
            {plural(items.length, "cohort")}, {open.length} open with {plural(seatsLeft, "seat")} left.
          </p>
          <ul className="grid gap-4 lg:grid-cols-2">
            {items.map((c) => (
              <CohortCard key={c.id} cohort={c} timeZone={person.timeZone} />
            ))}
          </ul>
        </QueryList>
      </Section>
      {p.me.canEdit ? <Dashboard programId={p.id} /> : null}
    </>
  );
}
