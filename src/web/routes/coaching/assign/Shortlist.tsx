import { useId } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/Feedback.tsx";
import { COACH_KIND_LABELS } from "../../../lib/coaching.ts";
import { CriteriaList, ExclusionList } from "../../mentoring/parts.tsx";
import { Meter, pct, type ShortlistItem } from "./parts.tsx";

export type AssignMode = "direct" | "chemistry";

/** Why a coach on the shortlist cannot be chosen, or null when they can. */
export function unavailableReason(item: ShortlistItem): string | null {
  if (item.excluded.length) return "Not available for this coachee.";
  if (item.full) return `Full: already coaching ${item.coach.openEngagements} of ${item.coach.capacity}.`;
  return null;
}

function ShortlistCard({
  item,
  rank,
  mode,
  groupName,
  checked,
  disabledReason,
  onToggle,
}: {
  item: ShortlistItem;
  rank: number;
  mode: AssignMode;
  groupName: string;
  checked: boolean;
  disabledReason: string | null;
  onToggle: (on: boolean) => void;
}) {
  const id = useId();
  const { coach } = item;
  const excluded = item.excluded.length > 0;
  const blocked = unavailableReason(item);
  const facts = [coach.title, coach.department].filter(Boolean).join(" · ");
  const choice = mode === "direct" ? `Assign ${coach.person.name}` : `Propose ${coach.person.name}`;
  return (
    <li>
      <article
        aria-labelledby={`${id}-name`}
        className={`rounded-lg border p-4 ${
          blocked
            ? "border-dashed border-slate-400 bg-slate-100 text-slate-700"
            : checked
              ? "border-emerald-800 bg-emerald-50 ring-2 ring-emerald-800"
              : "border-slate-300 bg-white shadow-sm"
        }`}
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h4 id={`${id}-name`} className="text-base font-semibold text-slate-900">
              <span className="sr-only">Number {rank}: </span>
              <Link to={`/people/${coach.person.id}`}>{coach.person.name}</Link>
            </h4>
            {facts ? <p className="text-sm">{facts}</p> : null}
            <p className="mt-1 flex flex-wrap gap-1.5">
              <Badge tone={coach.kind === "internal" ? "blue" : "violet"}>
                {COACH_KIND_LABELS[coach.kind]}
              </Badge>
              {item.full ? <Badge tone="red">Full</Badge> : null}
              {excluded ? <Badge tone="slate">Excluded</Badge> : null}
            </p>
          </div>
          <div className="w-48">
            <Meter
              label="Match score"
              value={pct(item.score)}
              max={100}
              valueText={`${pct(item.score)}%`}
              tone={blocked ? "slate" : "green"}
            />
          </div>
        </div>
        <p className="mt-2 text-sm">
          <span className="font-medium">Coaches on: </span>
          {coach.specialties.length ? coach.specialties.join(", ") : "no specialties listed"}
          <span className="font-medium"> · in </span>
          {coach.languages.join(", ")}
          <span className="font-medium"> · load </span>
          {coach.openEngagements} of {coach.capacity}
        </p>
        {excluded ? (
          <div className="mt-3">
            <h5 className="text-sm font-semibold text-slate-900">Why this coach is excluded</h5>
            <ExclusionList exclusions={item.excluded} className="list-disc pl-5 text-sm" />
          </div>
        ) : null}
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-semibold text-emerald-900">
            Why this score<span className="sr-only"> for {coach.person.name}</span>
          </summary>
          <CriteriaList criteria={item.criteria} className="mt-2 grid gap-3 md:grid-cols-2" />
        </details>
        <div className="mt-3 border-t border-slate-200 pt-3">
          {blocked ? (
            <p className="text-sm font-medium">{blocked}</p>
          ) : (
            <label className="inline-flex items-center gap-2 text-sm font-semibold text-slate-900">
              <input
                type={mode === "direct" ? "radio" : "checkbox"}
                name={mode === "direct" ? groupName : undefined}
                checked={checked}
                disabled={disabledReason !== null && !checked}
                onChange={(e) => onToggle(e.target.checked)}
                className="h-4 w-4"
              />
              {choice}
              {disabledReason && !checked ? (
                <span className="font-normal text-slate-700"> ({disabledReason})</span>
              ) : null}
            </label>
          )}
        </div>
      </article>
    </li>
  );
}

/**
 * The ranked shortlist: a score bar and the criteria behind it for each coach, excluded and full coaches
 * greyed out with the reason, and a radio (assign one) or checkboxes (propose 2–3) to choose.
 */
export function ShortlistView({
  items,
  coacheeName,
  mode,
  chosen,
  onChange,
  max,
}: {
  items: ShortlistItem[];
  coacheeName: string;
  mode: AssignMode;
  chosen: string[];
  onChange: (ids: string[]) => void;
  max: number;
}) {
  const groupName = useId();
  const atMax = mode === "chemistry" && chosen.length >= max;
  return (
    <ol aria-label={`Coaches ranked for ${coacheeName}`} className="space-y-3">
      {items.map((item, i) => {
        const coachId = item.coach.person.id;
        return (
          <ShortlistCard
            key={coachId}
            item={item}
            rank={i + 1}
            mode={mode}
            groupName={groupName}
            checked={chosen.includes(coachId)}
            disabledReason={atMax ? `${max} already chosen` : null}
            onToggle={(on) => {
              if (mode === "direct") onChange(on ? [coachId] : []);
              else onChange(on ? [...chosen, coachId] : chosen.filter((c) => c !== coachId));
            }}
          />
        );
      })}
    </ol>
  );
}
