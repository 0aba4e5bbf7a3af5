import { useId } from "react";
import type { FieldErrors, Schemas } from "../../api/client.ts";
import { inputClass } from "../../components/Field.tsx";
import { SKILL_LEVELS } from "../../lib/labels.ts";

type Skill = Schemas["Skill"];

/**
 * Rows of skill name + level (1–5), with add and remove. Errors come keyed as `<path>.<i>.name`
 * (`skills.0.name` by default).
 */
export function SkillsEditor({
  skills,
  onChange,
  errors,
  legend = "Skills",
  hint = "Level 1 means you are learning it; level 5 means you could teach it.",
  emptyText = "No skills yet. Add the ones you use or want to share.",
  path = "skills",
  max = 50,
}: {
  skills: Skill[];
  onChange: (skills: Skill[]) => void;
  errors: FieldErrors;
  legend?: string;
  hint?: string;
  emptyText?: string;
  path?: string;
  max?: number;
}) {
  const base = useId();
  const listError = errors[path];
  const set = (i: number, patch: Partial<Skill>) =>
    onChange(skills.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="space-y-3" aria-describedby={`${base}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={`${base}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {skills.length === 0 ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
      <ul className="space-y-2">
        {skills.map((s, i) => {
          const nameId = `${base}-name-${i}`;
          const levelId = `${base}-level-${i}`;
          const nameError = errors[`${path}.${i}.name`];
          const levelError = errors[`${path}.${i}.level`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
            <li key={i} className="flex flex-wrap items-start gap-2">
              <div className="min-w-48 flex-1">
                <label htmlFor={nameId} className="sr-only">
                  Skill {i + 1} name
                </label>
                <input
                  id={nameId}
                  className={inputClass}
                  value={s.name}
                  placeholder="e.g. Public speaking"
                  onChange={(e) => set(i, { name: e.target.value })}
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={nameError ? `${nameId}-error` : undefined}
                />
                {nameError ? (
                  <p id={`${nameId}-error`} className="text-sm font-medium text-red-700">
                    {nameError}
                  </p>
                ) : null}
              </div>
              <div className="w-56">
                <label htmlFor={levelId} className="sr-only">
                  Skill {i + 1} level
                </label>
                <select
                  id={levelId}
                  className={inputClass}
                  value={s.level}
                  onChange={(e) => set(i, { level: Number(e.target.value) })}
                  aria-invalid={levelError ? true : undefined}
                >
                  {[1, 2, 3, 4, 5].map((l) => (
                    <option key={l} value={l}>
                      Level {SKILL_LEVELS[l]}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="rounded-md border border-slate-400 px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
                onClick={() => onChange(skills.filter((_, j) => j !== i))}
              >
                Remove<span className="sr-only"> skill {s.name || i + 1}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
        onClick={() => onChange([...skills, { name: "", level: 3 }])}
        disabled={skills.length >= max}
      >
        Add a skill
      </button>
      {listError ? <p className="text-sm font-medium text-red-700">{listError}</p> : null}
    </fieldset>
  );
}
