import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { isSsoErrorCode, SSO_ERROR_MESSAGES } from "../../../domain/sso/sign-in-errors.ts";
import { auth } from "../../api/auth.ts";
import { assertValid, type FieldErrors, fieldErrorsOf, safeNext } from "../../api/client.ts";
import { useMeQuery } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { ErrorAlertBox } from "../../components/Feedback.tsx";
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
  const ssoError = params.get("sso_error");
  const [withSso, setWithSso] = useState(isSsoErrorCode(ssoError));
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
  if (withSso) {
    return (
      <SingleSignOnStep
        initialEmail={email}
        error={isSsoErrorCode(ssoError) ? SSO_ERROR_MESSAGES[ssoError] : null}
        onPassword={() => setWithSso(false)}
      />
    );
  }

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
      <div className="mt-4">
        <Button variant="secondary" className="w-full" onClick={() => setWithSso(true)}>
          Sign in with single sign-on
        </Button>
      </div>
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

/**
 * Single sign-on leaves the app: /api/sso/start redirects to the organization's identity provider, which
 * comes back to /api/sso/callback.
 */
function SingleSignOnStep({
  initialEmail,
  error,
  onPassword,
}: {
  initialEmail: string;
  error: string | null;
  onPassword: () => void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [problem, setProblem] = useState<string | undefined>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setProblem("Enter your work email address, e.g. name@example.com.");
      return;
    }
    // A navigation, not a form post: the CSP's form-action 'self' would stop the redirect to the provider.
    window.location.assign(`/api/sso/start?email=${encodeURIComponent(email.trim())}`);
  };
  return (
    <>
      <AuthHeading title="Sign in with single sign-on">
        Enter your work email. We will send you to your organization's sign-in page.
      </AuthHeading>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {error ? (
          <ErrorAlertBox ref={null}>
            <p className="font-semibold">Single sign-on did not work</p>
            <p>{error}</p>
          </ErrorAlertBox>
        ) : null}
        <TextField
          label="Work email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem}
        />
        <Button type="submit" className="w-full">
          Continue
        </Button>
      </form>
      <p className="mt-6 text-sm">
        <button
          type="button"
          className="font-semibold text-emerald-800 underline underline-offset-2"
          onClick={onPassword}
        >
          Sign in with a password instead
        </button>
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
