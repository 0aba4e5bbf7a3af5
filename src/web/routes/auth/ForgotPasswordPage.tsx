import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { auth } from "../../api/auth.ts";
import { assertValid, fieldErrorsOf } from "../../api/client.ts";
import { SuccessMessage } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { usePageTitle } from "../../components/Page.tsx";
import { AuthForm, AuthHeading } from "./AuthForm.tsx";

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

  return (
    <>
      <AuthHeading title="Forgot your password?">
        We will email you a link to choose a new one. The link works for one hour.
      </AuthHeading>
      {request.isSuccess ? (
        <SuccessMessage>
          If <strong>{request.data}</strong> has a Trellis account, a reset link is on its way. Check your
          inbox.
        </SuccessMessage>
      ) : (
        <AuthForm mutation={request} submitLabel="Send reset link" pendingLabel="Sending…">
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
        </AuthForm>
      )}
      <p className="mt-6 text-sm">
        <Link to="/sign-in" className="font-semibold">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
