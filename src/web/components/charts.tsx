import { type ReactElement, type ReactNode, useId } from "react";
import { ResponsiveContainer } from "recharts";
import { Card } from "./Page.tsx";

/** Chart colours: text and grid first, then the series colours. */
export const INK = "#1e293b";
export const MUTED = "#334155";
export const GRID = "#cbd5e1";
export const GREEN = "#047857";
export const AMBER = "#b45309";
export const RED = "#b91c1c";
export const VIOLET = "#6d28d9";
export const SKY = "#0369a1";
export const SLATE = "#64748b";

/** Ticks of a value axis (numbers), and of a category axis (the names of the bars). */
export const VALUE_TICK = { fill: MUTED, fontSize: 12 };
export const CATEGORY_TICK = { fill: INK, fontSize: 12 };
/** The band a bar chart's tooltip highlights under the pointer. */
export const BAR_CURSOR = { fill: "#f1f5f9" };
export const LEGEND_STYLE = { fontSize: 12, color: INK };

/**
 * A chart as one image with a name and a text summary, followed by a visually hidden table of the same
 * numbers for screen readers (the SVG itself is hidden from them). When `empty`, only the name and the
 * summary show (the summary says there is nothing to draw).
 */
export function ChartFigure({
  title,
  summary,
  height,
  table,
  empty = false,
  placeholder = null,
  className = "space-y-2",
  summaryClassName = "text-sm text-slate-700",
  imageLabel = `Chart: ${title}`,
  initialWidth = 480,
  children,
}: ChartFigureProps) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure aria-labelledby={titleId} className={className ?? undefined}>
      <figcaption>
        <h3 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        <p id={summaryId} className={summaryClassName}>
          {summary}
        </p>
      </figcaption>
      {empty ? (
        placeholder
      ) : (
        <>
          <div role="img" aria-label={imageLabel} aria-describedby={summaryId} style={{ height }}>
            <ResponsiveContainer
              width="100%"
              height="100%"
              initialDimension={{ width: initialWidth, height }}
            >
              {children}
            </ResponsiveContainer>
          </div>
          {table}
        </>
      )}
    </figure>
  );
}

interface ChartFigureProps {
  title: string;
  summary: string;
  height: number;
  table: ReactNode;
  empty?: boolean;
  /** Shown instead of the chart and the table when `empty`. */
  placeholder?: ReactNode;
  /** The figure's classes; null for none. */
  className?: string | null;
  summaryClassName?: string;
  /** The chart image's accessible name; "Chart: " and the title unless given. */
  imageLabel?: string;
  /** The width to draw at before the container has been measured. */
  initialWidth?: number;
  children: ReactElement;
}

/** A chart figure on a card of its own, the summary spaced from the chart. */
export function CardChartFigure(props: Omit<ChartFigureProps, "className" | "summaryClassName">) {
  return (
    <Card>
      <ChartFigure {...props} className={null} summaryClassName="mb-3 text-sm text-slate-700" />
    </Card>
  );
}

/** A visually hidden two-column table: a header row, then one row per label and its value. */
export function SrTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: [string, string][];
}) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: labels can repeat (two people of one name) and rows never reorder
            <tr key={i}>
              <th scope="row">{a}</th>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
