import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { auth } from "../../api/auth.ts";
import { assertValid, type FieldErrors, fieldErrorsOf, safeNext } from "../../api/client.ts";
import { useMeQuery } from "../../api/session.ts";
import { CheckboxField, TextField } from "../../components/Field.tsx";
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
  const [secondFactor, setSecondFactor] = useState(false);
  const signedIn = () => {
    qc.removeQueries();
    navigate(next, { replace: true });
  };

  const signIn = useMutation({
    mutationFn: async () => {
      const errors: FieldErrors = {};
      if (!email.trim()) errors.email = "Enter your email address.";
      if (!password) errors.password = "Enter your password.";
      assertValid(errors);
      return auth.signIn(email.trim(), password);
    },
    onSuccess: (answer) => {
      if (answer?.twoFactorRedirect) setSecondFactor(true);
      else signedIn();
    },
  });

  if (me.data) return <Navigate to={next} replace />;
  if (secondFactor) return <SecondFactorStep onDone={signedIn} />;

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

function SecondFactorStep({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState("");
  const [backup, setBackup] = useState(false);
  const [trust, setTrust] = useState(false);
  const verify = useMutation({
    mutationFn: async () => {
      const value = code.replace(/\s+/g, "");
      if (!value)
        assertValid({ code: backup ? "Enter one of your backup codes." : "Enter the 6-digit code." });
      if (backup) await auth.verifyBackupCode(value);
      else await auth.verifyTotp(value, trust);
    },
    onSuccess: onDone,
  });
  const fields = fieldErrorsOf(verify.error);
  return (
    <>
      <AuthHeading title="Two-step verification">
        {backup
          ? "Enter one of the backup codes you saved when you set up two-step verification. Each works once."
          : "Enter the 6-digit code from your authenticator app."}
      </AuthHeading>
      <AuthForm mutation={verify} submitLabel="Verify" pendingLabel="Verifying…">
        <TextField
          label={backup ? "Backup code" : "Code"}
          name="code"
          inputMode={backup ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoFocus
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fields.code}
        />
        {backup ? null : (
          <CheckboxField
            label="Trust this browser for 30 days"
            checked={trust}
            onChange={(e) => setTrust(e.target.checked)}
          />
        )}
      </AuthForm>
      <p className="mt-6 text-sm">
        <button
          type="button"
          className="font-semibold text-emerald-800 underline underline-offset-2"
          onClick={() => {
            setBackup(!backup);
            setCode("");
          }}
        >
          {backup ? "Use the code from your app instead" : "Lost your phone? Use a backup code"}
        </button>
      </p>
    </>
  );
}
