import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card } from "../../components/Page.tsx";

/** Accepted mentoring introductions this person is part of (as mentee or as the contact). */
export function PersonIntroductions({ personId, name }: { personId: string; name: string }) {
  const intros = useCursorList({
    queryKey: ["introductions", personId],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/people/{id}/introductions", {
          params: { path: { id: personId }, query: { cursor, limit: 10 } },
        }),
      ),
  });
  const { items } = intros;
  return (
    <Card className="mt-6">
      <h2 className="mb-2 text-lg font-semibold">Introductions</h2>
      {intros.isPending ? (
        <Loading label="Loading introductions…" />
      ) : intros.isError ? (
        <ErrorState error={intros.error} onRetry={() => void intros.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-700">
          No accepted introductions yet. Mentors can introduce their mentees to people who can help.
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-200 text-sm">
            {items.map((i) => {
              const other = i.mentee.id === personId ? i.contact : i.mentee;
              return (
                <li key={i.id} className="py-2">
                  {name} was introduced to <Link to={`/people/${other.id}`}>{other.name}</Link> by{" "}
                  <Link to={`/people/${i.mentor.id}`}>{i.mentor.name}</Link>
                </li>
              );
            })}
          </ul>
          <LoadMore
            shown={items.length}
            noun={items.length === 1 ? "introduction" : "introductions"}
            hasMore={intros.hasNextPage}
            loading={intros.isFetchingNextPage}
            onLoad={() => void intros.fetchNextPage()}
          />
        </>
      )}
    </Card>
  );
}
