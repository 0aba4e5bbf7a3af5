import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { buttonClass } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading, QueryList } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { BackLink, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { Tabs } from "../../components/Tabs.tsx";
import {
  analyticsKeys,
  FEWER_THAN,
  figureText,
  type KindAnalytics,
  type OrganizationAnalytics,
} from "../../lib/analytics.ts";
import { KIND_LABELS, managesPrograms, seesStats } from "../../lib/labels.ts";
import { DistributionCharts, KindFigures, SuppressionNote, Tiles } from "./panels.tsx";

const noRetryOn403 = (count: number, err: unknown) =>
  !(err instanceof ApiError && (err.status === 403 || err.status === 404)) && count < 2;

/** Said to anyone the figures are not for, whether the client or the server noticed. */
function NotForYou() {
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">Program analytics are for sponsors, program managers and org admins</p>
      <p className="mt-1">
        Your own development is on <Link to="/record">your development record</Link>, and the programs you can
        join are under <Link to="/programs">Programs</Link>.
      </p>
    </div>
  );
}

function ExportLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className={buttonClass("secondary")} aria-label={label}>
      Export CSV
    </a>
  );
}

function KindTab({ data, canCreate }: { data: KindAnalytics; canCreate: boolean }) {
  const label = KIND_LABELS[data.kind].toLowerCase();
  return (
    <KindFigures
      data={data}
      empty={
        <EmptyState title={`No one takes part in a ${label} program yet`}>
          {data.programs === 0 ? (
            canCreate ? (
              <p>
                <Link to="/programs/new">Create a {label} program</Link> and publish it; its figures appear
                here as people enrol.
              </p>
            ) : (
              <p>There is no {label} program yet. Figures appear here once one runs.</p>
            )
          ) : (
            <p>
              Share the <Link to={`/programs?kind=${data.kind}`}>{label} programs</Link> with the people they
              are meant for; figures appear here as they enrol.
            </p>
          )}
        </EmptyState>
      }
    />
  );
}

function Overview({ data, canCreate }: { data: OrganizationAnalytics; canCreate: boolean }) {
  if (data.programCount === 0) {
    return (
      <EmptyState title="No programs yet">
        {canCreate ? (
          <p>
            <Link to="/programs/new">Create a program</Link>; its participation, measures and trends appear
            here as people take part.
          </p>
        ) : (
          <p>Figures appear here once program managers run mentoring, coaching or training programs.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <Section title="Across all programs" id="overview-figures">
        <Tiles
          label="People taking part"
          tiles={[
            {
              label: "People taking part",
              figure: data.participants,
              hint: "Mentees, coachees and trainees, each counted once.",
            },
            ...data.kinds.map((k) => ({
              label: KIND_LABELS[k.kind],
              figure: k.participation.enrolled,
              hint: `Enrolled in ${k.programs} ${k.programs === 1 ? "program" : "programs"}.`,
            })),
          ]}
        />
      </Section>
      <Section title="Who takes part" id="overview-distribution">
        <DistributionCharts
          departments={data.departments}
          seniority={data.seniority}
          who="People taking part"
        />
      </Section>
      <Section title="Programs" id="overview-programs">
        <ProgramsTable />
      </Section>
    </>
  );
}

const PROGRAMS_PAGE = 50;

/**
 * The programs with their participants, by name, a page at a time; the search asks the server. Each name
 * opens that program's analytics.
 */
function ProgramsTable() {
  const [q, setQ] = useState("");
  const query = q.trim();
  const programs = useCursorList({
    queryKey: [...analyticsKeys.organization, "programs", query],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/analytics/organization/programs", {
          params: { query: { q: query || undefined, cursor, limit: PROGRAMS_PAGE } },
        }),
      ),
  });
  const items = programs.items;
  const total = programs.first?.total ?? 0;
  return (
    <div className="space-y-3">
      <div className="max-w-md">
        <TextField
          type="search"
          label="Search programs"
          hint="Words in the program's name; open a program for its own analytics."
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <QueryList
        query={programs}
        loadingLabel="Loading the programs…"
        isEmpty={items.length === 0}
        empty={<p className="text-sm text-slate-700">No program's name matches “{query}”.</p>}
      >
        <Table
          caption="Programs with their participants"
          head={["Program", "Kind", "Status", "Participants"]}
        >
          {items.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="px-3 py-2 font-normal">
                <Link to={`/programs/${p.id}/analytics`} className="font-semibold">
                  {p.name}
                </Link>
              </th>
              <td className="px-3 py-2">{KIND_LABELS[p.kind]}</td>
              <td className="px-3 py-2 capitalize">{p.status}</td>
              <td className="px-3 py-2">{figureText(p.participants)}</td>
            </tr>
          ))}
        </Table>
        <LoadMore
          shown={items.length}
          total={total}
          noun={total === 1 ? "program" : "programs"}
          hasMore={programs.hasNextPage}
          loading={programs.isFetchingNextPage}
          onLoad={() => void programs.fetchNextPage()}
        />
      </QueryList>
    </div>
  );
}

