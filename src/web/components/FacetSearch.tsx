import { type KeyboardEvent, type RefObject, useEffect, useState } from "react";
import { api, type Schemas, unwrap } from "../api/client.ts";
import { useCursorList } from "../api/paging.ts";
import { inputClass } from "./Field.tsx";

export type Facet = Schemas["PeopleFacet"];
export type FacetPage = Schemas["PeopleFacetPage"];

const SEARCH_PAGE_SIZE = 10;

/** What was typed, once the typing pauses, so that each key press does not ask the server. */
export function useDebounced(value: string, ms = 200) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** One option of a search box's list. */
export interface SearchOption {
  key: string;
  label: string;
  pick: () => void;
  /** In a list that holds several choices: whether this value is chosen. */
  chosen?: boolean;
  /** An action rather than a value ("Show more values", "Add …"): shown in bold. */
  action?: boolean;
}

/**
 * The values of one facet (department, location or language) containing what was typed, asked of the
 * server once the typing pauses, the most common first; `more` is the "Show more values" option while
 * more match, `status` what a screen reader hears about the search. Asks nothing while `enabled` is false.
 */
export function useFacetSearch(facet: Facet, text: string, enabled: boolean) {
  const q = useDebounced(enabled ? text.trim() : "");
  const search = useCursorList({
    queryKey: ["people-facets", facet, q],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/people/facets/{facet}", {
          params: { path: { facet }, query: { q: q || undefined, cursor, limit: SEARCH_PAGE_SIZE } },
        }),
      ),
    enabled,
  });
  const found = search.first?.total ?? 0;
  const more: SearchOption[] = search.hasNextPage
    ? [
        {
          key: "more",
          label: search.isFetchingNextPage ? "Loading…" : "Show more values",
          pick: () => void search.fetchNextPage(),
          action: true,
        },
      ]
    : [];
  const status = !enabled
    ? ""
    : search.isError
      ? "The search failed. Try again."
      : search.isPending
        ? "Searching…"
        : `${found.toLocaleString()} ${found === 1 ? "value" : "values"} found.`;
  /** The results answer what is typed now (not an earlier, shorter text still shown while typing). */
  const settled = q === text.trim() && !search.isFetching;
  return { search, items: search.items, q, more, status, settled };
}

/**
 * A text box with a list of options under it (the ARIA combobox pattern): the focus stays in the box,
 * the arrow keys move through the options, Enter picks one and Escape closes the list. The caller renders
 * the label (for `id`) and keeps the text, whether the list is open and which option is active.
 */
export function SearchCombobox({
  id,
  inputRef,
  listLabel,
  text,
  onTextChange,
  open,
  onOpenChange,
  options,
  active,
  onActiveChange,
  onEscape,
  onBlur,
  placeholder,
  describedBy,
  invalid,
  disabled,
  status,
  multiselectable,
}: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  listLabel: string;
  text: string;
  onTextChange: (text: string) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  options: SearchOption[];
  active: number;
  onActiveChange: (active: number) => void;
  /** Escape with the list open, after it closes. */
  onEscape?: () => void;
  /** The focus left the box, after the list closes. */
  onBlur?: () => void;
  placeholder?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
  status: string;
  /** The list holds several choices: `chosen` marks them, and the active option is only highlighted. */
  multiselectable?: boolean;
}) {
  const listId = `${id}-list`;
  const activeIndex = Math.min(active, options.length - 1);
  // An empty list stays hidden (the live status says that nothing was found).
  const shown = open && options.length > 0;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        onOpenChange(true);
        onActiveChange(0);
        return;
      }
      if (!options.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      onActiveChange((activeIndex + step + options.length) % options.length);
    } else if (e.key === "Enter" && open) {
      // With the list open, Enter picks the active option rather than submitting the form.
      e.preventDefault();
      options[activeIndex]?.pick();
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      onOpenChange(false);
      onEscape?.();
    }
  }

  return (
    <>
      <div className="relative">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-describedby={describedBy}
          aria-invalid={invalid ? true : undefined}
          aria-activedescendant={shown && activeIndex >= 0 ? `${id}-opt-${activeIndex}` : undefined}
          className={inputClass}
          placeholder={placeholder}
          disabled={disabled}
          value={text}
          onChange={(e) => {
            onTextChange(e.target.value);
            onOpenChange(true);
          }}
          onClick={() => onOpenChange(true)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            onOpenChange(false);
            onBlur?.();
          }}
        />
        <div
          id={listId}
          role="listbox"
          aria-label={listLabel}
          aria-multiselectable={multiselectable ? true : undefined}
          hidden={!shown}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((o, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input holds the focus and handles the keys (aria-activedescendant)
            <div
              key={o.key}
              tabIndex={-1}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={multiselectable ? (o.action ? undefined : Boolean(o.chosen)) : i === activeIndex}
              className={`flex cursor-pointer gap-2 px-3 py-1.5 ${i === activeIndex ? "bg-emerald-100 text-emerald-950" : "text-slate-900"} ${o.action ? "font-semibold text-emerald-800" : ""}`}
              // Keep the focus in the input: a click must not blur it (which would close the list first).
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                onActiveChange(i);
                o.pick();
              }}
            >
              {multiselectable && !o.action ? (
                <span aria-hidden="true" className="w-4 shrink-0 text-emerald-800">
                  {o.chosen ? "✓" : ""}
                </span>
              ) : null}
              <span>{o.label}</span>
            </div>
          ))}
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </>
  );
}

/**
 * Suggestions for a free-text facet field (a datalist): the most common values while the field is empty,
 * and the values containing what is typed, asked of the server, once something is typed, so that a value
 * beyond the summary's first few can still be found. Without a facet, none.
 */
export function useFacetSuggestions(facet: Facet | undefined, summary: FacetPage | undefined, text: string) {
  const typed = text.trim();
  // When the summary holds every value there is nothing more to ask.
  const ask = facet !== undefined && typed.length > 0 && summary?.nextCursor !== null;
  const { items } = useFacetSearch(facet ?? "department", typed, ask);
  if (!facet) return [];
  return (ask ? items : (summary?.items ?? [])).map((v) => v.value);
}

/** The datalist of a free-text facet field (see useFacetSuggestions); the field names it with `list={id}`. */
export function FacetDatalist({
  id,
  facet,
  summary,
  text,
}: {
  id: string;
  facet: Facet;
  summary: FacetPage | undefined;
  text: string;
}) {
  const values = useFacetSuggestions(facet, summary, text);
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
