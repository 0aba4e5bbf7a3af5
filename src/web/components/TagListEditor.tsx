import { type KeyboardEvent, useId, useState } from "react";
import { type Facet, type FacetPage, useFacetSuggestions } from "./FacetSearch.tsx";
import { describedBy, FieldError, fieldIds, inputClass } from "./Field.tsx";

/** Edits a list of short strings (languages, interests): add with Enter or the button, remove each. */
export function TagListEditor({
  label,
  values,
  onChange,
  hint,
  error,
  placeholder,
  suggestions,
  suggestFrom,
  max = 30,
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  error?: string | undefined;
  placeholder?: string;
  suggestions?: string[];
  /** Suggest a directory facet's values instead: its most common, then those containing what is typed. */
  suggestFrom?: { facet: Facet; summary: FacetPage | undefined };
  max?: number;
}) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const facetSuggestions = useFacetSuggestions(suggestFrom?.facet, suggestFrom?.summary, draft);
  const shownSuggestions = suggestFrom ? facetSuggestions : suggestions;
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    if (values.some((v) => v.toLowerCase() === value.toLowerCase())) {
      setProblem(`"${value}" is already in the list.`);
      return;
    }
    if (values.length >= max) {
      setProblem(`You can list at most ${max}.`);
      return;
    }
    onChange([...values, value]);
    setDraft("");
    setProblem(undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };
  const shownError = problem ?? error;
  const { hintId, errorId } = fieldIds(id);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {values.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {values.map((v) => (
            <li
              key={v}
              className="inline-flex items-center gap-1 rounded-full bg-slate-200 py-1 pr-1 pl-3 text-sm text-slate-900"
            >
              {v}
              <button
                type="button"
                onClick={() => onChange(values.filter((x) => x !== v))}
                className="rounded-full px-2 text-slate-800 hover:bg-slate-300"
                aria-label={`Remove ${v}`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">None yet.</p>
      )}
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">
          Add to {label.toLowerCase()}
        </label>
        <input
          id={id}
          className={inputClass}
          value={draft}
          placeholder={placeholder}
          list={shownSuggestions?.length ? listId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy(id, hint, shownError)}
        />
        {shownSuggestions?.length ? (
          <datalist id={listId}>
            {shownSuggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
        <button
          type="button"
          onClick={add}
          className="shrink-0 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
        >
          Add<span className="sr-only"> to {label.toLowerCase()}</span>
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={shownError} />
    </fieldset>
  );
}
