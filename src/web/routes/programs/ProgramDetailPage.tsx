import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type Answer, api, type Program, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { roleLabel, seesStats } from "../../lib/labels.ts";
import { programKey, useProgram } from "../../lib/programs.ts";
import { CoachingPanel } from "./CoachingPanel.tsx";
import { EnrolForm } from "./EnrolForm.tsx";
import { MentoringPanel } from "./MentoringPanel.tsx";
import { ProgramBadges } from "./ProgramBadges.tsx";
import { TrainingPanel } from "./TrainingPanel.tsx";

function eligibilityText(p: Program): string {
  const { departments, minSeniority, maxSeniority } = p.eligibility;
  const parts: string[] = [];
  parts.push(departments.length ? `People in ${departments.join(", ")}` : "Everyone in the organization");
  if (minSeniority !== null && maxSeniority !== null)
    parts.push(`at seniority levels ${minSeniority}–${maxSeniority}`);
  else if (minSeniority !== null) parts.push(`at seniority level ${minSeniority} or above`);
  else if (maxSeniority !== null) parts.push(`at seniority level ${maxSeniority} or below`);
  return `${parts.join(" ")}.`;
}

const formatAnswer = (a: Answer | undefined) =>
  a === undefined ? "—" : Array.isArray(a) ? a.join(", ") : String(a);

function Withdraw({ program, role }: { program: Program; role: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/programs/{id}/enrolments/me", {
          params: { path: { id: program.id }, query: { role } },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(programKey(p.id), p);
      void qc.invalidateQueries({ queryKey: ["programs"] });
      void qc.invalidateQueries({ queryKey: ["enrolments", p.id] });
      void qc.invalidateQueries({ queryKey: ["mentoring"] });
      toast(`You withdrew from ${p.name}.`);
    },
  });
  return (
    <div className="space-y-2">
      <FormAlert error={withdraw.error} />
      {confirming ? (
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="float-left mr-2 text-sm">Withdraw as {roleLabel(role).toLowerCase()}?</legend>
          <Button variant="danger" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
            {withdraw.isPending ? "Withdrawing…" : "Yes, withdraw"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep my place
          </Button>
        </fieldset>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Withdraw as {roleLabel(role).toLowerCase()}
        </Button>
      )}
    </div>
  );
}

