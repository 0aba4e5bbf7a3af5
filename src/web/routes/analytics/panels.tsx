import type { ReactNode } from "react";
import { AMBER, SKY, VIOLET } from "../../components/charts.tsx";
import { Section } from "../../components/Page.tsx";
import {
  asNumber,
  asPercent,
  type Bucket,
  bucketLabel,
  FEWER_THAN,
  type Figure,
  figureText,
  type KindDetails,
  type Participation,
  type TrendPoint,
} from "../../lib/analytics.ts";
import { themeLabel } from "../../lib/coaching.ts";
import { BarsFigure, SatisfactionTrend, TrendChart } from "./charts.tsx";

export interface Tile {
  label: string;
  figure: Figure;
  hint: string;
  format?: (v: number) => string;
}

/** Key figures as a definition list; a withheld one reads "fewer than 5". */
export function Tiles({ label, tiles }: { label: string; tiles: Tile[] }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-lg border border-slate-300 bg-white p-3">
          <dt className="text-sm font-medium text-slate-700">{t.label}</dt>
          <dd>
            <span
              className={`block font-bold ${t.figure.suppressed ? "text-lg text-slate-700" : "text-2xl text-slate-900"}`}
            >
              {figureText(t.figure, t.format)}
            </span>
            <span className="block text-xs text-slate-700">{t.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Why some figures read "fewer than 5". */
export function SuppressionNote() {
  return (
    <aside
      aria-label="About withheld figures"
      className="mb-6 rounded-md border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950"
    >
      <p>
        <span className="font-semibold">Figures about {FEWER_THAN} people are withheld</span> and read "
        {FEWER_THAN}", so that no one can be recognized in them. A figure may also be withheld when, with the
        total, it would give a withheld one away. Everything here is counted from dates, statuses and scores,
        never from what people wrote in a journal, a meeting note or a coaching session.
      </p>
    </aside>
  );
}

const PARTICIPATION_HINTS: Record<string, Record<keyof Participation, string>> = {
  mentoring: {
    enrolled: "Mentees who enrolled.",
    waiting: "Enrolled, not matched yet.",
    active: "Matched, or meeting their mentor.",
    completed: "Finished their relationship.",
    dropped: "Withdrew, or ended early.",
  },
  coaching: {
    enrolled: "Coachees enrolled or assigned a coach.",
    waiting: "Enrolled, no engagement yet.",
    active: "Engagement being set up or under way.",
    completed: "Engagement completed.",
    dropped: "Withdrew, or engagement cancelled.",
  },
  training: {
    enrolled: "Trainees who enrolled.",
    waiting: "On a waitlist, or in no cohort yet.",
    active: "In a cohort, not completed yet.",
    completed: "Completed their cohort.",
    dropped: "Withdrew.",
  },
};

export function ParticipationTiles({ kind, participation }: { kind: string; participation: Participation }) {
  const hints = PARTICIPATION_HINTS[kind] ?? PARTICIPATION_HINTS.mentoring;
  const labels: Record<keyof Participation, string> = {
    enrolled: "Enrolled",
    waiting: "Waiting",
    active: "Active",
    completed: "Completed",
    dropped: "Dropped",
  };
  return (
    <Tiles
      label="Participation"
      tiles={(Object.keys(labels) as (keyof Participation)[]).map((k) => ({
        label: labels[k],
        figure: participation[k],
        hint: hints?.[k] ?? "",
      }))}
    />
  );
}

export function DistributionCharts({
  departments,
  seniority,
  who,
}: {
  departments: Bucket[];
  seniority: Bucket[];
  who: string;
}) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <BarsFigure
        title={`${who} by department`}
        rows={departments.map((b) => ({
          label:
            b.others === undefined
              ? bucketLabel(b.key, "department")
              : `${b.key ?? "Other departments"} (${b.others})`,
          figure: b.figure,
        }))}
        what="people"
        valueLabel="People"
        emptyText="No one to count yet."
      />
      <BarsFigure
        title={`${who} by seniority level`}
        rows={seniority.map((b) => ({ label: bucketLabel(b.key, "seniority"), figure: b.figure }))}
        what="people"
        valueLabel="People"
        color={SKY}
        emptyText="No one to count yet."
      />
    </div>
  );
}

const days = (v: number) => `${asNumber(v)} ${v === 1 ? "day" : "days"}`;

