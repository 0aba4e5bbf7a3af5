import { useId, useRef, useState } from "react";
import { type Facet, SearchCombobox, type SearchOption, useFacetSearch } from "./FacetSearch.tsx";
import { describedBy, FieldError, fieldIds } from "./Field.tsx";

const sameText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;

/**
 * Picks several values of one facet (departments, say) among all of them, however many there are: a
 * search box asks the server for the values containing what is typed (the most common first, with
 * "Show more values"), Enter or a click adds the active value to the chosen ones or takes it away again,
 * and each chosen value is listed with a Remove button. With `allowNew`, a value nobody has yet can be
 * added as typed.
 */
export function FacetPicker({
  facet,
  label,
  noun,
  values,
  onChange,
  max = 50,
  allowNew,
  hint,
  error,
  none = "None chosen yet.",
}: {
  facet: Facet;
  /** The group's name: "Departments". */
  label: string;
  /** Plural, lower case: "departments". */
  noun: string;
  values: string[];
  onChange: (values: string[]) => void;
  max?: number;
  /** Offer to add what was typed when no value matches it exactly (a department nobody is in yet). */
  allowNew?: boolean;
  hint?: string;
  error?: string | undefined;
  /** Shown while nothing is chosen. */
  none?: string;
}) {
  const id = useId();
  const { hintId, errorId } = fieldIds(id);
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const search = useFacetSearch(facet, text, open);
  const typed = text.trim();

  function add(value: string) {
    if (values.length >= max) {
      setProblem(`You can choose at most ${max} ${noun}.`);
      return;
    }
    onChange([...values, value]);
    setProblem(undefined);
    setAnnouncement(`Added ${value}. ${values.length + 1} chosen.`);
  }
  function remove(value: string) {
    onChange(values.filter((v) => v !== value));
    setProblem(undefined);
    setAnnouncement(`Removed ${value}. ${values.length - 1} chosen.`);
  }

  const options: SearchOption[] = search.items.map((v) => {
    const chosen = values.includes(v.value);
    return {
      key: `v:${v.value}`,
      label: `${v.value} (${v.count.toLocaleString()})`,
      chosen,
      pick: () => (chosen ? remove(v.value) : add(v.value)),
    };
  });
  if (
    allowNew &&
    typed &&
    search.settled &&
    !search.items.some((v) => sameText(v.value, typed)) &&
    !values.some((v) => sameText(v, typed))
  ) {
    options.push({
      key: "new",
      label: `Add “${typed}” (nobody has it yet)`,
      action: true,
      pick: () => {
        add(typed);
        setText("");
        setActive(0);
      },
    });
  }
  options.push(...search.more);

  const shownError = problem ?? error;
  const hintText = `${hint ? `${hint} ` : ""}Type to search the ${noun}; use the arrow keys, and Enter to add or remove one.`;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {values.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={`Chosen ${noun}`}>
          {values.map((v) => (
            <li
              key={v}
              className="inline-flex items-center gap-1 rounded-full bg-slate-200 py-1 pr-1 pl-3 text-sm text-slate-900"
            >
              {v}
              <button
                type="button"
                onClick={() => {
                  remove(v);
                  // The button goes away with the value: keep the focus in the picker.
                  input.current?.focus();
                }}
                className="rounded-full px-2 text-slate-800 hover:bg-slate-300"
                aria-label={`Remove ${v}`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{none}</p>
      )}
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Search {noun}
      </label>
      <SearchCombobox
        id={id}
        inputRef={input}
        listLabel={label}
        text={text}
        onTextChange={(next) => {
          setText(next);
          setActive(0);
        }}
        open={open}
        onOpenChange={(next) => {
          if (next && !open) setActive(0);
          setOpen(next);
        }}
        options={options}
        active={active}
        onActiveChange={setActive}
        placeholder="Type part of a name"
        describedBy={describedBy(id, hintText, shownError)}
        invalid={Boolean(shownError)}
        status={search.status}
        multiselectable
      />
      <p id={hintId} className="text-sm text-slate-600">
        {hintText}
      </p>
      <FieldError id={errorId} error={shownError} />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </fieldset>
  );
}
