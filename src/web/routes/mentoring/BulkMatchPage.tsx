import { useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading, QueryList } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { RunList } from "./bulk/RunList.tsx";
import { RunView } from "./bulk/RunView.tsx";
import { BulkDisabledNotice, StartForm } from "./bulk/StartForm.tsx";
import { matchingKeys } from "./bulk/shared.ts";
import { useMentoringAdmin } from "./useMentoringAdmin.ts";

const RUNS_PAGE_SIZE = 20;

/**
 * Bulk matching for the program team: start a draft (optimal or stable), follow its progress, review and
 * adjust the pairs, then publish them as proposed relationships. `/bulk` lists the runs; `/bulk/:runId`
 * opens one.
 */
export default function BulkMatchPage() {
  const { id = "", runId } = useParams();
  const { person } = useSession();
  const { program, canEdit, overview, settings } = useMentoringAdmin(id);
  const runs = useCursorList({
    queryKey: matchingKeys.runs(id),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/match-runs", {
          params: { path: { id }, query: { cursor, limit: RUNS_PAGE_SIZE } },
        }),
      ),
    enabled: canEdit && !runId,
    // A run solving in the background shows its progress in the list until it is done.
    refetchInterval: (pages) =>
      pages?.some((page) => page.items.some((r) => r.status === "running")) ? 1000 : false,
  });
  usePageTitle(program.data ? `Bulk match · ${program.data.name}` : "Bulk match");

  if (program.isPending || (canEdit && (overview.isPending || settings.isPending)))
    return <Loading label="Loading bulk matching…" />;
  const failed = program.error ?? overview.error ?? settings.error;
  if (failed || !program.data) {
    return (
      <>
        <PageHeader title="Bulk match" />
        <ErrorState
          error={failed}
          onRetry={() =>
            void (program.error
              ? program.refetch()
              : overview.error
                ? overview.refetch()
                : settings.refetch())
          }
        />
      </>
    );
  }
  const p = program.data;
  if (!canEdit || !overview.data || !settings.data) {
    return (
      <>
        <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>
        <PageHeader title="Bulk match" />
        <p role="alert">
          {p.kind !== "mentoring"
            ? "This is not a mentoring program."
            : "Only the program's owner or an org admin can run bulk matching."}
        </p>
      </>
    );
  }
  const data = overview.data;

  if (runId) {
    return (
      <>
        <BackLink to={`/programs/${p.id}/mentoring/bulk`}>All bulk match runs</BackLink>
        <PageHeader title="Bulk match" description={`${p.name}: review a draft before anyone is told.`} />
        <RunView programId={p.id} runId={runId} overview={data} timeZone={person.timeZone} />
      </>
    );
  }

  const bulkOn = settings.data.matchModes.includes("bulk");
  const waiting = data.menteesWaiting;
  const mentors = data.counts.mentors;
  return (
    <>
      <BackLink to={`/programs/${p.id}/mentoring`}>Mentoring overview</BackLink>
      <PageHeader
        title="Bulk match"
        description={`${p.name}: pair every mentee who still needs a mentor in one go, review the draft, then publish it.`}
        actions={
          <ButtonLink to={`/programs/${p.id}/mentoring/settings`} variant="secondary">
            Matching settings
          </ButtonLink>
        }
      />
      <Section title="Start a draft">
        <Card>
          {!bulkOn ? (
            <BulkDisabledNotice programId={p.id} />
          ) : waiting === 0 || mentors === 0 ? (
            <EmptyState title={mentors === 0 ? "No mentors yet" : "No mentee is waiting for a mentor"}>
              <p>
                A draft pairs enrolled mentees who still need a mentor with enrolled mentors who have room.
                People enrol from the program's page while enrolment is open.
              </p>
            </EmptyState>
          ) : (
            <StartForm programId={p.id} mentees={waiting} />
          )}
        </Card>
      </Section>
      <Section title="Runs">
        <QueryList
          query={runs}
          loadingLabel="Loading the runs…"
          isEmpty={runs.items.length === 0}
          empty={
            <EmptyState title="No runs yet">
              <p>
                Choose how to match above and select “Run draft”. You will see the pairs, their scores and who
                is left unmatched, and can adjust them before anyone is told.
              </p>
            </EmptyState>
          }
        >
          <RunList programId={p.id} runs={runs.items} timeZone={person.timeZone} />
          <LoadMore
            shown={runs.items.length}
            noun={runs.items.length === 1 ? "run" : "runs"}
            hasMore={runs.hasNextPage}
            loading={runs.isFetchingNextPage}
            onLoad={() => void runs.fetchNextPage()}
          />
        </QueryList>
      </Section>
    </>
  );
}
