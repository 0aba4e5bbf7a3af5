import {
  PersonResults,
  PersonSearchInput,
  titleAndDepartment,
  usePersonSearch,
} from "../../components/PersonSearch.tsx";

/**
 * Whom a manager takes the advisor for: themselves, or someone who reports to them (directly or through
 * others), found by searching their reports.
 */
export function SubjectPicker({
  subject,
  onBehalf,
  onChoose,
}: {
  subject: { id: string; name: string };
  onBehalf: boolean;
  onChoose: (person: { id: string; name: string } | null) => void;
}) {
  const search = usePersonSearch({ reportsTo: "me", minLength: 0 });
  const { query } = search;
  return (
    <fieldset className="max-w-lg space-y-2">
      <legend className="text-sm font-medium text-slate-800">For</legend>
      <p className="text-sm text-slate-800" aria-live="polite">
        {onBehalf ? (
          <>
            Answering for <strong>{subject.name}</strong>, who reports to you.{" "}
            <button
              type="button"
              className="ml-2 font-semibold text-emerald-800 underline"
              onClick={() => onChoose(null)}
            >
              Answer for yourself instead
            </button>
          </>
        ) : (
          <>
            Answering for <strong>yourself</strong>.
          </>
        )}
      </p>
      <PersonSearchInput
        search={search}
        label="Someone who reports to you"
        placeholder="Search your reports by name"
        hint="Managers can take the advisor on behalf of someone who reports to them."
      />
      <PersonResults
        search={search}
        items={search.items.filter((p) => p.id !== subject.id)}
        failed="Could not search your reports. Try again."
        none={query ? `None of your reports matches “${query}”.` : "Nobody else reports to you."}
        listLabel="Your reports"
        scrolls
        details={titleAndDepartment}
        chooseSuffix=" to answer for them"
        onChoose={(p) => onChoose({ id: p.id, name: p.name })}
      />
    </fieldset>
  );
}
