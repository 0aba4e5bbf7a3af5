import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { Card, Section } from "../../components/Page.tsx";
import { formatDate, formatDateTime } from "../../lib/dates.ts";

type NextStep = Schemas["NextStep"];

const URGENCY: Record<NextStep["urgency"], { label: string; tone: "red" | "amber" | "blue" | "slate" }> = {
  overdue: { label: "Overdue", tone: "red" },
  today: { label: "Today", tone: "amber" },
  this_week: { label: "This week", tone: "blue" },
  later: { label: "Later", tone: "slate" },
};

const CATEGORY: Record<NextStep["category"], string> = {
  request: "Request",
  agreement: "To sign or agree",
  action: "Action",
  session: "Session",
  assessment: "Assessment",
  mandatory: "Mandatory training",
  review: "To review",
  offer: "Seat offered",
  advice: "Advice",
};

const MODE: Record<NonNullable<NextStep["mode"]>, string> = {
  mentoring: "Mentoring",
  coaching: "Coaching",
  training: "Training",
};

function DueText({ step }: { step: NextStep }) {
  const { person } = useSession();
  if (!step.dueAt) return null;
  const dated = step.dueAt.length === 10;
  const when = dated ? formatDate(step.dueAt, "UTC") : formatDateTime(step.dueAt, person.timeZone);
  return <span className="text-slate-700">{step.category === "session" ? when : `due ${when}`}</span>;
}

/** The home page's list of what to do next, most pressing first, with a nudge to the advisor for newcomers. */
export function NextStepsCard() {
  const steps = useQuery({
    queryKey: ["me", "next-steps"],
    queryFn: () => unwrap(api.GET("/api/me/next-steps")),
  });
  return (
    <Section title="What to do next">
      {steps.isPending ? (
        <Loading label="Loading what to do next…" />
      ) : steps.isError ? (
        <ErrorState error={steps.error} onRetry={() => void steps.refetch()} />
      ) : (
        <Card>
          {steps.data.suggestAdvisor ? (
            <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md border border-sky-300 bg-sky-50 p-3">
              <p className="text-sky-950">
                <strong>Not sure where to start?</strong> Answer eight questions and the development advisor
                tells you whether mentoring, coaching or training fits your need, and which programs are open
                to you.
              </p>
              <ButtonLink to="/advisor">Take the development advisor</ButtonLink>
            </div>
          ) : null}
          {steps.data.items.length === 0 && steps.data.more.length === 0 ? (
            <p className="text-sm text-slate-700">
              You are all caught up: no requests, agreements, actions, sessions or assessments need you this
              week.
            </p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label="Next steps, most pressing first">
              {steps.data.items.map((s) => (
                <li key={s.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm">
                  <Badge tone={URGENCY[s.urgency].tone}>{URGENCY[s.urgency].label}</Badge>
                  <span className="text-xs font-medium tracking-wide text-slate-700 uppercase">
                    {s.mode ? `${MODE[s.mode]} · ` : ""}
                    {CATEGORY[s.category]}
                  </span>
                  <Link to={s.href} className="font-medium">
                    {s.title}
                  </Link>
                  <DueText step={s} />
                  {s.detail ? <span className="basis-full text-slate-700">{s.detail}</span> : null}
                </li>
              ))}
            </ul>
          )}
          {steps.data.more.length > 0 ? (
            <ul
              className="mt-2 space-y-1 border-t border-slate-200 pt-2 text-sm"
              aria-label="More next steps"
            >
              {steps.data.more.map((m) => (
                <li key={m.id}>
                  {m.href ? (
                    <Link to={m.href} className="font-medium">
                      {m.title}
                    </Link>
                  ) : (
                    <span className="text-slate-700">{m.title}</span>
                  )}
                  <span className="text-slate-700">
                    {" "}
                    ({m.mode ? `${MODE[m.mode]} · ` : ""}
                    {CATEGORY[m.category]})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      )}
    </Section>
  );
}
