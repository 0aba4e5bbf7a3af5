import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { api, type Schemas, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { ButtonLink } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, Loading, QueryList } from "../../../components/Feedback.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { ProgressBar } from "../parts.tsx";
import { AddPairForm } from "./AddPairForm.tsx";
import { PairsTable } from "./PairsTable.tsx";
import { RunActions } from "./RunActions.tsx";
import { ScoreChart } from "./ScoreChart.tsx";
import {
  formatCount,
  formatSolveTime,
  type MatchRun,
  MODES,
  matchingKeys,
  plural,
  RUN_STATUS,
  RUN_STATUS_ID,
  scorePct,
  UNMATCHED_REASONS,
} from "./shared.ts";

type Overview = Schemas["MentoringOverview"];

/** How often a running draft is asked for its progress. */
const POLL_MS = 500;
/** Unmatched mentees loaded at a time; "Show more" loads the next ones. */
const UNMATCHED_PAGE_SIZE = 50;

function Stats({ run }: { run: MatchRun }) {
  const stats: { label: string; value: ReactNode; hint: string }[] = [
    {
      label: "Total score",
      value: run.total.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      hint: `The sum of the ${plural(run.pairs, "pair")}' scores (each from 0 to 1).`,
    },
    {
      label: "Pairs",
      value: formatCount(run.pairs),
      hint: "Proposed as relationships when published.",
    },
    {
      label: "Average score",
      value: run.averageScore === null ? "—" : scorePct(run.averageScore),
      hint: `The program's minimum score is ${scorePct(run.minimumScore)}.`,
    },
    { label: "Unmatched", value: formatCount(run.unmatched), hint: "Mentees left without a mentor." },
    { label: "Solve time", value: formatSolveTime(run.solveMs), hint: "How long the matching took." },
  ];
  if (run.mode === "stable") {
    stats.push({
      label: "Blocking pairs",
      value: run.blockingPairs ?? "—",
      hint: "Pairs of a mentee and a mentor who would both rather be together. A stable match has none.",
    });
  }
  return (
    <dl className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3">
      {stats.map((s) => (
        <div key={s.label} className="rounded-lg border border-slate-300 bg-white p-4">
          <dt className="font-semibold text-slate-900">{s.label}</dt>
          <dd className="text-2xl font-bold text-emerald-900">{s.value}</dd>
          <dd className="text-xs text-slate-700">{s.hint}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The mentees the run leaves without a mentor, by name, a page at a time. */
function Unmatched({ programId, run }: { programId: string; run: MatchRun }) {
  const list = useCursorList({
    queryKey: matchingKeys.unmatched(programId, run.id),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/match-runs/{runId}/unmatched", {
          params: { path: { id: programId, runId: run.id }, query: { cursor, limit: UNMATCHED_PAGE_SIZE } },
        }),
      ),
    enabled: run.unmatched > 0,
  });
  if (run.unmatched === 0) {
    return (
      <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
        Every mentee who needed a mentor has one in this run.
      </p>
    );
  }
  return (
    <QueryList
      query={list}
      loadingLabel="Loading the unmatched mentees…"
      isEmpty={list.items.length === 0}
      empty={<p className="text-sm text-slate-700">Every mentee who needed a mentor has one in this run.</p>}
    >
      <ul
        className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white"
        aria-label="Unmatched mentees"
      >
        {list.items.map((u) => (
          <li key={u.mentee.id} className="p-3 text-sm">
            <Link to={`/people/${u.mentee.id}`} className="font-semibold">
              {u.mentee.name}
            </Link>
            <span className="block text-slate-700">{UNMATCHED_REASONS[u.reason]}</span>
          </li>
        ))}
      </ul>
      <LoadMore
        shown={list.items.length}
        total={list.hasNextPage ? list.first?.total : undefined}
        noun="unmatched mentees"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </QueryList>
  );
}

/** What happened to a run that is no longer a draft. */
function StatusNotice({ programId, run, timeZone }: { programId: string; run: MatchRun; timeZone: string }) {
  if (run.status === "published") {
    return (
      <div
        id={RUN_STATUS_ID}
        tabIndex={-1}
        className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-emerald-950 focus:outline-2 focus:outline-emerald-700"
      >
        <p className="font-semibold">
          Published{run.publishedAt ? ` on ${formatDateTime(run.publishedAt, timeZone)}` : ""}
        </p>
        <p className="text-sm">
          Each of the {plural(run.pairs, "pair")} became a proposed mentoring relationship and both people
          were emailed. Follow them in the{" "}
          <Link to={`/programs/${programId}/mentoring?show=proposed`}>mentoring overview</Link>. This run can
          no longer change.
        </p>
      </div>
    );
  }
  if (run.status === "discarded") {
    return (
      <div
        id={RUN_STATUS_ID}
        tabIndex={-1}
        className="mb-6 rounded-md border border-slate-300 bg-slate-100 p-4 text-slate-900 focus:outline-2 focus:outline-slate-700"
      >
        <p className="font-semibold">Discarded</p>
        <p className="text-sm">
          Nobody was told about this draft and it can no longer change. Start a new draft from the{" "}
          <Link to={`/programs/${programId}/mentoring/bulk`}>bulk match page</Link>.
        </p>
      </div>
    );
  }
  return null;
}

function Progress({ run, mentees }: { run: MatchRun; mentees: number }) {
  return (
    <Section title="Matching in progress">
      <Card className="space-y-3">
        <p className="text-slate-900">
          Matching {plural(mentees, "mentee")} {MODES[run.mode].aim}… You can leave this page; the draft keeps
          being worked out.
        </p>
        <ProgressBar label="Matching progress" value={run.progress} />
      </Card>
    </Section>
  );
}

/** One run: its progress while it runs, then the review of the draft, or the record of what happened. */
export function RunView({
  programId,
  runId,
  overview,
  timeZone,
}: {
  programId: string;
  runId: string;
  overview: Overview;
  timeZone: string;
}) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: matchingKeys.run(programId, runId),
    queryFn: () =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/match-runs/{runId}", {
          params: { path: { id: programId, runId } },
        }),
      ),
    refetchInterval: (q) => (q.state.data?.status === "running" ? POLL_MS : false),
  });
  const [announcement, setAnnouncement] = useState("");
  const last = useRef(query.data?.status);
  useEffect(() => {
    const run = query.data;
    const was = last.current;
    last.current = run?.status;
    if (!run || was !== "running" || run.status === "running") return;
    // A run that just finished changes the list's status and counts, and its pairs and unmatched mentees;
    // it is said once, as the progress bar is not a live region.
    void qc.invalidateQueries({ queryKey: matchingKeys.runs(programId) });
    void qc.invalidateQueries({ queryKey: matchingKeys.runLists(programId, run.id) });
    setAnnouncement(
      run.status === "failed"
        ? "The match run did not finish."
        : `The draft is ready: ${plural(run.pairs, "pair")}, ${formatCount(run.unmatched)} unmatched.`,
    );
  }, [query.data, qc, programId]);

  if (query.isPending) return <Loading label="Loading the match run…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <output className="sr-only">{announcement}</output>
      <RunContent programId={programId} run={query.data} overview={overview} timeZone={timeZone} />
    </>
  );
}

