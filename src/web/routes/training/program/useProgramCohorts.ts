import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client.ts";
import { liveQuery } from "../../../lib/mentoring.ts";
import { trainingKeys } from "../../../lib/training.ts";

/** The cohorts of a training program, with seats left, the waitlist and the next session. */
export function useProgramCohorts(programId: string, enabled = true) {
  return useQuery({
    queryKey: trainingKeys.programCohorts(programId),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/programs/{id}/training/cohorts", { params: { path: { id: programId } } })),
    enabled,
  });
}
