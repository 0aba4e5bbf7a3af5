import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { auth, MIN_PASSWORD_LENGTH, passwordErrors } from "../../api/auth.ts";
import { assertValid, fieldErrorsOf } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";

export default function AccountSecurityPage() {
  usePageTitle("Password and sign-in");
  return (
    <>
      <PageHeader
        title="Password and sign-in"
        description="Keep your account safe. Changing your password signs you out on every other device."
      />
      <Section title="Change your password">
        <Card className="max-w-lg">
          <ChangePasswordForm />
        </Card>
      </Section>
    </>
  );
}

function ChangePasswordForm() {
  const toast = useToast();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const change = useMutation({
    mutationFn: async () => {
      const errors = passwordErrors(password, confirm);
      if (!current) errors.currentPassword = "Enter your current password.";
      assertValid(errors);
      await auth.changePassword(current, password);
    },
    onSuccess: () => {
      setCurrent("");
      setPassword("");
      setConfirm("");
      toast("Your password has been changed. Your other devices are signed out.");
    },
  });
  const fields = fieldErrorsOf(change.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert error={change.error} />
      <TextField
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not a commonly used password.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password ?? fields.newPassword}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={fields.confirm}
      />
      <SubmitButton pending={change.isPending} pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
