import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import {
  type AdvisorOption,
  type AdvisorResponse,
  advisorKeys,
  MODE_EXPLAINED,
  modesText,
  modesTitle,
} from "../../lib/advisor.ts";
import { formatDate } from "../../lib/dates.ts";
import { useTakenBy } from "./AdvisorHistory.tsx";
import { AdvisorPrograms } from "./AdvisorPrograms.tsx";
import { FitChart } from "./FitChart.tsx";
import { FitMeter, OptionReasons, StrengthBadge } from "./OptionReasons.tsx";

function headline(response: AdvisorResponse, self: boolean): string {
  const top = response.options[0];
  const forWhom = self ? "" : ` for ${response.person.name}`;
  if (!top || top.strength === "not_indicated") return `No clear recommendation${forWhom}`;
  return `We recommend ${modesText(top.modes)}${forWhom}`;
}

function OtherOption({ option, rank }: { option: AdvisorOption; rank: number }) {
  const name = modesTitle(option.modes);
  return (
    <li className="space-y-2 rounded-lg border border-slate-300 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold text-slate-900">
          {rank}. {name}
        </h3>
        <StrengthBadge strength={option.strength} />
      </div>
      <FitMeter label={`Fit of ${name.toLowerCase()}`} pct={option.fitPct} />
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-emerald-800">
          Why and against<span className="sr-only"> {name.toLowerCase()}</span>
        </summary>
        <div className="mt-3">
          <OptionReasons option={option} level={4} />
        </div>
      </details>
    </li>
  );
}

function ModesExplained() {
  return (
    <Section title="What each mode is">
      <Card>
        <dl className="space-y-3">
          {(["mentoring", "coaching", "training"] as const).map((m) => (
            <div key={m}>
              <dt className="font-semibold text-slate-900">{modesTitle([m])}</dt>
              <dd className="text-sm text-slate-800">{MODE_EXPLAINED[m]}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </Section>
  );
}

function Result({ response }: { response: AdvisorResponse }) {
  const { person: me } = useSession();
  const takenBy = useTakenBy();
  const location = useLocation();
  const header = useRef<HTMLDivElement>(null);
  const fresh = (location.state as { fresh?: boolean } | null)?.fresh === true;
  const self = response.person.id === me.id;
  const title = headline(response, self);
  usePageTitle(title);
  useEffect(() => {
    if (!fresh) return;
    const id = window.setTimeout(() => header.current?.querySelector<HTMLElement>("h1")?.focus(), 80);
    return () => window.clearTimeout(id);
  }, [fresh]);

  const [top, ...others] = response.options;
  const date = formatDate(response.createdAt, me.timeZone);
  const indicated = top !== undefined && top.strength !== "not_indicated";
  return (
    <>
      <BackLink to="/advisor">Development advisor</BackLink>
      <div ref={header}>
        <PageHeader
          title={title}
          description={
            <>
              {self ? "" : `Advice for ${response.person.name}. `}
              {takenBy(response.takenBy)} on <time dateTime={response.createdAt}>{date}</time>.
              {response.course ? ` Course named: ${response.course.title}.` : ""}
            </>
          }
          actions={
            <ButtonLink to={self ? "/advisor" : `/advisor?for=${response.person.id}`} variant="secondary">
              Take the advisor again
            </ButtonLink>
          }
        />
      </div>
      {response.onBehalf && !self ? (
        <p className="mb-6 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
          {response.takenBy.id === me.id ? "You took this advice" : "This advice was taken"} on behalf of{" "}
          {response.person.name}. It is in their history, and only they can enrol in a program.
        </p>
      ) : null}

      {top ? (
        <Section title={indicated ? `Best fit: ${modesTitle(top.modes)}` : "How the answers add up"}>
          <Card className="space-y-5">
            <div className="flex flex-wrap items-center gap-3">
              <StrengthBadge strength={top.strength} />
              <span className="text-sm text-slate-700">
                Ranked first of {response.options.length} options
              </span>
            </div>
            <FitMeter label={`Fit of ${modesTitle(top.modes).toLowerCase()}`} pct={top.fitPct} />
            {!indicated ? (
              <p className="text-sm text-slate-800">
                The answers do not point clearly to mentoring, coaching or training. Talk the need through
                with your manager or a program manager, or take the advisor again.
              </p>
            ) : null}
            <OptionReasons option={top} level={3} />
          </Card>
        </Section>
      ) : null}

      {others.length > 0 ? (
        <Section title="The other options">
          <p className="mb-3 text-sm text-slate-700">
            Options are ranked by the weight of the reasons that apply. Fit puts them on one scale, where 100%
            is the strongest case the advisor can make for any single mode.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ol className="space-y-3">
              {others.map((o, i) => (
                <OtherOption key={o.modes.join("+")} option={o} rank={i + 2} />
              ))}
            </ol>
            <FitChart options={response.options} />
          </div>
        </Section>
      ) : null}

      <AdvisorPrograms response={response} />
      <ModesExplained />
    </>
  );
}

/** One piece of advice: the recommendation, its reasons with the criteria they quote, and programs. */
export function AdvisorResult({ id }: { id: string }) {
  const response = useQuery({
    queryKey: advisorKeys.response(id),
    queryFn: () => unwrap(api.GET("/api/advisor/responses/{id}", { params: { path: { id } } })),
  });
  if (response.isPending) return <Loading label="Loading the advice…" />;
  if (response.isError) {
    return (
      <>
        <BackLink to="/advisor">Development advisor</BackLink>
        <PageHeader title="Development advice" />
        <ErrorState error={response.error} onRetry={() => void response.refetch()} />
      </>
    );
  }
  return <Result response={response.data} />;
}
