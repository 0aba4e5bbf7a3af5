import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import {
  ApiError,
  api,
  type FieldErrors,
  fieldErrorsOf,
  isRecord,
  type Schemas,
  unwrap,
} from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink, SubmitButton } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { SelectField, TextAreaField } from "../../components/Field.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useClientValidation } from "../../lib/forms.ts";
import { formatDay, mentoringKeys, statusLabel, statusTone } from "../../lib/mentoring.ts";
import { ExclusionList } from "./parts.tsx";
import { useMentoringAdmin } from "./useMentoringAdmin.ts";

type Overview = Schemas["MentoringOverview"];
type CountKey = keyof Overview["counts"];

const COUNTS: { key: CountKey; label: string; hint: string }[] = [
  { key: "mentors", label: "Mentors", hint: "enrolled as mentor" },
  { key: "mentees", label: "Mentees", hint: "enrolled as mentee" },
  { key: "openRequests", label: "Open requests", hint: "waiting for the mentor" },
  { key: "proposed", label: "Proposed", hint: "agreement not signed yet" },
  { key: "active", label: "Active", hint: "relationships under way" },
  { key: "completed", label: "Completed", hint: "closed as planned" },
  { key: "endedEarly", label: "Ended early", hint: "closed before the end" },
  { key: "quiet", label: "No meeting in 6 weeks", hint: "active, but quiet" },
];

const isCountKey = (v: string | null): v is CountKey => COUNTS.some((c) => c.key === v);

const td = "px-3 py-2";

const personLink = (p: { id: string; name: string }) => (
  <Link to={`/people/${p.id}`} className="font-semibold">
    {p.name}
  </Link>
);

function NudgeButton({ relationshipId, names }: { relationshipId: string; names: string }) {
  const toast = useToast();
  const nudge = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/nudge", { params: { path: { id: relationshipId } } }),
      ),
    onSuccess: () => toast(`Reminder sent to ${names}.`),
    onError: (err) => toast(err instanceof Error ? err.message : "Could not send the reminder.", "error"),
  });
  return (
    <Button
      variant="secondary"
      className="px-3 py-1"
      onClick={() => nudge.mutate()}
      disabled={nudge.isPending}
    >
      {nudge.isPending ? "Sending…" : "Nudge"}
      <span className="sr-only"> {names}</span>
    </Button>
  );
}

