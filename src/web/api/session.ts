import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { ApiError, api, type Me, unwrap } from "./client.ts";

export const meKey = ["me"] as const;

/** The signed-in person and organization, or null when signed out. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET("/api/me"));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false } as const;

export function useMeQuery() {
  return useQuery(meQuery);
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person; only valid inside the signed-in layout. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error("useSession is used outside the signed-in layout.");
  return me;
}

export function useRefreshSession() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: meKey });
}
