import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import {
  BAR_CURSOR,
  CATEGORY_TICK,
  CardChartFigure,
  GREEN,
  GRID,
  INK,
  SrTable,
  VALUE_TICK,
} from "../../components/charts.tsx";
import { FacetFilter } from "../../components/FacetFilter.tsx";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { themeLabel } from "../../lib/coaching.ts";
import { assignsCoaching, type Insights, pageKeys, pct } from "./assign/parts.tsx";

const RATES: {
  key: "averageProgressToTarget" | "completionRate" | "actionCompletionRate" | "attendanceRate";
  label: string;
  hint: string;
}[] = [
  {
    key: "averageProgressToTarget",
    label: "Progress to target",
    hint: "How far the objectives' metrics moved from baseline to target, on average.",
  },
  {
    key: "completionRate",
    label: "Completion",
    hint: "Closed engagements that were completed rather than cancelled.",
  },
  {
    key: "actionCompletionRate",
    label: "Actions done",
    hint: "Reviewed actions done between sessions (partly done counts half).",
  },
  {
    key: "attendanceRate",
    label: "Attendance",
    hint: "Sessions held out of those held or missed.",
  },
];

function ThemeChart({ themes }: { themes: Insights["themes"] }) {
  const data = themes.map((t) => ({ label: themeLabel(t.theme), count: t.count }));
  const top = data[0];
  const height = Math.max(120, data.length * 36 + 40);
  const summary = top
    ? `${data.length} ${data.length === 1 ? "theme" : "themes"} across the engagements' objectives. The most common is ${top.label}, in ${top.count} ${top.count === 1 ? "engagement" : "engagements"}.`
    : "No objectives have a theme yet.";
  return (
    <CardChartFigure
      title="Themes of the objectives"
      summary={`${summary} An engagement counts once per theme.`}
      height={height}
      empty={data.length === 0}
      imageLabel="Bar chart: engagements per objective theme"
      table={
        <SrTable
          caption="Engagements per objective theme"
          head={["Theme", "Engagements"]}
          rows={data.map((d) => [d.label, String(d.count)])}
        />
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={170} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [String(v), "Engagements"]} />
        <Bar dataKey="count" name="Engagements" fill={GREEN} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="count" position="right" fill={INK} fontSize={12} />
        </Bar>
      </BarChart>
    </CardChartFigure>
  );
}

function Figures({ data }: { data: Insights }) {
  const count = `${data.engagements} ${data.engagements === 1 ? "engagement" : "engagements"} with agreed objectives`;
  if (data.suppressed) {
    return (
      <div className="space-y-4">
        <p>
          <span className="text-3xl font-bold text-slate-900">{data.engagements}</span>{" "}
          <span className="text-slate-700">
            {data.engagements === 1 ? "engagement" : "engagements"} with agreed objectives
          </span>
        </p>
        <div className="rounded-md border border-sky-300 bg-sky-50 p-4 text-sky-950">
          <p className="font-semibold">Figures appear from {data.minGroupSize} engagements</p>
          <p className="mt-1 text-sm">
            To protect each coachee's privacy, progress, completion, actions, attendance and themes are shown
            only for a group of at least {data.minGroupSize} engagements with agreed objectives, so that no
            figure can be traced back to one person. This selection has {data.engagements}. Widen the filters,
            or come back when more engagements are under way.
          </p>
          {data.engagements === 0 ? (
            <p className="mt-2 text-sm">
              An engagement counts once the coachee, the coach and the sponsor have agreed its objectives.
              Assign coaching from a <Link to="/programs?kind=coaching">coaching program</Link>'s page.
            </p>
          ) : null}
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">Across {count}.</p>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {RATES.map((r) => {
          const value = data[r.key];
          return (
            <div key={r.key} className="rounded-lg border border-slate-300 bg-white p-4">
              <dt className="font-semibold text-slate-900">{r.label}</dt>
              <dd className="text-3xl font-bold text-emerald-900">
                {value === null ? <span className="text-slate-700">—</span> : `${pct(value)}%`}
              </dd>
              <dd className="text-sm text-slate-700">
                {value === null ? "Not enough data yet. " : ""}
                {r.hint}
              </dd>
            </div>
          );
        })}
      </dl>
      <ThemeChart themes={data.themes} />
    </div>
  );
}

/** Coaching across engagements for sponsors and program staff: rates and themes, never one coachee's data. */
export default function InsightsPage() {
  usePageTitle("Coaching insights");
  const { person } = useSession();
  const allowed = assignsCoaching(person.orgRole);
  const [params, setParams] = useSearchParams();
  const programId = params.get("programId") ?? "";
  const department = params.get("department") ?? "";
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const programs = useQuery({
    queryKey: ["programs", { kind: "coaching" }],
    queryFn: () => unwrap(api.GET("/api/programs", { params: { query: { kind: "coaching", limit: 200 } } })),
    enabled: allowed,
  });
  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
    enabled: allowed,
  });
  const insights = useQuery({
    queryKey: pageKeys.insights(programId, department),
    queryFn: () =>
      unwrap(
        api.GET("/api/coaching/insights", {
          params: {
            query: { ...(programId ? { programId } : {}), ...(department ? { department } : {}) },
          },
        }),
      ),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title="Coaching insights" />
        <p role="alert">
          Coaching insights are for sponsors, program managers and org admins. Your own coaching is under{" "}
          <Link to="/coaching">My coaching</Link>.
        </p>
      </>
    );
  }
  const programName = programs.data?.items.find((p) => p.id === programId)?.name;
  const scope = [programName ?? (programId ? "the chosen program" : "all coaching programs"), department]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <PageHeader
        title="Coaching insights"
        description="How coaching is going across engagements: progress on objectives, completion, actions and attendance, and the themes people work on. Never one person's data or what is said in a session."
      />
      <form
        aria-label="Filter the insights"
        className="mb-6 grid gap-4 sm:grid-cols-2 lg:max-w-3xl"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="Program"
          value={programId}
          onChange={(e) => setFilter("programId", e.target.value)}
          placeholder="All coaching programs"
          options={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          hint={programs.isError ? "The programs could not be loaded." : undefined}
        />
        <FacetFilter
          facet="department"
          label="Coachee's department"
          noun="departments"
          summary={facets.data?.departments}
          value={department}
          onChange={(value) => setFilter("department", value)}
        />
      </form>
      <Section title={`Figures for ${scope}`} id="insights-figures">
        <div aria-live="polite" aria-busy={insights.isFetching}>
          {insights.isPending ? (
            <Loading label="Loading the insights…" />
          ) : insights.isError ? (
            <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
          ) : (
            <Figures data={insights.data} />
          )}
        </div>
      </Section>
    </>
  );
}
