import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm " +
  "focus:border-emerald-700 focus:outline-none focus:ring-2 focus:ring-emerald-700 " +
  "aria-[invalid=true]:border-red-700 disabled:bg-slate-100";

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  children: ReactNode;
  className?: string | undefined;
}

export function fieldIds(id: string) {
  return { hintId: `${id}-hint`, errorId: `${id}-error` };
}

export function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  const { hintId, errorId } = fieldIds(id);
  const ids = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The caller's id if given, otherwise a generated one. */
function useFieldId(id: string | undefined): string {
  const generated = useId();
  return id ?? generated;
}

/** The props every text-like control shares: id, styling, required and its ties to hint and error. */
function controlProps(id: string, hint: unknown, error: string | undefined, required: boolean | undefined) {
  return {
    id,
    className: inputClass,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  };
}

/** The red star after the label of a field that must be filled; screen readers hear `required` instead. */
export function RequiredMark({ required }: { required?: boolean | undefined }) {
  return required ? (
    <span className="text-red-700" aria-hidden="true">
      {" "}
      *
    </span>
  ) : null;
}

/** Label, control, hint and error, tied together with ids. */
export function FieldShell({ id, label, hint, error, required, children, className }: FieldShellProps) {
  const { hintId, errorId } = fieldIds(id);
  return (
    <div className={className ?? "space-y-1"}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        <RequiredMark required={required} />
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="text-sm font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
  className?: string;
};

export function TextField({ label, hint, error, id, className, required, ...rest }: TextFieldProps) {
  const fieldId = useFieldId(id);
  return (
    <FieldShell
      id={fieldId}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
    >
      <input {...controlProps(fieldId, hint, error, required)} {...rest} />
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
  className?: string;
};

export function TextAreaField({ label, hint, error, id, className, required, ...rest }: TextAreaFieldProps) {
  const fieldId = useFieldId(id);
  return (
    <FieldShell
      id={fieldId}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
    >
      <textarea {...controlProps(fieldId, hint, error, required)} rows={4} {...rest} />
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
  className?: string;
  options: readonly (string | { value: string; label: string })[];
  placeholder?: string;
};

export function SelectField({
  label,
  hint,
  error,
  id,
  className,
  options,
  placeholder,
  required,
  ...rest
}: SelectFieldProps) {
  const fieldId = useFieldId(id);
  return (
    <FieldShell
      id={fieldId}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
    >
      <select {...controlProps(fieldId, hint, error, required)} {...rest}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </FieldShell>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type"> & {
  label: ReactNode;
  hint?: ReactNode;
  id?: string;
};

export function CheckboxField({ label, hint, id, ...rest }: CheckboxFieldProps) {
  const fieldId = useFieldId(id);
  const hintId = `${fieldId}-hint`;
  return (
    <div className="flex items-start gap-2">
      <input
        id={fieldId}
        type="checkbox"
        className="mt-1 h-4 w-4 rounded border-slate-500 text-emerald-700 focus:ring-2 focus:ring-emerald-700"
        aria-describedby={hint ? hintId : undefined}
        {...rest}
      />
      <div>
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
