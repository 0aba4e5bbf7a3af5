import { useEffect, useId, useState } from "react";
import type { FieldErrors } from "../../../api/client.ts";
import { TextField } from "../../../components/Field.tsx";
import {
  addLevel,
  type CriterionDraft,
  MAX_CRITERIA,
  MAX_LEVELS,
  MIN_LEVELS,
  newCriterion,
  rubricMaxPoints,
} from "./assessmentDraft.ts";
import { ListItemActions, plural, smallButton, smallDangerButton } from "./shared.tsx";

/**
 * Builds a practical evaluation's rubric: criteria, each with two to eight levels worth some points. The
 * trainer picks one level per criterion; the score is the points chosen out of each criterion's best.
 */
export function RubricBuilder({
  criteria,
  onChange,
  errors,
}: {
  criteria: CriterionDraft[];
  onChange: (criteria: CriterionDraft[]) => void;
  errors: FieldErrors;
}) {
  const base = useId();
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const update = (i: number, c: CriterionDraft) => onChange(criteria.map((x, j) => (j === i ? c : x)));
  const max = rubricMaxPoints(
    criteria.map((c) => ({ levels: c.levels.map((l) => ({ points: Number(l.points) || 0 })) })),
  );

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" aria-live="polite">
        {criteria.length === 0
          ? "No criteria yet. Add the first one below."
          : `${plural(criteria.length, "criterion", "criteria")}, at most ${plural(max, "point")} in all (the best level of each).`}
      </p>
      <ol className="space-y-4">
        {criteria.map((c, i) => {
          const n = i + 1;
          const at = `rubric.${i}`;
          return (
            <li key={c.id}>
              <fieldset className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4">
                <legend className="px-1 text-sm font-semibold text-slate-900">Criterion {n}</legend>
                <TextField
                  id={`${base}-${c.id}-title`}
                  label={`Criterion ${n} title`}
                  required
                  maxLength={200}
                  placeholder="e.g. Opens the conversation with a clear purpose"
                  value={c.title}
                  onChange={(e) => update(i, { ...c, title: e.target.value })}
                  error={errors[`${at}.title`]}
                />
                <fieldset className="space-y-2">
                  <legend className="text-sm font-medium text-slate-800">Criterion {n} levels</legend>
                  <p className="text-sm text-slate-600">
                    From the weakest to the strongest. The trainer picks one for each trainee.
                  </p>
                  <ol className="space-y-2">
                    {c.levels.map((l, j) => {
                      const m = j + 1;
                      const setLevel = (patch: Partial<typeof l>) =>
                        update(i, {
                          ...c,
                          levels: c.levels.map((x) => (x.id === l.id ? { ...x, ...patch } : x)),
                        });
                      return (
                        <li key={l.id} className="flex flex-wrap items-start gap-2">
                          <TextField
                            id={`${base}-${c.id}-${l.id}-label`}
                            className="min-w-48 flex-1 space-y-1"
                            label={
                              <>
                                <span className="sr-only">Criterion {n} </span>Level {m}
                                <span className="sr-only"> label</span>
                              </>
                            }
                            maxLength={120}
                            value={l.label}
                            onChange={(e) => setLevel({ label: e.target.value })}
                            error={errors[`${at}.levels.${j}.label`]}
                          />
                          <TextField
                            className="w-32 space-y-1"
                            label={
                              <>
                                <span className="sr-only">
                                  Criterion {n} level {m}{" "}
                                </span>
                                Points
                              </>
                            }
                            type="number"
                            inputMode="numeric"
                            min={0}
                            max={100}
                            value={l.points}
                            onChange={(e) => setLevel({ points: e.target.value })}
                            error={errors[`${at}.levels.${j}.points`]}
                          />
                          <button
                            type="button"
                            className={`${smallDangerButton} sm:mt-7`}
                            disabled={c.levels.length <= MIN_LEVELS}
                            onClick={() => update(i, { ...c, levels: c.levels.filter((x) => x.id !== l.id) })}
                          >
                            Remove
                            <span className="sr-only">
                              {" "}
                              level {m} of criterion {n}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ol>
                  {errors[`${at}.levels`] ? (
                    <p className="text-sm font-medium text-red-700">{errors[`${at}.levels`]}</p>
                  ) : null}
                  <button
                    type="button"
                    className={smallButton}
                    disabled={c.levels.length >= MAX_LEVELS}
                    onClick={() => {
                      const next = addLevel(c);
                      update(i, next);
                      const added = next.levels.at(-1);
                      if (added) setFocusId(`${base}-${c.id}-${added.id}-label`);
                    }}
                  >
                    Add a level<span className="sr-only"> to criterion {n}</span>
                  </button>
                </fieldset>
                <ListItemActions name={`criterion ${n}`} items={criteria} index={i} onChange={onChange} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      {errors.rubric ? <p className="text-sm font-medium text-red-700">{errors.rubric}</p> : null}
      <button
        type="button"
        className={smallButton}
        disabled={criteria.length >= MAX_CRITERIA}
        onClick={() => {
          const added = newCriterion(criteria);
          onChange([...criteria, added]);
          setFocusId(`${base}-${added.id}-title`);
        }}
      >
        Add a criterion
      </button>
    </div>
  );
}
