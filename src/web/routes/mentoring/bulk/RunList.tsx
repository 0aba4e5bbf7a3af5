import { Link } from "react-router";
import { Badge } from "../../../components/Feedback.tsx";
import { TableHead } from "../../../components/Table.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { percent } from "../../../lib/mentoring.ts";
import { type MatchRunSummary, MODES, RUN_STATUS } from "./shared.ts";

const td = "px-3 py-2";

/** Earlier runs, newest first; each opens its review. */
export function RunList({
  programId,
  runs,
  timeZone,
  current,
}: {
  programId: string;
  runs: MatchRunSummary[];
  timeZone: string;
  current?: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Match runs of this program, newest first</caption>
        <TableHead head={["Started", "Mode", "Status", "Pairs", "Total score", "Started by"]} />
        <tbody className="divide-y divide-slate-200">
          {runs.map((r) => {
            const status = RUN_STATUS[r.status];
            const when = formatDateTime(r.createdAt, timeZone);
            return (
              <tr key={r.id} className={r.id === current ? "bg-emerald-50" : undefined}>
                <td className={`${td} whitespace-nowrap`}>
                  <Link
                    to={`/programs/${programId}/mentoring/bulk/${r.id}`}
                    aria-current={r.id === current ? "page" : undefined}
                    className="font-semibold"
                  >
                    {when}
                    <span className="sr-only">
                      {" "}
                      · {MODES[r.mode].label} · {status.label}
                    </span>
                  </Link>
                </td>
                <td className={td}>{MODES[r.mode].label}</td>
                <td className={td}>
                  <Badge tone={status.tone}>
                    {r.status === "running" ? `${status.label} · ${percent(r.progress)}%` : status.label}
                  </Badge>
                </td>
                <td className={td}>{r.status === "running" ? "—" : r.pairs}</td>
                <td className={td}>{r.total === null ? "—" : r.total.toFixed(2)}</td>
                <td className={td}>{r.createdBy}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