function RelationshipTable({ rows, caption }: { rows: Overview["relationships"]; caption: string }) {
  return (
    <Table
      caption={caption}
      head={["Mentor", "Mentee", "Status", "Started", "Planned end", "Last meeting", "Action"]}
    >
      {rows.map((r) => {
        const names = `${r.mentor.name} and ${r.mentee.name}`;
        return (
          <tr key={r.id}>
            <td className={td}>{personLink(r.mentor)}</td>
            <td className={td}>{personLink(r.mentee)}</td>
            <td className={td}>
              <span className="flex flex-wrap gap-1">
                <Badge tone={statusTone(r.status)}>{statusLabel(r.status)}</Badge>
                {r.quiet ? <Badge tone="amber">No meeting in 6 weeks</Badge> : null}
              </span>
            </td>
            <td className={`${td} whitespace-nowrap`}>{formatDay(r.startDate)}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDay(r.plannedEndDate)}</td>
            <td className={`${td} whitespace-nowrap`}>
              {r.lastMeetingAt ? formatDay(r.lastMeetingAt) : "None yet"}
            </td>
            <td className={td}>
              {r.status === "active" || r.status === "proposed" ? (
                <NudgeButton relationshipId={r.id} names={names} />
              ) : (
                <span className="text-slate-700">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

function SelectedList({ show, data, timeZone }: { show: CountKey; data: Overview; timeZone: string }) {
  const meta = COUNTS.find((c) => c.key === show) ?? COUNTS[0];
  const title = `${meta?.label ?? ""} (${data.counts[show]})`;
  let body: ReactNode;
  if (show === "mentors" || show === "mentees") {
    const role = show === "mentors" ? "mentor" : "mentee";
    const rows = data.participants.filter((p) => p.role === role);
    body = rows.length ? (
      <Table caption={`${meta?.label} in this program`} head={["Person", "Open relationships"]}>
        {rows.map((p) => (
          <tr key={p.person.id}>
            <td className={td}>{personLink(p.person)}</td>
            <td className={td}>{p.activeRelationships}</td>
          </tr>
        ))}
      </Table>
    ) : (
      <EmptyState title={`No ${role}s yet`}>
        <p>
          People enrol as {role}s from the program page while enrolment is open. Share its link with the
          people it is meant for.
        </p>
      </EmptyState>
    );
  } else if (show === "openRequests") {
    body = data.openRequests.length ? (
      <Table
        caption="Requests waiting for the mentor's answer"
        head={["Mentee", "Mentor", "Sent", "Expires"]}
      >
        {data.openRequests.map((r) => (
          <tr key={r.id}>
            <td className={td}>{personLink(r.mentee)}</td>
            <td className={td}>{personLink(r.mentor)}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDate(r.createdAt, timeZone)}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDate(r.expiresAt, timeZone)}</td>
          </tr>
        ))}
      </Table>
    ) : (
      <EmptyState title="No open requests">
        <p>
          Every request has been answered. New requests from mentees appear here until the mentor answers.
        </p>
      </EmptyState>
    );
  } else {
    const status = {
      proposed: "proposed",
      active: "active",
      completed: "completed",
      endedEarly: "ended_early",
    } as const;
    const rows =
      show === "quiet"
        ? data.relationships.filter((r) => r.quiet)
        : data.relationships.filter((r) => r.status === status[show as keyof typeof status]);
    const empty: Record<string, string> = {
      proposed: "No pair is waiting to sign its agreement.",
      active: "No relationship is under way yet. Pairs become active once both sign their agreement.",
      completed: "No relationship has completed yet.",
      endedEarly: "No relationship has ended early.",
      quiet: "Every active pair has met in the last 6 weeks.",
    };
    body = rows.length ? (
      <RelationshipTable rows={rows} caption={`${meta?.label} relationships`} />
    ) : (
      <EmptyState title={`No ${meta?.label.toLowerCase()} relationships`}>
        <p>{empty[show]}</p>
      </EmptyState>
    );
  }
  return (
    <Section title={title} id="overview-list">
      {body}
    </Section>
  );
}

interface Exclusion {
  code: string;
  reason: string;
}

function overridableExclusions(err: unknown): Exclusion[] | null {
  if (!(err instanceof ApiError) || err.code !== "mentoring.constraint" || !isRecord(err.details))
    return null;
  if (err.details.overridable !== true || !Array.isArray(err.details.exclusions)) return null;
  return err.details.exclusions.filter(
    (x): x is Exclusion => isRecord(x) && typeof x.reason === "string" && typeof x.code === "string",
  );
}

function AdminMatchForm({ programId, data }: { programId: string; data: Overview }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [menteeId, setMenteeId] = useState("");
  const [mentorId, setMentorId] = useState("");
  const [reason, setReason] = useState("");
  const [exclusions, setExclusions] = useState<Exclusion[] | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const mentees = data.participants.filter((p) => p.role === "mentee");
  const mentors = data.participants.filter((p) => p.role === "mentor");
  const nameOf = (id: string) => data.participants.find((p) => p.person.id === id)?.person.name ?? "";
  const match = useMutation({
    mutationFn: (body: { menteeId: string; mentorId: string; overrideReason?: string }) =>
      unwrap(api.POST("/api/programs/{id}/mentoring/matches", { params: { path: { id: programId } }, body })),
    onSuccess: (_, body) => {
      void qc.invalidateQueries({ queryKey: mentoringKeys.overview(programId) });
      toast(`Matched ${nameOf(body.menteeId)} with ${nameOf(body.mentorId)}. Both were told by email.`);
      setMenteeId("");
      setMentorId("");
      setReason("");
      setExclusions(null);
    },
    onError: (err) => setExclusions(overridableExclusions(err)),
  });
  useEffect(() => {
    if (exclusions) warningRef.current?.focus();
  }, [exclusions]);
  // While the rules warning is shown it speaks for the refused call; the form alert shows any other error.
  const { shownError, clientError, validate } = useClientValidation(exclusions ? null : match.error);
  const reset = () => {
    setExclusions(null);
    setReason("");
    match.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!menteeId) errors.menteeId = "Choose a mentee.";
    if (!mentorId) errors.mentorId = "Choose a mentor.";
    if (exclusions && reason.trim().length < 10)
      errors.overrideReason = "Explain in at least 10 characters why this pair should be matched anyway.";
    if (validate(errors))
      match.mutate({ menteeId, mentorId, ...(exclusions ? { overrideReason: reason.trim() } : {}) });
  };
  const fields = fieldErrorsOf(clientError ?? match.error);
  if (mentees.length === 0 || mentors.length === 0) {
    return (
      <EmptyState title="Nobody to match yet">
        <p>You can match pairs once the program has at least one mentee and one mentor.</p>
      </EmptyState>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Admin match">
      <FormAlert error={shownError} title="The pair could not be matched" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Mentee"
          required
          value={menteeId}
          onChange={(e) => {
            setMenteeId(e.target.value);
            reset();
          }}
          placeholder="Choose a mentee"
          options={mentees.map((m) => ({
            value: m.person.id,
            label: m.activeRelationships ? `${m.person.name} (already matched)` : m.person.name,
          }))}
          error={fields.menteeId}
        />
        <SelectField
          label="Mentor"
          required
          value={mentorId}
          onChange={(e) => {
            setMentorId(e.target.value);
            reset();
          }}
          placeholder="Choose a mentor"
          options={mentors.map((m) => ({
            value: m.person.id,
            label: `${m.person.name} (${m.activeRelationships} open ${m.activeRelationships === 1 ? "relationship" : "relationships"})`,
          }))}
          error={fields.mentorId}
        />
      </div>
      {exclusions ? (
        <div
          ref={warningRef}
          role="alert"
          tabIndex={-1}
          className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-amber-950 focus:outline-2 focus:outline-amber-700"
        >
          <p className="font-semibold">This pair breaks the program's rules:</p>
          <ExclusionList exclusions={exclusions} className="list-disc pl-5" />
          <p className="text-sm">
            You can match them anyway if you give a reason. It is kept in the audit log with your name.
          </p>
          <TextAreaField
            label="Reason for overriding"
            required
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            hint="At least 10 characters."
            error={fields.overrideReason}
          />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={match.isPending} pendingLabel="Matching…">
          {exclusions ? "Match anyway" : "Match"}
        </SubmitButton>
        {exclusions ? (
          <Button variant="secondary" onClick={reset}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export default function ProgramMentoringPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const [params] = useSearchParams();
  const { program, canEdit, overview, settings } = useMentoringAdmin(id);
  usePageTitle(program.data ? `Mentoring overview · ${program.data.name}` : "Mentoring overview");
  const requested = params.get("show");
  const show: CountKey = isCountKey(requested) ? requested : "active";

  if (program.isPending || (canEdit && overview.isPending)) return <Loading label="Loading the overview…" />;
  const failed = program.error ?? overview.error;
  if (failed || !program.data) {
    return (
      <>
        <PageHeader title="Mentoring overview" />
        <ErrorState
          error={failed}
          onRetry={() => void (program.error ? program.refetch() : overview.refetch())}
        />
      </>
    );
  }
  const p = program.data;
  const back = <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>;
  if (!canEdit || !overview.data) {
    return (
      <>
        {back}
        <PageHeader title="Mentoring overview" />
        <p role="alert">
          {p.kind !== "mentoring"
            ? "This is not a mentoring program."
            : "Only the program's owner or an org admin can see the mentoring overview."}
        </p>
      </>
    );
  }
  const data = overview.data;
  const adminMatch = settings.data?.matchModes.includes("admin") ?? true;
  return (
    <>
      {back}
      <PageHeader
        title="Mentoring overview"
        description={`${p.name}: participants, requests and the health of each relationship.`}
        actions={
          <>
            <ButtonLink to={`/programs/${p.id}/mentoring/bulk`} variant="secondary">
              Bulk match
            </ButtonLink>
            <ButtonLink to={`/programs/${p.id}/mentoring/settings`} variant="secondary">
              Mentoring settings
            </ButtonLink>
          </>
        }
      />
      <p className="mb-6 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
        Mentoring is confidential: you see who is paired, their status and when they last met — never their
        agreement, journal, meeting notes, goals or check-ins.
      </p>
      <Section title="At a glance">
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {COUNTS.map((c) => {
            const selected = c.key === show;
            return (
              <li key={c.key}>
                <Link
                  to={{ search: `?show=${c.key}` }}
                  replace
                  preventScrollReset
                  aria-current={selected ? "true" : undefined}
                  className={`block rounded-lg border p-4 no-underline shadow-sm ${
                    selected
                      ? "border-emerald-800 bg-emerald-50 ring-2 ring-emerald-800"
                      : "border-slate-300 bg-white hover:bg-slate-50"
                  }`}
                >
                  <span className="block text-3xl font-bold text-slate-900">{data.counts[c.key]}</span>
                  <span className="block font-semibold text-emerald-900">{c.label}</span>
                  <span className="block text-xs text-slate-700">{c.hint}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </Section>
      <SelectedList show={show} data={data} timeZone={person.timeZone} />
      <Section title="Admin match">
        <Card>
          {adminMatch ? (
            <>
              <p className="mb-4 text-sm text-slate-700">
                Pair a mentee with a mentor yourself. Both are told by email and then agree together on how
                they will work.
              </p>
              <AdminMatchForm programId={p.id} data={data} />
            </>
          ) : (
            <p className="text-sm text-slate-800">
              Admin matching is turned off for this program. Turn it on in the{" "}
              <Link to={`/programs/${p.id}/mentoring/settings`}>mentoring settings</Link>.
            </p>
          )}
        </Card>
      </Section>
    </>
  );
}
