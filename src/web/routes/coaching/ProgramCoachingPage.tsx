import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading, QueryList } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { type EngagementListItem, engagementStatus, LIST_PAGE_SIZE } from "../../lib/coaching.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { formatDay, liveQuery } from "../../lib/mentoring.ts";
import { useProgram } from "../../lib/programs.ts";
import { AssignForm } from "./assign/AssignForm.tsx";
import { awaitingLabel, BudgetMeter, pageKeys, runsCoaching } from "./assign/parts.tsx";

const td = "px-3 py-2 align-top";

function EngagementTable({
  items,
  caption,
  timeZone,
}: {
  items: EngagementListItem[];
  caption: string;
  timeZone: string;
}) {
  return (
    <Table caption={caption} head={["Coachee", "Coach", "Sponsor", "Status", "Sessions", "Next session"]}>
      {items.map((e) => {
        const coach = e.coach;
        const status = engagementStatus(e.status);
        return (
          <tr key={e.id}>
            <th scope="row" className={`${td} font-normal`}>
              <Link to={`/coaching/engagements/${e.id}`} className="font-semibold">
                {e.coachee.name}
                <span className="sr-only">: open the engagement</span>
              </Link>
              <div className="text-xs text-slate-700">
                {formatDay(e.startDate)} – {formatDay(e.endDate)}
              </div>
            </th>
            <td className={td}>
              {coach ? coach.name : <span className="text-slate-700">Not chosen yet</span>}
            </td>
            <td className={td}>{e.sponsor.name}</td>
            <td className={td}>
              <span className="flex flex-wrap gap-1">
                <Badge tone={status.tone}>{status.label}</Badge>
                {e.status === "setup" && !coach ? <Badge tone="violet">Chemistry call</Badge> : null}
              </span>
              {e.awaitingMe.length ? (
                <ul className="mt-1 text-xs text-amber-900">
                  {e.awaitingMe.map((a) => (
                    <li key={a}>You: {awaitingLabel(a).toLowerCase()}</li>
                  ))}
                </ul>
              ) : null}
            </td>
            <td className={`${td} w-44`}>
              <BudgetMeter budget={e.budget} visibleLabel={false} label={`Sessions of ${e.coachee.name}`} />
              <p className="mt-1 text-xs text-slate-700">
                {e.budget.used} of {e.budget.total} used
                {e.budget.booked ? `, ${e.budget.booked} booked` : ""}
              </p>
            </td>
            <td className={`${td} whitespace-nowrap`}>
              {e.nextSessionAt ? (
                formatDateTime(e.nextSessionAt, timeZone)
              ) : (
                <span className="text-slate-700">None booked</span>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

/** A coaching program's engagements and the form to assign a coach, for program staff and sponsors. */
export default function ProgramCoachingPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const program = useProgram(id);
  const manager = runsCoaching(person.orgRole);
  const sponsor = person.orgRole === "sponsor";
  const isCoaching = program.data?.kind === "coaching";
  const programList = useCursorList({
    queryKey: pageKeys.program(id),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/coaching/engagements", {
          params: { path: { id }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
    enabled: manager && isCoaching,
  });
  const sponsorList = useCursorList({
    queryKey: pageKeys.asSponsor(id),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/engagements", {
          params: { query: { as: "sponsor", programId: id, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
    enabled: sponsor && isCoaching,
  });
  usePageTitle(program.data ? `Coaching · ${program.data.name}` : "Coaching");

  if (program.isPending) return <Loading label="Loading the program…" />;
  if (program.isError) {
    return (
      <>
        <PageHeader title="Coaching" />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
      </>
    );
  }
  const p = program.data;
  const back = <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>;
  if (!isCoaching || !(manager || sponsor)) {
    return (
      <>
        {back}
        <PageHeader title="Coaching" />
        <p role="alert">
          {isCoaching ? (
            <>
              Only program managers, org admins and sponsors can assign coaching. Your own coaching is under{" "}
              <Link to="/coaching">My coaching</Link>.
            </>
          ) : (
            "This is not a coaching program."
          )}
        </p>
      </>
    );
  }
  const list = manager ? programList : sponsorList;
  const items: EngagementListItem[] = list.items;
  const total = list.first?.total ?? 0;
  const open = list.first?.open ?? 0;
  return (
    <>
      {back}
      <PageHeader
        title="Coaching"
        description={`${p.name}: ${
          manager ? "every engagement in the program" : "the engagements you sponsor"
        }, and assigning a coach.`}
        actions={
          <>
            <ButtonLink to="/coaching/coaches" variant="secondary">
              Coach pool
            </ButtonLink>
            <ButtonLink to={`/coaching/insights?programId=${p.id}`} variant="secondary">
              Insights
            </ButtonLink>
          </>
        }
      />
      <p className="mb-6 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
        Coaching is confidential: {manager ? "program staff" : "sponsors"} see attendance, the session budget
        and progress on the objectives — never what is said in a session.
      </p>
      <Section title={manager ? "Engagements" : "Engagements you sponsor"} id="engagements">
        <QueryList
          query={list}
          loadingLabel="Loading the engagements…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No coaching engagements yet">
              <p>
                Assign a coach below: choose the coachee and their focus, then pick a coach from the ranked
                shortlist, or two or three for a chemistry call.
              </p>
            </EmptyState>
          }
        >
          <p className="mb-2 text-sm text-slate-700">
            {total} {total === 1 ? "engagement" : "engagements"}, {open} open.
          </p>
          <EngagementTable
            items={items}
            caption={`Coaching engagements in ${p.name}`}
            timeZone={person.timeZone}
          />
          <LoadMore
            shown={items.length}
            total={total}
            noun={total === 1 ? "engagement" : "engagements"}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoad={() => void list.fetchNextPage()}
          />
        </QueryList>
      </Section>
      <Section title="Assign a coach">
        <Card>
          {p.status === "published" ? (
            <AssignForm program={p} />
          ) : (
            <p className="text-sm text-slate-800">
              This program is {p.status}. Coaching can be assigned once it is published
              {p.me.canEdit ? (
                <>
                  {" "}
                  from the <Link to={`/programs/${p.id}/edit`}>edit page</Link>
                </>
              ) : null}
              .
            </p>
          )}
        </Card>
      </Section>
    </>
  );
}
