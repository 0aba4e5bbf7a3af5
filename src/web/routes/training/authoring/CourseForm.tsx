import { type FormEvent, useState } from "react";
import { type FieldErrors, fieldErrorsOf } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { TagListEditor } from "../../../components/TagListEditor.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import { type CourseSummary, ProblemAlert } from "./shared.tsx";

export interface CourseValues {
  title: string;
  summary: string;
  competencies: string[];
  minAttendancePct: number;
  validityMonths: number | null;
}

/** Whole numbers only: "12" is 12, "12.5", "" and "abc" are not. */
const wholeNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

/**
 * A course's details: title, summary, the competencies it builds and its completion and certificate
 * rules. Used to create a course (no `course`) and to edit one.
 */
export function CourseForm({
  course,
  onSubmit,
  onCancel,
  pending,
  error,
  submitLabel,
}: {
  course?: CourseSummary;
  onSubmit: (values: CourseValues) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
}) {
  const [title, setTitle] = useState(course?.title ?? "");
  const [summary, setSummary] = useState(course?.summary ?? "");
  const [competencies, setCompetencies] = useState<string[]>(course?.competencies ?? []);
  const [attendance, setAttendance] = useState(String(course?.minAttendancePct ?? 80));
  const [validity, setValidity] = useState(course?.validityMonths ? String(course.validityMonths) : "");
  const { shownError, validate } = useClientValidation(error);
  const fields = fieldErrorsOf(shownError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const minAttendancePct = wholeNumber(attendance);
    const validityMonths = validity.trim() === "" ? null : wholeNumber(validity);
    if (!title.trim()) errors.title = "Give the course a title.";
    else if (title.trim().length > 160) errors.title = "Keep the title to 160 characters.";
    if (summary.length > 4000) errors.summary = "Keep the summary to 4000 characters.";
    if (minAttendancePct === null || minAttendancePct > 100)
      errors.minAttendancePct = "Enter a whole percentage from 0 to 100.";
    if (validity.trim() !== "" && (validityMonths === null || validityMonths < 1 || validityMonths > 120))
      errors.validityMonths = "Enter a whole number of months from 1 to 120, or leave it empty.";
    if (competencies.some((c) => c.length > 80))
      errors.competencies = "Keep each competency to 80 characters.";
    if (!validate(errors)) return;
    onSubmit({
      title: title.trim(),
      summary: summary.trim(),
      competencies,
      minAttendancePct: minAttendancePct ?? 80,
      validityMonths,
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={submitLabel}>
      <ProblemAlert error={shownError} title="The course was not saved" />
      <TextField
        label="Title"
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fields.title}
      />
      <TextAreaField
        label="Summary"
        rows={4}
        maxLength={4000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        hint="Who the course is for and what they will be able to do afterwards. Shown in the catalog."
        error={fields.summary}
      />
      <TagListEditor
        label="Competencies"
        values={competencies}
        onChange={setCompetencies}
        max={20}
        placeholder="e.g. Giving feedback"
        hint="The skills the course builds, up to 20. They appear on the certificate."
        error={fields.competencies}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Minimum attendance (%)"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          required
          value={attendance}
          onChange={(e) => setAttendance(e.target.value)}
          hint="Share of a cohort's sessions a trainee attends to complete. 0 for no attendance rule."
          error={fields.minAttendancePct}
        />
        <TextField
          label="Certificate valid for (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          value={validity}
          onChange={(e) => setValidity(e.target.value)}
          hint="Leave empty if the certificate never expires. Mandatory training is due again when it does."
          error={fields.validityMonths}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
