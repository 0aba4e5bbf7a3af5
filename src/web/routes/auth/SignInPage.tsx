import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { auth } from "../../api/auth.ts";
import { assertValid, type FieldErrors, fieldErrorsOf, safeNext } from "../../api/client.ts";
import { useMeQuery } from "../../api/session.ts";
import { TextField } from "../../components/Field.tsx";
import { usePageTitle } from "../../components/Page.tsx";
import { AuthForm, AuthHeading } from "./AuthForm.tsx";

export default function SignInPage() {
  usePageTitle("Sign in");
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const me = useMeQuery();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const signIn = useMutation({
    mutationFn: async () => {
      const errors: FieldErrors = {};
      if (!email.trim()) errors.email = "Enter your email address.";
      if (!password) errors.password = "Enter your password.";
      assertValid(errors);
      await auth.signIn(email.trim(), password);
    },
    onSuccess: () => {
      qc.removeQueries();
      navigate(next, { replace: true });
    },
  });

  if (me.data) return <Navigate to={next} replace />;

  const fields = fieldErrorsOf(signIn.error);

  return (
    <>
      <AuthHeading title="Sign in">Welcome back to Trellis.</AuthHeading>
      <AuthForm mutation={signIn} submitLabel="Sign in" pendingLabel="Signing in…">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
      </AuthForm>
      <p className="mt-6 text-sm">
        <Link to="/forgot-password" className="font-semibold">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-2 text-sm text-slate-700">
        New here? Trellis accounts are created by invitation. Ask your organization's admin to invite you.
      </p>
    </>
  );
}
