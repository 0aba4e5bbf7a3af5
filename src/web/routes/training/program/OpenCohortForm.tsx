import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TimeZoneField } from "../../../components/TimeZoneField.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import { todayIn } from "../../../lib/mentoring.ts";
import { trainingKeys } from "../../../lib/training.ts";
import { PeoplePicker, type PersonRef } from "../authoring/PeoplePicker.tsx";
import { ProblemAlert, useFocusOnMount } from "../authoring/shared.tsx";

const MAX_TRAINERS = 5;

/**
 * Opens a cohort of a published course in a training program: its name, dates, seats, the time zone its
 * sessions are planned in, and one to five trainers. Trainees then enrol from the cohort's page; once the
 * seats are taken, they join the waitlist.
 */
export function OpenCohortForm({ programId, onDone }: { programId: string; onDone: () => void }) {
  const { person } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const courses = useQuery({
    queryKey: [...trainingKeys.courses, "published"],
    queryFn: () =>
      unwrap(api.GET("/api/training/courses", { params: { query: { status: "published", limit: 200 } } })),
  });
  const [courseId, setCourseId] = useState("");
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [seats, setSeats] = useState("20");
  const [timeZone, setTimeZone] = useState(person.timeZone);
  const [trainers, setTrainers] = useState<PersonRef[]>([]);
  const courseFieldId = useFocusOnMount(courses.isSuccess);
  const open = useMutation({
    mutationFn: (body: Schemas["CohortInput"]) =>
      unwrap(api.POST("/api/programs/{id}/training/cohorts", { params: { path: { id: programId } }, body })),
    onSuccess: (cohort) => {
      void qc.invalidateQueries({ queryKey: trainingKeys.programCohorts(programId) });
      void qc.invalidateQueries({ queryKey: trainingKeys.dashboard(programId) });
      void qc.invalidateQueries({ queryKey: trainingKeys.courses });
      void qc.invalidateQueries({ queryKey: trainingKeys.course(cohort.course.id) });
      toast(`Opened the cohort “${cohort.name}”. Trainees can enrol from its page.`);
      onDone();
    },
  });
  const { shownError, validate } = useClientValidation(open.error);
  const fields = fieldErrorsOf(shownError);

  if (courses.isPending) return <Loading label="Loading the courses…" />;
  if (courses.isError) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  const published = courses.data.items;
  if (published.length === 0) {
    return (
      <EmptyState title="No published course yet">
        <p>
          A cohort runs a published course. Create and publish one in the{" "}
          <Link to="/training/courses">course catalog</Link>, then come back to open a cohort.
        </p>
      </EmptyState>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const seatCount = /^\s*\d+\s*$/.test(seats) ? Number(seats) : Number.NaN;
    if (!courseId) errors.courseId = "Choose the course this cohort runs.";
    if (!name.trim()) errors.name = "Name the cohort, e.g. by season or place.";
    if (!start) errors.startDate = "Choose the first day.";
    if (!end) errors.endDate = "Choose the last day.";
    else if (start && end < start) errors.endDate = "The last day cannot be before the first.";
    if (!Number.isInteger(seatCount) || seatCount < 1 || seatCount > 1000)
      errors.seats = "Enter a whole number of seats from 1 to 1000.";
    if (trainers.length === 0) errors.trainerIds = "Choose at least one trainer.";
    if (!validate(errors)) return;
    open.mutate({
      courseId,
      name: name.trim(),
      startDate: start,
      endDate: end,
      seats: seatCount,
      timeZone,
      trainerIds: trainers.map((t) => t.id),
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Open a cohort">
      <ProblemAlert error={shownError} title="The cohort was not opened" />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          id={courseFieldId}
          label="Course"
          required
          value={courseId}
          onChange={(e) => setCourseId(e.target.value)}
          placeholder="Choose a published course"
          options={published.map((c) => ({ value: c.id, label: c.title }))}
          error={fields.courseId}
        />
        <TextField
          label="Cohort name"
          required
          maxLength={160}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Spring 2026 · Berlin"
          error={fields.name}
        />
        <TextField
          label="First day"
          type="date"
          required
          min={todayIn(timeZone)}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          error={fields.startDate}
        />
        <TextField
          label="Last day"
          type="date"
          required
          min={start || todayIn(timeZone)}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          error={fields.endDate}
        />
        <TextField
          label="Seats"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={1000}
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
          hint="Once they are taken, people who enrol join the waitlist and are offered freed seats in turn."
          error={fields.seats}
        />
        <TimeZoneField
          label="Time zone of the sessions"
          value={timeZone}
          onChange={setTimeZone}
          error={fields.timeZone}
        />
      </div>
      <PeoplePicker
        label="Trainers"
        values={trainers}
        onChange={setTrainers}
        max={MAX_TRAINERS}
        hint={`One to ${MAX_TRAINERS}. Trainers schedule sessions, take attendance and grade.`}
        error={fields.trainerIds}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={open.isPending} pendingLabel="Opening…">
          Open the cohort
        </SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
