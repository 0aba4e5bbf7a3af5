import { Link, useSearchParams } from "react-router";
import { ApiError, api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { analyticsKeys, asNumber, asPercent, type SuccessionRow } from "../../lib/analytics.ts";
import { themeLabel } from "../../lib/coaching.ts";
import { managesPrograms } from "../../lib/labels.ts";
import { formatDay } from "../../lib/mentoring.ts";

const STATUS: Record<
  SuccessionRow["status"],
  { label: string; tone: "green" | "amber" | "slate" | "blue" | "red" }
> = {
  waiting: { label: "Waiting for a mentor", tone: "amber" },
  proposed: { label: "Matched, agreeing", tone: "blue" },
  active: { label: "Active", tone: "green" },
  completed: { label: "Completed", tone: "slate" },
  ended_early: { label: "Ended early", tone: "red" },
};

/** The orders the server pages the mentees in. */
const SORTS = {
  name: "Name",
  seniority: "Seniority (highest first)",
  months: "Months in the relationship (most first)",
  meetings: "Meetings in the last 90 days (fewest first)",
} as const;
type SortKey = keyof typeof SORTS;
const isSortKey = (s: string | null): s is SortKey => s !== null && s in SORTS;
const PAGE_SIZE = 50;

const months = (v: number | null) => (v === null ? "—" : asNumber(v));

function Certificates({ row }: { row: SuccessionRow }) {
  if (row.certificates.length === 0) return <span className="text-slate-700">None</span>;
  return (
    <ul className="space-y-1">
      {row.certificates.map((c) => (
        <li key={c.id}>
          {c.course}
          <span className="block text-xs text-slate-700">
            {formatDay(c.issuedAt)}
            {c.expiresAt ? `, expires ${formatDay(c.expiresAt)}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Coaching({ row }: { row: SuccessionRow }) {
  if (row.coaching.length === 0) return <span className="text-slate-700">None</span>;
  return (
    <ul className="space-y-2">
      {row.coaching.map((g) => (
        <li key={g.id}>
          <span className="font-medium">{g.program}</span>
          {g.averageProgress !== null ? ` · ${asPercent(g.averageProgress)} to target` : ""}
          <ul className="text-xs text-slate-700">
            {g.objectives.map((o) => (
              <li key={o.id}>
                {o.title} ({themeLabel(o.theme)}): {asPercent(o.progress)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function NotForYou() {
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">The succession view is for program managers and org admins</p>
      <p className="mt-1">
        It names people, so it is kept to those who run programs. The aggregates, with no one named, are in{" "}
        <Link to="/analytics">Program analytics</Link>.
      </p>
    </div>
  );
}

/** Mentees of leadership-track mentoring programs with their progress, for those who run programs. */
export default function SuccessionPage() {
  usePageTitle("Succession");
  const { person } = useSession();
  const allowed = managesPrograms(person.orgRole);
  const [params, setParams] = useSearchParams();
  const programId = params.get("programId") ?? "";
  const sortParam = params.get("sort");
  const sort: SortKey = isSortKey(sortParam) ? sortParam : "name";
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const succession = useCursorList({
    queryKey: [...analyticsKeys.succession, { programId, sort }],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/analytics/succession", {
          params: { query: { programId: programId || undefined, sort, limit: PAGE_SIZE, cursor } },
        }),
      ),
    enabled: allowed,
  });
  const forbidden = !allowed || (succession.error instanceof ApiError && succession.error.status === 403);
  const items = succession.items;
  const total = succession.first?.total ?? 0;
  const programs = succession.first?.programs ?? [];
  const programName = programs.find((p) => p.id === programId)?.name;
  return (
    <>
      <PageHeader
        title="Succession"
        description="Mentees of leadership-track mentoring programs, with how their relationship, training and coaching are going (seed 002: developing managerial talent, or succession planning). Dates, statuses and counts only: never what a pair wrote."
      />
      {forbidden ? (
        <NotForYou />
      ) : succession.isPending ? (
        <Loading label="Loading the succession view…" />
      ) : succession.isError ? (
        <ErrorState error={succession.error} onRetry={() => void succession.refetch()} />
      ) : items.length === 0 && !programId ? (
        <EmptyState title="No leadership-track mentees yet">
          <p>
            Mark a mentoring program as leadership track to see its mentees here: open one of the{" "}
            <Link to="/programs?kind=mentoring">mentoring programs</Link>, choose Edit program and tick
            Leadership track.
          </p>
        </EmptyState>
      ) : (
        <>
          <form
            aria-label="Filter and sort the mentees"
            className="mb-4 grid gap-4 sm:grid-cols-2 lg:max-w-3xl"
            onSubmit={(e) => e.preventDefault()}
          >
            <SelectField
              label="Program"
              value={programId}
              onChange={(e) => set("programId", e.target.value)}
              placeholder="All leadership-track programs"
              options={programs.map((p) => ({ value: p.id, label: p.name }))}
            />
            <SelectField
              label="Sort by"
              value={sort}
              onChange={(e) => set("sort", e.target.value === "name" ? "" : e.target.value)}
              options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
            />
          </form>
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {total} {total === 1 ? "mentee" : "mentees"}
            {programId ? ` in ${programName ?? "this program"}` : ""}, sorted by {SORTS[sort].toLowerCase()}.
          </p>
          {items.length === 0 ? (
            <EmptyState title="No mentees in this program yet">
              <p>Its mentees appear here once they enrol.</p>
            </EmptyState>
          ) : (
            <Table
              caption="Mentees of leadership-track programs, with their relationship, certificates and coaching progress"
              head={[
                "Mentee",
                "Program",
                "Mentor",
                "Status",
                "Started",
                "Months (in / planned)",
                "Meetings, last 90 days",
                "Certificates",
                "Coaching objectives",
              ]}
            >
              {items.map((r) => (
                <tr key={r.id} className="align-top">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link to={`/people/${r.person.id}`} className="font-semibold">
                      {r.person.name}
                    </Link>
                    <span className="block text-slate-700">
                      {[
                        r.person.title,
                        r.person.department,
                        r.person.seniority !== null ? `level ${r.person.seniority}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </th>
                  <td className="px-3 py-2">{r.program.name}</td>
                  <td className="px-3 py-2">{r.mentor ? r.mentor.name : "—"}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDay(r.startDate)}</td>
                  <td className="px-3 py-2">
                    {months(r.monthsInRelationship)} / {months(r.plannedMonths)}
                  </td>
                  <td className="px-3 py-2">{r.meetingsLast90Days}</td>
                  <td className="px-3 py-2">
                    <Certificates row={r} />
                  </td>
                  <td className="px-3 py-2">
                    <Coaching row={r} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <LoadMore
            shown={items.length}
            total={total}
            noun={total === 1 ? "mentee" : "mentees"}
            hasMore={succession.hasNextPage}
            loading={succession.isFetchingNextPage}
            onLoad={() => void succession.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