function MentoringPanel({
  d,
  trends,
}: {
  d: Extract<KindDetails, { kind: "mentoring" }>;
  trends: TrendPoint[];
}) {
  return (
    <div className="space-y-4">
      <Tiles
        label="Mentoring measures"
        tiles={[
          { label: "Mentors", figure: d.mentors, hint: "Enrolled as mentors." },
          { label: "Active relationships", figure: d.activeRelationships, hint: "Pairs meeting now." },
          {
            label: "Time to match (median)",
            figure: d.timeToMatchDays.median,
            format: days,
            hint: "From enrolling to the first match.",
          },
          {
            label: "Time to match (90th percentile)",
            figure: d.timeToMatchDays.p90,
            format: days,
            hint: "Nine in ten were matched within this.",
          },
          {
            label: "Meetings a month",
            figure: d.meetingsPerMonth,
            format: asNumber,
            hint: "Logged per active pair, last 90 days.",
          },
          {
            label: "Check-in satisfaction",
            figure: d.satisfaction.mean,
            format: (v) => `${asNumber(v)} of 5`,
            hint: "Mean check-in score, 1 to 5.",
          },
        ]}
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <SatisfactionTrend points={trends} />
        <BarsFigure
          title="Check-in scores"
          rows={d.satisfaction.scores.map((s) => ({ label: `Score ${s.score}`, figure: s.figure }))}
          what="people"
          valueLabel="Answers"
          color={VIOLET}
          emptyText="No check-ins yet."
        />
      </div>
    </div>
  );
}

function CoachingPanel({ d }: { d: Extract<KindDetails, { kind: "coaching" }> }) {
  return (
    <div className="space-y-4">
      <Tiles
        label="Coaching measures"
        tiles={[
          {
            label: "Objective progress",
            figure: d.objectiveProgress,
            format: asPercent,
            hint: "Mean way from baseline to target.",
          },
          {
            label: "Sessions held",
            figure: d.sessionsHeldPerEngagement,
            format: asNumber,
            hint: "Per engagement, on average.",
          },
          {
            label: "Session budget used",
            figure: d.budgetUse,
            format: asPercent,
            hint: "Sessions held of those budgeted.",
          },
        ]}
      />
      <BarsFigure
        title="Objective progress by theme"
        rows={d.progressByTheme.map((t) => ({ label: themeLabel(t.theme), figure: t.figure }))}
        what="coachees"
        valueLabel="Progress to target"
        format={asPercent}
        percent
        color={AMBER}
        emptyText="No objectives agreed yet."
      />
    </div>
  );
}

function TrainingPanel({ d }: { d: Extract<KindDetails, { kind: "training" }> }) {
  return (
    <div className="space-y-4">
      <Tiles
        label="Training measures"
        tiles={[
          {
            label: "Completion rate",
            figure: d.completionRate,
            format: asPercent,
            hint: "Completed, of those who took a seat.",
          },
          {
            label: "Certification rate",
            figure: d.certificationRate,
            format: asPercent,
            hint: "Certified, of those who took a seat.",
          },
          {
            label: "Attendance",
            figure: d.attendanceRate,
            format: asPercent,
            hint: "Present or late, excused left out.",
          },
        ]}
      />
      <BarsFigure
        title="Completion, certification and attendance"
        rows={[
          { label: "Completion", figure: d.completionRate },
          { label: "Certification", figure: d.certificationRate },
          { label: "Attendance", figure: d.attendanceRate },
        ]}
        what="trainees"
        valueLabel="Rate"
        format={asPercent}
        percent
        emptyText="No one has taken a seat yet."
      />
    </div>
  );
}

const STARTED: Record<string, string> = {
  mentoring: "Matched",
  coaching: "Engagements started",
  training: "Cohorts started",
};
const WHO: Record<string, string> = { mentoring: "Mentees", coaching: "Coachees", training: "Trainees" };

/** Everything for one kind of program (or one program): participation, its measures, trends, distribution. */
export function KindFigures({
  data,
  headingPrefix = "",
  empty,
}: {
  data: {
    participation: Participation;
    departments: Bucket[];
    seniority: Bucket[];
    trends: TrendPoint[];
    details: KindDetails;
  };
  headingPrefix?: string;
  /** Shown instead of the figures when no one takes part yet. */
  empty: ReactNode;
}) {
  const kind = data.details.kind;
  const p = data.participation;
  const nobody = !p.enrolled.suppressed && p.enrolled.n === 0;
  const title = (t: string) => `${headingPrefix}${t}`;
  return (
    <>
      <Section title={title("Participation")} id={`${kind}-participation`}>
        <ParticipationTiles kind={kind} participation={p} />
      </Section>
      {nobody ? (
        empty
      ) : (
        <>
          <Section
            title={title(`${kind[0]?.toUpperCase()}${kind.slice(1)} measures`)}
            id={`${kind}-measures`}
          >
            {data.details.kind === "mentoring" ? (
              <MentoringPanel d={data.details} trends={data.trends} />
            ) : data.details.kind === "coaching" ? (
              <CoachingPanel d={data.details} />
            ) : (
              <TrainingPanel d={data.details} />
            )}
          </Section>
          <Section title={title("Trends")} id={`${kind}-trends`}>
            <TrendChart points={data.trends} startedLabel={STARTED[kind] ?? "Started"} />
          </Section>
          <Section title={title("Who takes part")} id={`${kind}-distribution`}>
            <DistributionCharts
              departments={data.departments}
              seniority={data.seniority}
              who={WHO[kind] ?? "People"}
            />
          </Section>
        </>
      )}
    </>
  );
}
