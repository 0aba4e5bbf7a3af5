import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { useSession } from "../../../api/session.ts";
import { Badge, EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  type CoachingAction,
  coachingKeys,
  LIST_PAGE_SIZE,
  OUTCOME_LABELS,
  OUTCOME_TONES,
} from "../../../lib/coaching.ts";
import { formatDay, todayIn } from "../../../lib/mentoring.ts";
import { liveQuery, nameOf, type TabProps } from "./shared.tsx";

type ActionPage = { items: CoachingAction[]; nextCursor: string | null };

/** The engagement's actions still to be reviewed in a session, or those already reviewed. */
function useActions(engagementId: string, review: "pending" | "reviewed") {
  return useCursorList({
    queryKey: [...coachingKeys.part(engagementId, "actions"), review],
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/coaching/engagements/{id}/actions", {
          params: { path: { id: engagementId }, query: { review, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ) as Promise<ActionPage>,
  });
}

/**
 * The actions agreed in sessions. Between sessions the coach or the coachee ticks one off; at the next
 * session the coach reviews each (done, partly done, not done), and it is closed.
 */
export function ActionsTab({ engagement: e, timeZone }: TabProps) {
  const { person } = useSession();
  const toast = useToast();
  const qc = useQueryClient();
  const pending = useActions(e.id, "pending");
  const reviewedList = useActions(e.id, "reviewed");
  // The state each box shows while its change is saved, set in the click itself so the box never flips back.
  const [saving, setSaving] = useState<Record<string, "open" | "done">>({});
  const toggle = useMutation({
    mutationFn: ({ actionId, status }: { actionId: string; status: "open" | "done" }) =>
      unwrap(
        api.PATCH("/api/coaching/engagements/{id}/actions/{actionId}", {
          params: { path: { id: e.id, actionId } },
          body: { status },
        }),
      ),
    onSuccess: (_list, { actionId, status }) => {
      // The box keeps the saved state until the list is fetched again.
      qc.setQueryData<InfiniteData<ActionPage>>([...coachingKeys.part(e.id, "actions"), "pending"], (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                items: p.items.map((a) => (a.id === actionId ? { ...a, status } : a)),
              })),
            }
          : data,
      );
      void qc.invalidateQueries({ queryKey: coachingKeys.part(e.id, "actions") });
      toast(status === "done" ? "Marked done." : "Marked not done.");
    },
    onSettled: (_list, _err, { actionId, status }) =>
      setSaving((s) => {
        if (s[actionId] !== status) return s; // a later click is still being saved
        const { [actionId]: _, ...rest } = s;
        return rest;
      }),
  });
  const setStatus = (actionId: string, status: "open" | "done") => {
    setSaving((s) => ({ ...s, [actionId]: status }));
    toggle.mutate({ actionId, status });
  };
  const open = pending.items;
  const reviewed = reviewedList.items;
  const today = todayIn(timeZone);
  const canTick = e.status === "active";
  return (
    <QueryList
      query={{
        isPending: pending.isPending || reviewedList.isPending,
        isError: pending.isError || reviewedList.isError,
        error: pending.error ?? reviewedList.error,
        refetch: () => Promise.all([pending.refetch(), reviewedList.refetch()]),
      }}
      loadingLabel="Loading actions…"
      isEmpty={open.length === 0 && reviewed.length === 0}
      empty={
        <EmptyState title="No actions yet">
          <p>
            At the end of each session, the Will commitments become actions with due dates. Practise them
            between sessions and tick them off here; the next session opens with a review of each.
          </p>
        </EmptyState>
      }
    >
      <div className="space-y-8">
        <FormAlert error={toggle.error} title="The action could not be updated" />
        <section aria-labelledby="open-actions">
          <h2 id="open-actions" className="mb-1 text-lg font-semibold">
            To practise before the next session
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Tick an action when it is done. The coach reviews each one at the start of the next session.
          </p>
          {open.length === 0 ? (
            <p className="text-sm text-slate-800">Nothing open: every action has been reviewed.</p>
          ) : (
            <ul className="space-y-2">
              {open.map((a) => {
                const shown = saving[a.id] ?? a.status;
                const overdue = shown === "open" && a.dueDate < today;
                const id = `action-${a.id}`;
                return (
                  <li
                    key={a.id}
                    className="flex items-start gap-3 rounded-md border border-slate-300 bg-white p-3"
                  >
                    <input
                      id={id}
                      type="checkbox"
                      checked={shown === "done"}
                      disabled={!canTick}
                      onChange={(ev) => setStatus(a.id, ev.target.checked ? "done" : "open")}
                      aria-describedby={`${id}-meta`}
                      className="mt-1 h-4 w-4 rounded border-slate-500 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
                    />
                    <div>
                      <label htmlFor={id} className={`font-medium ${shown === "done" ? "line-through" : ""}`}>
                        {a.text}
                      </label>
                      <p
                        id={`${id}-meta`}
                        className="flex flex-wrap items-center gap-2 text-sm text-slate-700"
                      >
                        <span>
                          {nameOf(a.owner, person.id)} · due {formatDay(a.dueDate)}
                          {a.createdInSession ? ` · from session ${a.createdInSession}` : ""}
                        </span>
                        {shown === "done" ? <Badge tone="green">Done</Badge> : null}
                        {overdue ? <Badge tone="red">Overdue</Badge> : null}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <LoadMore
            shown={open.length}
            noun={open.length === 1 ? "open action" : "open actions"}
            hasMore={pending.hasNextPage}
            loading={pending.isFetchingNextPage}
            onLoad={() => void pending.fetchNextPage()}
          />
        </section>
        {reviewed.length ? (
          <section aria-labelledby="reviewed-actions">
            <h2 id="reviewed-actions" className="mb-3 text-lg font-semibold">
              Reviewed in a session
            </h2>
            <ul className="space-y-2">
              {reviewed.map((a) => (
                <li key={a.id} className="rounded-md border border-slate-300 bg-white p-3 text-sm">
                  <p className="flex flex-wrap items-center gap-2">
                    {a.reviewOutcome ? (
                      <Badge tone={OUTCOME_TONES[a.reviewOutcome]}>{OUTCOME_LABELS[a.reviewOutcome]}</Badge>
                    ) : null}
                    <span className="font-medium">{a.text}</span>
                  </p>
                  <p className="text-slate-700">
                    {nameOf(a.owner, person.id)} · due {formatDay(a.dueDate)}
                    {a.createdInSession ? ` · from session ${a.createdInSession}` : ""}
                  </p>
                  {a.reviewComment ? <p className="mt-1 text-slate-900">{a.reviewComment}</p> : null}
                </li>
              ))}
            </ul>
            <LoadMore
              shown={reviewed.length}
              noun={reviewed.length === 1 ? "reviewed action" : "reviewed actions"}
              hasMore={reviewedList.hasNextPage}
              loading={reviewedList.isFetchingNextPage}
              onLoad={() => void reviewedList.fetchNextPage()}
            />
          </section>
        ) : null}
      </div>
    </QueryList>
  );
}
