import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api, type Schemas, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { Badge, EmptyState, QueryList } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { PersonPicker } from "../../../components/PersonPicker.tsx";
import { Table } from "../../../components/Table.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { liveQuery, pctText, type Roster, trainingKeys, verifyPath } from "../../../lib/training.ts";
import { ProgressBar, TrainingAlert } from "./parts.tsx";
import { type CohortTabProps, useRefreshTraining } from "./shared.ts";

type PersonRef = NonNullable<Schemas["PersonRef"]>;

/** Who is enrolled (with live attendance and lesson progress) and who waits, in order; staff enrol people. */
export function RosterTab({ cohort: c, timeZone }: CohortTabProps) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const roster = useQuery({
    queryKey: trainingKeys.part(c.id, "roster"),
    ...liveQuery,
    queryFn: () =>
      unwrap(
        api.GET("/api/training/cohorts/{id}/roster", { params: { path: { id: c.id } } }),
      ) as Promise<Roster>,
  });
  const [leaving, setLeaving] = useState<PersonRef | null>(null);
  const withdraw = useMutation({
    mutationFn: (p: PersonRef) =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/enrolments/{personId}/withdraw", {
          params: { path: { id: c.id, personId: p.id } },
        }),
      ),
    onSuccess: (_e, p) => {
      setLeaving(null);
      void refresh();
      toast(`${p.name} is withdrawn from the cohort.`);
    },
  });
  const enrolled = roster.data?.enrolled ?? [];
  const waitlist = roster.data?.waitlist ?? [];
  return (
    <div className="space-y-8">
      {c.canManage ? <EnrolForm cohortId={c.id} seatsLeft={c.seatsLeft} /> : null}
      <Section title={`Enrolled (${enrolled.length} of ${c.seats} seats)`} id="roster-enrolled">
        <QueryList
          query={roster}
          loadingLabel="Loading the roster…"
          isEmpty={enrolled.length === 0}
          empty={
            <EmptyState title="Nobody is enrolled yet">
              <p>
                {c.canManage
                  ? "Enrol trainees above, or let people enrol themselves from this page once they are in the program."
                  : "Program staff enrol trainees; people in the program can also enrol themselves."}
              </p>
            </EmptyState>
          }
        >
          <Table
            caption="Enrolled trainees"
            head={[
              "Trainee",
              "Enrolled",
              "Attendance",
              "Lessons",
              "Completed",
              ...(c.canManage ? ["Action"] : []),
            ]}
          >
            {enrolled.map((e) => (
              <tr key={e.person.id}>
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link to={`/people/${e.person.id}`}>{e.person.name}</Link>
                </th>
                <td className="px-3 py-2">{formatDateTime(e.enrolledAt, timeZone)}</td>
                <td className="px-3 py-2">
                  {pctText(e.attendance.pct)}
                  {e.attendance.recorded ? (
                    <span className="block text-xs text-slate-700">
                      {e.attendance.present + e.attendance.late} of{" "}
                      {e.attendance.recorded - e.attendance.excused} attended
                    </span>
                  ) : null}
                </td>
                <td className="min-w-40 px-3 py-2">
                  <ProgressBar
                    label={`Lessons done by ${e.person.name}`}
                    hideLabel
                    value={e.lessonsDone}
                    max={Math.max(e.lessonsTotal, 1)}
                    valueText={`${e.lessonsDone} of ${e.lessonsTotal} lessons`}
                    tone="sky"
                  />
                  <span className="text-xs text-slate-700">
                    {e.lessonsDone} of {e.lessonsTotal}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {e.certificateId ? (
                    <Link to={verifyPath(e.certificateId)}>
                      Certificate<span className="sr-only"> of {e.person.name}</span>
                    </Link>
                  ) : (
                    "Not yet"
                  )}
                </td>
                {c.canManage ? (
                  <td className="px-3 py-2">
                    {e.completed ? (
                      "—"
                    ) : (
                      <Button
                        variant="secondary"
                        className="px-3 py-1"
                        disabled={withdraw.isPending}
                        onClick={() => setLeaving(e.person)}
                      >
                        Withdraw<span className="sr-only"> {e.person.name}</span>
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </Table>
        </QueryList>
      </Section>
      <Dialog
        open={leaving !== null}
        onClose={() => {
          setLeaving(null);
          withdraw.reset();
        }}
        title={leaving ? `Withdraw ${leaving.name}?` : "Withdraw the trainee?"}
        description="Their seat is offered to the next person on the waitlist. Their lessons and grades so far are kept if they enrol again."
      >
        <TrainingAlert error={withdraw.error} title="The trainee could not be withdrawn" />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setLeaving(null)}>
            Keep them enrolled
          </Button>
          <Button
            variant="danger"
            disabled={withdraw.isPending}
            onClick={() => leaving && withdraw.mutate(leaving)}
          >
            {withdraw.isPending ? "Withdrawing…" : "Withdraw"}
          </Button>
        </div>
      </Dialog>
      <Section title={`Waitlist (${waitlist.length})`} id="roster-waitlist">
        {roster.isSuccess && waitlist.length === 0 ? (
          <p className="text-sm text-slate-700">
            Nobody is waiting. When the cohort is full, people who enrol join the waitlist in order, and each
            freed seat is offered to the longest-waiting person for 3 days.
          </p>
        ) : roster.isSuccess ? (
          <Table
            caption="Waitlist in order"
            head={["Position", "Person", "Status", "Waiting since", "Offer expires"]}
          >
            {waitlist.map((w) => (
              <tr key={w.person.id}>
                <td className="px-3 py-2">{w.position}</td>
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link to={`/people/${w.person.id}`}>{w.person.name}</Link>
                </th>
                <td className="px-3 py-2">
                  {w.status === "offered" ? (
                    <Badge tone="blue">Seat offered</Badge>
                  ) : (
                    <Badge tone="amber">Waiting</Badge>
                  )}
                </td>
                <td className="px-3 py-2">{formatDateTime(w.queuedAt, timeZone)}</td>
                <td className="px-3 py-2">
                  {w.offerExpiresAt ? formatDateTime(w.offerExpiresAt, timeZone) : "—"}
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Section>
    </div>
  );
}

function EnrolForm({ cohortId, seatsLeft }: { cohortId: string; seatsLeft: number }) {
  const toast = useToast();
  const refresh = useRefreshTraining();
  const [who, setWho] = useState<PersonRef | null>(null);
  const [missing, setMissing] = useState(false);
  const enrol = useMutation({
    mutationFn: (p: PersonRef) =>
      unwrap(
        api.POST("/api/training/cohorts/{id}/enrolments", {
          params: { path: { id: cohortId } },
          body: { personId: p.id },
        }),
      ),
    onSuccess: (e, p) => {
      setWho(null);
      void refresh();
      toast(
        e?.status === "enrolled"
          ? `${p.name} is enrolled.`
          : `The cohort is full: ${p.name} is number ${e?.waitlistPosition ?? "?"} on the waitlist.`,
      );
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!who) {
      setMissing(true);
      return;
    }
    setMissing(false);
    enrol.mutate(who);
  };
  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">Enrol someone</h2>
      <p className="mb-3 text-sm text-slate-700">
        {seatsLeft > 0
          ? `${seatsLeft} ${seatsLeft === 1 ? "seat is" : "seats are"} left.`
          : "The cohort is full: the person joins the waitlist."}{" "}
        They are added to the program as a trainee if they are not in it yet, and told by email.
      </p>
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Enrol someone">
        <TrainingAlert error={enrol.error} title="The person could not be enrolled" />
        <PersonPicker
          label="Trainee"
          value={who}
          onChange={(p) => {
            setWho(p);
            if (p) setMissing(false);
          }}
          error={missing ? "Choose the person to enrol." : undefined}
        />
        <SubmitButton pending={enrol.isPending} pendingLabel="Enrolling…">
          {seatsLeft > 0 ? "Enrol" : "Add to the waitlist"}
          {who ? <span className="sr-only"> {who.name}</span> : null}
        </SubmitButton>
      </form>
    </Card>
  );
}
