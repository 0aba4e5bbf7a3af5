import { useMutation } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Badge, EmptyState, FormAlert, QueryList, SuccessMessage } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { type TabItem, Tabs } from "../../components/Tabs.tsx";
import { formatDate } from "../../lib/dates.ts";
import { managesPrograms } from "../../lib/labels.ts";
import { liveQuery } from "../../lib/mentoring.ts";
import { trainingKeys } from "../../lib/training.ts";
import { ASSIGNMENT_STATUS, type Assignment, type AssignmentStatus, plural } from "./authoring/shared.tsx";
import { AssignForm } from "./mandatory/AssignForm.tsx";
import { AssignmentDetailView, daysLate } from "./mandatory/AssignmentDetailView.tsx";
import { countsText, StatusBar, StatusChart, targetText, totalOf } from "./mandatory/parts.tsx";

type TabId = "assignments" | "overdue" | "assign";
type Overdue = Schemas["OverdueList"]["items"][number];

const PAGE_SIZE = 50;

const td = "px-3 py-2 align-top";

const REMINDER_KINDS: Record<string, string> = {
  due_in_7_days: "due in a week",
  due_in_1_day: "due tomorrow",
  overdue: "overdue",
};

/** Sends every reminder that is due now (org admins); the same sweep also runs on its own every day. */
function RemindersButton() {
  const run = useMutation({ mutationFn: () => unwrap(api.POST("/api/training/reminders/run")) });
  const result = run.data;
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? "Sending reminders…" : "Send due reminders now"}
      </Button>
      <FormAlert error={run.error} title="The reminders were not sent" />
      {result ? (
        <SuccessMessage>
          {result.sent === 0
            ? "No reminders were due: everyone has had the ones for their due date. Each assignee gets one a week before, one a day before and one once overdue."
            : `Sent ${plural(result.sent, "reminder")}: ${Object.entries(result.byKind)
                .map(([k, n]) => `${n} ${REMINDER_KINDS[k] ?? k.replace(/_/g, " ")}`)
                .join(", ")}.`}
        </SuccessMessage>
      ) : null}
    </div>
  );
}

