import { Link } from "react-router";
import type { Program } from "../../api/client.ts";
import { formatDate } from "../../lib/dates.ts";
import { ProgramBadges } from "./ProgramBadges.tsx";

export function ProgramCard({ program, timeZone }: { program: Program; timeZone: string }) {
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <h3 className="text-base font-semibold">
        <Link to={`/programs/${program.id}`}>{program.name}</Link>
      </h3>
      <div className="mt-2">
        <ProgramBadges program={program} />
      </div>
      {program.description ? (
        <p className="mt-2 line-clamp-2 text-sm text-slate-700">{program.description}</p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700">
        Enrolment {formatDate(program.enrolmentOpensAt, timeZone)} –{" "}
        {formatDate(program.enrolmentClosesAt, timeZone)}
        {" · "}
        {program.enrolledCount} enrolled
      </p>
    </li>
  );
}
