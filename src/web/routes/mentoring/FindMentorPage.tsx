import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, assertValid, fieldErrorsOf, type Schemas, unwrap } from "../../api/client.ts";
import { Button, SubmitButton } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { TextAreaField } from "../../components/Field.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useClientValidation } from "../../lib/forms.ts";
import {
  liveQuery,
  MAX_AVOIDED,
  MAX_RANKED,
  type MentorChoiceChange,
  type MentorRecommendation,
  mentoringKeys,
  percent,
  REQUEST_STATUS,
} from "../../lib/mentoring.ts";
import { useProgram } from "../../lib/programs.ts";
import { SkillsEditor } from "../people/SkillsEditor.tsx";
import { ChoiceButtons } from "./find/ChoiceButtons.tsx";
import { MyChoices } from "./find/MyChoices.tsx";
import { useMentorChoices } from "./find/useMentorChoices.ts";
import { CriteriaList } from "./parts.tsx";

type Skill = Schemas["Skill"];

function WantedSkillsForm({ programId, initial }: { programId: string; initial: Skill[] }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [skills, setSkills] = useState<Skill[]>(initial);
  const save = useMutation({
    mutationFn: (skillsWanted: Skill[]) =>
      unwrap(
        api.PATCH("/api/programs/{id}/mentoring/me", {
          params: { path: { id: programId } },
          body: { skillsWanted },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(mentoringKeys.participation(programId), p);
      setSkills(p.skillsWanted);
      void qc.invalidateQueries({ queryKey: mentoringKeys.recommendations(programId) });
      toast("Saved the skills you want to learn. Mentors are ranked again.");
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cleaned = skills.map((s) => ({ ...s, name: s.name.trim() }));
    const errors: Record<string, string> = {};
    cleaned.forEach((s, i) => {
      if (!s.name) errors[`skillsWanted.${i}.name`] = `Name skill ${i + 1}, or remove it.`;
    });
    if (!validate(errors)) return;
    save.mutate(cleaned);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Skills you want to learn">
      <FormAlert error={shownError} title="Your skills could not be saved" />
      <SkillsEditor
        skills={skills}
        onChange={setSkills}
        errors={fieldErrorsOf(shownError)}
        path="skillsWanted"
        max={20}
        legend="Skills you want to learn"
        hint="Pick the level you want to reach: 1 means the basics, 5 means mastery. Mentors who offer these skills rank higher."
        emptyText="You have not listed any skills yet, so mentors are ranked on everything else."
      />
      <SubmitButton pending={save.isPending}>Save and rank again</SubmitButton>
    </form>
  );
}

function RequestDialog({
  programId,
  mentor,
  onClose,
}: {
  programId: string;
  mentor: MentorRecommendation["mentor"] | null;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const [message, setMessage] = useState("");
  const [clientError, setClientError] = useState<unknown>(null);
  const send = useMutation({
    mutationFn: (input: { mentorId: string; message: string }) =>
      unwrap(
        api.POST("/api/programs/{id}/mentoring/requests", {
          params: { path: { id: programId } },
          body: input,
        }),
      ),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: mentoringKeys.recommendations(programId) });
      void qc.invalidateQueries({ queryKey: mentoringKeys.requests });
      toast(`Request sent to ${r.mentor.name}.`);
      onClose();
    },
  });
  const { reset } = send;
  const mentorId = mentor?.id;
  useEffect(() => {
    if (mentorId === undefined) return;
    setMessage("");
    setClientError(null);
    reset();
  }, [mentorId, reset]);
  const shownError = clientError ?? send.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mentor) return;
    try {
      assertValid(
        message.trim() ? {} : { message: "Write a short message so they know what you hope to learn." },
      );
    } catch (err) {
      setClientError(err);
      return;
    }
    setClientError(null);
    send.mutate({ mentorId: mentor.id, message: message.trim() });
  };
  const firstName = mentor?.name.split(" ")[0] ?? "";
  return (
    <Dialog
      open={mentor !== null}
      onClose={onClose}
      title={mentor ? `Ask ${mentor.name} to mentor you` : "Ask a mentor"}
      description={`Say what you hope to learn and why you think ${firstName} is a good fit. ${firstName} can accept or decline; the request expires if there is no answer.`}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert error={shownError} title="The request was not sent" />
        <TextAreaField
          label="Message"
          required
          rows={6}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          hint="Up to 2000 characters."
          error={fieldErrorsOf(shownError).message}
        />
        <div className="flex flex-wrap gap-2">
          <SubmitButton pending={send.isPending} pendingLabel="Sending…">
            Send request
          </SubmitButton>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Why the best available match comes first, though another mentor may score higher. */
const BEST_FIT_EXPLANATION =
  "Popular mentors are shared out so that every mentee sees someone with a free seat first, so your best available match is not always your highest score.";

function MentorCard({
  rec,
  rank,
  canRequest,
  blockedReason,
  onAsk,
  othersLabel,
  choice,
}: {
  rec: MentorRecommendation;
  rank: number;
  canRequest: boolean;
  blockedReason: string | null;
  onAsk: () => void;
  /** Shown above the first mentor after the best available match. */
  othersLabel: boolean;
  choice: {
    rankedAt: number | null;
    rankingFull: boolean;
    avoidFull: boolean;
    onChange: (change: MentorChoiceChange) => void;
  };
}) {
  const id = useId();
  const { mentor } = rec;
  const pending = rec.myRequest?.status === "open";
  const requestStatus = rec.myRequest
    ? REQUEST_STATUS[rec.myRequest.status as keyof typeof REQUEST_STATUS]
    : undefined;
  const facts = [mentor.title, mentor.department, mentor.location].filter(Boolean).join(" · ");
  return (
    <li>
      {othersLabel ? (
        <p className="mt-6 mb-2 text-sm font-semibold tracking-wide text-slate-700 uppercase">
          Other good matches
        </p>
      ) : null}
      <article
        aria-labelledby={`${id}-name`}
        aria-describedby={rec.bestFit ? `${id}-best` : undefined}
        className={`rounded-lg bg-white p-5 shadow-sm ${
          rec.bestFit ? "border-2 border-emerald-700 ring-4 ring-emerald-100" : "border border-slate-300"
        }`}
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h3 id={`${id}-name`} className="text-lg font-semibold">
              {rec.bestFit ? (
                <span className="mb-1 block text-sm font-semibold tracking-wide text-emerald-800 uppercase">
                  Your best available match<span className="sr-only">: </span>
                </span>
              ) : (
                <span className="sr-only">Number {rank}: </span>
              )}
              <Link to={`/people/${mentor.id}`}>{mentor.name}</Link>
            </h3>
            {facts ? <p className="text-sm text-slate-700">{facts}</p> : null}
            {rec.bestFit ? (
              <p id={`${id}-best`} className="mt-1 max-w-prose text-sm text-emerald-950">
                {BEST_FIT_EXPLANATION}
              </p>
            ) : null}
            <p className="mt-1 flex flex-wrap gap-1.5">
              {choice.rankedAt !== null ? (
                <Badge tone="violet">Number {choice.rankedAt} in your ranking</Badge>
              ) : null}
              {rec.full ? <Badge tone="red">Full</Badge> : null}
              {requestStatus ? (
                <Badge tone={requestStatus.tone}>
                  {pending ? "Request sent" : `Your last request: ${requestStatus.label.toLowerCase()}`}
                </Badge>
              ) : null}
            </p>
          </div>
          <p className="text-right">
            <span className="block text-3xl font-bold text-emerald-900">{percent(rec.score)}%</span>
            <span className="text-sm text-slate-700">compatible</span>
          </p>
        </div>
        {mentor.skills.length ? (
          <p className="mt-3 text-sm text-slate-800">
            <span className="font-medium">Offers: </span>
            {mentor.skills.map((s) => `${s.name} (${s.level}/5)`).join(", ")}
          </p>
        ) : null}
        <h4 className="mt-4 text-sm font-semibold text-slate-900">Why this match</h4>
        <CriteriaList criteria={rec.criteria} className="mt-2 grid gap-3 md:grid-cols-2" />
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-700">
            Mentoring {rec.activeMentees} of {rec.capacity} {rec.capacity === 1 ? "mentee" : "mentees"}
            {rec.full ? " — no room for another mentee right now." : "."}
          </p>
          {rec.full ? null : pending ? (
            <Link to="/mentoring/requests" className="text-sm font-semibold">
              See your request
            </Link>
          ) : canRequest ? (
            <Button onClick={onAsk} className="ml-auto">
              <span>
                Ask {mentor.name.split(" ")[0]}
                <span className="sr-only"> ({mentor.name})</span> to mentor you
              </span>
            </Button>
          ) : blockedReason ? (
            <p className="ml-auto text-sm font-medium text-slate-800">{blockedReason}</p>
          ) : null}
        </div>
        <ChoiceButtons
          mentor={mentor}
          rankedAt={choice.rankedAt}
          rankingFull={choice.rankingFull}
          avoidFull={choice.avoidFull}
          onChange={choice.onChange}
        />
      </article>
    </li>
  );
}

export default function FindMentorPage() {
  const { id = "" } = useParams();
  const program = useProgram(id);
  const participation = useQuery({
    queryKey: mentoringKeys.participation(id),
    queryFn: () => unwrap(api.GET("/api/programs/{id}/mentoring/me", { params: { path: { id } } })),
    enabled: program.data?.kind === "mentoring",
  });
  const isMentee = participation.data?.roles.includes("mentee") ?? false;
  const settings = useQuery({
    queryKey: mentoringKeys.settings(id),
    queryFn: () => unwrap(api.GET("/api/programs/{id}/mentoring/settings", { params: { path: { id } } })),
    enabled: isMentee,
  });
  const recs = useQuery({
    queryKey: mentoringKeys.recommendations(id),
    ...liveQuery,
    queryFn: () =>
      unwrap(api.GET("/api/programs/{id}/mentoring/recommendations", { params: { path: { id } } })),
    enabled: isMentee,
  });
  const relationshipFilter = { state: "open", programId: id } as const;
  const relationships = useQuery({
    queryKey: mentoringKeys.relationshipList(relationshipFilter),
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/relationships", { params: { query: relationshipFilter } })),
    enabled: isMentee,
  });
  const choices = useMentorChoices(id, participation.data, recs.data?.items);
  const [asking, setAsking] = useState<MentorRecommendation["mentor"] | null>(null);
  usePageTitle(program.data ? `Find a mentor · ${program.data.name}` : "Find a mentor");

  if (program.isPending || (program.data?.kind === "mentoring" && participation.isPending))
    return <Loading label="Loading mentors…" />;
  const failed = program.error ?? participation.error;
  if (failed || !program.data || !participation.data) {
    return (
      <>
        <PageHeader title="Find a mentor" />
        <ErrorState error={failed ?? new ApiError(404, "not_found", "This is not a mentoring program.")} />
        <p className="mt-4">
          <Link to="/programs">Back to programs</Link>
        </p>
      </>
    );
  }
  const p = program.data;
  const back = <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>;
  if (!isMentee) {
    return (
      <>
        {back}
        <PageHeader title="Find a mentor" description={p.name} />
        <EmptyState title="Enrol as a mentee first">
          <p>
            Mentor recommendations are for the program's mentees.{" "}
            <Link to={`/programs/${p.id}`}>Enrol in {p.name}</Link> as a mentee, then come back to choose your
            mentor.
          </p>
        </EmptyState>
      </>
    );
  }

  const current = relationships.data?.items.find((r) => r.mySide === "mentee");
  const selfMatch = settings.data?.matchModes.includes("self") ?? true;
  const data = recs.data;
  const { ranking, avoid } = choices.choices;
  // Avoided mentors leave the list at once; the server leaves them out of the next ranking too.
  const shown = data?.items.filter((r) => !avoid.includes(r.mentor.id)) ?? [];
  const atLimit = data ? data.openRequests >= data.maxOpenRequests : false;
  const blockedReason = current
    ? "You already have a mentor in this program."
    : !selfMatch
      ? "The program team makes the matches."
      : atLimit
        ? "You have reached your open-request limit."
        : null;

  return (
    <>
      {back}
      <PageHeader
        title="Find a mentor"
        description={`${p.name}: mentors ranked by how well they fit what you want to learn.`}
      />
      {current ? (
        <p className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          You are already matched with <strong>{current.mentor.name}</strong> in this program.{" "}
          <Link to={`/mentoring/relationships/${current.id}`} className="font-semibold">
            Go to your mentoring relationship
          </Link>
        </p>
      ) : null}
      {!selfMatch ? (
        <p className="mb-6 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-950">
          In this program the program team matches mentees with mentors. You can still see who fits you best
          and tell the team.
        </p>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">What you want to learn</h2>
            <WantedSkillsForm programId={p.id} initial={participation.data.skillsWanted} />
          </Card>
          <Card>
            <MyChoices state={choices} />
          </Card>
        </div>
        <div className="lg:col-span-2">
          <Section
            title="Recommended mentors"
            actions={
              data ? (
                <p className="text-sm text-slate-800" aria-live="polite">
                  <strong>
                    {data.openRequests} of {data.maxOpenRequests}
                  </strong>{" "}
                  open requests · <Link to="/mentoring/requests">Your requests</Link>
                </p>
              ) : null
            }
          >
            {recs.isPending ? (
              <Loading label="Ranking mentors…" />
            ) : recs.isError ? (
              <ErrorState error={recs.error} onRetry={() => void recs.refetch()} />
            ) : shown.length === 0 ? (
              <EmptyState title="No mentors to recommend yet">
                <p>
                  No mentor in this program fits the program's rules for you yet (for example a shared
                  language, or being outside your reporting line). More mentors may enrol; check back soon, or
                  ask the program team.
                  {avoid.length ? " Mentors you avoid are not shown." : ""}
                </p>
              </EmptyState>
            ) : (
              <>
                {atLimit && !current ? (
                  <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
                    You have {recs.data.openRequests} open requests, the most this program allows. Wait for
                    answers or <Link to="/mentoring/requests">withdraw one</Link> to ask someone else.
                  </p>
                ) : null}
                <ol aria-label="Mentors ranked by compatibility" className="space-y-4">
                  {shown.map((rec, i) => {
                    const place = ranking.indexOf(rec.mentor.id);
                    return (
                      <MentorCard
                        key={rec.mentor.id}
                        rec={rec}
                        rank={i + 1}
                        canRequest={blockedReason === null}
                        blockedReason={blockedReason}
                        onAsk={() => setAsking(rec.mentor)}
                        othersLabel={i === 1 && shown[0]?.bestFit === true}
                        choice={{
                          rankedAt: place < 0 ? null : place + 1,
                          rankingFull: ranking.length >= MAX_RANKED,
                          avoidFull: avoid.length >= MAX_AVOIDED,
                          onChange: choices.change,
                        }}
                      />
                    );
                  })}
                </ol>
                {recs.data.eligible > recs.data.items.length ? (
                  <p className="mt-4 text-sm text-slate-700">
                    These are the {recs.data.items.length} mentors who fit you best, of{" "}
                    {recs.data.eligible.toLocaleString()} who fit the program's rules. Tell us more about what
                    you want to learn to sharpen the list.
                  </p>
                ) : null}
              </>
            )}
          </Section>
        </div>
      </div>
      <RequestDialog programId={p.id} mentor={asking} onClose={() => setAsking(null)} />
    </>
  );
}
