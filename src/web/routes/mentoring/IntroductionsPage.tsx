import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import {
  INTRODUCTION_STATUS,
  type Introduction,
  LIST_PAGE_SIZE,
  liveQuery,
  mentoringKeys,
} from "../../lib/mentoring.ts";
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

/** The introductions where the signed-in person plays one part, optionally pending or answered only. */
function useIntroductions(role: "mentor" | "mentee" | "contact", status?: "pending" | "answered") {
  return useCursorList({
    queryKey: mentoringKeys.introductionList({ role, status }),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/introductions", {
          params: { query: { role, ...(status ? { status } : {}), cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
}

type IntroductionList = ReturnType<typeof useIntroductions>;

function Cards({ list, render }: { list: IntroductionList; render: (i: Introduction) => ReactNode }) {
  return (
    <>
      <ul className="space-y-3">
        {list.items.map((i) => (
          <Card key={i.id}>{render(i)}</Card>
        ))}
      </ul>
      <LoadMore
        shown={list.items.length}
        noun={list.items.length === 1 ? "introduction" : "introductions"}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}

export default function IntroductionsPage() {
  usePageTitle("Introductions");
  const { person: me } = useSession();
  const waiting = useIntroductions("contact", "pending");
  const answered = useIntroductions("contact", "answered");
  const forMe = useIntroductions("mentee");
  const byMe = useIntroductions("mentor");
  const lists = [waiting, answered, forMe, byMe];
  const failed = lists.find((l) => l.isError);
  const tz = me.timeZone;
  return (
    <>
      <PageHeader
        title="Introductions"
        description="Mentors introduce their mentees to people who can help. Accept to connect."
      />
      <MentoringNav />
      {lists.some((l) => l.isPending) ? (
        <Loading label="Loading introductions…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <>
          <Section title="Waiting for your answer">
            {waiting.items.length === 0 ? (
              <EmptyState title="Nothing to answer">
                <p>
                  When a mentor would like to introduce their mentee to you, you can accept or decline here.
                </p>
              </EmptyState>
            ) : (
              <Cards
                list={waiting}
                render={(i) => (
                  <>
                    <p className="font-semibold">
                      {person(i.mentor)} would like to introduce you to {person(i.mentee)}
                    </p>
                    <p className="text-sm text-slate-700">Sent {formatDate(i.createdAt, tz)}</p>
                    <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 whitespace-pre-line">
                      {i.note}
                    </blockquote>
                    <Answer i={i} />
                  </>
                )}
              />
            )}
          </Section>
          {forMe.items.length ? (
            <Section title="Introductions made for you">
              <Cards
                list={forMe}
                render={(i) => (
                  <>
                    <Summary i={i}>
                      {person(i.mentor)} introduced you to {person(i.contact)}
                    </Summary>
                    <p className="mt-1 whitespace-pre-line text-sm">{i.note}</p>
                  </>
                )}
              />
            </Section>
          ) : null}
          {byMe.items.length ? (
            <Section title="Introductions you made">
              <Cards
                list={byMe}
                render={(i) => (
                  <>
                    <Summary i={i}>
                      {person(i.mentee)} → {person(i.contact)}
                    </Summary>
                    <p className="mt-1 whitespace-pre-line text-sm">{i.note}</p>
                  </>
                )}
              />
            </Section>
          ) : null}
          {answered.items.length ? (
            <Section title="You answered">
              <Cards
                list={answered}
                render={(i) => (
                  <>
                    <Summary i={i}>
                      {person(i.mentee)}, introduced by {person(i.mentor)}
                    </Summary>
                    {i.respondedAt ? (
                      <p className="text-sm text-slate-700">Answered {formatDate(i.respondedAt, tz)}</p>
                    ) : null}
                  </>
                )}
              />
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
