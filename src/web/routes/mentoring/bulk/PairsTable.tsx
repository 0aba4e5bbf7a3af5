import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { Button } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { TableHead } from "../../../components/Table.tsx";
import { useToast } from "../../../components/Toast.tsx";
import {
  formatCount,
  type MatchRun,
  matchingKeys,
  pairName,
  plural,
  type RunPair,
  scorePct,
  storeRun,
  updateLoadedPairs,
} from "./shared.ts";
import { WhyDialog } from "./WhyDialog.tsx";

/** Drafts with more pairs than this get a name search above the table. */
const FILTER_FROM = 20;
/** Pairs loaded at a time; "Show more" loads the next ones. */
const PAGE_SIZE = 50;
const td = "px-3 py-2";

const personLink = (p: { id: string; name: string }) => (
  <Link to={`/people/${p.id}`} className="font-semibold">
    {p.name}
  </Link>
);

/**
 * The pairs of a run, by mentee, a page at a time; a search by name asks the server. In a draft each pair
 * can be locked (a re-run keeps it), explained, removed, and two selected pairs (on any page, found by any
 * search) can swap mentors; a published or discarded run only shows them and their explanations.
 */
export function PairsTable({ programId, run }: { programId: string; run: MatchRun }) {
  const qc = useQueryClient();
  const toast = useToast();
  const id = useId();
  const editable = run.status === "draft";
  const tableRef = useRef<HTMLDivElement>(null);
  const [why, setWhy] = useState<RunPair | null>(null);
  /** The pairs selected for a swap, kept whole so a search that hides one does not lose it. */
  const [picked, setPicked] = useState<RunPair[]>([]);
  const [filter, setFilter] = useState("");
  const q = useDeferredValue(filter.trim());
  // The state each lock box shows while its change is saved, set in the click itself so it never flips back.
  const [locking, setLocking] = useState<Record<string, boolean>>({});
  const path = { id: programId, runId: run.id };
  const list = useCursorList({
    queryKey: matchingKeys.pairs(programId, run.id, q ? { q } : {}),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/match-runs/{runId}/pairs", {
          params: { path, query: { q: q || undefined, cursor, limit: PAGE_SIZE } },
        }),
      ),
    enabled: run.pairs > 0,
  });
  const selected = picked.map((p) => p.id);

  const lock = useMutation({
    mutationFn: ({ pair, locked }: { pair: RunPair; locked: boolean }) =>
      unwrap(
        api.PATCH("/api/programs/{id}/mentoring/match-runs/{runId}/pairs/{pairId}", {
          params: { path: { ...path, pairId: pair.id } },
          body: { locked },
        }),
      ),
    onSuccess: (next, { pair, locked }) => {
      updateLoadedPairs(qc, programId, run.id, (p) => (p.id === pair.id ? { ...p, locked } : p));
      storeRun(qc, programId, next);
      toast(
        locked
          ? `Locked ${pairName(pair)}. A re-run keeps this pair.`
          : `Unlocked ${pairName(pair)}. A re-run may change it.`,
      );
    },
    onError: (err) => toast(err instanceof Error ? err.message : "Could not change the lock.", "error"),
    onSettled: (_run, _err, { pair, locked }) =>
      setLocking((s) => {
        if (s[pair.id] !== locked) return s; // a later click is still being saved
        const { [pair.id]: _, ...rest } = s;
        return rest;
      }),
  });

  const remove = useMutation({
    mutationFn: (pair: RunPair) =>
      unwrap(
        api.DELETE("/api/programs/{id}/mentoring/match-runs/{runId}/pairs/{pairId}", {
          params: { path: { ...path, pairId: pair.id } },
        }),
      ),
    onSuccess: (next, pair) => {
      storeRun(qc, programId, next);
      setPicked((p) => p.filter((x) => x.id !== pair.id));
      toast(`Removed ${pairName(pair)} from the draft.`);
      tableRef.current?.focus();
    },
    onError: (err) => toast(err instanceof Error ? err.message : "Could not remove the pair.", "error"),
  });

  const swap = useMutation({
    mutationFn: (pairs: [RunPair, RunPair]) =>
      unwrap(
        api.POST("/api/programs/{id}/mentoring/match-runs/{runId}/swap", {
          params: { path },
          body: { pairIds: [pairs[0].id, pairs[1].id] },
        }),
      ),
    onSuccess: (next, [a, b]) => {
      storeRun(qc, programId, next);
      setPicked([]);
      toast(
        `Swapped mentors: ${a.mentee.name} with ${b.mentor.name}, ${b.mentee.name} with ${a.mentor.name}. Both pairs are locked.`,
      );
      tableRef.current?.focus();
    },
  });

  if (run.pairs === 0) {
    return (
      <EmptyState title="No pairs in this run">
        <p>
          {editable
            ? "No mentee could be paired. Add a pair by hand below, or check the unmatched mentees and the program's rules."
            : "This run has no pairs."}
        </p>
      </EmptyState>
    );
  }

  const shown = list.items;
  const swapPairs = picked.length === 2 ? picked : [];
  const head = editable
    ? ["Select", "Mentee", "Mentor", "Score", "Locked", "Actions"]
    : ["Mentee", "Mentor", "Score", "Locked", "Explanation"];
  const table = (
    <div
      ref={tableRef}
      tabIndex={-1}
      className="overflow-x-auto rounded-lg border border-slate-300 bg-white focus:outline-2 focus:outline-emerald-700"
    >
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Pairs in this run, by mentee</caption>
        <TableHead head={head} />
        <tbody className="divide-y divide-slate-200">
          {shown.map((p) => {
            const name = pairName(p);
            const locked = locking[p.id] ?? p.locked;
            return (
              <tr key={p.id} className={selected.includes(p.id) ? "bg-emerald-50" : undefined}>
                {editable ? (
                  <td className={td}>
                    <input
                      id={`${id}-pick-${p.id}`}
                      type="checkbox"
                      className="h-4 w-4"
                      checked={selected.includes(p.id)}
                      onChange={(e) => {
                        const on = e.target.checked;
                        setPicked((s) => {
                          const others = s.filter((x) => x.id !== p.id);
                          return on ? [...others, p] : others;
                        });
                        swap.reset();
                      }}
                    />
                    <label htmlFor={`${id}-pick-${p.id}`} className="sr-only">
                      Select {name}
                    </label>
                  </td>
                ) : null}
                <td className={td}>{personLink(p.mentee)}</td>
                <td className={td}>
                  <span className="flex flex-wrap items-center gap-2">
                    {personLink(p.mentor)}
                    {p.origin === "manual" ? <Badge tone="violet">Set by hand</Badge> : null}
                  </span>
                </td>
                <td className={`${td} whitespace-nowrap font-semibold`}>{scorePct(p.score)}</td>
                <td className={td}>
                  {editable ? (
                    <span className="flex items-center gap-2">
                      <input
                        id={`${id}-lock-${p.id}`}
                        type="checkbox"
                        className="h-4 w-4"
                        checked={locked}
                        onChange={(e) => {
                          const next = e.target.checked;
                          setLocking((s) => ({ ...s, [p.id]: next }));
                          lock.mutate({ pair: p, locked: next });
                        }}
                      />
                      <label htmlFor={`${id}-lock-${p.id}`}>
                        Lock<span className="sr-only"> {name}</span>
                      </label>
                    </span>
                  ) : p.locked ? (
                    "Locked"
                  ) : (
                    <span className="text-slate-700">—</span>
                  )}
                </td>
                <td className={td}>
                  <span className="flex flex-wrap gap-2">
                    <Button variant="secondary" className="px-3 py-1" onClick={() => setWhy(p)}>
                      Why?<span className="sr-only"> {name}</span>
                    </Button>
                    {editable ? (
                      <Button
                        variant="secondary"
                        className="px-3 py-1"
                        disabled={remove.isPending && remove.variables?.id === p.id}
                        onClick={() => remove.mutate(p)}
                      >
                        Remove<span className="sr-only"> {name}</span>
                      </Button>
                    ) : null}
                  </span>
                </td>
              </tr>
            );
          })}
          {shown.length === 0 ? (
            <tr>
              <td colSpan={head.length} className={`${td} text-slate-700`}>
                No pair matches “{filter.trim()}”.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="space-y-3">
      {editable ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            disabled={swapPairs.length !== 2 || swap.isPending}
            aria-describedby={`${id}-swap-hint`}
            onClick={() => {
              const [a, b] = swapPairs;
              if (a && b) swap.mutate([a, b]);
            }}
          >
            {swap.isPending ? "Swapping…" : "Swap mentors"}
          </Button>
          <p id={`${id}-swap-hint`} className="text-sm text-slate-700" aria-live="polite">
            {selected.length === 2
              ? "The two selected mentees exchange their mentors; both pairs become locked."
              : `Select two pairs to swap their mentors (${selected.length} selected).`}
          </p>
        </div>
      ) : null}
      {editable ? <FormAlert error={swap.error} title="The mentors could not be swapped" /> : null}
      {run.pairs > FILTER_FROM ? (
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            label="Find a pair by name"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="w-full max-w-sm space-y-1"
          />
          <p className="pb-2 text-sm text-slate-700" aria-live="polite">
            {q && list.first ? `${plural(list.first.total, "pair")} of ${formatCount(run.pairs)} found` : ""}
          </p>
        </div>
      ) : null}
      {list.isPending ? (
        <Loading label="Loading the pairs…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        table
      )}
      <LoadMore
        shown={shown.length}
        total={list.hasNextPage ? list.first?.total : undefined}
        noun={q ? "matching pairs" : "pairs"}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <WhyDialog programId={programId} pair={why} onClose={() => setWhy(null)} />
    </div>
  );
}
