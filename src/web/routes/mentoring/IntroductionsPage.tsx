import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { INTRODUCTION_STATUS, type Introduction, liveQuery, mentoringKeys } from "../../lib/mentoring.ts";
import { MentoringNav } from "./parts.tsx";

const person = (p: { id: string; name: string }) => <Link to={`/people/${p.id}`}>{p.name}</Link>;

/** An introduction's one-line summary, with its status. */
function Summary({ i, children }: { i: Introduction; children: ReactNode }) {
  const s = INTRODUCTION_STATUS[i.status];
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <p className="font-semibold">{children}</p>
      <Badge tone={s.tone}>{s.label}</Badge>
    </div>
  );
}

function Answer({ i }: { i: Introduction }) {
  const qc = useQueryClient();
  const toast = useToast();
  const respond = useMutation({
    mutationFn: (accept: boolean) =>
      unwrap(
        accept
          ? api.POST("/api/mentoring/introductions/{id}/accept", { params: { path: { id: i.id } } })
          : api.POST("/api/mentoring/introductions/{id}/decline", { params: { path: { id: i.id } } }),
      ),
    onSuccess: (x) => {
      void qc.invalidateQueries({ queryKey: mentoringKeys.introductions });
      void qc.invalidateQueries({ queryKey: ["introductions"] });
      toast(
        x.status === "accepted"
          ? `You accepted. Reach out to ${x.mentee.name} and say hello.`
          : "You declined the introduction.",
      );
    },
  });
  return (
    <div className="mt-3 space-y-2">
      <FormAlert error={respond.error} title="Your answer was not saved" />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => respond.mutate(true)} disabled={respond.isPending}>
          Accept<span className="sr-only"> the introduction to {i.mentee.name}</span>
        </Button>
        <Button variant="secondary" onClick={() => respond.mutate(false)} disabled={respond.isPending}>
          Decline<span className="sr-only"> the introduction to {i.mentee.name}</span>
        </Button>
      </div>
    </div>
  );
}

function Card({ children }: { children: ReactNode }) {
  return <li className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">{children}</li>;
}

export default function IntroductionsPage() {
  usePageTitle("Introductions");
  const { person: me } = useSession();
  const introductions = useQuery({
    queryKey: mentoringKeys.introductions,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/introductions")),
  });
  const items = introductions.data?.items ?? [];
  const toMe = items.filter((i) => i.contact.id === me.id);
  const forMe = items.filter((i) => i.mentee.id === me.id);
  const byMe = items.filter((i) => i.mentor.id === me.id);
  const waiting = toMe.filter((i) => i.status === "pending");
  const answered = toMe.filter((i) => i.status !== "pending");
  const tz = me.timeZone;
  return (
    <>
      <PageHeader
        title="Introductions"
        description="Mentors introduce their mentees to people who can help. Accept to connect."
      />
      <MentoringNav />
      {introductions.isPending ? (
        <Loading label="Loading introductions…" />
      ) : introductions.isError ? (
        <ErrorState error={introductions.error} onRetry={() => void introductions.refetch()} />
      ) : (
        <>
          <Section title="Waiting for your answer">
            {waiting.length === 0 ? (
              <EmptyState title="Nothing to answer">
                <p>
                  When a mentor would like to introduce their mentee to you, you can accept or decline here.
                </p>
              </EmptyState>
            ) : (
              <ul className="space-y-3">
                {waiting.map((i) => (
                  <Card key={i.id}>
                    <p className="font-semibold">
                      {person(i.mentor)} would like to introduce you to {person(i.mentee)}
                    </p>
                    <p className="text-sm text-slate-700">Sent {formatDate(i.createdAt, tz)}</p>
                    <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 whitespace-pre-line">
                      {i.note}
                    </blockquote>
                    <Answer i={i} />
                  </Card>
                ))}
              </ul>
            )}
          </Section>
          {forMe.length ? (
            <Section title="Introductions made for you">
              <ul className="space-y-3">
                {forMe.map((i) => (
                  <Card key={i.id}>
                    <Summary i={i}>
                      {person(i.mentor)} introduced you to {person(i.contact)}
                    </Summary>
                    <p className="mt-1 whitespace-pre-line text-sm">{i.note}</p>
                  </Card>
                ))}
              </ul>
            </Section>
          ) : null}
          {byMe.length ? (
            <Section title="Introductions you made">
              <ul className="space-y-3">
                {byMe.map((i) => (
                  <Card key={i.id}>
                    <Summary i={i}>
                      {person(i.mentee)} → {person(i.contact)}
                    </Summary>
                    <p className="mt-1 whitespace-pre-line text-sm">{i.note}</p>
                  </Card>
                ))}
              </ul>
            </Section>
          ) : null}
          {answered.length ? (
            <Section title="You answered">
              <ul className="space-y-3">
                {answered.map((i) => (
                  <Card key={i.id}>
                    <Summary i={i}>
                      {person(i.mentee)}, introduced by {person(i.mentor)}
                    </Summary>
                    {i.respondedAt ? (
                      <p className="text-sm text-slate-700">Answered {formatDate(i.respondedAt, tz)}</p>
                    ) : null}
                  </Card>
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