function AssignmentTable({
  items,
  timeZone,
  detailLink,
}: {
  items: Assignment[];
  timeZone: string;
  detailLink: (id: string) => string;
}) {
  return (
    <Table caption="Mandatory training assignments" head={["Course", "Assigned to", "Due", "Progress"]}>
      {items.map((a) => {
        const total = totalOf(a.counts);
        const late = a.counts.overdue + a.counts.recertification_due;
        return (
          <tr key={a.id}>
            <th scope="row" className={`${td} font-normal`}>
              <Link to={detailLink(a.id)} className="font-semibold">
                {a.course.title}
                <span className="sr-only">, due {formatDate(a.dueAt, timeZone)}: view the assignees</span>
              </Link>
              <div className="text-xs text-slate-700">
                By {a.createdBy.name}, {formatDate(a.createdAt, timeZone)}
              </div>
            </th>
            <td className={td}>{targetText(a.target)}</td>
            <td className={`${td} whitespace-nowrap`}>
              {formatDate(a.dueAt, timeZone)}
              {Date.parse(a.dueAt) < Date.now() ? (
                <div>
                  <Badge tone="slate">Due date passed</Badge>
                </div>
              ) : null}
            </td>
            <td className={`${td} w-72`}>
              <StatusBar counts={a.counts} />
              <p className="mt-1 text-xs text-slate-800">
                {a.counts.completed} of {plural(total, "assignee")} completed
                {late ? <span className="font-semibold text-red-800"> · {late} late</span> : null}
              </p>
              <p className="sr-only">{countsText(a.counts)}</p>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

function OverdueTable({
  items,
  timeZone,
  detailLink,
}: {
  items: Overdue[];
  timeZone: string;
  detailLink: (id: string) => string;
}) {
  return (
    <Table
      caption="People overdue on mandatory training, the longest overdue first"
      head={["Person", "Department", "Course", "Status", "Was due", "Late by"]}
    >
      {items.map((x) => {
        const s = ASSIGNMENT_STATUS[x.status as AssignmentStatus];
        return (
          <tr key={`${x.assignmentId}-${x.person.id}`}>
            <th scope="row" className={`${td} font-normal`}>
              <Link to={`/people/${x.person.id}`} className="font-semibold">
                {x.person.name}
              </Link>
            </th>
            <td className={td}>{x.department ?? <span className="text-slate-700">—</span>}</td>
            <td className={td}>
              <Link to={detailLink(x.assignmentId)}>{x.course.title}</Link>
            </td>
            <td className={td}>
              <Badge tone={s.tone}>{s.label}</Badge>
            </td>
            <td className={`${td} whitespace-nowrap`}>{formatDate(x.dueAt, timeZone)}</td>
            <td className={`${td} whitespace-nowrap`}>{plural(Math.max(0, daysLate(x.dueAt)), "day")}</td>
          </tr>
        );
      })}
    </Table>
  );
}

/**
 * Mandatory training, for org admins and program managers: courses assigned to groups with a due date,
 * where each assignment stands, who is overdue, and the form to assign a course. `?assignment=<id>` opens
 * one assignment's assignees; `?tab=overdue` and `?tab=assign` open those tabs.
 */
export default function AssignmentsPage() {
  usePageTitle("Mandatory training");
  const { person } = useSession();
  const allowed = managesPrograms(person.orgRole);
  const [params, setParams] = useSearchParams();
  const assignments = useCursorList({
    queryKey: trainingKeys.assignments,
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/training/assignments", { params: { query: { limit: PAGE_SIZE, cursor } } })),
    enabled: allowed,
  });
  const overdue = useCursorList({
    queryKey: trainingKeys.overdue,
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/training/overdue", { params: { query: { limit: PAGE_SIZE, cursor } } })),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title="Mandatory training" />
        <p role="alert">
          Mandatory training is managed by org admins and program managers. Courses assigned to you are on{" "}
          <Link to="/training">your training page</Link>.
        </p>
      </>
    );
  }

  const tz = person.timeZone;
  const detailId = params.get("assignment");
  const detailLink = (id: string) => `/training/assignments?assignment=${encodeURIComponent(id)}`;
  const items = assignments.items;
  const assignmentTotal = assignments.first?.total ?? 0;
  const late = overdue.items;
  const lateTotal = overdue.first?.total ?? 0;
  const requested = params.get("tab");
  const tab: TabId = requested === "overdue" || requested === "assign" ? requested : "assignments";
  const tabs: TabItem[] = [
    {
      id: "assignments",
      label: "Assignments",
      suffix: assignments.first ? `(${assignmentTotal})` : undefined,
    },
    { id: "overdue", label: "Overdue", suffix: overdue.first ? `(${lateTotal})` : undefined },
    { id: "assign", label: "Assign a course" },
  ];
  const select = (next: string) =>
    setParams(next === "assignments" ? {} : { tab: next }, { replace: true, preventScrollReset: true });

  return (
    <>
      <PageHeader
        title="Mandatory training"
        description="Courses everyone in a group must complete by a due date, with reminders and an overdue list."
        actions={person.orgRole === "org_admin" ? <RemindersButton /> : null}
      />
      {detailId ? (
        <>
          <p className="mb-4 text-sm">
            <Link to="/training/assignments">← All assignments</Link>
          </p>
          <AssignmentDetailView id={detailId} timeZone={tz} />
        </>
      ) : (
        <Tabs label="Mandatory training" tabs={tabs} selected={tab} onSelect={select}>
          {tab === "assignments" ? (
            <QueryList
              query={assignments}
              loadingLabel="Loading the assignments…"
              isEmpty={items.length === 0}
              empty={
                <EmptyState title="No mandatory training yet">
                  <p>
                    Use “Assign a course” to make a published course mandatory for departments, a seniority
                    range or people you pick, with a due date. Assignees get reminders and appear here.
                  </p>
                  <p className="mt-3">
                    <Button onClick={() => select("assign")}>Assign a course</Button>
                  </p>
                </EmptyState>
              }
            >
              <div className="space-y-6">
                <StatusChart assignments={items} timeZone={tz} />
                <AssignmentTable items={items} timeZone={tz} detailLink={detailLink} />
              </div>
              <LoadMore
                shown={items.length}
                total={assignmentTotal}
                noun={assignmentTotal === 1 ? "assignment" : "assignments"}
                hasMore={assignments.hasNextPage}
                loading={assignments.isFetchingNextPage}
                onLoad={() => void assignments.fetchNextPage()}
              />
            </QueryList>
          ) : tab === "overdue" ? (
            <QueryList
              query={overdue}
              loadingLabel="Loading who is overdue…"
              isEmpty={late.length === 0}
              empty={
                <EmptyState title="Nobody is overdue">
                  <p>
                    Everyone assigned a course has completed it or is still within their due date. People
                    whose certificate expired appear here too, as due for re-certification.
                  </p>
                </EmptyState>
              }
            >
              <p className="mb-3 text-sm text-slate-700">
                {plural(lateTotal, "person", "people")} overdue across{" "}
                {plural(overdue.first?.assignments ?? 0, "assignment")}.
                {person.orgRole === "org_admin"
                  ? " “Send due reminders now” emails each one who has not had an overdue reminder yet."
                  : " They get a reminder by email once overdue."}
              </p>
              <OverdueTable items={late} timeZone={tz} detailLink={detailLink} />
              <LoadMore
                shown={late.length}
                total={lateTotal}
                noun={lateTotal === 1 ? "person" : "people"}
                hasMore={overdue.hasNextPage}
                loading={overdue.isFetchingNextPage}
                onLoad={() => void overdue.fetchNextPage()}
              />
            </QueryList>
          ) : (
            <Card>
              <AssignForm
                onAssigned={(a) => setParams({ assignment: a.id }, { preventScrollReset: false })}
              />
            </Card>
          )}
        </Tabs>
      )}
    </>
  );
}
