import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client.ts";
import {
  type Cohort,
  type Gradebook,
  liveQuery,
  type MyTraining,
  trainingKeys,
} from "../../../lib/training.ts";

export interface CohortTabProps {
  cohort: Cohort;
  /** The viewer's time zone, for times that are not a session's own. */
  timeZone: string;
}

export const isStaff = (c: Cohort) => c.role === "trainer" || c.role === "manager";
export const isEnrolled = (c: Cohort) => c.enrolment?.status === "enrolled";

/** A course's curriculum and assessments (published courses are open to everyone signed in). */
export function useCourse(courseId: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.course(courseId ?? ""),
    enabled: Boolean(courseId),
    queryFn: () =>
      unwrap(api.GET("/api/training/courses/{id}", { params: { path: { id: courseId ?? "" } } })),
  });
}

/** One trainee's gradebook in a cohort: their own, or (for staff) anyone's. */
export function useGradebook(cohortId: string, personId: string | null) {
  return useQuery({
    queryKey: trainingKeys.part(cohortId, `gradebook:${personId ?? ""}`),
    ...liveQuery,
    enabled: personId !== null,
    queryFn: () =>
      unwrap(
        api.GET("/api/training/cohorts/{id}/gradebook/{personId}", {
          params: { path: { id: cohortId, personId: personId ?? "" } },
        }),
      ) as Promise<Gradebook>,
  });
}

/** Refreshes everything training shows: the cohort, its parts, the person's training page. */
export function useRefreshTraining() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trainingKeys.all });
}

/** The signed-in person's training: cohorts taken and taught, the next session, certificates, mandatory courses. */
export function useMyTraining() {
  return useQuery({
    queryKey: trainingKeys.me,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/training/me")) as Promise<MyTraining>,
  });
}
