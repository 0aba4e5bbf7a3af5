import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { FacetPicker } from "../../../components/FacetPicker.tsx";
import { EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { fromLocalInput, zoneLabel } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { todayIn } from "../../../lib/mentoring.ts";
import { trainingKeys } from "../../../lib/training.ts";
import { SENIORITY_OPTIONS } from "../../people/AdminPersonForms.tsx";
import { PeoplePicker, type PersonRef } from "../authoring/PeoplePicker.tsx";
import { type AssignmentDetail, type AssignmentTarget, ProblemAlert, plural } from "../authoring/shared.tsx";

type TargetKind = AssignmentTarget["kind"];

const TARGET_KINDS: Record<TargetKind, { label: string; hint: string }> = {
  department: {
    label: "Departments",
    hint: "Everyone in the departments you choose, as their profiles say today.",
  },
  seniority: { label: "Seniority range", hint: "Everyone from one seniority level to another." },
  people: { label: "Specific people", hint: "People you pick by name." },
};

/** The day after a YYYY-MM-DD date. */
const nextDay = (isoDate: string) => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Assigns a published course, as mandatory training, to a group — departments, a seniority range or
 * people picked by name — with a due date. Each assignee gets reminders a week and a day before, and once
 * overdue.
 */
export function AssignForm({ onAssigned }: { onAssigned: (a: AssignmentDetail) => void }) {
  const { person } = useSession();
  const tz = person.timeZone;
  const qc = useQueryClient();
  const toast = useToast();
  const id = useId();
  const courses = useQuery({
    queryKey: [...trainingKeys.courses, "published"],
    queryFn: () =>
      unwrap(api.GET("/api/training/courses", { params: { query: { status: "published", limit: 200 } } })),
  });
  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
  });
  const [courseId, setCourseId] = useState("");
  const [kind, setKind] = useState<TargetKind>("department");
  const [departments, setDepartments] = useState<string[]>([]);
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");
  const [people, setPeople] = useState<PersonRef[]>([]);
  const [due, setDue] = useState("");
  const [note, setNote] = useState("");
  const assign = useMutation({
    mutationFn: (body: { courseId: string; target: AssignmentTarget; dueAt: string; note: string }) =>
      unwrap(api.POST("/api/training/assignments", { body })),
    onSuccess: (a) => {
      qc.setQueryData(trainingKeys.assignment(a.id), a);
      void qc.invalidateQueries({ queryKey: trainingKeys.assignments });
      toast(`Assigned “${a.course.title}” to ${plural(a.assigneeCount, "person", "people")}.`);
      onAssigned(a);
    },
  });
  const { shownError, validate } = useClientValidation(assign.error);
  const fields = fieldErrorsOf(shownError);
  const today = todayIn(tz);

  if (courses.isPending) return <Loading label="Loading the courses…" />;
  if (courses.isError) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  const published = courses.data.items;
  if (published.length === 0) {
    return (
      <EmptyState title="No published course to assign">
        <p>
          Only published courses can be made mandatory. Publish one from the{" "}
          <Link to="/training/courses">course catalog</Link> first.
        </p>
      </EmptyState>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!courseId) errors.courseId = "Choose the course to assign.";
    let target: AssignmentTarget | null = null;
    if (kind === "department") {
      if (departments.length === 0) errors["target.departments"] = "Choose at least one department.";
      target = { kind, departments };
    } else if (kind === "seniority") {
      const lo = Number(min);
      const hi = Number(max);
      if (!min) errors["target.min"] = "Choose the lowest level.";
      if (!max) errors["target.max"] = "Choose the highest level.";
      else if (min && hi < lo) errors["target.max"] = "The highest level must not be below the lowest.";
      target = { kind, min: lo, max: hi };
    } else {
      if (people.length === 0) errors["target.personIds"] = "Pick at least one person.";
      target = { kind, personIds: people.map((p) => p.id) };
    }
    const dueAt = due ? fromLocalInput(`${due}T23:59`, tz) : null;
    if (!due || !dueAt) errors.dueAt = "Choose the due date.";
    else if (due <= today) errors.dueAt = "Choose a date after today.";
    if (note.length > 2000) errors.note = "Keep the note to 2000 characters.";
    if (!validate(errors) || !target || !dueAt) return;
    assign.mutate({ courseId, target, dueAt, note: note.trim() });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Assign a course">
      <ProblemAlert error={shownError} title="The course was not assigned" />
      <SelectField
        label="Course"
        required
        value={courseId}
        onChange={(e) => setCourseId(e.target.value)}
        placeholder="Choose a published course"
        options={published.map((c) => ({ value: c.id, label: c.title }))}
        hint={
          published.find((c) => c.id === courseId)?.validityMonths
            ? "Its certificate expires, so people are due again for re-certification when theirs runs out."
            : "Only published courses are listed."
        }
        error={fields.courseId}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Assign to</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {(Object.keys(TARGET_KINDS) as TargetKind[]).map((k) => (
            <label
              key={k}
              className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
                kind === k ? "border-emerald-700 bg-emerald-50" : "border-slate-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name={`${id}-target`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="mt-1"
              />
              <span>
                <span className="block font-semibold">{TARGET_KINDS[k].label}</span>
                <span className="text-slate-700">{TARGET_KINDS[k].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === "department" ? (
        facets.isPending ? (
          <Loading label="Loading the departments…" />
        ) : facets.data?.departments.total === 0 ? (
          <p className="text-sm text-slate-700">
            Nobody has a department on their profile yet. Pick people by name, or by seniority, instead.
          </p>
        ) : (
          <FacetPicker
            facet="department"
            label="Departments"
            noun="departments"
            values={departments}
            onChange={setDepartments}
            max={50}
            none="No department chosen yet."
            error={fields["target.departments"]}
          />
        )
      ) : null}
      {kind === "seniority" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Lowest seniority level"
            required
            value={min}
            onChange={(e) => setMin(e.target.value)}
            placeholder="Choose a level"
            options={SENIORITY_OPTIONS}
            error={fields["target.min"]}
          />
          <SelectField
            label="Highest seniority level"
            required
            value={max}
            onChange={(e) => setMax(e.target.value)}
            placeholder="Choose a level"
            options={SENIORITY_OPTIONS}
            error={fields["target.max"]}
          />
        </div>
      ) : null}
      {kind === "people" ? (
        <PeoplePicker
          label="People"
          values={people}
          onChange={setPeople}
          max={500}
          hint="Search and choose each person to assign."
          error={fields["target.personIds"]}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Due date"
          type="date"
          required
          min={nextDay(today)}
          value={due}
          onChange={(e) => setDue(e.target.value)}
          hint={`Due by the end of that day (23:59, ${zoneLabel(tz)}). Reminders go out a week and a day before.`}
          error={fields.dueAt}
        />
      </div>
      <TextAreaField
        label="Note to the assignees"
        rows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        hint="Optional: why the training is required, e.g. “Required for everyone handling customer data.” Shown on their training page."
        error={fields.note}
      />
      <SubmitButton pending={assign.isPending} pendingLabel="Assigning…">
        Assign the course
      </SubmitButton>
    </form>
  );
}
