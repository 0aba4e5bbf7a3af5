import { Link } from "react-router";
import { Badge } from "../../../components/Feedback.tsx";
import { formatDay } from "../../../lib/mentoring.ts";
import { COHORT_STATUS, SESSION_KIND_LABELS, sessionRange } from "../../../lib/training.ts";
import { Meter } from "../../coaching/assign/parts.tsx";
import { type CohortSummary, plural } from "../authoring/shared.tsx";

/** Seats taken against the cohort's size: green with room, amber nearly full, red when full. */
const seatTone = (c: CohortSummary) =>
  c.seatsLeft === 0 ? "red" : c.seatsLeft / Math.max(1, c.seats) <= 0.2 ? "amber" : "green";

export const seatsText = (c: CohortSummary) =>
  c.seatsLeft === 0
    ? `Full: ${c.enrolledCount} of ${plural(c.seats, "seat")} taken`
    : `${c.enrolledCount} of ${plural(c.seats, "seat")} taken, ${c.seatsLeft} left`;

/** A cohort at a glance: course, dates, trainers, seats and waitlist, and the next session. */
export function CohortCard({ cohort: c, timeZone }: { cohort: CohortSummary; timeZone: string }) {
  const status = COHORT_STATUS[c.status];
  const next = c.nextSession;
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="text-lg font-semibold">
            <Link to={`/training/cohorts/${c.id}`}>{c.name}</Link>
          </h3>
          <p className="text-sm text-slate-700">
            <Link to={`/training/courses/${c.course.id}`}>{c.course.title}</Link>
          </p>
        </div>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">Dates</dt>
        <dd>
          {formatDay(c.startDate)} – {formatDay(c.endDate)}
        </dd>
        <dt className="text-slate-700">Time zone</dt>
        <dd>{c.timeZone}</dd>
        <dt className="text-slate-700">{c.trainers.length === 1 ? "Trainer" : "Trainers"}</dt>
        <dd>{c.trainers.map((t) => t.name).join(", ") || "—"}</dd>
        <dt className="text-slate-700">Waitlist</dt>
        <dd>{c.waitlistCount ? plural(c.waitlistCount, "person", "people") : "Nobody waiting"}</dd>
        <dt className="text-slate-700">Next session</dt>
        <dd>
          {next ? (
            <>
              {next.title} <span className="text-slate-700">({SESSION_KIND_LABELS[next.kind]})</span>
              <span className="block">{sessionRange(next.startsAt, next.endsAt, timeZone)}</span>
            </>
          ) : (
            <span className="text-slate-700">None scheduled</span>
          )}
        </dd>
      </dl>
      <div className="mt-auto">
        <Meter
          label={`Seats in ${c.name}`}
          value={c.enrolledCount}
          max={c.seats}
          valueText={seatsText(c)}
          tone={seatTone(c)}
        />
      </div>
    </li>
  );
}
