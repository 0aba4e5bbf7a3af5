import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import {
  type AdvisorProgramLink,
  type AdvisorResponse,
  advisorKeys,
  type Mode,
  modesTitle,
  rankedKinds,
} from "../../lib/advisor.ts";
import { formatDate } from "../../lib/dates.ts";
import { KIND_LABELS } from "../../lib/labels.ts";
import { programKey, useProgram } from "../../lib/programs.ts";
import { EnrolForm } from "../programs/EnrolForm.tsx";

/** After enrolling: the state, focused so it is announced, and for training the way to a cohort. */
function EnrolledState({ link, focus }: { link: AdvisorProgramLink; focus: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="space-y-1">
      <p ref={ref} tabIndex={-1} className="text-sm font-medium text-emerald-900 focus:outline-none">
        <Badge tone="green">Enrolled</Badge> You are enrolled as {link.role}.
      </p>
      {link.kind === "training" ? (
        <p className="text-sm text-slate-800">
          Next, <Link to={`/programs/${link.id}`}>choose a cohort on the program page</Link>.
        </p>
      ) : null}
    </div>
  );
}

/** The program's intake questionnaire (the program page's enrol form), limited to the advised role. */
function IntakeEnrol({ link, onEnrolled }: { link: AdvisorProgramLink; onEnrolled: () => void }) {
  const program = useProgram(link.id);
  const enrolled = program.data?.me.enrolledAs.includes(link.role) ?? false;
  useEffect(() => {
    if (enrolled) onEnrolled();
  }, [enrolled, onEnrolled]);
  if (program.isPending) return <Loading label="Loading the intake questions…" />;
  if (program.isError) return <ErrorState error={program.error} onRetry={() => void program.refetch()} />;
  return <EnrolForm program={{ ...program.data, enrolmentRoles: [link.role] }} />;
}

function EnrolAction({ link }: { link: AdvisorProgramLink }) {
  const qc = useQueryClient();
  const toast = useToast();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [justEnrolled, setJustEnrolled] = useState(false);
  const markEnrolled = useCallback(() => {
    setJustEnrolled(true);
    void qc.invalidateQueries({ queryKey: advisorKeys.responses });
  }, [qc]);
  const enrol = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/programs/{id}/enrolments", {
          params: { path: { id: link.id } },
          body: { role: link.role, answers: {} },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(programKey(p.id), p);
      void qc.invalidateQueries({ queryKey: ["programs"] });
      void qc.invalidateQueries({ queryKey: ["mentoring"] });
      toast(`You are enrolled in ${p.name} as ${link.role}.`);
      markEnrolled();
    },
  });

  if (link.enrolled || justEnrolled) return <EnrolledState link={link} focus={justEnrolled} />;
  if (!link.hasQuestionnaire) {
    return (
      <div className="space-y-2">
        <FormAlert error={enrol.error} />
        <Button onClick={() => enrol.mutate()} disabled={enrol.isPending}>
          {enrol.isPending ? "Enrolling…" : `Enrol as ${link.role}`}
          <span className="sr-only"> in {link.name}</span>
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <Button
        variant={open ? "secondary" : "primary"}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide the intake questions" : `Enrol as ${link.role}`}
        <span className="sr-only"> in {link.name}</span>
      </Button>
      <div id={panelId} hidden={!open} className="rounded-md border border-slate-300 p-4">
        {open ? (
          <>
            <p className="mb-3 text-sm text-slate-800">{link.name} asks a few questions when you enrol.</p>
            <IntakeEnrol link={link} onEnrolled={markEnrolled} />
          </>
        ) : null}
      </div>
    </div>
  );
}

/** `other` is the person the advice is for when that is not the viewer, who then cannot enrol them. */
function ProgramItem({ link, other }: { link: AdvisorProgramLink; other: string | null }) {
  const { person: me } = useSession();
  const headingId = useId();
  return (
    <li>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h4 id={headingId} className="font-semibold text-slate-900">
            <Link to={`/programs/${link.id}`}>{link.name}</Link>
          </h4>
          <Badge tone="violet">{KIND_LABELS[link.kind]}</Badge>
          {link.teachesCourse ? <Badge tone="green">Teaches your course</Badge> : null}
        </div>
        {link.description ? <p className="text-sm text-slate-800">{link.description}</p> : null}
        <p className="text-sm text-slate-700">
          Enrolment closes on {formatDate(link.enrolmentClosesAt, me.timeZone)}.
        </p>
        {other === null ? (
          <EnrolAction link={link} />
        ) : link.enrolled ? (
          <p className="text-sm text-slate-800">
            <Badge tone="green">Enrolled</Badge> {other} is enrolled as {link.role}.
          </p>
        ) : (
          <p className="text-sm text-slate-800">{other} can enrol from their advisor page.</p>
        )}
      </Card>
    </li>
  );
}

