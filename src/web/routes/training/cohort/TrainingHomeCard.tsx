import { Link } from "react-router";
import { useSession } from "../../../api/session.ts";
import { Badge, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { ASSIGNMENT_STATUS } from "../../../lib/training.ts";
import { SessionTime } from "./parts.tsx";
import { useMyTraining } from "./shared.ts";

/** The home page's training summary: mandatory courses still due and the next training session. */
export function TrainingHomeCard() {
  const { person } = useSession();
  const me = useMyTraining();
  const due = (me.data?.assignments ?? [])
    .filter((a) => a.status !== "completed")
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = me.data?.nextSession ?? null;
  return (
    <Section title="Training" actions={<Link to="/training">My training</Link>}>
      {me.isPending ? (
        <Loading label="Loading your training…" />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <Card className="grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Mandatory courses due</h3>
            {due.length === 0 ? (
              <p className="text-sm text-slate-700">
                Nothing due. You are up to date with mandatory training.
              </p>
            ) : (
              <ul className="space-y-2 text-sm">
                {due.map((a) => {
                  const s = ASSIGNMENT_STATUS[a.status];
                  const cohort = a.openCohorts[0];
                  return (
                    <li key={a.assignmentId} className="flex flex-wrap items-center gap-2">
                      <Link
                        to={cohort ? `/training/cohorts/${cohort.id}` : `/training/courses/${a.course.id}`}
                      >
                        {a.course.title}
                      </Link>
                      <Badge tone={s.tone}>{s.label}</Badge>
                      <span className="text-slate-700">due {formatDate(a.dueAt, person.timeZone)}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Next training session</h3>
            {next ? (
              <div className="text-sm">
                <p>
                  <Link to={`/training/cohorts/${next.cohortId}`}>{next.title}</Link>{" "}
                  <span className="text-slate-700">· {next.cohortName}</span>
                </p>
                <p>
                  <SessionTime session={next} viewerZone={person.timeZone} />
                </p>
                {next.location ? <p className="text-slate-700">{next.location}</p> : null}
              </div>
            ) : (
              <p className="text-sm text-slate-700">
                None scheduled. <Link to="/training/courses">Browse courses</Link> to find a cohort to join.
              </p>
            )}
          </div>
        </Card>
      )}
    </Section>
  );
}
