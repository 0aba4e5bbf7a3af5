import { type FormEvent, useState } from "react";
import { type FieldErrors, fieldErrorsOf } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { CheckboxField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import { type CourseModule, type Lesson, ProblemAlert, useFocusOnMount } from "./shared.tsx";

export interface ModuleValues {
  title: string;
  summary: string;
}

/** A module's title and summary, to add a module or rename one. */
export function ModuleForm({
  module,
  label,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  module?: CourseModule;
  label: string;
  submitLabel: string;
  onSubmit: (values: ModuleValues) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
}) {
  const titleId = useFocusOnMount();
  const [title, setTitle] = useState(module?.title ?? "");
  const [summary, setSummary] = useState(module?.summary ?? "");
  const { shownError, validate } = useClientValidation(error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!title.trim()) errors.title = "Give the module a title.";
    if (summary.length > 2000) errors.summary = "Keep the summary to 2000 characters.";
    if (!validate(errors)) return;
    onSubmit({ title: title.trim(), summary: summary.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label} className="space-y-3">
      <ProblemAlert error={shownError} title="The module was not saved" />
      <TextField
        id={titleId}
        label="Module title"
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fields.title}
      />
      <TextAreaField
        label="Module summary"
        rows={2}
        maxLength={2000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        hint="Optional: what this part of the course covers."
        error={fields.summary}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export interface LessonValues {
  title: string;
  content: string;
  required: boolean;
  activityPrompt: string | null;
}

/** A lesson: its title, its Markdown text, whether completion needs it, and an optional hands-on activity. */
export function LessonForm({
  lesson,
  label,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  lesson?: Lesson;
  label: string;
  submitLabel: string;
  onSubmit: (values: LessonValues) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
}) {
  const titleId = useFocusOnMount();
  const [title, setTitle] = useState(lesson?.title ?? "");
  const [content, setContent] = useState(lesson?.content ?? "");
  const [required, setRequired] = useState(lesson?.required ?? true);
  const [hasActivity, setHasActivity] = useState(Boolean(lesson?.activityPrompt));
  const [prompt, setPrompt] = useState(lesson?.activityPrompt ?? "");
  const { shownError, validate } = useClientValidation(error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!title.trim()) errors.title = "Give the lesson a title.";
    if (content.length > 100_000) errors.content = "Keep the lesson to 100,000 characters.";
    if (hasActivity && !prompt.trim())
      errors.activityPrompt = "Describe the activity, or untick “Includes a hands-on activity”.";
    if (prompt.length > 4000) errors.activityPrompt = "Keep the activity to 4000 characters.";
    if (!validate(errors)) return;
    onSubmit({
      title: title.trim(),
      content,
      required,
      activityPrompt: hasActivity ? prompt.trim() : null,
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label} className="space-y-3">
      <ProblemAlert error={shownError} title="The lesson was not saved" />
      <TextField
        id={titleId}
        label="Lesson title"
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fields.title}
      />
      <TextAreaField
        label="Lesson text (Markdown)"
        rows={12}
        className="space-y-1 [&_textarea]:font-mono [&_textarea]:text-sm"
        value={content}
        onChange={(e) => setContent(e.target.value)}
        hint="Markdown: # Heading, **bold**, *italic*, - lists, 1. numbered lists, [link text](https://…), ![image](https://…), tables and `code`. HTML is shown as plain text."
        error={fields.content}
      />
      <CheckboxField
        label="Required to complete the course"
        hint="Untick for optional reading that completion does not need."
        checked={required}
        onChange={(e) => setRequired(e.target.checked)}
      />
      <CheckboxField
        label="Includes a hands-on activity"
        hint="Trainees submit their work as text or a link; the trainer accepts it or asks for a revision, and the lesson is done once accepted."
        checked={hasActivity}
        onChange={(e) => setHasActivity(e.target.checked)}
      />
      {hasActivity ? (
        <TextAreaField
          label="Activity"
          required
          rows={3}
          maxLength={4000}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          hint="What to do and what to submit, e.g. “Record a two-minute feedback conversation and share the link.”"
          error={fields.activityPrompt}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
