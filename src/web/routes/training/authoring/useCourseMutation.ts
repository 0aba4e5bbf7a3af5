import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useToast } from "../../../components/Toast.tsx";
import { trainingKeys } from "../../../lib/training.ts";
import type { Course } from "./shared.tsx";

/**
 * A change to a course's structure. Every authoring call answers with the whole course, which replaces the
 * cached one; the catalog's counts are refreshed. `message` says what was done, in a notification.
 */
export function useCourseMutation<V>(
  courseId: string,
  call: (vars: V) => Promise<Course>,
  message: (course: Course, vars: V) => string,
  onDone?: (course: Course) => void,
) {
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: call,
    onSuccess: (course, vars) => {
      qc.setQueryData(trainingKeys.course(courseId), course);
      void qc.invalidateQueries({ queryKey: trainingKeys.courses });
      toast(message(course, vars));
      onDone?.(course);
    },
  });
}
