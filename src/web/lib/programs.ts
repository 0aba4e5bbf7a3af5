import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.ts";

/** The query key under which one program is cached. */
export const programKey = (id: string) => ["program", id] as const;

/** One program, by id. */
export function useProgram(id: string) {
  return useQuery({
    queryKey: programKey(id),
    queryFn: () => unwrap(api.GET("/api/programs/{id}", { params: { path: { id } } })),
  });
}
