import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
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
import { type AdvisorOption, modesTitle, OPTION_STRENGTH } from "../../lib/advisor.ts";

/** Every ranked option's fit as a horizontal bar, best first. */
export function FitChart({ options }: { options: AdvisorOption[] }) {
  const data = options.map((o) => ({ label: modesTitle(o.modes), fit: o.fitPct }));
  const best = options[0];
  const title = "Fit of each option";
  return (
    <CardChartFigure
      title={title}
      summary={
        best
          ? `${modesTitle(best.modes)} fits best at ${best.fitPct}%; ${options.length} options compared.`
          : "No option to compare."
      }
      height={Math.max(120, data.length * 36 + 40)}
      empty={data.length === 0}
      imageLabel={`Bar chart: ${title}`}
      table={
        <SrTable
          caption={title}
          head={["Option", "Fit"]}
          rows={options.map((o) => [
            modesTitle(o.modes),
            `${o.fitPct}% (${OPTION_STRENGTH[o.strength].label.toLowerCase()})`,
          ])}
        />
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 48 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={VALUE_TICK} />
        <YAxis type="category" dataKey="label" width={190} tick={CATEGORY_TICK} interval={0} />
        <Tooltip cursor={BAR_CURSOR} formatter={(v) => [`${String(v)}%`, "Fit"]} />
        <Bar dataKey="fit" name="Fit" fill={GREEN} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="fit" position="right" fill={INK} fontSize={12} formatter={(v) => `${v}%`} />
        </Bar>
      </BarChart>
    </CardChartFigure>
  );
}
