import { MIN_PASSWORD_LENGTH } from "../../api/auth.ts";
import type { FieldErrors } from "../../api/client.ts";
import { TextField } from "../../components/Field.tsx";

/** Choosing a password: the field and its repetition, with the policy as the hint. */
export function NewPasswordFields({
  label,
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
}: {
  label: "Password" | "New password";
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: FieldErrors;
}) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not a commonly used password.`}
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.password ?? errors.newPassword}
      />
      <TextField
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
      />
    </>
  );
}