function OrganizationView() {
  usePageTitle("Program analytics");
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "all";
  const analytics = useQuery({
    queryKey: analyticsKeys.organization,
    queryFn: () => unwrap(api.GET("/api/analytics/organization")),
    retry: noRetryOn403,
  });
  const forbidden = analytics.error instanceof ApiError && analytics.error.status === 403;
  const canCreate = managesPrograms(person.orgRole);
  return (
    <>
      <PageHeader
        title="Program analytics"
        description="Participation, progress and trends across the organization's mentoring, coaching and training programs."
        actions={
          forbidden ? null : (
            <ExportLink
              href="/api/analytics/organization/export.csv"
              label="Export CSV of the organization's analytics"
            />
          )
        }
      />
      {forbidden ? (
        <NotForYou />
      ) : analytics.isPending ? (
        <Loading label="Loading the analytics…" />
      ) : analytics.isError ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : (
        <>
          <SuppressionNote />

          <Tabs
            label="Programs by kind"
            tabs={[
              { id: "all", label: "All programs" },
              ...analytics.data.kinds.map((k) => ({
                id: k.kind,
                label: KIND_LABELS[k.kind],
                suffix: k.participation.enrolled.suppressed
                  ? `(${FEWER_THAN})`
                  : `(${k.participation.enrolled.value ?? 0})`,
              })),
            ]}
            selected={tab}
            onSelect={(id) => {
              const next = new URLSearchParams(params);
              if (id === "all") next.delete("tab");
              else next.set("tab", id);
              setParams(next, { replace: true });
            }}
          >
            {tab === "all" ? (
              <Overview data={analytics.data} canCreate={canCreate} />
            ) : (
              (() => {
                const kind = analytics.data.kinds.find((k) => k.kind === tab);
                return kind ? (
                  <KindTab data={kind} canCreate={canCreate} />
                ) : (
                  <Overview data={analytics.data} canCreate={canCreate} />
                );
              })()
            )}
          </Tabs>
        </>
      )}
    </>
  );
}

function ProgramView({ id }: { id: string }) {
  const analytics = useQuery({
    queryKey: analyticsKeys.program(id),
    queryFn: () => unwrap(api.GET("/api/analytics/programs/{id}", { params: { path: { id } } })),
    retry: noRetryOn403,
  });
  const name = analytics.data?.program.name;
  usePageTitle(name ? `Analytics: ${name}` : "Program analytics");
  const forbidden = analytics.error instanceof ApiError && analytics.error.status === 403;
  return (
    <>
      <BackLink to={name ? `/programs/${id}` : "/analytics"}>{name ?? "Program analytics"}</BackLink>
      <PageHeader
        title={name ? `Analytics: ${name}` : "Program analytics"}
        description={
          analytics.data
            ? `${KIND_LABELS[analytics.data.program.kind]} program${analytics.data.program.leadershipTrack ? ", leadership track" : ""}. Participation, measures and trends over the last 12 months.`
            : undefined
        }
        actions={
          analytics.data ? (
            <>
              <Link to="/analytics" className={buttonClass("ghost")}>
                All programs
              </Link>
              <ExportLink
                href={`/api/analytics/programs/${id}/export.csv`}
                label={`Export CSV of ${name}'s analytics`}
              />
            </>
          ) : null
        }
      />
      {forbidden ? (
        <NotForYou />
      ) : analytics.isPending ? (
        <Loading label="Loading the analytics…" />
      ) : analytics.isError ? (
        <>
          <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
          <p className="mt-4">
            <Link to="/analytics">See all programs' analytics</Link>
          </p>
        </>
      ) : (
        <>
          <SuppressionNote />
          <KindFigures
            data={analytics.data}
            empty={
              <EmptyState title="No one has enrolled yet">
                <p>
                  {analytics.data.program.status === "draft" ? (
                    <>
                      Publish the program from its <Link to={`/programs/${id}/edit`}>edit page</Link> so
                      people can enrol; figures appear here as they take part.
                    </>
                  ) : (
                    <>
                      Share <Link to={`/programs/${id}`}>the program's page</Link> with the people it is meant
                      for; figures appear here as they take part.
                    </>
                  )}
                </p>
              </EmptyState>
            }
          />
        </>
      )}
    </>
  );
}

/** Program analytics: the organization's (by kind) at /analytics, or one program's at /programs/:id/analytics. */
export default function AnalyticsPage() {
  const { id } = useParams();
  const { person } = useSession();
  if (!seesStats(person.orgRole)) return <NotAllowedPage />;
  return id ? <ProgramView key={id} id={id} /> : <OrganizationView />;
}

function NotAllowedPage() {
  usePageTitle("Program analytics");
  return (
    <>
      <PageHeader title="Program analytics" />
      <NotForYou />
    </>
  );
}
