import { Badge } from "../../components/Feedback.tsx";
import {
  type AdvisorCriterion,
  type AdvisorOption,
  type AdvisorReason,
  citation,
  modesTitle,
  OPTION_STRENGTH,
  REASON_STRENGTH,
} from "../../lib/advisor.ts";

/** How well an option fits, as a meter with its percentage written next to it. */
export function FitMeter({ label, pct }: { label: string; pct: number }) {
  const value = Math.max(0, Math.min(100, Math.round(pct)));
  return (
    <div className="flex items-center gap-3">
      {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; a native <meter> cannot be styled the same way in every browser */}
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}% fit`}
        className="h-3 max-w-md flex-1 overflow-hidden rounded-full bg-slate-200 ring-1 ring-slate-500 ring-inset"
      >
        <div className="h-full rounded-full bg-emerald-700" style={{ width: `${value}%` }} />
      </div>
      <span aria-hidden="true" className="w-16 shrink-0 text-sm font-medium text-slate-900">
        {value}% fit
      </span>
    </div>
  );
}

export function StrengthBadge({ strength }: { strength: AdvisorOption["strength"] }) {
  const s = OPTION_STRENGTH[strength];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** A criterion quoted from a seed article, with where it comes from. */
export function CriterionQuote({ criterion }: { criterion: AdvisorCriterion }) {
  return (
    <figure className="mt-2 border-l-4 border-slate-400 pl-3">
      <blockquote className="text-sm text-slate-800 italic">
        <p>{criterion.quote}</p>
      </blockquote>
      <figcaption className="mt-1 text-xs text-slate-700">
        — <cite className="not-italic">{citation(criterion)}</cite>
      </figcaption>
    </figure>
  );
}

function ReasonList({ reasons, showMode }: { reasons: AdvisorReason[]; showMode: boolean }) {
  return (
    <ul className="space-y-3">
      {reasons.map((r) => {
        const s = REASON_STRENGTH[r.strength];
        return (
          <li key={r.ruleId} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <p className="text-sm text-slate-900">
              <Badge tone={s.tone}>{s.label}</Badge>{" "}
              {showMode ? <span className="font-medium">{modesTitle([r.mode])}: </span> : null}
              {r.text}
            </p>
            <CriterionQuote criterion={r.criterion} />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Why an option is recommended, what speaks against it and, for a combination, why the modes go together.
 * `level` is the heading level of the parts ("Why", "Against").
 */
export function OptionReasons({ option, level }: { option: AdvisorOption; level: 2 | 3 | 4 }) {
  const H = `h${level}` as "h2" | "h3" | "h4";
  const headingClass = level === 2 ? "text-lg font-semibold text-slate-900" : "font-semibold text-slate-900";
  const combined = option.modes.length > 1;
  const name = modesTitle(option.modes).toLowerCase();
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <H className={headingClass}>Why {name}</H>
        {option.reasons.length > 0 ? (
          <ReasonList reasons={option.reasons} showMode={combined} />
        ) : (
          <p className="text-sm text-slate-700">None of the answers points to {name}.</p>
        )}
      </div>
      {combined && option.complement.length > 0 ? (
        <div className="space-y-2">
          <H className={headingClass}>Why together</H>
          {option.complement.map((c) => (
            <CriterionQuote key={c.id} criterion={c} />
          ))}
        </div>
      ) : null}
      <div className="space-y-2">
        <H className={headingClass}>Against {name}</H>
        {option.against.length > 0 ? (
          <ReasonList reasons={option.against} showMode={combined} />
        ) : (
          <p className="text-sm text-slate-700">Nothing in the answers speaks against it.</p>
        )}
      </div>
    </div>
  );
}
