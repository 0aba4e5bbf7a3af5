import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";
import { liveQuery, mentoringKeys } from "../../lib/mentoring.ts";
import { useProgram } from "../../lib/programs.ts";

/**
 * What the program team's mentoring pages load: the program, whether the signed-in person may manage its
 * mentoring, and (only then) the mentoring overview and settings.
 */
export function useMentoringAdmin(id: string) {
  const program = useProgram(id);
  const canEdit = program.data?.me.canEdit === true && program.data.kind === "mentoring";
  const overview = useQuery({
    queryKey: mentoringKeys.overview(id),
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/programs/{id}/mentoring/overview", { params: { path: { id } } })),
    enabled: canEdit,
  });
  const settings = useQuery({
    queryKey: mentoringKeys.settings(id),
    queryFn: () => unwrap(api.GET("/api/programs/{id}/mentoring/settings", { params: { path: { id } } })),
    enabled: canEdit,
  });
  return { program, canEdit, overview, settings };
}
