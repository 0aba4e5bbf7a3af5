import { keepPreviousData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the server pages with a cursor, fetched page by page as the reader asks for more.
 * `items` holds every page loaded so far; `first` is the first page's whole body (for totals and the like).
 */
export function useCursorList<T, P extends CursorPage<T>>(options: {
  queryKey: QueryKey;
  fetchPage: (cursor: string | undefined) => Promise<P>;
  enabled?: boolean;
}) {
  const query = useInfiniteQuery({
    queryKey: options.queryKey,
    queryFn: ({ pageParam }) => options.fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    items: pages.flatMap((p) => p.items) as P["items"],
    first: pages[0],
  };
}
