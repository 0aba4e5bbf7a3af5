import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { Badge, EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { Table } from "../../../components/Table.tsx";
import { formatDate, formatDateTime } from "../../../lib/dates.ts";
import { liveQuery } from "../../../lib/mentoring.ts";
import { trainingKeys } from "../../../lib/training.ts";
import {
  ASSIGNMENT_STATUS,
  ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  plural,
} from "../authoring/shared.tsx";
import { StatusTiles, targetText } from "./parts.tsx";

const td = "px-3 py-2 align-top";
const PAGE_SIZE = 50;

/** Whole days from an instant to now (positive once it has passed). */
export const daysLate = (iso: string, now = Date.now()) => Math.floor((now - Date.parse(iso)) / 86_400_000);

/** One assignment: whom it covers, its due date and note, and each assignee with their status. */
export function AssignmentDetailView({ id, timeZone }: { id: string; timeZone: string }) {
  const [status, setStatus] = useState<AssignmentStatus | "">("");
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const detail = useQuery({
    queryKey: trainingKeys.assignment(id),
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/training/assignments/{id}", { params: { path: { id } } })),
  });
  const assignees = useCursorList({
    queryKey: trainingKeys.assignees(id, q, status),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/training/assignments/{id}/assignees", {
          params: {
            path: { id },
            query: { q: q || undefined, status: status || undefined, cursor, limit: PAGE_SIZE },
          },
        }),
      ),
  });
  if (detail.isPending) return <Loading label="Loading the assignment…" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const a = detail.data;
  const shown = assignees.items;
  const filtered = q !== "" || status !== "";
  return (
    <Section title={`${a.course.title}, due ${formatDate(a.dueAt, timeZone)}`} id="assignment">
      <div className="space-y-6">
        <Card>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="font-medium text-slate-700">Course</dt>
              <dd>
                <Link to={`/training/courses/${a.course.id}`}>{a.course.title}</Link>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Assigned to</dt>
              <dd>{targetText(a.target)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Due</dt>
              <dd>{formatDateTime(a.dueAt, timeZone)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Assigned by</dt>
              <dd>
                {a.createdBy.name} on {formatDate(a.createdAt, timeZone)}
              </dd>
            </div>
          </dl>
          {a.note ? (
            <p className="mt-4 rounded-md bg-slate-100 p-3 text-sm whitespace-pre-line text-slate-900">
              <span className="font-semibold">Note to the assignees: </span>
              {a.note}
            </p>
          ) : null}
        </Card>
        <StatusTiles counts={a.counts} label="Assignees by status" />
        <div>
          <h3 className="mb-3 text-base font-semibold">Assignees</h3>
          <div className="mb-3 flex flex-wrap items-end gap-4">
            <TextField
              className="w-full space-y-1 sm:w-64"
              label="Search assignees"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Name or department"
            />
            <SelectField
              className="w-56 space-y-1"
              label="Status"
              value={status}
              onChange={(e) => setStatus(e.target.value as AssignmentStatus | "")}
              placeholder="Every status"
              options={ASSIGNMENT_STATUSES.map((k) => ({
                value: k,
                label: `${ASSIGNMENT_STATUS[k].label} (${a.counts[k]})`,
              }))}
            />
          </div>
          {assignees.isPending ? (
            <Loading label="Loading the assignees…" />
          ) : assignees.isError ? (
            <ErrorState error={assignees.error} onRetry={() => void assignees.refetch()} />
          ) : shown.length === 0 ? (
            <EmptyState title={filtered ? "No assignee matches" : "Nobody is assigned"}>
              <p>
                {filtered
                  ? "Clear the search or choose “Every status” to see everyone."
                  : "The group was empty when the course was assigned."}
              </p>
            </EmptyState>
          ) : (
            <Table
              caption={`Assignees of ${a.course.title} with their status`}
              head={["Person", "Department", "Status", "Due", "Certificate expires"]}
            >
              {shown.map((x) => {
                const s = ASSIGNMENT_STATUS[x.status as AssignmentStatus];
                const late =
                  x.status === "overdue" || x.status === "recertification_due" ? daysLate(x.dueAt) : 0;
                return (
                  <tr key={x.person.id}>
                    <th scope="row" className={`${td} font-normal`}>
                      <Link to={`/people/${x.person.id}`} className="font-semibold">
                        {x.person.name}
                      </Link>
                    </th>
                    <td className={td}>{x.department ?? <span className="text-slate-700">—</span>}</td>
                    <td className={td}>
                      <Badge tone={s.tone}>{s.label}</Badge>
                      {late > 0 ? (
                        <span className="ml-2 text-xs text-red-900">{plural(late, "day")} late</span>
                      ) : null}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{formatDate(x.dueAt, timeZone)}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      {x.certificateExpiresAt ? (
                        formatDate(x.certificateExpiresAt, timeZone)
                      ) : x.status === "completed" ? (
                        "Never"
                      ) : (
                        <span className="text-slate-700">No certificate yet</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </Table>
          )}
          <LoadMore
            shown={shown.length}
            total={assignees.first?.total}
            noun={
              filtered ? `matching assignees (${plural(a.assigneeCount, "assignee")} in all)` : "assignees"
            }
            hasMore={assignees.hasNextPage}
            loading={assignees.isFetchingNextPage}
            onLoad={() => void assignees.fetchNextPage()}
          />
        </div>
      </div>
    </Section>
  );
}