function RunContent({
  programId,
  run,
  overview,
  timeZone,
}: {
  programId: string;
  run: MatchRun;
  overview: Overview;
  timeZone: string;
}) {
  const meta = RUN_STATUS[run.status];
  const waiting = overview.menteesWaiting;
  const header = (
    <p className="mb-6 flex flex-wrap items-center gap-2 text-slate-800">
      <Badge tone={meta.tone}>{meta.label}</Badge>
      <span>
        {MODES[run.mode].label} · started {formatDateTime(run.createdAt, timeZone)}
      </span>
    </p>
  );
  if (run.status === "running") {
    return (
      <>
        {header}
        <Progress run={run} mentees={waiting} />
      </>
    );
  }
  if (run.status === "failed") {
    return (
      <>
        {header}
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">This run did not finish</p>
          <p>{run.error ?? "The match run stopped before it finished."}</p>
        </div>
        <p className="mt-4">
          <ButtonLink to={`/programs/${programId}/mentoring/bulk`}>Start a new draft</ButtonLink>
        </p>
      </>
    );
  }
  const draft = run.status === "draft";
  return (
    <>
      {header}
      <StatusNotice programId={programId} run={run} timeZone={timeZone} />
      <Section title="Summary">
        <div className="space-y-4">
          <Stats run={run} />
          <ScoreChart histogram={run.histogram} />
        </div>
      </Section>
      <Section title={`Pairs (${formatCount(run.pairs)})`} id="bulk-pairs">
        <PairsTable programId={programId} run={run} />
      </Section>
      {draft ? (
        <Section title="Add a pair">
          <Card>
            <p className="mb-4 text-sm text-slate-700">
              Pair a mentee with a mentor yourself. The pair is locked, so a re-run keeps it.
            </p>
            {overview.counts.mentors && overview.counts.mentees ? (
              <AddPairForm programId={programId} run={run} />
            ) : (
              <EmptyState title="Nobody to pair yet" />
            )}
          </Card>
        </Section>
      ) : null}
      <Section title={`Unmatched mentees (${formatCount(run.unmatched)})`} id="bulk-unmatched">
        <Unmatched programId={programId} run={run} />
      </Section>
      {draft ? (
        <Section title="Publish or discard">
          <Card>
            <RunActions programId={programId} run={run} />
          </Card>
        </Section>
      ) : null}
    </>
  );
}
