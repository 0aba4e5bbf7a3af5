import { type InfiniteData, keepPreviousData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

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
  staleTime?: number;
  refetchOnWindowFocus?: boolean;
  /** Refetches every page loaded so far on this interval, e.g. while something in them is still changing. */
  refetchInterval?: (pages: P[] | undefined) => number | false;
}) {
  const { refetchInterval } = options;
  const query = useInfiniteQuery<P, Error, InfiniteData<P>, QueryKey, string | undefined>({
    queryKey: options.queryKey,
    queryFn: ({ pageParam }) => options.fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
    ...(options.refetchOnWindowFocus !== undefined
      ? { refetchOnWindowFocus: options.refetchOnWindowFocus }
      : {}),
    ...(refetchInterval ? { refetchInterval: (q) => refetchInterval(q.state.data?.pages) } : {}),
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    items: pages.flatMap((p) => p.items) as P["items"],
    first: pages[0],
  };
}
