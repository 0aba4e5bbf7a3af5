import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
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
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink, SubmitButton } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading, QueryList } from "../../components/Feedback.tsx";
import { TextAreaField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useClientValidation } from "../../lib/forms.ts";
import { formatDay, LIST_PAGE_SIZE, mentoringKeys, statusLabel, statusTone } from "../../lib/mentoring.ts";
import { ParticipantPicker } from "./ParticipantPicker.tsx";
import { ExclusionList } from "./parts.tsx";
import { useMentoringAdmin } from "./useMentoringAdmin.ts";

type Overview = Schemas["MentoringOverview"];
type CountKey = keyof Overview["counts"];
type Ref = Schemas["PersonRef"];

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

function RelationshipTable({
  rows,
  caption,
}: {
  rows: Schemas["MentoringProgramRelationship"][];
  caption: string;
}) {
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

const RELATIONSHIP_STATUS = {
  proposed: "proposed",
  active: "active",
  completed: "completed",
  endedEarly: "ended_early",
  quiet: "quiet",
} as const;

/** A page of one of the program's lists, with "Show more" and how many there are in all. */
function More({
  list,
  total,
  noun,
}: {
  list: { items: unknown[]; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  total: number;
  noun: string;
}) {
  return (
    <LoadMore
      shown={list.items.length}
      total={total}
      noun={noun}
      hasMore={list.hasNextPage}
      loading={list.isFetchingNextPage}
      onLoad={() => void list.fetchNextPage()}
    />
  );
}

function ParticipantList({
  programId,
  role,
  label,
  total,
}: {
  programId: string;
  role: "mentor" | "mentee";
  label: string;
  total: number;
}) {
  const list = useCursorList({
    queryKey: mentoringKeys.programList(programId, "participants", { role }),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/participants", {
          params: { path: { id: programId }, query: { role, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  return (
    <QueryList
      query={list}
      loadingLabel={`Loading ${role}s…`}
      isEmpty={list.items.length === 0}
      empty={
        <EmptyState title={`No ${role}s yet`}>
          <p>
            People enrol as {role}s from the program page while enrolment is open. Share its link with the
            people it is meant for.
          </p>
        </EmptyState>
      }
    >
      <Table caption={`${label} in this program`} head={["Person", "Open relationships"]}>
        {list.items.map((p) => (
          <tr key={p.person.id}>
            <td className={td}>{personLink(p.person)}</td>
            <td className={td}>{p.activeRelationships}</td>
          </tr>
        ))}
      </Table>
      <More list={list} total={total} noun={`${role}s`} />
    </QueryList>
  );
}

function OpenRequestList({
  programId,
  total,
  timeZone,
}: {
  programId: string;
  total: number;
  timeZone: string;
}) {
  const list = useCursorList({
    queryKey: mentoringKeys.programList(programId, "requests"),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/requests", {
          params: { path: { id: programId }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  return (
    <QueryList
      query={list}
      loadingLabel="Loading open requests…"
      isEmpty={list.items.length === 0}
      empty={
        <EmptyState title="No open requests">
          <p>
            Every request has been answered. New requests from mentees appear here until the mentor answers.
          </p>
        </EmptyState>
      }
    >
      <Table
        caption="Requests waiting for the mentor's answer"
        head={["Mentee", "Mentor", "Sent", "Expires"]}
      >
        {list.items.map((r) => (
          <tr key={r.id}>
            <td className={td}>{personLink(r.mentee)}</td>
            <td className={td}>{personLink(r.mentor)}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDate(r.createdAt, timeZone)}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDate(r.expiresAt, timeZone)}</td>
          </tr>
        ))}
      </Table>
      <More list={list} total={total} noun="open requests" />
    </QueryList>
  );
}

const EMPTY_RELATIONSHIPS: Record<keyof typeof RELATIONSHIP_STATUS, string> = {
  proposed: "No pair is waiting to sign its agreement.",
  active: "No relationship is under way yet. Pairs become active once both sign their agreement.",
  completed: "No relationship has completed yet.",
  endedEarly: "No relationship has ended early.",
  quiet: "Every active pair has met in the last 6 weeks.",
};

function RelationshipList({
  programId,
  show,
  label,
  total,
}: {
  programId: string;
  show: keyof typeof RELATIONSHIP_STATUS;
  label: string;
  total: number;
}) {
  const status = RELATIONSHIP_STATUS[show];
  const list = useCursorList({
    queryKey: mentoringKeys.programList(programId, "relationships", { status }),
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/mentoring/relationships", {
          params: { path: { id: programId }, query: { status, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  return (
    <QueryList
      query={list}
      loadingLabel="Loading relationships…"
      isEmpty={list.items.length === 0}
      empty={
        <EmptyState title={`No ${label.toLowerCase()} relationships`}>
          <p>{EMPTY_RELATIONSHIPS[show]}</p>
        </EmptyState>
      }
    >
      <RelationshipTable rows={list.items} caption={`${label} relationships`} />
      <More list={list} total={total} noun="relationships" />
    </QueryList>
  );
}

function SelectedList({
  programId,
  show,
  counts,
  timeZone,
}: {
  programId: string;
  show: CountKey;
  counts: Overview["counts"];
  timeZone: string;
}) {
  const meta = COUNTS.find((c) => c.key === show) ?? COUNTS[0];
  const label = meta?.label ?? "";
  const total = counts[show];
  return (
    <Section title={`${label} (${total})`} id="overview-list">
      {show === "mentors" || show === "mentees" ? (
        <ParticipantList
          key={show}
          programId={programId}
          role={show === "mentors" ? "mentor" : "mentee"}
          label={label}
          total={total}
        />
      ) : show === "openRequests" ? (
        <OpenRequestList programId={programId} total={total} timeZone={timeZone} />
      ) : (
        <RelationshipList key={show} programId={programId} show={show} label={label} total={total} />
      )}
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

function AdminMatchForm({ programId, counts }: { programId: string; counts: Overview["counts"] }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [mentee, setMentee] = useState<Ref | null>(null);
  const [mentor, setMentor] = useState<Ref | null>(null);
  const [reason, setReason] = useState("");
  const [exclusions, setExclusions] = useState<Exclusion[] | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const match = useMutation({
    mutationFn: (body: { menteeId: string; mentorId: string; overrideReason?: string }) =>
      unwrap(api.POST("/api/programs/{id}/mentoring/matches", { params: { path: { id: programId } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: mentoringKeys.overview(programId) });
      toast(`Matched ${mentee?.name ?? ""} with ${mentor?.name ?? ""}. Both were told by email.`);
      setMentee(null);
      setMentor(null);
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
    if (!mentee) errors.menteeId = "Choose a mentee.";
    if (!mentor) errors.mentorId = "Choose a mentor.";
    if (exclusions && reason.trim().length < 10)
      errors.overrideReason = "Explain in at least 10 characters why this pair should be matched anyway.";
    if (validate(errors) && mentee && mentor)
      match.mutate({
        menteeId: mentee.id,
        mentorId: mentor.id,
        ...(exclusions ? { overrideReason: reason.trim() } : {}),
      });
  };
  const fields = fieldErrorsOf(clientError ?? match.error);
  if (counts.mentees === 0 || counts.mentors === 0) {
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
        <ParticipantPicker
          programId={programId}
          side="mentee"
          label="Mentee"
          value={mentee}
          onChange={(p) => {
            setMentee(p);
            reset();
          }}
          details={(m) => (m.activeRelationships ? "already matched" : "no mentor yet")}
          error={fields.menteeId}
        />
        <ParticipantPicker
          programId={programId}
          side="mentor"
          label="Mentor"
          value={mentor}
          onChange={(p) => {
            setMentor(p);
            reset();
          }}
          details={(m) =>
            `${m.activeRelationships} open ${m.activeRelationships === 1 ? "relationship" : "relationships"}`
          }
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
      <SelectedList programId={p.id} show={show} counts={data.counts} timeZone={person.timeZone} />
      <Section title="Admin match">
        <Card>
          {adminMatch ? (
            <>
              <p className="mb-4 text-sm text-slate-700">
                Pair a mentee with a mentor yourself. Both are told by email and then agree together on how
                they will work.
              </p>
              <AdminMatchForm programId={p.id} counts={data.counts} />
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
