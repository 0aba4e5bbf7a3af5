import { Link, useSearchParams } from "react-router";
import { api, type ProgramKind, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { CheckboxField, SelectField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { KIND_LABELS, managesPrograms, PROGRAM_KINDS } from "../../lib/labels.ts";
import { ProgramCard } from "./ProgramCard.tsx";

const STATUSES = ["draft", "published", "archived"] as const;
const PAGE_SIZE = 20;

export default function ProgramListPage() {
  usePageTitle("Programs");
  const { person } = useSession();
  const manager = managesPrograms(person.orgRole);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get("kind");
  const kind = PROGRAM_KINDS.find((k) => k === kindParam);
  const statusParam = params.get("status");
  const status = manager ? STATUSES.find((s) => s === statusParam) : undefined;
  const eligibleOnly = params.get("eligible") === "1";

  const programs = useCursorList({
    queryKey: ["programs", { kind, status, eligibleOnly }],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs", {
          params: {
            query: {
              kind,
              status,
              eligibleOnly: eligibleOnly ? "true" : undefined,
              limit: PAGE_SIZE,
              cursor,
            },
          },
        }),
      ),
  });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = Boolean(kind || status || eligibleOnly);
  const items = programs.items;

  return (
    <>
      <PageHeader
        title="Programs"
        description="Mentoring, coaching and training programs in your organization."
        actions={manager ? <ButtonLink to="/programs/new">New program</ButtonLink> : null}
      />
      <form
        aria-label="Filter programs"
        className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-300 bg-white p-4"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="Kind"
          className="w-48 space-y-1"
          value={kind ?? ""}
          onChange={(e) => set("kind", e.target.value)}
          placeholder="All kinds"
          options={PROGRAM_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        {manager ? (
          <SelectField
            label="Status"
            className="w-48 space-y-1"
            value={status ?? ""}
            onChange={(e) => set("status", e.target.value)}
            placeholder="Drafts and published"
            options={[
              { value: "draft", label: "Draft" },
              { value: "published", label: "Published" },
              { value: "archived", label: "Archived" },
            ]}
          />
        ) : null}
        <div className="pb-2">
          <CheckboxField
            label="Only programs I can join now"
            checked={eligibleOnly}
            onChange={(e) => set("eligible", e.target.checked ? "1" : "")}
          />
        </div>
      </form>
      <p aria-live="polite" className="sr-only">
        {programs.isSuccess ? `${items.length} programs shown.` : ""}
      </p>
      {programs.isPending ? (
        <Loading label="Loading programs…" />
      ) : programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No programs match these filters">
            <p>
              <Link to="/programs">Show all programs</Link>
            </p>
          </EmptyState>
        ) : manager ? (
          <EmptyState title="No programs yet">
            <p>
              <Link to="/programs/new">Create the first one</Link> — a mentoring circle, a coaching engagement
              or a training course.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="No programs yet">
            <p>Your program managers have not published any programs. Check back soon.</p>
          </EmptyState>
        )
      ) : (
        <>
          <ul
            className="grid gap-4 lg:grid-cols-2"
            aria-label={kind ? `${KIND_LABELS[kind as ProgramKind]} programs` : "Programs"}
          >
            {items.map((p) => (
              <ProgramCard key={p.id} program={p} timeZone={person.timeZone} />
            ))}
          </ul>
          <LoadMore
            shown={items.length}
            noun={items.length === 1 ? "program" : "programs"}
            hasMore={programs.hasNextPage}
            loading={programs.isFetchingNextPage}
            onLoad={() => void programs.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