function EnrolmentSection({ program, timeZone }: { program: Program; timeZone: string }) {
  const { me } = program;
  const canAddRole = program.enrolmentRoles.some((r) => !me.enrolledAs.includes(r));
  return (
    <Section title="Your enrolment">
      <Card className="space-y-4">
        {me.enrolledAs.length > 0 ? (
          <div className="space-y-3">
            <p className="font-medium text-emerald-900">
              You are enrolled as {me.enrolledAs.map(roleLabel).join(" and ").toLowerCase()}.
            </p>
            {me.enrolledAs.map((r) => (
              <Withdraw key={r} program={program} role={r} />
            ))}
          </div>
        ) : null}
        {program.status !== "published" ? (
          <p className="text-slate-800">
            This program is {program.status}. People can enrol once it is published.
          </p>
        ) : !me.eligible ? (
          <div>
            <h3 className="font-semibold text-slate-900">You can't enrol in this program</h3>
            <ul className="mt-1 list-disc pl-5 text-slate-800">
              {me.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-slate-700">
              If your department or seniority on <Link to="/me">your profile</Link> is wrong, ask an org admin
              to correct it.
            </p>
          </div>
        ) : program.enrolmentState === "not_yet_open" ? (
          <p className="text-slate-800">
            Enrolment opens on {formatDateTime(program.enrolmentOpensAt, timeZone)}. Come back then.
          </p>
        ) : program.enrolmentState === "closed" ? (
          <p className="text-slate-800">
            Enrolment closed on {formatDateTime(program.enrolmentClosesAt, timeZone)}.
          </p>
        ) : canAddRole ? (
          <>
            {me.enrolledAs.length > 0 ? <h3 className="font-semibold">Enrol in another role</h3> : null}
            <EnrolForm program={program} />
          </>
        ) : null}
      </Card>
    </Section>
  );
}

const ENROLMENTS_PAGE = 50;

function EnrolmentsTable({ program, timeZone }: { program: Program; timeZone: string }) {
  const enrolments = useCursorList({
    queryKey: ["enrolments", program.id],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/programs/{id}/enrolments", {
          params: { path: { id: program.id }, query: { limit: ENROLMENTS_PAGE, cursor } },
        }),
      ),
  });
  const items = enrolments.items;
  const total = enrolments.first?.total ?? 0;
  const active = program.enrolledCount;
  return (
    <Section title="Enrolments">
      {enrolments.isPending ? (
        <Loading label="Loading enrolments…" />
      ) : enrolments.isError ? (
        <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No one has enrolled yet">
          {program.status === "draft" ? (
            <p>
              Publish the program from the <Link to={`/programs/${program.id}/edit`}>edit page</Link> so
              eligible people can enrol.
            </p>
          ) : (
            <p>
              Share this page's link with the people it is meant for; they can enrol while the window is open.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700">
            {active} active, {Math.max(0, total - active)} withdrawn.
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">Enrolments in {program.name} with intake answers</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Person
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Role
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Enrolled
                  </th>
                  {program.questionnaire.map((q) => (
                    <th key={q.id} scope="col" className="px-3 py-2 font-semibold">
                      {q.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" className="px-3 py-2 font-normal">
                      <Link to={`/people/${e.person.id}`} className="font-semibold">
                        {e.person.name}
                      </Link>
                      <div className="text-slate-700">
                        {[e.person.title, e.person.department].filter(Boolean).join(" · ")}
                      </div>
                    </th>
                    <td className="px-3 py-2">{roleLabel(e.role)}</td>
                    <td className="px-3 py-2">
                      <Badge tone={e.status === "active" ? "green" : "slate"}>
                        {e.status === "active" ? "Active" : "Withdrawn"}
                      </Badge>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(e.createdAt, timeZone)}</td>
                    {program.questionnaire.map((q) => (
                      <td key={q.id} className="px-3 py-2">
                        {formatAnswer(e.answers[q.id])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            shown={items.length}
            total={total}
            noun={total === 1 ? "enrolment" : "enrolments"}
            hasMore={enrolments.hasNextPage}
            loading={enrolments.isFetchingNextPage}
            onLoad={() => void enrolments.fetchNextPage()}
          />
        </>
      )}
    </Section>
  );
}

export default function ProgramDetailPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const program = useProgram(id);
  usePageTitle(program.data?.name ?? "Program");
  if (program.isPending) return <Loading label="Loading program…" />;
  if (program.isError) {
    return (
      <>
        <PageHeader title="Program" />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
        <p className="mt-4">
          <Link to="/programs">Back to programs</Link>
        </p>
      </>
    );
  }
  const p = program.data;
  const tz = person.timeZone;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/programs">← Programs</Link>
      </p>
      <PageHeader
        title={p.name}
        description={<ProgramBadges program={p} />}
        actions={
          p.me.canEdit || seesStats(person.orgRole) ? (
            <>
              {seesStats(person.orgRole) ? (
                <ButtonLink variant="secondary" to={`/programs/${p.id}/analytics`}>
                  Analytics
                </ButtonLink>
              ) : null}
              {p.me.canEdit ? <ButtonLink to={`/programs/${p.id}/edit`}>Edit program</ButtonLink> : null}
            </>
          ) : null
        }
      />
      <div className="mb-8 grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">About this program</h2>
          <p className="whitespace-pre-line text-slate-800">{p.description || "No description yet."}</p>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Details</h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="font-medium text-slate-700">Run by</dt>
              <dd>{p.owner ? <Link to={`/people/${p.owner.id}`}>{p.owner.name}</Link> : "—"}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Enrolment window</dt>
              <dd>
                {formatDateTime(p.enrolmentOpensAt, tz)} – {formatDateTime(p.enrolmentClosesAt, tz)}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Who can enrol</dt>
              <dd>{eligibilityText(p)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-700">Enrolled</dt>
              <dd>{p.enrolledCount}</dd>
            </div>
          </dl>
        </Card>
      </div>
      {p.kind === "mentoring" ? <MentoringPanel program={p} /> : null}
      {p.kind === "coaching" ? <CoachingPanel program={p} /> : null}
      {p.kind === "training" ? <TrainingPanel program={p} /> : null}
      <EnrolmentSection program={p} timeZone={tz} />
      {p.me.canEdit ? <EnrolmentsTable program={p} timeZone={tz} /> : null}
    </>
  );
}
