import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { Button, buttonClass } from "../../../components/Button.tsx";
import { EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_OPENS_BEFORE_MS,
  ATTENDANCE_STATUSES,
  type AttendanceSheet,
  type AttendanceStatus,
  attendanceOpen,
  pctText,
  projectAttendance,
  SESSION_KIND_LABELS,
  sessionRange,
  type TrainingSession,
  trainingKeys,
} from "../../../lib/training.ts";
import { SessionTime, TrainingAlert } from "./parts.tsx";
import { type CohortTabProps, useRefreshTraining } from "./shared.ts";

/** The session to open the sheet on: the latest one attendance is open for, else the next one. */
function defaultSession(sessions: TrainingSession[]): string {
  const open = sessions.filter((s) => attendanceOpen(s));
  return (open.at(-1) ?? sessions[0])?.id ?? "";
}

/** Taking attendance: pick a session, mark each trainee, and see their attendance change as you go. */
export function AttendanceTab({ cohort: c, timeZone }: CohortTabProps) {
  const sessions = [...c.sessions]
    .filter((s) => s.cancelledAt === null)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const [chosen, setChosen] = useState(() => defaultSession(sessions));
  const session =
    sessions.find((s) => s.id === chosen) ?? sessions.find((s) => s.id === defaultSession(sessions));
  if (!session) {
    return (
      <EmptyState title="No sessions to take attendance for">
        <p>Schedule a session on the Sessions tab. Attendance opens an hour before it starts.</p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <SelectField
        label="Session"
        className="max-w-2xl space-y-1"
        value={session.id}
        onChange={(ev) => setChosen(ev.target.value)}
        options={sessions.map((s) => ({
          value: s.id,
          label: `${s.title} · ${SESSION_KIND_LABELS[s.kind]} · ${sessionRange(s.startsAt, s.endsAt, s.timeZone)}${s.attendanceTaken ? " · taken" : ""}`,
        }))}
      />
      <Sheet key={session.id} session={session} timeZone={timeZone} />
    </div>
  );
}

function Sheet({ session, timeZone }: { session: TrainingSession; timeZone: string }) {
  const key = trainingKeys.part(session.cohortId, `attendance:${session.id}`);
  const sheet = useQuery({
    // Not refetched on focus: that would throw away marks not saved yet.
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET("/api/training/sessions/{id}/attendance", { params: { path: { id: session.id } } }),
      ) as Promise<AttendanceSheet>,
  });
  const rows = sheet.data?.rows ?? [];
  return (
    <section aria-labelledby="attendance-sheet" className="space-y-3">
      <div>
        <h2 id="attendance-sheet" className="text-lg font-semibold">
          Attendance: {session.title}
        </h2>
        <p className="text-sm text-slate-800">
          <SessionTime session={session} viewerZone={timeZone} />
        </p>
      </div>
      <QueryList
        query={sheet}
        loadingLabel="Loading the attendance sheet…"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState title="Nobody is enrolled">
            <p>Enrol trainees on the Roster tab, then take their attendance here.</p>
          </EmptyState>
        }
      >
        {sheet.data ? (
          <SheetForm key={sheet.dataUpdatedAt} sheet={sheet.data} session={session} timeZone={timeZone} />
        ) : null}
      </QueryList>
    </section>
  );
}

function SheetForm({
  sheet,
  session,
  timeZone,
}: {
  sheet: AttendanceSheet;
  session: TrainingSession;
  timeZone: string;
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const refresh = useRefreshTraining();
  const saved = new Map(sheet.rows.map((r) => [r.person.id, r.status]));
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | null>>(() =>
    Object.fromEntries(sheet.rows.map((r) => [r.person.id, r.status])),
  );
  const save = useMutation({
    mutationFn: (list: { personId: string; status: AttendanceStatus }[]) =>
      unwrap(
        api.PUT("/api/training/sessions/{id}/attendance", {
          params: { path: { id: session.id } },
          body: { marks: list },
        }),
      ) as Promise<AttendanceSheet>,
    onSuccess: (next, list) => {
      qc.setQueryData(trainingKeys.part(session.cohortId, `attendance:${session.id}`), next);
      void refresh();
      toast(`Attendance saved for ${list.length} ${list.length === 1 ? "trainee" : "trainees"}.`);
    },
  });
  const open = attendanceOpen(session);
  const changed = sheet.rows.filter((r) => (marks[r.person.id] ?? null) !== r.status);
  const toSend = sheet.rows.flatMap((r) => {
    const status = marks[r.person.id];
    return status ? [{ personId: r.person.id, status }] : [];
  });
  const unmarked = sheet.rows.length - toSend.length;
  return (
    <form
      aria-label={`Attendance for ${session.title}`}
      className="space-y-3"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (toSend.length) save.mutate(toSend);
      }}
    >
      {open ? null : (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          Attendance opens an hour before the session starts, at{" "}
          {formatDateTime(
            new Date(Date.parse(session.startsAt) - ATTENDANCE_OPENS_BEFORE_MS).toISOString(),
            timeZone,
          )}
          .
        </p>
      )}
      <TrainingAlert error={save.error} title="The attendance could not be saved" />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          disabled={!open}
          onClick={() => setMarks(Object.fromEntries(sheet.rows.map((r) => [r.person.id, "present"])))}
        >
          Mark all present
        </Button>
        <p className="text-sm text-slate-700" aria-live="polite">
          {changed.length
            ? `${changed.length} unsaved ${changed.length === 1 ? "change" : "changes"}.`
            : "All marks are saved."}
          {unmarked ? ` ${unmarked} not marked yet.` : ""}
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <caption className="sr-only">Attendance marks for {session.title}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Trainee
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                This session
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Attendance so far
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {sheet.rows.map((r) => {
              const mark = marks[r.person.id] ?? null;
              const projected = projectAttendance(r.attendance, saved.get(r.person.id) ?? null, mark);
              const dirty = mark !== r.status;
              return (
                <tr key={r.person.id}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    {r.person.name}
                  </th>
                  <td className="px-3 py-2">
                    <fieldset disabled={!open}>
                      <legend className="sr-only">Attendance of {r.person.name}</legend>
                      <div className="flex flex-wrap gap-x-4 gap-y-1">
                        {ATTENDANCE_STATUSES.map((status) => (
                          <label key={status} className="flex items-center gap-1.5">
                            <input
                              type="radio"
                              name={`attendance-${r.person.id}`}
                              value={status}
                              checked={mark === status}
                              onChange={() => setMarks((m) => ({ ...m, [r.person.id]: status }))}
                              className="h-4 w-4 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
                            />
                            {ATTENDANCE_LABELS[status].label}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  </td>
                  <td className="px-3 py-2">
                    <output aria-label={`Attendance of ${r.person.name} so far`}>
                      {pctText(projected.pct)}
                    </output>
                    <span className="block text-xs text-slate-700">
                      {projected.recorded
                        ? `${projected.present + projected.late} of ${projected.recorded - projected.excused} attended`
                        : "No sessions marked"}
                      {dirty ? " · not saved yet" : ""}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-700">
        Late counts as attended; excused counts neither way. Completion counts every scheduled session.
      </p>
      <button
        type="submit"
        disabled={!open || save.isPending || toSend.length === 0}
        className={buttonClass("primary")}
      >
        {save.isPending ? "Saving…" : "Save attendance"}
      </button>
    </form>
  );
}
