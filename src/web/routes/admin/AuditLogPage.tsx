import { useSearchParams } from "react-router";
import { type AuditEvent, api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { humanize } from "../../lib/labels.ts";
import { RequireAdmin } from "./RequireAdmin.tsx";

const PAGE_SIZE = 50;

function detailsText(details: AuditEvent["details"]): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return "—";
  return entries
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v)}`,
    )
    .join("; ");
}

function AuditLog() {
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const action = params.get("action") ?? "";
  const log = useCursorList({
    queryKey: ["audit", action],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/audit", {
          params: { query: { action: action || undefined, limit: PAGE_SIZE, cursor } },
        }),
      ),
  });
  const setAction = (value: string) => {
    const next = new URLSearchParams();
    if (value) next.set("action", value);
    setParams(next);
  };
  const actions = log.first?.actions ?? [];
  const total = log.first?.total ?? 0;
  return (
    <>
      <form
        className="mb-4 flex flex-wrap items-end gap-4"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="Action"
          className="w-72 space-y-1"
          value={action}
          onChange={(e) => setAction(e.target.value)}
          placeholder="All actions"
          options={(actions.includes(action) || !action ? actions : [action, ...actions]).map((a) => ({
            value: a,
            label: humanize(a),
          }))}
        />
      </form>
      <p aria-live="polite" className="sr-only">
        {log.isSuccess ? `${total} events.` : ""}
      </p>
      {log.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.items.length === 0 ? (
        <EmptyState title={action ? "No events of this kind" : "No events yet"}>
          <p>
            {action
              ? "Choose “All actions” to see everything."
              : "Sign-ins, invitations, profile changes and program changes will be listed here."}
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead className="bg-slate-100">
                <tr>
                  {["When", "Who", "Action", "About", "Details", "IP address"].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-semibold">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {log.items.map((e) => (
                  <tr key={e.id}>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatDateTime(e.createdAt, person.timeZone)}
                    </td>
                    <td className="px-3 py-2">{e.actor?.name ?? scimActor(e.details) ?? "—"}</td>
                    <td className="px-3 py-2">{humanize(e.action)}</td>
                    <td className="px-3 py-2">{e.target ? (e.target.name ?? e.target.type) : "—"}</td>
                    <td className="max-w-xs px-3 py-2 break-words">{detailsText(e.details)}</td>
                    <td className="px-3 py-2 font-mono text-xs">{e.ipAddress ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            shown={log.items.length}
            total={total}
            noun={total === 1 ? "event" : "events"}
            hasMore={log.hasNextPage}
            loading={log.isFetchingNextPage}
            onLoad={() => void log.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}

/** Changes made by SCIM provisioning name the token that made them. */
function scimActor(details: Record<string, unknown>): string | null {
  const token = details.via === "scim" ? details.token : null;
  const name = token && typeof token === "object" && "name" in token ? token.name : null;
  return typeof name === "string" ? `SCIM token “${name}”` : null;
}

export default function AuditLogPage() {
  usePageTitle("Audit log");
  return (
    <RequireAdmin title="Audit log">
      <PageHeader title="Audit log" description="Who did what in your organization, newest first." />
      <AuditLog />
    </RequireAdmin>
  );
}
