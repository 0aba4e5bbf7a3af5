import type { ReactNode } from "react";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { ROSTER_PICKER_SHOWN, RosterPicker } from "../../components/RosterPicker.tsx";
import { mentoringKeys } from "../../lib/mentoring.ts";

type Ref = Schemas["PersonRef"];
export type Participant = Schemas["MentoringParticipant"];

/** Picks one of a program's mentors or mentees by name; a program can have thousands. */
export function ParticipantPicker({
  programId,
  side: role,
  label,
  value,
  onChange,
  details,
  hint,
  error,
}: {
  programId: string;
  side: "mentor" | "mentee";
  label: string;
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  /** What follows the name of someone listed (e.g. how many relationships they have). */
  details: (p: Participant) => ReactNode;
  hint?: string;
  error?: string | undefined;
}) {
  return (
    <RosterPicker
      queryKey={mentoringKeys.programList(programId, "picker", { role })}
      fetchMatches={(q) =>
        unwrap(
          api.GET("/api/programs/{id}/mentoring/participants", {
            params: { path: { id: programId }, query: { role, q, limit: ROSTER_PICKER_SHOWN } },
          }),
        )
      }
      noun={{ one: role, many: `${role}s` }}
      none={`No ${role}s in this program yet.`}
      label={label}
      value={value}
      onChange={onChange}
      details={details}
      chooseSuffix={` as ${role}`}
      required
      {...(hint !== undefined ? { hint } : {})}
      error={error}
    />
  );
}