const MORE_PAGE = 20;

/**
 * The programs of one kind: those that came with the advice (the best 10), and more from the server a page
 * at a time when there are more.
 */
function KindPrograms({
  response,
  kind,
  other,
}: {
  response: AdvisorResponse;
  kind: Mode;
  other: string | null;
}) {
  const info = response.programKinds.find((k) => k.kind === kind);
  const [more, setMore] = useState<AdvisorProgramLink[]>([]);
  const [cursor, setCursor] = useState<string | null>(info?.nextCursor ?? null);
  const load = useMutation({
    mutationFn: (after: string) =>
      unwrap(
        api.GET("/api/advisor/responses/{id}/programs", {
          params: { path: { id: response.id }, query: { kind, cursor: after, limit: MORE_PAGE } },
        }),
      ),
    onSuccess: (page) => {
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    },
  });
  const first = response.programs.filter((p) => p.kind === kind);
  const seen = new Set(first.map((p) => p.id));
  const programs = [...first, ...more.filter((p) => !seen.has(p.id))];
  const total = info?.total ?? programs.length;
  return (
    <section aria-labelledby={`advisor-programs-${kind}`} className="space-y-2">
      <h3 id={`advisor-programs-${kind}`} className="font-semibold text-slate-900">
        {modesTitle([kind])} programs
      </h3>
      {programs.length === 0 ? (
        <NoProgram kind={kind} />
      ) : (
        <>
          <ul className="space-y-3">
            {programs.map((p) => (
              <ProgramItem key={p.id} link={p} other={other} />
            ))}
          </ul>
          {total > first.length ? (
            <>
              <FormAlert error={load.error} />
              <LoadMore
                shown={programs.length}
                total={total}
                noun={`${kind} programs`}
                hasMore={cursor !== null}
                loading={load.isPending}
                onLoad={() => {
                  if (cursor) load.mutate(cursor);
                }}
              />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function NoProgram({ kind }: { kind: Mode }) {
  return (
    <EmptyState title={`No open ${kind} program right now`}>
      <p>
        Ask your program manager about one, or <Link to="/programs">browse all programs</Link>.
      </p>
    </EmptyState>
  );
}

/**
 * The open programs the person is eligible for, grouped by kind in the order of the advice. Only the person
 * themselves can enrol; anyone else (their manager) reads where the person can do it.
 */
export function AdvisorPrograms({ response }: { response: AdvisorResponse }) {
  const { person: me } = useSession();
  const self = response.person.id === me.id;
  const first = response.person.name.split(" ")[0] ?? response.person.name;
  const top = response.options[0];
  const topModes = top && top.strength !== "not_indicated" ? top.modes : [];
  const kinds = rankedKinds(response.options).filter(
    (k) => topModes.includes(k) || response.programKinds.some((p) => p.kind === k && p.total > 0),
  );
  const title = self ? "Programs open to you" : `Programs open to ${first}`;
  return (
    <section aria-labelledby="advisor-programs-heading" className="mb-8 space-y-4">
      <div>
        <h2 id="advisor-programs-heading" className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-700">
          {self
            ? "Open programs of the recommended kinds that you are eligible for, best fit first."
            : `Open programs of the recommended kinds that ${response.person.name} is eligible for. Only ${response.person.name} can enrol, from their own advisor page.`}
        </p>
      </div>
      {kinds.length === 0 ? (
        <EmptyState title="No program to suggest">
          <p>
            The answers do not point to one mode. <Link to="/programs">Browse all programs</Link> or talk it
            through with your manager.
          </p>
        </EmptyState>
      ) : (
        kinds.map((kind) => (
          <KindPrograms
            key={kind}
            response={response}
            kind={kind}
            other={self ? null : response.person.name}
          />
        ))
      )}
    </section>
  );
}
