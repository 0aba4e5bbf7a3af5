import { useQueryClient } from "@tanstack/react-query";
import { mentoringKeys, type Relationship } from "../../../lib/mentoring.ts";

/** Stores a relationship the server sent back and refreshes the lists that show it. */
export function useSetRelationship(id: string) {
  const qc = useQueryClient();
  return (r: Relationship) => {
    qc.setQueryData(mentoringKeys.relationship(id), r);
    void qc.invalidateQueries({ queryKey: mentoringKeys.relationships });
  };
}

export interface TabProps {
  relationship: Relationship;
  timeZone: string;
}

export const otherOf = (r: Relationship) => (r.mySide === "mentor" ? r.mentee : r.mentor);

/** Calendar months later (clamped to the month's end), for showing when a check-in falls due. */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
