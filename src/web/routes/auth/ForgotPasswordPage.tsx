import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { auth } from "../../api/auth.ts";
import { assertValid, fieldErrorsOf } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { FormAlert, SuccessMessage } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { usePageTitle } from "../../components/Page.tsx";

export default function ForgotPasswordPage() {
  usePageTitle("Forgot password");
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: async () => {
      const value = email.trim();
      assertValid(/^\S+@\S+\.\S+$/.test(value) ? {} : { email: "Enter the email address you sign in with." });
      await auth.requestPasswordReset(value);
      return value;
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };

  return (
    <>
      <h1 className="mb-1 text-2xl font-bold text-slate-900">Forgot your password?</h1>
      <p className="mb-6 text-slate-700">
        We will email you a link to choose a new one. The link works for one hour.
      </p>
      {request.isSuccess ? (
        <SuccessMessage>
          If <strong>{request.data}</strong> has a Trellis account, a reset link is on its way. Check your
          inbox.
        </SuccessMessage>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormAlert error={request.error} />
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrorsOf(request.error).email}
          />
          <SubmitButton pending={request.isPending} pendingLabel="Sending…" className="w-full">
            Send reset link
          </SubmitButton>
        </form>
      )}
      <p className="mt-6 text-sm">
        <Link to="/sign-in" className="font-semibold">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
