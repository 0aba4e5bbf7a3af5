import { useId } from "react";
import { describedBy, FieldError, fieldIds } from "./Field.tsx";

/** A 1–5 (or min–max) rating as a group of radio buttons that look like square buttons. */
export function RatingField({
  label,
  value,
  onChange,
  hint,
  error,
  min = 1,
  max = 5,
  required,
}: {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  hint?: string;
  error?: string | undefined;
  min?: number;
  max?: number;
  required?: boolean;
}) {
  const id = useId();
  const { hintId, errorId } = fieldIds(id);
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend className="text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="font-normal text-slate-700"> (required)</span> : null}
      </legend>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {values.map((v) => {
          const optionId = `${id}-${v}`;
          return (
            <div key={v}>
              <input
                id={optionId}
                type="radio"
                name={id}
                value={v}
                checked={value === v}
                onChange={() => onChange(v)}
                className="peer sr-only"
              />
              <label
                htmlFor={optionId}
                className="flex h-10 w-10 cursor-pointer items-center justify-center rounded-md border border-slate-400 bg-white text-sm font-semibold text-slate-900 peer-checked:border-emerald-800 peer-checked:bg-emerald-800 peer-checked:text-white peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-emerald-700"
              >
                {v}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
