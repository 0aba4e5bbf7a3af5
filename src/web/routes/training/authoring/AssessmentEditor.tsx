import { type FormEvent, useState } from "react";
import { api, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { CheckboxField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  type AssessmentDraft,
  type CriterionDraft,
  newDraft,
  type QuestionDraft,
  toDraft,
  toQuiz,
  toRubric,
} from "./assessmentDraft.ts";
import { QuizBuilder } from "./QuizBuilder.tsx";
import { RubricBuilder } from "./RubricBuilder.tsx";
import { ASSESSMENT_KIND_LABELS, type Assessment, ProblemAlert, useFocusOnMount } from "./shared.tsx";
import { useCourseMutation } from "./useCourseMutation.ts";

type Input = NonNullable<ReturnType<typeof toQuiz>["value"] | ReturnType<typeof toRubric>["value"]>;

/**
 * Adds a quiz or a practical evaluation to a course, or edits one (`assessment` given): title,
 * instructions, whether completion needs it, the pass mark and, for a quiz, attempts, time limit and the
 * questions with their key; for a practical, the rubric. The server checks the quiz or rubric again and
 * lists any problem it finds.
 */
export function AssessmentEditor({
  courseId,
  kind,
  assessment,
  onDone,
}: {
  courseId: string;
  kind: "quiz" | "practical";
  assessment?: Assessment;
  onDone: () => void;
}) {
  const titleId = useFocusOnMount();
  const [draft, setDraft] = useState<AssessmentDraft>(() =>
    assessment ? toDraft(assessment) : newDraft(kind),
  );
  const save = useCourseMutation(
    courseId,
    (body: Input) => {
      if (!assessment)
        return unwrap(
          api.POST("/api/training/courses/{id}/assessments", { params: { path: { id: courseId } }, body }),
        );
      const { kind: _kind, ...patch } = body;
      return unwrap(
        api.PATCH("/api/training/assessments/{id}", { params: { path: { id: assessment.id } }, body: patch }),
      );
    },
    (_c, body) =>
      assessment
        ? `Saved “${body.title}”.`
        : `Added the ${ASSESSMENT_KIND_LABELS[body.kind].toLowerCase()} “${body.title}”.`,
    onDone,
  );
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);
  const label = ASSESSMENT_KIND_LABELS[draft.kind];
  const formLabel = assessment ? `Edit ${assessment.title}` : `New ${label.toLowerCase()}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = draft.kind === "quiz" ? toQuiz(draft) : toRubric(draft);
    if (!validate(checked.errors) || !checked.value) return;
    save.mutate(checked.value);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={formLabel}>
      <h3 className="text-lg font-semibold">{formLabel}</h3>
      <ProblemAlert
        error={shownError}
        title={draft.kind === "quiz" ? "The quiz was not saved" : "The practical evaluation was not saved"}
      />
      <TextField
        id={titleId}
        label="Title"
        required
        maxLength={160}
        value={draft.title}
        onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        error={fields.title}
      />
      <TextAreaField
        label="Instructions"
        rows={3}
        maxLength={4000}
        value={draft.instructions}
        onChange={(e) => setDraft({ ...draft, instructions: e.target.value })}
        hint={
          draft.kind === "quiz"
            ? "What trainees should know before they start, shown above the questions."
            : "What the trainee does and how the trainer observes it, e.g. a role-played feedback conversation."
        }
        error={fields.instructions}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Pass mark (%)"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          required
          value={draft.passMark}
          onChange={(e) => setDraft({ ...draft, passMark: e.target.value })}
          hint={
            draft.kind === "quiz" ? "Share of the points to pass." : "Share of the rubric's points to pass."
          }
          error={fields.passMarkPct}
        />
        {draft.kind === "quiz" ? (
          <>
            <TextField
              label="Attempts allowed"
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              required
              value={draft.maxAttempts}
              onChange={(e) => setDraft({ ...draft, maxAttempts: e.target.value })}
              hint="From 1 to 20."
              error={fields.maxAttempts}
            />
            <TextField
              label="Time limit (minutes)"
              type="number"
              inputMode="numeric"
              min={1}
              max={600}
              value={draft.timeLimit}
              onChange={(e) => setDraft({ ...draft, timeLimit: e.target.value })}
              hint="Leave empty for no time limit."
              error={fields.timeLimitMinutes}
            />
          </>
        ) : null}
      </div>
      <CheckboxField
        label="Required to complete the course"
        hint="Trainees must pass it for their certificate. Untick for a practice assessment."
        checked={draft.required}
        onChange={(e) => setDraft({ ...draft, required: e.target.checked })}
      />
      <section aria-label={draft.kind === "quiz" ? "Questions" : "Rubric"} className="space-y-2">
        <h4 className="font-semibold">{draft.kind === "quiz" ? "Questions" : "Rubric"}</h4>
        {draft.kind === "quiz" ? (
          <QuizBuilder
            questions={draft.questions}
            onChange={(questions: QuestionDraft[]) => setDraft({ ...draft, questions })}
            errors={fields}
          />
        ) : (
          <RubricBuilder
            criteria={draft.rubric}
            onChange={(rubric: CriterionDraft[]) => setDraft({ ...draft, rubric })}
            errors={fields}
          />
        )}
      </section>
      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4">
        <SubmitButton pending={save.isPending}>
          {assessment ? "Save changes" : `Add the ${label.toLowerCase()}`}
        </SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
