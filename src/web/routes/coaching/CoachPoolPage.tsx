import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Badge, EmptyState, QueryList } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import {
  COACH_KIND_LABELS,
  type Coach,
  type CoachKind,
  coachingKeys,
  LIST_PAGE_SIZE,
} from "../../lib/coaching.ts";
import { assignsCoaching, Meter, runsCoaching } from "./assign/parts.tsx";
import { CoachForm } from "./pool/CoachForm.tsx";

const th = "px-3 py-2 font-semibold";
const td = "px-3 py-2 align-top";

type Editing = { coach: Coach | null } | null;

const loadTone = (c: Coach) =>
  c.openEngagements >= c.capacity ? "red" : c.openEngagements / c.capacity >= 0.8 ? "amber" : "green";

function CoachTable({
  coaches,
  canEdit,
  onEdit,
}: {
  coaches: Coach[];
  canEdit: boolean;
  onEdit: (c: Coach) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Coaches in the pool, with their load against their capacity</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={th}>
              Coach
            </th>
            <th scope="col" className={th}>
              Kind
            </th>
            <th scope="col" className={th}>
              Specialties
            </th>
            <th scope="col" className={th}>
              Languages
            </th>
            <th scope="col" className={th}>
              Load
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            {canEdit ? (
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {coaches.map((c) => {
            const full = c.openEngagements >= c.capacity;
            return (
              <tr key={c.person.id} className={c.active ? "" : "bg-slate-50 text-slate-700"}>
                <th scope="row" className={`${td} font-normal`}>
                  <Link to={`/people/${c.person.id}`} className="font-semibold">
                    {c.person.name}
                  </Link>
                  <div className="text-slate-700">{[c.title, c.department].filter(Boolean).join(" · ")}</div>
                </th>
                <td className={td}>
                  <Badge tone={c.kind === "internal" ? "blue" : "violet"}>{COACH_KIND_LABELS[c.kind]}</Badge>
                </td>
                <td className={td}>{c.specialties.length ? c.specialties.join(", ") : "—"}</td>
                <td className={td}>{c.languages.join(", ")}</td>
                <td className={`${td} w-48`}>
                  <Meter
                    label={`Load of ${c.person.name}`}
                    visibleLabel={false}
                    value={c.openEngagements}
                    max={c.capacity}
                    valueText={`${c.openEngagements} of ${c.capacity} coachees${full ? ", full" : ""}`}
                    tone={loadTone(c)}
                  />
                  <p className="mt-1 text-xs text-slate-700">
                    {c.openEngagements} of {c.capacity} coachees{full ? " · full" : ""}
                  </p>
                </td>
                <td className={td}>
                  {c.active ? (
                    <Badge tone="green">Active</Badge>
                  ) : (
                    <Badge tone="slate">Not taking coachees</Badge>
                  )}
                </td>
                {canEdit ? (
                  <td className={td}>
                    <Button variant="secondary" className="px-3 py-1" onClick={() => onEdit(c)}>
                      Edit<span className="sr-only"> {c.person.name}</span>
                    </Button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The coach pool: who coaches, on what, in which languages, and how full they are. */
export default function CoachPoolPage() {
  usePageTitle("Coach pool");
  const { person } = useSession();
  const allowed = assignsCoaching(person.orgRole);
  const canEdit = runsCoaching(person.orgRole);
  const [editing, setEditing] = useState<Editing>(null);
  const [kind, setKind] = useState("");
  const coaches = useCursorList({
    queryKey: [...coachingKeys.coaches, kind],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/coaches", {
          params: {
            query: { kind: kind ? (kind as CoachKind) : undefined, cursor, limit: LIST_PAGE_SIZE },
          },
        }),
      ),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title="Coach pool" />
        <p role="alert">
          The coach pool is for program managers, org admins and sponsors. Your own coaching is under{" "}
          <Link to="/coaching">My coaching</Link>.
        </p>
      </>
    );
  }

  const shown = coaches.items;
  const pool = coaches.first?.pool ?? { coaches: 0, taking: 0, spareSeats: 0 };
  const total = coaches.first?.total ?? 0;
  const spare = pool.spareSeats;
  return (
    <>
      <PageHeader
        title="Coach pool"
        description="Internal and external coaches, what they coach on, and how many more coachees they can take."
        actions={canEdit ? <Button onClick={() => setEditing({ coach: null })}>Add a coach</Button> : null}
      />
      <Section title="Coaches">
        <QueryList
          query={coaches}
          loadingLabel="Loading the coach pool…"
          isEmpty={pool.coaches === 0}
          empty={
            <EmptyState title="No coaches in the pool yet">
              {canEdit ? (
                <p>
                  Use “Add a coach” to add the first one: choose the person, the languages they coach in and
                  how many coachees they can take. External coaches need an{" "}
                  {person.orgRole === "org_admin" ? (
                    <Link to="/admin/invitations">invitation</Link>
                  ) : (
                    "invitation"
                  )}{" "}
                  to Trellis first.
                </p>
              ) : (
                <p>Ask a program manager to add coaches, then assign one from a coaching program's page.</p>
              )}
            </EmptyState>
          }
        >
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <p className="text-sm text-slate-700" aria-live="polite">
              {pool.coaches} {pool.coaches === 1 ? "coach" : "coaches"}, {pool.taking} taking coachees, room
              for {spare} more {spare === 1 ? "coachee" : "coachees"}.
              {kind ? ` ${total} ${`${COACH_KIND_LABELS[kind as CoachKind].toLowerCase()}s`}.` : ""}
            </p>
            <SelectField
              label="Kind"
              className="w-48 space-y-1"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              placeholder="Internal and external"
              options={(Object.keys(COACH_KIND_LABELS) as CoachKind[]).map((k) => ({
                value: k,
                label: `${COACH_KIND_LABELS[k]}s`,
              }))}
            />
          </div>
          {shown.length ? (
            <>
              <CoachTable coaches={shown} canEdit={canEdit} onEdit={(c) => setEditing({ coach: c })} />
              <LoadMore
                shown={shown.length}
                total={total}
                noun={total === 1 ? "coach" : "coaches"}
                hasMore={coaches.hasNextPage}
                loading={coaches.isFetchingNextPage}
                onLoad={() => void coaches.fetchNextPage()}
              />
            </>
          ) : (
            <EmptyState title="No coaches of this kind">
              <p>Choose “Internal and external” to see the whole pool.</p>
            </EmptyState>
          )}
        </QueryList>
      </Section>
      {canEdit ? (
        <Dialog
          open={editing !== null}
          onClose={() => setEditing(null)}
          title={editing?.coach ? `Edit ${editing.coach.person.name}` : "Add a coach"}
          description="Coaches are matched to coachees on their specialties and languages, up to their capacity."
        >
          {editing ? (
            <CoachForm
              key={editing.coach?.person.id ?? "new"}
              coach={editing.coach}
              onDone={() => setEditing(null)}
            />
          ) : null}
        </Dialog>
      ) : null}
    </>
  );
}
