import { useEffect, useId, useRef, useState } from "react";
import {
  type Facet,
  type FacetPage,
  SearchCombobox,
  type SearchOption,
  useFacetSearch,
} from "./FacetSearch.tsx";
import { SelectField } from "./Field.tsx";

/**
 * A directory filter on one facet (department, location or language). When the summary holds every value,
 * a plain select; otherwise a combobox that asks the server for the values containing what is typed, the
 * most common first, with "Show more values" at the end of the list.
 */
export function FacetFilter({
  facet,
  label,
  noun,
  summary,
  value,
  onChange,
}: {
  facet: Facet;
  label: string;
  /** Plural, lower case: "departments". */
  noun: string;
  summary: FacetPage | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  if (!summary || summary.nextCursor === null) {
    const options = (summary?.items ?? []).map((v) => v.value);
    if (value && !options.includes(value)) options.unshift(value);
    return (
      <SelectField
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={`All ${noun}`}
        options={options}
      />
    );
  }
  return (
    <FacetCombobox
      facet={facet}
      label={label}
      noun={noun}
      total={summary.total}
      value={value}
      onChange={onChange}
    />
  );
}

function FacetCombobox({
  facet,
  label,
  noun,
  total,
  value,
  onChange,
}: {
  facet: Facet;
  label: string;
  noun: string;
  total: number;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(value);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!open) setText(value);
  }, [value, open]);
  const search = useFacetSearch(facet, text, open);
  // The options: "All …" to clear the filter, each value found, and "Show more values" when more match.
  const options: SearchOption[] = [
    { key: "", label: `All ${noun}`, pick: () => choose("") },
    ...search.items.map((v) => ({
      key: `v:${v.value}`,
      label: `${v.value} (${v.count.toLocaleString()})`,
      pick: () => choose(v.value),
    })),
    ...search.more,
  ];

  function choose(next: string) {
    setOpen(false);
    setText(next);
    if (next !== value) onChange(next);
    input.current?.focus();
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <SearchCombobox
        id={id}
        inputRef={input}
        listLabel={label}
        text={text}
        onTextChange={(next) => {
          setText(next);
          // What was typed picks the first value found; with nothing typed, "All …" comes first.
          setActive(next.trim() ? 1 : 0);
        }}
        open={open}
        onOpenChange={setOpen}
        options={options}
        active={active}
        onActiveChange={setActive}
        onEscape={() => setText(value)}
        onBlur={() => setText(value)}
        placeholder={`All ${noun}`}
        describedBy={hintId}
        status={search.status}
      />
      <p id={hintId} className="sr-only">
        {total.toLocaleString()} {noun}. Type to search them; use the arrow keys to choose.
      </p>
    </div>
  );
}
