import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./client.ts";
import { meKey, meQuery } from "./session.ts";

/** A 401 anywhere means the session ended: refetch who is signed in, and the layout sends them to sign-in. */
const onError = (err: unknown) => {
  if (err instanceof ApiError && err.status === 401) void queryClient.invalidateQueries({ queryKey: meKey });
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

/**
 * A route loader for the pages that start by asking who is signed in: the router runs it alongside loading
 * the route's code, so the answer is there when the page renders. It fetches only when nothing is cached.
 */
export function loadMe() {
  if (queryClient.getQueryState(meKey)?.status !== "success") void queryClient.prefetchQuery(meQuery);
  return null;
}
