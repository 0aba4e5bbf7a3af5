import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { type Answer, api, fieldErrorsOf, type Program, type Question, unwrap } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { describedBy, FieldError, fieldIds, TextAreaField, TextField } from "../../components/Field.tsx";
import { RatingField } from "../../components/RatingField.tsx";
import { useToast } from "../../components/Toast.tsx";
import { roleLabel } from "../../lib/labels.ts";
import { programKey } from "../../lib/programs.ts";

const requiredMark = <span className="font-normal text-slate-700"> (required)</span>;

function ChoiceQuestion({
  q,
  value,
  onChange,
  error,
}: {
  q: Extract<Question, { type: "choice" }>;
  value: Answer | undefined;
  onChange: (v: Answer | undefined) => void;
  error: string | undefined;
}) {
  const id = useId();
  const { errorId } = fieldIds(id);
  const picked = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return (
    <fieldset aria-describedby={describedBy(id, null, error)}>
      <legend className="text-sm font-medium text-slate-800">
        {q.label}
        {q.required ? requiredMark : null}
        {q.multiple ? <span className="font-normal text-slate-700"> — pick any that apply</span> : null}
      </legend>
      <div className="mt-2 space-y-1">
        {q.options.map((o, i) => {
          const optionId = `${id}-${i}`;
          const checked = picked.includes(o);
          return (
            <div key={o} className="flex items-center gap-2">
              <input
                id={optionId}
                type={q.multiple ? "checkbox" : "radio"}
                name={id}
                value={o}
                checked={checked}
                className="h-4 w-4"
                onChange={(e) => {
                  if (!q.multiple) onChange(o);
                  else {
                    const next = e.target.checked ? [...picked, o] : picked.filter((p) => p !== o);
                    onChange(next.length ? next : undefined);
                  }
                }}
              />
              <label htmlFor={optionId} className="text-sm text-slate-900">
                {o}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

function ScaleQuestion({
  q,
  value,
  onChange,
  error,
}: {
  q: Extract<Question, { type: "scale" }>;
  value: Answer | undefined;
  onChange: (v: Answer | undefined) => void;
  error: string | undefined;
}) {
  const hint =
    q.minLabel || q.maxLabel
      ? `${q.min} = ${q.minLabel || "lowest"}, ${q.max} = ${q.maxLabel || "highest"}`
      : `${q.min} is the lowest, ${q.max} the highest.`;
  return (
    <RatingField
      label={q.label}
      hint={hint}
      error={error}
      min={q.min}
      max={q.max}
      required={q.required}
      value={typeof value === "number" ? value : null}
      onChange={onChange}
    />
  );
}

export function QuestionField({
  q,
  value,
  onChange,
  error,
}: {
  q: Question;
  value: Answer | undefined;
  onChange: (v: Answer | undefined) => void;
  error: string | undefined;
}) {
  if (q.type === "choice") return <ChoiceQuestion q={q} value={value} onChange={onChange} error={error} />;
  if (q.type === "scale") return <ScaleQuestion q={q} value={value} onChange={onChange} error={error} />;
  const text = typeof value === "string" ? value : "";
  const label = (
    <>
      {q.label}
      {q.required ? requiredMark : null}
    </>
  );
  if (q.maxLength > 200) {
    return (
      <TextAreaField
        label={label}
        value={text}
        maxLength={q.maxLength}
        hint={`Up to ${q.maxLength} characters.`}
        onChange={(e) => onChange(e.target.value || undefined)}
        error={error}
      />
    );
  }
  return (
    <TextField
      label={label}
      value={text}
      maxLength={q.maxLength}
      onChange={(e) => onChange(e.target.value || undefined)}
      error={error}
    />
  );
}

/** Enrol in a program: pick the role (mentor/mentee…) and answer the intake questionnaire. */
export function EnrolForm({ program }: { program: Program }) {
  const qc = useQueryClient();
  const toast = useToast();
  const roleGroupId = useId();
  const available = program.enrolmentRoles.filter((r) => !program.me.enrolledAs.includes(r));
  const [role, setRole] = useState(available[0] ?? "");
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const enrol = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/programs/{id}/enrolments", {
          params: { path: { id: program.id } },
          body: { role, answers },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(programKey(p.id), p);
      void qc.invalidateQueries({ queryKey: ["programs"] });
      void qc.invalidateQueries({ queryKey: ["enrolments", p.id] });
      void qc.invalidateQueries({ queryKey: ["mentoring"] });
      void qc.invalidateQueries({ queryKey: ["organization-stats"] });
      setAnswers({});
      toast(`You are enrolled in ${p.name} as ${roleLabel(role).toLowerCase()}.`);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    enrol.mutate();
  };
  const fields = fieldErrorsOf(enrol.error);
  const errorFor = (qid: string) => fields[qid] ?? fields[`answers.${qid}`];
  if (available.length === 0) return null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Enrol">
      <FormAlert error={enrol.error} />
      {available.length > 1 ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Enrol as</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {available.map((r) => (
              <div key={r} className="flex items-center gap-2">
                <input
                  id={`${roleGroupId}-${r}`}
                  type="radio"
                  name="role"
                  value={r}
                  checked={role === r}
                  onChange={() => setRole(r)}
                  className="h-4 w-4"
                />
                <label htmlFor={`${roleGroupId}-${r}`} className="text-sm">
                  {roleLabel(r)}
                </label>
              </div>
            ))}
          </div>
          <FieldError id={`${roleGroupId}-error`} error={fields.role} />
        </fieldset>
      ) : (
        <p className="text-sm text-slate-800">
          You will enrol as <strong>{roleLabel(role).toLowerCase()}</strong>.
        </p>
      )}
      {program.questionnaire.map((q) => (
        <QuestionField
          key={q.id}
          q={q}
          value={answers[q.id]}
          error={errorFor(q.id)}
          onChange={(v) =>
            setAnswers((a) => {
              const next = { ...a };
              if (v === undefined) delete next[q.id];
              else next[q.id] = v;
              return next;
            })
          }
        />
      ))}
      <SubmitButton pending={enrol.isPending} pendingLabel="Enrolling…">
        Enrol as {roleLabel(role).toLowerCase()}
      </SubmitButton>
    </form>
  );
}
