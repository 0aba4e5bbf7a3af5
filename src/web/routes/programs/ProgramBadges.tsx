import type { Program } from "../../api/client.ts";
import { Badge } from "../../components/Feedback.tsx";
import { KIND_LABELS, roleLabel, STATE_LABELS } from "../../lib/labels.ts";

const kindTone = { mentoring: "violet", coaching: "blue", training: "amber" } as const;
const stateTone = { open: "green", not_yet_open: "slate", closed: "red" } as const;

/** Kind, status, enrolment window and the viewer's eligibility and enrolment, as badges. */
export function ProgramBadges({ program }: { program: Program }) {
  return (
    <span className="flex flex-wrap gap-1.5">
      <Badge tone={kindTone[program.kind]}>{KIND_LABELS[program.kind]}</Badge>
      {program.status !== "published" ? (
        <Badge tone="amber">{program.status === "draft" ? "Draft" : "Archived"}</Badge>
      ) : null}
      <Badge tone={stateTone[program.enrolmentState]}>{STATE_LABELS[program.enrolmentState]}</Badge>
      {program.me.enrolledAs.length > 0 ? (
        <Badge tone="green">Enrolled as {program.me.enrolledAs.map(roleLabel).join(" and ")}</Badge>
      ) : program.me.eligible ? (
        <Badge tone="green">You are eligible</Badge>
      ) : (
        <Badge tone="red">Not eligible</Badge>
      )}
    </span>
  );
}
