import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Badge, EmptyState, QueryList } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { type AdvisorSummary, advisorKeys, modesTitle, OPTION_STRENGTH } from "../../lib/advisor.ts";
import { formatDate } from "../../lib/dates.ts";

/** "Taken by you", "Taken by your manager, Ana", or "Taken by Bo". */
export function useTakenBy() {
  const { person: me } = useSession();
  return (takenBy: { id: string; name: string }) => {
    if (takenBy.id === me.id) return "Taken by you";
    if (takenBy.id === me.manager?.id) return `Taken by your manager, ${takenBy.name}`;
    return `Taken by ${takenBy.name}`;
  };
}

function HistoryItem({ item }: { item: AdvisorSummary }) {
  const { person: me } = useSession();
  const takenBy = useTakenBy();
  const date = formatDate(item.createdAt, me.timeZone);
  const strength = OPTION_STRENGTH[item.strength];
  return (
    <li className="space-y-1 py-3">
      <p className="text-sm text-slate-700">
        <time dateTime={item.createdAt}>{date}</time> · {takenBy(item.takenBy)}
      </p>
      <p className="font-medium text-slate-900">
        {item.top.length > 0 ? modesTitle(item.top) : "No clear recommendation"}{" "}
        <Badge tone={strength.tone}>{strength.label}</Badge>
      </p>
      <Link to={`/advisor/${item.id}`} className="text-sm">
        See the advice<span className="sr-only"> from {date}</span>
      </Link>
    </li>
  );
}

const HISTORY_PAGE = 20;

/** Earlier advice for one person, newest first. */
export function AdvisorHistory({
  personId,
  personName,
  self,
}: {
  personId: string;
  personName: string;
  self: boolean;
}) {
  const history = useCursorList({
    queryKey: advisorKeys.history(personId),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/advisor/responses", {
          params: { query: { ...(self ? {} : { personId }), limit: HISTORY_PAGE, cursor } },
        }),
      ),
  });
  const items = history.items;
  return (
    <section aria-labelledby="advisor-history-heading">
      <h2 id="advisor-history-heading" className="mb-2 text-lg font-semibold text-slate-900">
        {self ? "Your earlier advice" : `Earlier advice for ${personName}`}
      </h2>
      <QueryList
        query={history}
        loadingLabel="Loading earlier advice…"
        isEmpty={items.length === 0}
        empty={
          <EmptyState title="No advice yet">
            {self
              ? "Answer the questions to get your first recommendation; it is kept here."
              : `Answer the questions on ${personName}'s behalf; the advice is kept here and ${personName} sees it too.`}
          </EmptyState>
        }
      >
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white px-4">
          {items.map((item) => (
            <HistoryItem key={item.id} item={item} />
          ))}
        </ul>
        <LoadMore
          shown={items.length}
          noun={items.length === 1 ? "earlier advice" : "earlier pieces of advice"}
          hasMore={history.hasNextPage}
          loading={history.isFetchingNextPage}
          onLoad={() => void history.fetchNextPage()}
        />
      </QueryList>
    </section>
  );
}
